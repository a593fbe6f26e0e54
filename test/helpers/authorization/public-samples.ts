// Samples of the public routes: pages, intake, activation and logins. Each caller gets the same
// answer, a real success wherever one can be repeated for every caller.
import { VigieHttp } from '../../../src/client/http.ts';
import { earnProofOfWork } from '../../../src/client/proof-of-work-client.ts';
import { prepareFiling, type IntakeDescription } from '../../../src/client/reporter-client.ts';
import { toBase64Url } from '../../../src/crypto/encoding.ts';
import { deriveMailboxCredentials } from '../../../src/crypto/mailbox-token.ts';
import { SEALED_PRIVATE_KEY_BYTES, STAFF_SALT_BYTES } from '../../../src/crypto/staff-keys.ts';
import { totpCodeAt } from '../../../src/crypto/totp.ts';
import { randomBytes } from 'node:crypto';
import { sampleReport } from '../factories.ts';
import { OWN, read, type RouteSample } from './route-sample.ts';

const random = (bytes: number) => toBase64Url(new Uint8Array(randomBytes(bytes)));

export const PUBLIC_SAMPLES: Record<string, RouteSample> = {
  'GET /api/docs': read(OWN, () => '/api/docs'),
  'GET /health': read(OWN, () => '/health'),
  'GET /': read(OWN, () => '/'),
  'GET /assets/:file': read(OWN, (w) => `/assets/${w.assetFile}`),
  'GET /o/:slug': read(OWN, (w) => `/o/${w.slug}`),
  'GET /o/:slug/report': read(OWN, (w) => `/o/${w.slug}/report`),
  'GET /o/:slug/mailbox': read(OWN, (w) => `/o/${w.slug}/mailbox`),
  'GET /staff': read(OWN, () => '/staff'),
  'GET /staff/*': read(OWN, () => '/staff/cases'),
  'GET /api/v1/keys/receipt': read(OWN, () => '/api/v1/keys/receipt'),
  'GET /api/v1/orgs/:slug/intake': read(OWN, (w) => `/api/v1/orgs/${w.slug}/intake`),

  // Starting an activation may be repeated until it completes.
  'POST /api/v1/staff/activation': { scope: OWN, answers: '200', request: (w) => ({ method: 'POST', path: '/api/v1/staff/activation', json: { code: w.invitationCode } }) },
  // Completing one is done once per invitation: every caller sends a well-formed completion of a code
  // that names no invitation, which the handler answers 404 (the route's own answer, not a refusal).
  'POST /api/v1/staff/activation/complete': {
    scope: OWN,
    answers: '404 not_found',
    request: () => ({
      method: 'POST',
      path: '/api/v1/staff/activation/complete',
      json: { code: random(32), salt: random(STAFF_SALT_BYTES), authValue: random(32), publicKey: random(32), sealedPrivateKey: random(SEALED_PRIVATE_KEY_BYTES), totpCode: '123456' },
    }),
  },
  'POST /api/v1/staff/prelogin': { scope: OWN, answers: '200', request: (w) => ({ method: 'POST', path: '/api/v1/staff/prelogin', json: { organisation: w.slug, email: w.loginProbe.email } }) },
  // A real login of an account that is no caller; its one-time code needs the next 30-second step.
  'POST /api/v1/staff/session': {
    scope: OWN,
    answers: '200',
    request: async (w) => {
      w.t.clock.advance(30_000);
      const totpCode = await totpCodeAt(w.loginProbe.totpSecret, w.t.clock.now());
      return { method: 'POST', path: '/api/v1/staff/session', json: { organisation: w.slug, email: w.loginProbe.email, authValue: w.loginProbe.authValue, totpCode } };
    },
  },
  'POST /api/v1/challenges': { scope: OWN, answers: '201', request: () => ({ method: 'POST', path: '/api/v1/challenges', json: { purpose: 'filing' } }) },
  // A real filing each time, sealed for a referent who is no caller.
  'POST /api/v1/orgs/:slug/reports': {
    scope: OWN,
    answers: '201',
    request: async (w) => {
      const http = new VigieHttp(w.t.baseUrl);
      const intake = await http.expect<IntakeDescription>(200, 'GET', `/api/v1/orgs/${w.slug}/intake`);
      const filing = await prepareFiling(intake, sampleReport('MATRIX-PUBLIC'), { recipients: [w.spareReferent.accountId] }, await earnProofOfWork(http, 'filing'));
      return { method: 'POST', path: `/api/v1/orgs/${w.slug}/reports`, json: filing.body };
    },
  },
  // A real mailbox login (of a case whose reporter is no caller), each with its own proof of work.
  'POST /api/v1/mailbox/session': {
    scope: OWN,
    answers: '204',
    request: async (w) => {
      const credentials = await deriveMailboxCredentials(w.meetingMailboxToken);
      const proofOfWork = await earnProofOfWork(new VigieHttp(w.t.baseUrl), 'mailbox-login');
      return {
        method: 'POST',
        path: '/api/v1/mailbox/session',
        json: { lookupId: toBase64Url(credentials.lookupId), authenticator: toBase64Url(credentials.authenticator), proofOfWork },
      };
    },
  },
};
