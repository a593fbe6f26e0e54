// Files for document tests: random bytes of a given size, read in pieces of an odd size (so the
// client's re-chunking is exercised), and what a download gave back.
import { createHash, randomBytes } from 'node:crypto';
import type { DocumentSource } from '../../src/client/document-transfer.ts';

/** A file's bytes in pieces of a prime size, so pieces never line up with chunks. */
async function* piecesOf(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  const piece = 65_521;
  for (let offset = 0; offset < bytes.length; offset += piece) {
    await Promise.resolve();
    yield bytes.subarray(offset, Math.min(bytes.length, offset + piece));
  }
}

export function randomFile(size: number, name = `piece-${size}.bin`, type = 'application/octet-stream'): DocumentSource & { bytes: Uint8Array } {
  const bytes = new Uint8Array(randomBytes(size));
  return {
    name,
    type,
    size,
    bytes,
    read: () => piecesOf(bytes),
  };
}

export async function collect(pieces: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const piece of pieces) parts.push(piece);
  return new Uint8Array(Buffer.concat(parts));
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
