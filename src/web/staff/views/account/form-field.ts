// A labelled input with an optional hint and its own error line (aria-describedby, aria-invalid).
import { element } from '../../ui.ts';

export interface FormField {
  readonly field: HTMLDivElement;
  readonly input: HTMLInputElement;
  /** Shows (or, with null, clears) the error under the field. */
  setError(message: string | null): void;
}

export function formField(id: string, label: string, attributes: Record<string, string>, hint?: string): FormField {
  const hintNode = hint ? element('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const errorNode = element('p', { class: 'field-error', id: `${id}-error`, hidden: '' });
  const input = element('input', { id, name: id, ...attributes });
  const field = element('div', { class: 'field', id: `${id}-field` }, element('label', { for: id }, label), hintNode, errorNode, input);
  const describedBy = (withError: boolean) => [hintNode ? `${id}-hint` : '', withError ? `${id}-error` : ''].filter(Boolean).join(' ');
  if (hintNode) input.setAttribute('aria-describedby', describedBy(false));
  return {
    field,
    input,
    setError(message) {
      errorNode.textContent = message ?? '';
      errorNode.hidden = message === null;
      field.classList.toggle('has-error', message !== null);
      if (message === null) input.removeAttribute('aria-invalid');
      else input.setAttribute('aria-invalid', 'true');
      const ids = describedBy(message !== null);
      if (ids) input.setAttribute('aria-describedby', ids);
      else input.removeAttribute('aria-describedby');
    },
  };
}

/** A TOTP code input: six digits, numeric keyboard, filled by the one-time-code autocomplete. */
export function totpAttributes(): Record<string, string> {
  return { type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxlength: '6', required: '', spellcheck: 'false', class: 'totp-input' };
}

/** What the person typed as a TOTP code, spaces removed; null unless six digits. */
export function totpCodeOf(value: string): string | null {
  const code = value.replace(/\s+/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}
