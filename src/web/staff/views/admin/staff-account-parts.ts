// Pieces of the staff accounts page: the roles checkboxes (invitation and role change) and the
// activation link shown once, to hand over, with a copy button.
import type { StaffAppContext } from '../../app-context.ts';
import { element, formatDate, formMessage } from '../../ui.ts';
import { ROLE_NAMES, type Invitation, type StaffRoleName } from './admin-api.ts';
import { adminTexts, checkbox, field } from './admin-ui.ts';

export function rolesFieldset(ctx: StaffAppContext, idPrefix: string, selected: readonly string[]): { fieldset: HTMLFieldSetElement; chosen: () => StaffRoleName[]; error: HTMLParagraphElement } {
  const t = adminTexts(ctx);
  const boxes = ROLE_NAMES.map((role) => ({ role, ...checkbox(`${idPrefix}-${role}`, t.roles[role] ?? role, selected.includes(role), t.roleHints[role], role) }));
  const error = element('p', { class: 'field-error', id: `${idPrefix}-error`, hidden: '' });
  const fieldset = element('fieldset', { class: 'field', 'aria-describedby': `${idPrefix}-hint` }, element('legend', {}, t.staff.rolesLegend), element('p', { class: 'hint', id: `${idPrefix}-hint` }, t.staff.rolesHint), error, ...boxes.map((b) => b.wrapper));
  return { fieldset, error, chosen: () => boxes.filter((b) => b.input.checked).map((b) => b.role) };
}

export function showFieldsetError(fieldset: HTMLFieldSetElement, error: HTMLParagraphElement, text: string | null): void {
  error.textContent = text ?? '';
  error.hidden = text === null;
  fieldset.classList.toggle('has-error', text !== null);
  fieldset.setAttribute('aria-describedby', [fieldset.getAttribute('aria-describedby')?.split(' ')[0] ?? '', text === null ? '' : error.id].filter(Boolean).join(' '));
}

/** The activation link, shown once with a copy button; "done" wipes it from the page. */
export function invitationPanel(ctx: StaffAppContext, name: string, invitation: Invitation, onDone: () => void): HTMLElement {
  const t = adminTexts(ctx).staff;
  const link = `${window.location.origin}/staff/activate#${invitation.invitationCode}`;
  const input = element('input', { type: 'text', readonly: '', class: 'invitation-link', spellcheck: 'false', autocomplete: 'off' });
  input.value = link;
  const linkField = field('invitation-link', t.linkLabel, input);
  const message = formMessage();
  const copy = element('button', { type: 'button' }, t.copy);
  copy.addEventListener('click', () => {
    input.select();
    navigator.clipboard.writeText(link).then(
      () => message.success(t.copied),
      () => message.error(t.copyFailed),
    );
  });
  const done = element('button', { type: 'button', class: 'primary' }, t.done);
  const panel = element(
    'section',
    { class: 'invitation-panel', 'aria-labelledby': 'invitation-heading' },
    element('h2', { id: 'invitation-heading', tabindex: '-1' }, t.linkHeading),
    element('p', {}, t.linkIntro(name, formatDate(invitation.expiresAt, ctx.language, true))),
    linkField.wrapper,
    element('div', { class: 'actions' }, copy, done),
    message.element,
  );
  done.addEventListener('click', () => {
    input.value = '';
    panel.remove();
    onDone();
  });
  return panel;
}
