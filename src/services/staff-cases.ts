// The referent's side of a case: only cases whose key was sealed for the caller exist for them.
// Anyone else, including staff of another organisation, gets the same 404.
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import { caseKeyGrants, caseMessages, cases, type CaseState, type IdentityMode } from '../../db/schema.ts';
import { NotFoundError } from '../domain/errors.ts';
import { appendAudit } from './audit-log.ts';
import { checkMessageCiphertext, messagesOf, storeMessage, type CaseMessage } from './case-messages.ts';
import type { ServiceContext } from './context.ts';
import { receiptsOf, type StoredReceipt } from './receipts.ts';
import type { StaffPrincipal } from './staff-sessions.ts';

export interface CaseSummary {
  readonly id: string;
  readonly reference: string;
  readonly category: string;
  readonly identityMode: IdentityMode;
  readonly state: CaseState;
  readonly receivedAt: Date;
  readonly acknowledgedAt: Date | null;
  readonly ackDueOn: string;
  readonly feedbackDueOn: string;
  readonly messageCount: number;
  readonly lastMessageAt: Date | null;
}

export interface CaseDetail extends CaseSummary {
  readonly organisationId: string;
  readonly report: Uint8Array;
  readonly sealedKey: Uint8Array;
  readonly messages: CaseMessage[];
  readonly receipts: StoredReceipt[];
}

export interface CaseCursor {
  readonly receivedAt: Date;
  readonly id: string;
}

const summaryColumns = {
  id: cases.id,
  reference: cases.reference,
  category: cases.category,
  identityMode: cases.identityMode,
  state: cases.state,
  receivedAt: cases.receivedAt,
  acknowledgedAt: cases.acknowledgedAt,
  ackDueOn: cases.ackDueOn,
  feedbackDueOn: cases.feedbackDueOn,
  messageCount: sql<number>`(select count(*)::int from ${caseMessages} where ${caseMessages.caseId} = ${cases.id})`,
  lastMessageAt: sql<Date | null>`(select max(${caseMessages.sentAt}) from ${caseMessages} where ${caseMessages.caseId} = ${cases.id})`.mapWith((value: string | Date | null) =>
    value === null ? null : new Date(value),
  ),
};

const holdsKey = (staff: StaffPrincipal) =>
  and(eq(caseKeyGrants.caseId, cases.id), eq(caseKeyGrants.staffAccountId, staff.accountId), eq(caseKeyGrants.organisationId, staff.organisationId));

/** Newest first, keyset-paginated on (receivedAt, id). */
export async function listCasesFor(ctx: ServiceContext, staff: StaffPrincipal, page: { limit: number; after?: CaseCursor }): Promise<{ cases: CaseSummary[]; next: CaseCursor | null }> {
  const after = page.after;
  const rows = await ctx.db
    .select(summaryColumns)
    .from(cases)
    .innerJoin(caseKeyGrants, holdsKey(staff))
    .where(
      and(
        eq(cases.organisationId, staff.organisationId),
        after ? or(lt(cases.receivedAt, after.receivedAt), and(eq(cases.receivedAt, after.receivedAt), lt(cases.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(cases.receivedAt), desc(cases.id))
    .limit(page.limit + 1);
  const more = rows.length > page.limit;
  const shown = rows.slice(0, page.limit);
  const last = shown.at(-1);
  return { cases: shown, next: more && last ? { receivedAt: last.receivedAt, id: last.id } : null };
}

async function grantedCase(tx: Executor, staff: StaffPrincipal, caseId: string) {
  const [row] = await tx
    .select({ summary: summaryColumns, report: cases.reportCiphertext, sealedKey: caseKeyGrants.sealedKey })
    .from(cases)
    .innerJoin(caseKeyGrants, holdsKey(staff))
    .where(and(eq(cases.id, caseId), eq(cases.organisationId, staff.organisationId)));
  if (!row) throw new NotFoundError('No such case among those shared with you.');
  return row;
}

/** Opens a case (ciphertexts and the caller's sealed key) and records that it was opened. */
export function openCase(ctx: ServiceContext, staff: StaffPrincipal, caseId: string): Promise<CaseDetail> {
  return ctx.db.transaction(async (tx) => {
    const row = await grantedCase(tx, staff, caseId);
    const [messages, receipts] = [await messagesOf(tx, caseId), await receiptsOf(tx, caseId)];
    await appendAudit(tx, ctx.clock.now(), { organisationId: staff.organisationId, actorKind: 'staff', actorId: staff.accountId, action: 'case.opened', subjectId: caseId });
    return { ...row.summary, organisationId: staff.organisationId, report: row.report, sealedKey: row.sealedKey, messages, receipts };
  });
}

export function sendStaffMessage(ctx: ServiceContext, staff: StaffPrincipal, caseId: string, message: { id: string; ciphertext: Uint8Array }): Promise<{ sentAt: Date }> {
  checkMessageCiphertext(ctx, message.ciphertext);
  return ctx.db.transaction(async (tx) => {
    await grantedCase(tx, staff, caseId);
    const sentAt = ctx.clock.now();
    await storeMessage(tx, { id: message.id, caseId, authorKind: 'staff', authorStaffId: staff.accountId, ciphertext: message.ciphertext, sentAt });
    await appendAudit(tx, sentAt, { organisationId: staff.organisationId, actorKind: 'staff', actorId: staff.accountId, action: 'case.message_sent', subjectId: caseId, details: { messageId: message.id } });
    return { sentAt };
  });
}
