// Server-side argon2id over the staff auth value (the "verify" parameter set).
// Server only: the browser bundle never imports this file.
import argon2 from 'argon2';

export interface AuthHashParams {
  readonly memoryKib: number;
  readonly iterations: number;
}

/** argon2id hash (PHC string) of a client-derived auth value. */
export function hashAuthValue(authValue: Uint8Array, params: AuthHashParams): Promise<string> {
  return argon2.hash(Buffer.from(authValue), { type: argon2.argon2id, memoryCost: params.memoryKib, timeCost: params.iterations, parallelism: 1 });
}

/** Constant-time argon2id verification; false on mismatch or a malformed hash. */
export async function verifyAuthValue(phcHash: string, authValue: Uint8Array): Promise<boolean> {
  try {
    return await argon2.verify(phcHash, Buffer.from(authValue));
  } catch {
    // A malformed stored hash cannot match; the caller treats it like a wrong value.
    return false;
  }
}
