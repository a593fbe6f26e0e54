// What every service receives: no module-level singletons, so tests build their own.
import type { FastifyBaseLogger } from 'fastify';
import type { Database, DatabaseHandle } from '../../db/index.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { ServerKeys } from '../crypto/server/key-store.ts';
import { jobLocksFor, type JobLocks } from '../jobs/job-locks.ts';
import { WorkGate } from './work-gate.ts';
import { smtpMailer, type Mailer } from './notifications/mailer.ts';
import { documentStores, type DocumentStore } from './documents/document-store.ts';
import type { DocumentStorage } from '../../db/schema.ts';

export interface ServiceContext {
  readonly db: Database;
  readonly clock: Clock;
  readonly config: Config;
  readonly keys: ServerKeys;
  readonly authHashGate: WorkGate;
  readonly logger: FastifyBaseLogger;
  /** Held by each real run of a job, across every instance on the same database. */
  readonly jobLocks: JobLocks;
  /** Document chunk stores, by the storage each document row names. */
  readonly documentStores: Record<DocumentStorage, DocumentStore>;
  /** Null when mail is off (no SMTP_URL): notifications then wait in the staff pages. */
  readonly mailer: Mailer | null;
}

/** The context the server's scheduled jobs and the HTTP app share the shape of. */
export function createServiceContext(deps: {
  database: Pick<DatabaseHandle, 'db' | 'tryAdvisoryLock'>;
  clock: Clock;
  config: Config;
  keys: ServerKeys;
  logger: FastifyBaseLogger;
}): ServiceContext {
  return {
    db: deps.database.db,
    clock: deps.clock,
    config: deps.config,
    keys: deps.keys,
    logger: deps.logger,
    authHashGate: new WorkGate(deps.config.authHash.concurrency, deps.config.authHash.queueLimit),
    jobLocks: jobLocksFor(deps.database),
    documentStores: documentStores(deps.config.documents),
    mailer: deps.config.mail ? smtpMailer(deps.config.mail) : null,
  };
}
