// Daily: for each referent, the deadlines of their cases due within 2 working days and those
// missed (acknowledgement, feedback, meeting), on each organisation's calendar. The rows feed
// the staff pages and, later, e-mail; GET /api/v1/cases?overdue=true reads the same rule live.
import { and, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { caseKeyGrants, cases, organisations, staffAccounts, staffReminders, type ReminderDeadline } from '../../db/schema.ts';
import { localDateOf } from '../domain/calendar.ts';
import { deadlineViews } from '../services/case-deadline-view.ts';
import { intakeSettingsOf } from '../services/intake-settings.ts';
import { notifyStaff } from '../services/notifications/notify-staff.ts';
import type { Job } from './registry.ts';

export const deadlineRemindersJob: Job = {
  name: 'deadline-reminders',
  description: 'Record, for each referent, the deadlines due within 2 working days and those missed',
  schedule: '30 6 * * *',
  async run(ctx, { dryRun }) {
    const now = ctx.clock.now();
    const lines: string[] = [];
    for (const organisation of await ctx.db.select({ id: organisations.id, slug: organisations.slug }).from(organisations)) {
      const { calendarRegion } = await intakeSettingsOf(ctx.db, organisation.id);
      const today = localDateOf(now, calendarRegion);
      const open = await ctx.db
        .select()
        .from(cases)
        .where(
          and(
            eq(cases.organisationId, organisation.id),
            or(isNull(cases.acknowledgedAt), and(isNull(cases.feedbackGivenAt), isNull(cases.closedAt)), and(isNotNull(cases.meetingDueOn), isNull(cases.meetingHeldAt), isNull(cases.closedAt))),
          ),
        );
      const due: { caseId: string; deadline: ReminderDeadline; dueOn: string; status: 'due_soon' | 'overdue' }[] = [];
      for (const row of open) {
        const views = deadlineViews(row, today, calendarRegion);
        for (const [deadline, view] of [['acknowledgement', views.acknowledgement], ['feedback', views.feedback], ['meeting', views.meeting]] as const) {
          if (view && (view.status === 'due_soon' || view.status === 'overdue')) due.push({ caseId: row.id, deadline, dueOn: view.dueOn, status: view.status });
        }
      }
      const caseIds = [...new Set(due.map((d) => d.caseId))];
      const holders =
        caseIds.length === 0
          ? []
          : await ctx.db
              .select({ caseId: caseKeyGrants.caseId, staffAccountId: staffAccounts.id })
              .from(caseKeyGrants)
              .innerJoin(staffAccounts, eq(staffAccounts.id, caseKeyGrants.staffAccountId))
              .where(and(inArray(caseKeyGrants.caseId, caseIds), eq(staffAccounts.status, 'active'), sql`'referent' = any(${staffAccounts.roles})`));
      const reminders = due.flatMap((d) => holders.filter((h) => h.caseId === d.caseId).map((h) => ({ ...d, staffAccountId: h.staffAccountId, computedAt: now })));
      if (!dryRun) {
        await ctx.db.transaction(async (tx) => {
          const staffOfOrganisation = tx.select({ id: staffAccounts.id }).from(staffAccounts).where(eq(staffAccounts.organisationId, organisation.id));
          await tx.delete(staffReminders).where(inArray(staffReminders.staffAccountId, staffOfOrganisation));
          if (reminders.length > 0) await tx.insert(staffReminders).values(reminders);
          // One mail per referent and kind, whatever the number of cases: the staff pages list them.
          for (const [kind, status] of [['deadline_due_soon', 'due_soon'], ['deadline_missed', 'overdue']] as const) {
            await notifyStaff(tx, now, { organisationId: organisation.id, recipients: reminders.filter((r) => r.status === status).map((r) => r.staffAccountId), kind });
          }
        });
      }
      const overdue = due.filter((d) => d.status === 'overdue').length;
      lines.push(
        `${organisation.slug}: ${due.length - overdue} deadline(s) due within 2 working days, ${overdue} missed; ${dryRun ? 'would record' : 'recorded'} ${reminders.length} reminder(s) for ${new Set(reminders.map((r) => r.staffAccountId)).size} referent(s)`,
      );
    }
    return { ok: true, lines };
  },
};
