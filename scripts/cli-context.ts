// What a CLI command needs to act like the server: config, keys, database, a service context.
// On PGlite the data folder's lock makes a command refuse while the server runs.
import { DataDirBusyError } from '../db/data-dir-lock.ts';
import { openDatabase, type DatabaseHandle } from '../db/index.ts';
import { systemClock } from '../src/clock.ts';
import { ConfigError, loadConfig, type Config } from '../src/config.ts';
import { KeyStoreError, loadOrCreateKeys } from '../src/crypto/server/key-store.ts';
import { DomainError } from '../src/domain/errors.ts';
import { createLogger, safeErrorFields } from '../src/logger.ts';
import { createServiceContext, type ServiceContext } from '../src/services/context.ts';

export interface CliContext {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly services: ServiceContext;
}

export async function openCliContext(): Promise<CliContext> {
  const config = loadConfig();
  const { keys } = await loadOrCreateKeys(config.keysDir);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  const services = createServiceContext({ database, clock: systemClock, config, keys, logger: createLogger('warn') });
  return { config, database, services };
}

/** Runs a CLI command: clear one-line errors, exit code 1 on failure, database always closed. */
export async function runCli(command: (cli: CliContext) => Promise<void>): Promise<void> {
  let cli: CliContext | undefined;
  try {
    cli = await openCliContext();
    await command(cli);
  } catch (error) {
    // Our own errors are sentences meant for the operator; anything else may carry query
    // parameters in its message, so only its type, code and origin are shown.
    const known = error instanceof DomainError || error instanceof ConfigError || error instanceof KeyStoreError || error instanceof DataDirBusyError;
    console.error(known ? `Error: ${error.message}` : `Error: unexpected failure ${JSON.stringify(safeErrorFields(error))}`);
    process.exitCode = 1;
  } finally {
    await cli?.database.close();
  }
}
