// The columns of a case that its statistics read (domain/case-tombstone.ts TombstoneFacts): the
// indicators select them from live cases, and the purge from the cases it turns into tombstones.
import { cases } from '../../db/schema.ts';

export const TOMBSTONE_FACT_COLUMNS = {
  category: cases.category,
  receivedAt: cases.receivedAt,
  acknowledgedAt: cases.acknowledgedAt,
  feedbackDueOn: cases.feedbackDueOn,
  feedbackGivenAt: cases.feedbackGivenAt,
  closedAt: cases.closedAt,
  outcome: cases.outcome,
  followUpKind: cases.followUpKind,
} as const;
