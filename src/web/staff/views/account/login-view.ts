// /staff/login: organisation, e-mail, passphrase and authenticator code. The passphrase is turned
// into the auth value and the key-encryption key here; only the auth value and the code are sent.
// When the session cookie is still valid (a reloaded page), unlocking with the passphrase is offered first.
import { STAFF_ACCOUNT_TEXTS } from '../../../../i18n/staff/account.ts';
import type { View } from '../../app-context.ts';
import { element, formMessage, pageHeading } from '../../ui.ts';
import { accountErrorText } from './api-errors.ts';
import { formField, totpAttributes, totpCodeOf } from './form-field.ts';
import { landingPath } from './landing.ts';
import { unlockForm } from './unlock-form.ts';

export const loginView: View = async (ctx, _params, query) => {
  const t = STAFF_ACCOUNT_TEXTS[ctx.language];
  const next = query.get('next');
  const flash = ctx.flash ? element('p', { class: 'notice', id: 'login-flash', role: 'alert' }, ctx.flash) : null;
  const openSession = ctx.session.unlocked ? null : await ctx.session.client.currentSession().catch(() => null);

  const organisation = formField('login-organisation', t.login.organisation, { type: 'text', autocomplete: 'organization', required: '', spellcheck: 'false', autocapitalize: 'none' }, t.login.organisationHint);
  const email = formField('login-email', t.login.email, { type: 'email', autocomplete: 'username', required: '', spellcheck: 'false', autocapitalize: 'none' });
  const passphrase = formField('login-passphrase', t.login.passphrase, { type: 'password', autocomplete: 'current-password', required: '', spellcheck: 'false' });
  const totp = formField('login-totp', t.login.totp, totpAttributes(), t.login.totpHint);
  const knownOrganisation = query.get('organisation');
  if (knownOrganisation && /^[a-z0-9-]{1,63}$/.test(knownOrganisation)) organisation.input.value = knownOrganisation;
  const message = formMessage();
  message.element.id = 'login-message';
  message.element.tabIndex = -1;
  const submit = element('button', { type: 'submit', class: 'primary', id: 'login-submit' }, t.login.submit);
  const form = element(
    'form',
    { id: 'login-form', novalidate: '', 'aria-labelledby': openSession ? 'login-again-heading' : 'page-title' },
    organisation.field,
    email.field,
    passphrase.field,
    totp.field,
    message.element,
    element('div', { class: 'actions' }, submit),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      message.clear();
      const fields = [organisation, email, passphrase, totp];
      for (const field of fields) field.setError(null);
      const code = totpCodeOf(totp.input.value);
      const missing = fields.filter((field) => field.input.value.trim() === '');
      for (const field of missing) field.setError(t.errors.required);
      if (!missing.includes(totp) && code === null) totp.setError(t.errors.totpFormat);
      const firstInvalid = missing[0] ?? (code === null ? totp : undefined);
      if (firstInvalid || code === null) {
        (firstInvalid ?? totp).input.focus();
        return;
      }
      submit.disabled = true;
      ctx.announce(t.login.working);
      try {
        await ctx.session.client.loginWithCode({
          organisation: organisation.input.value.trim().toLowerCase(),
          email: email.input.value.trim(),
          passphrase: passphrase.input.value,
          totpCode: code,
        });
        passphrase.input.value = '';
        totp.input.value = '';
        ctx.session.touch();
        ctx.navigate(landingPath(ctx.session, next), { replace: true });
      } catch (error) {
        // Each code is accepted once: the next attempt needs the next one.
        totp.input.value = '';
        message.error(accountErrorText(error, t));
        message.element.focus();
        submit.disabled = false;
      }
    })();
  });

  const content = element(
    'section',
    { class: 'account-page login-page' },
    pageHeading(t.login.title),
    flash,
    openSession
      ? element('section', { class: 'unlock-section', 'aria-labelledby': 'unlock-heading' }, element('h2', { id: 'unlock-heading' }, t.unlock.sectionTitle), unlockForm(ctx, openSession, next, 'unlock-heading'))
      : null,
    openSession ? element('h2', { id: 'login-again-heading' }, t.unlock.orLogin) : null,
    element('p', { class: 'lead' }, t.login.intro),
    form,
    element('p', { class: 'hint' }, t.login.activateHint),
  );
  return {
    title: t.login.title,
    content,
    dispose: () => {
      passphrase.input.value = '';
    },
  };
};
