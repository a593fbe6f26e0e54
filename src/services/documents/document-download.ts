// Sending a delivered document's ciphertext as a stream, from any chunk (a download resumes
// too). The server never decrypts: the client's stream decryption refuses anything altered.
import { ConflictError, InvalidInputError } from '../../domain/errors.ts';
import type { ServiceContext } from '../context.ts';
import { documentFor, type CaseParty } from './document-access.ts';
import { bytesFrom, chunkLength } from './document-upload.ts';

export interface DocumentContent {
  readonly length: number;
  readonly chunks: AsyncIterable<Uint8Array>;
}

export async function documentContent(ctx: ServiceContext, party: CaseParty, documentId: string, from: number): Promise<DocumentContent> {
  const document = await documentFor(ctx.db, party, documentId);
  if (!document.completedAt) throw new ConflictError(`This upload is not finished (${document.storedChunks} of ${document.chunkCount} chunks): resume it before downloading.`, 'document_incomplete');
  if (from >= document.chunkCount) throw new InvalidInputError(`This document has ${document.chunkCount} chunk(s), numbered from 0.`, 'beyond_end');
  const stored = ctx.documentStores[document.storage].readChunks(ctx.db, { caseId: document.caseId, documentId: document.id }, from, document.chunkCount);
  async function* exact(): AsyncIterable<Uint8Array> {
    let index = from;
    for await (const chunk of stored) {
      const expected = chunkLength(document, index);
      // A store that lost bytes ends the response short; the client then reports a truncated file.
      if (chunk.length < expected) throw new Error(`document ${document.id}: chunk ${index} is ${chunk.length} bytes, not ${expected}`);
      yield chunk.length === expected ? chunk : chunk.subarray(0, expected);
      index++;
    }
  }
  return { length: bytesFrom(document, from), chunks: exact() };
}
