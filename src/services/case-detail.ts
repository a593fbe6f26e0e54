// GET /api/v1/cases/:id: everything a holder needs to work on a case, in one read: ciphertexts and
// their sealed key, messages, receipts, the timeline with actors, the actions open to them now,
// the committee's vote (others' reasons only once decided), who may still be given the case.
import { and, eq } from 'drizzle-orm';
import { caseKeyGrants, staffAccounts, type CaseState } from '../../db/schema.ts';
import type { Executor } from '../../db/index.ts';
import { availableActions, type CaseAction, type WorkflowRole } from '../domain/case-workflow.ts';
import type { CommitteeStatus } from '../domain/committee-tally.ts';
import { appendAudit } from './audit-log.ts';
import { retentionViewOf, type CaseRetentionView } from './case-retention.ts';
import { caseHeldBy } from './case-access.ts';
import { eventsOf } from './case-events.ts';
import { messagesOf, type CaseMessage } from './case-messages.ts';
import { shareCandidates } from './case-sharing.ts';
import type { Recipient } from './case-recipients.ts';
import { committeeStatusOf, type StoredVote } from './committee.ts';
import type { ServiceContext } from './context.ts';
import { disclosuresOf, type StoredDisclosure } from './identity-disclosures.ts';
import { receiptsOf, type StoredReceipt } from './receipts.ts';
import { caseSummaryFor, type CaseSummary } from './staff-cases.ts';
import type { StaffPrincipal } from './staff-sessions.ts';

export interface TimelineEntry {
  readonly at: Date;
  readonly kind: string;
  readonly actorKind: 'staff' | 'reporter' | 'system';
  readonly actorStaffId: string | null;
  readonly details: Record<string, unknown>;
}

export interface CommitteeView {
  readonly status: CommitteeStatus;
  readonly eligible: string[];
  /** Every vote's choice; the reason ciphertext only for the caller's own vote until the case is closed. */
  readonly votes: (Omit<StoredVote, 'reasonCiphertext'> & { reasonCiphertext: Uint8Array | null })[];
}

export interface CaseDetail extends CaseSummary {
  readonly organisationId: string;
  readonly report: Uint8Array;
  readonly sealedKey: Uint8Array;
  readonly messages: CaseMessage[];
  readonly receipts: StoredReceipt[];
  readonly timeline: TimelineEntry[];
  readonly availableActions: CaseAction[];
  readonly committee: CommitteeView | null;
  readonly shareCandidates: Recipient[];
  readonly disclosures: StoredDisclosure[];
  /** Rule and purge-due day once closed, proceedings end (R3), any legal hold. */
  readonly retention: CaseRetentionView;
  /** The staff members holding the case, by name, so the page can say who did what. */
  readonly holders: { id: string; displayName: string }[];
}

async function holdersOf(tx: Executor, caseId: string): Promise<{ id: string; displayName: string }[]> {
  return tx
    .select({ id: staffAccounts.id, displayName: staffAccounts.displayName })
    .from(caseKeyGrants)
    .innerJoin(staffAccounts, eq(staffAccounts.id, caseKeyGrants.staffAccountId))
    .where(eq(caseKeyGrants.caseId, caseId))
    .orderBy(staffAccounts.displayName);
}

function actionsFor(state: CaseState, roles: readonly string[]): CaseAction[] {
  return [...new Set(roles.flatMap((role) => availableActions(state, role as WorkflowRole)))];
}

/** Opens a case (ciphertexts and the caller's sealed key) and records that it was opened. */
export function openCase(ctx: ServiceContext, staff: StaffPrincipal, caseId: string): Promise<CaseDetail> {
  return ctx.db.transaction(async (tx) => {
    const { row, sealedKey } = await caseHeldBy(tx, staff, caseId);
    const summary = await caseSummaryFor(ctx, tx, staff, caseId);
    const [messages, receipts, events, disclosures, candidates] = [
      await messagesOf(tx, caseId),
      await receiptsOf(tx, caseId),
      await eventsOf(tx, caseId),
      await disclosuresOf(tx, caseId),
      await shareCandidates(tx, row),
    ];
    let committee: CommitteeView | null = null;
    if (row.state === 'committee_review' || events.some((e) => e.kind === 'vote_cast')) {
      const { status, votes, eligible } = await committeeStatusOf(tx, row);
      const reasonsOpen = row.state === 'closed';
      committee = { status, eligible, votes: votes.map((v) => ({ ...v, reasonCiphertext: reasonsOpen || v.voterId === staff.accountId ? v.reasonCiphertext : null })) };
    }
    const timeline: TimelineEntry[] = [
      { at: row.receivedAt, kind: 'received', actorKind: 'reporter' as const, actorStaffId: null, details: { identityMode: row.identityMode } },
      ...events.map((e) => ({ at: e.at, kind: e.kind, actorKind: e.actorKind, actorStaffId: e.actorStaffId, details: e.details })),
      ...messages.map((m) => ({
        at: m.sentAt,
        kind: 'message',
        actorKind: m.authorKind,
        actorStaffId: m.authorStaffId,
        details: { messageId: m.id, purpose: m.purpose },
      })),
      ...receipts.map((r) => ({ at: r.issuedAt, kind: 'receipt', actorKind: 'system' as const, actorStaffId: null, details: { receiptKind: r.kind } })),
    ].sort((a, b) => a.at.getTime() - b.at.getTime());
    const openedAt = ctx.clock.now();
    await appendAudit(tx, openedAt, { organisationId: staff.organisationId, actorKind: 'staff', actorId: staff.accountId, action: 'case.opened', subjectId: caseId });
    // What the reporter wrote until now counts as read by this holder (the answer still says how many were new).
    await tx.update(caseKeyGrants).set({ lastReadAt: openedAt }).where(and(eq(caseKeyGrants.caseId, caseId), eq(caseKeyGrants.staffAccountId, staff.accountId)));
    return {
      ...summary,
      organisationId: staff.organisationId,
      report: row.reportCiphertext,
      sealedKey,
      messages,
      receipts,
      timeline,
      availableActions: actionsFor(row.state, staff.roles),
      committee,
      shareCandidates: candidates,
      disclosures,
      retention: await retentionViewOf(tx, row),
      holders: await holdersOf(tx, caseId),
    };
  });
}
