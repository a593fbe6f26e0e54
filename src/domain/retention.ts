// Retention of a closed case (DESIGN.md §6, LEGAL.md L12-L14): when its personal data must go.
//   R1 closed as inadmissible      → at the next purge run (the day of closure);
//   R2 closed without follow-up    → noFollowUpMonths calendar months after the day of closure
//                                    (2 by law; month-end clamped: 31 December → end of February);
//   R3 closed with follow-up       → the day the proceedings ended, once recorded, and at the
//                                    latest followUpMaxMonths after closure (72, six years).
// An organisation may shorten these, never lengthen them. A legal hold blocks the purge whatever
// the due day; it does not move it. Pure functions over calendar dates "YYYY-MM-DD" (the day of
// closure is taken in the organisation's time zone).
import { addCalendarMonths, type CalendarDate } from './calendar.ts';
import type { CaseOutcome } from './case-workflow.ts';

export const RETENTION_RULES = ['R1', 'R2', 'R3'] as const;
export type RetentionRule = (typeof RETENTION_RULES)[number];

export const RULE_OF_OUTCOME: Readonly<Record<CaseOutcome, RetentionRule>> = Object.freeze({
  inadmissible: 'R1',
  no_follow_up: 'R2',
  follow_up: 'R3',
});

/** An organisation's retention: each at most the law's, at least 0 (0 = at the next run after closure). */
export interface RetentionPolicy {
  readonly noFollowUpMonths: number;
  readonly followUpMaxMonths: number;
}

export const LEGAL_RETENTION: RetentionPolicy = Object.freeze({ noFollowUpMonths: 2, followUpMaxMonths: 72 });

export class RetentionPolicyError extends Error {
  override readonly name = 'RetentionPolicyError';
}

/** Throws RetentionPolicyError (naming the value and the legal maximum) if a value is not an integer in [0, legal max]. */
export function checkRetentionPolicy(policy: RetentionPolicy): void {
  for (const key of ['noFollowUpMonths', 'followUpMaxMonths'] as const) {
    const value: unknown = policy[key];
    const max = LEGAL_RETENTION[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
      throw new RetentionPolicyError(`${key} must be a whole number of months from 0 to ${max} (the legal maximum; a longer retention is not allowed); got ${String(value)}`);
    }
  }
}

export interface RetentionFacts {
  readonly outcome: CaseOutcome | null;
  /** The day of closure in the organisation's time zone; null while the case is open. */
  readonly closedOn: CalendarDate | null;
  /** R3: the day the disciplinary or judicial proceedings ended, once recorded. */
  readonly proceedingsEndedOn: CalendarDate | null;
}

export interface Retention {
  readonly rule: RetentionRule;
  /** The first day on which a purge run deletes the case (unless a legal hold blocks it). */
  readonly dueOn: CalendarDate;
}

/** The rule and purge-due day of a case; null while it is open (open cases are never purged). */
export function retentionOf(facts: RetentionFacts, policy: RetentionPolicy = LEGAL_RETENTION): Retention | null {
  if (facts.closedOn === null || facts.outcome === null) return null;
  const rule = RULE_OF_OUTCOME[facts.outcome];
  switch (rule) {
    case 'R1':
      return { rule, dueOn: facts.closedOn };
    case 'R2':
      return { rule, dueOn: addCalendarMonths(facts.closedOn, policy.noFollowUpMonths) };
    case 'R3': {
      const latest = addCalendarMonths(facts.closedOn, policy.followUpMaxMonths);
      const ended = facts.proceedingsEndedOn;
      return { rule, dueOn: ended !== null && ended < latest ? ended : latest };
    }
  }
}

/** Whether a purge run on `today` deletes a case due on `dueOn` (held cases excepted). */
export function isPurgeDue(dueOn: CalendarDate, today: CalendarDate): boolean {
  return dueOn <= today;
}

/** "YYYY-MM" of a calendar date: tombstones keep months, never days. */
export function monthOf(day: CalendarDate): string {
  return day.slice(0, 7);
}
