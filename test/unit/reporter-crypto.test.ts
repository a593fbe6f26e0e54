// The reporter-side primitives: token format and derivation, case-key sealing, proofs of work,
// and the server's authenticated challenges.
import { describe, expect, it } from 'vitest';
import {
  newCaseKey,
  openMessage,
  openReport,
  openSealedCaseKey,
  sealCaseKeyFor,
  sealMessage,
  sealReport,
  SEALED_CASE_KEY_BYTES,
  unwrapCaseKeyFromMailbox,
  wrapCaseKeyForMailbox,
} from '../../src/crypto/case-keys.ts';
import { deriveMailboxCredentials, MailboxTokenError, newMailboxToken, parseMailboxToken } from '../../src/crypto/mailbox-token.ts';
import { proofOfWorkHolds, solveProofOfWork } from '../../src/crypto/proof-of-work.ts';
import { newRandomId } from '../../src/crypto/random-id.ts';
import { mintChallenge, readChallenge } from '../../src/crypto/server/challenge-token.ts';
import { randomBytes } from '../../src/crypto/server/keyed-hash.ts';
import { generateStaffKeyPair } from '../../src/crypto/staff-keys.ts';

const ORG = '7d3c1a52-0000-4000-8000-000000000001';
const CASE = '7d3c1a52-0000-4000-8000-000000000002';

describe('mailbox token', () => {
  it('is 24 Crockford characters in six groups, 120 bits, and parses back', async () => {
    const token = await newMailboxToken();
    expect(token).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(parseMailboxToken(token)).toHaveLength(15);
    expect(await newMailboxToken()).not.toBe(token);
  });

  it('refuses a token of the wrong length or with foreign characters', () => {
    expect(() => parseMailboxToken('ABCD-EFGH')).toThrow(MailboxTokenError);
    expect(() => parseMailboxToken('ABCD-EFGH-JKMN-PQRS-TVWX-YZ0U')).toThrow(MailboxTokenError);
  });

  it('derives the same lookup id, authenticator and mailbox key every time, all different', async () => {
    const token = await newMailboxToken();
    const a = await deriveMailboxCredentials(token);
    const b = await deriveMailboxCredentials(token.toLowerCase());
    expect(a).toEqual(b);
    expect(a.lookupId).toHaveLength(16);
    expect(Buffer.from(a.authenticator).equals(Buffer.from(a.mailboxKey))).toBe(false);
    expect((await deriveMailboxCredentials(await newMailboxToken())).lookupId).not.toEqual(a.lookupId);
  });
});

describe('case keys', () => {
  it('seal the key for a recipient, who alone opens it', async () => {
    const recipient = await generateStaffKeyPair();
    const other = await generateStaffKeyPair();
    const key = await newCaseKey();
    const sealed = await sealCaseKeyFor(recipient.publicKey, key);
    expect(sealed).toHaveLength(SEALED_CASE_KEY_BYTES);
    expect(await openSealedCaseKey(sealed, recipient.publicKey, recipient.privateKey)).toEqual(key);
    await expect(openSealedCaseKey(sealed, other.publicKey, other.privateKey)).rejects.toThrow();
  });

  it('bind the report to its organisation and case, and messages to their id and author', async () => {
    const key = await newCaseKey();
    const report = await sealReport(key, 'texte', ORG, CASE);
    expect(await openReport(key, report, ORG, CASE)).toBe('texte');
    await expect(openReport(key, report, ORG, ORG)).rejects.toThrow();
    const at = { organisationId: ORG, caseId: CASE, messageId: ORG, author: 'staff' as const };
    const message = await sealMessage(key, 'bonjour', at);
    expect(await openMessage(key, message, at)).toBe('bonjour');
    await expect(openMessage(key, message, { ...at, author: 'reporter' })).rejects.toThrow();
    const wrapped = await wrapCaseKeyForMailbox(await newCaseKey(), key, ORG, CASE);
    await expect(unwrapCaseKeyFromMailbox(key, wrapped, ORG, CASE)).rejects.toThrow();
  });
});

describe('proof of work', () => {
  it('is found by the solver and checked in one hash', async () => {
    const challenge = await randomBytes(43);
    const nonce = await solveProofOfWork(challenge, 10);
    expect(await proofOfWorkHolds(challenge, nonce, 10)).toBe(true);
    expect(await proofOfWorkHolds(challenge, nonce, 24)).toBe(false);
    expect(await proofOfWorkHolds(challenge, nonce.subarray(0, 4), 0)).toBe(false);
  });

  it('challenges read back only when untouched and made with the same key', async () => {
    const key = await randomBytes(32);
    const expiresAt = new Date('2026-01-05T09:10:00Z');
    const challenge = await mintChallenge(key, 'mailbox-login', 12, expiresAt);
    expect(await readChallenge(key, challenge)).toMatchObject({ purpose: 'mailbox-login', bits: 12, expiresAt });
    expect(await readChallenge(await randomBytes(32), challenge)).toBeNull();
    for (const index of [0, 1, 2, 5, 20, 40]) {
      const altered = challenge.slice();
      altered[index] = (altered[index] ?? 0) ^ 1;
      expect(await readChallenge(key, altered)).toBeNull();
    }
  });
});

describe('client-drawn ids', () => {
  it('are lower-case UUID v4, all different', async () => {
    const ids = await Promise.all(Array.from({ length: 50 }, () => newRandomId()));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(50);
  });
});
