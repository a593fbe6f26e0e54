// After a reload the session cookie may still be valid while the key is gone from memory: the
// passphrase alone opens the sealed key again (GET /me, prelogin salt, derivation in the browser).
import type { StaffSelf } from '../../../../client/staff-client.ts';
import { STAFF_ACCOUNT_TEXTS } from '../../../../i18n/staff/account.ts';
import type { StaffAppContext } from '../../app-context.ts';
import { element, formMessage } from '../../ui.ts';
import { formField } from './form-field.ts';
import { landingPath } from './landing.ts';

export function unlockForm(ctx: StaffAppContext, self: StaffSelf, next: string | null, labelledBy: string): HTMLFormElement {
  const t = STAFF_ACCOUNT_TEXTS[ctx.language];
  const passphrase = formField('unlock-passphrase', t.unlock.passphrase, { type: 'password', autocomplete: 'current-password', required: '', spellcheck: 'false' });
  const message = formMessage();
  message.element.id = 'unlock-message';
  message.element.tabIndex = -1;
  const submit = element('button', { type: 'submit', class: 'primary', id: 'unlock-submit' }, t.unlock.submit);
  const form = element(
    'form',
    { id: 'unlock-form', novalidate: '', 'aria-labelledby': labelledBy },
    element('p', {}, t.unlock.intro(self.displayName, self.organisation.name)),
    passphrase.field,
    message.element,
    element('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      message.clear();
      passphrase.setError(null);
      if (passphrase.input.value === '') {
        passphrase.setError(t.errors.required);
        passphrase.input.focus();
        return;
      }
      submit.disabled = true;
      ctx.announce(t.unlock.working);
      try {
        await ctx.session.client.unlock(passphrase.input.value, self);
        passphrase.input.value = '';
        ctx.session.touch();
        ctx.navigate(landingPath(ctx.session, next), { replace: true });
      } catch {
        // A wrong passphrase fails to open the envelope (or the session ended meanwhile): same advice.
        passphrase.input.value = '';
        message.error(t.unlock.wrongPassphrase);
        message.element.focus();
        submit.disabled = false;
      }
    })();
  });
  return form;
}
