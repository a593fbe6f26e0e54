// The reporter's mailbox: login with the token, sessions, replies; a wrong token and an unknown
// one answer exactly alike; the reporter's session opens nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earnProofOfWork } from '../../src/client/proof-of-work-client.ts';
import { ReporterClient, type FiledAlert } from '../../src/client/reporter-client.ts';
import { fromBase64Url, toBase64Url } from '../../src/crypto/encoding.ts';
import { deriveMailboxCredentials, newMailboxToken, parseMailboxToken } from '../../src/crypto/mailbox-token.ts';
import { organisationWithReferents, sampleReport } from '../helpers/factories.ts';
import { intakeRowCounts } from '../helpers/intake-rows.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let filed: FiledAlert;
let slug: string;

beforeAll(async () => {
  t = await startTestApp();
  const { organisation } = await organisationWithReferents(t, 1);
  slug = organisation.slug;
  filed = await new ReporterClient(t.baseUrl).file(organisation.slug, sampleReport('MAILBOX'));
});
afterAll(async () => t.close());

async function loginAttempt(reporter: ReporterClient, lookupId: Uint8Array, authenticator: Uint8Array) {
  return reporter.http.send<Record<string, unknown>>('POST', '/api/v1/mailbox/session', {
    lookupId: toBase64Url(lookupId),
    authenticator: toBase64Url(authenticator),
    proofOfWork: await earnProofOfWork(reporter.http, 'mailbox-login'),
  });
}

describe('mailbox login', () => {
  it('sets no cookie before the mailbox login, and none while filing', async () => {
    const reporter = new ReporterClient(t.baseUrl);
    await reporter.intake(slug);
    await reporter.file(slug, sampleReport('NO-COOKIE'));
    expect(reporter.http.cookieNames()).toEqual([]);
  });

  it('answers a wrong token and an unknown token exactly alike', async () => {
    const reporter = new ReporterClient(t.baseUrl);
    const right = await deriveMailboxCredentials(filed.token);
    const stranger = await deriveMailboxCredentials(await newMailboxToken());
    const wrongAuthenticator = await loginAttempt(reporter, right.lookupId, stranger.authenticator);
    const unknownLookup = await loginAttempt(reporter, stranger.lookupId, stranger.authenticator);
    expect(wrongAuthenticator.status).toBe(401);
    expect(unknownLookup.status).toBe(401);
    expect(wrongAuthenticator.body).toEqual(unknownLookup.body);
    for (const header of ['content-type', 'content-length', 'set-cookie']) expect(wrongAuthenticator.headers.get(header)).toBe(unknownLookup.headers.get(header));
    expect(reporter.http.cookieNames()).toEqual([]);
  });

  it('accepts the token however it is typed (case, spaces, O for 0)', async () => {
    const sloppy = filed.token.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    expect(parseMailboxToken(sloppy)).toEqual(parseMailboxToken(filed.token));
    const reporter = new ReporterClient(t.baseUrl);
    expect((await reporter.openMailbox(sloppy)).caseReference).toBe(filed.caseReference);
  });

  it('refuses a proof of work used twice, even for the right token', async () => {
    const reporter = new ReporterClient(t.baseUrl);
    const proof = await earnProofOfWork(reporter.http, 'mailbox-login');
    await reporter.openMailbox(filed.token, proof);
    const again = new ReporterClient(t.baseUrl);
    await expect(again.openMailbox(filed.token, proof)).rejects.toThrow(/409/);
  });
});

describe('mailbox session', () => {
  it('ends after 15 idle minutes, and on leaving (with Clear-Site-Data)', async () => {
    const reporter = new ReporterClient(t.baseUrl);
    await reporter.openMailbox(filed.token);
    t.clock.advance(14 * 60_000);
    await reporter.refresh();
    t.clock.advance(14 * 60_000);
    await reporter.refresh();
    t.clock.advance(15 * 60_000);
    const expired = await reporter.http.send<{ code: string }>('GET', '/api/v1/mailbox');
    expect([expired.status, expired.body.code]).toEqual([401, 'mailbox_session_required']);

    await reporter.openMailbox(filed.token);
    const left = await reporter.http.send('DELETE', '/api/v1/mailbox/session');
    expect(left.status).toBe(204);
    expect(left.headers.get('clear-site-data')).toContain('"cookies"');
    expect(left.headers.get('cache-control')).toContain('no-store');
    expect((await reporter.http.send('GET', '/api/v1/mailbox')).status).toBe(401);
  });

  it('opens no staff route, and a staff session opens no mailbox', async () => {
    const reporter = new ReporterClient(t.baseUrl);
    await reporter.openMailbox(filed.token);
    expect((await reporter.http.send('GET', '/api/v1/cases')).status).toBe(401);
    expect((await reporter.http.send('GET', `/api/v1/cases/${filed.caseId}`)).status).toBe(401);
    const { referents } = await organisationWithReferents(t, 1);
    expect((await referents[0]!.client.http.send('GET', '/api/v1/mailbox')).status).toBe(401);
  });

  it('refuses malformed or oversized replies and writes nothing', async () => {
    const reporter = new ReporterClient(t.baseUrl);
    await reporter.openMailbox(filed.token);
    const before = await intakeRowCounts(t);
    const badVersion = fromBase64Url(toBase64Url(new Uint8Array(64).fill(7)));
    const wrongVersion = await reporter.http.send<{ code: string }>('POST', '/api/v1/mailbox/messages', { id: crypto.randomUUID(), ciphertext: toBase64Url(badVersion) });
    expect([wrongVersion.status, wrongVersion.body.code]).toEqual([400, 'invalid_ciphertext']);
    const huge = new Uint8Array(40 * 1024);
    huge[0] = 1;
    const tooLong = await reporter.http.send<{ code: string }>('POST', '/api/v1/mailbox/messages', { id: crypto.randomUUID(), ciphertext: toBase64Url(huge) });
    expect(tooLong.status).toBe(413);
    const noId = await reporter.http.send<{ code: string }>('POST', '/api/v1/mailbox/messages', { ciphertext: toBase64Url(huge.subarray(0, 100)) });
    expect([noId.status, noId.body.code]).toEqual([400, 'validation_failed']);
    expect(await intakeRowCounts(t)).toEqual({ ...before });
  });
});
