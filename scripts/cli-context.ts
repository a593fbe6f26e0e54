// What a CLI command needs to act like the server: config, keys, database, a service context.
// On PGlite the data folder's lock makes a command refuse while the server runs.
import { openDatabase, type DatabaseHandle } from '../db/index.ts';
import { systemClock } from '../src/clock.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { loadOrCreateKeys } from '../src/crypto/server/key-store.ts';
import { createLogger } from '../src/logger.ts';
import type { ServiceContext } from '../src/services/context.ts';
import { WorkGate } from '../src/services/work-gate.ts';

export interface CliContext {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly services: ServiceContext;
}

export async function openCliContext(): Promise<CliContext> {
  const config = loadConfig();
  const { keys } = await loadOrCreateKeys(config.keysDir);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  const services: ServiceContext = {
    db: database.db,
    clock: systemClock,
    config,
    keys,
    authHashGate: new WorkGate(config.authHash.concurrency, config.authHash.queueLimit),
    logger: createLogger('warn'),
  };
  return { config, database, services };
}

/** Runs a CLI command: clear one-line errors, exit code 1 on failure, database always closed. */
export async function runCli(command: (cli: CliContext) => Promise<void>): Promise<void> {
  let cli: CliContext | undefined;
  try {
    cli = await openCliContext();
    await command(cli);
  } catch (error) {
    console.error(`Error: ${(error as Error).message}`);
    process.exitCode = 1;
  } finally {
    await cli?.database.close();
  }
}
