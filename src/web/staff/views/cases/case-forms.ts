// Small form pieces of the case page: labelled fields with hints, and a submit handler that
// keeps the button busy, says what failed, and lets a session end go through.
import { SessionEndedError } from '../../session.ts';
import type { StaffAppContext } from '../../app-context.ts';
import { element, formMessage, problemDetail } from '../../ui.ts';
import { casesTexts } from './case-labels.ts';

export function textareaField(id: string, label: string, hint?: string, required = false): { field: HTMLElement; input: HTMLTextAreaElement } {
  const input = element('textarea', { id, name: id, rows: '4', ...(hint ? { 'aria-describedby': `${id}-hint` } : {}), ...(required ? { required: '', 'aria-required': 'true' } : {}) });
  const field = element('div', { class: 'field' }, element('label', { for: id }, label), hint ? element('p', { class: 'hint', id: `${id}-hint` }, hint) : null, input);
  return { field, input };
}

export function checkboxField(id: string, label: string, hint?: string): { field: HTMLElement; input: HTMLInputElement } {
  const input = element('input', { type: 'checkbox', id, name: id, ...(hint ? { 'aria-describedby': `${id}-hint` } : {}) });
  const field = element('div', { class: 'choice' }, input, element('label', { for: id }, label), hint ? element('p', { class: 'hint', id: `${id}-hint` }, hint) : null);
  return { field, input };
}

export function selectField(id: string, label: string, options: readonly { value: string; label: string }[], hint?: string): { field: HTMLElement; input: HTMLSelectElement } {
  const input = element('select', { id, name: id, ...(hint ? { 'aria-describedby': `${id}-hint` } : {}) }, ...options.map((o) => element('option', { value: o.value }, o.label)));
  const field = element('div', { class: 'field' }, element('label', { for: id }, label), hint ? element('p', { class: 'hint', id: `${id}-hint` }, hint) : null, input);
  return { field, input };
}

/** Radio buttons in a fieldset with its legend. */
export function radioGroup(name: string, legend: string, options: readonly { value: string; label: string }[]): { field: HTMLElement; value(): string | null } {
  const inputs = options.map((o) => element('input', { type: 'radio', name, id: `${name}-${o.value}`, value: o.value }));
  const field = element(
    'fieldset',
    { class: 'field' },
    element('legend', {}, legend),
    ...options.map((o, i) => element('div', { class: 'choice' }, inputs[i], element('label', { for: `${name}-${o.value}` }, o.label))),
  );
  return { field, value: () => inputs.find((i) => i.checked)?.value ?? null };
}

/**
 * Wires a form: on submit, runs `work` with the submit button disabled and a status message;
 * an error (a problem+json's detail, or a generic sentence) is shown in the form.
 */
export function handleSubmit(ctx: StaffAppContext, form: HTMLFormElement, work: (fail: (text: string) => void) => Promise<void>): HTMLFormElement {
  const message = formMessage();
  form.append(message.element);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const buttons = [...form.querySelectorAll('button')];
    buttons.forEach((b) => (b.disabled = true));
    message.clear();
    let failed = false;
    const fail = (text: string) => {
      failed = true;
      message.error(text);
    };
    ctx.announce(casesTexts(ctx).working);
    work(fail)
      .catch((error: unknown) => {
        if (error instanceof SessionEndedError) return;
        fail(problemDetail(error, casesTexts(ctx).failed));
      })
      .finally(() => {
        buttons.forEach((b) => (b.disabled = false));
        if (failed) form.querySelector<HTMLElement>('textarea, input, select')?.focus();
      });
  });
  return form;
}
