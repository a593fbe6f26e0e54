// Receipt-signing public keys: the current one is recorded at start-up, and every key ever used
// stays published so receipts signed before a rotation still verify.
import { asc } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import { receiptSigningKeys } from '../../db/schema.ts';
import type { ServerKeys } from '../crypto/server/key-store.ts';

export async function recordReceiptKey(tx: Executor, key: ServerKeys['receiptSigning'], now: Date): Promise<void> {
  await tx.insert(receiptSigningKeys).values({ keyId: key.keyId, publicKey: key.publicKey, firstUsedAt: now }).onConflictDoNothing();
}

export async function publishedReceiptKeys(tx: Executor, current: ServerKeys['receiptSigning']): Promise<{ keyId: string; publicKey: Uint8Array; firstUsedAt: Date; current: boolean }[]> {
  const rows = await tx.select().from(receiptSigningKeys).orderBy(asc(receiptSigningKeys.firstUsedAt), asc(receiptSigningKeys.keyId));
  return rows.map((row) => ({ ...row, current: row.keyId === current.keyId }));
}
