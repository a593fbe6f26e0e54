// The reporter's mailbox once its case is purged (DESIGN.md §6): for MAILBOX_GRACE_DAYS the token
// opens the signed closure notice alone (no session, nothing else), then nothing — the same 401 as a
// wrong token; with a grace period of 0 nothing is kept at all. Real app, real database, the
// reporter's own client; the clock starts on Monday 5 January 2026, 09:00Z (10:00 in Paris).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earnProofOfWork } from '../../src/client/proof-of-work-client.ts';
import { MailboxPurgedError, ReporterClient, type FiledAlert } from '../../src/client/reporter-client.ts';
import { StaffCasesClient } from '../../src/client/staff-cases-client.ts';
import { StaffWorkflowClient } from '../../src/client/staff-workflow-client.ts';
import { fromBase64Url, toBase64Url } from '../../src/crypto/encoding.ts';
import { deriveMailboxCredentials, newMailboxToken } from '../../src/crypto/mailbox-token.ts';
import { receiptSignatureHolds, type SignedReceipt } from '../../src/crypto/receipts.ts';
import { findJob } from '../../src/jobs/registry.ts';
import { organisationWithReferents, sampleReport, type ActiveStaff } from '../helpers/factories.ts';
import { databaseContains } from '../helpers/database-search.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const DAY = 86_400_000;

async function runPurge(t: TestApp): Promise<string[]> {
  const report = await findJob('purge')!.run(t.services, { dryRun: false });
  expect(report.ok).toBe(true);
  return report.lines;
}

async function purgedMailboxCount(t: TestApp): Promise<number> {
  const result = await t.services.db.execute(sql`select count(*)::int as n from purged_mailboxes`);
  const rows: unknown[] = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return Number((rows[0] as { n: number }).n);
}

/** Files an alert and has the referent declare it inadmissible at once: closed, signed closure notice, R1 (due today). */
async function fileAndCloseAsInadmissible(t: TestApp, slug: string, referent: ActiveStaff, marker: string): Promise<FiledAlert> {
  const filed = await new ReporterClient(t.baseUrl).file(slug, sampleReport(marker));
  const cases = new StaffCasesClient(referent.client);
  const flow = new StaffWorkflowClient(cases);
  await flow.transition(await cases.open(filed.caseId), 'start_admissibility_review');
  const closed = await flow.transition(await cases.open(filed.caseId), 'declare_inadmissible', `Hors du champ des alertes ${marker}`);
  expect(closed).toMatchObject({ state: 'closed', outcome: 'inadmissible' });
  return filed;
}

/** A login attempt with raw credentials, as a client that does not know the token would make. */
async function loginAttempt(t: TestApp, lookupId: Uint8Array, authenticator: Uint8Array) {
  const reporter = new ReporterClient(t.baseUrl);
  return reporter.http.send<Record<string, unknown>>('POST', '/api/v1/mailbox/session', {
    lookupId: toBase64Url(lookupId),
    authenticator: toBase64Url(authenticator),
    proofOfWork: await earnProofOfWork(reporter.http, 'mailbox-login'),
  });
}

/** What an attempt with the token answers, side by side with an unknown token's answer. */
async function tokenAndStranger(t: TestApp, token: string) {
  const right = await deriveMailboxCredentials(token);
  const stranger = await deriveMailboxCredentials(await newMailboxToken());
  return { withToken: await loginAttempt(t, right.lookupId, right.authenticator), withStranger: await loginAttempt(t, stranger.lookupId, stranger.authenticator) };
}

function expectSameRefusal(answers: Awaited<ReturnType<typeof tokenAndStranger>>): void {
  const { withToken, withStranger } = answers;
  expect(withToken.status).toBe(401);
  expect(withToken.body).toMatchObject({ status: 401, code: 'mailbox_token_invalid' });
  expect(withToken.body).toEqual(withStranger.body);
  for (const header of ['content-type', 'content-length', 'set-cookie']) expect(withToken.headers.get(header)).toBe(withStranger.headers.get(header));
}

describe('with a grace period of 30 days', () => {
  let t: TestApp;
  let slug: string;
  let referent: ActiveStaff;
  let filed: FiledAlert;
  let closureReceipt: SignedReceipt;
  let purgedAt: number;

  beforeAll(async () => {
    t = await startTestApp({ MAILBOX_GRACE_DAYS: '30' });
    const org = await organisationWithReferents(t, 1);
    slug = org.organisation.slug;
    referent = org.referents[0]!;
    // Given an alert closed as inadmissible, whose reporter reads the signed closure notice
    filed = await fileAndCloseAsInadmissible(t, slug, referent, 'GRACE-30');
    const before = await new ReporterClient(t.baseUrl).openMailbox(filed.token);
    const closure = before.receipts.find((r) => r.kind === 'closure');
    if (!closure) throw new Error('the closed case has no closure notice');
    closureReceipt = { payload: closure.payload, signature: closure.signature, keyId: closure.keyId };
    // And a purge run the same day (R1: due on the day of closure)
    t.clock.advance(60_000);
    purgedAt = t.clock.now().getTime();
    const lines = await runPurge(t);
    expect(lines.some((line) => line.startsWith(`${slug}: purged 1 case(s)`))).toBe(true);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('keeps nothing of the case but the closure notice and what opens it', async () => {
    expect(await databaseContains(t.database, 'GRACE-30')).toEqual([]);
    expect(await purgedMailboxCount(t)).toBe(1);
  });

  it('the token opens the signed closure notice alone: MailboxPurgedError, no cookie, no session', async () => {
    const reporter = new ReporterClient(t.baseUrl);
    const refusal = await reporter.openMailbox(filed.token).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(MailboxPurgedError);
    const notice = (refusal as MailboxPurgedError).closureNotice;
    // The notice is the closure receipt exactly as issued before the purge
    expect(notice).toEqual(closureReceipt);
    const payload = JSON.parse(notice.payload) as Record<string, unknown>;
    expect(payload).toMatchObject({ caseReference: filed.caseReference, outcome: 'inadmissible' });
    // And it verifies against the receipt key the service publishes
    const published = (await (await fetch(`${t.baseUrl}/api/v1/keys/receipt`)).json()) as { keys: { keyId: string; publicKey: string }[] };
    const key = published.keys.find((k) => k.keyId === notice.keyId);
    expect(key).toBeDefined();
    expect(await receiptSignatureHolds(notice, fromBase64Url(key!.publicKey))).toBe(true);
    // A notice whose text was changed does not
    expect(await receiptSignatureHolds({ ...notice, payload: notice.payload.replace('inadmissible', 'follow_up') }, fromBase64Url(key!.publicKey))).toBe(false);
    // No session: no cookie was set, and the mailbox itself answers 401
    expect(reporter.http.cookieNames()).toEqual([]);
    const mailbox = await reporter.http.send<{ code: string }>('GET', '/api/v1/mailbox');
    expect([mailbox.status, mailbox.body.code]).toEqual([401, 'mailbox_session_required']);
  });

  it('the raw answer is 200 {status: purged} with the notice alone, and no Set-Cookie', async () => {
    const right = await deriveMailboxCredentials(filed.token);
    const answer = await loginAttempt(t, right.lookupId, right.authenticator);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('set-cookie')).toBeNull();
    expect(answer.body).toEqual({ status: 'purged', closureNotice: closureReceipt });
  });

  it('a wrong authenticator for the purged lookup id gets the same 401 as an unknown token, not the notice', async () => {
    const right = await deriveMailboxCredentials(filed.token);
    const stranger = await deriveMailboxCredentials(await newMailboxToken());
    const wrongAuthenticator = await loginAttempt(t, right.lookupId, stranger.authenticator);
    const unknownLookup = await loginAttempt(t, stranger.lookupId, stranger.authenticator);
    expect(wrongAuthenticator.status).toBe(401);
    expect(wrongAuthenticator.body).toMatchObject({ code: 'mailbox_token_invalid' });
    expect(JSON.stringify(wrongAuthenticator.body)).not.toContain(closureReceipt.signature);
    expect(wrongAuthenticator.body).toEqual(unknownLookup.body);
    expect(wrongAuthenticator.headers.get('set-cookie')).toBeNull();
  });

  it('still opens the notice on the 29th day of the grace period', async () => {
    t.clock.set(new Date(purgedAt + 29 * DAY));
    await runPurge(t);
    expect(await purgedMailboxCount(t)).toBe(1);
    await expect(new ReporterClient(t.baseUrl).openMailbox(filed.token)).rejects.toBeInstanceOf(MailboxPurgedError);
  });

  it('after the grace period the purge run forgets the notice and the token answers exactly like a wrong one', async () => {
    t.clock.set(new Date(purgedAt + 31 * DAY));
    const lines = await runPurge(t);
    expect(lines).toContain('forgot 1 closure notice(s) past their grace period');
    expect(await purgedMailboxCount(t)).toBe(0);
    expectSameRefusal(await tokenAndStranger(t, filed.token));
    // The client sees an HTTP 401, not a purged mailbox
    await expect(new ReporterClient(t.baseUrl).openMailbox(filed.token)).rejects.toMatchObject({ status: 401, body: { code: 'mailbox_token_invalid' } });
  });
});

describe('with a grace period of 0 days', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ MAILBOX_GRACE_DAYS: '0' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('keeps nothing: the token gets the same 401 as a wrong token right after the purge', async () => {
    // Given a case closed as inadmissible, and the purge run the same day
    const org = await organisationWithReferents(t, 1);
    const filed = await fileAndCloseAsInadmissible(t, org.organisation.slug, org.referents[0]!, 'GRACE-0');
    await expect(new ReporterClient(t.baseUrl).openMailbox(filed.token)).resolves.toMatchObject({ state: 'closed' });
    t.clock.advance(60_000);
    const lines = await runPurge(t);
    expect(lines.some((line) => line.startsWith(`${org.organisation.slug}: purged 1 case(s)`))).toBe(true);

    // Then nothing of the mailbox is kept, and the token opens nothing at once
    expect(await purgedMailboxCount(t)).toBe(0);
    expect(await databaseContains(t.database, 'GRACE-0')).toEqual([]);
    expectSameRefusal(await tokenAndStranger(t, filed.token));
    await expect(new ReporterClient(t.baseUrl).openMailbox(filed.token)).rejects.toMatchObject({ status: 401 });
  });
});
