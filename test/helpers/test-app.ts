// Builds the real application on a real database, listening on a loopback port, with a
// movable clock, cheap KDF parameters (passed through config, never patched) and captured logs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { ManualClock } from '../../src/clock.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { loadOrCreateKeys, type ServerKeys } from '../../src/crypto/server/key-store.ts';
import { jobLocksFor } from '../../src/jobs/job-locks.ts';
import { createLogger } from '../../src/logger.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { WorkGate } from '../../src/services/work-gate.ts';
import { documentStores } from '../../src/services/documents/document-store.ts';
import { smtpMailer } from '../../src/services/notifications/mailer.ts';
import { findLogLeaks } from './log-guard.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly baseUrl: string;
  readonly clock: ManualClock;
  readonly config: Config;
  readonly keys: ServerKeys;
  readonly database: TestDatabase;
  /** A service context on the same database, clock and keys (for setup that has no route, like the CLI's). */
  readonly services: ServiceContext;
  /** Every log line the app wrote. */
  readonly logs: string[];
  close(): Promise<void>;
}

/** Cheap but real parameters: libsodium's minimum argon2id cost on the client, a small one on the server. */
export const CHEAP_CRYPTO_ENV = {
  STAFF_KDF_OPSLIMIT: '1',
  STAFF_KDF_MEMLIMIT: '8192',
  AUTH_HASH_MEMORY_KIB: '256',
  AUTH_HASH_ITERATIONS: '1',
  AUTH_HASH_CONCURRENCY: '2',
  // Real proofs of work, solved in a few milliseconds.
  POW_FILING_BITS: '6',
  POW_MAILBOX_BITS: '6',
};

export function testConfig(env: Record<string, string> = {}, keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-keys-'))): Config {
  return loadConfig({ ...CHEAP_CRYPTO_ENV, PORT: '0', LOG_LEVEL: 'info', DATA_DIR: 'memory://', KEYS_DIR: keysDir, ...env });
}

/** A later start of the same deployment: its database and keys folder, which the caller owns and removes. */
export interface TestAppReuse {
  readonly database?: TestDatabase;
  readonly keysDir?: string;
}

export async function startTestApp(env: Record<string, string> = {}, reuse: TestAppReuse = {}): Promise<TestApp> {
  const config = testConfig(env, reuse.keysDir);
  const { keys } = await loadOrCreateKeys(config.keysDir);
  const database = reuse.database ?? (await createTestDatabase());
  const clock = new ManualClock('2026-01-05T09:00:00Z');
  const logs: string[] = [];
  const logDestination = { write: (line: string) => void logs.push(line) };
  const app = await buildApp(config, { database: database.handle, keys, clock, logDestination });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const services: ServiceContext = {
    db: database.handle.db,
    clock,
    config,
    keys,
    authHashGate: new WorkGate(2, 100),
    logger: createLogger('silent'),
    jobLocks: jobLocksFor(database.handle),
    documentStores: documentStores(config.documents),
    mailer: config.mail ? smtpMailer(config.mail) : null,
  };
  return {
    app,
    baseUrl,
    clock,
    config,
    keys,
    database,
    services,
    logs,
    close: async () => {
      await app.close();
      if (!reuse.database) await database.drop();
      if (!reuse.keysDir) fs.rmSync(config.keysDir, { recursive: true, force: true });
      const leaks = findLogLeaks(logs);
      if (leaks.length > 0) throw new Error(`The logs of this test app leak:\n${leaks.join('\n')}`);
    },
  };
}
