// Is the case list quick with a big caseload? One organisation whose referent holds every one of N
// cases (the worst case for the list), seeded set-based; then GET /api/v1/cases as that referent,
// through the real app over HTTP from another thread: the first page, filtered pages and a later
// page through the cursor, one request at a time. Target: p95 < 50 ms for each. A missed target
// prints EXPLAIN ANALYZE of the SQL the service itself sent for that page.
// Usage: npm run bench:case-list [-- --cases 100000 --requests 200 --explain]
//        (DATABASE_URL selects PostgreSQL: a scratch database on that server, dropped at the end;
//        without it, PGlite in a temporary data folder on disk, as a small deployment runs it)
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import { sql, type Logger, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import type { Database, DatabaseHandle } from '../../db/index.ts';
import * as schema from '../../db/schema.ts';
import { StaffClient } from '../../src/client/staff-client.ts';
import { loadConfig } from '../../src/config.ts';
import { fromBase64Url, utf8 } from '../../src/crypto/encoding.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { createOrganisation } from '../../src/services/organisations.ts';
import { listCasesFor, type CaseListQuery } from '../../src/services/staff-cases.ts';
import type { StaffPrincipal } from '../../src/services/staff-sessions.ts';
import { cookieHeader, inviteReferent, percentile, printFigures, scratchDatabase, startBenchApp, type BenchApp, type Figure } from './bench-kit.ts';

// Not strict: `npm run bench -- --filings 10` hands every benchmark the other benchmarks' flags too.
const { values } = parseArgs({
  options: { cases: { type: 'string', default: '100000' }, requests: { type: 'string', default: '200' }, explain: { type: 'boolean', default: false } },
  strict: false,
});
const caseCount = Number(values.cases);
const requestCount = Number(values.requests);
const explainAll = values.explain === true;
const WARM_UP = 20;
const TARGET_P95_MS = 50;
/** Cases received over five years, whatever their number, so the mix of states stays the same. */
const SPAN_DAYS = 5 * 365;
const BLOBS = 'bench_case_list_blobs';

interface Referent {
  readonly organisationId: string;
  readonly accountId: string;
  /** Cookie header of the referent's session. */
  readonly cookie: string;
}

/** An organisation and its referent, activated and logged in through the real API. */
async function organisationWithReferent(bench: BenchApp): Promise<Referent> {
  const { services, clock } = bench;
  const slug = `bench-cases-${Date.now().toString(36)}`;
  const { organisation } = await createOrganisation(services, { slug, name: 'Bench case list', adminEmail: `admin@${slug}.fr`, adminName: 'Admin' });
  const invitation = await inviteReferent(services, organisation.id, `referent@${slug}.fr`, 'Referent');
  const client = new StaffClient(bench.baseUrl);
  const activated = await client.activate({ code: invitation.code, passphrase: 'bench passphrase', at: clock.now() });
  clock.advance(30_000); // a fresh TOTP step for the login
  await client.login({ organisation: slug, email: activated.email, passphrase: 'bench passphrase', totpSecret: activated.totpSecret }, clock.now());
  const cookie = cookieHeader(client.http);
  return { organisationId: organisation.id, accountId: activated.accountId, cookie };
}

/** Rows of a raw statement: PGlite answers { rows }, postgres.js the array itself. */
async function rowsOf<T>(db: Database, statement: SQL): Promise<T[]> {
  const result: unknown = await db.execute(statement);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * N cases received over five years, newest first in n, written set-based. The state follows the age:
 * new ones unacknowledged or in admissibility review, the last months' mostly in investigation, the
 * older ones mostly closed, a few still open (and so overdue when no feedback was given). Each has a
 * 1 KiB report, the referent's sealed key and the recovery key, 0 to 4 messages (reporter first).
 */
async function seedCases(db: Database, referent: Referent, count: number, now: Date): Promise<void> {
  const org = referent.organisationId;
  const at = now.toISOString();
  await db.execute(sql.raw(`create table ${BLOBS} (slot integer primary key, report bytea not null, message bytea not null, sealed bytea not null)`));
  const hex = (bytes: number) => `decode('${randomBytes(bytes).toString('hex')}', 'hex')`;
  for (let from = 0; from < 256; from += 32) {
    const rows = Array.from({ length: 32 }, (_, i) => `(${from + i}, ${hex(1024)}, ${hex(500)}, ${hex(80)})`);
    await db.execute(sql.raw(`insert into ${BLOBS} values ${rows.join(', ')}`));
  }
  const blobs = sql.raw(BLOBS);
  // h.r: a per-case draw in [0, 1000); h.age: days since it was received. Times to the millisecond,
  // as the service stores them (a JavaScript Date), so the cursor matches them exactly.
  await db.execute(sql`
    insert into cases (id, organisation_id, reference, category, identity_mode, state, received_at, acknowledged_at, ack_due_on, feedback_due_on,
                       report_ciphertext, feedback_given_at, meeting_requested_at, meeting_due_on, meeting_held_at, closed_at, outcome, follow_up_kind)
    select gen_random_uuid(), ${org}::uuid, 'CL-' || lpad(n::text, 7, '0'),
           (array['atteinte-probite', 'conflit-interets', 'crime-delit', 'violation-regle', 'autre'])[1 + n % 5],
           case when n % 4 = 0 then 'confidential' else 'anonymous' end,
           s.state, t.received_at,
           case when s.state <> 'received' then t.received_at + (1 + h.r % 48) * interval '1 hour' end,
           t.received_on + 9, (t.received_on + interval '3 months')::date,
           b.report,
           case when s.state in ('investigation', 'committee_review', 'closed') and h.r % 10 < 6 and h.age > 40 then t.received_at + interval '40 days' end,
           case when h.r % 20 = 7 and h.age > 20 then t.received_at + interval '20 days' end,
           case when h.r % 20 = 7 and h.age > 20 then t.received_on + 48 end,
           case when h.r % 20 = 7 and h.age > 50 and h.r % 3 > 0 then t.received_at + interval '45 days' end,
           case when s.state = 'closed' then least(t.received_at + (20 + h.r % 300) * interval '1 day', ${at}::timestamptz - interval '1 hour') end,
           case when s.state = 'closed' then (array['no_follow_up', 'follow_up', 'inadmissible'])[1 + h.r % 3] end,
           case when s.state = 'closed' and h.r % 3 = 1 then (array['disciplinary', 'judicial_referral', 'internal_measures'])[1 + h.r % 7 % 3] end
    from generate_series(0, ${count - 1}::int) n
    cross join lateral (select mod(hashint4(n)::bigint + 2147483648, 1000)::int as r,
                               (n + mod(hashint4(n + 1)::bigint + 2147483648, 1000) / 1000.0) * ${SPAN_DAYS}::float8 / ${count}::int as age) h
    cross join lateral (select date_trunc('milliseconds', ${at}::timestamptz - h.age * interval '1 day') as received_at,
                               ((${at}::timestamptz - h.age * interval '1 day') at time zone 'Europe/Paris')::date as received_on) t
    cross join lateral (select case
      when h.age < 2 then case when h.r < 600 then 'received' else 'acknowledged' end
      when h.age < 14 then case when h.r < 100 then 'received' when h.r < 500 then 'acknowledged' when h.r < 900 then 'admissibility_review' else 'inadmissible' end
      when h.age < 90 then case when h.r < 200 then 'admissibility_review' when h.r < 750 then 'investigation' when h.r < 850 then 'inadmissible' when h.r < 900 then 'committee_review' else 'closed' end
      when h.age < 365 then case when h.r < 350 then 'investigation' when h.r < 400 then 'committee_review' when h.r < 980 then 'closed' else 'inadmissible' end
      else case when h.r < 40 then 'investigation' when h.r < 50 then 'committee_review' else 'closed' end
    end as state) s
    join ${blobs} b on b.slot = n % 256`);
  // The column arrives with unread counts; seeded when the schema has it (most cases opened once).
  const [readColumn] = await rowsOf(
    db,
    sql`select 1 as found from information_schema.columns where table_schema = current_schema() and table_name = 'case_key_grants' and column_name = 'last_read_at'`,
  );
  const lastRead = readColumn
    ? [sql`, last_read_at`, sql`, case when g.staff is not null and get_byte(uuid_send(c.id), 0) < 180 then least(c.received_at + (get_byte(uuid_send(c.id), 1) % 90) * interval '1 day', ${at}::timestamptz) end`]
    : [sql``, sql``];
  await db.execute(sql`
    insert into case_key_grants (id, case_id, organisation_id, staff_account_id, sealed_key, granted_at${lastRead[0]})
    select gen_random_uuid(), c.id, c.organisation_id, g.staff, b.sealed, c.received_at${lastRead[1]}
    from cases c cross join (values (${referent.accountId}::uuid), (null::uuid)) g(staff) join ${blobs} b on b.slot = get_byte(uuid_send(c.id), 2)
    where c.organisation_id = ${org}::uuid`);
  await db.execute(sql`
    insert into case_messages (id, case_id, author_kind, author_staff_id, purpose, ciphertext, sent_at)
    select gen_random_uuid(), c.id, case when m % 2 = 0 then 'reporter' else 'staff' end, case when m % 2 = 1 then ${referent.accountId}::uuid end, 'message', b.message,
           greatest(c.received_at, least(c.received_at + (m + 1) * (1 + get_byte(uuid_send(c.id), 3) % 20) * interval '1 day', ${at}::timestamptz - interval '1 minute'))
    from cases c cross join lateral generate_series(0, get_byte(uuid_send(c.id), 4) % 5 - 1) m join ${blobs} b on b.slot = (get_byte(uuid_send(c.id), 5) + m) % 256
    where c.organisation_id = ${org}::uuid`);
  await db.execute(sql.raw(`drop table ${BLOBS}`));
  // What autovacuum would have done by the time anyone lists: statistics fresh, visibility map set.
  await db.execute(sql`vacuum analyze`);
}

async function seededMix(db: Database, organisationId: string): Promise<string> {
  const rows = await rowsOf<{ state: string; n: number }>(db, sql`select state, count(*)::int as n from cases where organisation_id = ${organisationId}::uuid group by state order by n desc`);
  const [messages] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from case_messages m join cases c on c.id = m.case_id where c.organisation_id = ${organisationId}::uuid`);
  return `${rows.map((row) => `${row.state} ${row.n}`).join(', ')}; ${messages!.n} messages`;
}

interface ListPage {
  readonly name: string;
  readonly path: string;
  readonly query: CaseListQuery;
}

// A separate thread, so the client's own work does not sit on the server's event loop. One request
// at a time, the pages in turn, so drift in the machine's load weighs on all of them alike. Around
// each request it reads the scheduler's counters (/proc/.../schedstat, Linux) of the server's
// threads: time on a CPU, and time ready but waiting for one (what a shared machine adds).
const LIST_CLIENT_WORKER = `
const fs = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const { baseUrl, cookie, paths, warmUp, requests, schedFiles } = workerData;
// [Node on CPU, database on CPU, both waiting for a CPU], in nanoseconds.
const sched = () => [schedFiles.node, schedFiles.database].reduce((sum, files, group) => {
  for (const file of files) {
    // A backend that has gone away (the pool closed it) has nothing more to count.
    try { const [onCpu, waiting] = fs.readFileSync(file, 'utf8').split(' ').map(Number); sum[group] += onCpu; sum[2] += waiting; } catch {}
  }
  return sum;
}, [0, 0, 0]);
(async () => {
  const latencies = paths.map(() => []);
  const nodeCpuMs = paths.map(() => 0);
  const databaseCpuMs = paths.map(() => 0);
  const waitMs = paths.map(() => 0);
  const shown = paths.map(() => 0);
  let failures = 0;
  let firstFailure = null;
  for (let round = 0; round < warmUp + requests; round++) {
    for (let i = 0; i < paths.length; i++) {
      const before = sched();
      const started = performance.now();
      const response = await fetch(baseUrl + paths[i], { headers: { cookie } });
      const text = await response.text();
      const elapsed = performance.now() - started;
      const after = sched();
      if (response.status !== 200) { failures++; firstFailure ??= paths[i] + ': ' + response.status + ' ' + text.slice(0, 200); continue; }
      if (round === 0) shown[i] = JSON.parse(text).cases.length;
      if (round < warmUp) continue;
      latencies[i].push(elapsed);
      nodeCpuMs[i] += (after[0] - before[0]) / 1e6;
      databaseCpuMs[i] += (after[1] - before[1]) / 1e6;
      waitMs[i] += (after[2] - before[2]) / 1e6;
    }
  }
  parentPort.postMessage({ latencies, nodeCpuMs, databaseCpuMs, waitMs, shown, failures, firstFailure });
})();
`;

interface ListRun {
  readonly latencies: number[][];
  /** Per page, summed over its requests: the server's threads on a CPU, and ready but waiting for one. */
  readonly nodeCpuMs: number[];
  readonly databaseCpuMs: number[];
  readonly waitMs: number[];
  readonly shown: number[];
  readonly failures: number;
  readonly firstFailure: string | null;
}

interface ServerThreads {
  readonly node: string[];
  readonly database: string[];
}

function timeListPages(bench: BenchApp, referent: Referent, pages: ListPage[], rounds: { warmUp: number; requests: number }, schedFiles: ServerThreads): Promise<ListRun> {
  const workerData = { baseUrl: bench.baseUrl, cookie: referent.cookie, paths: pages.map((p) => p.path), ...rounds, schedFiles };
  const worker = new Worker(LIST_CLIENT_WORKER, { eval: true, workerData });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: ListRun) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** The server's threads doing the work: Node's main thread (PGlite runs on it), and on PostgreSQL the scratch database's backends. */
async function serverThreads(database: DatabaseHandle): Promise<ServerThreads> {
  const backends =
    database.driver === 'postgres'
      ? await rowsOf<{ pid: number }>(database.db, sql`select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`)
      : [];
  const readable = (files: string[]) => files.filter((file) => fs.existsSync(file));
  return { node: readable([`/proc/${process.pid}/task/${process.pid}/schedstat`]), database: readable(backends.map((b) => `/proc/${b.pid}/schedstat`)) };
}

/** The `next` cursor about half-way down the list, reached page by page as a client would. */
async function cursorHalfWay(bench: BenchApp, referent: Referent): Promise<string> {
  let next: string | null = null;
  for (let seen = 0; seen < caseCount / 2; seen += 200) {
    const response = await fetch(`${bench.baseUrl}/api/v1/cases?limit=200${next ? `&after=${next}` : ''}`, { headers: { cookie: referent.cookie } });
    const page = (await response.json()) as { next: string | null };
    if (!page.next) break;
    next = page.next;
  }
  if (!next) throw new Error('the list has a single page: nothing to page through');
  return next;
}

/**
 * EXPLAIN ANALYZE of the list query exactly as the service builds it: listCasesFor runs once on a
 * drizzle instance over the app's own connection that records its SQL, which is then explained.
 */
async function explainListQuery(database: DatabaseHandle, services: ServiceContext, staff: StaffPrincipal, query: CaseListQuery): Promise<string[]> {
  const client = (database.db as unknown as { $client: unknown }).$client;
  const sent: { text: string; params: unknown[] }[] = [];
  const logger: Logger = { logQuery: (text, params) => void sent.push({ text, params }) };
  const recording = (database.driver === 'pglite' ? drizzlePglite(client as PGlite, { schema, logger }) : drizzlePostgres(client as postgres.Sql, { schema, logger })) as unknown as Database;
  await listCasesFor({ ...services, db: recording }, staff, query);
  const list = sent.filter((q) => /from "cases"/.test(q.text) && /limit/i.test(q.text)).at(-1);
  if (!list) return ['(the list query was not seen)'];
  const statement = `explain (analyze, buffers) ${list.text}`;
  const rows =
    database.driver === 'pglite'
      ? (await (client as PGlite).query<Record<string, string>>(statement, list.params)).rows
      : ((await (client as postgres.Sql).unsafe(statement, list.params as postgres.ParameterOrJSON<never>[])) as unknown as Record<string, string>[]);
  return rows.map((row) => row['QUERY PLAN']!);
}

/** The route's cursor (base64url of [receivedAt, id]), read back for the service call that is explained. */
function cursorOf(next: string) {
  const [receivedAt, id] = JSON.parse(utf8.decode(fromBase64Url(next))) as [string, string];
  return { receivedAt: new Date(receivedAt), id };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

const serverUrl = loadConfig().databaseUrl;
const engine = serverUrl ? 'PostgreSQL' : 'PGlite';
const scratch = serverUrl ? await scratchDatabase(serverUrl, 'cases') : undefined;
const dataDir = serverUrl ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-cases-'));
const benchEnv = { STAFF_KDF_OPSLIMIT: '1', STAFF_KDF_MEMLIMIT: '8192', AUTH_HASH_MEMORY_KIB: '256', AUTH_HASH_ITERATIONS: '1' };
const bench = await startBenchApp({ ...benchEnv, ...(scratch ? { DATABASE_URL: scratch.url } : { DATA_DIR: dataDir! }) });
try {
  const { db } = bench.database;
  const referent = await organisationWithReferent(bench);
  console.log(`${engine}: seeding ${caseCount} cases held by one referent (load average ${os.loadavg()[0]!.toFixed(2)})...`);
  const seedStarted = performance.now();
  await seedCases(db, referent, caseCount, bench.clock.now());
  const mix = await seededMix(db, referent.organisationId);
  console.log(`${engine}: seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s: ${mix}`);

  // PGlite seeds on this thread: idle keep-alive connections that outlived the seed close now, not under a request.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const halfWay = await cursorHalfWay(bench, referent);
  const pages: ListPage[] = [
    { name: 'first page', path: '/api/v1/cases', query: { limit: 50 } },
    { name: 'state=investigation', path: '/api/v1/cases?state=investigation', query: { limit: 50, state: 'investigation' } },
    { name: 'state=committee_review', path: '/api/v1/cases?state=committee_review', query: { limit: 50, state: 'committee_review' } },
    { name: 'overdue=true', path: '/api/v1/cases?overdue=true', query: { limit: 50, overdue: true } },
    { name: 'later page (cursor half-way down)', path: `/api/v1/cases?after=${halfWay}`, query: { limit: 50, after: cursorOf(halfWay) } },
  ];
  console.log(`${engine}: ${WARM_UP} + ${requestCount} requests per page, one at a time...`);
  await timeListPages(bench, referent, pages, { warmUp: WARM_UP, requests: 0 }, { node: [], database: [] });
  const run = await timeListPages(bench, referent, pages, { warmUp: 0, requests: requestCount }, await serverThreads(bench.database));
  const figures: Figure[] = [{ figure: 'seeded', value: mix, target: '-', met: null }];
  const missed: ListPage[] = [];
  pages.forEach((page, i) => {
    const latencies = run.latencies[i]!;
    const p95 = percentile(latencies, 95);
    const met = p95 < TARGET_P95_MS && latencies.length === requestCount;
    if (!met) missed.push(page);
    const perRequest = (total: number) => ms(total / Math.max(1, latencies.length));
    const value = `p50 ${ms(percentile(latencies, 50))}, p95 ${ms(p95)}, p99 ${ms(percentile(latencies, 99))}, max ${ms(Math.max(...latencies))}; per request on CPU: Node ${perRequest(run.nodeCpuMs[i]!)}${bench.database.driver === 'postgres' ? ` + PostgreSQL ${perRequest(run.databaseCpuMs[i]!)}` : ' (PGlite included)'}, waiting for a CPU ${perRequest(run.waitMs[i]!)} (${run.shown[i]} shown, n=${latencies.length})`;
    console.log(`${met ? 'PASS' : 'FAIL'}  ${page.name}: ${value}`);
    figures.push({ figure: `GET /api/v1/cases ${page.name}`, value, target: `p95 < ${TARGET_P95_MS} ms`, met, comparedWith: 'listCasesFor alone, without HTTP (rows below)' });
  });
  // The same pages through the service alone, in this process: what the database and the service
  // cost, without HTTP, the session check and serialisation (and so what a miss is made of).
  const staff = { accountId: referent.accountId, organisationId: referent.organisationId, roles: ['referent' as const], sessionHash: new Uint8Array(32) };
  const serviceLatencies = pages.map(() => [] as number[]);
  for (let round = 0; round < WARM_UP + requestCount; round++) {
    for (const [i, page] of pages.entries()) {
      const started = performance.now();
      await listCasesFor(bench.services, staff, page.query);
      if (round >= WARM_UP) serviceLatencies[i]!.push(performance.now() - started);
    }
  }
  pages.forEach((page, i) => {
    const latencies = serviceLatencies[i]!;
    figures.push({ figure: `  listCasesFor alone, ${page.name}`, value: `p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, max ${ms(Math.max(...latencies))}`, target: '-', met: null });
  });
  figures.push({ figure: 'failed requests', value: `${run.failures}${run.firstFailure ? ` (first: ${run.firstFailure})` : ''}`, target: '0', met: run.failures === 0 });
  for (const page of explainAll ? pages : missed) {
    console.log(`\n${engine}: EXPLAIN ANALYZE, ${page.name}:`);
    for (const line of await explainListQuery(bench.database, bench.services, staff, page.query)) console.log(`  ${line}`);
  }
  printFigures(`Case list (${engine}; ${caseCount} cases held by one referent, ${requestCount} requests per page; load average ${os.loadavg()[0]!.toFixed(2)})`, figures);
} finally {
  await bench.close();
  await scratch?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
