// Versioned symmetric envelope: every ciphertext Vigie stores starts with its version byte.
//   v1 = 0x01 || nonce (24 bytes) || XChaCha20-Poly1305-IETF ciphertext+tag
// The associated data is never stored: the reader rebuilds it from context
// ("vigie:v1:<purpose>:<binding>"), so a ciphertext moved to another purpose or
// organisation fails to open.
import { concatBytes, utf8 } from './encoding.ts';
import { getSodium } from './sodium.ts';

export const ENVELOPE_V1 = 1;
const NONCE_BYTES = 24;
const TAG_BYTES = 16;

export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
}

/** Associated data naming what a ciphertext is for and what it is bound to. */
export function associatedData(purpose: string, ...binding: string[]): Uint8Array {
  return utf8.encode(['vigie', 'v1', purpose, ...binding].join(':'));
}

/** Encrypts with XChaCha20-Poly1305 (IETF) under a 32-byte key into a v1 envelope. */
export async function sealEnvelope(key: Uint8Array, plaintext: Uint8Array, ad: Uint8Array): Promise<Uint8Array> {
  const sodium = await getSodium();
  const nonce = sodium.randombytes_buf(NONCE_BYTES);
  const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key);
  return concatBytes(Uint8Array.of(ENVELOPE_V1), nonce, ciphertext);
}

/** Opens a v1 envelope; an unknown version or a failed tag is refused, never guessed. */
export async function openEnvelope(key: Uint8Array, envelope: Uint8Array, ad: Uint8Array): Promise<Uint8Array> {
  checkEnvelopeShape(envelope);
  const sodium = await getSodium();
  const nonce = envelope.subarray(1, 1 + NONCE_BYTES);
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, envelope.subarray(1 + NONCE_BYTES), ad, nonce, key);
  } catch {
    throw new EnvelopeError('the envelope does not open with this key and context (tampered, or wrong key)');
  }
}

/** Structural check the server can do without any key: version and minimum length. */
export function checkEnvelopeShape(envelope: Uint8Array): void {
  if (envelope.length === 0 || envelope[0] !== ENVELOPE_V1) {
    throw new EnvelopeError(`unknown envelope version ${envelope[0] ?? 'none'}; this server reads version ${ENVELOPE_V1}`);
  }
  if (envelope.length < 1 + NONCE_BYTES + TAG_BYTES) {
    throw new EnvelopeError('envelope too short to hold a nonce and an authentication tag');
  }
}
