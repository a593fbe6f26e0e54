// Error messages tied to their fields (aria-invalid, aria-describedby) and an error summary at
// the top whose links lead to each field, as RGAA and the DSFR form pattern ask.
import { byId, element } from './dom.ts';

export interface FieldError {
  /** The field's id prefix: its error is #<field>-error, its container #<field>-field. */
  readonly field: string;
  /** The control that the summary link focuses. */
  readonly control: string;
  readonly message: string;
}

function controlsOf(field: string): HTMLElement[] {
  const container = byId(`${field}-field`);
  return [...container.querySelectorAll<HTMLElement>('input, textarea, select')];
}

function describe(control: HTMLElement, errorId: string, on: boolean): void {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== errorId);
  if (on) ids.unshift(errorId);
  if (ids.length > 0) control.setAttribute('aria-describedby', ids.join(' '));
  else control.removeAttribute('aria-describedby');
}

export function setFieldError(field: string, message: string | null): void {
  const errorId = `${field}-error`;
  const error = byId(errorId);
  error.textContent = message ?? '';
  error.hidden = message === null;
  byId(`${field}-field`).classList.toggle('has-error', message !== null);
  for (const control of controlsOf(field)) {
    if (message === null) control.removeAttribute('aria-invalid');
    else control.setAttribute('aria-invalid', 'true');
    describe(control, errorId, message !== null);
  }
}

/** Shows every error, fills the summary and focuses it; clears fields that are now right. */
export function showFieldErrors(fields: readonly string[], errors: readonly FieldError[], summaryTitle: (count: number) => string): void {
  for (const field of fields) setFieldError(field, errors.find((e) => e.field === field)?.message ?? null);
  const summary = byId('error-summary');
  if (errors.length === 0) {
    summary.hidden = true;
    return;
  }
  byId('error-summary-title').textContent = summaryTitle(errors.length);
  byId('error-summary-list').replaceChildren(
    ...errors.map((error) => {
      const link = element('a', { href: `#${error.control}` }, error.message);
      link.addEventListener('click', (event) => {
        event.preventDefault();
        byId(error.control).focus();
      });
      return element('li', {}, link);
    }),
  );
  summary.hidden = false;
  summary.focus();
}
