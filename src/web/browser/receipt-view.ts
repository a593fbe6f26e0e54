// A signed receipt as the reporter sees it: its statement, checked in the browser against the
// service's published key, downloadable as the JSON file `npm run verify-receipt` reads, printable.
import type { VigieHttp } from '../../client/http.ts';
import { fromBase64Url } from '../../crypto/encoding.ts';
import { receiptKeyId, receiptSignatureHolds, type SignedReceipt } from '../../crypto/receipts.ts';
import type { Language, ReporterPageTexts } from '../../i18n/reporter-pages.ts';
import { element } from './dom.ts';
import { pageContext } from './page-context.ts';
import { printPart } from './printing.ts';

interface ReceiptPayload {
  kind?: string;
  caseReference?: string;
  issuedAt?: string;
  reportDigest?: string;
  statement?: { fr?: string; en?: string };
}

interface PublishedKeys {
  keys: { keyId: string; publicKey: string }[];
}

let publishedKeys: Promise<PublishedKeys> | undefined;

async function signatureHolds(http: VigieHttp, receipt: SignedReceipt): Promise<boolean> {
  try {
    publishedKeys ??= http.expect<PublishedKeys>(200, 'GET', '/api/v1/keys/receipt');
    const key = (await publishedKeys).keys.find((k) => k.keyId === receipt.keyId);
    if (!key) return false;
    const publicKey = fromBase64Url(key.publicKey);
    // The key must be the one its id names, and the signed payload must name the same key.
    if ((await receiptKeyId(publicKey)) !== receipt.keyId) return false;
    if (!(await receiptSignatureHolds(receipt, publicKey))) return false;
    return (JSON.parse(receipt.payload) as { keyId?: unknown }).keyId === receipt.keyId;
  } catch {
    return false;
  }
}

function downloadButton(receipt: SignedReceipt, fileName: string, label: string): HTMLButtonElement {
  const button = element('button', { type: 'button' }, label);
  button.addEventListener('click', () => {
    const file = new Blob([JSON.stringify({ payload: receipt.payload, signature: receipt.signature, keyId: receipt.keyId }, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(file);
    const link = element('a', { href: url, download: fileName });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  return button;
}

/** Renders one receipt into `container`, with its download and print buttons. */
export async function renderReceipt(container: HTMLElement, receipt: SignedReceipt, http: VigieHttp, language: Language, t: ReporterPageTexts, headingLevel: 'h2' | 'h3'): Promise<void> {
  const r = t.receipt;
  let payload: ReceiptPayload = {};
  try {
    payload = JSON.parse(receipt.payload) as ReceiptPayload;
  } catch {
    // An unreadable payload is shown as not verified below; nothing else to render.
  }
  const holds = await signatureHolds(http, receipt);
  const kind = r.kinds[payload.kind ?? ''] ?? r.title;
  // On its own a receipt gets its full title; in the mailbox's list, its kind under "Your signed receipts".
  const title = headingLevel === 'h2' ? (r.titles[payload.kind ?? ''] ?? r.title) : kind;
  const headingId = `receipt-title-${receipt.signature.slice(0, 8)}`;
  const printButton = element('button', { type: 'button' }, r.print);
  printButton.addEventListener('click', () => printPart(container));
  container.setAttribute('aria-labelledby', headingId);
  container.replaceChildren(
    element(headingLevel, { id: headingId }, title),
    element('p', { class: 'statement' }, payload.statement?.[language] ?? ''),
    element(
      'dl',
      { class: 'facts' },
      element('dt', {}, r.issuedAt),
      element('dd', {}, payload.issuedAt ? t.common.dateTime(payload.issuedAt, pageContext().timeZone) : ''),
      element('dt', {}, r.digest),
      element('dd', { class: 'digest' }, payload.reportDigest ?? ''),
    ),
    element('p', { class: holds ? 'verified' : 'error' }, holds ? r.verified(receipt.keyId) : r.notVerified),
    element('p', { class: 'actions no-print' }, downloadButton(receipt, r.fileName(payload.caseReference ?? 'vigie'), r.download), ' ', printButton),
    element('p', { class: 'hint' }, r.verifyHint(window.location.origin)),
  );
}
