// Signed receipts: { payload, signature, keyId }. `payload` is the exact UTF-8 JSON text that was
// signed; `signature` is an Ed25519 detached signature (crypto_sign_detached) over its bytes.
// Verifying needs nothing but the public key (Node, browser, or any Ed25519 library).
import { fromBase64Url, toBase64Url, utf8 } from './encoding.ts';
import { getSodium } from './sodium.ts';

export interface SignedReceipt {
  readonly payload: string;
  /** base64url, 64 bytes. */
  readonly signature: string;
  readonly keyId: string;
}

/** True when the signature over the payload text holds for this Ed25519 public key. */
export async function receiptSignatureHolds(receipt: SignedReceipt, publicKey: Uint8Array): Promise<boolean> {
  const sodium = await getSodium();
  let signature: Uint8Array;
  try {
    signature = fromBase64Url(receipt.signature);
  } catch {
    return false;
  }
  if (signature.length !== sodium.crypto_sign_BYTES || publicKey.length !== sodium.crypto_sign_PUBLICKEYBYTES) return false;
  return sodium.crypto_sign_verify_detached(signature, utf8.encode(receipt.payload), publicKey);
}

/**
 * Key id of a receipt-signing public key: BLAKE2b with an 8-byte output (crypto_generichash(8, key)),
 * base64url. An 8-byte output is its own BLAKE2b variant, not the start of a longer digest.
 */
export async function receiptKeyId(publicKey: Uint8Array): Promise<string> {
  const sodium = await getSodium();
  return toBase64Url(sodium.crypto_generichash(8, publicKey, null));
}
