// A fresh database per test file: in-memory PGlite, or, when DATABASE_URL is set (CI's
// PostgreSQL run), a new database created on that server and dropped afterwards.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../../db/index.ts';
import { loadConfig } from '../../src/config.ts';

export interface TestDatabase {
  readonly handle: DatabaseHandle;
  /** The URL of this test's own PostgreSQL database, or undefined on PGlite. */
  readonly url: string | undefined;
  drop(): Promise<void>;
}

export function serverDatabaseUrl(): string | undefined {
  return loadConfig().databaseUrl;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = serverDatabaseUrl();
  if (!serverUrl) {
    const handle = await openDatabase({ databaseUrl: undefined, dataDir: 'memory://' });
    return { handle, url: undefined, drop: () => handle.close() };
  }
  const name = `vigie_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory://', poolSize: 5 });
  return {
    handle,
    url: url.toString(),
    drop: async () => {
      await handle.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
