// Server-held secrets (TOTP seeds) are stored encrypted under keys/data.key,
// so a database dump alone does not yield second factors.
import { EnvelopeError, associatedData, openEnvelope, sealEnvelope } from '../envelope.ts';
import { utf8 } from '../encoding.ts';

/** The server's own key does not open what the server stored: keys/data.key was replaced or lost. */
export class DataKeyMismatchError extends Error {
  override name = 'DataKeyMismatchError';
}

/** XChaCha20-Poly1305 v1 envelope of a TOTP seed, bound to its account. */
export function sealTotpSecret(dataKey: Uint8Array, secret: string, accountId: string): Promise<Uint8Array> {
  return sealEnvelope(dataKey, utf8.encode(secret), associatedData('totp-secret', accountId));
}

export async function openTotpSecret(dataKey: Uint8Array, sealed: Uint8Array, accountId: string): Promise<string> {
  try {
    return utf8.decode(await openEnvelope(dataKey, sealed, associatedData('totp-secret', accountId)));
  } catch (error) {
    // Not the caller's fault: a 500 with this type in the log, never a 4xx.
    if (error instanceof EnvelopeError) throw new DataKeyMismatchError('keys/data.key does not open a stored TOTP seed; restore the original data.key from backup');
    throw error;
  }
}
