// The staff member's own notifications through the API (how they want them, the recent ones) and
// the list of recent ones in words, which the cases page and the account page both show.
import type { NotificationKind, NotificationMode } from '../../../../../db/schema.ts';
import { STAFF_NOTIFICATION_TEXTS, type ShownNotificationKind } from '../../../../i18n/staff/notifications.ts';
import type { StaffAppContext } from '../../app-context.ts';
import { element, formatDate } from '../../ui.ts';

export interface MyNotificationsAnswer {
  readonly mode: NotificationMode;
  /** false: the server sends no mail (no SMTP_URL); the pages are the only place notifications appear. */
  readonly mailOn: boolean;
  /** Newest first, at most 50. */
  readonly recent: readonly { readonly id: string; readonly kind: NotificationKind; readonly createdAt: string; readonly sentAt: string | null }[];
}

/** How far back the pages look: older notifications were seen, or mailed, long ago. */
const RECENT_DAYS = 14;

export function fetchMyNotifications(ctx: StaffAppContext): Promise<MyNotificationsAnswer> {
  return ctx.session.call(() => ctx.session.client.http.expect<MyNotificationsAnswer>(200, 'GET', '/api/v1/staff/me/notifications'));
}

export async function saveNotificationMode(ctx: StaffAppContext, mode: NotificationMode): Promise<void> {
  await ctx.session.call(() => ctx.session.client.http.expect(204, 'PUT', '/api/v1/staff/me/notifications', { mode }));
}

/** The notifications of the last 14 days, each a sentence with its date (none names a case); null when there are none. */
export function recentNotificationList(ctx: StaffAppContext, answer: MyNotificationsAnswer, now = new Date()): HTMLUListElement | null {
  const t = STAFF_NOTIFICATION_TEXTS[ctx.language].recent;
  const since = now.getTime() - RECENT_DAYS * 86_400_000;
  const shown = answer.recent.filter((n) => n.kind in t.sentences && Date.parse(n.createdAt) >= since);
  if (shown.length === 0) return null;
  return element(
    'ul',
    { class: 'notification-list', id: 'notification-list' },
    ...shown.map((n) =>
      element(
        'li',
        { 'data-kind': n.kind },
        element('time', { datetime: n.createdAt }, formatDate(n.createdAt, ctx.language, true)),
        ' — ',
        element('span', { class: 'event' }, t.sentences[n.kind as ShownNotificationKind]),
      ),
    ),
  );
}

/**
 * The cases page's section: the recent notifications, or nothing when there are none. When mail is
 * off it is a notice box that says so, since these pages are then the only way to learn of them.
 */
export function recentNotificationsSection(ctx: StaffAppContext, answer: MyNotificationsAnswer): HTMLElement | null {
  const t = STAFF_NOTIFICATION_TEXTS[ctx.language].recent;
  const list = recentNotificationList(ctx, answer);
  if (!list) return null;
  return element(
    'section',
    { class: answer.mailOn ? 'recent-notifications' : 'recent-notifications notice', id: 'recent-notifications', 'aria-labelledby': 'recent-notifications-title' },
    element('h2', { id: 'recent-notifications-title' }, t.title),
    answer.mailOn ? null : element('p', { id: 'notifications-mail-off' }, t.mailOff),
    list,
  );
}
