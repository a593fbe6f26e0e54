// Every minute: sends the staff notifications that are due, one mail per notification, or one per
// person for those who chose a daily digest. A mail server that is down or refuses leaves the
// notification in the outbox, tried again later with a growing delay; nothing is ever dropped.
// Sent notifications are deleted a day later; with mail off they stay 30 days for the staff pages.
import { and, asc, eq, inArray, isNotNull, isNull, lt, lte } from 'drizzle-orm';
import { organisations, staffAccounts, staffNotifications, type NotificationKind } from '../../db/schema.ts';
import { digestMail, notificationMail, type NotificationMail } from '../i18n/staff/notification-mails.ts';
import type { Job } from './registry.ts';

const PER_RUN = 200;
const SENT_KEPT_MS = 24 * 3_600_000;
const UNSENT_KEPT_WITHOUT_MAIL_MS = 30 * 24 * 3_600_000;

/** 1, 2, 4 … minutes, at most 6 hours, after each failed attempt. */
export function retryDelayMs(attempts: number): number {
  return Math.min(6 * 3_600_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

interface Due {
  readonly id: string;
  readonly kind: NotificationKind;
  readonly delivery: 'immediate' | 'digest';
  readonly attempts: number;
  readonly staffAccountId: string;
  readonly email: string | null;
  readonly language: 'fr' | 'en';
  readonly organisationName: string;
  readonly activationLink: string | null;
  readonly accountStatus: 'invited' | 'active' | 'disabled';
}

/** An invitation whose account was activated (or disabled) meanwhile has nothing left to say. */
const moot = (row: Due) => row.kind === 'invitation' && row.accountStatus !== 'invited';

/** The mails to send now: one per immediate notification, one per person for their due digest rows. */
function mailsOf(due: readonly Due[], link: string): { to: string; mail: NotificationMail; rows: Due[] }[] {
  const out: { to: string; mail: NotificationMail; rows: Due[] }[] = [];
  const digests = new Map<string, Due[]>();
  for (const row of due) {
    if (!row.email || moot(row)) continue;
    if (row.delivery === 'immediate') out.push({ to: row.email, mail: notificationMail(row.kind, row.language, row.organisationName, link, row.activationLink), rows: [row] });
    else digests.set(row.staffAccountId, [...(digests.get(row.staffAccountId) ?? []), row]);
  }
  for (const rows of digests.values()) {
    const counts = new Map<NotificationKind, number>();
    for (const row of rows) counts.set(row.kind, (counts.get(row.kind) ?? 0) + 1);
    const first = rows[0]!;
    out.push({ to: first.email!, mail: digestMail(counts, first.language, first.organisationName, link), rows });
  }
  return out;
}

export const sendNotificationsJob: Job = {
  name: 'send-notifications',
  description: 'Send the staff notifications that are due by e-mail (nothing about the cases in them)',
  schedule: '* * * * *',
  async run(ctx, { dryRun }) {
    const now = ctx.clock.now();
    const lines: string[] = [];
    if (!ctx.mailer) {
      const kept = await ctx.db.$count(staffNotifications, isNull(staffNotifications.sentAt));
      if (!dryRun) await ctx.db.delete(staffNotifications).where(lt(staffNotifications.createdAt, new Date(now.getTime() - UNSENT_KEPT_WITHOUT_MAIL_MS)));
      return { ok: true, lines: [`mail is off (no SMTP_URL): ${kept} notification(s) wait in the staff pages`] };
    }
    const due: Due[] = await ctx.db
      .select({
        id: staffNotifications.id,
        kind: staffNotifications.kind,
        delivery: staffNotifications.delivery,
        attempts: staffNotifications.attempts,
        staffAccountId: staffNotifications.staffAccountId,
        email: staffAccounts.email,
        language: staffAccounts.language,
        organisationName: organisations.name,
        activationLink: staffNotifications.activationLink,
        accountStatus: staffAccounts.status,
      })
      .from(staffNotifications)
      .innerJoin(staffAccounts, eq(staffAccounts.id, staffNotifications.staffAccountId))
      .innerJoin(organisations, eq(organisations.id, staffNotifications.organisationId))
      .where(and(isNull(staffNotifications.sentAt), lte(staffNotifications.nextAttemptAt, now)))
      .orderBy(asc(staffNotifications.createdAt))
      .limit(PER_RUN);
    const mails = mailsOf(due, `${ctx.config.publicUrl}/staff`);
    if (dryRun) return { ok: true, lines: [`would send ${mails.length} mail(s) for ${due.length} notification(s)`] };
    const dropped = due.filter(moot).map((row) => row.id);
    if (dropped.length > 0) await ctx.db.update(staffNotifications).set({ sentAt: now, activationLink: null }).where(inArray(staffNotifications.id, dropped));
    let sent = 0;
    let failed = 0;
    for (const { to, mail, rows } of mails) {
      const ids = rows.map((row) => row.id);
      try {
        await ctx.mailer.send({ to, ...mail });
      } catch (error) {
        failed++;
        const attempts = Math.max(...rows.map((row) => row.attempts)) + 1;
        await ctx.db.update(staffNotifications).set({ attempts, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) }).where(inArray(staffNotifications.id, ids));
        ctx.logger.warn({ code: (error as { code?: unknown }).code ?? null, attempts }, 'a notification mail could not be sent; it will be tried again');
        // The server is likely down for every mail: the rest waits for the next run.
        break;
      }
      await ctx.db.update(staffNotifications).set({ sentAt: now, activationLink: null }).where(inArray(staffNotifications.id, ids));
      sent++;
    }
    await ctx.db.delete(staffNotifications).where(and(isNotNull(staffNotifications.sentAt), lt(staffNotifications.sentAt, new Date(now.getTime() - SENT_KEPT_MS))));
    lines.push(`sent ${sent} mail(s)${failed ? `; the mail server refused or did not answer, ${mails.length - sent} mail(s) wait for a later run` : ''}`);
    return { ok: failed === 0, lines };
  },
};
