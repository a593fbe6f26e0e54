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
import { driverErrorCodes } from './driver-errors.ts';

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
  // backoff: postgres.js waits before reconnecting a connection that closed, by default longer
  // with every connection error the pool has ever had (the count is never reset: up to 20 s after
  // one outage, for good). A short fixed pause lets the service come back as soon as PostgreSQL does.
  const client = postgres(url, { max: poolSize, onnotice: () => {}, connect_timeout: 5, idle_timeout: 60, backoff: () => 0.25 + Math.random() / 4 });
  const db = drizzlePostgres(withTransactionsThatSurviveRestarts(client), { schema }) as unknown as Database;
  return {
    db,
    driver: 'postgres',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    tryAdvisoryLock: async (key) => {
      // A client of its own rather than a connection reserved from the pool: postgres.js 3.4.9
      // writes a reserved connection's next query to its socket even after it closed, which
      // throws outside any promise and ends the process (a PostgreSQL restart while a job ran).
      // A client of one connection instead reconnects, and says when its session closed.
      let lost = false;
      const holder = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5, onclose: () => (lost = true) });
      let locked = false;
      try {
        const [row] = await holder<{ locked: boolean }[]>`select pg_try_advisory_lock(${key}) as locked`;
        locked = row?.locked === true;
      } finally {
        if (!locked) await holder.end({ timeout: 5 });
      }
      if (!locked) return null;
      return once(async () => {
        try {
          // A session that ended took its locks with it: nothing to unlock, no reason to reconnect.
          if (!lost) await holder`select pg_advisory_unlock(${key})`;
        } finally {
          await holder.end({ timeout: 5 });
        }
      });
    },
    // postgres.js tolerates a second end().
    close: () => client.end({ timeout: 5 }),
  };
}

/** Connection failures (postgres.js, sockets) and SQLSTATEs after which the server closes the session. */
const LOST_CONNECTION_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03']);

function connectionLost(error: unknown): boolean {
  return driverErrorCodes(error).some((code) => LOST_CONNECTION_CODES.has(code) || code.startsWith('08'));
}

/**
 * postgres.js 3.4.9's begin() writes ROLLBACK on the transaction's connection after any error,
 * even when that connection has just closed; the write then throws from a timer, outside any
 * promise, and ends the process (porsager/postgres#1154, #1208): a PostgreSQL restart under load
 * killed Vigie. Transactions here run on a reserved connection that is neither written to nor
 * handed back once it is lost (the pool has already set it aside and reconnects it when needed).
 * Drizzle's transaction needs only `unsafe` from the connection it is given.
 */
function withTransactionsThatSurviveRestarts(client: postgres.Sql): postgres.Sql {
  type Body = (connection: postgres.ReservedSql) => Promise<unknown>;
  // begin(fn) or begin('isolation level …', fn), as postgres.js takes it.
  const begin = async (modeOrBody: string | Body, body?: Body) => {
    const [mode, fn] = typeof modeOrBody === 'string' ? [modeOrBody.replace(/[^a-z ]/gi, ''), body!] : ['', modeOrBody];
    const connection = await client.reserve();
    let reusable = true;
    try {
      await connection.unsafe(`begin ${mode}`);
      const result = await fn(connection);
      await connection.unsafe('commit');
      return result;
    } catch (error) {
      if (connectionLost(error)) reusable = false;
      else await connection.unsafe('rollback').catch((rollbackError: unknown) => (reusable = !connectionLost(rollbackError)));
      throw error;
    } finally {
      if (reusable) connection.release();
    }
  };
  return new Proxy(client, { get: (target, property, receiver) => (property === 'begin' ? begin : Reflect.get(target, property, receiver) as unknown) });
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
