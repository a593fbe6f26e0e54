// Deadlines set at filing (LEGAL.md L1, L3): written acknowledgement within 7 jours ouvrés of
// receipt; feedback within 3 months of the acknowledgement.
import type { CalendarRegion } from '../../db/schema.ts';
import { addCalendarMonths, addWorkingDays, localDateOf, type CalendarDate } from './calendar.ts';

export const ACKNOWLEDGEMENT_WORKING_DAYS = 7;
export const FEEDBACK_MONTHS = 3;

export interface FilingDeadlines {
  readonly ackDueOn: CalendarDate;
  readonly feedbackDueOn: CalendarDate;
}

/** Deadlines of a case received at `receivedAt` and acknowledged at `acknowledgedAt` (or not yet). */
export function filingDeadlines(receivedAt: Date, acknowledgedAt: Date | null, region: CalendarRegion): FilingDeadlines {
  const ackDueOn = addWorkingDays(localDateOf(receivedAt, region), ACKNOWLEDGEMENT_WORKING_DAYS, region);
  // Without an acknowledgement, the 3 months run from the end of the 7-jours-ouvrés period.
  const feedbackFrom = acknowledgedAt ? localDateOf(acknowledgedAt, region) : ackDueOn;
  return { ackDueOn, feedbackDueOn: addCalendarMonths(feedbackFrom, FEEDBACK_MONTHS) };
}
