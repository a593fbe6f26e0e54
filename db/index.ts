// openDatabase(config): embedded PGlite without DATABASE_URL, PostgreSQL (postgres.js) with it.
// Same schema, same migrations, same drizzle API for the rest of the code.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema>;
/** What repository helpers accept: the database itself or an open transaction. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  readonly db: Database;
  readonly driver: 'pglite' | 'postgres';
  /** Round trip to the engine; throws when it is unreachable. */
  ping(): Promise<void>;
  /**
   * Takes the advisory lock `key` if nobody holds it: a release function, or null when it is held.
   * On PostgreSQL it is a session lock on a connection kept aside until release, so several
   * instances exclude each other and a dead process frees it. A second release does nothing.
   */
  tryAdvisoryLock(key: number): Promise<(() => Promise<void>) | null>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** Connections in the postgres.js pool. */
  readonly poolSize?: number;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Any fixed 64-bit number; held while migrating so parallel instances do not race.
const MIGRATION_LOCK_ID = 727_146_001;

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10) : openPglite(options.dataDir);
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith('memory://');
  let releaseLock = () => {};
  if (!inMemory) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    releaseLock = acquireDataDirLock(dataDir);
  }
  try {
    const client = new PGlite(inMemory ? dataDir : path.join(dataDir, 'pglite'));
    await client.waitReady;
    const db = drizzlePglite(client, { schema }) as unknown as Database;
    await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
    // PGlite has one session, in which advisory locks are re-entrant, and one process owns the
    // data folder: a set of held keys in this process is the whole truth.
    const heldKeys = new Set<number>();
    return {
      db,
      driver: 'pglite',
      ping: async () => {
        await client.query('select 1');
      },
      tryAdvisoryLock: (key) => {
        if (heldKeys.has(key)) return Promise.resolve(null);
        heldKeys.add(key);
        return Promise.resolve(
          once(() => {
            heldKeys.delete(key);
            return Promise.resolve();
          }),
        );
      },
      close: async () => {
        if (client.closed) return;
        await client.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const migrator = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migratePostgres(drizzlePostgres(migrator, { schema }), { migrationsFolder });
    await migrator`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await migrator.end();
  }
  const client = postgres(url, { max: poolSize, onnotice: () => {}, connect_timeout: 5, idle_timeout: 60 });
  const db = drizzlePostgres(client, { schema }) as unknown as Database;
  return {
    db,
    driver: 'postgres',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    tryAdvisoryLock: async (key) => {
      const connection = await client.reserve();
      let locked = false;
      try {
        const [row] = await connection<{ locked: boolean }[]>`select pg_try_advisory_lock(${key}) as locked`;
        locked = row?.locked === true;
      } finally {
        if (!locked) connection.release();
      }
      if (!locked) return null;
      return once(async () => {
        try {
          await connection`select pg_advisory_unlock(${key})`;
        } finally {
          // Unlocking fails only with a broken connection, whose ended session freed the lock.
          connection.release();
        }
      });
    },
    // postgres.js tolerates a second end().
    close: () => client.end({ timeout: 5 }),
  };
}

/** A release function that acts the first time only, so a late second call cannot free a later holder's lock. */
function once(release: () => Promise<void>): () => Promise<void> {
  let done = false;
  return async () => {
    if (done) return;
    done = true;
    await release();
  };
}
