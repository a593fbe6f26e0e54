// The reporter's mailbox: the case's state in plain words, a timeline, the signed receipts, the
// messages (ciphertexts) and the case key wrapped under the mailbox key.
import { eq } from 'drizzle-orm';
import { cases, mailboxes, organisations, type CaseState } from '../../db/schema.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { Bilingual } from '../i18n/intake-defaults.ts';
import { REPORTER_STATE_EXPLANATIONS } from '../i18n/case-states.ts';
import { reporterNotice } from '../i18n/case-notices.ts';
import { appendAudit } from './audit-log.ts';
import { eventsOf, type CaseEventKind } from './case-events.ts';
import { intakeSettingsOf } from './intake-settings.ts';
import { checkMessageCiphertext, messagesOf, storeMessage, type CaseMessage } from './case-messages.ts';
import type { ServiceContext } from './context.ts';
import type { ReporterPrincipal } from './mailbox-sessions.ts';
import { receiptsOf, type StoredReceipt } from './receipts.ts';
import { notifyStaff } from './notifications/notify-staff.ts';
import { referentHolders } from './case-sharing.ts';

export type TimelineEvent =
  | { readonly at: Date; readonly kind: 'received' }
  | { readonly at: Date; readonly kind: 'receipt'; readonly receiptKind: StoredReceipt['kind'] }
  | { readonly at: Date; readonly kind: 'message'; readonly author: 'reporter' | 'staff'; readonly messageId: string }
  | { readonly at: Date; readonly kind: 'event'; readonly event: CaseEventKind; readonly notice: Bilingual };

export interface MailboxMeeting {
  readonly offered: boolean;
  readonly requestedAt: Date | null;
  readonly dueOn: string | null;
  readonly heldAt: Date | null;
}

export interface MailboxView {
  readonly organisation: { readonly id: string; readonly slug: string; readonly name: string };
  readonly caseId: string;
  readonly caseReference: string;
  readonly category: string;
  readonly state: CaseState;
  readonly explanation: Bilingual;
  readonly receivedAt: Date;
  readonly feedbackDueOn: string;
  readonly report: Uint8Array;
  readonly wrappedCaseKey: Uint8Array;
  readonly receipts: StoredReceipt[];
  readonly messages: CaseMessage[];
  readonly timeline: TimelineEvent[];
  readonly closedAt: Date | null;
  readonly meeting: MailboxMeeting;
}

/** At equal times (one transaction): receipt of the alert, what happened, messages, and the closure notice last. */
function tieRank(event: TimelineEvent): number {
  if (event.kind === 'received') return 0;
  if (event.kind === 'receipt') return event.receiptKind === 'closure' ? 4 : 1;
  return event.kind === 'event' ? 2 : 3;
}

export async function readMailbox(ctx: ServiceContext, reporter: ReporterPrincipal): Promise<MailboxView> {
  const [row] = await ctx.db
    .select({ case: cases, wrappedCaseKey: mailboxes.wrappedCaseKey, organisation: { id: organisations.id, slug: organisations.slug, name: organisations.name } })
    .from(cases)
    .innerJoin(mailboxes, eq(mailboxes.caseId, cases.id))
    .innerJoin(organisations, eq(organisations.id, cases.organisationId))
    .where(eq(cases.id, reporter.caseId));
  if (!row) throw new NotFoundError('This mailbox no longer exists.');
  const [receipts, messages, events, settings] = await Promise.all([
    receiptsOf(ctx.db, reporter.caseId),
    messagesOf(ctx.db, reporter.caseId),
    eventsOf(ctx.db, reporter.caseId, { reporterOnly: true }),
    intakeSettingsOf(ctx.db, row.case.organisationId),
  ]);
  const notices = events.flatMap((event) => {
    const notice = reporterNotice(event.kind, event.details);
    return notice ? [{ at: event.at, kind: 'event' as const, event: event.kind, notice }] : [];
  });
  const timeline: TimelineEvent[] = [
    { at: row.case.receivedAt, kind: 'received' as const },
    ...receipts.map((receipt) => ({ at: receipt.issuedAt, kind: 'receipt' as const, receiptKind: receipt.kind })),
    ...notices,
    ...messages.map((message) => ({ at: message.sentAt, kind: 'message' as const, author: message.authorKind, messageId: message.id })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime() || tieRank(a) - tieRank(b));
  return {
    organisation: row.organisation,
    caseId: row.case.id,
    caseReference: row.case.reference,
    category: row.case.category,
    state: row.case.state,
    explanation: REPORTER_STATE_EXPLANATIONS[row.case.state],
    receivedAt: row.case.receivedAt,
    feedbackDueOn: row.case.feedbackDueOn,
    report: row.case.reportCiphertext,
    wrappedCaseKey: row.wrappedCaseKey,
    receipts,
    closedAt: row.case.closedAt,
    meeting: { offered: settings.offersMeetings, requestedAt: row.case.meetingRequestedAt, dueOn: row.case.meetingDueOn, heldAt: row.case.meetingHeldAt },
    // The reporter sees who wrote only as "reporter" or "staff": staff names stay out of the mailbox.
    messages: messages.map((message) => ({ ...message, authorStaffId: null })),
    timeline,
  };
}

export async function sendReporterMessage(ctx: ServiceContext, reporter: ReporterPrincipal, message: { id: string; ciphertext: Uint8Array }): Promise<{ sentAt: Date }> {
  checkMessageCiphertext(ctx, message.ciphertext);
  const sentAt = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select({ organisationId: cases.organisationId }).from(cases).where(eq(cases.id, reporter.caseId));
    if (!row) throw new NotFoundError('This mailbox no longer exists.');
    await storeMessage(tx, { id: message.id, caseId: reporter.caseId, authorKind: 'reporter', authorStaffId: null, ciphertext: message.ciphertext, sentAt });
    await notifyStaff(tx, sentAt, { organisationId: row.organisationId, recipients: await referentHolders(tx, reporter.caseId), kind: 'reporter_message' });
    await appendAudit(tx, sentAt, { organisationId: row.organisationId, actorKind: 'reporter', actorId: null, action: 'case.reporter_message', subjectId: reporter.caseId, details: { messageId: message.id } });
  });
  return { sentAt };
}
