// Supporting documents (client side, Node and browser). Each file has its own random key F:
//   wrapped key = v1 envelope of F under the case key K, AD "vigie:v1:document-key:<org>:<case>:<document>"
//   metadata    = v1 envelope of {name, type, size} under F, AD "vigie:v1:document-metadata:<org>:<case>:<document>"
//   header      = 0x01 || crypto_secretstream_xchacha20poly1305 header (24 bytes)
//   content     = secretstream messages of DOCUMENT_CHUNK_BYTES plaintext each (the last one shorter,
//                 possibly empty, and tagged FINAL), every one with AD "vigie:v1:document-chunk:<org>:<case>:<document>"
// The stream refuses a chunk that was altered, moved, dropped or added, and a file cut short
// (no FINAL tag), so a download is either the exact file or an error.
import { EnvelopeError, associatedData, openEnvelope, sealEnvelope } from './envelope.ts';
import { concatBytes, utf8 } from './encoding.ts';
import { getSodium, type Sodium } from './sodium.ts';

/** Plaintext bytes per chunk: one database row, one unit of resumption, bounded memory on both ends. */
export const DOCUMENT_CHUNK_BYTES = 1024 * 1024;
/** secretstream's per-message overhead (1 tag byte + 16-byte MAC). */
export const DOCUMENT_CHUNK_OVERHEAD = 17;
export const DOCUMENT_CIPHER_CHUNK_BYTES = DOCUMENT_CHUNK_BYTES + DOCUMENT_CHUNK_OVERHEAD;
const STREAM_HEADER_V1 = 1;
/** Version byte + secretstream header. */
export const DOCUMENT_HEADER_BYTES = 1 + 24;
/** Version, nonce, the 32-byte file key, tag. */
export const WRAPPED_DOCUMENT_KEY_BYTES = 1 + 24 + 32 + 16;

export interface DocumentBinding {
  readonly organisationId: string;
  readonly caseId: string;
  readonly documentId: string;
}

/** What the metadata envelope holds: none of it reaches the server in clear. */
export interface DocumentMetadata {
  readonly name: string;
  readonly type: string;
  readonly size: number;
}

/** A download that is not exactly the file that was uploaded. */
export class DocumentIntegrityError extends Error {
  override name = 'DocumentIntegrityError';
}

const bound = (purpose: string, at: DocumentBinding) => associatedData(purpose, at.organisationId, at.caseId, at.documentId);

/** Chunks a file of `size` plaintext bytes is cut into (an empty file is one empty FINAL chunk). */
export function documentChunkCount(size: number): number {
  return Math.max(1, Math.ceil(size / DOCUMENT_CHUNK_BYTES));
}

/** Bytes the server stores for a file of `size` plaintext bytes. */
export function documentCiphertextBytes(size: number): number {
  return size + documentChunkCount(size) * DOCUMENT_CHUNK_OVERHEAD;
}

/**
 * Server-side reading of a declared ciphertext size: the number of chunks it must arrive in and
 * the plaintext size it stands for, or an error when no file encrypts to exactly that many bytes.
 */
export function chunkLayoutOf(ciphertextBytes: number): { chunkCount: number; plaintextBytes: number; lastChunkBytes: number } {
  const chunkCount = Math.max(1, Math.ceil(ciphertextBytes / DOCUMENT_CIPHER_CHUNK_BYTES));
  const lastChunkBytes = ciphertextBytes - (chunkCount - 1) * DOCUMENT_CIPHER_CHUNK_BYTES;
  if (!Number.isSafeInteger(ciphertextBytes) || lastChunkBytes < DOCUMENT_CHUNK_OVERHEAD) {
    throw new EnvelopeError(`no file encrypts to ${ciphertextBytes} bytes in ${DOCUMENT_CHUNK_BYTES}-byte chunks`);
  }
  return { chunkCount, plaintextBytes: ciphertextBytes - chunkCount * DOCUMENT_CHUNK_OVERHEAD, lastChunkBytes };
}

/** Server-side shape check of a stream header. */
export function checkDocumentHeader(header: Uint8Array): void {
  if (header[0] !== STREAM_HEADER_V1) throw new EnvelopeError(`unknown document stream version ${header[0] ?? 'none'}; this server reads version ${STREAM_HEADER_V1}`);
  if (header.length !== DOCUMENT_HEADER_BYTES) throw new EnvelopeError(`a document stream header is ${DOCUMENT_HEADER_BYTES} bytes; this one is ${header.length}`);
}

/** A fresh random file key (crypto_secretstream_xchacha20poly1305 key). */
export async function newDocumentKey(): Promise<Uint8Array> {
  return (await getSodium()).crypto_secretstream_xchacha20poly1305_keygen();
}

/** Wraps a file key under the case key (XChaCha20-Poly1305 envelope bound to the document). */
export function wrapDocumentKey(caseKey: Uint8Array, documentKey: Uint8Array, at: DocumentBinding): Promise<Uint8Array> {
  return sealEnvelope(caseKey, documentKey, bound('document-key', at));
}

export function unwrapDocumentKey(caseKey: Uint8Array, wrapped: Uint8Array, at: DocumentBinding): Promise<Uint8Array> {
  return openEnvelope(caseKey, wrapped, bound('document-key', at));
}

/** Encrypts the file's name, type and size under its own key (XChaCha20-Poly1305 envelope). */
export function sealDocumentMetadata(documentKey: Uint8Array, metadata: DocumentMetadata, at: DocumentBinding): Promise<Uint8Array> {
  const { name, type, size } = metadata;
  return sealEnvelope(documentKey, utf8.encode(JSON.stringify({ name, type, size })), bound('document-metadata', at));
}

export async function openDocumentMetadata(documentKey: Uint8Array, sealed: Uint8Array, at: DocumentBinding): Promise<DocumentMetadata> {
  const parsed = JSON.parse(utf8.decode(await openEnvelope(documentKey, sealed, bound('document-metadata', at)))) as Partial<DocumentMetadata>;
  if (typeof parsed.name !== 'string' || typeof parsed.type !== 'string' || !Number.isSafeInteger(parsed.size)) {
    throw new DocumentIntegrityError('the document metadata is not in the expected form');
  }
  return { name: parsed.name, type: parsed.type, size: parsed.size! };
}

/** Encrypts one file chunk by chunk (crypto_secretstream_xchacha20poly1305 push). */
export class DocumentEncryptor {
  private pushed = 0;
  private finished = false;
  private constructor(
    private readonly sodium: Sodium,
    private readonly state: ReturnType<Sodium['crypto_secretstream_xchacha20poly1305_init_push']>['state'],
    private readonly ad: Uint8Array,
    /** To be stored with the document: the reader needs it to start the stream. */
    readonly header: Uint8Array,
  ) {}

  static async start(documentKey: Uint8Array, at: DocumentBinding): Promise<DocumentEncryptor> {
    const sodium = await getSodium();
    const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(documentKey);
    return new DocumentEncryptor(sodium, state, bound('document-chunk', at), concatBytes(Uint8Array.of(STREAM_HEADER_V1), header));
  }

  /** The ciphertext of the next chunk: DOCUMENT_CHUNK_BYTES of plaintext, except the last. */
  encryptChunk(plaintext: Uint8Array, last: boolean): Uint8Array {
    if (this.finished) throw new Error('the document stream is already finished');
    if (plaintext.length > DOCUMENT_CHUNK_BYTES || (!last && plaintext.length !== DOCUMENT_CHUNK_BYTES)) {
      throw new Error(`a chunk holds ${DOCUMENT_CHUNK_BYTES} bytes (the last one at most that); got ${plaintext.length}`);
    }
    const tag = last ? this.sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL : this.sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    this.pushed++;
    this.finished = last;
    return this.sodium.crypto_secretstream_xchacha20poly1305_push(this.state, plaintext, this.ad, tag);
  }
}

/** Decrypts one file chunk by chunk (crypto_secretstream_xchacha20poly1305 pull), refusing any break in the sequence. */
export class DocumentDecryptor {
  private pulled = 0;
  private finished = false;
  private constructor(
    private readonly sodium: Sodium,
    private readonly state: ReturnType<Sodium['crypto_secretstream_xchacha20poly1305_init_pull']>,
    private readonly ad: Uint8Array,
  ) {}

  static async start(documentKey: Uint8Array, header: Uint8Array, at: DocumentBinding): Promise<DocumentDecryptor> {
    checkDocumentHeader(header);
    const sodium = await getSodium();
    let state;
    try {
      state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header.subarray(1), documentKey);
    } catch {
      throw new DocumentIntegrityError('the document stream header does not match this key');
    }
    return new DocumentDecryptor(sodium, state, bound('document-chunk', at));
  }

  decryptChunk(ciphertext: Uint8Array): Uint8Array {
    const position = this.pulled + 1;
    if (this.finished) throw new DocumentIntegrityError(`the file has data after its last chunk (chunk ${position}): it was tampered with`);
    let result: { message: Uint8Array; tag: number } | false = false;
    try {
      result = this.sodium.crypto_secretstream_xchacha20poly1305_pull(this.state, ciphertext, this.ad);
    } catch {
      result = false;
    }
    if (!result) throw new DocumentIntegrityError(`chunk ${position} does not decrypt: the file was altered, or its chunks were reordered or mixed with another file's`);
    this.pulled = position;
    this.finished = result.tag === this.sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    return result.message;
  }

  /** Call at the end of the data: a stream without its FINAL chunk was cut short. */
  finish(): void {
    if (!this.finished) throw new DocumentIntegrityError(`the file ends after chunk ${this.pulled} without its last chunk: it is truncated`);
  }
}
