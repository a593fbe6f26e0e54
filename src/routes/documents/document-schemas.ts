// JSON shapes of documents, shared by the mailbox and the staff case routes.
import { Type } from '@sinclair/typebox';
import { toBase64Url } from '../../crypto/encoding.ts';
import { DOCUMENT_CHUNK_BYTES, DOCUMENT_CIPHER_CHUNK_BYTES, DOCUMENT_HEADER_BYTES, WRAPPED_DOCUMENT_KEY_BYTES } from '../../crypto/document-stream.ts';
import { DOCUMENT_METADATA_MAX_BYTES } from '../../services/documents/case-documents.ts';
import type { CaseParty, DocumentRow } from '../../services/documents/document-access.ts';
import { Base64Url, ClientUuid, StrictObject } from '../schemas.ts';

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const DocumentSchema = Type.Object({
  id: Type.String(),
  author: Type.Union([Type.Literal('reporter'), Type.Literal('staff')]),
  authorStaffId: Type.Union([Type.String(), Type.Null()], { description: 'null in the mailbox: staff names stay out of it' }),
  sharedWithReporter: Type.Boolean(),
  wrappedKey: Type.String({ description: 'the file key, wrapped under the case key' }),
  metadata: Type.String({ description: 'name, type and size, sealed under the file key' }),
  streamHeader: Type.String(),
  ciphertextBytes: Type.Integer(),
  chunkCount: Type.Integer(),
  storedChunks: Type.Integer(),
  createdAt: Type.String(),
  completedAt: Type.Union([NullableString], { description: 'null while the upload is not finished' }),
});

export const ProgressSchema = Type.Object({
  id: Type.String(),
  chunkCount: Type.Integer(),
  storedChunks: Type.Integer({ description: 'an upload resumes at this chunk' }),
  chunkBytes: Type.Integer({ description: `ciphertext bytes of every chunk but the last (${DOCUMENT_CIPHER_CHUNK_BYTES})` }),
  complete: Type.Boolean(),
});

export const NewDocumentBody = (forStaff: boolean) =>
  StrictObject({
    id: ClientUuid,
    wrappedKey: Base64Url(WRAPPED_DOCUMENT_KEY_BYTES, WRAPPED_DOCUMENT_KEY_BYTES),
    metadata: Base64Url(1, DOCUMENT_METADATA_MAX_BYTES),
    streamHeader: Base64Url(DOCUMENT_HEADER_BYTES, DOCUMENT_HEADER_BYTES),
    ciphertextBytes: Type.Integer({ minimum: 17, maximum: Number.MAX_SAFE_INTEGER, description: `the whole ciphertext: plaintext + 17 bytes per chunk of ${DOCUMENT_CHUNK_BYTES}` }),
    ...(forStaff ? { sharedWithReporter: Type.Optional(Type.Boolean({ description: "also send it to the reporter's mailbox (referents only)" })) } : {}),
  });

/** `from` in a query string: a chunk number. */
export const ChunkQuery = StrictObject({ from: Type.Optional(Type.String({ pattern: '^(0|[1-9][0-9]{0,8})$' })) });

export function presentDocument(document: DocumentRow, viewer: CaseParty['kind']) {
  return {
    id: document.id,
    author: document.authorKind,
    authorStaffId: viewer === 'staff' ? document.authorStaffId : null,
    sharedWithReporter: document.sharedWithReporter,
    wrappedKey: toBase64Url(document.wrappedKey),
    metadata: toBase64Url(document.metadata),
    streamHeader: toBase64Url(document.streamHeader),
    ciphertextBytes: document.ciphertextBytes,
    chunkCount: document.chunkCount,
    storedChunks: document.storedChunks,
    createdAt: document.createdAt.toISOString(),
    completedAt: document.completedAt?.toISOString() ?? null,
  };
}

export function presentProgress(document: { id: string; chunkCount: number; storedChunks: number }) {
  return { id: document.id, chunkCount: document.chunkCount, storedChunks: document.storedChunks, chunkBytes: DOCUMENT_CIPHER_CHUNK_BYTES, complete: document.storedChunks === document.chunkCount };
}
