// The account page's notifications: each event by mail at once or one summary a day, saved with a
// button. When the server has no mail set up the choice is still kept (for when it is), and the page
// says plainly that notifications then appear only in the staff pages.
import type { NotificationMode } from '../../../../../db/schema.ts';
import { STAFF_NOTIFICATION_TEXTS } from '../../../../i18n/staff/notifications.ts';
import type { StaffAppContext } from '../../app-context.ts';
import { SessionEndedError } from '../../session.ts';
import { element, formMessage } from '../../ui.ts';
import { recentNotificationList, saveNotificationMode, type MyNotificationsAnswer } from './my-notifications.ts';

const MODES: readonly NotificationMode[] = ['immediate', 'digest'];

export function notificationSettings(ctx: StaffAppContext, answer: MyNotificationsAnswer): HTMLElement {
  const t = STAFF_NOTIFICATION_TEXTS[ctx.language].settings;
  const radios = MODES.map((mode) => {
    const input = element('input', { type: 'radio', name: 'notification-mode', id: `notification-mode-${mode}`, value: mode, ...(answer.mode === mode ? { checked: '' } : {}) });
    return { mode, input, wrapper: element('div', { class: 'choice' }, input, element('label', { for: input.id }, t.modes[mode])) };
  });
  const message = formMessage();
  message.element.id = 'notifications-message';
  message.element.tabIndex = -1;
  const submit = element('button', { type: 'submit', id: 'notifications-submit' }, t.submit);
  const form = element(
    'form',
    { id: 'notifications-form', 'aria-labelledby': 'notifications-heading' },
    element('fieldset', { class: 'field' }, element('legend', {}, t.legend), ...radios.map((r) => r.wrapper)),
    message.element,
    element('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const mode = radios.find((r) => r.input.checked)?.mode;
    if (!mode) return;
    void (async () => {
      message.clear();
      submit.disabled = true;
      ctx.announce(t.working);
      try {
        await saveNotificationMode(ctx, mode);
        message.success(t.saved(mode));
      } catch (error) {
        if (error instanceof SessionEndedError) return; // the app has already shown the login
        message.error(t.failed);
        message.element.focus();
      } finally {
        submit.disabled = false;
      }
    })();
  });
  const recent = recentNotificationList(ctx, answer);
  return element(
    'section',
    { class: 'notification-settings', 'aria-labelledby': 'notifications-heading' },
    element('h2', { id: 'notifications-heading' }, t.title),
    element('p', {}, t.intro),
    answer.mailOn ? null : element('p', { class: 'notice', id: 'notifications-mail-off' }, t.mailOff),
    form,
    element('h3', { id: 'recent-notifications-title' }, t.recentTitle),
    recent ?? element('p', { id: 'no-recent-notifications' }, t.noneRecent),
  );
}
