// Signed receipts handed to the reporter (DESIGN.md §4, §9). The payload text is stored exactly
// as signed, so the mailbox returns the very bytes the signature covers.
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import { caseReceipts, type CalendarRegion, type ReceiptKind } from '../../db/schema.ts';
import { fromBase64Url, toBase64Url } from '../crypto/encoding.ts';
import type { SignedReceipt } from '../crypto/receipts.ts';
import { signReceipt } from '../crypto/server/receipt-signing.ts';
import { TIME_ZONES } from '../domain/calendar.ts';
import type { CaseOutcome, FollowUpKind } from '../domain/case-workflow.ts';
import { acknowledgementStatement, closureStatement } from '../i18n/receipt-texts.ts';
import type { ServiceContext } from './context.ts';

export interface AcknowledgementInput {
  readonly caseId: string;
  readonly caseReference: string;
  readonly organisation: { readonly slug: string; readonly name: string };
  readonly receivedAt: Date;
  readonly reportDigest: Uint8Array;
  readonly admissibilityReviewDays: number;
  readonly feedbackDueOn: string;
  readonly calendarRegion: CalendarRegion;
}

/**
 * Signs a receipt's payload (type, version and kind first, the signing key's id last) and stores the
 * exact signed text, inside the caller's transaction.
 */
async function signAndStore(ctx: ServiceContext, tx: Executor, caseId: string, kind: ReceiptKind, issuedAt: Date, fields: Record<string, unknown>): Promise<SignedReceipt> {
  const payload = JSON.stringify({ type: 'vigie.receipt', version: 1, kind, ...fields, keyId: ctx.keys.receiptSigning.keyId });
  const receipt = await signReceipt(ctx.keys.receiptSigning, payload);
  await tx.insert(caseReceipts).values({ id: randomUUID(), caseId, kind, payload, signature: fromBase64Url(receipt.signature), keyId: receipt.keyId, issuedAt });
  return receipt;
}

/** Builds, signs and stores the acknowledgement of receipt inside the filing transaction. */
export async function issueAcknowledgement(ctx: ServiceContext, tx: Executor, input: AcknowledgementInput, issuedAt: Date): Promise<SignedReceipt> {
  return signAndStore(ctx, tx, input.caseId, 'acknowledgement', issuedAt, {
    organisation: input.organisation,
    caseReference: input.caseReference,
    receivedAt: input.receivedAt.toISOString(),
    issuedAt: issuedAt.toISOString(),
    reportDigest: `blake2b-256:${toBase64Url(input.reportDigest)}`,
    admissibilityReviewWorkingDays: input.admissibilityReviewDays,
    feedbackDueOn: input.feedbackDueOn,
    statement: acknowledgementStatement({
      organisationName: input.organisation.name,
      caseReference: input.caseReference,
      receivedAt: input.receivedAt,
      timeZone: TIME_ZONES[input.calendarRegion],
      admissibilityReviewDays: input.admissibilityReviewDays,
      feedbackDueOn: input.feedbackDueOn,
    }),
  });
}

export interface ClosureInput {
  readonly caseId: string;
  readonly caseReference: string;
  readonly organisation: { readonly slug: string; readonly name: string };
  readonly receivedAt: Date;
  readonly closedAt: Date;
  readonly reportDigest: Uint8Array;
  readonly outcome: CaseOutcome;
  readonly followUpKind: FollowUpKind | null;
  readonly calendarRegion: CalendarRegion;
}

/** Builds, signs and stores the closure notice (LEGAL.md L5) inside the closing transaction. */
export async function issueClosureNotice(ctx: ServiceContext, tx: Executor, input: ClosureInput): Promise<SignedReceipt> {
  return signAndStore(ctx, tx, input.caseId, 'closure', input.closedAt, {
    organisation: input.organisation,
    caseReference: input.caseReference,
    receivedAt: input.receivedAt.toISOString(),
    closedAt: input.closedAt.toISOString(),
    issuedAt: input.closedAt.toISOString(),
    reportDigest: `blake2b-256:${toBase64Url(input.reportDigest)}`,
    outcome: input.outcome,
    followUpKind: input.followUpKind,
    statement: closureStatement({
      organisationName: input.organisation.name,
      caseReference: input.caseReference,
      receivedAt: input.receivedAt,
      closedAt: input.closedAt,
      timeZone: TIME_ZONES[input.calendarRegion],
      outcome: input.outcome,
      followUpKind: input.followUpKind,
    }),
  });
}

export interface StoredReceipt extends SignedReceipt {
  readonly kind: ReceiptKind;
  readonly issuedAt: Date;
}

export async function receiptsOf(tx: Executor, caseId: string): Promise<StoredReceipt[]> {
  const rows = await tx.select().from(caseReceipts).where(eq(caseReceipts.caseId, caseId)).orderBy(asc(caseReceipts.issuedAt));
  return rows.map((row) => ({ kind: row.kind, issuedAt: row.issuedAt, payload: row.payload, signature: toBase64Url(row.signature), keyId: row.keyId }));
}
