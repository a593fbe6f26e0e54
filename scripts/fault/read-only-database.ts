// The database turns read-only under a running server (a failover to a standby, an operator's
// ALTER DATABASE … default_transaction_read_only): filings get a clear 503 with Retry-After and
// write nothing; once writable again the same server process files again; nothing is corrupt.
// PostgreSQL only: ALTER DATABASE … default_transaction_read_only, then its sessions are ended.
// (A PGlite data folder cannot be turned read-only under the running server: Linux refuses to
// remount read-only a disk with files open for writing. The embedded read-only case is in
// test/integration/database-unavailable.test.ts; a full disk on PGlite in disk-full.ts.)
// Usage: DATABASE_URL=postgres://… npx tsx scripts/fault/read-only-database.ts [--filings 60]
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { openDatabase } from '../../db/index.ts';
import { cases } from '../../db/schema.ts';
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
  type ServerProcess,
} from './fault-kit.ts';

const { values } = parseArgs({ options: { filings: { type: 'string', default: '60' } }, strict: false });
const filings = Number(values.filings);

/** Sets or clears read-only for new sessions, then ends the current ones so they take it (as a failover does). */
async function setReadOnly(admin: postgres.Sql, name: string, readOnly: boolean): Promise<void> {
  await admin.unsafe(readOnly ? `alter database ${name} set default_transaction_read_only = on` : `alter database ${name} reset default_transaction_read_only`);
  await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
}

/** Cases stored, read once the server has stopped (PGlite has one owner). */
async function countCases(env: Record<string, string>): Promise<number> {
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR!, poolSize: 1 });
  try {
    return await database.db.$count(cases);
  } finally {
    await database.close();
  }
}

async function readOnlyDatabase(): Promise<boolean> {
  const serverUrl = process.env.DATABASE_URL?.trim() || undefined;
  if (!serverUrl) {
    console.log('read-only-database needs DATABASE_URL (PostgreSQL): see the comment at the top for the embedded database.');
    return true;
  }
  const dir = scratchDir('readonly');
  const scratch = await scratchDatabase(serverUrl, 'readonly');
  const name = new URL(scratch.url).pathname.slice(1);
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const env = deploymentEnv(dir, scratch.url, await freePort());
  let server: ServerProcess | undefined;
  const slug = `fault-readonly-${Date.now().toString(36)}`;
  try {
    const { codes } = await createOrganisationOffline(env, slug);
    server = await startServer(env);
    const { baseUrl, child } = server;
    const intake = await activateReferents(baseUrl, codes, slug);
    const prepared = await prepareFilings(baseUrl, intake, filings * 3, 'readonly');
    const phase = async (slice: typeof prepared) => {
      const outcomes: FilingOutcome[] = [];
      await inPool(slice, 4, async (filing) => void outcomes.push(await sendFiling(filing)));
      return outcomes;
    };
    const before = await phase(prepared.slice(0, filings));
    await setReadOnly(admin, name, true);
    const during = await phase(prepared.slice(filings, 2 * filings));
    const aliveWhileReadOnly = child.exitCode === null && child.signalCode === null;
    await setReadOnly(admin, name, false);
    const after = aliveWhileReadOnly ? await phase(prepared.slice(2 * filings)) : [];
    const alive = child.exitCode === null && child.signalCode === null;
    const output = server.output.join('');
    await stopServer(server);
    const casesAfter = await countCases(env);
    const integrity = await checkIntegrityCli(env);
    const answers = (outcomes: FilingOutcome[]) =>
      JSON.stringify(countBy(outcomes, (o) => (o.status === 201 ? '201' : o.status === null ? 'no answer' : `${o.status} ${o.problemCode} retry-after=${o.retryAfter ?? '-'}`)));
    const afterOk = after.filter((o) => o.status === 201).length;
    const duringClear = during.filter((o) => o.status === 503 && o.problemCode === 'database_unavailable' && o.retryAfter !== null).length;
    const figures: Figure[] = [
      { figure: 'writable: answers', value: answers(before), target: `${filings} × 201`, met: before.every((o) => o.status === 201) },
      { figure: 'read-only: answers', value: answers(during), target: '503 database_unavailable with Retry-After', met: null },
      {
        figure: 'read-only: clear 503s',
        value: `${duringClear}/${during.length}`,
        target: 'all (the first few may be sessions found ended: also 503)',
        met: during.every((o) => o.status === 503 && o.problemCode === 'database_unavailable'),
      },
      { figure: 'server process while read-only', value: aliveWhileReadOnly ? 'alive' : `died: ${output.split('\n').filter((l) => /Error|PANIC|Aborted/.test(l)).slice(0, 2).join(' | ') || 'see output'}`, target: 'alive', met: aliveWhileReadOnly },
      {
        figure: 'writable again, same process: answers',
        value: answers(after),
        target: '201s; at most a pool’s worth (10) of clear 503s while ended sessions are replaced',
        met: after.every((o) => o.status === 201 || (o.status === 503 && o.problemCode === 'database_unavailable')) && after.filter((o) => o.status !== 201).length <= 10,
      },
      { figure: 'server process', value: alive ? 'alive, never restarted' : 'died', target: 'alive', met: alive },
      { figure: 'cases in the database', value: String(casesAfter), target: `${before.length + afterOk} (the 201s)`, met: casesAfter === before.length + afterOk },
      { figure: 'check-integrity', value: `exit ${integrity.exitCode}: ${integrity.summary}`, target: 'exit 0, nothing found', met: integrity.exitCode === 0 },
    ];
    for (const line of integrity.found) console.log(line);
    if (!alive) console.log(`server output (end):\n${output.slice(-1500)}`);
    printFigures('Fault: PostgreSQL database made read-only under load, then writable', figures);
    return figures.every((figure) => figure.met !== false);
  } finally {
    if (server) await stopServer(server);
    await admin.unsafe(`alter database ${name} reset default_transaction_read_only`).catch(() => undefined);
    await admin.end();
    await scratch.drop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = (await readOnlyDatabase()) ? 0 : 1;
