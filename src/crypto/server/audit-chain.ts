// Hash chain of the audit log: hash_n = BLAKE2b-256(hash_{n-1} || canonical JSON of entry n).
import { concatBytes, utf8 } from '../encoding.ts';
import { getSodium } from '../sodium.ts';

export const AUDIT_GENESIS_HASH = new Uint8Array(32);

/** BLAKE2b-256 link of an audit entry to its predecessor. */
export async function chainAuditEntry(previousHash: Uint8Array, canonicalEntry: string): Promise<Uint8Array> {
  const sodium = await getSodium();
  return sodium.crypto_generichash(32, concatBytes(previousHash, utf8.encode(canonicalEntry)), null);
}
