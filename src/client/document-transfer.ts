// Uploading and downloading supporting documents, for the Node reference client and the pages
// alike: the file is encrypted chunk by chunk as it is read (secretstream, src/crypto), sent in
// windows of whole chunks, and a window that fails is sent again from the first chunk the server
// does not have. A download decrypts as it arrives and resumes from the last whole chunk.
import {
  DOCUMENT_CHUNK_BYTES,
  DOCUMENT_CIPHER_CHUNK_BYTES,
  DocumentDecryptor,
  DocumentEncryptor,
  DocumentIntegrityError,
  documentChunkCount,
  documentCiphertextBytes,
  newDocumentKey,
  openDocumentMetadata,
  sealDocumentMetadata,
  unwrapDocumentKey,
  wrapDocumentKey,
  type DocumentBinding,
  type DocumentMetadata,
} from '../crypto/document-stream.ts';
import { fromBase64Url, toBase64Url } from '../crypto/encoding.ts';
import { newRandomId } from '../crypto/random-id.ts';
import { exactChunks, piecesOf } from './byte-chunks.ts';
import { HttpError, type VigieHttp } from './http.ts';

/** A file to send: its metadata and its bytes, in pieces of any size. */
export interface DocumentSource extends DocumentMetadata {
  read(): AsyncIterable<Uint8Array>;
}

/** A document as the mailbox and the case list it. */
export interface ListedDocument {
  id: string;
  author: 'reporter' | 'staff';
  authorStaffId: string | null;
  sharedWithReporter: boolean;
  wrappedKey: string;
  metadata: string;
  streamHeader: string;
  ciphertextBytes: number;
  chunkCount: number;
  storedChunks: number;
  createdAt: string;
  completedAt: string | null;
}

export interface UploadProgress {
  id: string;
  chunkCount: number;
  storedChunks: number;
  chunkBytes: number;
  complete: boolean;
}

/** Where a case's documents live for this caller, its case key and what the ciphertexts are bound to. */
export interface DocumentPlace {
  readonly http: VigieHttp;
  /** "/api/v1/mailbox/documents" or "/api/v1/cases/<id>/documents". */
  readonly prefix: string;
  readonly caseKey: Uint8Array;
  readonly organisationId: string;
  readonly caseId: string;
}

export interface UploadOptions {
  readonly sharedWithReporter?: boolean;
  /** Called after each window with the plaintext bytes stored so far. */
  readonly onProgress?: (sentBytes: number, totalBytes: number) => void;
  /** Attempts per window before giving up (a broken connection, a server restarting). */
  readonly attempts?: number;
  /** Largest window, in chunks. */
  readonly maxWindowChunks?: number;
}

const bindingOf = (place: DocumentPlace, documentId: string): DocumentBinding => ({ organisationId: place.organisationId, caseId: place.caseId, documentId });

async function answerOf<T>(response: Response, expected: number): Promise<T> {
  const text = await response.text();
  const body: unknown = text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
  if (response.status !== expected) throw new HttpError(response.status, body);
  return body as T;
}

function joined(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The server's progress on a document (where an upload resumes). */
export function uploadProgress(place: DocumentPlace, documentId: string): Promise<UploadProgress> {
  return place.http.expect<UploadProgress>(200, 'GET', `${place.prefix}/${documentId}`);
}

/** Sends chunks [first, first + window.length) and retries from what the server has, within the window. */
async function sendWindow(place: DocumentPlace, documentId: string, first: number, window: Uint8Array[], attempts: number): Promise<void> {
  let from = first;
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await place.http.raw('PUT', `${place.prefix}/${documentId}/chunks?from=${from}`, {
        headers: { 'content-type': 'application/octet-stream' },
        body: joined(window.slice(from - first)) as BodyInit,
      });
      const progress = await answerOf<UploadProgress>(response, 200);
      if (progress.storedChunks === first + window.length) return;
      throw new Error(`the server stored ${progress.storedChunks} chunks, expected ${first + window.length}`);
    } catch (error) {
      if (error instanceof HttpError && error.status < 500 && error.status !== 400 && error.status !== 409) throw error;
      if (attempt >= attempts) throw error;
      await pause(Math.min(5000, 200 * 2 ** attempt));
      // Ask where the server is: it keeps every whole chunk it received before the break.
      const progress = await uploadProgress(place, documentId).catch(() => null);
      if (!progress) continue;
      if (progress.storedChunks < first || progress.storedChunks > first + window.length) throw error;
      if (progress.storedChunks === first + window.length) return;
      from = progress.storedChunks;
    }
  }
}

/**
 * Encrypts and uploads a file; returns its id once the server holds every chunk. Windows start
 * at one chunk and double while a window takes under two seconds, so a slow line never meets the
 * request timeout and a fast one is not held back.
 */
export async function uploadDocument(place: DocumentPlace, source: DocumentSource, options: UploadOptions = {}): Promise<string> {
  const documentId = await newRandomId();
  const at = bindingOf(place, documentId);
  const documentKey = await newDocumentKey();
  const encryptor = await DocumentEncryptor.start(documentKey, at);
  const metadata = { name: source.name, type: source.type, size: source.size };
  await place.http.expect(201, 'POST', place.prefix, {
    id: documentId,
    wrappedKey: toBase64Url(await wrapDocumentKey(place.caseKey, documentKey, at)),
    metadata: toBase64Url(await sealDocumentMetadata(documentKey, metadata, at)),
    streamHeader: toBase64Url(encryptor.header),
    ciphertextBytes: documentCiphertextBytes(source.size),
    ...(options.sharedWithReporter === undefined ? {} : { sharedWithReporter: options.sharedWithReporter }),
  });
  const chunkCount = documentChunkCount(source.size);
  const maxWindow = options.maxWindowChunks ?? 16;
  let windowSize = 1;
  let window: Uint8Array[] = [];
  let first = 0;
  let index = 0;
  let plaintextSent = 0;
  let plaintextInWindow = 0;
  const flush = async () => {
    const started = Date.now();
    await sendWindow(place, documentId, first, window, options.attempts ?? 6);
    windowSize = Date.now() - started < 2000 ? Math.min(maxWindow, windowSize * 2) : Math.max(1, Math.floor(windowSize / 2));
    first += window.length;
    window = [];
    plaintextSent += plaintextInWindow;
    plaintextInWindow = 0;
    options.onProgress?.(plaintextSent, source.size);
  };
  for await (const plaintext of exactChunks(source.read(), () => DOCUMENT_CHUNK_BYTES)) {
    if (index >= chunkCount || plaintextSent + plaintextInWindow + plaintext.length > source.size) throw new Error('the file is longer than its declared size');
    const last = index === chunkCount - 1;
    window.push(encryptor.encryptChunk(plaintext, last));
    plaintextInWindow += plaintext.length;
    index++;
    if (window.length >= windowSize || last) await flush();
  }
  // An empty file is one empty chunk, which the loop above never sees.
  if (index === 0 && chunkCount === 1) {
    window.push(encryptor.encryptChunk(new Uint8Array(0), true));
    index++;
    await flush();
  }
  if (index !== chunkCount) throw new Error(`the file is shorter than its declared size (${index} of ${chunkCount} chunks)`);
  return documentId;
}

/** Opens the name, type and size of a listed document. */
export async function readDocumentMetadata(place: DocumentPlace, document: ListedDocument): Promise<DocumentMetadata> {
  const at = bindingOf(place, document.id);
  const documentKey = await unwrapDocumentKey(place.caseKey, fromBase64Url(document.wrappedKey), at);
  return openDocumentMetadata(documentKey, fromBase64Url(document.metadata), at);
}

/**
 * Downloads and decrypts a document as a stream of plaintext pieces; throws DocumentIntegrityError
 * for anything altered, reordered or cut short. A broken connection resumes at the next whole chunk.
 */
export async function* downloadDocument(place: DocumentPlace, document: ListedDocument, options: { attempts?: number } = {}): AsyncGenerator<Uint8Array> {
  const at = bindingOf(place, document.id);
  const documentKey = await unwrapDocumentKey(place.caseKey, fromBase64Url(document.wrappedKey), at);
  const decryptor = await DocumentDecryptor.start(documentKey, fromBase64Url(document.streamHeader), at);
  let next = 0;
  for (let attempt = 1; ; attempt++) {
    const response = await place.http.raw('GET', `${place.prefix}/${document.id}/content?from=${next}`);
    if (response.status !== 200 || !response.body) await answerOf(response, 200);
    let broken: unknown = null;
    try {
      for await (const chunk of exactChunks(piecesOf(response.body!), () => DOCUMENT_CIPHER_CHUNK_BYTES)) {
        // A short chunk before the end is a cut connection, unless it is the file's last.
        const expected = next < document.chunkCount - 1 ? DOCUMENT_CIPHER_CHUNK_BYTES : document.ciphertextBytes - next * DOCUMENT_CIPHER_CHUNK_BYTES;
        if (chunk.length < expected) {
          broken = new Error('connection cut inside a chunk');
          break;
        }
        yield decryptor.decryptChunk(chunk);
        next++;
      }
    } catch (error) {
      if (error instanceof DocumentIntegrityError) throw error;
      broken = error;
    }
    if (broken === null || next >= document.chunkCount) break;
    if (attempt >= (options.attempts ?? 4)) throw new DocumentIntegrityError(`the download stopped after chunk ${next} and could not be resumed: the file is incomplete`);
    await pause(Math.min(5000, 200 * 2 ** attempt));
  }
  decryptor.finish();
}
