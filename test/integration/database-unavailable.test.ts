// When the database cannot serve (connection cut mid-transaction, database read-only), a filing
// and a staff write get a clear 503 problem+json with Retry-After, nothing is written, the log
// names the driver's code and no content, and the same running app serves again once the
// database does — the very same filing, retried, is then accepted.
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earnProofOfWork } from '../../src/client/proof-of-work-client.ts';
import { prepareFiling, ReporterClient, type IntakeDescription } from '../../src/client/reporter-client.ts';
import { organisationWithReferents, sampleReport, type ActiveStaff } from '../helpers/factories.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { serverDatabaseUrl } from '../helpers/test-database.ts';

const onPostgres = serverDatabaseUrl() !== undefined;
let t: TestApp;
let admin: ActiveStaff;
let slug: string;
let intake: IntakeDescription;
let invited = 0;

/** Row counts of every table a filing or an invitation writes to. */
async function footprint(): Promise<Record<string, number>> {
  const tables = ['cases', 'case_key_grants', 'mailboxes', 'case_receipts', 'case_events', 'spent_challenges', 'audit_log', 'staff_accounts', 'staff_invitations', 'staff_notifications'];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    counts[table] = await t.services.db.$count(sql.raw(table));
  }
  return counts;
}

/** Ends every session on the database and waits until they are gone and the app's pool has seen them close. */
async function endSessions(admin: postgres.Sql, name: string): Promise<void> {
  await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
  for (let i = 0; i < 100; i++) {
    const [left] = await admin<{ count: number }[]>`select count(*)::int as count from pg_stat_activity where datname = ${name}`;
    if (left!.count === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}

/** A filing ready to send: encrypted, proof of work solved (the database is not needed for these). */
async function preparedFiling(marker: string) {
  const reporter = new ReporterClient(t.baseUrl);
  return prepareFiling(intake, sampleReport(marker), {}, await earnProofOfWork(reporter.http, 'filing'));
}

function postFiling(body: unknown) {
  return new ReporterClient(t.baseUrl).http.send<Record<string, unknown>>('POST', `/api/v1/orgs/${slug}/reports`, body);
}

function inviteSomeone() {
  invited++;
  return admin.client.http.send<Record<string, unknown>>('POST', '/api/v1/admin/staff', { email: `invited${invited}@${slug}.fr`, displayName: `Invited ${invited}`, roles: ['referent'] });
}

/**
 * Sends until a 201, as a client honouring Retry-After would (but without the wait): every answer
 * before it must be the clear 503, and it must come within a few tries.
 */
async function untilAccepted(send: () => Promise<{ status: number; headers: Headers; body: Record<string, unknown> }>) {
  const answers: { status: number; body: Record<string, unknown> }[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    const answer = await send();
    answers.push(answer);
    if (answer.status !== 503) break;
    expectUnavailable(answer, '5');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(answers.at(-1)!.status).toBe(201);
  return answers;
}

function expectUnavailable(answer: { status: number; headers: Headers; body: unknown }, retryAfter: string) {
  expect(answer.status).toBe(503);
  expect(answer.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  expect(answer.headers.get('retry-after')).toBe(retryAfter);
  expect(answer.body).toMatchObject({ status: 503, title: 'Service unavailable', code: 'database_unavailable', detail: expect.stringMatching(/not carried out\. Please try again/) as string });
}

function unavailabilityLogs(): { err: { code: string }; reason: string }[] {
  return t.logs.map((line) => JSON.parse(line) as { msg: string; err: { code: string }; reason: string }).filter((entry) => entry.msg === 'database unavailable');
}

beforeAll(async () => {
  t = await startTestApp({ FILINGS_PER_HOUR: '100' });
  const org = await organisationWithReferents(t, 1);
  admin = org.admin;
  slug = org.organisation.slug;
  intake = await new ReporterClient(t.baseUrl).intake(slug);
});

afterAll(async () => {
  // close() also fails the test when a log line leaks content.
  await t?.close();
});

describe('a read-only database', () => {
  // PostgreSQL: the database is switched to read-only for new sessions and the app's sessions are
  // ended, as a failover to a standby or an operator would. PGlite has a single session, inside
  // the app: it is set read-only there, which is what a read-only embedded database answers.
  async function makeReadOnly(readOnly: boolean, admin: postgres.Sql | undefined, name: string | undefined) {
    if (admin && name) {
      await admin.unsafe(readOnly ? `alter database ${name} set default_transaction_read_only = on` : `alter database ${name} reset default_transaction_read_only`);
      await endSessions(admin, name);
    } else {
      await t.database.handle.db.execute(sql.raw(`set default_transaction_read_only = ${readOnly ? 'on' : 'off'}`));
    }
  }

  it('refuses a filing and a staff write with 503 and Retry-After, writes nothing, and serves again once writable', { timeout: 60_000 }, async () => {
    const serverUrl = serverDatabaseUrl();
    const adminSql = serverUrl ? postgres(serverUrl, { max: 1, onnotice: () => {} }) : undefined;
    const name = t.database.url ? new URL(t.database.url).pathname.slice(1) : undefined;
    try {
      const filing = await preparedFiling('read-only');
      const before = await footprint();
      await makeReadOnly(true, adminSql, name);

      expectUnavailable(await postFiling(filing.body), '60');
      expectUnavailable(await inviteSomeone(), '60');
      expect(await footprint()).toEqual(before);
      expect(unavailabilityLogs().at(-1)).toMatchObject({ err: { code: '25006' }, reason: 'read_only' });

      // Writable again: the same app, not restarted, accepts the very same filing and the invitation.
      await makeReadOnly(false, adminSql, name);
      const accepted = await postFiling(filing.body);
      expect(accepted.status).toBe(201);
      expect(accepted.body).toMatchObject({ caseId: filing.caseId, receipt: { keyId: t.keys.receiptSigning.keyId } });
      expect((await inviteSomeone()).status).toBe(201);
      expect((await footprint()).cases).toBe(before.cases! + 1);
    } finally {
      if (name) await adminSql?.unsafe(`alter database ${name} reset default_transaction_read_only`);
      await adminSql?.end();
    }
  });
});

// PostgreSQL only: PGlite runs inside the app's process, with no connection to lose and no
// server to restart or to end a session from outside; its failures are the process's own.
describe.runIf(onPostgres)('PostgreSQL ending the app’s sessions (restart, pg_terminate_backend)', () => {
  it('a filing cut off inside its transaction gets 503 and leaves nothing; the app reconnects by itself and the retry is accepted', { timeout: 60_000 }, async () => {
    const name = new URL(t.database.url!).pathname.slice(1);
    const serverUrl = serverDatabaseUrl()!;
    const adminSql = postgres(serverUrl, { max: 1, onnotice: () => {} });
    // A second session on the app's database holds the organisation row, so the filing's
    // transaction waits on it (its foreign-key check) after it has begun writing.
    const blocker = postgres(t.database.url!, { max: 1, onnotice: () => {} });
    try {
      const filing = await preparedFiling('cut-off');
      const before = await footprint();
      let releaseLock = () => {};
      let lockHeld = () => {};
      const held = new Promise<void>((resolve) => (lockHeld = resolve));
      const blocking = blocker.begin(async (tx) => {
        await tx`select id from organisations where slug = ${slug} for update`;
        lockHeld();
        await new Promise<void>((resolve) => (releaseLock = resolve));
      });
      await held;
      const answer = postFiling(filing.body);
      let waiting: { pid: number }[] = [];
      for (let i = 0; i < 100 && waiting.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        waiting = await adminSql<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${name} and wait_event_type = 'Lock'`;
      }
      expect(waiting).toHaveLength(1);
      await adminSql`select pg_terminate_backend(${waiting[0]!.pid})`;
      expectUnavailable(await answer, '5');
      releaseLock();
      await blocking;
      expect(await footprint()).toEqual(before);
      expect(unavailabilityLogs().at(-1)).toMatchObject({ reason: expect.stringMatching(/shutting_down|unreachable/) as string });

      // Every session of the app ended while idle, too: the pool opens new ones on demand.
      await endSessions(adminSql, name);
      // A pooled session may still be found dead on its first use: the client retries, as Retry-After says.
      const retried = await untilAccepted(() => postFiling(filing.body));
      expect(retried.at(-1)).toMatchObject({ status: 201, body: { caseId: filing.caseId } });
      expect((await untilAccepted(inviteSomeone)).at(-1)!.status).toBe(201);
      expect((await footprint()).cases).toBe(before.cases! + 1);
    } finally {
      await blocker.end();
      await adminSql.end();
    }
  });

  it('a job whose session was ended while it held its lock lets go without ending the process, and the lock can be taken again', async () => {
    const adminSql = postgres(serverDatabaseUrl()!, { max: 1, onnotice: () => {} });
    const key = 4_242_424_242;
    try {
      const release = await t.database.handle.tryAdvisoryLock(key);
      expect(release).not.toBeNull();
      const [holder] = await adminSql<{ pid: number }[]>`select pid from pg_locks where locktype = 'advisory' and granted and ((objid::bigint) | (classid::bigint << 32)) = ${key}`;
      expect(holder).toBeDefined();
      await adminSql`select pg_terminate_backend(${holder!.pid})`;
      await new Promise((resolve) => setTimeout(resolve, 300));
      // postgres.js 3.4.9 would throw from a timer here, outside any promise, had the unlock been written to the closed session.
      await release!();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const again = await t.database.handle.tryAdvisoryLock(key);
      expect(again).not.toBeNull();
      await again!();
    } finally {
      await adminSql.end();
    }
  });
});
