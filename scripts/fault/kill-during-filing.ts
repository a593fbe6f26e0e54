// kill -9 during a filing load: every filing that got a 201 must be stored whole after a restart
// (case, the very receipt handed out, one sealed key per recipient, mailbox), and the integrity
// job must find no partial case. Filings cut off by the kill may be stored or not, but never half.
// Usage: npx tsx scripts/fault/kill-during-filing.ts [--filings 400] [--concurrency 16] [--kill-after 120]
//        (DATABASE_URL set: a scratch PostgreSQL database on that server; unset: a PGlite folder)
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { inArray } from 'drizzle-orm';
import { openDatabase } from '../../db/index.ts';
import { caseKeyGrants, caseReceipts, cases, mailboxes } from '../../db/schema.ts';
import { ReporterClient } from '../../src/client/reporter-client.ts';
import { loadConfig } from '../../src/config.ts';
import { sampleReport } from '../../test/helpers/factories.ts';
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

const { values } = parseArgs({ options: { filings: { type: 'string', default: '400' }, concurrency: { type: 'string', default: '16' }, 'kill-after': { type: 'string', default: '120' } }, strict: false });
const filings = Number(values.filings);
const concurrency = Number(values.concurrency);
const killAfter = Number(values['kill-after']);

interface StoredFiling {
  readonly caseIds: Set<string>;
  readonly receipts: Map<string, string[]>;
  readonly grants: Map<string, number>;
  readonly mailboxes: Set<string>;
  readonly totalCases: number;
}

/** What the database holds of the given cases (read with the server stopped: PGlite has one owner). */
async function storedFilings(env: Record<string, string>, caseIds: string[]): Promise<StoredFiling> {
  const config = loadConfig(env);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    const { db } = database;
    const found = await db.select({ id: cases.id }).from(cases).where(inArray(cases.id, caseIds));
    const receipts = new Map<string, string[]>();
    for (const row of await db.select({ caseId: caseReceipts.caseId, payload: caseReceipts.payload }).from(caseReceipts).where(inArray(caseReceipts.caseId, caseIds))) {
      receipts.set(row.caseId, [...(receipts.get(row.caseId) ?? []), row.payload]);
    }
    const grants = new Map<string, number>();
    for (const row of await db.select({ caseId: caseKeyGrants.caseId }).from(caseKeyGrants).where(inArray(caseKeyGrants.caseId, caseIds))) grants.set(row.caseId, (grants.get(row.caseId) ?? 0) + 1);
    const boxes = await db.select({ caseId: mailboxes.caseId }).from(mailboxes).where(inArray(mailboxes.caseId, caseIds));
    return { caseIds: new Set(found.map((row) => row.id)), receipts, grants, mailboxes: new Set(boxes.map((row) => row.caseId)), totalCases: await db.$count(cases) };
  } finally {
    await database.close();
  }
}

async function killDuringFiling(): Promise<boolean> {
  const serverUrl = process.env.DATABASE_URL?.trim() || undefined;
  const engine = serverUrl ? 'PostgreSQL' : 'PGlite';
  const scratch = serverUrl ? await scratchDatabase(serverUrl, 'kill') : undefined;
  const dir = scratchDir('kill');
  const env = deploymentEnv(dir, scratch?.url, await freePort());
  const slug = `fault-kill-${Date.now().toString(36)}`;
  try {
    const { codes } = await createOrganisationOffline(env, slug);
    let server = await startServer(env);
    const intake = await activateReferents(server.baseUrl, codes, slug);
    console.log(`${engine}: preparing ${filings} filings...`);
    const prepared = await prepareFilings(server.baseUrl, intake, filings, 'kill');

    // The load: the kill lands once `killAfter` filings were accepted, with others in flight.
    const outcomes: FilingOutcome[] = [];
    let accepted = 0;
    let killedAt: number | null = null;
    let sent = 0;
    await inPool(prepared, concurrency, async (filing) => {
      if (killedAt !== null) return;
      sent++;
      const outcome = await sendFiling(filing);
      outcomes.push(outcome);
      if (outcome.status === 201 && ++accepted >= killAfter && killedAt === null) {
        killedAt = Date.now();
        server.child.kill('SIGKILL');
      }
    });
    const ended = await server.exited;
    console.log(`server killed (${ended.signal ?? `exit ${ended.code}`}) after ${accepted} accepted filings`);

    const integrityAfterKill = await checkIntegrityCli(env);
    // Restart on the same data, and show that the reporters get back to their cases.
    server = await startServer(env);
    const ok201 = outcomes.filter((o) => o.status === 201);
    const unanswered = outcomes.filter((o) => o.status === null);
    let mailboxesOpened = 0;
    const reporter = new ReporterClient(server.baseUrl);
    await inPool(ok201, 4, async (outcome) => {
      const mailbox = await new ReporterClient(server.baseUrl).openMailbox(outcome.filing.token).catch(() => null);
      if (mailbox?.caseId === outcome.filing.caseId && mailbox.receipts.some((r) => r.payload === outcome.receipt!.payload)) mailboxesOpened++;
    });
    const afterRestart = await reporter.file(slug, sampleReport('after-restart')).then(
      () => true,
      () => false,
    );
    await stopServer(server);

    const stored = await storedFilings(env, outcomes.map((o) => o.filing.caseId));
    const whole = (caseId: string, grants: number) => stored.caseIds.has(caseId) && stored.mailboxes.has(caseId) && stored.grants.get(caseId) === grants && (stored.receipts.get(caseId)?.length ?? 0) === 1;
    const ok201Whole = ok201.filter((o) => whole(o.filing.caseId, o.filing.grants) && stored.receipts.get(o.filing.caseId)![0] === o.receipt!.payload);
    const unansweredStored = unanswered.filter((o) => stored.caseIds.has(o.filing.caseId));
    const unansweredWhole = unansweredStored.filter((o) => whole(o.filing.caseId, o.filing.grants));
    const integrityFinal = await checkIntegrityCli(env);
    const refusals = countBy(
      outcomes.filter((o) => o.status !== 201 && o.status !== null),
      (o) => `${o.status} ${o.problemCode}`,
    );

    const figures: Figure[] = [
      { figure: 'filings prepared / sent before the kill', value: `${filings} / ${sent}`, target: '-', met: null },
      { figure: '201 received', value: String(ok201.length), target: `>= ${killAfter}`, met: ok201.length >= killAfter },
      { figure: 'no answer (cut by the kill)', value: String(unanswered.length), target: '-', met: null },
      { figure: 'other answers', value: Object.keys(refusals).length === 0 ? 'none' : JSON.stringify(refusals), target: 'none', met: Object.keys(refusals).length === 0 },
      { figure: '201s stored whole (case, same receipt, every key, mailbox)', value: `${ok201Whole.length}/${ok201.length}`, target: 'all', met: ok201Whole.length === ok201.length },
      { figure: '201s whose mailbox opens after restart with that receipt', value: `${mailboxesOpened}/${ok201.length}`, target: 'all', met: mailboxesOpened === ok201.length },
      { figure: 'unanswered filings stored (all whole)', value: `${unansweredStored.length} (${unansweredWhole.length} whole)`, target: 'any, all whole', met: unansweredWhole.length === unansweredStored.length },
      { figure: 'cases in the database (+1 filed after restart)', value: String(stored.totalCases), target: `${ok201.length + unansweredStored.length + 1}`, met: stored.totalCases === ok201.length + unansweredStored.length + 1 },
      { figure: 'filing after restart', value: afterRestart ? '201' : 'refused', target: '201', met: afterRestart },
      { figure: 'check-integrity right after the kill', value: `exit ${integrityAfterKill.exitCode}: ${integrityAfterKill.summary}`, target: 'exit 0, nothing found', met: integrityAfterKill.exitCode === 0 },
      { figure: 'check-integrity after restart', value: `exit ${integrityFinal.exitCode}: ${integrityFinal.summary}`, target: 'exit 0, nothing found', met: integrityFinal.exitCode === 0 },
    ];
    for (const line of [...integrityAfterKill.found, ...integrityFinal.found]) console.log(line);
    printFigures(`Fault: kill -9 during filing (${engine}; ${concurrency} concurrent clients, kill after ${killAfter} accepted)`, figures);
    return figures.every((figure) => figure.met !== false);
  } finally {
    await scratch?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = (await killDuringFiling()) ? 0 : 1;
