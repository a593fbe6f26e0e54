// /staff/account: the profile, the passphrase change (the private key re-sealed in the browser under
// the new passphrase), how notifications arrive and the way out.
import type { StaffSelf } from '../../../../client/staff-client.ts';
import { HttpError } from '../../../../client/http.ts';
import { STAFF_ACCOUNT_TEXTS } from '../../../../i18n/staff/account.ts';
import type { StaffAppContext, View } from '../../app-context.ts';
import { element, formMessage, pageHeading, problemCode } from '../../ui.ts';
import { accountErrorText } from './api-errors.ts';
import { formField } from './form-field.ts';
import { fetchMyNotifications } from './my-notifications.ts';
import { notificationSettings } from './notification-settings.ts';
import { passphraseFields } from './passphrase-fields.ts';

export const accountView: View = async (ctx) => {
  const t = STAFF_ACCOUNT_TEXTS[ctx.language];
  const [self, notifications] = await Promise.all([ctx.session.call(() => ctx.session.client.profile()), fetchMyNotifications(ctx)]);
  const a = t.account;
  const form = passphraseChangeForm(ctx, self);
  const content = element(
    'section',
    { class: 'account-page' },
    pageHeading(a.title),
    ctx.flash ? element('p', { class: 'notice', role: 'status' }, ctx.flash) : null,
    element('h2', { id: 'profile-heading' }, a.profileTitle),
    element(
      'dl',
      { class: 'facts', id: 'profile' },
      element('dt', {}, a.name),
      element('dd', { id: 'profile-name' }, self.displayName),
      element('dt', {}, a.email),
      element('dd', { id: 'profile-email' }, self.email ?? ''),
      element('dt', {}, a.roles),
      element('dd', { id: 'profile-roles' }, self.roles.map((role) => t.roles[role] ?? role).join(', ')),
      element('dt', {}, a.organisation),
      element('dd', { id: 'profile-organisation' }, `${self.organisation.name} (${self.organisation.slug})`),
    ),
    element('h2', { id: 'change-heading' }, a.changeTitle),
    element('p', {}, a.changeIntro),
    form.node,
    notificationSettings(ctx, notifications),
    element('h2', { id: 'logout-heading' }, a.logoutTitle),
    element('p', {}, a.logoutText),
    element('p', {}, element('a', { href: ctx.href('/staff/logout'), id: 'account-logout', 'data-logout': 'true', class: 'button' }, a.logoutLink)),
  );
  return { title: a.title, content, dispose: form.clear };
};

function passphraseChangeForm(ctx: StaffAppContext, self: StaffSelf): { node: HTMLFormElement; clear: () => void } {
  const t = STAFF_ACCOUNT_TEXTS[ctx.language];
  const a = t.account;
  const current = formField('current-passphrase', a.current, { type: 'password', autocomplete: 'current-password', required: '', spellcheck: 'false' });
  const next = passphraseFields('new-passphrase', t, { first: a.next, second: a.nextAgain }, () => [self.displayName, self.email ?? '', self.organisation.slug, self.organisation.name]);
  const message = formMessage();
  message.element.id = 'change-message';
  message.element.tabIndex = -1;
  const submit = element('button', { type: 'submit', class: 'primary', id: 'change-submit' }, a.submit);
  const node = element('form', { id: 'change-form', novalidate: '', 'aria-labelledby': 'change-heading' }, current.field, next.node, message.element, element('div', { class: 'actions' }, submit));
  const clear = () => {
    current.input.value = '';
    next.clear();
  };
  node.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      message.clear();
      current.setError(current.input.value === '' ? t.errors.required : null);
      const chosen = next.validate();
      if (chosen !== null && chosen === current.input.value) next.first.setError(a.samePassphrase);
      const firstInvalid = [current, next.first, next.second].find((field) => field.input.getAttribute('aria-invalid') === 'true');
      if (firstInvalid || chosen === null) {
        (firstInvalid ?? next.first).input.focus();
        return;
      }
      submit.disabled = true;
      ctx.announce(a.working);
      try {
        // Not through session.call: a wrong current passphrase is a 401 too, and must not end the session.
        await ctx.session.client.changeOwnPassphrase(current.input.value, chosen);
        ctx.session.touch();
        clear();
        message.success(a.changed);
        message.element.focus();
      } catch (error) {
        if (error instanceof HttpError && error.status === 401 && problemCode(error) !== 'bad_credentials') {
          ctx.session.end('expired');
          return;
        }
        current.input.value = '';
        message.error(problemCode(error) === 'bad_credentials' ? a.wrongCurrent : accountErrorText(error, t));
        message.element.focus();
      } finally {
        submit.disabled = false;
      }
    })();
  });
  return { node, clear };
}
