// Server-held secrets (TOTP seeds) are stored encrypted under keys/data.key,
// so a database dump alone does not yield second factors.
import { associatedData, openEnvelope, sealEnvelope } from '../envelope.ts';
import { utf8 } from '../encoding.ts';

/** XChaCha20-Poly1305 v1 envelope of a TOTP seed, bound to its account. */
export function sealTotpSecret(dataKey: Uint8Array, secret: string, accountId: string): Promise<Uint8Array> {
  return sealEnvelope(dataKey, utf8.encode(secret), associatedData('totp-secret', accountId));
}

export async function openTotpSecret(dataKey: Uint8Array, sealed: Uint8Array, accountId: string): Promise<string> {
  return utf8.decode(await openEnvelope(dataKey, sealed, associatedData('totp-secret', accountId)));
}
