// Samples of the routes on a staff member's own account and of the admin's, DPO's and managers'
// routes. Routes naming one resource name one of organisation A; the member of B reaches only
// its own organisation's.
import { randomBytes } from 'node:crypto';
import { toBase64Url } from '../../../src/crypto/encoding.ts';
import { generateRecoveryKeyPair } from '../../../src/crypto/recovery-key.ts';
import { SEALED_PRIVATE_KEY_BYTES, STAFF_SALT_BYTES, deriveStaffSecrets, newStaffSalt, sealStaffPrivateKey } from '../../../src/crypto/staff-keys.ts';
import type { Caller, MatrixRequest } from './callers.ts';
import { ORGANISATION, OWN, read, type RouteSample } from './route-sample.ts';

const random = (bytes: number) => toBase64Url(new Uint8Array(randomBytes(bytes)));
let made = 0;
const unique = (prefix: string) => `${prefix}-${++made}`;

/**
 * A real change of passphrase (to the same passphrase, under a new salt), as the staff client makes
 * it; a caller without a live staff session sends a well-formed change it could never prove.
 */
async function passphraseChange(caller: Caller): Promise<MatrixRequest> {
  const path = '/api/v1/staff/me/passphrase';
  const client = caller.staff?.client;
  if (!caller.liveSession || !client?.self?.email || !client.privateKey) {
    return { method: 'POST', path, json: { currentAuthValue: random(32), salt: random(STAFF_SALT_BYTES), authValue: random(32), sealedPrivateKey: random(SEALED_PRIVATE_KEY_BYTES) } };
  }
  const { self, privateKey } = client;
  const passphrase = caller.staff!.credentials.passphrase;
  const current = await client.deriveAuthValue(self.organisation.slug, self.email!, passphrase);
  const salt = await newStaffSalt();
  const next = await deriveStaffSecrets(passphrase, salt, self.newPassphraseKdf);
  const sealed = await sealStaffPrivateKey(next.keyEncryptionKey, privateKey, self.organisation.id, self.id);
  current.keyEncryptionKey.fill(0);
  next.keyEncryptionKey.fill(0);
  return { method: 'POST', path, json: { currentAuthValue: toBase64Url(current.authValue), salt: toBase64Url(salt), authValue: toBase64Url(next.authValue), sealedPrivateKey: toBase64Url(sealed) } };
}

const MONTHS = '?from=2026-01&to=2026-01';

export const ACCOUNT_SAMPLES: Record<string, RouteSample> = {
  'GET /api/v1/staff/me': read(OWN, () => '/api/v1/staff/me'),
  'POST /api/v1/staff/me/passphrase': { scope: OWN, answers: '204', request: (_w, caller) => passphraseChange(caller) },
  'GET /api/v1/staff/me/notifications': read(OWN, () => '/api/v1/staff/me/notifications'),
  'PUT /api/v1/staff/me/notifications': { scope: OWN, answers: '204', request: () => ({ method: 'PUT', path: '/api/v1/staff/me/notifications', json: { mode: 'digest' } }) },
  'DELETE /api/v1/staff/session': { scope: OWN, answers: '204', endsSession: true, request: () => ({ method: 'DELETE', path: '/api/v1/staff/session' }) },

  'GET /api/v1/admin/staff': read(OWN, () => '/api/v1/admin/staff'),
  'POST /api/v1/admin/staff': {
    scope: OWN,
    answers: '201',
    request: () => ({ method: 'POST', path: '/api/v1/admin/staff', json: { email: `${unique('invited-by-matrix')}@example.org`, displayName: 'Invité', roles: ['referent'] } }),
  },
  // The never-activated account of A: re-invited, given a role, disabled (each may be repeated).
  'POST /api/v1/admin/staff/:id/invitation': { scope: ORGANISATION, answers: '201', request: (w) => ({ method: 'POST', path: `/api/v1/admin/staff/${w.invitedAccountId}/invitation` }) },
  'PUT /api/v1/admin/staff/:id/roles': { scope: ORGANISATION, answers: '200', request: (w) => ({ method: 'PUT', path: `/api/v1/admin/staff/${w.invitedAccountId}/roles`, json: { roles: ['committee'] } }) },
  'POST /api/v1/admin/staff/:id/disable': { scope: ORGANISATION, answers: '200', request: (w) => ({ method: 'POST', path: `/api/v1/admin/staff/${w.invitedAccountId}/disable` }) },
  'GET /api/v1/admin/intake': read(OWN, () => '/api/v1/admin/intake'),
  'PATCH /api/v1/admin/intake': { scope: OWN, answers: '200', request: () => ({ method: 'PATCH', path: '/api/v1/admin/intake', json: { offersMeetings: true } }) },
  'POST /api/v1/admin/categories': {
    scope: OWN,
    answers: '201',
    request: () => ({ method: 'POST', path: '/api/v1/admin/categories', json: { code: unique('matrix-category'), label: { fr: 'Nouvelle catégorie', en: 'New category' } } }),
  },
  'PATCH /api/v1/admin/categories/:code': {
    scope: ORGANISATION,
    answers: '200',
    request: (w) => ({ method: 'PATCH', path: `/api/v1/admin/categories/${w.categoryCode}`, json: { label: { fr: 'Libellé revu', en: 'Revised label' } } }),
  },
  'PUT /api/v1/admin/recovery-key': {
    scope: OWN,
    answers: '204',
    request: async () => ({ method: 'PUT', path: '/api/v1/admin/recovery-key', json: { publicKey: toBase64Url((await generateRecoveryKeyPair()).publicKey) } }),
  },
  'GET /api/v1/admin/audit': read(OWN, () => '/api/v1/admin/audit'),
  'GET /api/v1/admin/audit/verification': read(OWN, () => '/api/v1/admin/audit/verification'),

  'GET /api/v1/dpo/retention': read(OWN, () => '/api/v1/dpo/retention'),
  // A hold on the main case (one hold per case: only the DPO of A reaches it, once).
  'POST /api/v1/dpo/holds': {
    scope: ORGANISATION,
    answers: '201',
    request: (w) => ({ method: 'POST', path: '/api/v1/dpo/holds', json: { caseId: w.cases.main.caseId, reason: 'Enquête préliminaire en cours' } }),
  },
  'POST /api/v1/dpo/holds/:id/release': { scope: ORGANISATION, answers: '200', request: (w) => ({ method: 'POST', path: `/api/v1/dpo/holds/${w.holdId}/release`, json: {} }) },
  'GET /api/v1/dpo/purge-log': read(OWN, () => '/api/v1/dpo/purge-log'),
  'GET /api/v1/dpo/purge-log.csv': read(OWN, () => '/api/v1/dpo/purge-log.csv'),
  'GET /api/v1/indicators': read(OWN, () => `/api/v1/indicators${MONTHS}`),
  'GET /api/v1/indicators.csv': read(OWN, () => `/api/v1/indicators.csv${MONTHS}`),
};
