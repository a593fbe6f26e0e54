// POST /api/v1/cases/:id/transitions: the one way a case changes state. The table in
// domain/case-workflow.ts decides; this applies it in one transaction with the case row locked:
// state, dates, signed receipts, the reason (encrypted by the referent's client), the case's
// history, the audit chain.
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import { cases, committeeVotes, organisations, type CaseState } from '../../db/schema.ts';
import { ciphertextDigest } from '../crypto/case-keys.ts';
import { caseDeadlines } from '../domain/case-deadlines.ts';
import { nextState, type CaseAction, type CaseOutcome, type FollowUpKind, type TransitionRule, type WorkflowRole } from '../domain/case-workflow.ts';
import { ConflictError, ForbiddenError, InvalidInputError } from '../domain/errors.ts';
import { appendAudit } from './audit-log.ts';
import { caseHeldBy, type CaseRow } from './case-access.ts';
import { retentionColumns } from './case-retention.ts';
import { recordEvent, type CaseEventKind } from './case-events.ts';
import { checkMessageCiphertext, storeMessage } from './case-messages.ts';
import type { ServiceContext } from './context.ts';
import { intakeSettingsOf } from './intake-settings.ts';
import { issueAcknowledgement, issueClosureNotice } from './receipts.ts';
import { shareWithCommittee, type ShareGrant } from './case-sharing.ts';
import type { StaffPrincipal } from './staff-sessions.ts';

export interface TransitionRequest {
  readonly action: CaseAction;
  /** The reason, as a message encrypted under the case key by the staff member's client. */
  readonly reason?: { readonly id: string; readonly ciphertext: Uint8Array };
  /** send_to_committee: the case key sealed for each committee member who may read it. */
  readonly grants?: readonly ShareGrant[];
}

export interface TransitionResult {
  readonly state: CaseState;
  readonly closedAt: Date | null;
  readonly outcome: CaseOutcome | null;
}

/** What each state entered tells the case's history, and whether the reporter is told. */
const ENTERED: Record<CaseState, { kind: CaseEventKind; visibleToReporter: boolean } | null> = {
  received: null,
  // The signed receipt itself is the reporter's notice of the acknowledgement.
  acknowledged: { kind: 'acknowledged', visibleToReporter: false },
  admissibility_review: { kind: 'admissibility_review_started', visibleToReporter: true },
  investigation: { kind: 'declared_admissible', visibleToReporter: true },
  inadmissible: { kind: 'declared_inadmissible', visibleToReporter: true },
  committee_review: { kind: 'sent_to_committee', visibleToReporter: true },
  closed: { kind: 'closed', visibleToReporter: true },
};

const STAFF_WORKFLOW_ROLES = new Set<WorkflowRole>(['referent', 'committee', 'admin', 'dpo']);

/** The rule one of the caller's roles allows, or the refusal: 409 if the state is wrong, 403 if no role of theirs may ever. */
export function ruleForStaff(state: CaseState, action: CaseAction, roles: readonly string[]): TransitionRule {
  const verdicts = roles.filter((role): role is WorkflowRole => STAFF_WORKFLOW_ROLES.has(role as WorkflowRole)).map((role) => nextState(state, action, role));
  const allowed = verdicts.find((v) => v.allowed);
  if (allowed?.allowed) return allowed.rule;
  if (verdicts.some((v) => !v.allowed && v.refusal === 'not_allowed_in_state')) {
    throw new ConflictError(`This case is ${state.replace(/_/g, ' ')}: "${action}" is not possible in that state.`, 'transition_not_allowed');
  }
  throw new ForbiddenError(`None of your roles may take the action "${action}".`, 'role_not_allowed');
}

export interface AppliedBy {
  readonly kind: 'staff' | 'system';
  readonly staff?: StaffPrincipal;
}

/** Applies one allowed rule to a locked case row: state and dates, receipts, history, audit. */
export async function applyRule(
  ctx: ServiceContext,
  tx: Executor,
  row: CaseRow,
  rule: TransitionRule,
  by: AppliedBy,
  at: Date,
  decided: { outcome?: CaseOutcome; followUpKind?: FollowUpKind | null } = {},
): Promise<CaseRow> {
  const settings = await intakeSettingsOf(tx, row.organisationId);
  const [organisation] = await tx.select({ slug: organisations.slug, name: organisations.name }).from(organisations).where(eq(organisations.id, row.organisationId));
  const changes: Partial<CaseRow> = { state: rule.to };
  if (rule.action === 'acknowledge') {
    const deadlines = caseDeadlines(row.receivedAt, at, settings.calendarRegion, settings.deadlines);
    changes.acknowledgedAt = at;
    changes.feedbackDueOn = deadlines.feedbackDueOn;
    await issueAcknowledgement(
      ctx,
      tx,
      {
        caseId: row.id,
        caseReference: row.reference,
        organisation: organisation!,
        receivedAt: row.receivedAt,
        reportDigest: await ciphertextDigest(row.reportCiphertext),
        admissibilityReviewDays: settings.admissibilityReviewDays,
        feedbackDueOn: deadlines.feedbackDueOn,
        calendarRegion: settings.calendarRegion,
      },
      at,
    );
  }
  if (rule.to === 'closed') {
    const outcome = rule.outcome ?? decided.outcome;
    if (!outcome) throw new Error(`closing rule ${rule.action} has no outcome`);
    const followUpKind = outcome === 'follow_up' ? (decided.followUpKind ?? null) : null;
    Object.assign(changes, { closedAt: at, outcome, followUpKind }, retentionColumns({ outcome, closedAt: at, proceedingsEndedOn: null }, settings.retention, settings.calendarRegion));
    await issueClosureNotice(ctx, tx, {
      caseId: row.id,
      caseReference: row.reference,
      organisation: organisation!,
      receivedAt: row.receivedAt,
      closedAt: at,
      reportDigest: await ciphertextDigest(row.reportCiphertext),
      outcome,
      followUpKind,
      calendarRegion: settings.calendarRegion,
    });
  }
  const [updated] = await tx
    .update(cases)
    .set(changes)
    .where(and(eq(cases.id, row.id), eq(cases.state, rule.from)))
    .returning();
  if (!updated) throw new ConflictError('The case changed meanwhile; reload it and try again.', 'case_changed');
  const entered = rule.action === 'return_to_investigation' ? ({ kind: 'returned_to_investigation', visibleToReporter: true } as const) : ENTERED[rule.to];
  const actorStaffId = by.staff?.accountId ?? null;
  if (entered) {
    await recordEvent(tx, {
      caseId: row.id,
      kind: entered.kind,
      actorKind: by.kind,
      actorStaffId,
      visibleToReporter: entered.visibleToReporter,
      details: rule.to === 'closed' ? { outcome: updated.outcome, followUpKind: updated.followUpKind } : {},
      at,
    });
  }
  await appendAudit(tx, at, {
    organisationId: row.organisationId,
    actorKind: by.kind,
    actorId: actorStaffId,
    action: 'case.transition',
    subjectId: row.id,
    details: { action: rule.action, from: rule.from, to: rule.to, ...(rule.to === 'closed' ? { outcome: updated.outcome, followUpKind: updated.followUpKind } : {}) },
  });
  return updated;
}

export function transitionCase(ctx: ServiceContext, staff: StaffPrincipal, caseId: string, request: TransitionRequest): Promise<TransitionResult> {
  if (request.reason) checkMessageCiphertext(ctx, request.reason.ciphertext);
  return ctx.db.transaction(async (tx) => {
    const { row } = await caseHeldBy(tx, staff, caseId, { lock: true });
    const rule = ruleForStaff(row.state, request.action, staff.roles);
    if (rule.reasonRequired && !request.reason) {
      throw new InvalidInputError(`"${request.action}" needs a reason, written for the reporter (encrypted as a message under the case key).`, 'reason_required');
    }
    if (request.grants && request.action !== 'send_to_committee') {
      throw new InvalidInputError('Only "send_to_committee" takes grants; share a case with a colleague through /shares.', 'unexpected_grants');
    }
    const at = ctx.clock.now();
    if (request.reason) {
      await storeMessage(tx, { id: request.reason.id, caseId, authorKind: 'staff', authorStaffId: staff.accountId, purpose: 'reason', ciphertext: request.reason.ciphertext, sentAt: at });
    }
    if (request.action === 'send_to_committee') await shareWithCommittee(ctx, tx, staff, row, request.grants ?? [], at);
    // A new committee round starts from no votes (the audit chain keeps the discarded ones).
    if (request.action === 'return_to_investigation') await tx.delete(committeeVotes).where(eq(committeeVotes.caseId, caseId));
    let current = await applyRule(ctx, tx, row, rule, { kind: 'staff', staff }, at);
    // An inadmissible report is closed at once, with that outcome (the reason reached the reporter).
    if (current.state === 'inadmissible') {
      const close = nextState('inadmissible', 'close_inadmissible', 'system');
      if (close.allowed) current = await applyRule(ctx, tx, current, close.rule, { kind: 'system' }, at);
    }
    return { state: current.state, closedAt: current.closedAt, outcome: current.outcome };
  });
}
