// Walks JPEG marker segments and drops the ones that carry metadata. Entropy-coded scan data is
// copied verbatim, so the pixels are never re-encoded. Segments between scans (progressive files)
// and anything after the end-of-image marker are examined too: comments and appended pictures
// (multi-picture thumbnails, motion-photo videos) can hide there.
// The one EXIF field kept is Orientation: a picture taken sideways would otherwise show sideways.
// When the removed EXIF says 2–8, a minimal EXIF holding that single tag is written in its place.
import { byteAt, concatBytes, MetadataStripError, readU16BE, startsWith } from './metadata-bytes.ts';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;

interface SegmentVerdict {
  readonly keep: Uint8Array | null;
  readonly removed: string | null;
  /** For a removed EXIF segment: its Orientation, when valid and not 1 (the default). */
  readonly orientation?: number;
}

const EXIF_HEADER_LENGTH = 10; // marker (2), length (2), 'Exif\0\0' (6); the TIFF data follows
const ORIENTATION_TAG = 0x0112;
const TIFF_SHORT = 3;
const IFD_ENTRY_LENGTH = 12;

/**
 * Reads IFD0's Orientation from an EXIF APP1 segment (marker included). Every read is
 * bounds-checked; anything malformed, missing, 1 or outside 1–8 gives undefined, never an error.
 */
function readExifOrientation(segment: Uint8Array): number | undefined {
  const tiff = segment.subarray(Math.min(EXIF_HEADER_LENGTH, segment.length));
  if (tiff.length < 8) return undefined;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  let littleEndian: boolean;
  if (tiff[0] === 0x49 && tiff[1] === 0x49) littleEndian = true;
  else if (tiff[0] === 0x4d && tiff[1] === 0x4d) littleEndian = false;
  else return undefined;
  if (view.getUint16(2, littleEndian) !== 42) return undefined;
  const ifd = view.getUint32(4, littleEndian);
  if (ifd < 8 || ifd + 2 > tiff.length) return undefined;
  const count = view.getUint16(ifd, littleEndian);
  // An IFD whose declared entries do not all fit is malformed as a whole.
  if (ifd + 2 + count * IFD_ENTRY_LENGTH > tiff.length) return undefined;
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * IFD_ENTRY_LENGTH;
    if (view.getUint16(entry, littleEndian) !== ORIENTATION_TAG) continue;
    if (view.getUint16(entry + 2, littleEndian) !== TIFF_SHORT || view.getUint32(entry + 4, littleEndian) !== 1) return undefined;
    const value = view.getUint16(entry + 8, littleEndian);
    return value >= 2 && value <= 8 ? value : undefined;
  }
  return undefined;
}

/** An APP1 segment whose EXIF holds IFD0 with the Orientation entry alone, and no next IFD. */
function minimalOrientationExif(orientation: number, littleEndian: boolean): Uint8Array {
  const segment = new Uint8Array(EXIF_HEADER_LENGTH + 8 + 2 + IFD_ENTRY_LENGTH + 4);
  const view = new DataView(segment.buffer);
  segment.set([0xff, 0xe1], 0);
  view.setUint16(2, segment.length - 2, false);
  segment.set([0x45, 0x78, 0x69, 0x66, 0, 0], 4); // Exif\0\0
  const tiff = EXIF_HEADER_LENGTH;
  segment.set(littleEndian ? [0x49, 0x49] : [0x4d, 0x4d], tiff);
  view.setUint16(tiff + 2, 42, littleEndian);
  view.setUint32(tiff + 4, 8, littleEndian); // IFD0 right after the header
  view.setUint16(tiff + 8, 1, littleEndian); // one entry
  view.setUint16(tiff + 10, ORIENTATION_TAG, littleEndian);
  view.setUint16(tiff + 12, TIFF_SHORT, littleEndian);
  view.setUint32(tiff + 14, 1, littleEndian);
  view.setUint16(tiff + 18, orientation, littleEndian); // value left-aligned in the 4-byte field
  view.setUint32(tiff + 22, 0, littleEndian); // no next IFD
  return segment;
}

function isStandalone(code: number): boolean {
  return code === 0x01 || (code >= 0xd0 && code <= 0xd7);
}

// Frame, scan, table, restart and extension segments (SOFn, DHT, DAC, SOS, DQT, DNL, DRI, DHP, EXP, JPGn)
// are needed to decode; reserved codes below 0xC0 are not, and could carry anything.
function isDecodingSegment(code: number): boolean {
  return (code >= 0xc0 && code <= 0xcf) || (code >= 0xda && code <= 0xdf) || (code >= 0xf0 && code <= 0xfd);
}

function keepJfifWithoutThumbnail(segment: Uint8Array): SegmentVerdict {
  // JFIF header: 'JFIF\0', version, units, densities, then thumbnail width and height.
  const thumbnailWidth = segment[16] ?? 0;
  const thumbnailHeight = segment[17] ?? 0;
  if (segment.length < 18 || (thumbnailWidth === 0 && thumbnailHeight === 0)) return { keep: segment, removed: null };
  // The thumbnail is an uncropped copy of the picture; the header alone is 16 bytes long.
  const header = concatBytes([segment.subarray(0, 16), new Uint8Array([0, 0])]);
  header[2] = 0;
  header[3] = 16;
  return { keep: header, removed: 'thumbnail' };
}

function judgeApplicationSegment(code: number, segment: Uint8Array): SegmentVerdict {
  const n = code - 0xe0;
  const remove = (name: string): SegmentVerdict => ({ keep: null, removed: name });
  switch (n) {
    case 0:
      if (startsWith(segment, 4, 'JFIF\0')) return keepJfifWithoutThumbnail(segment);
      return remove(startsWith(segment, 4, 'JFXX\0') ? 'thumbnail' : 'APP0 segment');
    case 1:
      if (startsWith(segment, 4, 'Exif\0')) {
        const orientation = readExifOrientation(segment);
        return orientation === undefined ? remove('EXIF') : { keep: null, removed: 'EXIF', orientation };
      }
      if (startsWith(segment, 4, 'http://ns.adobe.com/')) return remove('XMP');
      return remove('APP1 segment');
    case 2:
      // An ICC profile changes how colours are shown; everything else in APP2 (MPF, FlashPix) is metadata.
      if (startsWith(segment, 4, 'ICC_PROFILE\0')) return { keep: segment, removed: null };
      return remove(startsWith(segment, 4, 'MPF\0') ? 'multi-picture index' : 'APP2 segment');
    case 13:
      return remove(startsWith(segment, 4, 'Photoshop 3.0\0') ? 'IPTC' : 'APP13 segment');
    case 14:
      // The Adobe segment says whether the components are RGB, YCbCr or YCCK; decoders need it.
      if (startsWith(segment, 4, 'Adobe')) return { keep: segment, removed: null };
      return remove('APP14 segment');
    default:
      return remove(`APP${n} segment`);
  }
}

function judgeSegment(code: number, segment: Uint8Array): SegmentVerdict {
  if (code >= 0xe0 && code <= 0xef) return judgeApplicationSegment(code, segment);
  if (code === COM) return { keep: null, removed: 'comment' };
  if (isDecodingSegment(code)) return { keep: segment, removed: null };
  return { keep: null, removed: 'unknown segment' };
}

/** Returns the offset of the 0xFF that starts the next marker after entropy-coded data. */
function endOfScan(bytes: Uint8Array, from: number): number {
  let at = from;
  for (;;) {
    const ff = bytes.indexOf(0xff, at);
    if (ff === -1) break;
    let next = ff + 1;
    while (bytes[next] === 0xff) next++;
    if (next >= bytes.length) break;
    const code = bytes[next];
    // 0xFF00 is a stuffed data byte and RSTn sits inside the scan; both belong to the pixel data.
    if (code === 0x00 || (code !== undefined && code >= 0xd0 && code <= 0xd7)) {
      at = next + 1;
      continue;
    }
    return ff;
  }
  throw new MetadataStripError('The JPEG file is truncated: its image data ends without an end-of-image marker.');
}

export function stripJpeg(bytes: Uint8Array): { bytes: Uint8Array; removed: string[]; keptOrientation?: number } {
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  const removed = new Set<string>();
  let keptOrientation: number | undefined;
  let at = 2;
  for (;;) {
    if (byteAt(bytes, at, 'a JPEG marker') !== 0xff) {
      throw new MetadataStripError(`The JPEG file is malformed: expected a marker at byte ${at}.`);
    }
    // Any number of 0xFF fill bytes may precede a marker code; they are dropped.
    let codeAt = at + 1;
    while (bytes[codeAt] === 0xff) codeAt++;
    const code = byteAt(bytes, codeAt, 'a JPEG marker');
    const markerStart = codeAt - 1;
    at = codeAt + 1;
    if (code === EOI) {
      parts.push(bytes.subarray(markerStart, at));
      if (at < bytes.length) removed.add('trailing data');
      break;
    }
    if (isStandalone(code)) {
      parts.push(bytes.subarray(markerStart, at));
      continue;
    }
    if (code === 0x00 || code === SOI) {
      throw new MetadataStripError(`The JPEG file is malformed: unexpected marker 0xFF${code.toString(16).padStart(2, '0').toUpperCase()} at byte ${markerStart}.`);
    }
    const length = readU16BE(bytes, at, 'a JPEG segment length');
    if (length < 2) throw new MetadataStripError(`The JPEG file is malformed: a segment at byte ${markerStart} declares length ${length}.`);
    const end = at + length;
    if (end > bytes.length) throw new MetadataStripError(`The JPEG file is truncated: a segment at byte ${markerStart} runs past its end.`);
    const verdict = judgeSegment(code, bytes.subarray(markerStart, end));
    if (verdict.keep) parts.push(verdict.keep);
    if (verdict.removed) removed.add(verdict.removed);
    // Only the first EXIF with an orientation is replaced, so the output has at most one EXIF.
    if (verdict.orientation !== undefined && keptOrientation === undefined) {
      keptOrientation = verdict.orientation;
      parts.push(minimalOrientationExif(keptOrientation, bytes[markerStart + EXIF_HEADER_LENGTH] === 0x49));
    }
    at = end;
    if (code === SOS) {
      const scanEnd = endOfScan(bytes, at);
      parts.push(bytes.subarray(at, scanEnd));
      at = scanEnd;
    }
  }
  const result = { bytes: concatBytes(parts), removed: [...removed] };
  return keptOrientation === undefined ? result : { ...result, keptOrientation };
}
