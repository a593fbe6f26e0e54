// Where the ciphertext chunks of documents live. Both stores write chunk i of a document at a
// fixed place, so writing it again (a resumed upload) replaces a leftover; only the document row's
// stored_chunks says which chunks count, and it moves after the chunk is durably written.
import type { Executor } from '../../../db/index.ts';
import type { DocumentStorage } from '../../../db/schema.ts';
import type { Config } from '../../config.ts';
import { DatabaseDocumentStore } from './database-document-store.ts';
import { FileDocumentStore } from './file-document-store.ts';

export interface DocumentRef {
  readonly caseId: string;
  readonly documentId: string;
}

export interface DocumentStore {
  readonly kind: DocumentStorage;
  /**
   * Stores consecutive chunks from `first` durably (committed, or flushed to disk). They count only
   * once the caller moves the document's stored_chunks past them, after this resolves.
   */
  writeChunks(db: Executor, ref: DocumentRef, first: number, chunks: readonly Uint8Array[]): Promise<void>;
  /** Chunks [from, to) in order, a few at a time. */
  readChunks(db: Executor, ref: DocumentRef, from: number, to: number): AsyncIterable<Uint8Array>;
  /** Forgets one document's chunks (an abandoned upload). Database rows go in the caller's transaction. */
  deleteDocument(tx: Executor, ref: DocumentRef): Promise<void>;
  /** After a purge committed: removes what the purge's statement could not (files). */
  forgetCases(caseIds: readonly string[]): Promise<void>;
  /** Cases this store holds something of outside the database (none for the database itself). */
  casesHeldOutside(): Promise<string[]>;
}

export function documentStores(config: Config['documents']): Record<DocumentStorage, DocumentStore> {
  return { database: new DatabaseDocumentStore(), files: new FileDocumentStore(config.directory) };
}
