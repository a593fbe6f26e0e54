// The purge is safe (DESIGN.md §6, LEGAL.md L12-L15), on the suite's real database:
// 1. after a purge nothing of the case is left in any table — texts, ciphertexts, keys, mailbox
//    credentials — while its tombstone, purge-log entry, `system` audit entry and the indicators
//    remain, and the audit chain still verifies;
// 2. a purge that fails in the middle of a batch (a real database error, raised by a trigger)
//    leaves the failing case whole and purges the others; once the fault is gone the next run
//    purges it;
// 3. a purge process killed (SIGKILL) in the middle of its run leaves every case whole or gone,
//    never half-purged, and the next run purges everything due;
// 4. two purgers started at once: one runs, the other skips, nothing is purged twice.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, getTableName, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/index.ts';
import * as schema from '../../db/schema.ts';
import { auditLog, caseTombstones, purgeLog } from '../../db/schema.ts';
import { MailboxPurgedError, ReporterClient, type FiledAlert } from '../../src/client/reporter-client.ts';
import { StaffCasesClient, type OpenedCase } from '../../src/client/staff-cases-client.ts';
import { StaffWorkflowClient } from '../../src/client/staff-workflow-client.ts';
import { systemClock } from '../../src/clock.ts';
import { fromBase64Url } from '../../src/crypto/encoding.ts';
import { deriveMailboxCredentials } from '../../src/crypto/mailbox-token.ts';
import { loadOrCreateKeys } from '../../src/crypto/server/key-store.ts';
import { jobLocksFor } from '../../src/jobs/job-locks.ts';
import { runJob } from '../../src/jobs/job-runner.ts';
import { findJob } from '../../src/jobs/registry.ts';
import { createLogger } from '../../src/logger.ts';
import { CASE_CHILDREN, purgeCases } from '../../src/services/case-purge.ts';
import { createServiceContext, type ServiceContext } from '../../src/services/context.ts';
import { createOrganisation } from '../../src/services/organisations.ts';
import { WorkGate } from '../../src/services/work-gate.ts';
import { caseRowCounts, countRows, databaseContainsBytes, insertClosedCases, purgeLogged, rowsOf, type CaseRowCounts, type InsertedCase } from '../helpers/closed-cases.ts';
import { databaseContains } from '../helpers/database-search.ts';
import { inviteStaff, newOrganisationWithAdmin, sampleReport, type ActiveStaff } from '../helpers/factories.ts';
import { CHEAP_CRYPTO_ENV, startTestApp, testConfig, type TestApp } from '../helpers/test-app.ts';
import { createTestDatabase, serverDatabaseUrl } from '../helpers/test-database.ts';

const purgeJob = findJob('purge')!;
const verifyAuditJob = findJob('verify-audit')!;
const DAY_MS = 86_400_000;

/** The purge job's line for one organisation. */
function lineOf(lines: readonly string[] | undefined, slug: string): string {
  const line = (lines ?? []).find((l) => l.startsWith(`${slug}:`));
  if (!line) throw new Error(`no line for ${slug} in ${JSON.stringify(lines)}`);
  return line;
}

async function auditVerifies(ctx: ServiceContext): Promise<string[]> {
  const run = await runJob(ctx, verifyAuditJob, { dryRun: false });
  expect(run.report?.ok, JSON.stringify(run.report?.lines)).toBe(true);
  return run.report!.lines;
}

// ---------------------------------------------------------------------------------------------
// 1. Nothing left behind

describe('after a purge, nothing of the case is left', () => {
  let t: TestApp;
  let slug: string;
  let admin: ActiveStaff;
  let referent: ActiveStaff;
  let committee: ActiveStaff[];
  let dpo: ActiveStaff;

  beforeAll(async () => {
    t = await startTestApp();
    const made = await newOrganisationWithAdmin(t);
    slug = made.organisation.slug;
    admin = made.admin;
    referent = await inviteStaff(t, admin, ['referent'], `referent@${slug}.fr`);
    committee = [await inviteStaff(t, admin, ['committee'], `membre1@${slug}.fr`), await inviteStaff(t, admin, ['committee'], `membre2@${slug}.fr`)];
    dpo = await inviteStaff(t, admin, ['dpo'], `dpo@${slug}.fr`);
  });
  afterAll(async () => t?.close());

  async function relogin(): Promise<void> {
    for (const staff of [admin, referent, ...committee, dpo]) {
      t.clock.advance(30_000);
      await staff.client.login(staff.credentials, t.clock.now());
    }
  }

  it('deletes from every table that references a case or a child of a case (a new one left out would fail here first)', async () => {
    // On PGlite the purge's delete skips the foreign-key triggers, so this list is what keeps it whole.
    const links = rowsOf<{ child: string; parent: string }>(
      await t.database.handle.db.execute(sql`
        select distinct child.relname as child, parent.relname as parent from pg_constraint c
        join pg_class child on child.oid = c.conrelid join pg_class parent on parent.oid = c.confrelid
        where c.contype = 'f'`),
    );
    const caseData = new Set(['cases']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const { child, parent } of links) {
        if (caseData.has(parent) && !caseData.has(child)) grew = caseData.add(child).size > 0;
      }
    }
    caseData.delete('cases');
    expect(caseData.size).toBeGreaterThan(10);
    expect(CASE_CHILDREN.map((table) => getTableName(table)).sort()).toEqual([...caseData].sort());
  });

  /** Everything of a case a leak would show: its texts in clear and the bytes the server stored. */
  interface Traces {
    readonly texts: string[];
    readonly bytes: { what: string; value: Uint8Array }[];
  }

  async function bytesOf(opened: OpenedCase, filed: FiledAlert, reporter: ReporterClient): Promise<Traces['bytes']> {
    const mailbox = await reporter.openMailbox(filed.token);
    return [
      { what: 'report ciphertext', value: fromBase64Url(opened.detail.report) },
      { what: 'sealed case key (grant)', value: fromBase64Url(opened.detail.sealedKey) },
      { what: 'wrapped case key (mailbox)', value: fromBase64Url(mailbox.wrappedCaseKey) },
      { what: 'mailbox lookup id', value: (await deriveMailboxCredentials(filed.token)).lookupId },
      ...opened.detail.messages.map((m) => ({ what: `${m.author} ${m.purpose} ciphertext`, value: fromBase64Url(m.ciphertext) })),
      ...(opened.detail.committee?.votes ?? []).map((v) => ({ what: 'vote reason ciphertext', value: fromBase64Url(v.reasonCiphertext!) })),
      ...opened.detail.disclosures.map((d) => ({ what: 'disclosure details ciphertext', value: fromBase64Url(d.details) })),
    ];
  }

  it('leaves no text, ciphertext, key or mailbox credential; keeps tombstone, purge log, audit and indicators', async () => {
    const marker = `PURGE-TRACE-${Date.now().toString(36)}`;
    const cases = new StaffCasesClient(referent.client);
    const flow = new StaffWorkflowClient(cases);

    // Given a confidential alert, followed by messages both ways, a committee decision with
    // reasons, an identity disclosure and a legal hold placed and released...
    const reporterA = new ReporterClient(t.baseUrl);
    const filedA = await reporterA.file(slug, sampleReport(`${marker}-REPORT`, { identity: { name: `Camille ${marker}-NAME`, contact: `camille-${marker}@exemple.fr` } }));
    await reporterA.openMailbox(filedA.token);
    await reporterA.reply(`${marker}-REPORTER-MESSAGE: j'ai d'autres pièces`);
    await flow.transition(await cases.open(filedA.caseId), 'start_admissibility_review');
    await flow.transition(await cases.open(filedA.caseId), 'declare_admissible');
    const investigated = await cases.open(filedA.caseId);
    await cases.sendMessage(investigated, investigated.organisationId, `${marker}-STAFF-REPLY: une enquête est ouverte`, 'feedback');
    await flow.discloseIdentity(await cases.open(filedA.caseId), 'consent', true, `${marker}-DISCLOSURE: au juge d'instruction`);
    await flow.transition(await cases.open(filedA.caseId), 'send_to_committee');
    for (const [i, member] of committee.entries()) {
      const memberCases = new StaffCasesClient(member.client);
      await new StaffWorkflowClient(memberCases).vote(await memberCases.open(filedA.caseId), 'follow_up', `${marker}-VOTE-REASON-${i}: faits établis`, 'disciplinary');
    }
    const hold = await dpo.client.http.expect<{ id: string }>(201, 'POST', '/api/v1/dpo/holds', { caseId: filedA.caseId, reason: `${marker}-HOLD-REASON: appel pendant` });
    // ...the day the proceedings end, the hold is released and the end recorded: due that day (R3).
    t.clock.advance(20 * DAY_MS);
    await relogin();
    await dpo.client.http.expect(200, 'POST', `/api/v1/dpo/holds/${hold.id}/release`, {});
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(t.clock.now());
    await referent.client.http.expect(200, 'PUT', `/api/v1/cases/${filedA.caseId}/proceedings-end`, { endedOn: today });

    // And an alert declared inadmissible, with its reason (R1)
    const reporterB = new ReporterClient(t.baseUrl);
    const filedB = await reporterB.file(slug, sampleReport(`${marker}-SECOND`));
    await reporterB.openMailbox(filedB.token);
    await flow.transition(await cases.open(filedB.caseId), 'start_admissibility_review');
    await flow.transition(await cases.open(filedB.caseId), 'declare_inadmissible', `${marker}-CLOSE-REASON: hors du champ de la loi`);

    const openedA = await cases.open(filedA.caseId);
    const openedB = await cases.open(filedB.caseId);
    expect(openedA.summary).toMatchObject({ state: 'closed', outcome: 'follow_up' });
    expect(openedA.detail.committee?.votes).toHaveLength(2);
    expect(openedA.detail.disclosures).toHaveLength(1);
    expect(openedA.messages.map((m) => m.author).sort()).toEqual(['reporter', 'staff']);
    expect(openedB.summary).toMatchObject({ state: 'closed', outcome: 'inadmissible' });
    const traces: Traces = {
      texts: [
        `${marker}-REPORT`,
        `${marker}-NAME`,
        `${marker}-REPORTER-MESSAGE`,
        `${marker}-STAFF-REPLY`,
        `${marker}-DISCLOSURE`,
        `${marker}-VOTE-REASON-0`,
        `${marker}-VOTE-REASON-1`,
        `${marker}-HOLD-REASON`,
        `${marker}-SECOND`,
        `${marker}-CLOSE-REASON`,
      ],
      bytes: [...(await bytesOf(openedA, filedA, reporterA)), ...(await bytesOf(openedB, filedB, reporterB))],
    };
    expect(traces.bytes).toHaveLength(14);
    // The searches find what is there: the hold's reason is the one text kept in clear, and every
    // stored ciphertext and credential is found by its bytes.
    expect(await databaseContains(t.database, `${marker}-HOLD-REASON`)).toEqual([expect.stringMatching(/^legal_holds: /)]);
    for (const { what, value } of traces.bytes) expect(await databaseContainsBytes(t.services.db, value), what).not.toEqual([]);
    const indicatorsQuery = '/api/v1/indicators?from=2026-01&to=2026-12';
    const indicatorsBefore = await dpo.client.http.expect<Record<string, unknown>>(200, 'GET', indicatorsQuery);
    expect(indicatorsBefore).toMatchObject({ received: 2, inadmissible: 1, closedWithFollowUp: { total: 1 }, open: 0 });
    const auditBefore = await countRows(t.services.db, 'audit_log');

    // When the purge runs
    const run = await runJob(t.services, purgeJob, { dryRun: false });

    // Then both cases are purged...
    expect(run.status).toBe('done');
    expect(run.report?.ok).toBe(true);
    expect(lineOf(run.report?.lines, slug)).toBe(`${slug}: purged 2 case(s) in 1 batch(es)`);
    const ids = [filedA.caseId, filedB.caseId];
    for (const counts of (await caseRowCounts(t.services.db, ids)).values()) expect(Object.values(counts).every((n) => n === 0), JSON.stringify(counts)).toBe(true);
    await expect(cases.open(filedA.caseId)).rejects.toMatchObject({ status: 404 });

    // ...no text of theirs is anywhere (all but the hold's reason were encrypted: never stored in clear)...
    for (const text of traces.texts) expect(await databaseContains(t.database, text), text).toEqual([]);
    // ...nor any of the bytes the server stored for them but the mailbox lookup id, which the
    // closure notice keeps for the grace period (purged_mailboxes, checked below)...
    for (const { what, value } of traces.bytes) {
      expect(await databaseContainsBytes(t.services.db, value), what).toEqual(what === 'mailbox lookup id' ? ['purged_mailboxes'] : []);
    }
    // ...and only the DPO's purge log and the permanent audit log name the case by id or
    // reference (plus, during the grace period, the closure notice the reporter was given, which
    // names its reference).
    for (const filed of [filedA, filedB]) {
      expect((await databaseContains(t.database, filed.caseId)).map((hit) => hit.split(':')[0]).sort()).toEqual(['audit_log', 'purge_log']);
      expect((await databaseContains(t.database, filed.caseReference)).map((hit) => hit.split(':')[0]).sort()).toEqual(['purge_log', 'purged_mailboxes']);
    }

    // The tombstones keep months, outcome and rule; nothing that names the case.
    const tombstones = await t.services.db.select().from(caseTombstones).orderBy(caseTombstones.rule);
    expect(tombstones.map(({ receivedMonth, closedMonth, outcome, followUpKind, rule, category }) => ({ receivedMonth, closedMonth, outcome, followUpKind, rule, category }))).toEqual([
      { receivedMonth: '2026-01', closedMonth: '2026-01', outcome: 'inadmissible', followUpKind: null, rule: 'R1', category: 'atteinte-probite' },
      { receivedMonth: '2026-01', closedMonth: '2026-01', outcome: 'follow_up', followUpKind: 'disciplinary', rule: 'R3', category: 'atteinte-probite' },
    ]);
    // The purge log names each case once, with its rule and due day
    const log = await dpo.client.http.expect<{ entries: { caseId: string; caseReference: string; rule: string; dueOn: string }[] }>(200, 'GET', '/api/v1/dpo/purge-log');
    expect(log.entries.map(({ caseId, caseReference, rule, dueOn }) => ({ caseId, caseReference, rule, dueOn })).sort((a, b) => a.rule.localeCompare(b.rule))).toEqual([
      { caseId: filedB.caseId, caseReference: filedB.caseReference, rule: 'R1', dueOn: today },
      { caseId: filedA.caseId, caseReference: filedA.caseReference, rule: 'R3', dueOn: today },
    ]);
    // The audit log has one `case.purged` entry per case, by `system`, with no one's id
    const purgedEntries = await t.services.db.select().from(auditLog).where(eq(auditLog.action, 'case.purged'));
    expect(purgedEntries.map(({ actorKind, actorId, subjectId, details }) => ({ actorKind, actorId, subjectId, details })).sort((a, b) => String(a.details.rule).localeCompare(String(b.details.rule)))).toEqual([
      { actorKind: 'system', actorId: null, subjectId: filedB.caseId, details: { rule: 'R1', dueOn: today } },
      { actorKind: 'system', actorId: null, subjectId: filedA.caseId, details: { rule: 'R3', dueOn: today } },
    ]);
    expect(await countRows(t.services.db, 'audit_log')).toBeGreaterThan(auditBefore);
    await auditVerifies(t.services);
    // The indicators are the same as before the purge, now counted from the tombstones
    expect(await dpo.client.http.expect(200, 'GET', indicatorsQuery)).toEqual(indicatorsBefore);
    // Nothing is overdue after a run
    expect(await dpo.client.http.expect(200, 'GET', '/api/v1/dpo/retention')).toMatchObject({ overdue: { total: 0 }, holds: [] });

    // During the grace period the reporter's token opens the signed closure notice alone...
    const notice = await reporterB.openMailbox(filedB.token).catch((error: unknown) => error);
    expect(notice).toBeInstanceOf(MailboxPurgedError);
    expect(JSON.parse((notice as MailboxPurgedError).closureNotice.payload)).toMatchObject({ kind: 'closure', caseReference: filedB.caseReference, outcome: 'inadmissible' });

    // ...and after it, once the next run forgets the notices, nothing: the token is unknown, and
    // the lookup id and reference are gone from everywhere but the purge and audit logs.
    t.clock.advance(31 * DAY_MS);
    const later = await runJob(t.services, purgeJob, { dryRun: false });
    expect(later.report?.lines.at(-1)).toBe('forgot 2 closure notice(s) past their grace period');
    await expect(reporterB.openMailbox(filedB.token)).rejects.toMatchObject({ status: 401 });
    for (const { what, value } of traces.bytes) expect(await databaseContainsBytes(t.services.db, value), what).toEqual([]);
    for (const filed of [filedA, filedB]) {
      expect((await databaseContains(t.database, filed.caseReference)).map((hit) => hit.split(':')[0]).sort()).toEqual(['purge_log']);
    }
    await auditVerifies(t.services);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. A database fault in the middle of a batch

describe.each(['1', '2'])('a purge that fails in the middle of a batch, %s lane(s)', (lanes) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PURGE_BATCH_SIZE: '5', PURGE_LANES: lanes });
  });
  afterAll(async () => t?.close());

  it('leaves the failing case whole, purges every other due case, and purges it on the next run once the fault is gone', async () => {
    // Given twelve cases closed as inadmissible on twelve successive days (the purge takes them
    // oldest first, five to a batch), and a database that refuses to delete the third one: a
    // trigger raises an error after its messages, keys, receipts and mailbox were deleted in the
    // batch's transaction (the case row goes last).
    const { organisation, admin } = await newOrganisationWithAdmin(t);
    const start = t.clock.now().getTime();
    const made = await insertClosedCases(t.services.db, { organisationId: organisation.id, staffIds: [admin.accountId], count: 12, closedAt: (i) => new Date(start - (30 - i) * DAY_MS) });
    const failing = made[2]!;
    const ids = made.map((c) => c.id);
    await t.services.db.execute(
      sql.raw(`create function purge_test_refuse() returns trigger language plpgsql as $$ begin raise exception 'purge test: this case may not be deleted'; end $$`),
    );
    await t.services.db.execute(sql.raw(`create trigger purge_test_fault before delete on cases for each row when (old.id = '${failing.id}') execute function purge_test_refuse()`));
    // ENABLE ALWAYS: the fault must also fire where the purge skips ordinary triggers (PGlite).
    await t.services.db.execute(sql.raw('alter table cases enable always trigger purge_test_fault'));
    const before = await caseRowCounts(t.services.db, ids);
    expect(before.get(failing.id)).toMatchObject({ cases: 1, case_key_grants: 2, case_messages: 3, case_receipts: 2, case_events: 2, mailboxes: 1, mailbox_sessions: 1 });
    const logs: string[] = [];
    const ctx: ServiceContext = { ...t.services, logger: createLogger('info', { write: (line: string) => void logs.push(line) }) };

    // When the purge runs
    const run = await runJob(ctx, purgeJob, { dryRun: false });

    // Then it reports the failure, naming the case left whole...
    expect(run.status).toBe('done');
    expect(run.report?.ok).toBe(false);
    expect(lineOf(run.report?.lines, organisation.slug)).toBe(`${organisation.slug}: purged 11 case(s) in 3 batch(es); FAILED on 1 case(s), left whole: ${failing.id}`);
    const logged = logs.map((line) => JSON.parse(line) as { msg: string; caseId?: string; err?: { code?: string } });
    expect(logged.filter((l) => l.msg === 'purge batch failed; retrying its cases one by one')).toHaveLength(1);
    expect(logged.filter((l) => l.msg === 'purge of a case failed; it is left whole')).toEqual([expect.objectContaining({ caseId: failing.id, err: expect.objectContaining({ code: 'P0001' }) as object })]);
    expect(logs.join('\n')).not.toContain('may not be deleted');
    // ...every row of the failing case is still there, and nothing says it was purged...
    const after = await caseRowCounts(t.services.db, ids);
    expect(after.get(failing.id)).toEqual(before.get(failing.id));
    expect([...(await purgeLogged(t.services.db, ids))].sort()).toEqual(ids.filter((id) => id !== failing.id).sort());
    expect(await databaseContainsBytes(t.services.db, failing.lookupId)).toEqual(['mailboxes']);
    // ...while the eleven others (four of them in the failing batch) are gone, with their traces
    for (const c of made.filter((c) => c !== failing)) expect(Object.values(after.get(c.id)!).every((n) => n === 0), c.id).toBe(true);
    expect(await countRows(t.services.db, 'case_tombstones')).toBe(11);
    expect(await countRows(t.services.db, 'purged_mailboxes')).toBe(11);
    expect(await countRows(t.services.db, 'audit_log', sql`action = 'case.purged'`)).toBe(11);
    await auditVerifies(t.services);

    // When the fault is gone and the purge runs again
    await t.services.db.execute(sql.raw('drop trigger purge_test_fault on cases'));
    await t.services.db.execute(sql.raw('drop function purge_test_refuse()'));
    const again = await runJob(ctx, purgeJob, { dryRun: false });

    // Then the last case goes too
    expect(again.report?.ok).toBe(true);
    expect(lineOf(again.report?.lines, organisation.slug)).toBe(`${organisation.slug}: purged 1 case(s) in 1 batch(es)`);
    for (const counts of (await caseRowCounts(t.services.db, ids)).values()) expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    expect((await purgeLogged(t.services.db, ids)).size).toBe(12);
    expect(await countRows(t.services.db, 'case_tombstones')).toBe(12);
    expect(await countRows(t.services.db, 'audit_log', sql`action = 'case.purged'`)).toBe(12);
    await auditVerifies(t.services);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Killed in the middle of a run

/** The deployment a purge process runs on: the suite's driver, reachable from a child process. */
interface Deployment {
  readonly driver: 'pglite' | 'postgres';
  /** What the child process needs in its environment to open the same database and keys. */
  readonly env: Record<string, string>;
  /** A handle of the test's own; on PGlite it must be closed before a child opens the folder. */
  open(): Promise<DatabaseHandle>;
  remove(): Promise<void>;
}

async function newDeployment(): Promise<Deployment> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-purge-kill-'));
  const keysDir = path.join(dir, 'keys');
  if (serverDatabaseUrl()) {
    const database = await createTestDatabase();
    await database.handle.close();
    return {
      driver: 'postgres',
      env: { DATABASE_URL: database.url!, KEYS_DIR: keysDir },
      open: () => openDatabase({ databaseUrl: database.url, dataDir: 'memory://', poolSize: 2 }),
      remove: async () => {
        await database.drop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  // PGlite: a data folder on disk, which one process at a time may open (its lock file).
  const dataDir = path.join(dir, 'data');
  return {
    driver: 'pglite',
    env: { DATABASE_URL: '', DATA_DIR: dataDir, KEYS_DIR: keysDir },
    open: () => openDatabase({ databaseUrl: undefined, dataDir }),
    remove: () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })),
  };
}

async function servicesOn(handle: DatabaseHandle, keysDir: string): Promise<ServiceContext> {
  const config = testConfig({}, keysDir);
  return { ...createServiceContext({ database: handle, clock: systemClock, config, keys: (await loadOrCreateKeys(keysDir)).keys, logger: createLogger('silent') }), authHashGate: new WorkGate(1, 10) };
}

/** `npm run job -- purge`, as node with tsx's loader (as the Dockerfile runs scripts). */
function purgeProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/run-job.ts', 'purge'], {
    env: { ...process.env, ...CHEAP_CRYPTO_ENV, LOG_LEVEL: 'warn', PURGE_BATCH_SIZE: '5', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, output: () => output };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a purge process killed in the middle of its run', () => {
  const CASES = 300;
  let deployment: Deployment;
  let organisationId: string;
  let made: InsertedCase[];
  let before: Map<string, CaseRowCounts>;

  beforeAll(async () => {
    deployment = await newDeployment();
    const handle = await deployment.open();
    try {
      const services = await servicesOn(handle, deployment.env.KEYS_DIR!);
      const created = await createOrganisation(services, { slug: 'purge-kill', name: 'Purge kill', adminEmail: 'admin@purge-kill.fr', adminName: 'Admin' });
      organisationId = created.organisation.id;
      // Closed as inadmissible 40 days ago (the child runs on the real clock): all due.
      const closedAt = new Date(Date.now() - 40 * DAY_MS);
      made = await insertClosedCases(handle.db, { organisationId, staffIds: [created.adminInvitation.accountId], count: CASES, closedAt: () => closedAt });
      before = await caseRowCounts(handle.db, made.map((c) => c.id));
    } finally {
      await handle.close();
    }
  });
  afterAll(async () => deployment?.remove());

  /** Every case whole (all its rows, no trace of a purge) or gone (no row, a purge-log entry), and as many tombstones, audit entries and closure notices as purged cases. */
  async function wholeOrGone(handle: DatabaseHandle): Promise<{ purged: number; problems: string[] }> {
    const ids = made.map((c) => c.id);
    const after = await caseRowCounts(handle.db, ids);
    const logged = await purgeLogged(handle.db, ids);
    const problems: string[] = [];
    for (const id of ids) {
      const counts = after.get(id)!;
      const expected = logged.has(id) ? Object.fromEntries(Object.keys(counts).map((table) => [table, 0])) : before.get(id);
      if (JSON.stringify(counts) !== JSON.stringify(expected)) problems.push(`${id} (${logged.has(id) ? 'in the purge log' : 'not in the purge log'}): ${JSON.stringify(counts)}`);
    }
    const purged = logged.size;
    const traces = {
      tombstones: await countRows(handle.db, 'case_tombstones'),
      auditEntries: await countRows(handle.db, 'audit_log', sql`action = 'case.purged'`),
      closureNotices: await countRows(handle.db, 'purged_mailboxes'),
    };
    if (JSON.stringify(traces) !== JSON.stringify({ tombstones: purged, auditEntries: purged, closureNotices: purged })) problems.push(`${purged} purged, but ${JSON.stringify(traces)}`);
    return { purged, problems };
  }

  it('leaves every case whole or gone, never half-purged; the next run purges everything due', { timeout: 240_000 }, async () => {
    // When the purge process is killed (SIGKILL) once it has committed a few batches
    let purgedByKilled = 0;
    const killed: string[] = [];
    if (deployment.driver === 'postgres') {
      // PostgreSQL lets the test watch the purge log while the process works.
      const watcher = await deployment.open();
      try {
        const run = purgeProcess(deployment.env);
        let ended = false;
        void run.exited.then(() => (ended = true));
        while (!ended && (await countRows(watcher.db, 'purge_log')) < 15) await sleep(5);
        expect(ended, `the purge ended before it could be killed: ${run.output()}`).toBe(false);
        run.child.kill('SIGKILL');
        killed.push(`${(await run.exited).signal} after ${await countRows(watcher.db, 'purge_log')} committed`);
        const check = await wholeOrGone(watcher);
        expect(check.problems).toEqual([]);
        purgedByKilled = check.purged;
      } finally {
        await watcher.close();
      }
    } else {
      // PGlite's folder is the child's alone while it runs, so the test cannot watch: it kills the
      // process some time after it took the folder's lock, 0.2 s later each time (less than the
      // purge's second or so, one case per batch) until a kill lands in the middle of the purge.
      // Every kill, even one during start-up, must leave the database whole.
      const lockFile = path.join(deployment.env.DATA_DIR!, 'vigie.lock');
      for (let delay = 500; purgedByKilled === 0 && delay < 30_000; delay += 200) {
        const run = purgeProcess({ ...deployment.env, PURGE_BATCH_SIZE: '1' });
        while (!fs.existsSync(lockFile) && run.child.exitCode === null) await sleep(5);
        await sleep(delay);
        expect(run.child.exitCode, `the purge ended before it could be killed: ${run.output()}`).toBeNull();
        run.child.kill('SIGKILL');
        killed.push(`${(await run.exited).signal} ${delay} ms after it took the lock`);
        const handle = await deployment.open();
        try {
          const check = await wholeOrGone(handle);
          expect(check.problems).toEqual([]);
          purgedByKilled = check.purged;
        } finally {
          await handle.close();
        }
      }
    }
    // Then (checked above) no case is half-purged, and the kill came in the middle of the purge
    expect(purgedByKilled, killed.join('; ')).toBeGreaterThan(0);
    expect(purgedByKilled, killed.join('; ')).toBeLessThan(CASES);

    // When the purge runs again (a killed PostgreSQL session may hold the job's lock a moment longer)
    let finished = purgeProcess(deployment.env);
    for (let attempt = 0; attempt < 20 && (await finished.exited).code === 3; attempt++) {
      await sleep(250);
      finished = purgeProcess(deployment.env);
    }

    // Then it purges every case that was left, and everything the killed run did stays done
    expect((await finished.exited).code, finished.output()).toBe(0);
    expect(finished.output()).toContain(`purge-kill: purged ${CASES - purgedByKilled} case(s)`);
    const handle = await deployment.open();
    try {
      const check = await wholeOrGone(handle);
      expect(check).toEqual({ purged: CASES, problems: [] });
      expect(await countRows(handle.db, 'cases')).toBe(0);
      const verify = await runJob(await servicesOn(handle, deployment.env.KEYS_DIR!), verifyAuditJob, { dryRun: false });
      expect(verify.report).toEqual({ ok: true, lines: [`purge-kill: ok, ${CASES + 2} entries verify`] });
    } finally {
      await handle.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Two purgers at once

describe('two purgers started at once', () => {
  let t: TestApp;
  let other: DatabaseHandle | null = null;
  beforeAll(async () => {
    t = await startTestApp({ PURGE_BATCH_SIZE: '10' });
    // On PostgreSQL a second instance is a second pool on the same database; on PGlite one
    // process owns the database, so a second purger (the scheduler and `npm run job` in one
    // process) shares the handle and its in-process lock.
    if (t.database.url) other = await openDatabase({ databaseUrl: t.database.url, dataDir: 'memory://', poolSize: 5 });
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  function secondInstance(): ServiceContext {
    return other ? { ...t.services, db: other.db, jobLocks: jobLocksFor(other) } : { ...t.services, jobLocks: jobLocksFor(t.database.handle) };
  }

  async function dueCasesOfNewOrganisation(count: number) {
    const { organisation, admin } = await newOrganisationWithAdmin(t);
    const closedAt = new Date(t.clock.now().getTime() - 40 * DAY_MS);
    const made = await insertClosedCases(t.services.db, { organisationId: organisation.id, staffIds: [admin.accountId], count, closedAt: () => closedAt });
    return { organisation, ids: made.map((c) => c.id) };
  }

  async function purgedOnce(organisationId: string, ids: string[]): Promise<void> {
    const logged = await t.services.db.select({ caseId: purgeLog.caseId }).from(purgeLog).where(eq(purgeLog.organisationId, organisationId));
    expect(logged.map((l) => l.caseId).sort()).toEqual([...ids].sort());
    expect(await countRows(t.services.db, 'case_tombstones', sql`organisation_id = ${organisationId}`)).toBe(ids.length);
    const audited = await t.services.db
      .select({ subjectId: auditLog.subjectId })
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, organisationId), eq(auditLog.action, 'case.purged')));
    expect(audited.map((a) => a.subjectId).sort()).toEqual([...ids].sort());
    expect(await countRows(t.services.db, 'cases', sql`organisation_id = ${organisationId}`)).toBe(0);
  }

  it(serverDatabaseUrl() ? 'two instances on one PostgreSQL database: one runs, the other skips; each case is purged once' : 'on PGlite, the in-process lock: one runs, the other skips; each case is purged once', async () => {
    // Given 200 due cases
    const { organisation, ids } = await dueCasesOfNewOrganisation(200);

    // When two purgers start at once, each on its own instance
    const runs = await Promise.all([runJob(t.services, purgeJob, { dryRun: false }), runJob(secondInstance(), purgeJob, { dryRun: false })]);

    // Then one purges everything and the other skips without touching anything
    expect(runs.map((run) => run.status).sort()).toEqual(['done', 'skipped']);
    const done = runs.find((run) => run.status === 'done')!;
    expect(lineOf(done.report?.lines, organisation.slug)).toBe(`${organisation.slug}: purged 200 case(s) in 20 batch(es)`);
    expect(runs.find((run) => run.status === 'skipped')?.report).toBeNull();
    await purgedOnce(organisation.id, ids);
    await auditVerifies(t.services);
  });

  // PostgreSQL only: PGlite always runs as a superuser, so there the purge always may skip them.
  it.runIf(serverDatabaseUrl())('a database role that may not set session_replication_role purges all the same, with the foreign-key checks on', async () => {
    // Given 30 due cases, and a login role with every privilege on the tables but not superuser
    const { organisation, ids } = await dueCasesOfNewOrganisation(30);
    const role = `vigie_purger_${randomBytes(4).toString('hex')}`;
    await t.services.db.execute(sql.raw(`create role ${role} login`));
    await t.services.db.execute(sql.raw(`grant all on all tables in schema public to ${role}`));
    await t.services.db.execute(sql.raw(`grant all on all sequences in schema public to ${role}`));
    const url = new URL(t.database.url!);
    url.username = role;
    const client = postgres(url.toString(), { max: 2, onnotice: () => {} });
    try {
      const refused = await client.unsafe('set session_replication_role = replica').then(() => null, (error: unknown) => error);
      expect(refused).toMatchObject({ code: '42501' });
      const limited: ServiceContext = { ...t.services, db: drizzle(client, { schema }) };
      const scope = { organisationId: organisation.id, calendarRegion: 'metropole' as const, retention: { noFollowUpMonths: 2, followUpMaxMonths: 72 } };

      // When that role purges them, in two calls (the second knows the answer already)
      const purged = [...(await purgeCases(limited, scope, ids.slice(0, 10))), ...(await purgeCases(limited, scope, ids.slice(10)))];

      // Then every case is purged once, as with a role that may skip the checks
      expect(purged.sort()).toEqual([...ids].sort());
      await purgedOnce(organisation.id, ids);
    } finally {
      await client.end();
      await t.services.db.execute(sql.raw(`drop owned by ${role}`));
      await t.services.db.execute(sql.raw(`drop role ${role}`));
    }
  });

  it('even without the job lock, two purges of the same cases at once purge each case once (row locks and the re-check)', async () => {
    // Given 50 due cases
    const { organisation, ids } = await dueCasesOfNewOrganisation(50);
    const scope = { organisationId: organisation.id, calendarRegion: 'metropole' as const, retention: { noFollowUpMonths: 2, followUpMaxMonths: 72 } };

    // When both instances purge the same cases at the same moment, bypassing the job's lock
    const [first, second] = await Promise.all([purgeCases(t.services, scope, ids), purgeCases(secondInstance(), scope, ids)]);

    // Then each case was purged by exactly one of them
    expect([...first, ...second].sort()).toEqual([...ids].sort());
    await purgedOnce(organisation.id, ids);
    await auditVerifies(t.services);
  });
});
