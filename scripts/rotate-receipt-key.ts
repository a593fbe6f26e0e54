// npm run keys:rotate-receipt   (with the server stopped)
// Retires the receipt-signing key and makes a new one. Receipts already given keep verifying: the
// old public key is in receipt_signing_keys and GET /api/v1/keys/receipt keeps publishing it.
import { rotateReceiptSigningKey } from '../src/crypto/server/key-store.ts';
import { recordReceiptKey } from '../src/services/receipt-keys.ts';
import { runCli } from './cli-context.ts';

// runCli opens the database: on PGlite its lock makes this refuse while the server runs (the
// running server would go on signing with the old key); PostgreSQL cannot tell.
await runCli(async ({ config, services }) => {
  // The server recorded the outgoing key when it started with it; recording again is a no-op
  // then, and keeps it published even if no server ever started with this key.
  await recordReceiptKey(services.db, services.keys.receiptSigning, services.clock.now());
  const { oldKeyId, newKeyId, retiredPath } = await rotateReceiptSigningKey(config.keysDir);
  console.log(`Receipt-signing key rotated: ${oldKeyId} -> ${newKeyId}`);
  console.log('');
  console.log(`The old key is recorded in the database (receipt_signing_keys), so its public key stays`);
  console.log(`published by GET /api/v1/keys/receipt and receipts signed with ${oldKeyId} still verify.`);
  console.log(`Its secret seed is now ${retiredPath}: nothing reads it any more; keep it with your key`);
  console.log('backups (it can rebuild the old public key if the database is lost), or delete it once you have');
  console.log('a copy of GET /api/v1/keys/receipt.');
  console.log('');
  console.log('Next:');
  console.log(`  1. Back up ${config.keysDir}/receipt-signing.key (see keys/README.md).`);
  console.log(`  2. Start the server once: it records the new key ${newKeyId} and signs new receipts with it.`);
  console.log('     Until it has started, the new key is not published.');
});
