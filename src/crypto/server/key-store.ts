// Server keys in KEYS_DIR: made on first start, checked on every start.
// Each file holds raw bytes, mode 0600. See keys/README.md.
import fs from 'node:fs';
import path from 'node:path';
import { receiptKeyId } from '../receipts.ts';
import { getSodium } from '../sodium.ts';

// Defined beside receipt verification so a verifier computes ids without the server's key store.
export { receiptKeyId };

export interface ServerKeys {
  readonly receiptSigning: { readonly keyId: string; readonly publicKey: Uint8Array; readonly secretKey: Uint8Array };
  /** Keys the hash of staff and mailbox session ids. */
  readonly sessionSecret: Uint8Array;
  /** Keys fake salts for unknown e-mails and login-throttle identifiers. */
  readonly pepper: Uint8Array;
  /** Encrypts server-held secrets at rest (TOTP seeds). */
  readonly dataKey: Uint8Array;
}

export class KeyStoreError extends Error {
  override name = 'KeyStoreError';
}

const KEY_FILES = {
  receiptSigning: { file: 'receipt-signing.key', bytes: 32, what: 'Ed25519 receipt-signing seed' },
  sessionSecret: { file: 'session.key', bytes: 32, what: 'session secret' },
  pepper: { file: 'pepper.key', bytes: 32, what: 'pepper' },
  dataKey: { file: 'data.key', bytes: 32, what: 'data key' },
} as const;

type KeyName = keyof typeof KEY_FILES;

/** Loads the keys, generating all of them on a first start (empty or missing folder). */
export async function loadOrCreateKeys(keysDir: string): Promise<{ keys: ServerKeys; created: boolean }> {
  const names = Object.keys(KEY_FILES) as KeyName[];
  const present = names.filter((name) => fs.existsSync(path.join(keysDir, KEY_FILES[name].file)));
  let created = false;
  if (present.length === 0) {
    await generateAll(keysDir);
    created = true;
  } else if (present.length < names.length) {
    const missing = names.filter((n) => !present.includes(n)).map((n) => path.join(keysDir, KEY_FILES[n].file));
    throw new KeyStoreError(
      `Missing key file(s): ${missing.join(', ')}. The other keys exist, so this is not a first start: restore the missing file(s) from your backup (see keys/README.md) rather than letting Vigie make new ones, which would lock staff out or break receipt verification.`,
    );
  }
  const raw = Object.fromEntries(names.map((name) => [name, readKeyFile(keysDir, name)])) as Record<KeyName, Uint8Array>;
  const sodium = await getSodium();
  const pair = sodium.crypto_sign_seed_keypair(raw.receiptSigning);
  return {
    created,
    keys: {
      receiptSigning: { keyId: await receiptKeyId(pair.publicKey), publicKey: pair.publicKey, secretKey: pair.privateKey },
      sessionSecret: raw.sessionSecret,
      pepper: raw.pepper,
      dataKey: raw.dataKey,
    },
  };
}

/**
 * Retires the receipt-signing seed and writes a new one; run with the server stopped. The old seed
 * is renamed receipt-signing.key.retired-<keyId> (still 0600, a secret), which loadOrCreateKeys
 * ignores: it reads only the four names in KEY_FILES.
 */
export async function rotateReceiptSigningKey(keysDir: string): Promise<{ oldKeyId: string; newKeyId: string; retiredPath: string }> {
  const sodium = await getSodium();
  const { file, bytes } = KEY_FILES.receiptSigning;
  const currentPath = path.join(keysDir, file);
  if (!fs.existsSync(currentPath)) {
    throw new KeyStoreError(`${currentPath} does not exist: there is no receipt-signing key to rotate. Check KEYS_DIR, or restore the file from your backup (see keys/README.md).`);
  }
  const oldKeyId = await receiptKeyId(sodium.crypto_sign_seed_keypair(readKeyFile(keysDir, 'receiptSigning')).publicKey);
  const retiredPath = `${currentPath}.retired-${oldKeyId}`;
  // rename() would silently replace it; a retired seed is never overwritten.
  if (fs.existsSync(retiredPath)) {
    throw new KeyStoreError(`${retiredPath} already exists: this key was retired before and then restored. Compare the two files, keep one copy of that seed, and run the rotation again.`);
  }
  fs.renameSync(currentPath, retiredPath);
  const seed = sodium.randombytes_buf(bytes);
  try {
    fs.writeFileSync(currentPath, seed, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Put the old seed back (over any partial file) rather than leave a server that cannot start.
    fs.renameSync(retiredPath, currentPath);
    throw error;
  }
  return { oldKeyId, newKeyId: await receiptKeyId(sodium.crypto_sign_seed_keypair(seed).publicKey), retiredPath };
}

function readKeyFile(keysDir: string, name: KeyName): Uint8Array {
  const { file, bytes, what } = KEY_FILES[name];
  const fullPath = path.join(keysDir, file);
  const stat = fs.statSync(fullPath);
  if ((stat.mode & 0o077) !== 0) {
    throw new KeyStoreError(`${fullPath} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}). Run: chmod 600 ${fullPath}`);
  }
  const content = fs.readFileSync(fullPath);
  if (content.length !== bytes) {
    throw new KeyStoreError(`${fullPath} holds ${content.length} bytes; the ${what} must be exactly ${bytes} bytes. Restore it from your backup (see keys/README.md).`);
  }
  return new Uint8Array(content);
}

async function generateAll(keysDir: string): Promise<void> {
  const sodium = await getSodium();
  fs.mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  // The folder may pre-exist (a clone holds keys/README.md): close it to other users too.
  fs.chmodSync(keysDir, 0o700);
  for (const { file, bytes } of Object.values(KEY_FILES)) {
    // 'wx' never overwrites: two processes racing on a first start cannot clobber each other's keys.
    fs.writeFileSync(path.join(keysDir, file), sodium.randombytes_buf(bytes), { mode: 0o600, flag: 'wx' });
  }
}
