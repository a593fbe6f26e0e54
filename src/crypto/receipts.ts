// Signed receipts: { payload, signature, keyId }. `payload` is the exact UTF-8 JSON text that was
// signed; `signature` is an Ed25519 detached signature (crypto_sign_detached) over its bytes.
// Verifying needs nothing but the public key (Node, browser, or any Ed25519 library).
import { fromBase64Url, utf8 } from './encoding.ts';
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
