// What the mailbox page shows once the case was purged under its retention rule: a plain sentence
// and the signed closure notice, checked and offered like any receipt. No session exists then.
import type { VigieHttp } from '../../client/http.ts';
import type { SignedReceipt } from '../../crypto/receipts.ts';
import type { Language, ReporterPageTexts } from '../../i18n/reporter-pages.ts';
import { byId } from './dom.ts';
import { renderReceipt } from './receipt-view.ts';

export async function renderPurged(closureNotice: SignedReceipt, http: VigieHttp, language: Language, t: ReporterPageTexts): Promise<void> {
  await renderReceipt(byId('closure-notice'), closureNotice, http, language, t, 'h2');
}

/** Removes the closure notice from the page (leaving, or an idle page). */
export function wipePurged(): void {
  const notice = byId('closure-notice');
  notice.replaceChildren();
  notice.removeAttribute('aria-labelledby');
}
