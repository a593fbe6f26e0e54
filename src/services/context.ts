// What every service receives: no module-level singletons, so tests build their own.
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/index.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { ServerKeys } from '../crypto/server/key-store.ts';
import type { WorkGate } from './work-gate.ts';

export interface ServiceContext {
  readonly db: Database;
  readonly clock: Clock;
  readonly config: Config;
  readonly keys: ServerKeys;
  readonly authHashGate: WorkGate;
  readonly logger: FastifyBaseLogger;
}
