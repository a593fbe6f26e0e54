// DOM helpers for the staff views. Text goes in through textContent only (element() below), so
// decrypted content and server strings cannot inject markup.
import { HttpError } from '../../client/http.ts';
export { byId, clear, element, nextFrame } from '../browser/dom.ts';
import { element } from '../browser/dom.ts';

/** The page's h1; the router focuses it after each navigation. */
export function pageHeading(title: string): HTMLHeadingElement {
  return element('h1', { id: 'page-title', tabindex: '-1' }, title);
}

/** A problem+json answer's `detail`, else a generic sentence. */
export function problemDetail(error: unknown, fallback: string): string {
  if (error instanceof HttpError && error.body && typeof error.body === 'object' && 'detail' in error.body) return String((error.body).detail);
  return fallback;
}

/** The `code` of a problem+json answer, if any. */
export function problemCode(error: unknown): string | undefined {
  if (error instanceof HttpError && error.body && typeof error.body === 'object' && 'code' in error.body) return String((error.body).code);
  return undefined;
}

/** A status message area for a form: role=alert for errors. */
export function formMessage(): { element: HTMLParagraphElement; error(text: string): void; success(text: string): void; clear(): void } {
  const node = element('p', { class: 'form-message', hidden: '' });
  return {
    element: node,
    error(text) {
      node.className = 'form-message error';
      node.setAttribute('role', 'alert');
      node.textContent = text;
      node.hidden = false;
    },
    success(text) {
      node.className = 'form-message verified';
      node.setAttribute('role', 'status');
      node.textContent = text;
      node.hidden = false;
    },
    clear() {
      node.hidden = true;
      node.textContent = '';
    },
  };
}

/** Dates as the staff read them: the organisation's calendar is Europe/Paris unless told otherwise. */
export function formatDate(iso: string, language: 'fr' | 'en', withTime = false, timeZone = 'Europe/Paris'): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone,
  }).format(date);
}
