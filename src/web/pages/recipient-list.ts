// The people an alert is encrypted for, with their roles, as the landing page and the form show them.
import type { Language } from '../../i18n/reporter-pages.ts';
import type { Recipient } from '../../services/case-recipients.ts';
import { html, type Markup } from './html.ts';
import { texts } from './layout.ts';

export function rolesOf(recipient: Pick<Recipient, 'roles'>, language: Language): string {
  return recipient.roles.map((role) => texts(language).common.roles[role]).join(', ');
}

export function recipientList(recipients: readonly Recipient[], language: Language): Markup {
  return html`<ul class="recipients">${recipients.map((r) => html`<li><strong>${r.displayName}</strong>, ${rolesOf(r, language)}</li>`)}</ul>`;
}
