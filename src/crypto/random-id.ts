// Ids a client draws itself and binds into associated data (case ids, message ids): random
// UUID v4 in lower case, the one spelling the server accepts. Runs in Node and in the browser.
import { getSodium } from './sodium.ts';

/** A random (version 4) UUID from libsodium's CSPRNG, lower case. */
export async function newRandomId(): Promise<string> {
  const bytes = (await getSodium()).randombytes_buf(16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
