// Removes identifying metadata (EXIF with GPS and camera serial, XMP, IPTC, comments, thumbnails)
// from a picture before the browser encrypts it, so a report's attachment does not name its
// author. Lossless: segments are dropped or kept whole, the pixel data is never re-encoded.
// Operates on bytes only, so the same code runs in the page and in Node tests.
// One exception to "dropped whole": a JPEG whose EXIF sets an Orientation other than 1 gets a
// minimal EXIF carrying only that tag, so the picture is not shown sideways (see keptOrientation).
import { stripJpeg } from './jpeg.ts';
import { startsWith } from './metadata-bytes.ts';
import { stripPng } from './png.ts';
import { stripWebp } from './webp.ts';

export { MetadataStripError } from './metadata-bytes.ts';

export type MetadataSupport = 'jpeg' | 'png' | 'webp' | 'unsupported';

export interface StrippedFile {
  readonly bytes: Uint8Array;
  /** Human-readable names of what was removed ('EXIF', 'XMP', 'IPTC', 'comment'…), each once. */
  readonly removed: string[];
  readonly kind: MetadataSupport;
  /**
   * JPEG only: the EXIF Orientation (2–8) written back in a minimal EXIF block holding that tag
   * alone. 'EXIF' is still listed in `removed`; absent when no orientation was kept.
   */
  readonly keptOrientation?: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Decides by magic bytes alone. The declared type comes from the file name or the operating
 * system and is accepted only so call sites can pass what the browser reports: a JPEG renamed
 * .txt is still stripped, and a file claiming image/jpeg that is not one is left alone.
 */
export function detectStrippable(bytes: Uint8Array, _declaredType: string): MetadataSupport {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && PNG_SIGNATURE.every((value, i) => bytes[i] === value)) return 'png';
  if (startsWith(bytes, 0, 'RIFF') && startsWith(bytes, 8, 'WEBP')) return 'webp';
  return 'unsupported';
}

/** Throws MetadataStripError when a recognised format is truncated or malformed. */
export function stripMetadata(bytes: Uint8Array): StrippedFile {
  const kind = detectStrippable(bytes, '');
  switch (kind) {
    case 'jpeg':
      return { ...stripJpeg(bytes), kind };
    case 'png':
      return { ...stripPng(bytes), kind };
    case 'webp':
      return { ...stripWebp(bytes), kind };
    case 'unsupported':
      return { bytes, removed: [], kind };
  }
}
