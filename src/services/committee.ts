// The committee's vote (DESIGN.md §5): each member who may read the case votes once, with a reason
// encrypted under the case key; once quorum and majority are met the decision is recorded with its
// tally and the case closes with that outcome. A tie or a missing quorum leaves it open, visibly.
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import { caseEvents, committeeVotes } from '../../db/schema.ts';
import { checkEnvelopeShape } from '../crypto/envelope.ts';
import { nextState, type FollowUpKind } from '../domain/case-workflow.ts';
import { committeeStatus, type CommitteeStatus, type VoteChoice } from '../domain/committee-tally.ts';
import { ConflictError, ForbiddenError, InvalidInputError } from '../domain/errors.ts';
import { appendAudit } from './audit-log.ts';
import { caseHeldBy, type CaseRow } from './case-access.ts';
import { recordEvent } from './case-events.ts';
import { eligibleVoters, recuse } from './case-sharing.ts';
import { applyRule } from './case-transitions.ts';
import type { ServiceContext } from './context.ts';
import { intakeSettingsOf } from './intake-settings.ts';
import type { StaffPrincipal } from './staff-sessions.ts';

export interface VoteRequest {
  readonly id: string;
  readonly choice: VoteChoice;
  readonly followUpKind: FollowUpKind | null;
  readonly reasonCiphertext: Uint8Array;
}

export interface StoredVote {
  readonly id: string;
  readonly voterId: string;
  readonly choice: VoteChoice;
  readonly followUpKind: FollowUpKind | null;
  readonly reasonCiphertext: Uint8Array;
  readonly castAt: Date;
}

async function votesOn(tx: Executor, caseId: string): Promise<StoredVote[]> {
  const rows = await tx.select().from(committeeVotes).where(eq(committeeVotes.caseId, caseId)).orderBy(asc(committeeVotes.castAt), asc(committeeVotes.id));
  return rows.map((row) => ({ id: row.id, voterId: row.staffAccountId, choice: row.choice, followUpKind: row.followUpKind, reasonCiphertext: row.reasonCiphertext, castAt: row.castAt }));
}

/**
 * Where the vote stands, counting only members who may still vote while the committee decides; once
 * the case is closed, the votes that decided it stay on record whoever recused since.
 */
export async function committeeStatusOf(tx: Executor, row: Pick<CaseRow, 'id' | 'organisationId' | 'state'>): Promise<{ status: CommitteeStatus; votes: StoredVote[]; eligible: string[] }> {
  const [votes, eligible, settings] = [await votesOn(tx, row.id), await eligibleVoters(tx, row), await intakeSettingsOf(tx, row.organisationId)];
  const counted = row.state === 'closed' ? votes : votes.filter((vote) => eligible.includes(vote.voterId));
  return { status: committeeStatus(counted, eligible.length, settings.committee), votes: counted, eligible };
}

/**
 * After a vote or a recusal during committee review: closes the case when the committee has
 * decided, or records once that it is deadlocked.
 */
export async function settleCommittee(ctx: ServiceContext, tx: Executor, row: CaseRow, at: Date): Promise<CommitteeStatus> {
  const { status } = await committeeStatusOf(tx, row);
  if (status.status === 'decided') {
    const rule = nextState('committee_review', 'record_committee_decision', 'system');
    if (!rule.allowed) throw new Error('workflow table lost record_committee_decision');
    await appendAudit(tx, at, {
      organisationId: row.organisationId,
      actorKind: 'system',
      actorId: null,
      action: 'case.committee_decided',
      subjectId: row.id,
      details: { outcome: status.outcome, followUpKind: status.followUpKind, followUp: status.tally.followUp, noFollowUp: status.tally.noFollowUp, abstain: status.tally.abstain, eligible: status.tally.eligible },
    });
    await applyRule(ctx, tx, row, rule.rule, { kind: 'system' }, at, { outcome: status.outcome, followUpKind: status.followUpKind });
  } else if (status.status === 'deadlocked') {
    const [already] = await tx.select({ id: caseEvents.id }).from(caseEvents).where(and(eq(caseEvents.caseId, row.id), eq(caseEvents.kind, 'committee_deadlocked')));
    if (!already) {
      await recordEvent(tx, { caseId: row.id, kind: 'committee_deadlocked', actorKind: 'system', visibleToReporter: false, details: { tally: { ...status.tally } }, at });
    }
  }
  return status;
}

export function castVote(ctx: ServiceContext, staff: StaffPrincipal, caseId: string, vote: VoteRequest): Promise<CommitteeStatus> {
  if (vote.reasonCiphertext.length > ctx.config.intake.messageMaxBytes) throw new InvalidInputError('The encrypted reason is too long.', 'reason_too_long');
  checkEnvelopeShape(vote.reasonCiphertext);
  if ((vote.choice === 'follow_up') !== (vote.followUpKind !== null)) {
    throw new InvalidInputError('A follow_up vote names its kind (disciplinary, judicial_referral, internal_measures); other votes name none.', 'follow_up_kind');
  }
  return ctx.db.transaction(async (tx) => {
    const { row } = await caseHeldBy(tx, staff, caseId, { lock: true });
    if (!staff.roles.includes('committee')) throw new ForbiddenError('Only committee members vote.', 'role_required');
    if (row.state !== 'committee_review') throw new ConflictError('This case is not before the committee.', 'not_in_committee_review');
    const at = ctx.clock.now();
    const inserted = await tx
      .insert(committeeVotes)
      .values({ id: vote.id, caseId, staffAccountId: staff.accountId, choice: vote.choice, followUpKind: vote.followUpKind, reasonCiphertext: vote.reasonCiphertext, castAt: at })
      .onConflictDoNothing()
      .returning({ id: committeeVotes.id });
    if (inserted.length === 0) throw new ConflictError('You have already voted on this case (or this vote id is taken).', 'already_voted');
    await recordEvent(tx, { caseId, kind: 'vote_cast', actorKind: 'staff', actorStaffId: staff.accountId, visibleToReporter: false, details: { voteId: vote.id }, at });
    await appendAudit(tx, at, { organisationId: staff.organisationId, actorKind: 'staff', actorId: staff.accountId, action: 'case.vote_cast', subjectId: caseId, details: { voteId: vote.id } });
    return settleCommittee(ctx, tx, row, at);
  });
}

/** A recusal; while the committee is deciding, the member leaving may complete the vote (or deadlock it). */
export function recuseFromCase(ctx: ServiceContext, staff: StaffPrincipal, caseId: string): Promise<{ recusedAt: Date }> {
  return recuse(ctx, staff, caseId, async (tx, row, at) => {
    if (row.state === 'committee_review') await settleCommittee(ctx, tx, row, at);
  });
}
