// Server side of receipts: signs the payload text with the deployment's Ed25519 key.
import { toBase64Url, utf8 } from '../encoding.ts';
import type { SignedReceipt } from '../receipts.ts';
import { getSodium } from '../sodium.ts';
import type { ServerKeys } from './key-store.ts';

/** Ed25519 detached signature (crypto_sign_detached) over the UTF-8 payload text. */
export async function signReceipt(key: ServerKeys['receiptSigning'], payload: string): Promise<SignedReceipt> {
  const sodium = await getSodium();
  return { payload, signature: toBase64Url(sodium.crypto_sign_detached(utf8.encode(payload), key.secretKey)), keyId: key.keyId };
}
