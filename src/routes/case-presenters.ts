// JSON shapes shared by the mailbox and staff case routes.
import { Type } from '@sinclair/typebox';
import { toBase64Url } from '../crypto/encoding.ts';
import type { CaseMessage } from '../services/case-messages.ts';
import type { StoredReceipt } from '../services/receipts.ts';

export const MessageSchema = Type.Object({
  id: Type.String(),
  author: Type.Union([Type.Literal('reporter'), Type.Literal('staff')]),
  authorStaffId: Type.Union([Type.String(), Type.Null()]),
  purpose: Type.Union([Type.Literal('message'), Type.Literal('feedback'), Type.Literal('reason')], {
    description: "feedback: a retour d'information (meets the feedback deadline); reason: the motive of a decision",
  }),
  sentAt: Type.String(),
  ciphertext: Type.String(),
});

export const StoredReceiptSchema = Type.Object({
  kind: Type.String(),
  issuedAt: Type.String(),
  payload: Type.String(),
  signature: Type.String(),
  keyId: Type.String(),
});

export function presentMessage(message: CaseMessage) {
  return {
    id: message.id,
    author: message.authorKind,
    authorStaffId: message.authorStaffId,
    purpose: message.purpose,
    sentAt: message.sentAt.toISOString(),
    ciphertext: toBase64Url(message.ciphertext),
  };
}

export function presentReceipt(receipt: StoredReceipt) {
  return { kind: receipt.kind, issuedAt: receipt.issuedAt.toISOString(), payload: receipt.payload, signature: receipt.signature, keyId: receipt.keyId };
}
