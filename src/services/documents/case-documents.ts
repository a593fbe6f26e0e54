// Announcing a document (its wrapped key, sealed metadata and stream header, and its ciphertext
// size, which fixes how many chunks it arrives in) and forgetting an upload nobody finished.
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Executor } from '../../../db/index.ts';
import { caseDocuments } from '../../../db/schema.ts';
import { chunkLayoutOf, checkDocumentHeader, WRAPPED_DOCUMENT_KEY_BYTES } from '../../crypto/document-stream.ts';
import { EnvelopeError, checkEnvelopeShape } from '../../crypto/envelope.ts';
import { ConflictError, ForbiddenError, InvalidInputError, PayloadTooLargeError } from '../../domain/errors.ts';
import type { ServiceContext } from '../context.ts';
import { intakeSettingsOf } from '../intake-settings.ts';
import { documentFor, isAuthor, type CaseParty, type DocumentRow } from './document-access.ts';

export const DOCUMENT_METADATA_MAX_BYTES = 4096;

export interface NewDocument {
  readonly id: string;
  readonly wrappedKey: Uint8Array;
  readonly metadata: Uint8Array;
  readonly streamHeader: Uint8Array;
  readonly ciphertextBytes: number;
  /** Staff only: send the document to the reporter's mailbox too. */
  readonly sharedWithReporter?: boolean;
}

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;

function checkShapes(document: NewDocument): { chunkCount: number; plaintextBytes: number } {
  checkEnvelopeShape(document.wrappedKey);
  if (document.wrappedKey.length !== WRAPPED_DOCUMENT_KEY_BYTES) throw new EnvelopeError(`a wrapped document key is ${WRAPPED_DOCUMENT_KEY_BYTES} bytes; this one is ${document.wrappedKey.length}`);
  checkEnvelopeShape(document.metadata);
  if (document.metadata.length > DOCUMENT_METADATA_MAX_BYTES) throw new InvalidInputError(`The sealed metadata is at most ${DOCUMENT_METADATA_MAX_BYTES} bytes.`, 'metadata_too_long');
  checkDocumentHeader(document.streamHeader);
  try {
    return chunkLayoutOf(document.ciphertextBytes);
  } catch (error) {
    if (error instanceof EnvelopeError) throw new InvalidInputError(`${error.message}: the declared size is not that of an encrypted file.`, 'invalid_document_size');
    throw error;
  }
}

export async function announceDocument(ctx: ServiceContext, party: CaseParty, document: NewDocument): Promise<DocumentRow> {
  const layout = checkShapes(document);
  const shared = party.kind === 'reporter' || document.sharedWithReporter === true;
  // Like a message, what reaches the reporter comes from a referent.
  if (party.kind === 'staff' && shared && !party.staff.roles.includes('referent')) throw new ForbiddenError('Only a referent sends documents to the reporter.', 'role_required');
  const { documentMaxBytes } = await intakeSettingsOf(ctx.db, party.organisationId);
  if (layout.plaintextBytes > documentMaxBytes) {
    throw new PayloadTooLargeError(`This file is ${megabytes(layout.plaintextBytes)}; this organisation accepts files of up to ${megabytes(documentMaxBytes)}. Split it or compress it, or ask the referent for another way to hand it over.`);
  }
  const [inserted] = await ctx.db
    .insert(caseDocuments)
    .values({
      id: document.id,
      caseId: party.caseId,
      authorKind: party.kind,
      authorStaffId: party.kind === 'staff' ? party.staff.accountId : null,
      sharedWithReporter: shared,
      wrappedKey: document.wrappedKey,
      metadata: document.metadata,
      streamHeader: document.streamHeader,
      ciphertextBytes: document.ciphertextBytes,
      chunkCount: layout.chunkCount,
      storage: ctx.config.documents.store,
      createdAt: ctx.clock.now(),
    })
    .onConflictDoNothing()
    .returning();
  if (!inserted) throw new ConflictError('A document with this id already exists; draw a new random id for each document.', 'document_id_taken');
  return inserted;
}

/** Removes a document and its chunks (the row last, so a failure leaves it to the sweep). */
export async function removeDocument(ctx: ServiceContext, document: DocumentRow): Promise<void> {
  const store = ctx.documentStores[document.storage];
  await ctx.db.transaction(async (tx) => {
    await store.deleteDocument(tx, { caseId: document.caseId, documentId: document.id });
    await tx.delete(caseDocuments).where(eq(caseDocuments.id, document.id));
  });
}

/** The author gives up an upload; a delivered document stays with the case until the purge. */
export async function abandonUpload(ctx: ServiceContext, party: CaseParty, documentId: string): Promise<void> {
  const document = await documentFor(ctx.db, party, documentId);
  if (!isAuthor(party, document)) throw new ForbiddenError('Only the person uploading a document may abandon it.', 'not_author');
  if (document.completedAt) throw new ConflictError('This document was delivered: it stays with the case until the case is purged.', 'document_complete');
  await removeDocument(ctx, document);
}

/** Uploads started before `before` and never finished. */
export function abandonedUploads(db: Executor, before: Date): Promise<DocumentRow[]> {
  return db.select().from(caseDocuments).where(and(isNull(caseDocuments.completedAt), lt(caseDocuments.createdAt, before)));
}
