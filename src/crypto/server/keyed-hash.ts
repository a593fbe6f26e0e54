// Keyed, domain-separated BLAKE2b (crypto_generichash with a key): fast hashing of
// high-entropy secrets (session ids, invitation codes, mailbox authenticators)
// and of identifiers we must not store in clear (throttle keys, fake salts).
import { concatBytes, utf8 } from '../encoding.ts';
import { getSodium } from '../sodium.ts';

export type HashDomain = 'staff-session' | 'invitation-code' | 'login-throttle' | 'fake-salt' | 'mailbox-authenticator' | 'mailbox-session' | 'proof-of-work';

/** BLAKE2b-256 keyed with a server secret, over the domain and length-prefixed parts. */
export async function keyedDigest(key: Uint8Array, domain: HashDomain, ...parts: (string | Uint8Array)[]): Promise<Uint8Array> {
  const sodium = await getSodium();
  const encoded = [domain, ...parts].map((part) => {
    const bytes = typeof part === 'string' ? utf8.encode(part) : part;
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, bytes.length);
    return concatBytes(length, bytes);
  });
  return sodium.crypto_generichash(32, concatBytes(...encoded), key);
}

/** Constant-time comparison of two byte strings. */
export async function sameBytes(a: Uint8Array, b: Uint8Array): Promise<boolean> {
  const sodium = await getSodium();
  return a.length === b.length && sodium.memcmp(a, b);
}

/** Cryptographically random bytes (for tokens, ids, salts). */
export async function randomBytes(length: number): Promise<Uint8Array> {
  return (await getSodium()).randombytes_buf(length);
}
