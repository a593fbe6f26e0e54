// A chosen file as a DocumentSource: read through file.stream(), so a large file is encrypted
// piece by piece and never held whole in memory. Only a cleaned image is sent from bytes.
import { piecesOf } from '../../../client/byte-chunks.ts';
import type { DocumentSource } from '../../../client/document-transfer.ts';

export function fileSource(file: File): DocumentSource {
  return { name: file.name, type: file.type || 'application/octet-stream', size: file.size, read: () => piecesOf(file.stream()) };
}

async function* oneChunk(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield await Promise.resolve(bytes);
}

export function bytesSource(file: File, bytes: Uint8Array): DocumentSource {
  return {
    name: file.name,
    type: file.type || 'application/octet-stream',
    size: bytes.length,
    read: () => oneChunk(bytes),
  };
}
