// A case's history, kept beside the audit chain: what happened, when, by whom (staff id, never a
// reporter's anything), with ids and kinds only. The reporter's mailbox shows the marked ones.
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import { caseEvents, type CaseEventActor } from '../../db/schema.ts';

export const CASE_EVENT_KINDS = [
  'acknowledged',
  'admissibility_review_started',
  'declared_admissible',
  'declared_inadmissible',
  'sent_to_committee',
  'returned_to_investigation',
  'closed',
  'shared',
  'recused',
  'vote_cast',
  'committee_deadlocked',
  'identity_disclosed',
  'meeting_requested',
  'meeting_held',
  'proceedings_ended',
  'legal_hold_placed',
  'legal_hold_released',
  'document_added',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export interface CaseEvent {
  readonly id: string;
  readonly kind: CaseEventKind;
  readonly actorKind: CaseEventActor;
  readonly actorStaffId: string | null;
  readonly visibleToReporter: boolean;
  readonly details: Record<string, unknown>;
  readonly at: Date;
}

export async function recordEvent(
  tx: Executor,
  event: { caseId: string; kind: CaseEventKind; actorKind: CaseEventActor; actorStaffId?: string | null; visibleToReporter: boolean; details?: Record<string, unknown>; at: Date },
): Promise<void> {
  await tx.insert(caseEvents).values({ id: randomUUID(), actorStaffId: null, details: {}, ...event });
}

export async function eventsOf(tx: Executor, caseId: string, options: { reporterOnly?: boolean } = {}): Promise<CaseEvent[]> {
  const rows = await tx
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), options.reporterOnly ? eq(caseEvents.visibleToReporter, true) : undefined))
    .orderBy(asc(caseEvents.seq));
  return rows.map(({ seq: _seq, ...row }) => ({ ...row, kind: row.kind as CaseEventKind }));
}
