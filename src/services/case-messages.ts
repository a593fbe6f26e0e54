// Encrypted messages between the reporter and the recipients of a case. The client picks the
// message id (bound into the ciphertext's associated data); the server checks shape and size only.
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import { caseMessages, type MessageAuthor, type MessagePurpose } from '../../db/schema.ts';
import { checkEnvelopeShape } from '../crypto/envelope.ts';
import { ConflictError, PayloadTooLargeError } from '../domain/errors.ts';
import type { ServiceContext } from './context.ts';

export interface CaseMessage {
  readonly id: string;
  readonly authorKind: MessageAuthor;
  readonly authorStaffId: string | null;
  readonly purpose: MessagePurpose;
  readonly ciphertext: Uint8Array;
  readonly sentAt: Date;
}

export function checkMessageCiphertext(ctx: ServiceContext, ciphertext: Uint8Array): void {
  if (ciphertext.length > ctx.config.intake.messageMaxBytes) {
    throw new PayloadTooLargeError(`The encrypted message is ${ciphertext.length} bytes; this service accepts at most ${ctx.config.intake.messageMaxBytes}. Shorten it or send it in parts.`);
  }
  checkEnvelopeShape(ciphertext);
}

export async function storeMessage(
  tx: Executor,
  message: { id: string; caseId: string; authorKind: MessageAuthor; authorStaffId: string | null; purpose?: MessagePurpose; ciphertext: Uint8Array; sentAt: Date },
): Promise<void> {
  const inserted = await tx.insert(caseMessages).values(message).onConflictDoNothing().returning({ id: caseMessages.id });
  if (inserted.length === 0) throw new ConflictError('A message with this id already exists; draw a new random id for each message.', 'message_id_taken');
}

export async function messagesOf(tx: Executor, caseId: string): Promise<CaseMessage[]> {
  return tx
    .select({ id: caseMessages.id, authorKind: caseMessages.authorKind, authorStaffId: caseMessages.authorStaffId, purpose: caseMessages.purpose, ciphertext: caseMessages.ciphertext, sentAt: caseMessages.sentAt })
    .from(caseMessages)
    .where(eq(caseMessages.caseId, caseId))
    .orderBy(asc(caseMessages.sentAt), asc(caseMessages.id));
}
