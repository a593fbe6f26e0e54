// The upload control (a labelled multiple file input and the list of chosen files, each with its
// metadata note) and the upload itself: each file encrypted and sent with a <progress> and a
// status line that says how much is sent, in words.
import { HttpError } from '../../../client/http.ts';
import { uploadDocument, type DocumentPlace } from '../../../client/document-transfer.ts';
import type { DocumentTexts } from '../../../i18n/documents.ts';
import { MetadataStripError } from '../metadata/strip-metadata.ts';
import { element } from '../dom.ts';
import { describeChosen, sourceOf, type ChosenFile } from './chosen-files.ts';

export interface DocumentPicker {
  readonly element: HTMLElement;
  /** Files chosen and not yet sent. */
  readonly chosen: ChosenFile[];
  /** Forgets the chosen files (after they were sent). */
  reset(): void;
}

/** Shown inside a fieldset (the filing form) or a plain div (the panels): `legend` decides. */
export function documentPicker(t: DocumentTexts, idPrefix: string, maxBytes: number | null, legend?: { text: string; hint: string }): DocumentPicker {
  const inputId = `${idPrefix}-files`;
  const hintId = `${inputId}-hint`;
  const input = element('input', { type: 'file', id: inputId, multiple: '', 'aria-describedby': hintId });
  const errors = element('div', { id: `${inputId}-errors`, class: 'document-errors', role: 'alert' });
  const list = element('ul', { class: 'chosen-documents', id: `${idPrefix}-chosen` });
  const chosen: ChosenFile[] = [];
  const hint = [legend?.hint, maxBytes === null ? null : t.chooseHint(maxBytes)].filter(Boolean).join(' ');
  const field = element('div', { class: 'field' }, element('label', { for: inputId }, t.choose), element('p', { class: 'hint', id: hintId }, hint), input, errors, list);
  const container = legend ? element('fieldset', { class: 'documents-fieldset', id: `${idPrefix}-fieldset` }, element('legend', {}, legend.text), field) : element('div', { class: 'document-picker' }, field);

  const show = (item: ChosenFile) => {
    const remove = element('button', { type: 'button', class: 'link-button', 'aria-label': t.remove(item.file.name) }, '×');
    remove.addEventListener('click', () => {
      chosen.splice(chosen.indexOf(item), 1);
      item.item.remove();
      input.focus();
    });
    item.item.append(remove);
    list.append(item.item);
  };
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    errors.replaceChildren();
    void (async () => {
      for (const file of files) {
        const described = await describeChosen(file, t, maxBytes);
        if (typeof described === 'string') errors.append(element('p', { class: 'error' }, described));
        else {
          chosen.push(described);
          show(described);
        }
      }
    })();
  });
  return {
    element: container,
    chosen,
    reset: () => {
      chosen.splice(0);
      list.replaceChildren();
      errors.replaceChildren();
    },
  };
}

function detailOf(error: unknown): string | undefined {
  if (!(error instanceof HttpError) || typeof error.body !== 'object' || error.body === null) return undefined;
  const detail = (error.body as { detail?: unknown }).detail;
  return typeof detail === 'string' ? detail : undefined;
}

let progressCounter = 0;

/** Cleans (when asked), encrypts and uploads one chosen file, showing progress in its list item. */
export async function uploadChosen(place: DocumentPlace, chosen: ChosenFile, t: DocumentTexts, sharedWithReporter?: boolean): Promise<boolean> {
  const name = chosen.file.name;
  const statusId = `upload-status-${++progressCounter}`;
  const status = element('p', { id: statusId, role: 'status', 'aria-live': 'polite', class: 'upload-status' });
  const bar = element('progress', { max: String(Math.max(1, chosen.file.size)), 'aria-labelledby': statusId });
  bar.value = 0;
  chosen.item.querySelectorAll('.upload-status, progress, .stripped, .retry-upload').forEach((old) => old.remove());
  chosen.item.append(bar, status);
  status.textContent = t.progress(0, chosen.file.size);
  try {
    const { source, removed } = await sourceOf(chosen);
    if (removed) chosen.item.append(element('p', { class: 'stripped' }, t.stripped(name, removed)));
    bar.max = Math.max(1, source.size);
    await uploadDocument(place, source, {
      ...(sharedWithReporter === undefined ? {} : { sharedWithReporter }),
      onProgress: (sent, total) => {
        bar.value = sent;
        status.textContent = t.progress(sent, total);
      },
    });
    bar.value = bar.max;
    status.textContent = t.uploaded(name);
    chosen.item.classList.add('uploaded');
    return true;
  } catch (error) {
    bar.remove();
    status.classList.add('error');
    status.textContent = error instanceof MetadataStripError ? t.stripFailed(name) : t.uploadFailed(name, detailOf(error));
    return false;
  }
}

/** Uploads files one after the other; a failed one gets a retry button. Resolves with the sent ones. */
export async function uploadAll(place: () => DocumentPlace, files: readonly ChosenFile[], t: DocumentTexts, sharedWithReporter?: boolean, onRetried?: () => void): Promise<ChosenFile[]> {
  const sent: ChosenFile[] = [];
  for (const chosen of files) {
    if (await uploadChosen(place(), chosen, t, sharedWithReporter)) sent.push(chosen);
    else {
      const retry = element('button', { type: 'button', class: 'retry-upload' }, t.retry);
      retry.addEventListener('click', () => {
        retry.disabled = true;
        void uploadAll(place, [chosen], t, sharedWithReporter, onRetried).then((again) => {
          if (again.length) onRetried?.();
        });
      });
      chosen.item.append(retry);
    }
  }
  return sent;
}
