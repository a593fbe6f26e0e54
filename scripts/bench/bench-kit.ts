// Shared by the benchmarks: percentiles, a printed table, and a real app on a loopback port.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../../db/index.ts';
import { buildApp } from '../../src/app.ts';
import { ManualClock } from '../../src/clock.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { loadOrCreateKeys } from '../../src/crypto/server/key-store.ts';
import { createLogger } from '../../src/logger.ts';
import { createServiceContext, type ServiceContext } from '../../src/services/context.ts';
import { WorkGate } from '../../src/services/work-gate.ts';
import type { VigieHttp } from '../../src/client/http.ts';
import { issueInvitation, type IssuedInvitation } from '../../src/services/staff-invitations.ts';

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface Figure {
  readonly figure: string;
  readonly value: string;
  readonly target: string;
  readonly met: boolean | null;
  /** The limit or peer the value is judged against (a plain SQL run in the same process, a guideline). */
  readonly comparedWith?: string;
}

export function printFigures(title: string, figures: Figure[]): void {
  console.log(`\n${title}`);
  const rows = [['figure', 'value', 'target', 'met'], ...figures.map((f) => [f.figure, f.value, f.target, f.met === null ? '-' : f.met ? 'yes' : 'NO'])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
  // Machine-readable line for `npm run bench`'s summary table.
  console.log(`BENCH-JSON ${JSON.stringify({ title, figures })}`);
}

export interface BenchApp {
  readonly app: FastifyInstance;
  readonly baseUrl: string;
  readonly clock: ManualClock;
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly services: ServiceContext;
  close(): Promise<void>;
}

/** The real application with the given environment, on in-memory PGlite unless DATABASE_URL is given. */
export async function startBenchApp(env: Record<string, string>): Promise<BenchApp> {
  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-keys-'));
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'warn', DATA_DIR: 'memory://', KEYS_DIR: keysDir, ...env });
  const { keys } = await loadOrCreateKeys(config.keysDir);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 20 });
  const clock = new ManualClock(new Date());
  const app = await buildApp(config, { database, keys, clock });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const services: ServiceContext = { ...createServiceContext({ database, clock, config, keys, logger: createLogger('silent') }), authHashGate: new WorkGate(4, 1000) };
  return {
    app,
    baseUrl,
    clock,
    config,
    database,
    services,
    close: async () => {
      await app.close();
      await database.close();
      fs.rmSync(keysDir, { recursive: true, force: true });
    },
  };
}

/** On PostgreSQL, a throw-away database on the given server (`vigie_bench_<purpose>_…`), so a bench never fills `test`. */
export async function scratchDatabase(serverUrl: string, purpose: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `vigie_bench_${purpose}_${randomBytes(4).toString('hex')}`;
  const onServer = async (statement: string) => {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(statement);
    await admin.end();
  };
  await onServer(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`drop database if exists ${name} with (force)`) };
}

/** A referent's invitation as the operator's CLI issues it (no admin session needed). */
export function inviteReferent(services: ServiceContext, organisationId: string, email: string, displayName = email): Promise<IssuedInvitation> {
  return services.db.transaction((tx) => issueInvitation(services, tx, { organisationId, email, displayName, roles: ['referent'], language: 'fr', invitedBy: { kind: 'operator', id: null } }));
}

/** A logged-in client's cookies as one Cookie header, for load clients in other threads. */
export function cookieHeader(http: VigieHttp): string {
  return http
    .cookieNames()
    .map((name) => `${name}=${http.cookie(name)!}`)
    .join('; ');
}
