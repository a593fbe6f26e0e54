// A staff member's own notifications: how they want them (each at once, or a daily digest) and
// the recent ones, which the staff pages show (the only place they appear when mail is off).
import { and, desc, eq } from 'drizzle-orm';
import { staffAccounts, staffNotifications, type NotificationKind, type NotificationMode } from '../../../db/schema.ts';
import { appendAudit } from '../audit-log.ts';
import type { ServiceContext } from '../context.ts';
import type { StaffPrincipal } from '../staff-sessions.ts';

export interface MyNotification {
  readonly id: string;
  readonly kind: NotificationKind;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
}

export async function myNotifications(ctx: ServiceContext, staff: StaffPrincipal): Promise<{ mode: NotificationMode; mailOn: boolean; recent: MyNotification[] }> {
  const [account] = await ctx.db.select({ mode: staffAccounts.notificationMode }).from(staffAccounts).where(eq(staffAccounts.id, staff.accountId));
  const recent = await ctx.db
    .select({ id: staffNotifications.id, kind: staffNotifications.kind, createdAt: staffNotifications.createdAt, sentAt: staffNotifications.sentAt })
    .from(staffNotifications)
    .where(and(eq(staffNotifications.staffAccountId, staff.accountId), eq(staffNotifications.organisationId, staff.organisationId)))
    .orderBy(desc(staffNotifications.createdAt))
    .limit(50);
  return { mode: account?.mode ?? 'immediate', mailOn: ctx.mailer !== null, recent };
}

export function setNotificationMode(ctx: ServiceContext, staff: StaffPrincipal, mode: NotificationMode): Promise<void> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    await tx.update(staffAccounts).set({ notificationMode: mode }).where(eq(staffAccounts.id, staff.accountId));
    await appendAudit(tx, now, { organisationId: staff.organisationId, actorKind: 'staff', actorId: staff.accountId, action: 'staff.notification_mode_changed', subjectId: staff.accountId, details: { mode } });
  });
}
