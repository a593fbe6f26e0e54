// The referent's and committee's side of a case: only cases whose key was sealed for the caller
// exist for them. Anyone else, including staff of another organisation, gets the same 404.
import { and, asc, desc, eq, isNull, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import { caseKeyGrants, caseMessages, cases, committeeVotes, type CaseState, type IdentityMode, type MessagePurpose } from '../../db/schema.ts';
import { localDateOf, type CalendarDate } from '../domain/calendar.ts';
import type { CaseOutcome, FollowUpKind } from '../domain/case-workflow.ts';
import { ForbiddenError } from '../domain/errors.ts';
import { appendAudit } from './audit-log.ts';
import { caseHeldBy, holdsKey } from './case-access.ts';
import { deadlineViews, type CaseDeadlineViews } from './case-deadline-view.ts';
import { checkMessageCiphertext, storeMessage } from './case-messages.ts';
import type { ServiceContext } from './context.ts';
import { intakeSettingsOf } from './intake-settings.ts';
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
  readonly feedbackGivenAt: Date | null;
  readonly meetingRequestedAt: Date | null;
  readonly meetingDueOn: string | null;
  readonly meetingHeldAt: Date | null;
  readonly closedAt: Date | null;
  readonly outcome: CaseOutcome | null;
  readonly followUpKind: FollowUpKind | null;
  readonly messageCount: number;
  readonly lastMessageAt: Date | null;
  /** Reporter messages since the caller last opened the case (all of them if never opened). */
  readonly unreadMessages: number;
  /** When the caller voted on this case in committee, if they did. */
  readonly myVoteCastAt: Date | null;
  readonly deadlines: CaseDeadlineViews;
}

export interface CaseCursor {
  readonly receivedAt: Date;
  readonly id: string;
}

/** List order, both keyset-paginated on (receivedAt, id). */
export type CaseListSort = 'received_desc' | 'received_asc';

export interface CaseListQuery {
  readonly limit: number;
  readonly after?: CaseCursor;
  readonly state?: CaseState;
  /** Only cases with a deadline missed (acknowledgement, feedback or meeting). */
  readonly overdue?: boolean;
  /** Only cases in committee review on which the caller has not voted yet. */
  readonly awaitingMyVote?: boolean;
  readonly sort?: CaseListSort;
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
  feedbackGivenAt: cases.feedbackGivenAt,
  meetingRequestedAt: cases.meetingRequestedAt,
  meetingDueOn: cases.meetingDueOn,
  meetingHeldAt: cases.meetingHeldAt,
  closedAt: cases.closedAt,
  outcome: cases.outcome,
  followUpKind: cases.followUpKind,
  // "cases"."id" spelt out: drizzle leaves columns unqualified in a one-table query, where a bare
  // "id" inside the subquery would be the message's own.
  messageCount: sql<number>`(select count(*)::int from ${caseMessages} where ${caseMessages.caseId} = "cases"."id")`,
  lastMessageAt: sql<Date | null>`(select max(${caseMessages.sentAt}) from ${caseMessages} where ${caseMessages.caseId} = "cases"."id")`.mapWith((value: string | Date | null) =>
    value === null ? null : new Date(value),
  ),
  // The list and the summary join the caller's own grant, which carries when they last opened the case.
  unreadMessages: sql<number>`(select count(*)::int from ${caseMessages} where ${caseMessages.caseId} = "cases"."id" and ${caseMessages.authorKind} = 'reporter'
    and ("case_key_grants"."last_read_at" is null or ${caseMessages.sentAt} > "case_key_grants"."last_read_at"))`,
  myVoteCastAt: sql<Date | null>`(select ${committeeVotes.castAt} from ${committeeVotes} where ${committeeVotes.caseId} = "cases"."id"
    and ${committeeVotes.staffAccountId} = "case_key_grants"."staff_account_id")`.mapWith((value: string | Date | null) => (value === null ? null : new Date(value))),
};

const noVoteYet = sql`not exists (select 1 from ${committeeVotes} where ${committeeVotes.caseId} = "cases"."id" and ${committeeVotes.staffAccountId} = "case_key_grants"."staff_account_id")`;

/** A deadline missed on `today` (the organisation's local date), as SQL for the list filter. */
function overdueOn(today: CalendarDate): SQL {
  return or(
    and(isNull(cases.acknowledgedAt), lt(cases.ackDueOn, today)),
    and(isNull(cases.feedbackGivenAt), isNull(cases.closedAt), lt(cases.feedbackDueOn, today)),
    and(isNotNull(cases.meetingDueOn), isNull(cases.meetingHeldAt), isNull(cases.closedAt), lt(cases.meetingDueOn, today)),
  )!;
}

/** Today on the organisation's calendar, and its region. */
export async function organisationToday(ctx: ServiceContext, tx: Executor, organisationId: string) {
  const { calendarRegion } = await intakeSettingsOf(tx, organisationId);
  return { region: calendarRegion, today: localDateOf(ctx.clock.now(), calendarRegion) };
}

/** Newest (or oldest) first, keyset-paginated on (receivedAt, id), with each case's deadlines and their status. */
export async function listCasesFor(ctx: ServiceContext, staff: StaffPrincipal, query: CaseListQuery): Promise<{ cases: CaseSummary[]; next: CaseCursor | null }> {
  const after = query.after;
  const ascending = query.sort === 'received_asc';
  const { region, today } = await organisationToday(ctx, ctx.db, staff.organisationId);
  const rows = await ctx.db
    .select(summaryColumns)
    .from(cases)
    .innerJoin(caseKeyGrants, holdsKey(staff))
    .where(
      and(
        eq(cases.organisationId, staff.organisationId),
        query.state ? eq(cases.state, query.state) : undefined,
        query.overdue ? overdueOn(today) : undefined,
        // Only a committee member votes: for anyone else nothing awaits their vote.
        query.awaitingMyVote ? (staff.roles.includes('committee') ? and(eq(cases.state, 'committee_review'), noVoteYet) : sql`false`) : undefined,
        // A row comparison, so the cursor is an index bound on cases_org_received (an OR is only a filter).
        after
          ? ascending
            ? sql`(${cases.receivedAt}, ${cases.id}) > (${after.receivedAt.toISOString()}::timestamptz, ${after.id}::uuid)`
            : sql`(${cases.receivedAt}, ${cases.id}) < (${after.receivedAt.toISOString()}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(...(ascending ? [asc(cases.receivedAt), asc(cases.id)] : [desc(cases.receivedAt), desc(cases.id)]))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const shown = rows.slice(0, query.limit).map((row) => ({ ...row, deadlines: deadlineViews(row, today, region) }));
  const last = shown.at(-1);
  return { cases: shown, next: more && last ? { receivedAt: last.receivedAt, id: last.id } : null };
}

/** One case's summary for its holder (404 for anyone else). */
export async function caseSummaryFor(ctx: ServiceContext, tx: Executor, staff: StaffPrincipal, caseId: string): Promise<CaseSummary> {
  const { region, today } = await organisationToday(ctx, tx, staff.organisationId);
  await caseHeldBy(tx, staff, caseId);
  const [row] = await tx.select(summaryColumns).from(cases).innerJoin(caseKeyGrants, holdsKey(staff)).where(eq(cases.id, caseId));
  return { ...row!, deadlines: deadlineViews(row!, today, region) };
}

/**
 * A staff message to the reporter, encrypted by the client. Marked "feedback" (retour
 * d'information, LEGAL.md L3), the first one meets the case's feedback deadline.
 */
export function sendStaffMessage(
  ctx: ServiceContext,
  staff: StaffPrincipal,
  caseId: string,
  message: { id: string; ciphertext: Uint8Array; purpose?: Extract<MessagePurpose, 'message' | 'feedback'> },
): Promise<{ sentAt: Date }> {
  checkMessageCiphertext(ctx, message.ciphertext);
  return ctx.db.transaction(async (tx) => {
    await caseHeldBy(tx, staff, caseId);
    // The referent speaks for the organisation to the reporter; committee members read and vote.
    if (!staff.roles.includes('referent')) throw new ForbiddenError('Only a referent writes to the reporter.', 'role_required');
    const sentAt = ctx.clock.now();
    const purpose = message.purpose ?? 'message';
    await storeMessage(tx, { id: message.id, caseId, authorKind: 'staff', authorStaffId: staff.accountId, purpose, ciphertext: message.ciphertext, sentAt });
    if (purpose === 'feedback') await tx.update(cases).set({ feedbackGivenAt: sentAt }).where(and(eq(cases.id, caseId), isNull(cases.feedbackGivenAt)));
    await appendAudit(tx, sentAt, {
      organisationId: staff.organisationId,
      actorKind: 'staff',
      actorId: staff.accountId,
      action: 'case.message_sent',
      subjectId: caseId,
      details: { messageId: message.id, purpose },
    });
    return { sentAt };
  });
}
