// Walks PNG chunks and keeps only what is needed to show the picture as it was: critical chunks,
// and the ancillary chunks that affect colour, transparency, pixel size or animation. Kept chunks
// are copied whole, so their CRCs stay valid.
import { asciiAt, concatBytes, MetadataStripError, readU32 } from './metadata-bytes.ts';

const SIGNATURE_LENGTH = 8;

const RENDERING_CHUNKS = new Set([
  'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'bKGD', 'pHYs',
  // HDR colour (PNG third edition) and APNG animation control.
  'cICP', 'mDCv', 'cLLi', 'acTL', 'fcTL', 'fdAT',
]);

function isCritical(type: string): boolean {
  // The case of the first letter is the spec's critical bit; a decoder must understand these.
  return type.charCodeAt(0) < 0x61;
}

function removedName(type: string, chunk: Uint8Array): string {
  switch (type) {
    case 'tEXt':
    case 'zTXt':
      return 'text';
    case 'iTXt':
      return asciiAt(chunk, 8, 18) === 'XML:com.adobe.xmp\0' ? 'XMP' : 'text';
    case 'eXIf':
      return 'EXIF';
    case 'tIME':
      return 'time';
    default:
      return `${type} chunk`;
  }
}

export function stripPng(bytes: Uint8Array): { bytes: Uint8Array; removed: string[] } {
  const parts: Uint8Array[] = [bytes.subarray(0, SIGNATURE_LENGTH)];
  const removed = new Set<string>();
  let at = SIGNATURE_LENGTH;
  for (;;) {
    const length = readU32(bytes, at, false, 'a PNG chunk header');
    const type = asciiAt(bytes, at + 4, 4);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new MetadataStripError(`The PNG file is malformed: invalid chunk type at byte ${at + 4}.`);
    if (length > 0x7fffffff) throw new MetadataStripError(`The PNG file is malformed: chunk ${type} declares length ${length}.`);
    if (at === SIGNATURE_LENGTH && type !== 'IHDR') throw new MetadataStripError('The PNG file is malformed: it does not start with an IHDR chunk.');
    const end = at + 12 + length;
    if (end > bytes.length) throw new MetadataStripError(`The PNG file is truncated: chunk ${type} runs past its end.`);
    const chunk = bytes.subarray(at, end);
    if (isCritical(type) || RENDERING_CHUNKS.has(type)) parts.push(chunk);
    else removed.add(removedName(type, chunk));
    at = end;
    if (type === 'IEND') break;
  }
  if (at < bytes.length) removed.add('trailing data');
  return { bytes: concatBytes(parts), removed: [...removed] };
}
