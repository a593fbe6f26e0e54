// PostgreSQL restarted during a filing load: while it is away Vigie answers 503 problem+json with
// Retry-After (never 500, never a crash), and once it is back the same server process files
// again without being restarted. Every 201 must then be stored whole; check-integrity finds nothing.
// Usage: DATABASE_URL=postgres://… npx tsx scripts/fault/database-restart.ts [--filings 600] [--concurrency 8]
//        [--restart "pg_ctlcluster 15 main restart"]   (the command that restarts the PostgreSQL server)
import { exec } from 'node:child_process';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { inArray } from 'drizzle-orm';
import { openDatabase } from '../../db/index.ts';
import { caseKeyGrants, caseReceipts, cases, mailboxes } from '../../db/schema.ts';
import { printFigures, scratchDatabase, type Figure } from '../bench/bench-kit.ts';
import {
  activateReferents,
  checkIntegrityCli,
  countBy,
  createOrganisationOffline,
  deploymentEnv,
  freePort,
  inPool,
  prepareFilings,
  scratchDir,
  sendFiling,
  startServer,
  stopServer,
  type FilingOutcome,
} from './fault-kit.ts';

const { values } = parseArgs({
  options: { filings: { type: 'string', default: '600' }, concurrency: { type: 'string', default: '8' }, restart: { type: 'string', default: 'pg_ctlcluster 15 main restart' } },
  strict: false,
});
const filings = Number(values.filings);
const concurrency = Number(values.concurrency);
const restartCommand = String(values.restart);

/** Cases whose case row, receipt, every key and mailbox are all stored. */
async function wholeCases(databaseUrl: string, outcomes: FilingOutcome[]): Promise<{ whole: Set<string>; total: number }> {
  const database = await openDatabase({ databaseUrl, dataDir: 'memory://', poolSize: 2 });
  try {
    const ids = outcomes.map((o) => o.filing.caseId);
    const { db } = database;
    const present = new Set((await db.select({ id: cases.id }).from(cases).where(inArray(cases.id, ids))).map((r) => r.id));
    const boxes = new Set((await db.select({ id: mailboxes.caseId }).from(mailboxes).where(inArray(mailboxes.caseId, ids))).map((r) => r.id));
    const receipts = new Map((await db.select({ id: caseReceipts.caseId, payload: caseReceipts.payload }).from(caseReceipts).where(inArray(caseReceipts.caseId, ids))).map((r) => [r.id, r.payload]));
    const grants = countBy(await db.select({ id: caseKeyGrants.caseId }).from(caseKeyGrants).where(inArray(caseKeyGrants.caseId, ids)), (r) => r.id);
    const whole = new Set(
      outcomes
        .filter((o) => present.has(o.filing.caseId) && boxes.has(o.filing.caseId) && receipts.has(o.filing.caseId) && grants[o.filing.caseId] === o.filing.grants)
        .filter((o) => o.status !== 201 || receipts.get(o.filing.caseId) === o.receipt!.payload)
        .map((o) => o.filing.caseId),
    );
    return { whole, total: await db.$count(cases) };
  } finally {
    await database.close();
  }
}

async function databaseRestart(): Promise<boolean> {
  const serverUrl = process.env.DATABASE_URL?.trim();
  if (!serverUrl) {
    console.log('database-restart needs DATABASE_URL (PostgreSQL): PGlite runs inside the server process, which has no database to lose while it lives.');
    return true;
  }
  const scratch = await scratchDatabase(serverUrl, 'restart');
  const dir = scratchDir('restart');
  const env = deploymentEnv(dir, scratch.url, await freePort());
  const slug = `fault-restart-${Date.now().toString(36)}`;
  try {
    const { codes } = await createOrganisationOffline(env, slug);
    const server = await startServer(env);
    const intake = await activateReferents(server.baseUrl, codes, slug);
    console.log(`PostgreSQL: preparing ${filings} filings...`);
    const prepared = await prepareFilings(server.baseUrl, intake, filings, 'restart');

    // A third of the filings go before the restart; the restart runs while the rest are sent.
    const outcomes: FilingOutcome[] = [];
    let restartStarted = 0;
    let restartEnded = 0;
    let restartOutput = '';
    const third = Math.floor(filings / 3);
    await inPool(prepared.slice(0, third), concurrency, async (filing) => void outcomes.push(await sendFiling(filing)));
    // Asynchronous, so the load goes on while PostgreSQL stops and starts.
    const restarting = new Promise<void>((resolve) => {
      setTimeout(() => {
        restartStarted = Date.now();
        exec(restartCommand, (error, stdout) => {
          restartOutput = error ? `restart failed: ${String(error)}` : stdout;
          restartEnded = Date.now();
          resolve();
        });
      }, 200);
    });
    // Paced so the load spans the restart and the seconds after it.
    await inPool(prepared.slice(third), concurrency, async (filing) => {
      outcomes.push(await sendFiling(filing));
      await new Promise((resolve) => setTimeout(resolve, 40));
    });
    await restarting;
    const alive = server.child.exitCode === null && server.child.signalCode === null;
    // After the load: one more filing must pass on the same process, a few tries allowed while the pool reconnects.
    let after: FilingOutcome | undefined;
    const extra = await prepareFilings(server.baseUrl, intake, 5, 'after').catch(() => []);
    for (const filing of extra) {
      after = await sendFiling(filing);
      outcomes.push(after);
      if (after.status === 201) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const stillAlive = server.child.exitCode === null && server.child.signalCode === null;
    const serverOutput = server.output.join('');
    await stopServer(server);

    const ok201 = outcomes.filter((o) => o.status === 201);
    const during = outcomes.filter((o) => o.status !== 201);
    const kinds = countBy(during, (o) => (o.status === null ? 'no answer' : `${o.status} ${o.problemCode} retry-after=${o.retryAfter ?? '-'}`));
    const stored = await wholeCases(scratch.url, outcomes);
    const ok201Whole = ok201.filter((o) => stored.whole.has(o.filing.caseId));
    const refusedStored = during.filter((o) => stored.whole.has(o.filing.caseId));
    const integrity = await checkIntegrityCli(env);
    const firstFailure = during[0]?.at;
    const lastFailure = during.at(-1)?.at;
    const firstAfter = ok201.find((o) => lastFailure !== undefined && o.at > lastFailure)?.at;
    const onlyClear = during.every((o) => o.status === 503 && o.problemCode === 'database_unavailable' && o.retryAfter !== null);
    const loggedCodes = countBy(
      serverOutput.split('\n').filter((line) => line.includes('"database unavailable"')),
      (line) => /"code":"([^"]+)"/.exec(line)?.[1] ?? '?',
    );
    const afterBack = during.filter((o) => o.at > restartEnded + 1000).length;
    const figures: Figure[] = [
      { figure: 'restart command', value: `${restartCommand} (${restartEnded - restartStarted} ms)${restartOutput.startsWith('restart failed') ? ` ${restartOutput}` : ''}`, target: '-', met: null },
      { figure: 'filings sent', value: String(outcomes.length), target: '-', met: null },
      { figure: '201 received', value: String(ok201.length), target: '-', met: null },
      { figure: 'answers other than 201', value: Object.keys(kinds).length === 0 ? 'none' : JSON.stringify(kinds), target: 'only 503 database_unavailable with Retry-After', met: onlyClear },
      {
        figure: 'refusals from first to last',
        value: firstFailure && lastFailure ? `${lastFailure - firstFailure} ms (restart took ${restartEnded - restartStarted} ms)` : 'none',
        target: '-',
        met: null,
      },
      { figure: 'refusals more than 1 s after PostgreSQL was back', value: String(afterBack), target: '-', met: null },
      { figure: 'codes the server logged for them', value: JSON.stringify(loggedCodes), target: '-', met: null },
      { figure: 'first 201 after the last refusal', value: firstAfter && lastFailure ? `${firstAfter - lastFailure} ms later` : 'never', target: 'the same process files again', met: firstAfter !== undefined || during.length === 0 },
      { figure: 'server process during and after the restart', value: stillAlive ? 'alive, never restarted' : alive ? 'died after the load' : `died: ${serverOutput.split('\n').find((l) => /Error/.test(l)) ?? 'see output'}`, target: 'alive', met: stillAlive },
      { figure: '201s stored whole (case, same receipt, every key, mailbox)', value: `${ok201Whole.length}/${ok201.length}`, target: 'all', met: ok201Whole.length === ok201.length },
      { figure: 'refused or unanswered filings stored anyway (whole)', value: String(refusedStored.length), target: '0 (a 503 writes nothing)', met: refusedStored.length === 0 },
      { figure: 'cases in the database', value: String(stored.total), target: String(ok201.length), met: stored.total === ok201.length + refusedStored.length },
      { figure: 'check-integrity', value: `exit ${integrity.exitCode}: ${integrity.summary}`, target: 'exit 0, nothing found', met: integrity.exitCode === 0 },
    ];
    for (const line of integrity.found) console.log(line);
    if (!stillAlive) console.log(`server output:\n${serverOutput.slice(-2000)}`);
    printFigures(`Fault: PostgreSQL restarted during filing (${concurrency} concurrent clients)`, figures);
    return figures.every((figure) => figure.met !== false);
  } finally {
    await scratch.drop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = (await databaseRestart()) ? 0 : 1;
