// The confirmation step: reference, the mailbox token shown large in groups with copy and print,
// and a required "I saved it" before the page lets the reporter go (the token cannot be recovered).
import type { ReporterPageTexts } from '../../i18n/reporter-pages.ts';
import { byId, element } from './dom.ts';
import { printPart } from './printing.ts';

export function showToken(token: string, t: ReporterPageTexts): void {
  const c = t.confirmation;
  const groups = token.split('-');
  byId('mailbox-token').replaceChildren(...groups.flatMap((group, i) => [element('span', { class: 'token-group' }, group), i < groups.length - 1 ? element('span', { class: 'token-dash', 'aria-hidden': 'true' }, '-') : '']));

  const status = byId('copy-status');
  byId('copy-token').addEventListener('click', () => {
    navigator.clipboard.writeText(token).then(
      () => (status.textContent = c.copied),
      () => {
        status.textContent = c.copyFailed;
        const selection = window.getSelection();
        selection?.selectAllChildren(byId('mailbox-token'));
      },
    );
  });
  byId('print-token').addEventListener('click', () => printPart(byId('token-box')));

  const saved = byId<HTMLInputElement>('token-saved');
  const savedError = byId('token-saved-error');
  const warnBeforeLeaving = (event: BeforeUnloadEvent) => {
    event.preventDefault();
    event.returnValue = c.leaveWarning;
  };
  window.addEventListener('beforeunload', warnBeforeLeaving);
  const setSavedError = (on: boolean) => {
    savedError.hidden = !on;
    if (on) {
      saved.setAttribute('aria-invalid', 'true');
      saved.setAttribute('aria-describedby', 'token-saved-error');
    } else {
      saved.removeAttribute('aria-invalid');
      saved.removeAttribute('aria-describedby');
    }
  };
  saved.addEventListener('change', () => {
    if (saved.checked) {
      window.removeEventListener('beforeunload', warnBeforeLeaving);
      setSavedError(false);
    } else {
      window.addEventListener('beforeunload', warnBeforeLeaving);
    }
  });
  byId('finish').addEventListener('click', (event) => {
    if (saved.checked) return;
    event.preventDefault();
    setSavedError(true);
    saved.focus();
  });
}
