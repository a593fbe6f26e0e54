// LEGAL.md L11: where the organisation offers meetings, the reporter may ask for one from the
// mailbox; it is due within the organisation's meeting delay (at most 20 jours ouvrés), and the
// referent records when it was held.
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { cases } from '../../db/schema.ts';
import { meetingDueOn } from '../domain/case-deadlines.ts';
import { isOpen } from '../domain/case-workflow.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../domain/errors.ts';
import { appendAudit } from './audit-log.ts';
import { caseHeldBy } from './case-access.ts';
import { recordEvent } from './case-events.ts';
import type { ServiceContext } from './context.ts';
import { intakeSettingsOf } from './intake-settings.ts';
import type { StaffPrincipal } from './staff-sessions.ts';

export function requestMeeting(ctx: ServiceContext, caseId: string): Promise<{ meetingDueOn: string }> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
    if (!row) throw new NotFoundError('This mailbox no longer exists.');
    const settings = await intakeSettingsOf(tx, row.organisationId);
    if (!settings.offersMeetings) throw new ConflictError('This organisation does not offer meetings; write to the referent in your mailbox instead.', 'meetings_not_offered');
    if (!isOpen(row.state)) throw new ConflictError('This case is closed.', 'case_closed');
    if (row.meetingRequestedAt && !row.meetingHeldAt) throw new ConflictError('A meeting is already requested; the referent will propose a date in your mailbox.', 'meeting_already_requested');
    const at = ctx.clock.now();
    const dueOn = meetingDueOn(at, settings.calendarRegion, settings.deadlines);
    await tx.update(cases).set({ meetingRequestedAt: at, meetingDueOn: dueOn, meetingHeldAt: null }).where(eq(cases.id, caseId));
    await recordEvent(tx, { caseId, kind: 'meeting_requested', actorKind: 'reporter', visibleToReporter: true, details: { dueOn }, at });
    await appendAudit(tx, at, { organisationId: row.organisationId, actorKind: 'reporter', actorId: null, action: 'case.meeting_requested', subjectId: caseId });
    return { meetingDueOn: dueOn };
  });
}

export function recordMeetingHeld(ctx: ServiceContext, staff: StaffPrincipal, caseId: string): Promise<{ heldAt: Date }> {
  return ctx.db.transaction(async (tx) => {
    const { row } = await caseHeldBy(tx, staff, caseId, { lock: true });
    if (!staff.roles.includes('referent')) throw new ForbiddenError('Only a referent records a meeting.', 'role_required');
    if (!isOpen(row.state)) throw new ConflictError('This case is closed.', 'case_closed');
    const at = ctx.clock.now();
    const updated = await tx
      .update(cases)
      .set({ meetingHeldAt: at })
      .where(and(eq(cases.id, caseId), isNull(cases.meetingHeldAt), isNotNull(cases.meetingRequestedAt)))
      .returning({ id: cases.id });
    if (updated.length === 0) throw new ConflictError('No meeting is waiting on this case.', 'no_meeting_requested');
    await recordEvent(tx, { caseId, kind: 'meeting_held', actorKind: 'staff', actorStaffId: staff.accountId, visibleToReporter: true, at });
    await appendAudit(tx, at, { organisationId: staff.organisationId, actorKind: 'staff', actorId: staff.accountId, action: 'case.meeting_held', subjectId: caseId });
    return { heldAt: at };
  });
}
