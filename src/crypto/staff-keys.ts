// Staff key model (client side, runs unchanged in Node and in the browser).
// passphrase --crypto_pwhash(argon2id, salt, params)--> 32-byte root
// root --crypto_kdf "vigiestf" id 1--> authValue (sent to the server at login)
// root --crypto_kdf "vigiestf" id 2--> keyEncryptionKey (never leaves the client)
// The X25519 private key is stored on the server only inside a v1 envelope under keyEncryptionKey.
import { EnvelopeError, associatedData, checkEnvelopeShape, openEnvelope, sealEnvelope } from './envelope.ts';
import { getSodium } from './sodium.ts';

export interface StaffKdfParams {
  readonly algorithm: 'argon2id13';
  readonly opsLimit: number;
  readonly memLimitBytes: number;
}

export interface StaffSecrets {
  readonly authValue: Uint8Array;
  readonly keyEncryptionKey: Uint8Array;
}

export const STAFF_SALT_BYTES = 16;
const KDF_CONTEXT = 'vigiestf';

/** Derives the login value and the private-key wrapping key from a passphrase (argon2id). */
export async function deriveStaffSecrets(passphrase: string, salt: Uint8Array, params: StaffKdfParams): Promise<StaffSecrets> {
  const sodium = await getSodium();
  const root = sodium.crypto_pwhash(32, passphrase.normalize('NFKC'), salt, params.opsLimit, params.memLimitBytes, sodium.crypto_pwhash_ALG_ARGON2ID13);
  const secrets = {
    authValue: sodium.crypto_kdf_derive_from_key(32, 1, KDF_CONTEXT, root),
    keyEncryptionKey: sodium.crypto_kdf_derive_from_key(32, 2, KDF_CONTEXT, root),
  };
  sodium.memzero(root);
  return secrets;
}

/** A fresh random salt for a new or changed passphrase. */
export async function newStaffSalt(): Promise<Uint8Array> {
  return (await getSodium()).randombytes_buf(STAFF_SALT_BYTES);
}

/** Makes the staff member's X25519 key pair (crypto_box) for receiving sealed case keys. */
export async function generateStaffKeyPair(): Promise<{ publicKey: Uint8Array; privateKey: Uint8Array }> {
  const pair = (await getSodium()).crypto_box_keypair();
  return { publicKey: pair.publicKey, privateKey: pair.privateKey };
}

function privateKeyContext(organisationId: string, accountId: string): Uint8Array {
  return associatedData('staff-private-key', organisationId, accountId);
}

/** Wraps the private key under the key-encryption key (v1 envelope, bound to the account). */
export function sealStaffPrivateKey(keyEncryptionKey: Uint8Array, privateKey: Uint8Array, organisationId: string, accountId: string): Promise<Uint8Array> {
  return sealEnvelope(keyEncryptionKey, privateKey, privateKeyContext(organisationId, accountId));
}

/** Unwraps the private key after login; fails on a wrong passphrase or a tampered blob. */
export function openStaffPrivateKey(keyEncryptionKey: Uint8Array, sealed: Uint8Array, organisationId: string, accountId: string): Promise<Uint8Array> {
  return openEnvelope(keyEncryptionKey, sealed, privateKeyContext(organisationId, accountId));
}

/** Size of a sealed X25519 private key: version, nonce, 32-byte key, tag. */
export const SEALED_PRIVATE_KEY_BYTES = 1 + 24 + 32 + 16;

/** Server-side shape check of an uploaded sealed private key (it cannot open it). */
export function checkSealedPrivateKey(sealed: Uint8Array): void {
  checkEnvelopeShape(sealed);
  if (sealed.length !== SEALED_PRIVATE_KEY_BYTES) {
    throw new EnvelopeError(`a sealed private key is ${SEALED_PRIVATE_KEY_BYTES} bytes; this one is ${sealed.length}`);
  }
}
