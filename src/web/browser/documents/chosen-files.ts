// The files a person picked, each with its metadata hygiene: images we can clean losslessly
// (JPEG, PNG, WebP, recognised by their magic bytes) get a checked-by-default box; anything else
// is said plainly to keep whatever metadata it carries.
import type { DocumentSource } from '../../../client/document-transfer.ts';
import type { DocumentTexts } from '../../../i18n/documents.ts';
import { detectStrippable, stripMetadata, type MetadataSupport } from '../metadata/strip-metadata.ts';
import { element } from '../dom.ts';
import { bytesSource, fileSource } from './file-source.ts';

/** Cleaning reads the whole image into memory: only offered up to this size. */
export const STRIP_MAX_BYTES = 50 * 1024 * 1024;

export interface ChosenFile {
  readonly file: File;
  readonly support: MetadataSupport;
  /** The "remove metadata" box, when this file can be cleaned. */
  readonly strip: HTMLInputElement | null;
  /** The list item showing the file, its note and later its progress. */
  readonly item: HTMLLIElement;
}

let chosenCounter = 0;

export async function describeChosen(file: File, t: DocumentTexts, maxBytes: number | null): Promise<ChosenFile | string> {
  if (maxBytes !== null && file.size > maxBytes) return t.tooBig(file.name, maxBytes);
  const support = detectStrippable(new Uint8Array(await file.slice(0, 16).arrayBuffer()), file.type);
  const id = `strip-${++chosenCounter}`;
  let strip: HTMLInputElement | null = null;
  let note: HTMLElement;
  if (support !== 'unsupported' && file.size <= STRIP_MAX_BYTES) {
    // Checked as the default too, so a form reset (the filing form's, once sent) keeps it checked.
    strip = element('input', { type: 'checkbox', id, checked: '' });
    note = element('div', { class: 'choice' }, strip, element('label', { for: id }, t.strip));
  } else {
    note = element('p', { class: 'hint' }, support === 'unsupported' ? t.cannotStrip : t.stripTooBig);
  }
  const item = element('li', { class: 'chosen-document' }, element('p', { class: 'document-name' }, element('strong', {}, file.name), ` (${t.size(file.size)})`), note);
  return { file, support, strip, item };
}

/** The source to send and what was removed (null when the file is sent as it is). Throws MetadataStripError. */
export async function sourceOf(chosen: ChosenFile): Promise<{ source: DocumentSource; removed: string[] | null }> {
  if (!chosen.strip?.checked) return { source: fileSource(chosen.file), removed: null };
  const cleaned = stripMetadata(new Uint8Array(await chosen.file.arrayBuffer()));
  return { source: bytesSource(chosen.file, cleaned.bytes), removed: cleaned.removed };
}
