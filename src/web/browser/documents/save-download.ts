// Saves a decrypted document. Where the browser has the File System Access API and the file is
// large, the plaintext is written to disk as it is decrypted; otherwise it is gathered into a Blob
// and handed over through a temporary object-URL link. Small files always take the Blob path: it
// needs no extra dialog, and it keeps the browser tests deterministic (headless Chromium has
// showSaveFilePicker but no one to answer its dialog).
import { downloadDocument, type DocumentPlace, type ListedDocument } from '../../../client/document-transfer.ts';
import type { DocumentMetadata } from '../../../crypto/document-stream.ts';

/** From this size on, a browser that can stream to disk does. */
export const STREAM_TO_DISK_FROM_BYTES = 100 * 1024 * 1024;

interface WritableFile {
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}
type SaveFilePicker = (options: { suggestedName: string }) => Promise<{ createWritable(): Promise<WritableFile> }>;

function saveFilePicker(): SaveFilePicker | undefined {
  const picker = (window as unknown as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
  return typeof picker === 'function' ? picker.bind(window) : undefined;
}

export type SaveMethod = 'streamed' | 'memory';

/** How a file of this size will be saved here (the page says it before the download starts). */
export function saveMethodFor(size: number): SaveMethod {
  return saveFilePicker() && size >= STREAM_TO_DISK_FROM_BYTES ? 'streamed' : 'memory';
}

/**
 * Downloads, decrypts and saves. Throws DocumentIntegrityError (and saves nothing) when the file
 * was altered, reordered or cut short; an AbortError when the person closed the save dialog.
 */
export async function saveDocument(place: DocumentPlace, listed: ListedDocument, metadata: DocumentMetadata): Promise<SaveMethod> {
  const picker = saveFilePicker();
  if (picker && metadata.size >= STREAM_TO_DISK_FROM_BYTES) {
    const handle = await picker({ suggestedName: metadata.name });
    const writable = await handle.createWritable();
    try {
      for await (const piece of downloadDocument(place, listed)) await writable.write(piece);
    } catch (error) {
      // Aborting discards what was written: a damaged file never lands on disk.
      await writable.abort().catch(() => undefined);
      throw error;
    }
    await writable.close();
    return 'streamed';
  }
  const pieces: Uint8Array[] = [];
  for await (const piece of downloadDocument(place, listed)) pieces.push(piece);
  const url = URL.createObjectURL(new Blob(pieces as BlobPart[], { type: metadata.type || 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = metadata.name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click hands the Blob to the download manager; the URL can go once it has it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return 'memory';
}
