// Each case's deadlines as a referent sees them: due date and status (met, pending, due within
// 2 working days, overdue) on the organisation's calendar. A closure notice is written feedback.
import type { CalendarRegion } from '../../db/schema.ts';
import { localDateOf, type CalendarDate } from '../domain/calendar.ts';
import { deadlineStatus, type DeadlineStatus } from '../domain/case-deadlines.ts';

export interface DeadlineView {
  readonly dueOn: CalendarDate;
  readonly status: DeadlineStatus;
}

export interface CaseDeadlineViews {
  readonly acknowledgement: DeadlineView;
  readonly feedback: DeadlineView;
  readonly meeting: DeadlineView | null;
}

export interface DeadlineFacts {
  readonly ackDueOn: string;
  readonly acknowledgedAt: Date | null;
  readonly feedbackDueOn: string;
  readonly feedbackGivenAt: Date | null;
  readonly closedAt: Date | null;
  readonly meetingDueOn: string | null;
  readonly meetingHeldAt: Date | null;
}

function view(dueOn: CalendarDate, today: CalendarDate, region: CalendarRegion, metAt: Date | null): DeadlineView {
  return { dueOn, status: deadlineStatus(dueOn, today, region, metAt ? localDateOf(metAt, region) : null) };
}

export function deadlineViews(facts: DeadlineFacts, today: CalendarDate, region: CalendarRegion): CaseDeadlineViews {
  const feedbackMet = facts.feedbackGivenAt ?? facts.closedAt;
  return {
    acknowledgement: view(facts.ackDueOn, today, region, facts.acknowledgedAt),
    feedback: view(facts.feedbackDueOn, today, region, feedbackMet),
    // A meeting still awaited when the case closed is no longer due.
    meeting: facts.meetingDueOn ? view(facts.meetingDueOn, today, region, facts.meetingHeldAt ?? facts.closedAt) : null,
  };
}

export function isOverdue(views: CaseDeadlineViews): boolean {
  return [views.acknowledgement, views.feedback, views.meeting].some((v) => v?.status === 'overdue');
}
