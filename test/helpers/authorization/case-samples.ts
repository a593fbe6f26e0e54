// Samples of the routes on cases: the staff case routes, the reporter's mailbox, and documents on
// both sides. Each request is one a holder could make in the state of the case it names, so the
// one caller reaching it gets the handler's success; one-shot actions each have a case of their own.
import { randomBytes } from 'node:crypto';
import { sealCaseKeyFor, sealCaseNote, sealMessage } from '../../../src/crypto/case-keys.ts';
import { fromBase64Url, toBase64Url } from '../../../src/crypto/encoding.ts';
import { newRandomId } from '../../../src/crypto/random-id.ts';
import { localDateOf } from '../../../src/domain/calendar.ts';
import type { Caller } from './callers.ts';
import { prepareDocument, type DocumentHome } from './document-uploads.ts';
import { OWN, onCase, read, type RouteSample } from './route-sample.ts';
import type { AuthorizationWorld } from './world.ts';

/** A reporter writes in their own case, under its key; anyone else can only use some other key. */
function homeOf(world: AuthorizationWorld, caller: Caller): DocumentHome {
  if (caller.reporter) {
    const place = caller.reporter.documents();
    return { organisationId: place.organisationId, caseId: place.caseId, caseKey: place.caseKey };
  }
  return { ...world.cases.main, caseKey: new Uint8Array(randomBytes(32)) };
}

const mailboxDocuments = '/api/v1/mailbox/documents';
const caseDocuments = (w: AuthorizationWorld) => `/api/v1/cases/${w.cases.main.caseId}/documents`;
const casePath = (w: AuthorizationWorld, name: keyof AuthorizationWorld['cases'], rest = '') => `/api/v1/cases/${w.cases[name].caseId}${rest}`;

export const CASE_SAMPLES: Record<string, RouteSample> = {
  'GET /api/v1/cases': read(OWN, () => '/api/v1/cases'),
  'GET /api/v1/cases/:id': read(onCase('main'), (w) => casePath(w, 'main')),
  'POST /api/v1/cases/:id/messages': {
    scope: onCase('main'),
    answers: '201',
    request: async (w) => {
      const id = await newRandomId();
      const { organisationId, caseId, caseKey } = w.cases.main;
      const ciphertext = await sealMessage(caseKey, 'Pouvez-vous préciser la date ?', { organisationId, caseId, messageId: id, author: 'staff' });
      return { method: 'POST', path: casePath(w, 'main', '/messages'), json: { id, ciphertext: toBase64Url(ciphertext) } };
    },
  },
  'POST /api/v1/cases/:id/transitions': {
    scope: onCase('main'),
    answers: '200',
    request: (w) => ({ method: 'POST', path: casePath(w, 'main', '/transitions'), json: { action: 'start_admissibility_review' } }),
  },
  // Shared with a referent who is no caller, so no caller's access changes.
  'POST /api/v1/cases/:id/shares': {
    scope: onCase('main'),
    answers: '201',
    request: async (w) => {
      const publicKey = w.spareReferent.client.self?.publicKey;
      if (!publicKey) throw new Error('the spare referent has no public key');
      const sealedKey = toBase64Url(await sealCaseKeyFor(fromBase64Url(publicKey), w.cases.main.caseKey));
      return { method: 'POST', path: casePath(w, 'main', '/shares'), json: { recipient: w.spareReferent.accountId, sealedKey } };
    },
  },
  'POST /api/v1/cases/:id/recusal': { scope: onCase('recusal'), answers: '201', request: (w) => ({ method: 'POST', path: casePath(w, 'recusal', '/recusal'), json: {} }) },
  // The committee member's vote decides the case (quorum 1); the owner, a referent, may not vote.
  'POST /api/v1/cases/:id/votes': {
    scope: onCase('vote'),
    answers: '201',
    request: async (w) => {
      const id = await newRandomId();
      const { organisationId, caseId, caseKey } = w.cases.vote;
      const reason = await sealCaseNote(caseKey, 'Faits établis par les pièces.', 'vote-reason', { organisationId, caseId, noteId: id });
      return { method: 'POST', path: casePath(w, 'vote', '/votes'), json: { id, choice: 'follow_up', followUpKind: 'disciplinary', reason: toBase64Url(reason) } };
    },
  },
  'POST /api/v1/cases/:id/identity-disclosures': {
    scope: onCase('main'),
    answers: '201',
    request: async (w) => {
      const id = await newRandomId();
      const { organisationId, caseId, caseKey } = w.cases.main;
      const details = await sealCaseNote(caseKey, 'Au procureur, à sa demande écrite.', 'disclosure', { organisationId, caseId, noteId: id });
      return { method: 'POST', path: casePath(w, 'main', '/identity-disclosures'), json: { id, legalBasis: 'consent', consentGiven: true, details: toBase64Url(details) } };
    },
  },
  'POST /api/v1/cases/:id/meeting-held': {
    scope: onCase('meeting'),
    answers: '201',
    request: (w) => ({ method: 'POST', path: casePath(w, 'meeting', '/meeting-held'), json: {} }),
  },
  // Recorded by a referent holding the case or by the organisation's DPO (a correction is allowed).
  'PUT /api/v1/cases/:id/proceedings-end': {
    scope: onCase('proceedings', ['dpo']),
    answers: '200',
    request: (w) => ({ method: 'PUT', path: casePath(w, 'proceedings', '/proceedings-end'), json: { endedOn: localDateOf(w.t.clock.now(), 'metropole') } }),
  },

  'GET /api/v1/mailbox': read(OWN, () => '/api/v1/mailbox'),
  'POST /api/v1/mailbox/messages': {
    scope: OWN,
    answers: '201',
    request: async (w, caller) => {
      const id = await newRandomId();
      const { organisationId, caseId, caseKey } = homeOf(w, caller);
      const ciphertext = await sealMessage(caseKey, 'Je confirme la date.', { organisationId, caseId, messageId: id, author: 'reporter' });
      return { method: 'POST', path: '/api/v1/mailbox/messages', json: { id, ciphertext: toBase64Url(ciphertext) } };
    },
  },
  'POST /api/v1/mailbox/meeting-requests': { scope: OWN, answers: '201', request: () => ({ method: 'POST', path: '/api/v1/mailbox/meeting-requests', json: {} }) },
  'DELETE /api/v1/mailbox/session': { scope: OWN, answers: '204', endsSession: true, request: () => ({ method: 'DELETE', path: '/api/v1/mailbox/session' }) },

  'GET /api/v1/mailbox/documents': read(OWN, () => mailboxDocuments),
  'POST /api/v1/mailbox/documents': {
    scope: OWN,
    answers: '201',
    request: async (w, caller) => ({ method: 'POST', path: mailboxDocuments, json: (await prepareDocument(homeOf(w, caller))).announcement }),
  },
  'GET /api/v1/mailbox/documents/:documentId': read(onCase('main'), (w) => `${mailboxDocuments}/${w.documents.complete}`),
  'PUT /api/v1/mailbox/documents/:documentId/chunks': {
    scope: onCase('main'),
    answers: '200',
    request: (w) => ({ method: 'PUT', path: `${mailboxDocuments}/${w.documents.reporterPending.id}/chunks?from=0`, bytes: w.documents.reporterPending.chunk }),
  },
  'GET /api/v1/mailbox/documents/:documentId/content': read(onCase('main'), (w) => `${mailboxDocuments}/${w.documents.complete}/content`),
  'DELETE /api/v1/mailbox/documents/:documentId': {
    scope: onCase('main'),
    answers: '204',
    request: (w) => ({ method: 'DELETE', path: `${mailboxDocuments}/${w.documents.reporterAbandoned}` }),
  },

  'GET /api/v1/cases/:caseId/documents': read(onCase('main'), caseDocuments),
  'POST /api/v1/cases/:caseId/documents': {
    scope: onCase('main'),
    answers: '201',
    request: async (w) => ({ method: 'POST', path: caseDocuments(w), json: (await prepareDocument(w.cases.main)).announcement }),
  },
  'GET /api/v1/cases/:caseId/documents/:documentId': read(onCase('main'), (w) => `${caseDocuments(w)}/${w.documents.complete}`),
  'PUT /api/v1/cases/:caseId/documents/:documentId/chunks': {
    scope: onCase('main'),
    answers: '200',
    request: (w) => ({ method: 'PUT', path: `${caseDocuments(w)}/${w.documents.staffPending.id}/chunks?from=0`, bytes: w.documents.staffPending.chunk }),
  },
  'GET /api/v1/cases/:caseId/documents/:documentId/content': read(onCase('main'), (w) => `${caseDocuments(w)}/${w.documents.complete}/content`),
  'DELETE /api/v1/cases/:caseId/documents/:documentId': {
    scope: onCase('main'),
    answers: '204',
    request: (w) => ({ method: 'DELETE', path: `${caseDocuments(w)}/${w.documents.staffAbandoned}` }),
  },
};
