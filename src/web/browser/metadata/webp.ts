// Walks the chunks of a WebP RIFF container. EXIF and XMP chunks go, and so does any chunk this
// walker does not know, since it could carry anything; the VP8X flags and the RIFF size are then
// rewritten to describe what is left. Image chunks (VP8, VP8L, ALPH, ANMF) are copied verbatim.
import { asciiAt, concatBytes, MetadataStripError, readU32 } from './metadata-bytes.ts';

const HEADER_LENGTH = 12;
const VP8X_EXIF_FLAG = 0x08;
const VP8X_XMP_FLAG = 0x04;
const IMAGE_CHUNKS = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);

function removedName(fourcc: string): string {
  if (fourcc === 'EXIF') return 'EXIF';
  if (fourcc === 'XMP ') return 'XMP';
  return /^[\x20-\x7e]{4}$/.test(fourcc) ? `${fourcc.trim()} chunk` : 'unknown chunk';
}

function riffHeader(payloadLength: number): Uint8Array {
  const header = new Uint8Array(HEADER_LENGTH);
  header.set([0x52, 0x49, 0x46, 0x46], 0); // RIFF
  new DataView(header.buffer).setUint32(4, payloadLength + 4, true);
  header.set([0x57, 0x45, 0x42, 0x50], 8); // WEBP
  return header;
}

export function stripWebp(bytes: Uint8Array): { bytes: Uint8Array; removed: string[] } {
  const riffEnd = 8 + readU32(bytes, 4, true, 'the RIFF header');
  if (riffEnd < HEADER_LENGTH) throw new MetadataStripError('The WebP file is malformed: its RIFF size is too small.');
  if (riffEnd > bytes.length) throw new MetadataStripError('The WebP file is truncated: its RIFF size runs past its end.');
  const parts: Uint8Array[] = [];
  const removed = new Set<string>();
  let at = HEADER_LENGTH;
  while (at < riffEnd) {
    if (at + 8 > riffEnd) throw new MetadataStripError(`The WebP file is malformed: a chunk header at byte ${at} is cut short.`);
    const fourcc = asciiAt(bytes, at, 4);
    const size = readU32(bytes, at + 4, true, 'a WebP chunk header');
    const dataEnd = at + 8 + size;
    if (dataEnd > riffEnd) throw new MetadataStripError(`The WebP file is truncated: chunk '${fourcc}' runs past its end.`);
    if (!IMAGE_CHUNKS.has(fourcc)) {
      removed.add(removedName(fourcc));
    } else if (fourcc === 'VP8X') {
      if (size < 1) throw new MetadataStripError('The WebP file is malformed: its VP8X chunk is empty.');
      const extended = bytes.slice(at, dataEnd);
      extended[8] = (extended[8] ?? 0) & ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG);
      parts.push(extended);
    } else {
      parts.push(bytes.subarray(at, dataEnd));
    }
    // The pad byte is written as zero rather than copied: it is not part of any image data. Some
    // writers omit the last pad byte; the output always has it.
    if (size % 2 === 1 && IMAGE_CHUNKS.has(fourcc)) parts.push(new Uint8Array(1));
    at = dataEnd + (size % 2);
  }
  if (riffEnd < bytes.length) removed.add('trailing data');
  const body = concatBytes(parts);
  return { bytes: concatBytes([riffHeader(body.length), body]), removed: [...removed] };
}
