// The database's disk fills up under a running server: filings get a clear 503 with Retry-After
// and write nothing; once space is freed the same server process files again; every 201 is whole
// and check-integrity finds nothing. The disk is a small tmpfs mounted for the run (needs root):
// on PostgreSQL the scratch database lives in a tablespace there (WAL stays on the main disk, as
// is usual); on PGlite the whole data folder does. Space is taken by a filler (a table, or a file).
// Usage: [DATABASE_URL=postgres://…] npx tsx scripts/fault/disk-full.ts [--filings 40]
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { printFigures, type Figure } from '../bench/bench-kit.ts';
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

const { values } = parseArgs({ options: { filings: { type: 'string', default: '40' } }, strict: false });
const filings = Number(values.filings);
const DISK_MB = 64;
const DURING_MAX = 1000;

interface Filler {
  fill(): Promise<void>;
  free(): Promise<void>;
}

/** On PostgreSQL: a table in the database's tablespace, grown until PostgreSQL says the disk is full. */
function fillerTable(url: string): Filler {
  return {
    fill: async () => {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await sql`create table disk_filler (bytes text)`;
        for (;;) await sql`insert into disk_filler select string_agg(md5(random()::text), '') from generate_series(1, 64), generate_series(1, 2000) as g(n) group by n`;
      } catch (error) {
        if ((error as { code?: string }).code !== '53100') throw error;
      } finally {
        await sql.end();
      }
    },
    free: async () => {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      await sql`drop table disk_filler`;
      await sql`checkpoint`;
      await sql.end();
    },
  };
}

/** On PGlite: a file beside the data folder taking every free byte. */
function fillerFile(mountPoint: string): Filler {
  const file = path.join(mountPoint, 'disk-filler');
  return {
    fill: () => {
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${file}`, 'bs=1M', `count=${DISK_MB}`], { stdio: 'ignore' });
      } catch {
        // dd stops at "No space left on device": that is the point.
      }
      return Promise.resolve();
    },
    free: () => {
      fs.rmSync(file, { force: true });
      return Promise.resolve();
    },
  };
}

async function diskFull(): Promise<boolean> {
  const serverUrl = process.env.DATABASE_URL?.trim() || undefined;
  const engine = serverUrl ? 'PostgreSQL' : 'PGlite';
  const dir = scratchDir('disk');
  const mountPoint = path.join(dir, 'disk');
  fs.mkdirSync(mountPoint);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK_MB}m`, 'tmpfs', mountPoint], { stdio: 'pipe' });
  } catch (error) {
    console.log(`disk-full needs to mount a small tmpfs (root): ${String(error).split('\n')[0]}; skipped.`);
    fs.rmSync(dir, { recursive: true, force: true });
    return true;
  }
  const suffix = randomBytes(4).toString('hex');
  const admin = serverUrl ? postgres(serverUrl, { max: 1, onnotice: () => {} }) : undefined;
  let databaseUrl: string | undefined;
  try {
    if (admin) {
      // PostgreSQL's own user must reach and own the tablespace folder.
      fs.chmodSync(dir, 0o755);
      execFileSync('chown', ['postgres:postgres', mountPoint]);
      await admin.unsafe(`create tablespace vigie_fault_${suffix} location '${mountPoint}'`);
      await admin.unsafe(`create database vigie_bench_disk_${suffix} tablespace vigie_fault_${suffix}`);
      const url = new URL(serverUrl!);
      url.pathname = `/vigie_bench_disk_${suffix}`;
      databaseUrl = url.toString();
    }
    const env = { ...deploymentEnv(dir, databaseUrl, await freePort()), DATA_DIR: path.join(mountPoint, 'data') };
    const slug = `fault-disk-${Date.now().toString(36)}`;
    const { codes } = await createOrganisationOffline(env, slug);
    const server = await startServer(env);
    const intake = await activateReferents(server.baseUrl, codes, slug);
    // While full, filings go on (up to DURING_MAX) until ten in a row are refused: the tables' last pages take a few first.
    const prepared = await prepareFilings(server.baseUrl, intake, filings * 2 + DURING_MAX, 'disk');
    const phase = async (slice: typeof prepared) => {
      const outcomes: FilingOutcome[] = [];
      await inPool(slice, 4, async (filing) => void outcomes.push(await sendFiling(filing)));
      return outcomes;
    };
    const filler = databaseUrl ? fillerTable(databaseUrl) : fillerFile(mountPoint);
    const before = await phase(prepared.slice(0, filings));
    await filler.fill();
    const during: FilingOutcome[] = [];
    let refusedInARow = 0;
    for (const filing of prepared.slice(filings, filings + DURING_MAX)) {
      const outcome = await sendFiling(filing);
      during.push(outcome);
      refusedInARow = outcome.status === 201 ? 0 : refusedInARow + 1;
      if (refusedInARow >= 10) break;
    }
    const aliveWhileFull = server.child.exitCode === null && server.child.signalCode === null;
    await filler.free();
    const after = aliveWhileFull ? await phase(prepared.slice(filings + DURING_MAX)) : [];
    const alive = server.child.exitCode === null && server.child.signalCode === null;
    const output = server.output.join('');
    await stopServer(server);
    const integrity = await checkIntegrityCli(env);
    const answers = (outcomes: FilingOutcome[]) =>
      JSON.stringify(countBy(outcomes, (o) => (o.status === 201 ? '201' : o.status === null ? 'no answer' : `${o.status} ${o.problemCode} retry-after=${o.retryAfter ?? '-'}`)));
    const loggedCodes = countBy(
      output.split('\n').filter((line) => line.includes('"database unavailable"') || line.includes('"unhandled error"')),
      (line) => `${/"msg":"([^"]+)"/.exec(line)?.[1] ?? '?'} ${/"code":"([^"]+)"/.exec(line)?.[1] ?? '?'}`,
    );
    const clear = (o: FilingOutcome) => o.status === 201 || (o.status === 503 && o.problemCode === 'database_unavailable' && o.retryAfter !== null);
    const figures: Figure[] = [
      { figure: 'disk', value: `${DISK_MB} MB tmpfs${databaseUrl ? ' (tablespace)' : ' (PGlite data folder)'}`, target: '-', met: null },
      { figure: 'space left: answers', value: answers(before), target: 'all 201', met: before.every((o) => o.status === 201) },
      { figure: 'disk full: answers', value: answers(during), target: '201 while pages have room, then 503 database_unavailable', met: during.every(clear) },
      { figure: 'codes the server logged', value: JSON.stringify(loggedCodes), target: 'no unhandled error', met: !Object.keys(loggedCodes).some((key) => key.startsWith('unhandled')) },
      { figure: 'server process while full', value: aliveWhileFull ? 'alive' : `died: ${output.split('\n').filter((l) => /Error|PANIC|Aborted/.test(l)).slice(0, 2).join(' | ') || 'see output'}`, target: 'alive', met: aliveWhileFull },
      { figure: 'space freed, same process: answers', value: aliveWhileFull ? answers(after) : '(not sent: the server died)', target: 'all 201', met: aliveWhileFull && after.every((o) => o.status === 201) },
      { figure: 'server process at the end', value: alive ? 'alive, never restarted' : 'died', target: 'alive', met: alive },
      { figure: 'check-integrity', value: `exit ${integrity.exitCode}: ${integrity.summary}`, target: 'exit 0, nothing found', met: integrity.exitCode === 0 },
    ];
    for (const line of integrity.found) console.log(line);
    if (!alive) console.log(`server output (end):\n${output.slice(-1500)}`);
    printFigures(`Fault: disk full under a running server (${engine})`, figures);
    return figures.every((figure) => figure.met !== false);
  } finally {
    if (admin) {
      await admin.unsafe(`drop database if exists vigie_bench_disk_${suffix} with (force)`).catch(() => undefined);
      await admin.unsafe(`drop tablespace if exists vigie_fault_${suffix}`).catch(() => undefined);
      await admin.end();
    }
    try {
      execFileSync('umount', [mountPoint], { stdio: 'ignore' });
    } catch {
      // Left mounted only if something still holds it; the folder below says where.
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = (await diskFull()) ? 0 : 1;
