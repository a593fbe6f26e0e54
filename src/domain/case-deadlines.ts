// Deadlines of a case (LEGAL.md L1, L3, L11): written acknowledgement within 7 jours ouvrés of
// receipt; feedback within 3 months of the acknowledgement (without one, 3 months from the end of
// the acknowledgement period); a meeting on request within 20 jours ouvrés. An organisation may
// choose shorter delays, never longer ones. Pure functions over calendar dates "YYYY-MM-DD".
import type { CalendarRegion } from '../../db/schema.ts';
import { addCalendarMonths, addWorkingDays, localDateOf, type CalendarDate } from './calendar.ts';

export const ACKNOWLEDGEMENT_WORKING_DAYS = 7;
export const FEEDBACK_MONTHS = 3;
export const MEETING_WORKING_DAYS = 20;

/** An organisation's delays: each at most the law's (7 jours ouvrés, 3 months, 20 jours ouvrés), at least 1. */
export interface DeadlinePolicy {
  readonly ackWorkingDays: number;
  readonly feedbackMonths: number;
  readonly meetingWorkingDays: number;
}

export const LEGAL_DEADLINES: DeadlinePolicy = Object.freeze({
  ackWorkingDays: ACKNOWLEDGEMENT_WORKING_DAYS,
  feedbackMonths: FEEDBACK_MONTHS,
  meetingWorkingDays: MEETING_WORKING_DAYS,
});

export class DeadlinePolicyError extends Error {
  override readonly name = 'DeadlinePolicyError';
}

const POLICY_LIMITS: readonly { key: keyof DeadlinePolicy; unit: string }[] = [
  { key: 'ackWorkingDays', unit: 'jours ouvrés' },
  { key: 'feedbackMonths', unit: 'months' },
  { key: 'meetingWorkingDays', unit: 'jours ouvrés' },
];

/** Throws DeadlinePolicyError (message says which value and the legal maximum) if a value is not an integer in [1, legal max]. */
export function checkDeadlinePolicy(policy: DeadlinePolicy): void {
  for (const { key, unit } of POLICY_LIMITS) {
    const value: unknown = policy[key];
    const max = LEGAL_DEADLINES[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
      throw new DeadlinePolicyError(`${key} must be a whole number from 1 to ${max} (legal maximum: ${max} ${unit}); got ${String(value)}`);
    }
  }
}

export interface CaseDeadlines {
  readonly ackDueOn: CalendarDate;
  readonly feedbackDueOn: CalendarDate;
}

/** The name existing callers use. */
export type FilingDeadlines = CaseDeadlines;

/**
 * Due dates of a case: ack = receipt day + ackWorkingDays jours ouvrés (the day of receipt does not count);
 * feedback = acknowledgement day + feedbackMonths calendar months, or, without acknowledgement yet, the ack
 * due day + feedbackMonths. A late acknowledgement does not push feedback later: the months then run
 * from the ack due day (decision: the earlier date is the safer one, as LEGAL.md chooses elsewhere).
 * Days are local to the region's time zone; a month deadline is not pushed to the next working day
 * (LEGAL.md, "Calendar").
 */
export function caseDeadlines(
  receivedAt: Date,
  acknowledgedAt: Date | null,
  region: CalendarRegion,
  policy: DeadlinePolicy = LEGAL_DEADLINES,
): CaseDeadlines {
  checkDeadlinePolicy(policy);
  const ackDueOn = addWorkingDays(localDateOf(receivedAt, region), policy.ackWorkingDays, region);
  const acknowledgedOn = acknowledgedAt ? localDateOf(acknowledgedAt, region) : null;
  const feedbackFrom = acknowledgedOn !== null && acknowledgedOn < ackDueOn ? acknowledgedOn : ackDueOn;
  return { ackDueOn, feedbackDueOn: addCalendarMonths(feedbackFrom, policy.feedbackMonths) };
}

/** Deadlines of a case received at `receivedAt` and acknowledged at `acknowledgedAt` (or not yet), with the law's delays. */
export function filingDeadlines(receivedAt: Date, acknowledgedAt: Date | null, region: CalendarRegion): FilingDeadlines {
  return caseDeadlines(receivedAt, acknowledgedAt, region, LEGAL_DEADLINES);
}

/** L11: a meeting asked for at `requestedAt` is due within meetingWorkingDays jours ouvrés (the day of the request does not count). */
export function meetingDueOn(requestedAt: Date, region: CalendarRegion, policy: DeadlinePolicy = LEGAL_DEADLINES): CalendarDate {
  checkDeadlinePolicy(policy);
  return addWorkingDays(localDateOf(requestedAt, region), policy.meetingWorkingDays, region);
}

export type DeadlineStatus = 'met' | 'pending' | 'due_soon' | 'overdue';

/** A deadline is "due soon" from this many jours ouvrés before its due day. */
export const DUE_SOON_WORKING_DAYS = 2;

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

function assertCalendarDate(name: string, day: CalendarDate): void {
  // Statuses compare dates as strings: anything but "YYYY-MM-DD" would compare wrongly, silently.
  const parsed = CALENDAR_DATE.test(day) ? new Date(`${day}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) {
    throw new RangeError(`${name} is not a calendar date YYYY-MM-DD: ${JSON.stringify(day)}`);
  }
}

/**
 * For a deadline `dueOn` not yet met on `today`: 'overdue' when today > dueOn; 'due_soon' when dueOn is within
 * the next DUE_SOON_WORKING_DAYS working days (dueOn <= addWorkingDays(today, 2)), including today itself;
 * else 'pending'. When metOn is given (the day it was met): 'met'.
 */
export function deadlineStatus(dueOn: CalendarDate, today: CalendarDate, region: CalendarRegion, metOn?: CalendarDate | null): DeadlineStatus {
  assertCalendarDate('dueOn', dueOn);
  assertCalendarDate('today', today);
  if (metOn != null) {
    assertCalendarDate('metOn', metOn);
    return 'met';
  }
  if (today > dueOn) return 'overdue';
  return dueOn <= addWorkingDays(today, DUE_SOON_WORKING_DAYS, region) ? 'due_soon' : 'pending';
}
