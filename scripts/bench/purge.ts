// Can the purge keep up, and does the service stay usable while it runs? N closed, due cases (report,
// messages, key grants, mailbox, receipts, history) purged by the real `purge` job, next to a plain
// SQL delete of the same rows in the same run (the limit), while a referent lists cases
// (GET /api/v1/cases) from another thread. Then several batch sizes, each on a smaller set.
// PURGE_BATCH_SIZE and PURGE_LANES set the main run as they set the service.
// Usage: npm run bench:purge [-- --cases 100000 --batch-sizes 50,100,200,500,1000 --sweep-cases 10000]
//        (DATABASE_URL selects PostgreSQL: a scratch database on that server, dropped at the end;
//        without it, PGlite in a temporary data folder on disk, as a small deployment runs it)
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/index.ts';
import { auditLog, cases, caseTombstones, purgeLog } from '../../db/schema.ts';
import { StaffClient } from '../../src/client/staff-client.ts';
import { loadConfig } from '../../src/config.ts';
import { runJob } from '../../src/jobs/job-runner.ts';
import { findJob } from '../../src/jobs/registry.ts';
import { CASE_CHILDREN } from '../../src/services/case-purge.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { createOrganisation } from '../../src/services/organisations.ts';
import { cookieHeader, inviteReferent, percentile, printFigures, scratchDatabase, startBenchApp, type BenchApp, type Figure } from './bench-kit.ts';

// Not strict: `npm run bench -- --filings 10` hands every benchmark the other benchmarks' flags too.
const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    open: { type: 'string', default: '2000' },
    'batch-sizes': { type: 'string', default: '50,100,200,500,1000' },
    'sweep-cases': { type: 'string' },
    'api-clients': { type: 'string', default: '2' },
    'api-pause-ms': { type: 'string', default: '50' },
  },
  strict: false,
});
const dueCount = Number(values.cases);
const openCount = Number(values.open);
const sweepSizes = String(values['batch-sizes'] ?? '')
  .split(',')
  .filter(Boolean)
  .map(Number);
const sweepCount = Number(values['sweep-cases'] ?? Math.min(dueCount, 10_000));
const apiClients = Number(values['api-clients']);
const apiPauseMs = Number(values['api-pause-ms']);

const SEED = 'bench_purge_seed';
const BLOBS = 'bench_purge_blobs';
const BLOB_COUNT = 256;

interface Staffing {
  readonly organisationId: string;
  readonly referentId: string;
  /** Another staff member, excluded from some cases by their reporter. */
  readonly excludedId: string;
  /** Cookie header of the referent's session. */
  readonly cookie: string;
}

/** An organisation, a referent logged in through the real API, and a colleague who is only invited. */
async function organisationWithReferent(bench: BenchApp): Promise<Staffing> {
  const { services, clock } = bench;
  const slug = `bench-purge-${Date.now().toString(36)}`;
  const { organisation } = await createOrganisation(services, { slug, name: 'Bench purge', adminEmail: `admin@${slug}.fr`, adminName: 'Admin' });
  const invite = (email: string) => inviteReferent(services, organisation.id, email);
  const client = new StaffClient(bench.baseUrl);
  const activated = await client.activate({ code: (await invite(`referent@${slug}.fr`)).code, passphrase: 'bench passphrase', at: clock.now() });
  const colleague = await invite(`colleague@${slug}.fr`);
  clock.advance(30_000); // a fresh TOTP step for the login
  await client.login({ organisation: slug, email: activated.email, passphrase: 'bench passphrase', totpSecret: activated.totpSecret }, clock.now());
  const cookie = cookieHeader(client.http);
  return { organisationId: organisation.id, referentId: activated.accountId, excludedId: colleague.accountId, cookie };
}

/** Random ciphertext-like blobs, incompressible like the real ones; cases take them in turn. */
async function prepareSeedTables(db: Database): Promise<void> {
  await db.execute(sql.raw(`create table ${SEED} (n integer primary key, id uuid not null unique, live boolean not null)`));
  await db.execute(sql.raw(`create table ${BLOBS} (n integer primary key, report bytea not null, message bytea not null, sealed bytea not null, wrapped bytea not null)`));
  const hex = (bytes: number) => `decode('${randomBytes(bytes).toString('hex')}', 'hex')`;
  for (let from = 0; from < BLOB_COUNT; from += 32) {
    // Report 1 KiB, message 500 B, a sealed case key (crypto_box_seal of 32 bytes), a wrapped one (v1 envelope).
    const rows = Array.from({ length: 32 }, (_, i) => `(${from + i}, ${hex(1024)}, ${hex(500)}, ${hex(80)}, ${hex(73)})`);
    await db.execute(sql.raw(`insert into ${BLOBS} values ${rows.join(', ')}`));
  }
}

/**
 * Cases n in [first, first + count) written set-based, with the rows the workflow leaves: closed and
 * due (half R1 inadmissible, half R2 closed without follow-up, closed 3 to 23 months ago), or live
 * (in investigation, received in the last 60 days) for the referent's list.
 */
async function seedCases(db: Database, staffing: Staffing, first: number, count: number, live: boolean, now: Date): Promise<void> {
  const { organisationId: org, referentId: referent, excludedId } = staffing;
  const at = now.toISOString();
  const seeded = sql.raw(`${SEED} s join cases c on c.id = s.id`);
  const blobs = sql.raw(BLOBS);
  const these = sql.raw(`s.n between ${first} and ${first + count - 1}`);
  await db.execute(sql`insert into ${sql.raw(SEED)} (n, id, live) select n, gen_random_uuid(), ${live} from generate_series(${first}::int, ${first + count - 1}::int) n`);
  const dates = live
    ? sql`select ${at}::timestamptz - (s.n % 60) * interval '1 day' - (s.n % 1440) * interval '1 minute' as received_at, null::timestamptz as closed_at`
    : sql`select ${at}::timestamptz - (100 + s.n % 600) * interval '1 day' as received_at, ${at}::timestamptz - (90 + s.n % 600) * interval '1 day' + (s.n % 80) * interval '1 hour' as closed_at`;
  await db.execute(sql`
    insert into cases (id, organisation_id, reference, category, identity_mode, state, received_at, acknowledged_at, ack_due_on, feedback_due_on,
                       report_ciphertext, feedback_given_at, closed_at, outcome, retention_rule, purge_due_on)
    select s.id, ${org}::uuid, 'BP-' || s.n || '-' || left(md5(s.id::text), 6),
           (array['atteinte-probite', 'conflit-interets', 'crime-delit', 'violation-regle', 'autre'])[1 + s.n % 5],
           case when s.n % 4 = 0 then 'confidential' else 'anonymous' end,
           case when t.closed_at is null then 'investigation' else 'closed' end,
           t.received_at, t.received_at + interval '1 day', (t.received_at + interval '9 days')::date, (t.received_at + interval '3 months')::date,
           b.report, case when s.n % 2 = 1 then t.received_at + interval '5 days' end, t.closed_at,
           case when t.closed_at is null then null when s.n % 2 = 0 then 'inadmissible' else 'no_follow_up' end,
           case when t.closed_at is null then null when s.n % 2 = 0 then 'R1' else 'R2' end,
           case when t.closed_at is null then null
                when s.n % 2 = 0 then (t.closed_at at time zone 'Europe/Paris')::date
                else ((t.closed_at at time zone 'Europe/Paris')::date + interval '2 months')::date end
    from ${sql.raw(SEED)} s cross join lateral (${dates}) t join ${blobs} b on b.n = s.n % ${BLOB_COUNT}
    where ${these}`);
  // The referent's sealed key and the organisation's recovery key.
  await db.execute(sql`
    insert into case_key_grants (id, case_id, organisation_id, staff_account_id, sealed_key, granted_at)
    select gen_random_uuid(), s.id, ${org}::uuid, g.staff, b.sealed, c.received_at
    from ${seeded} cross join (values (${referent}::uuid), (null::uuid)) g(staff) join ${blobs} b on b.n = (s.n + 1) % ${BLOB_COUNT}
    where ${these}`);
  await db.execute(sql`insert into case_exclusions (case_id, staff_account_id, reason) select s.id, ${excludedId}::uuid, 'reporter' from ${sql.raw(SEED)} s where ${these} and s.n % 10 = 0`);
  await db.execute(sql`
    insert into mailboxes (case_id, lookup_id, authenticator_hash, wrapped_case_key)
    select s.id, uuid_send(gen_random_uuid()), uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()), b.wrapped
    from ${sql.raw(SEED)} s join ${blobs} b on b.n = s.n % ${BLOB_COUNT} where ${these}`);
  await db.execute(sql`
    insert into case_messages (id, case_id, author_kind, author_staff_id, purpose, ciphertext, sent_at)
    select gen_random_uuid(), s.id, case when m = 0 then 'reporter' else 'staff' end, case when m = 0 then null else ${referent}::uuid end,
           case m when 1 then 'feedback' when 2 then 'reason' else 'message' end, b.message, c.received_at + m * interval '1 day'
    from ${seeded} cross join generate_series(0, ${live ? 1 : 2}) m join ${blobs} b on b.n = (s.n * 3 + m) % ${BLOB_COUNT}
    where ${these}`);
  await db.execute(sql`
    insert into case_receipts (id, case_id, kind, payload, signature, key_id, issued_at)
    select gen_random_uuid(), s.id, k.kind,
           json_build_object('type', 'vigie.receipt', 'version', 1, 'kind', k.kind, 'caseReference', c.reference, 'issuedAt', c.received_at,
                             'statement', repeat('Le signalement a bien été reçu et sera traité dans les délais légaux. ', 9), 'keyId', 'bench')::text,
           uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()), 'bench',
           case when k.kind = 'closure' then c.closed_at else c.received_at end
    from ${seeded} cross join (values ('acknowledgement'), ('closure')) k(kind)
    where ${these} and (k.kind = 'acknowledgement' or c.closed_at is not null)`);
  await db.execute(sql`
    insert into case_events (id, case_id, kind, actor_kind, actor_staff_id, visible_to_reporter, details, at)
    select gen_random_uuid(), s.id, e.kind, e.actor, case when e.actor = 'staff' then ${referent}::uuid end, e.visible,
           case when e.kind = 'closed' then jsonb_build_object('outcome', c.outcome, 'followUpKind', null) else '{}'::jsonb end,
           c.received_at + e.step * interval '1 day'
    from ${seeded}
    cross join lateral (values (0, 'acknowledged', 'system', false),
                               (1, case when c.closed_at is null then 'declared_admissible' else 'admissibility_review_started' end, 'staff', true),
                               (2, 'closed', 'staff', true)) e(step, kind, actor, visible)
    where ${these} and (e.step < 2 or c.closed_at is not null)`);
}

/** Removes the due cases' seed marks (the rows themselves are gone), keeping the live ones. */
async function forgetDueSeed(db: Database): Promise<void> {
  await db.execute(sql.raw(`delete from ${SEED} where not live`));
}

/** What autovacuum would have done by the time a purge runs: dead rows reclaimed, statistics fresh. */
async function vacuum(db: Database): Promise<void> {
  await db.execute(sql`vacuum analyze`);
}

/** The limit: the same rows deleted in one transaction, one set-based statement per table. */
async function plainDelete(db: Database): Promise<void> {
  const seededDue = sql.raw(`(select id from ${SEED} where not live)`);
  await db.transaction(async (tx) => {
    for (const table of CASE_CHILDREN) await tx.execute(sql`delete from ${table} where ${table.caseId} in ${seededDue}`);
    await tx.execute(sql`delete from ${cases} where ${cases.id} in ${seededDue}`);
  });
}

interface ApiSamples {
  readonly latencies: number[];
  readonly failures: number;
  readonly firstFailure: string | null;
}

// A separate thread, so the client's own work does not sit on the server's event loop.
const API_LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, cookie, clients, pauseMs } = workerData;
let stopping = false;
parentPort.once('message', () => { stopping = true; });
const latencies = [];
let failures = 0;
let firstFailure = null;
async function client() {
  while (!stopping) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    const text = await response.text();
    latencies.push(performance.now() - started);
    if (response.status !== 200) { failures++; firstFailure ??= response.status + ' ' + text.slice(0, 200); }
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}
Promise.all(Array.from({ length: clients }, client)).then(() => parentPort.postMessage({ latencies, failures, firstFailure }));
`;

/** Runs `work` while referents list their cases (GET /api/v1/cases) from another thread. */
async function whileListing<T>(
  bench: BenchApp,
  staffing: Staffing,
  work: () => Promise<T>,
): Promise<{ result: T; seconds: number; api: ApiSamples; peakRssMb: number; eventLoopDelay: { p99: number; max: number } }> {
  const worker = new Worker(API_LOAD_WORKER, { eval: true, workerData: { url: `${bench.baseUrl}/api/v1/cases`, cookie: staffing.cookie, clients: apiClients, pauseMs: apiPauseMs } });
  const samples = new Promise<ApiSamples>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100);
  // How long the server's own thread is kept from answering (the purge's JavaScript runs on it too).
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  try {
    await new Promise((resolve) => setTimeout(resolve, 200)); // the listing is under way before the work starts
    loopDelay.enable();
    const started = performance.now();
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    loopDelay.disable();
    worker.postMessage('stop');
    // No sample at all means the loop never got round to its own timer: blocked the whole time.
    const eventLoopDelay = loopDelay.count > 0 ? { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 } : { p99: NaN, max: NaN };
    return { result, seconds, api: await samples, peakRssMb: peakRss / 2 ** 20, eventLoopDelay };
  } finally {
    clearInterval(sampler);
    loopDelay.disable();
    await worker.terminate();
  }
}

/** The real job, as the scheduler runs it (its lock, its batches), with the given batch size. */
async function purgeThroughJob(services: ServiceContext, batchSize: number) {
  const ctx: ServiceContext = { ...services, config: { ...services.config, retention: { ...services.config.retention, purgeBatchSize: batchSize } } };
  const run = await runJob(ctx, findJob('purge')!, { dryRun: false });
  if (run.status !== 'done' || !run.report?.ok) throw new Error(`purge job ${run.status}: ${run.report?.lines.join('; ') ?? 'no report'}`);
  return run.report;
}

/** Due cases still there, and what the purge left: tombstones, purge-log entries, audit entries. */
async function countsOf(db: Database, organisationId: string) {
  return {
    due: await db.$count(cases, and(eq(cases.organisationId, organisationId), isNotNull(cases.purgeDueOn))),
    tombstones: await db.$count(caseTombstones, eq(caseTombstones.organisationId, organisationId)),
    purgeLog: await db.$count(purgeLog, eq(purgeLog.organisationId, organisationId)),
    purgeAudit: await db.$count(auditLog, and(eq(auditLog.organisationId, organisationId), eq(auditLog.action, 'case.purged'))),
  };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const rate = (count: number, seconds: number) => `${(count / seconds).toFixed(0)} cases/s`;
const latencySpread = (api: ApiSamples) =>
  `n=${api.latencies.length}, p50 ${ms(percentile(api.latencies, 50))}, p95 ${ms(percentile(api.latencies, 95))}, p99 ${ms(percentile(api.latencies, 99))}, max ${ms(Math.max(...api.latencies))}`;

const config = loadConfig();
const loadAtStart = os.loadavg()[0]!;
const serverUrl = config.databaseUrl;
const engine = serverUrl ? 'PostgreSQL' : 'PGlite';
const batchSize = config.retention.purgeBatchSize;
const lanes = config.retention.purgeLanes;
const scratch = serverUrl ? await scratchDatabase(serverUrl, 'purge') : undefined;
const dataDir = serverUrl ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-purge-'));
const benchEnv = { STAFF_KDF_OPSLIMIT: '1', STAFF_KDF_MEMLIMIT: '8192', AUTH_HASH_MEMORY_KIB: '256', AUTH_HASH_ITERATIONS: '1' };
const dropScratch = async () => {
  await scratch?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
};
const bench = await startBenchApp({ ...benchEnv, ...(scratch ? { DATABASE_URL: scratch.url } : { DATA_DIR: dataDir! }) }).catch(async (error: unknown) => {
  await dropScratch();
  throw error;
});
try {
  const { db } = bench.database;
  const staffing = await organisationWithReferent(bench);
  const now = bench.clock.now();
  await prepareSeedTables(db);
  await seedCases(db, staffing, 0, openCount, true, now);
  await vacuum(db);
  await whileListing(bench, staffing, () => new Promise((resolve) => setTimeout(resolve, 1000))); // warm-up: JIT, connections, plans
  const idle = await whileListing(bench, staffing, () => new Promise((resolve) => setTimeout(resolve, 3000)));

  console.log(`${engine}: seeding ${dueCount} due cases (each: report 1 KiB, 3 messages of 500 B, 2 key grants, mailbox, 2 receipts, 3 events; 1 in 10 an exclusion) beside ${openCount} open ones...`);
  let seedStarted = performance.now();
  await seedCases(db, staffing, openCount, dueCount, false, now);
  await vacuum(db);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const before = await countsOf(db, staffing.organisationId);
  console.log(`${engine}: seeded in ${seedSeconds.toFixed(1)} s; purging through the job (batch ${batchSize}, ${lanes} lane(s))...`);
  const purge = await whileListing(bench, staffing, () => purgeThroughJob(bench.services, batchSize));
  const after = await countsOf(db, staffing.organisationId);
  console.log(`${engine}: ${purge.result.lines.join('; ')}`);

  await forgetDueSeed(db);
  await vacuum(db);
  seedStarted = performance.now();
  await seedCases(db, staffing, openCount + dueCount, dueCount, false, now);
  await vacuum(db);
  console.log(`${engine}: re-seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s; plain delete...`);
  const plain = await whileListing(bench, staffing, () => plainDelete(db));
  const plainLeft = (await countsOf(db, staffing.organisationId)).due;

  const purged = after.tombstones - before.tombstones;
  const ratio = purge.seconds > 0 ? plain.seconds / purge.seconds : NaN;
  const apiP99 = percentile(purge.api.latencies, 99);
  const figures: Figure[] = [
    { figure: 'due cases purged by the job', value: `${purged}/${dueCount} (left due: ${after.due}; purge log +${after.purgeLog - before.purgeLog}, audit +${after.purgeAudit - before.purgeAudit})`, target: `${dueCount}/${dueCount}`, met: purged === dueCount && after.due === 0 },
    { figure: `purge through the job (batch ${batchSize}, ${lanes} lane(s))`, value: `${purge.seconds.toFixed(1)} s, ${rate(dueCount, purge.seconds)}`, target: '-', met: null },
    { figure: 'plain SQL delete of the same rows (limit)', value: `${plain.seconds.toFixed(1)} s, ${rate(dueCount, plain.seconds)}${plainLeft === 0 ? '' : ` (${plainLeft} left!)`}`, target: '-', met: null },
    { figure: 'purge rate / plain delete rate', value: `${(ratio * 100).toFixed(0)} %`, target: '>= 50 %', met: ratio >= 0.5, comparedWith: 'plain SQL delete of the same rows, same run' },
    { figure: 'GET /api/v1/cases idle', value: latencySpread(idle.api), target: '-', met: null },
    { figure: 'GET /api/v1/cases during the purge', value: latencySpread(purge.api), target: 'p99 < 100 ms', met: apiP99 < 100, comparedWith: 'the same list idle, same run' },
    { figure: 'server event-loop delay during the purge', value: `p99 ${ms(purge.eventLoopDelay.p99)}, max ${ms(purge.eventLoopDelay.max)}`, target: '-', met: null },
    { figure: 'GET /api/v1/cases failures during the purge', value: `${purge.api.failures}${purge.api.firstFailure ? ` (first: ${purge.api.firstFailure})` : ''}`, target: '0', met: purge.api.failures === 0 },
    { figure: 'GET /api/v1/cases during the plain delete', value: latencySpread(plain.api), target: '- (one transaction)', met: null },
    { figure: `RSS peak during the purge${serverUrl ? ' (Node only)' : ' (Node + PGlite)'}`, value: `${purge.peakRssMb.toFixed(0)} MiB`, target: '-', met: null },
  ];

  // Batch sizes side by side, each on a fresh smaller set of the same shape (the configured one too, so like meets like).
  let next = openCount + 2 * dueCount;
  const tried: { size: number; rate: number; p99: number }[] = [];
  for (const size of sweepCount > 0 ? [...new Set([...sweepSizes, batchSize])].sort((a, b) => a - b) : []) {
    await forgetDueSeed(db);
    await vacuum(db);
    await seedCases(db, staffing, next, sweepCount, false, now);
    next += sweepCount;
    await vacuum(db);
    const run = await whileListing(bench, staffing, () => purgeThroughJob(bench.services, size));
    const p99 = percentile(run.api.latencies, 99);
    tried.push({ size, rate: sweepCount / run.seconds, p99 });
    figures.push({
      figure: `batch ${size}${size === batchSize ? ' (configured)' : ''}, ${lanes} lane(s), ${sweepCount} cases`,
      value: `${rate(sweepCount, run.seconds)} (${((plain.seconds / dueCount) * (sweepCount / run.seconds) * 100).toFixed(0)} % of plain); API p99 ${ms(p99)}, max ${ms(Math.max(...run.api.latencies))}`,
      target: '-',
      met: null,
    });
  }
  // The fastest size that keeps the API under its target; failing that, the one that hurts it least.
  const best = tried.filter((t) => t.p99 < 100).sort((a, b) => b.rate - a.rate)[0] ?? [...tried].sort((a, b) => a.p99 - b.p99)[0];
  if (best) figures.push({ figure: 'batch size to use (of those tried)', value: `${best.size}: ${best.rate.toFixed(0)} cases/s, API p99 ${ms(best.p99)}`, target: 'API p99 < 100 ms', met: best.p99 < 100 });
  figures.push({ figure: 'machine load average (1 min) at start / end', value: `${loadAtStart.toFixed(1)} / ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} CPU(s)`, target: '-', met: null });
  figures.push({ figure: 'RSS peak over the whole run', value: `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`, target: '-', met: null });
  printFigures(`Purge (${engine}; ${dueCount} due cases beside ${openCount} open, ${apiClients} listing client(s) pausing ${apiPauseMs} ms)`, figures);
} finally {
  await bench.close();
  await dropScratch();
}
