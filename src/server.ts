// Entry point: loadConfig → keys → openDatabase → buildApp → startJobs → listen; closes cleanly on SIGTERM/SIGINT.
import { openDatabase } from '../db/index.ts';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { KeyStoreError, loadOrCreateKeys } from './crypto/server/key-store.ts';
import { DataDirBusyError } from '../db/data-dir-lock.ts';
import { WebAssetsMissingError } from './web/asset-manifest.ts';
import { systemClock } from './clock.ts';
import { jobs } from './jobs/registry.ts';
import { startJobs } from './jobs/scheduler.ts';
import { createServiceContext } from './services/context.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const { keys, created } = await loadOrCreateKeys(config.keysDir);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const app = await buildApp(config, { database, keys });
  if (created) app.log.warn({ keysDir: config.keysDir }, 'first start: new server keys were generated; back them up now (see keys/README.md)');
  app.log.info({ database: database.driver, receiptKeyId: keys.receiptSigning.keyId }, 'database ready');
  if (config.mail) app.log.info({ smtpHost: new URL(config.mail.smtpUrl).host }, 'staff notifications go out by e-mail');
  else app.log.warn('mail is off (no SMTP_URL): staff notifications are kept for the staff pages, not e-mailed');
  const scheduled = startJobs(createServiceContext({ database, clock: systemClock, config, keys, logger: app.log }), jobs);

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await scheduled.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void close('SIGTERM'));
  process.on('SIGINT', () => void close('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info(`Vigie is listening on ${config.publicUrl}`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof KeyStoreError || error instanceof DataDirBusyError || error instanceof WebAssetsMissingError) {
    console.error(`Vigie cannot start: ${error.message}`);
  } else {
    console.error('Vigie cannot start:', error);
  }
  process.exit(1);
});
