// Shared by the fault-injection scripts: the real server in its own process (so it can be killed),
// an organisation with two activated referents, filings prepared ahead, a filing load that keeps
// every answer, and the integrity job run as the operator runs it.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../../db/index.ts';
import { earnProofOfWork } from '../../src/client/proof-of-work-client.ts';
import { prepareFiling, ReporterClient, type IntakeDescription } from '../../src/client/reporter-client.ts';
import { StaffClient } from '../../src/client/staff-client.ts';
import type { SignedReceipt } from '../../src/crypto/receipts.ts';
import { systemClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { loadOrCreateKeys } from '../../src/crypto/server/key-store.ts';
import { createLogger } from '../../src/logger.ts';
import { createServiceContext } from '../../src/services/context.ts';
import { createOrganisation } from '../../src/services/organisations.ts';
import { sampleReport } from '../../test/helpers/factories.ts';
import { inviteReferent } from '../bench/bench-kit.ts';

const run = promisify(execFile);
const tsx = path.resolve('node_modules/.bin/tsx');

/** One deployment on disk: its keys, and its PGlite folder or PostgreSQL database. */
export interface Deployment {
  readonly env: Record<string, string>;
  readonly engine: 'PGlite' | 'PostgreSQL';
  readonly dir: string;
}

export function deploymentEnv(dir: string, databaseUrl: string | undefined, port: number): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: path.join(dir, 'data'),
    KEYS_DIR: path.join(dir, 'keys'),
    DATABASE_URL: databaseUrl ?? '',
    LOG_LEVEL: 'warn',
    // The load is the point, not the abuse limits; client-side costs kept small.
    FILINGS_PER_HOUR: '1000000',
    POW_FILING_BITS: '4',
    POW_MAILBOX_BITS: '4',
    STAFF_KDF_OPSLIMIT: '1',
    STAFF_KDF_MEMLIMIT: '8192',
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function scratchDir(purpose: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `vigie-fault-${purpose}-`));
}

/** The server as `npm start` runs it, in its own process (node, not a tsx wrapper, so a signal reaches it). */
export interface ServerProcess {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  /** Everything it wrote (warn level and above: ids and codes, never content). */
  readonly output: string[];
  /** Resolves when the process has ended, with its code or signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  // A script that fails half-way never leaves its server running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));
  const baseUrl = `http://127.0.0.1:${env.PORT}`;
  let ended = false;
  void exited.then(() => (ended = true));
  for (let waited = 0; waited < 60_000; waited += 200) {
    if (ended) throw new Error(`the server ended while starting:\n${output.join('')}`);
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) return { child, baseUrl, output, exited };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not answer /health within a minute:\n${output.join('')}`);
}

export async function stopServer(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  return server.exited;
}

/**
 * An organisation and two referents' invitations, written straight to the database before the
 * server starts (PGlite lets one process own its folder), then activated through the server.
 */
export async function createOrganisationOffline(env: Record<string, string>, slug: string): Promise<{ codes: string[] }> {
  const config = loadConfig(env);
  const { keys } = await loadOrCreateKeys(config.keysDir);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    const services = createServiceContext({ database, clock: systemClock, config, keys, logger: createLogger('silent') });
    const { organisation } = await createOrganisation(services, { slug, name: `Fault ${slug}`, adminEmail: `admin@${slug}.fr`, adminName: 'Admin' });
    const codes: string[] = [];
    for (const i of [1, 2]) codes.push((await inviteReferent(services, organisation.id, `referent${i}@${slug}.fr`, `Referent ${i}`)).code);
    return { codes };
  } finally {
    await database.close();
  }
}

export async function activateReferents(baseUrl: string, codes: string[], slug: string): Promise<IntakeDescription> {
  for (const [i, code] of codes.entries()) await new StaffClient(baseUrl).activate({ code, passphrase: `fault passphrase ${i}`, at: new Date() });
  return new ReporterClient(baseUrl).intake(slug);
}

export interface PreparedFiling {
  readonly url: string;
  readonly caseId: string;
  readonly token: string;
  readonly grants: number;
  readonly body: string;
}

/** Filings encrypted and with their proof of work solved, before any timing or fault. */
export async function prepareFilings(baseUrl: string, intake: IntakeDescription, count: number, marker: string): Promise<PreparedFiling[]> {
  const reporter = new ReporterClient(baseUrl);
  const prepared: PreparedFiling[] = [];
  await inPool(Array.from({ length: count }, (_, i) => i), 8, async (i) => {
    const filing = await prepareFiling(intake, sampleReport(`${marker}-${i}`), {}, await earnProofOfWork(reporter.http, 'filing'));
    prepared.push({ url: `${baseUrl}/api/v1/orgs/${intake.organisation.slug}/reports`, caseId: filing.caseId, token: filing.token, grants: filing.body.grants.length, body: JSON.stringify(filing.body) });
  });
  return prepared;
}

export interface FilingOutcome {
  readonly filing: PreparedFiling;
  /** HTTP status, or null when no answer came (connection refused or cut). */
  readonly status: number | null;
  readonly receipt?: SignedReceipt;
  readonly caseReference?: string;
  readonly problemCode?: string;
  readonly retryAfter?: string | null;
  readonly at: number;
}

export async function inPool<T>(items: readonly T[], workers: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(workers, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** Sends one filing and keeps its answer. */
export async function sendFiling(filing: PreparedFiling, baseUrl?: string): Promise<FilingOutcome> {
  const url = baseUrl ? filing.url.replace(/^http:\/\/[^/]+/, baseUrl) : filing.url;
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: filing.body, signal: AbortSignal.timeout(30_000) });
    const answer = (await response.json().catch(() => ({}))) as { caseReference?: string; receipt?: SignedReceipt; code?: string };
    return {
      filing,
      status: response.status,
      at: Date.now(),
      retryAfter: response.headers.get('retry-after'),
      ...(response.status === 201 ? { receipt: answer.receipt!, caseReference: answer.caseReference! } : { problemCode: answer.code ?? '(no code)' }),
    };
  } catch {
    return { filing, status: null, at: Date.now() };
  }
}

export interface IntegrityRun {
  readonly exitCode: number;
  readonly summary: string;
  /** The checks that found something ("FOUND …" lines). */
  readonly found: string[];
}

/** `npm run job -- check-integrity`, as the operator runs it, on the deployment's database. */
export async function checkIntegrityCli(env: Record<string, string>): Promise<IntegrityRun> {
  const outcome = await run(tsx, ['scripts/run-job.ts', 'check-integrity'], { env: { ...process.env, ...env } }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: `${error.stdout}${error.stderr}` }),
  );
  const lines = outcome.stdout.trim().split('\n');
  return { exitCode: outcome.code, summary: lines.find((line) => line.startsWith('integrity:')) ?? lines.at(-1) ?? '', found: lines.filter((line) => line.startsWith('FOUND')) };
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
