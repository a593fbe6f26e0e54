// How fast can alerts be filed? N filings from 32 concurrent clients through the real API, next to
// the same rows written straight through the driver in the same run (the limit), then mailbox logins.
// Usage: npm run bench:intake [-- --filings 2000 --concurrency 32]   (DATABASE_URL selects PostgreSQL)
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../db/index.ts';
import { auditLog, caseKeyGrants, caseReceipts, cases, mailboxes, organisations, spentChallenges } from '../../db/schema.ts';
import { VigieHttp } from '../../src/client/http.ts';
import { earnProofOfWork, type ProofOfWorkAnswer } from '../../src/client/proof-of-work-client.ts';
import { prepareFiling, ReporterClient, type IntakeDescription } from '../../src/client/reporter-client.ts';
import { StaffClient } from '../../src/client/staff-client.ts';
import { loadConfig } from '../../src/config.ts';
import { fromBase64Url, toBase64Url } from '../../src/crypto/encoding.ts';
import { deriveMailboxCredentials } from '../../src/crypto/mailbox-token.ts';
import { chainAuditEntry } from '../../src/crypto/server/audit-chain.ts';
import { newCaseReference } from '../../src/crypto/server/case-reference.ts';
import { createOrganisation } from '../../src/services/organisations.ts';
import { sampleReport } from '../../test/helpers/factories.ts';
import { inviteReferent, percentile, printFigures, scratchDatabase, startBenchApp, type BenchApp, type Figure } from './bench-kit.ts';

// Not strict: `npm run bench -- --logins 10` hands every benchmark the other benchmarks' flags too.
const { values } = parseArgs({
  options: { filings: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '32' }, organisations: { type: 'string', default: '1' } },
  strict: false,
});
const filings = Number(values.filings);
const concurrency = Number(values.concurrency);
// Filings of one organisation queue on its audit chain; a shared deployment (a centre de gestion)
// spreads them over several chains.
const organisationCount = Number(values.organisations);
const WARM_UP = 64;
const MAILBOX_LOGINS = 200;
const MAILBOX_CONCURRENCY = 8;
const ROUNDS = 4;

/** Runs `work` over `items` with at most `workers` in flight; returns wall time and per-item latencies. */
async function inPool<T>(items: readonly T[], workers: number, work: (item: T) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(workers, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        const itemStarted = performance.now();
        await work(items[index]!);
        latencies.push(performance.now() - itemStarted);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies };
}

async function organisationWithTwoReferents(bench: BenchApp, index: number): Promise<IntakeDescription> {
  const { services, clock } = bench;
  const slug = `bench-intake-${index}-${Date.now().toString(36)}`;
  const { organisation } = await createOrganisation(services, { slug, name: 'Bench intake', adminEmail: `admin@${slug}.fr`, adminName: 'Admin' });
  for (const i of [1, 2]) {
    const invitation = await inviteReferent(services, organisation.id, `referent${i}@${slug}.fr`, `Referent ${i}`);
    await new StaffClient(bench.baseUrl).activate({ code: invitation.code, passphrase: `passphrase ${i}`, at: clock.now() });
  }
  return new ReporterClient(bench.baseUrl).intake(slug);
}

/** Client-side work done before any timing: challenges fetched and solved, bodies sealed and serialised. */
async function earnProofs(baseUrl: string, purpose: 'filing' | 'mailbox-login', count: number): Promise<ProofOfWorkAnswer[]> {
  const http = new VigieHttp(baseUrl);
  const proofs: ProofOfWorkAnswer[] = [];
  await inPool(Array.from({ length: count }), 16, async () => void proofs.push(await earnProofOfWork(http, purpose)));
  return proofs;
}

type PreparedFiling = Awaited<ReturnType<typeof prepareFiling>>;

/** One filing's rows as the service writes them, with fresh ids, drawn ahead of the timed section. */
interface DirectFiling {
  organisationId: string;
  caseId: string;
  reference: string;
  challengeId: Uint8Array;
  report: Uint8Array;
  grants: { staffAccountId: string; sealedKey: Uint8Array }[];
  lookupId: Uint8Array;
  wrappedCaseKey: Uint8Array;
}

async function directFilingLike(prepared: PreparedFiling, organisationId: string): Promise<DirectFiling> {
  const { body } = prepared;
  return {
    organisationId,
    caseId: randomUUID(),
    reference: await newCaseReference(),
    challengeId: randomBytes(16),
    report: fromBase64Url(body.report),
    grants: body.grants.map((grant) => ({ staffAccountId: grant.recipient, sealedKey: fromBase64Url(grant.sealedKey) })),
    lookupId: randomBytes(16),
    wrappedCaseKey: fromBase64Url(body.mailbox.wrappedCaseKey),
  };
}

/** The filing transaction's statements, in the service's order, straight on the driver. */
async function insertDirectly(db: Database, row: DirectFiling, receiptPayload: string, at: Date): Promise<void> {
  const { caseId, organisationId } = row;
  await db.transaction(async (tx) => {
    await tx.insert(spentChallenges).values({ id: row.challengeId, expiresAt: at }).onConflictDoNothing().returning({ id: spentChallenges.id });
    const dates = { receivedAt: at, acknowledgedAt: at, ackDueOn: '2099-01-01', feedbackDueOn: '2099-03-01' };
    const caseRow = { id: caseId, organisationId, reference: row.reference, category: 'atteinte-probite', identityMode: 'anonymous' as const, state: 'acknowledged' as const };
    await tx.insert(cases).values({ ...caseRow, ...dates, reportCiphertext: row.report }).onConflictDoNothing().returning({ id: cases.id });
    await tx.insert(caseKeyGrants).values(row.grants.map((grant) => ({ id: randomUUID(), caseId, organisationId, ...grant, grantedAt: at })));
    await tx.insert(mailboxes).values({ caseId, lookupId: row.lookupId, authenticatorHash: randomBytes(32), wrappedCaseKey: row.wrappedCaseKey }).onConflictDoNothing().returning({ caseId: mailboxes.caseId });
    await tx.insert(caseReceipts).values({ id: randomUUID(), caseId, kind: 'acknowledgement', payload: receiptPayload, signature: randomBytes(64), keyId: 'bench', issuedAt: at });
    // The audit append as appendAudit does it: lock the organisation row (NO KEY UPDATE: the foreign-key
    // checks above hold KEY SHARE on it), read the chain's head, link the new entry to it.
    await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).for('no key update');
    const [head] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).where(eq(auditLog.organisationId, organisationId)).orderBy(desc(auditLog.seq)).limit(1);
    const prevHash = head?.hash ?? new Uint8Array(32);
    const details = { category: 'atteinte-probite', identityMode: 'anonymous', recipients: row.grants.length, excluded: 0 };
    const entry = { organisationId, seq: (head?.seq ?? 0) + 1, at, actorKind: 'reporter' as const, actorId: null, action: 'case.filed', subjectId: caseId, details };
    await tx.insert(auditLog).values({ ...entry, prevHash, hash: await chainAuditEntry(prevHash, JSON.stringify(entry)) });
  });
}

interface FilingRequest {
  readonly url: string;
  readonly body: string;
}

/** POSTs serialised filing bodies from a separate thread; returns the number accepted and the first refusal, if any. */
function fileThroughApi(requests: FilingRequest[], workers: number): Promise<TimedRun & { receiptPayload: string }> {
  const worker = new Worker(new URL('./filing-load-worker.js', import.meta.url), { workerData: { requests, workers } });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: TimedRun & { receiptPayload: string }) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** Login bodies for the tokens: right, with a wrong authenticator, or with a lookup id nobody has. */
async function mailboxLoginBodies(baseUrl: string, tokens: string[], kind: 'right' | 'wrong-authenticator' | 'unknown-lookup' = 'right'): Promise<string[]> {
  const proofs = await earnProofs(baseUrl, 'mailbox-login', tokens.length);
  return Promise.all(
    tokens.map(async (token, i) => {
      const credentials = await deriveMailboxCredentials(token);
      const lookupId = kind === 'unknown-lookup' ? randomBytes(16) : credentials.lookupId;
      const authenticator = kind === 'right' ? credentials.authenticator : randomBytes(32);
      return JSON.stringify({ lookupId: toBase64Url(lookupId), authenticator: toBase64Url(authenticator), proofOfWork: proofs[i] });
    }),
  );
}

async function timeMailboxLogins(baseUrl: string, bodies: string[], workers: number) {
  let accepted = 0;
  const run = await inPool(bodies, workers, async (body) => {
    const response = await fetch(`${baseUrl}/api/v1/mailbox/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await response.arrayBuffer();
    if (response.status === 204) accepted++;
  });
  return { ...run, accepted };
}

interface TimedRun { seconds: number; latencies: number[]; accepted: number; firstRefusal?: string | undefined }

/** API and direct filings in alternating rounds, so autovacuum, checkpoints and growing tables weigh on both alike. */
async function alternateRounds(apiRound: ((requests: FilingRequest[]) => Promise<TimedRun>) | undefined, directRound: (rows: DirectFiling[]) => Promise<TimedRun>, bodies: FilingRequest[], rows: DirectFiling[]) {
  const api: TimedRun = { seconds: 0, latencies: [], accepted: 0 };
  const direct: TimedRun = { seconds: 0, latencies: [], accepted: 0 };
  const add = (total: TimedRun, run: TimedRun) => {
    total.seconds += run.seconds;
    total.latencies.push(...run.latencies);
    total.accepted += run.accepted;
    total.firstRefusal ??= run.firstRefusal;
  };
  for (let round = 0; round < ROUNDS; round++) {
    const [from, to] = [Math.floor((round * bodies.length) / ROUNDS), Math.floor(((round + 1) * bodies.length) / ROUNDS)];
    if (apiRound) add(api, await apiRound(bodies.slice(from, to)));
    add(direct, await directRound(rows.slice(from, to)));
  }
  return { api: apiRound ? api : undefined, direct };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const latencyPair = (latencies: number[]) => `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))}`;

/** Mailbox logins with filed tokens, one at a time and a few at a time (proof of work solved ahead). */
async function mailboxLoginFigures(baseUrl: string, tokens: string[]): Promise<Figure[]> {
  const sequential = await timeMailboxLogins(baseUrl, await mailboxLoginBodies(baseUrl, tokens), 1);
  const concurrent = await timeMailboxLogins(baseUrl, await mailboxLoginBodies(baseUrl, tokens), MAILBOX_CONCURRENCY);
  // Alternate the two refusals one by one, so drift in load weighs on both alike.
  const [wrongBodies, unknownBodies] = [await mailboxLoginBodies(baseUrl, tokens, 'wrong-authenticator'), await mailboxLoginBodies(baseUrl, tokens, 'unknown-lookup')];
  const wrong = { latencies: [] as number[], accepted: 0 };
  const unknown = { latencies: [] as number[], accepted: 0 };
  for (let i = 0; i < tokens.length; i++) {
    for (const [bodies, into] of [[wrongBodies, wrong], [unknownBodies, unknown]] as const) {
      const run = await timeMailboxLogins(baseUrl, [bodies[i]!], 1);
      into.latencies.push(...run.latencies);
      into.accepted += run.accepted;
    }
  }
  const p50 = percentile(sequential.latencies, 50);
  const [wrongP50, unknownP50] = [percentile(wrong.latencies, 50), percentile(unknown.latencies, 50)];
  return [
    {
      figure: 'refused login p50: wrong authenticator / unknown lookup id',
      value: `${ms(wrongP50)} / ${ms(unknownP50)} (${wrong.accepted + unknown.accepted} accepted)`,
      target: 'alike (within 1 ms), none accepted',
      met: Math.abs(wrongP50 - unknownP50) < 1 && wrong.accepted + unknown.accepted === 0,
    },
    { figure: 'mailbox login p50 / p99, one at a time', value: `${latencyPair(sequential.latencies)} (${sequential.accepted}/${tokens.length} ok)`, target: 'p50 < 10 ms', met: p50 < 10 && sequential.accepted === tokens.length },
    {
      figure: `mailbox login p50 / p99, ${MAILBOX_CONCURRENCY} concurrent`,
      value: `${latencyPair(concurrent.latencies)} (${(concurrent.accepted / concurrent.seconds).toFixed(0)} logins/s, ${concurrent.accepted}/${tokens.length} ok)`,
      target: '- (includes queueing)',
      met: null,
    },
  ];
}

const serverUrl = loadConfig().databaseUrl;
const engine = serverUrl ? 'PostgreSQL' : 'PGlite';
// On PostgreSQL, a throw-away database, so the bench never fills `test`.
const scratch = serverUrl ? await scratchDatabase(serverUrl, 'intake') : { url: undefined, drop: async () => {} };
// No hourly ceiling to stop the bench; cheap proof of work and staff KDF, because both are client-side costs.
const benchEnv = { FILINGS_PER_HOUR: '1000000', POW_FILING_BITS: '4', POW_MAILBOX_BITS: '4', STAFF_KDF_OPSLIMIT: '1', STAFF_KDF_MEMLIMIT: '8192' };
const bench = await startBenchApp({ ...benchEnv, ...(scratch.url ? { DATABASE_URL: scratch.url } : {}) });
try {
  const intakes: IntakeDescription[] = [];
  for (let i = 0; i < organisationCount; i++) intakes.push(await organisationWithTwoReferents(bench, i));
  const intakeOf = (index: number) => intakes[index % intakes.length]!;
  console.log(`${engine}: preparing ${filings + WARM_UP} filings (proof of work and encryption happen before timing)...`);
  const proofs = await earnProofs(bench.baseUrl, 'filing', filings + WARM_UP);
  const prepared = await Promise.all(proofs.map((proof, i) => prepareFiling(intakeOf(i), sampleReport('bench'), {}, proof)));
  const bodies = prepared.map((filing, i) => ({ url: `${bench.baseUrl}/api/v1/orgs/${intakeOf(i).organisation.slug}/reports`, body: JSON.stringify(filing.body) }));
  const directRows = await Promise.all(prepared.map((filing, i) => directFilingLike(filing, intakeOf(i).organisation.id)));

  // Warm both paths (JIT, connections, prepared statements) before either is timed.
  const warmUp = await fileThroughApi(bodies.slice(0, WARM_UP), concurrency);
  const at = bench.clock.now();
  const directRound = async (rows: DirectFiling[]) => ({
    ...(await inPool(rows, concurrency, (row) => insertDirectly(bench.database.db, row, warmUp.receiptPayload, at))),
    accepted: rows.length,
  });
  await directRound(directRows.slice(0, WARM_UP));
  // A refusal while warming up means filings fail under concurrency: timing 2000 of them would only time the failure.
  const apiRound = warmUp.accepted === WARM_UP ? (slice: FilingRequest[]) => fileThroughApi(slice, concurrency) : undefined;
  const { api, direct: limit } = await alternateRounds(apiRound, directRound, bodies.slice(WARM_UP), directRows.slice(WARM_UP));

  const firstRefusal = api ? api.firstRefusal : warmUp.firstRefusal;
  if (firstRefusal) console.log(`first refused filing: ${firstRefusal.slice(0, 300)}`);
  const directRate = filings / limit.seconds;
  const figures: Figure[] = [{ figure: 'direct inserts (limit)', value: `${directRate.toFixed(0)} filings/s (p50 / p99 ${latencyPair(limit.latencies)})`, target: '-', met: null }];
  if (!api) {
    figures.push({ figure: 'warm-up filings accepted (timed run skipped)', value: `${warmUp.accepted}/${WARM_UP}`, target: `${WARM_UP}/${WARM_UP}`, met: false });
  } else {
    const apiRate = api.accepted / api.seconds;
    const ratio = apiRate / directRate;
    const apiP99 = percentile(api.latencies, 99);
    const onPostgres = engine === 'PostgreSQL';
    figures.push(
      { figure: 'API filings accepted', value: `${api.accepted}/${filings}`, target: `${filings}/${filings}`, met: api.accepted === filings },
      { figure: 'API filings', value: `${apiRate.toFixed(0)} filings/s`, target: '-', met: null },
      { figure: 'API / direct', value: `${(ratio * 100).toFixed(0)} %`, target: onPostgres ? '>= 50 %' : '- (target on PostgreSQL)', met: onPostgres ? ratio >= 0.5 : null, comparedWith: 'the same rows inserted straight through the driver, same run' },
      { figure: 'API filing latency p50', value: ms(percentile(api.latencies, 50)), target: '-', met: null },
      { figure: 'API filing latency p99', value: ms(apiP99), target: '< 100 ms', met: apiP99 < 100 },
      ...(await mailboxLoginFigures(bench.baseUrl, prepared.slice(WARM_UP, WARM_UP + MAILBOX_LOGINS).map((filing) => filing.token))),
    );
  }
  printFigures(`Intake (${engine}; ${filings} filings, ${concurrency} concurrent clients, ${organisationCount} organisation(s) with 2 referents each)`, figures);
} finally {
  await bench.close();
  await scratch.drop();
}
