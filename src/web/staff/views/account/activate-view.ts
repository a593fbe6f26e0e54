// /staff/activate#<code>: the invitation code is read from the fragment (never sent in a URL) and
// removed from the address bar. The passphrase, the key pair and its sealing happen here; the
// server receives the auth value, the public key, the sealed private key and the TOTP code.
import type { ActivationStartAnswer } from '../../../../client/staff-client.ts';
import { STAFF_ACCOUNT_TEXTS } from '../../../../i18n/staff/account.ts';
import type { StaffAppContext, View } from '../../app-context.ts';
import { element, formMessage, pageHeading } from '../../ui.ts';
import { accountErrorText } from './api-errors.ts';
import { formField, totpAttributes, totpCodeOf } from './form-field.ts';
import { passphraseFields } from './passphrase-fields.ts';
import { groupedSecret, qrSvg } from './totp-qr.ts';

const INVITATION_CODE = /^[A-Za-z0-9_-]{43}$/;
// Kept in this page's memory only, so that switching language during the activation keeps it.
let pendingCode: string | null = null;

/** Takes the code out of the fragment and the fragment out of the address bar (and of the history entry). */
function takeCodeFromFragment(): string | null {
  const fragment = decodeURIComponent(window.location.hash.replace(/^#/, '')).replace(/^code=/, '');
  if (window.location.hash) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  if (INVITATION_CODE.test(fragment)) pendingCode = fragment;
  return pendingCode;
}

export const activateView: View = async (ctx) => {
  const t = STAFF_ACCOUNT_TEXTS[ctx.language];
  const code = takeCodeFromFragment();
  const heading = pageHeading(t.activate.title);
  if (!code) return { title: t.activate.title, content: element('section', { class: 'account-page' }, heading, element('p', { class: 'error', id: 'activate-problem' }, t.activate.noCode)) };
  let start: ActivationStartAnswer;
  try {
    start = await ctx.session.client.startActivation(code);
  } catch (error) {
    pendingCode = null;
    return { title: t.activate.title, content: element('section', { class: 'account-page' }, heading, element('p', { class: 'error', id: 'activate-problem', role: 'alert' }, accountErrorText(error, t))) };
  }
  return { title: t.activate.title, content: activationForm(ctx, code, start, heading) };
};

function activationForm(ctx: StaffAppContext, code: string, start: ActivationStartAnswer, heading: HTMLElement): HTMLElement {
  const t = STAFF_ACCOUNT_TEXTS[ctx.language];
  const a = t.activate;
  const email = start.account.email ? null : formField('activate-email', a.emailLabel, { type: 'email', autocomplete: 'email', required: '', spellcheck: 'false', autocapitalize: 'none' }, a.emailHint);
  const personalWords = () => [start.account.displayName, start.account.email ?? email?.input.value ?? '', start.organisation.slug, start.organisation.name];
  const passphrase = passphraseFields('activate-passphrase', t, { first: a.passphrase, second: a.passphraseAgain }, personalWords);
  const totp = formField('activate-totp', a.totpCode, totpAttributes(), a.totpCodeHint);
  const message = formMessage();
  message.element.id = 'activate-message';
  message.element.tabIndex = -1;
  const submit = element('button', { type: 'submit', class: 'primary', id: 'activate-submit' }, a.submit);
  const roles = start.account.roles.map((role) => t.roles[role] ?? role).join(', ');

  const form = element(
    'form',
    { id: 'activate-form', novalidate: '', 'aria-labelledby': 'page-title' },
    email?.field ?? null,
    element('h2', { id: 'passphrase-heading' }, a.passphraseTitle),
    element('ul', { class: 'advice', id: 'passphrase-advice' }, ...a.passphraseAdvice.map((line) => element('li', {}, line))),
    passphrase.node,
    element('h2', { id: 'totp-heading' }, a.totpTitle),
    element('p', {}, a.totpIntro),
    element(
      'div',
      { class: 'totp-enrolment' },
      element('figure', { class: 'totp-qr-figure', id: 'totp-qr' }, qrSvg(start.totp.uri, a.qrLabel)),
      element(
        'div',
        { class: 'totp-manual' },
        element('p', { class: 'secret-label' }, a.manualSecret),
        element('p', {}, element('code', { class: 'totp-secret', id: 'totp-secret' }, groupedSecret(start.totp.secret))),
        element('p', { class: 'hint' }, a.manualHint),
      ),
    ),
    totp.field,
    element('h2', { id: 'recovery-heading' }, a.recoveryTitle),
    element('ul', { class: 'advice', id: 'recovery-advice' }, ...a.recoveryAdvice.map((line) => element('li', {}, line))),
    message.element,
    element('div', { class: 'actions' }, submit),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      message.clear();
      totp.setError(null);
      email?.setError(null);
      const typedEmail = email?.input.value.trim() ?? '';
      if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(typedEmail)) email.setError(t.errors.emailRequired);
      const chosen = passphrase.validate();
      const totpCode = totpCodeOf(totp.input.value);
      if (totpCode === null) totp.setError(totp.input.value.trim() === '' ? t.errors.required : t.errors.totpFormat);
      const firstInvalid = [email, passphrase.first, passphrase.second, totp].find((field) => field?.input.getAttribute('aria-invalid') === 'true');
      if (firstInvalid || chosen === null || totpCode === null) {
        (firstInvalid ?? totp).input.focus();
        return;
      }
      submit.disabled = true;
      ctx.announce(a.working);
      try {
        await ctx.session.client.completeActivation(code, start, { passphrase: chosen, totpCode, ...(email ? { email: typedEmail } : {}) });
        pendingCode = null;
        passphrase.clear();
        ctx.navigate(`/staff/login?organisation=${encodeURIComponent(start.organisation.slug)}`, { replace: true, message: a.activated });
      } catch (error) {
        totp.input.value = '';
        message.error(accountErrorText(error, t));
        message.element.focus();
        submit.disabled = false;
      }
    })();
  });

  return element(
    'section',
    { class: 'account-page activate-page' },
    heading,
    element('h2', { id: 'account-heading' }, a.accountTitle),
    element(
      'dl',
      { class: 'facts', id: 'activate-account' },
      element('dt', {}, a.organisation),
      element('dd', { id: 'activate-organisation' }, start.organisation.name),
      element('dt', {}, a.name),
      element('dd', {}, start.account.displayName),
      start.account.email ? element('dt', {}, a.email) : null,
      start.account.email ? element('dd', { id: 'activate-account-email' }, start.account.email) : null,
      element('dt', {}, a.roles),
      element('dd', {}, roles),
    ),
    form,
  );
}
