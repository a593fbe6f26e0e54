// A case's supporting documents, for the mailbox and the staff case page alike: the list (name
// decrypted here, size, who added it and when, a download button) and the upload control.
import { readDocumentMetadata, type DocumentPlace, type ListedDocument } from '../../../client/document-transfer.ts';
import { DocumentIntegrityError, type DocumentMetadata } from '../../../crypto/document-stream.ts';
import type { DocumentTexts } from '../../../i18n/documents.ts';
import { element } from '../dom.ts';
import { documentPicker, uploadAll } from './document-upload.ts';
import { saveDocument, saveMethodFor } from './save-download.ts';

export interface DocumentPanelOptions {
  readonly texts: DocumentTexts;
  /** Prefix of every id in the panel (the page may hold other panels). */
  readonly idPrefix: string;
  readonly heading: 'h2' | 'h3';
  readonly place: () => DocumentPlace;
  /** The organisation's limit per file, when the page knows it (the server checks it anyway). */
  readonly maxBytes: number | null;
  /** Who added a document, in words, as this page can tell it. */
  readonly authorOf: (document: ListedDocument) => string;
  readonly dateTime: (iso: string) => string;
  /** Staff referents: offer "also send to the whistleblower". */
  readonly canShare?: boolean;
  /** A session that ended (401): the page closes itself; answers true when it did. */
  readonly sessionEnded?: (error: unknown) => boolean;
}

export interface DocumentPanel {
  readonly element: HTMLElement;
  refresh(): Promise<void>;
}

function listItem(o: DocumentPanelOptions, listed: ListedDocument, metadata: DocumentMetadata | null, status: HTMLElement): HTMLLIElement {
  const t = o.texts;
  if (!metadata) return element('li', { class: 'document error' }, t.unreadable);
  const button = element('button', { type: 'button', class: 'download-document', 'aria-label': t.download(metadata.name) }, t.downloadWord);
  button.addEventListener('click', () => {
    button.disabled = true;
    status.classList.remove('error');
    status.textContent = `${t.decrypting(metadata.name)} ${saveMethodFor(metadata.size) === 'streamed' ? t.streamed : t.inMemory}`;
    saveDocument(o.place(), listed, metadata).then(
      () => (status.textContent = t.saved(metadata.name)),
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return (status.textContent = '');
        if (o.sessionEnded?.(error)) return;
        status.classList.add('error');
        status.textContent = error instanceof DocumentIntegrityError ? t.altered(metadata.name) : t.downloadFailed(metadata.name);
      },
    ).finally(() => (button.disabled = false));
  });
  return element(
    'li',
    { class: 'document', 'data-document-id': listed.id },
    element('span', { class: 'document-name' }, metadata.name),
    ' ',
    element('span', { class: 'document-meta' }, `${t.size(metadata.size)}, ${t.addedBy(o.authorOf(listed), o.dateTime(listed.completedAt ?? listed.createdAt))}`, listed.author === 'staff' && listed.sharedWithReporter && o.canShare !== undefined ? `, ${t.sharedBadge}` : ''),
    ' ',
    button,
  );
}

export function documentPanel(o: DocumentPanelOptions): DocumentPanel {
  const t = o.texts;
  const titleId = `${o.idPrefix}-title`;
  const list = element('ul', { class: 'documents', id: `${o.idPrefix}-list` });
  const status = element('p', { id: `${o.idPrefix}-status`, role: 'status', 'aria-live': 'polite', class: 'document-status' });
  const picker = documentPicker(t, o.idPrefix, o.maxBytes);
  const share = o.canShare ? element('input', { type: 'checkbox', id: `${o.idPrefix}-share` }) : null;
  const send = element('button', { type: 'button', id: `${o.idPrefix}-send` }, t.send);
  const sending = element('ul', { class: 'chosen-documents sending', id: `${o.idPrefix}-sending` });

  const refresh = async () => {
    const place = o.place();
    let answer: { documents: ListedDocument[] };
    try {
      answer = await place.http.expect<{ documents: ListedDocument[] }>(200, 'GET', place.prefix);
    } catch (error) {
      if (o.sessionEnded?.(error)) return;
      list.replaceChildren(element('li', { class: 'error' }, t.listFailed));
      return;
    }
    const complete = answer.documents.filter((d) => d.completedAt !== null).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const items = await Promise.all(complete.map(async (listed) => listItem(o, listed, await readDocumentMetadata(place, listed).catch(() => null), status)));
    list.replaceChildren(...(items.length ? items : [element('li', { class: 'empty' }, t.none)]));
  };

  send.addEventListener('click', () => {
    const files = picker.chosen.splice(0);
    if (!files.length) return picker.element.querySelector('input')?.focus();
    sending.replaceChildren(...files.map((f) => f.item));
    send.disabled = true;
    const refreshQuietly = () => void refresh();
    void uploadAll(o.place, files, t, share ? share.checked : undefined, refreshQuietly)
      .then(refreshQuietly)
      .finally(() => (send.disabled = false));
  });

  const element_ = element(
    'section',
    { class: 'documents-panel', id: o.idPrefix, 'aria-labelledby': titleId },
    element(o.heading, { id: titleId }, t.title),
    list,
    status,
    picker.element,
    share ? element('div', { class: 'choice' }, share, element('label', { for: share.id }, t.sharedWithReporter)) : null,
    element('p', { class: 'actions' }, send),
    sending,
  );
  return { element: element_, refresh };
}
