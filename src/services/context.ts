// What every service receives: no module-level singletons, so tests build their own.
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/index.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { ServerKeys } from '../crypto/server/key-store.ts';
import { WorkGate } from './work-gate.ts';

export interface ServiceContext {
  readonly db: Database;
  readonly clock: Clock;
  readonly config: Config;
  readonly keys: ServerKeys;
  readonly authHashGate: WorkGate;
  readonly logger: FastifyBaseLogger;
}

/** The context the server's scheduled jobs and the HTTP app share the shape of. */
export function createServiceContext(deps: { db: Database; clock: Clock; config: Config; keys: ServerKeys; logger: FastifyBaseLogger }): ServiceContext {
  return { ...deps, authHashGate: new WorkGate(deps.config.authHash.concurrency, deps.config.authHash.queueLimit) };
}
