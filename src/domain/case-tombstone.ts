// What a case leaves behind when purged (LEGAL.md L15, L16): months instead of days, whole-day
// durations, the outcome and the category; nothing that identifies anyone. The indicators read
// live cases through the same function, so a purge changes no figure.
import type { CalendarRegion } from '../../db/schema.ts';
import { daysBetween, localDateOf, type CalendarDate } from './calendar.ts';
import type { CaseOutcome, FollowUpKind } from './case-workflow.ts';
import { monthOf } from './retention.ts';

export interface TombstoneFacts {
  readonly category: string;
  readonly receivedAt: Date;
  readonly acknowledgedAt: Date | null;
  readonly feedbackDueOn: CalendarDate;
  readonly feedbackGivenAt: Date | null;
  readonly closedAt: Date | null;
  readonly outcome: CaseOutcome | null;
  readonly followUpKind: FollowUpKind | null;
}

/** One case as the indicators count it. Open cases have no closure figures yet. */
export interface CaseStatistics {
  readonly category: string;
  readonly receivedMonth: string;
  readonly closedMonth: string | null;
  readonly outcome: CaseOutcome | null;
  readonly followUpKind: FollowUpKind | null;
  readonly daysToAcknowledgement: number | null;
  readonly daysToClosure: number | null;
  /** Feedback (or the closure notice) by the feedback due day: true, false once missed, null while still pending. */
  readonly feedbackOnTime: boolean | null;
}

/** The statistics of a case on `today` (the organisation's calendar). */
export function caseStatistics(facts: TombstoneFacts, region: CalendarRegion, today: CalendarDate): CaseStatistics {
  const receivedOn = localDateOf(facts.receivedAt, region);
  const closedOn = facts.closedAt ? localDateOf(facts.closedAt, region) : null;
  const feedbackAt = facts.feedbackGivenAt ?? facts.closedAt;
  const feedbackOn = feedbackAt ? localDateOf(feedbackAt, region) : null;
  return {
    category: facts.category,
    receivedMonth: monthOf(receivedOn),
    closedMonth: closedOn ? monthOf(closedOn) : null,
    outcome: closedOn ? facts.outcome : null,
    followUpKind: closedOn ? facts.followUpKind : null,
    daysToAcknowledgement: facts.acknowledgedAt ? daysBetween(receivedOn, localDateOf(facts.acknowledgedAt, region)) : null,
    daysToClosure: closedOn ? daysBetween(receivedOn, closedOn) : null,
    feedbackOnTime: feedbackOn !== null ? feedbackOn <= facts.feedbackDueOn : today > facts.feedbackDueOn ? false : null,
  };
}
