// Proof of work (client and server): find an 8-byte nonce such that
// BLAKE2b-256(challenge || nonce) starts with `bits` zero bits. Costs the client about 2^bits
// hashes and the server one; it slows floods without knowing who sends them.
import { concatBytes } from './encoding.ts';
import { getSodium } from './sodium.ts';

export const POW_NONCE_BYTES = 8;

function leadingZeroBits(digest: Uint8Array): number {
  let count = 0;
  for (const byte of digest) {
    if (byte === 0) {
      count += 8;
      continue;
    }
    return count + Math.clz32(byte) - 24;
  }
  return count;
}

/** True when BLAKE2b-256(challenge || nonce) has at least `bits` leading zero bits. */
export async function proofOfWorkHolds(challenge: Uint8Array, nonce: Uint8Array, bits: number): Promise<boolean> {
  if (nonce.length !== POW_NONCE_BYTES) return false;
  const sodium = await getSodium();
  return leadingZeroBits(sodium.crypto_generichash(32, concatBytes(challenge, nonce), null)) >= bits;
}

/**
 * Searches for a nonce; yields to the caller every `sliceSize` attempts (the browser runs this
 * in a worker, but yielding keeps any caller responsive and lets it show progress).
 */
export async function solveProofOfWork(challenge: Uint8Array, bits: number, options: { sliceSize?: number; onSlice?: (attempts: number) => void | Promise<void> } = {}): Promise<Uint8Array> {
  const sodium = await getSodium();
  const sliceSize = options.sliceSize ?? 4096;
  const input = new Uint8Array(challenge.length + POW_NONCE_BYTES);
  input.set(challenge);
  const nonceView = new DataView(input.buffer, challenge.length, POW_NONCE_BYTES);
  for (let attempt = 0; ; attempt++) {
    nonceView.setUint32(0, Math.floor(attempt / 2 ** 32));
    nonceView.setUint32(4, attempt >>> 0);
    if (leadingZeroBits(sodium.crypto_generichash(32, input, null)) >= bits) return input.slice(challenge.length);
    if (attempt % sliceSize === sliceSize - 1) await options.onSlice?.(attempt + 1);
  }
}
