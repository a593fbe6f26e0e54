// Document chunks in files: <directory>/<case id>/<document id>, chunk i at offset
// i × DOCUMENT_CIPHER_CHUNK_BYTES. Names are the database's own UUIDs, never user input. A chunk
// is flushed to disk before the database counts it, so a crash leaves at most an uncounted tail.
import fs from 'node:fs';
import path from 'node:path';
import type { Executor } from '../../../db/index.ts';
import { DOCUMENT_CIPHER_CHUNK_BYTES } from '../../crypto/document-stream.ts';
import type { DocumentRef, DocumentStore } from './document-store.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class FileDocumentStore implements DocumentStore {
  readonly kind = 'files' as const;

  constructor(private readonly directory: string) {}

  private caseFolder(caseId: string): string {
    if (!UUID.test(caseId)) throw new Error('a case id is a lower-case UUID');
    return path.join(this.directory, caseId);
  }

  private fileOf(ref: DocumentRef): string {
    if (!UUID.test(ref.documentId)) throw new Error('a document id is a lower-case UUID');
    return path.join(this.caseFolder(ref.caseId), ref.documentId);
  }

  async writeChunks(_db: Executor, ref: DocumentRef, first: number, chunks: readonly Uint8Array[]): Promise<void> {
    await fs.promises.mkdir(this.caseFolder(ref.caseId), { recursive: true, mode: 0o700 });
    const file = await fs.promises.open(this.fileOf(ref), fs.constants.O_WRONLY | fs.constants.O_CREAT, 0o600);
    try {
      let position = first * DOCUMENT_CIPHER_CHUNK_BYTES;
      for (const bytes of chunks) {
        await file.write(bytes, 0, bytes.length, position);
        position += bytes.length;
      }
      await file.datasync();
    } finally {
      await file.close();
    }
  }

  async *readChunks(_db: Executor, ref: DocumentRef, from: number, to: number): AsyncIterable<Uint8Array> {
    const file = await fs.promises.open(this.fileOf(ref), 'r');
    try {
      for (let index = from; index < to; index++) {
        const buffer = new Uint8Array(DOCUMENT_CIPHER_CHUNK_BYTES);
        const { bytesRead } = await file.read(buffer, 0, buffer.length, index * DOCUMENT_CIPHER_CHUNK_BYTES);
        // The last chunk is shorter; the caller knows every length and checks the total.
        yield buffer.subarray(0, bytesRead);
      }
    } finally {
      await file.close();
    }
  }

  async deleteDocument(_tx: Executor, ref: DocumentRef): Promise<void> {
    await fs.promises.rm(this.fileOf(ref), { force: true });
  }

  async casesHeldOutside(): Promise<string[]> {
    const entries = await fs.promises.readdir(this.directory, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    return entries.filter((entry) => entry.isDirectory() && UUID.test(entry.name)).map((entry) => entry.name);
  }

  async forgetCases(caseIds: readonly string[]): Promise<void> {
    for (const caseId of caseIds) await fs.promises.rm(this.caseFolder(caseId), { recursive: true, force: true });
  }
}
