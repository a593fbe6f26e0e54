// Pieces the administration pages share: their texts, the way back to the overview, and a labelled
// field with its hint and an error slot (aria-describedby ties them together).
import { STAFF_ADMIN_TEXTS, type StaffAdminTexts } from '../../../../i18n/staff/admin.ts';
import type { StaffAppContext } from '../../app-context.ts';
import { element } from '../../ui.ts';

export function adminTexts(ctx: StaffAppContext): StaffAdminTexts {
  return STAFF_ADMIN_TEXTS[ctx.language];
}

export function backToAdmin(ctx: StaffAppContext): HTMLParagraphElement {
  return element('p', { class: 'admin-back' }, element('a', { href: ctx.href('/staff/admin') }, adminTexts(ctx).back));
}

export interface Field<T extends HTMLElement> {
  readonly wrapper: HTMLDivElement;
  readonly control: T;
  showError(text: string): void;
  clearError(): void;
}

/** A field: label, optional hint, control, and an error paragraph shown next to it. */
export function field<T extends HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(id: string, label: string, control: T, hint?: string): Field<T> {
  control.id = id;
  const hintNode = hint ? element('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const error = element('p', { class: 'field-error', id: `${id}-error`, hidden: '' });
  const describedBy = () => [hintNode ? `${id}-hint` : '', error.hidden ? '' : `${id}-error`].filter(Boolean).join(' ');
  const describe = () => {
    const value = describedBy();
    if (value) control.setAttribute('aria-describedby', value);
    else control.removeAttribute('aria-describedby');
  };
  describe();
  const wrapper = element('div', { class: 'field' }, element('label', { for: id }, label), hintNode, error, control);
  return {
    wrapper,
    control,
    showError(text) {
      error.textContent = text;
      error.hidden = false;
      wrapper.classList.add('has-error');
      control.setAttribute('aria-invalid', 'true');
      describe();
    },
    clearError() {
      error.textContent = '';
      error.hidden = true;
      wrapper.classList.remove('has-error');
      control.removeAttribute('aria-invalid');
      describe();
    },
  };
}

/** A checkbox with its label (and optional hint) in the shared ".choice" layout. */
export function checkbox(id: string, label: string, checked: boolean, hint?: string, value?: string): { wrapper: HTMLDivElement; input: HTMLInputElement } {
  const input = element('input', { type: 'checkbox', id, ...(value ? { value } : {}), ...(hint ? { 'aria-describedby': `${id}-hint` } : {}) });
  input.checked = checked;
  const wrapper = element('div', { class: 'choice' }, input, element('label', { for: id }, label), hint ? element('p', { class: 'hint', id: `${id}-hint` }, hint) : null);
  return { wrapper, input };
}

/** Disables a button while an action runs, with a busy label; restores it after. */
export async function whileBusy<T>(button: HTMLButtonElement, busyLabel: string, action: () => Promise<T>): Promise<T> {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = busyLabel;
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = label;
  }
}
