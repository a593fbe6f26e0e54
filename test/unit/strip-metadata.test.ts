// Metadata stripping on small pictures built byte by byte here: a baseline 8×8 grey JPEG, a 2×2
// RGB PNG deflated with node:zlib, and a 1×1 lossless WebP. Each is decorated with the metadata
// real cameras and editors write, each carrying a marker string that must not survive.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectStrippable, MetadataStripError, stripMetadata } from '../../src/web/browser/metadata/strip-metadata.ts';

const GPS_MARKER = 'GPS-MARKER-48.85';

function ascii(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

function contains(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes).includes(text);
}

function u16be(value: number): Uint8Array {
  return new Uint8Array([value >> 8, value & 0xff]);
}

function u32(value: number, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, littleEndian);
  return out;
}

// ---- JPEG -------------------------------------------------------------------------------------

function jpegSegment(code: number, payload: Uint8Array): Uint8Array {
  return concat(new Uint8Array([0xff, code]), u16be(payload.length + 2), payload);
}

// TIFF header, one IFD with an ImageDescription entry, then the string: enough for an EXIF reader.
const exifPayload = concat(ascii('Exif\0\0MM\0*'), u32(8, false), u16be(1), u16be(0x010e), u16be(2), u32(GPS_MARKER.length + 1, false), u32(26, false), u32(0, false), ascii(`${GPS_MARKER}\0`));
const jfif = jpegSegment(0xe0, concat(ascii('JFIF\0'), new Uint8Array([1, 1, 0, 0, 1, 0, 1, 0, 0])));
const quantisation = jpegSegment(0xdb, concat(new Uint8Array([0]), new Uint8Array(64).fill(1)));
const frame = jpegSegment(0xc0, new Uint8Array([8, 0, 8, 0, 8, 1, 1, 0x11, 0]));
// One Huffman code each ('0'): DC category 0 and AC end-of-block, so one block is two zero bits.
const dcTable = jpegSegment(0xc4, concat(new Uint8Array([0x00, 1]), new Uint8Array(15), new Uint8Array([0])));
const acTable = jpegSegment(0xc4, concat(new Uint8Array([0x10, 1]), new Uint8Array(15), new Uint8Array([0])));
const scanHeader = jpegSegment(0xda, new Uint8Array([1, 1, 0x00, 0, 63, 0]));
const entropyData = new Uint8Array([0x3f]); // bits 00, padded with ones
const SOI = new Uint8Array([0xff, 0xd8]);
const EOI = new Uint8Array([0xff, 0xd9]);
const iccProfile = jpegSegment(0xe2, concat(ascii('ICC_PROFILE\0'), new Uint8Array([1, 1]), ascii('colour-profile-bytes')));
const adobe = jpegSegment(0xee, concat(ascii('Adobe'), new Uint8Array([0, 100, 0, 0, 0, 0, 1])));

const plainJpeg = concat(SOI, jfif, quantisation, frame, dcTable, acTable, scanHeader, entropyData, EOI);

function decoratedJpeg(): Uint8Array {
  return concat(
    SOI,
    jfif,
    jpegSegment(0xe1, exifPayload),
    jpegSegment(0xe1, ascii('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:creator>XMP-MARKER</dc:creator></x:xmpmeta>')),
    iccProfile,
    jpegSegment(0xe2, concat(ascii('MPF\0'), ascii('MPF-MARKER'))),
    jpegSegment(0xec, ascii('Ducky\0DUCKY-MARKER')),
    jpegSegment(0xed, concat(ascii('Photoshop 3.0\x008BIM'), new Uint8Array([4, 4, 0, 0]), ascii('IPTC-MARKER'))),
    adobe,
    jpegSegment(0xfe, ascii('COMMENT-MARKER')),
    quantisation,
    frame,
    dcTable,
    acTable,
    scanHeader,
    entropyData,
    EOI,
  );
}

describe('JPEG', () => {
  it('removes EXIF, XMP, IPTC, comments and unknown APPn, keeping colour segments and the scan', () => {
    const input = decoratedJpeg();
    const { bytes, removed, kind } = stripMetadata(input);

    expect(kind).toBe('jpeg');
    for (const marker of [GPS_MARKER, 'XMP-MARKER', 'MPF-MARKER', 'DUCKY-MARKER', 'IPTC-MARKER', 'COMMENT-MARKER']) {
      expect(contains(bytes, marker), marker).toBe(false);
    }
    expect(removed).toEqual(['EXIF', 'XMP', 'multi-picture index', 'APP12 segment', 'IPTC', 'comment']);
    expect(bytes).toEqual(concat(SOI, jfif, iccProfile, adobe, quantisation, frame, dcTable, acTable, scanHeader, entropyData, EOI));
  });

  it('copies the entropy-coded data after SOS byte for byte', () => {
    const input = decoratedJpeg();
    const { bytes } = stripMetadata(input);
    const afterScanHeader = (file: Uint8Array) => Buffer.from(file).subarray(Buffer.from(file).indexOf(Buffer.from(scanHeader)) + scanHeader.length);

    expect(afterScanHeader(bytes)).toEqual(afterScanHeader(input));
  });

  it('leaves a file without metadata as it was', () => {
    expect(stripMetadata(plainJpeg)).toEqual({ bytes: plainJpeg, removed: [], kind: 'jpeg' });
  });

  it('drops a JFIF thumbnail and whatever follows the end-of-image marker', () => {
    const jfifWithThumbnail = jpegSegment(0xe0, concat(ascii('JFIF\0'), new Uint8Array([1, 1, 0, 0, 1, 0, 1, 1, 1]), ascii('RGB')));
    const input = concat(SOI, jfifWithThumbnail, quantisation, frame, dcTable, acTable, scanHeader, entropyData, EOI, ascii('APPENDED-MARKER'));

    const { bytes, removed } = stripMetadata(input);

    expect(removed).toEqual(['thumbnail', 'trailing data']);
    expect(bytes).toEqual(plainJpeg);
  });

  it('walks scans with stuffed bytes, restart markers and fill bytes, and strips comments between scans', () => {
    const scanOne = new Uint8Array([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]);
    const scanTwo = new Uint8Array([0x78, 0xff, 0x00]);
    const input = concat(
      SOI, quantisation, frame, dcTable, acTable,
      new Uint8Array([0xff, 0xff, 0xff]), jpegSegment(0xdd, u16be(1)).subarray(1), // DRI after fill bytes
      scanHeader, scanOne,
      new Uint8Array([0xff, 0xff]), jpegSegment(0xfe, ascii('BETWEEN-SCANS-MARKER')).subarray(1),
      scanHeader, scanTwo, new Uint8Array([0xff]), EOI,
    );

    const { bytes, removed } = stripMetadata(input);

    expect(removed).toEqual(['comment']);
    expect(bytes).toEqual(concat(SOI, quantisation, frame, dcTable, acTable, jpegSegment(0xdd, u16be(1)), scanHeader, scanOne, scanHeader, scanTwo, EOI));
  });

  it('throws MetadataStripError for every truncation of the file', () => {
    const input = decoratedJpeg();
    for (let length = 3; length < input.length; length++) {
      expect(() => stripMetadata(input.subarray(0, length)), `length ${length}`).toThrow(MetadataStripError);
    }
  });

  it.each([
    ['a segment length below two', concat(SOI, new Uint8Array([0xff, 0xe1, 0, 1]), plainJpeg.subarray(2))],
    ['a segment longer than the file', concat(SOI, new Uint8Array([0xff, 0xe1, 0xff, 0xff, 1, 2, 3]))],
    ['stray bytes between segments', concat(SOI, jfif, new Uint8Array([0x00, 0x01]), plainJpeg.subarray(2))],
    ['a 0xFF00 outside a scan', concat(SOI, new Uint8Array([0xff, 0x00]), plainJpeg.subarray(2))],
    ['a second start-of-image', concat(SOI, plainJpeg)],
    ['nothing but fill bytes', concat(SOI, new Uint8Array(10_000).fill(0xff))],
    ['a scan without an end-of-image marker', concat(SOI, quantisation, frame, dcTable, acTable, scanHeader, new Uint8Array(1000).fill(0x3f))],
  ])('refuses %s', (_case, input) => {
    expect(() => stripMetadata(input)).toThrow(MetadataStripError);
  });
});

// ---- JPEG orientation -------------------------------------------------------------------------

function u16(value: number, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(2);
  new DataView(out.buffer).setUint16(0, value, littleEndian);
  return out;
}

/** EXIF with IFD0 holding ImageDescription (the GPS marker), optionally Orientation, and a GPS IFD pointer. */
function exifWithOrientation(littleEndian: boolean, orientation?: number): Uint8Array {
  const le = littleEndian;
  const entry = (tag: number, type: number, count: number, value: Uint8Array) => concat(u16(tag, le), u16(type, le), u32(count, le), value);
  const entryCount = orientation === undefined ? 2 : 3;
  const stringOffset = 8 + 2 + entryCount * 12 + 4;
  const entries = [
    entry(0x010e, 2, GPS_MARKER.length + 1, u32(stringOffset, le)),
    ...(orientation === undefined ? [] : [entry(0x0112, 3, 1, concat(u16(orientation, le), new Uint8Array(2)))]),
    entry(0x8825, 4, 1, u32(stringOffset + GPS_MARKER.length + 1, le)),
  ];
  const gpsIfd = concat(u16(1, le), entry(0x0002, 2, 4, ascii('48N\0')), u32(0, le));
  return concat(ascii('Exif\0\0'), ascii(le ? 'II' : 'MM'), u16(42, le), u32(8, le), u16(entryCount, le), ...entries, u32(0, le), ascii(`${GPS_MARKER}\0`), gpsIfd);
}

function jpegWithExif(exif: Uint8Array): Uint8Array {
  return concat(SOI, jfif, jpegSegment(0xe1, exif), quantisation, frame, dcTable, acTable, scanHeader, entropyData, EOI);
}

/** The APP1 segments before the first scan, each with its marker and length. */
function app1Segments(file: Uint8Array): Uint8Array[] {
  const found = [];
  for (let at = 2; file[at + 1] !== 0xda;) {
    const end = at + 2 + ((file[at + 2] ?? 0) << 8) + (file[at + 3] ?? 0);
    if (file[at + 1] === 0xe1) found.push(file.subarray(at, end));
    at = end;
  }
  return found;
}

/** Parses a minimal orientation EXIF strictly: one IFD0 with one SHORT Orientation entry, nothing else. */
function parseMinimalExif(segment: Uint8Array): { byteOrder: string; orientation: number } {
  expect(Buffer.from(segment.subarray(4, 10)).toString('latin1')).toBe('Exif\0\0');
  const tiff = segment.subarray(10);
  const byteOrder = Buffer.from(tiff.subarray(0, 2)).toString('latin1');
  expect(['II', 'MM']).toContain(byteOrder);
  const le = byteOrder === 'II';
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  expect(view.getUint16(2, le)).toBe(42);
  const ifd = view.getUint32(4, le);
  expect(view.getUint16(ifd, le)).toBe(1);
  expect(view.getUint16(ifd + 2, le)).toBe(0x0112);
  expect(view.getUint16(ifd + 4, le)).toBe(3);
  expect(view.getUint32(ifd + 6, le)).toBe(1);
  expect(view.getUint32(ifd + 14, le)).toBe(0);
  expect(tiff.length).toBe(ifd + 18); // nothing after the next-IFD offset
  return { byteOrder, orientation: view.getUint16(ifd + 10, le) };
}

describe('JPEG orientation', () => {
  it.each([
    ['II', true],
    ['MM', false],
  ])('keeps Orientation 6 from %s EXIF in a minimal EXIF and drops everything else', (byteOrder, littleEndian) => {
    const input = jpegWithExif(exifWithOrientation(littleEndian, 6));
    expect(contains(input, GPS_MARKER)).toBe(true);

    const { bytes, removed, keptOrientation } = stripMetadata(input);

    expect(contains(bytes, GPS_MARKER)).toBe(false);
    expect(contains(bytes, '48N')).toBe(false);
    expect(removed).toEqual(['EXIF']);
    expect(keptOrientation).toBe(6);
    const app1 = app1Segments(bytes);
    expect(app1).toHaveLength(1);
    expect(parseMinimalExif(app1[0] ?? new Uint8Array())).toEqual({ byteOrder, orientation: 6 });
    // In place of the removed EXIF: after JFIF, before the decoding segments.
    expect(bytes).toEqual(concat(SOI, jfif, app1[0] ?? new Uint8Array(), quantisation, frame, dcTable, acTable, scanHeader, entropyData, EOI));
  });

  it('keeps the orientation once when XMP and a second EXIF are present too', () => {
    const input = concat(
      SOI,
      jpegSegment(0xe1, exifWithOrientation(false, 8)),
      jpegSegment(0xe1, ascii('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>XMP-MARKER</x:xmpmeta>')),
      jpegSegment(0xe1, exifWithOrientation(true, 3)),
      plainJpeg.subarray(2),
    );

    const { bytes, removed, keptOrientation } = stripMetadata(input);

    expect(removed).toEqual(['EXIF', 'XMP']);
    expect(keptOrientation).toBe(8);
    const app1 = app1Segments(bytes);
    expect(app1).toHaveLength(1);
    expect(parseMinimalExif(app1[0] ?? new Uint8Array()).orientation).toBe(8);
    expect(contains(bytes, 'XMP-MARKER')).toBe(false);
  });

  it.each([
    ['Orientation 1', exifWithOrientation(true, 1)],
    ['no Orientation', exifWithOrientation(false)],
    ['Orientation 0', exifWithOrientation(false, 0)],
    ['Orientation 9', exifWithOrientation(true, 9)],
  ])('writes no APP1 for %s', (_case, exif) => {
    const result = stripMetadata(jpegWithExif(exif));

    expect(result).toEqual({ bytes: plainJpeg, removed: ['EXIF'], kind: 'jpeg' });
    expect('keptOrientation' in result).toBe(false);
  });

  const valid = exifWithOrientation(false, 6);
  const patched = (at: number, ...values: number[]) => {
    const copy = valid.slice();
    copy.set(values, at);
    return copy;
  };
  it.each([
    ['a bare EXIF header', ascii('Exif\0\0')],
    ['a cut TIFF header', valid.subarray(0, 12)],
    ['an unknown byte order', patched(6, 0x58, 0x58)],
    ['a wrong TIFF magic number', patched(8, 0, 43)],
    ['an IFD offset past the end', patched(10, 0xff, 0xff, 0xff, 0xf0)],
    ['an IFD offset inside the header', patched(10, 0, 0, 0, 2)],
    ['an entry count past the end', patched(14, 0xff, 0xff)],
    ['an Orientation of type LONG', patched(6 + 8 + 2 + 12 + 2, 0, 4)],
    ['an Orientation with count 2', patched(6 + 8 + 2 + 12 + 4, 0, 0, 0, 2)],
    ['IFD0 cut inside its entries', valid.subarray(0, 6 + 8 + 2 + 12 + 6)],
  ])('writes no APP1 and does not throw for %s', (_case, exif) => {
    const result = stripMetadata(jpegWithExif(exif));

    expect(result).toEqual({ bytes: plainJpeg, removed: ['EXIF'], kind: 'jpeg' });
  });

  it('never throws on corrupted orientation EXIF, and keeps at most one minimal APP1', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const littleEndian of [true, false]) {
      const exif = exifWithOrientation(littleEndian, 6);
      for (let round = 0; round < 500; round++) {
        const corrupted = exif.slice();
        for (let flips = 1 + Math.floor(random() * 4); flips > 0; flips--) {
          corrupted[6 + Math.floor(random() * (corrupted.length - 6))] = Math.floor(random() * 256);
        }
        const { bytes, keptOrientation } = stripMetadata(jpegWithExif(corrupted));
        const app1 = app1Segments(bytes);
        expect(app1.length).toBe(keptOrientation === undefined ? 0 : 1);
        if (app1[0]) expect(parseMinimalExif(app1[0]).orientation).toBe(keptOrientation);
      }
    }
  });
});

// ---- PNG --------------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typeAndData = concat(ascii(type), data);
  return concat(u32(data.length, false), typeAndData, u32(crc32(typeAndData), false));
}

const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ihdr = pngChunk('IHDR', concat(u32(2, false), u32(2, false), new Uint8Array([8, 2, 0, 0, 0])));
// Two rows of two RGB pixels, each row prefixed by filter type 0.
const idat = pngChunk('IDAT', deflateSync(new Uint8Array([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]), { level: 9 }));
const iend = pngChunk('IEND', new Uint8Array());
const srgb = pngChunk('sRGB', new Uint8Array([0]));
const gama = pngChunk('gAMA', u32(45455, false));
const phys = pngChunk('pHYs', concat(u32(2835, false), u32(2835, false), new Uint8Array([1])));

function decoratedPng(): Uint8Array {
  return concat(
    PNG_SIGNATURE, ihdr, srgb, gama,
    pngChunk('tEXt', ascii('Author\0TEXT-MARKER')),
    pngChunk('zTXt', concat(ascii('Comment\0\0'), deflateSync(ascii('ZTXT-MARKER')))),
    pngChunk('iTXt', ascii('XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>ITXT-MARKER</x:xmpmeta>')),
    pngChunk('eXIf', exifPayload.subarray(6)),
    pngChunk('tIME', new Uint8Array([0x07, 0xea, 5, 9, 12, 30, 0])),
    phys,
    pngChunk('prVt', ascii('PRIVATE-MARKER')),
    idat, iend,
  );
}

function pngChunks(file: Uint8Array): { type: string; data: Uint8Array; crcValid: boolean }[] {
  const chunks = [];
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  for (let at = 8; at < file.length;) {
    const length = view.getUint32(at);
    const typeAndData = file.subarray(at + 4, at + 8 + length);
    chunks.push({ type: Buffer.from(typeAndData.subarray(0, 4)).toString('latin1'), data: typeAndData.subarray(4), crcValid: view.getUint32(at + 8 + length) === crc32(typeAndData) });
    at += 12 + length;
  }
  return chunks;
}

describe('PNG', () => {
  it('removes text, XMP, EXIF, time and unknown ancillary chunks, keeping colour chunks and IDAT', () => {
    const { bytes, removed, kind } = stripMetadata(decoratedPng());

    expect(kind).toBe('png');
    for (const marker of [GPS_MARKER, 'TEXT-MARKER', 'ITXT-MARKER', 'PRIVATE-MARKER']) expect(contains(bytes, marker), marker).toBe(false);
    expect(removed).toEqual(['text', 'XMP', 'EXIF', 'time', 'prVt chunk']);
    expect(bytes).toEqual(concat(PNG_SIGNATURE, ihdr, srgb, gama, phys, idat, iend));
    expect(pngChunks(bytes).map((chunk) => chunk.type)).toEqual(['IHDR', 'sRGB', 'gAMA', 'pHYs', 'IDAT', 'IEND']);
    expect(pngChunks(bytes).every((chunk) => chunk.crcValid)).toBe(true);
    expect(pngChunks(bytes).find((chunk) => chunk.type === 'IDAT')?.data).toEqual(pngChunks(decoratedPng()).find((chunk) => chunk.type === 'IDAT')?.data);
  });

  it('keeps APNG animation chunks and drops bytes after IEND', () => {
    const actl = pngChunk('acTL', concat(u32(1, false), u32(0, false)));
    const fctl = pngChunk('fcTL', new Uint8Array(26));
    const input = concat(PNG_SIGNATURE, ihdr, actl, fctl, idat, iend, ascii('APPENDED-MARKER'));

    const { bytes, removed } = stripMetadata(input);

    expect(removed).toEqual(['trailing data']);
    expect(bytes).toEqual(concat(PNG_SIGNATURE, ihdr, actl, fctl, idat, iend));
  });

  it('throws MetadataStripError for every truncation of the file', () => {
    const input = decoratedPng();
    for (let length = 8; length < input.length; length++) {
      expect(() => stripMetadata(input.subarray(0, length)), `length ${length}`).toThrow(MetadataStripError);
    }
  });

  it.each([
    ['a chunk length beyond 2^31 - 1', concat(PNG_SIGNATURE, ihdr, u32(0xffffffff, false), ascii('tEXt'), new Uint8Array(8))],
    ['a chunk type that is not four letters', concat(PNG_SIGNATURE, ihdr, pngChunk('te1t', ascii('x')), idat, iend)],
    ['a file that does not start with IHDR', concat(PNG_SIGNATURE, idat, ihdr, iend)],
  ])('refuses %s', (_case, input) => {
    expect(() => stripMetadata(input)).toThrow(MetadataStripError);
  });
});

// ---- WebP -------------------------------------------------------------------------------------

// A 1×1 lossless WebP (the image feature detectors commonly use).
const losslessWebp = Uint8Array.from(Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64'));
const vp8l = losslessWebp.subarray(12);

function riffChunk(fourcc: string, data: Uint8Array): Uint8Array {
  return concat(ascii(fourcc), u32(data.length, true), data, new Uint8Array(data.length % 2));
}

function riff(...chunks: Uint8Array[]): Uint8Array {
  const body = concat(...chunks);
  return concat(ascii('RIFF'), u32(body.length + 4, true), ascii('WEBP'), body);
}

// Flags: ICC (0x20) off, alpha (0x10) on, EXIF (0x08) and XMP (0x04) on; canvas 1×1.
const vp8x = (flags: number) => riffChunk('VP8X', new Uint8Array([flags, 0, 0, 0, 0, 0, 0, 0, 0, 0]));

function decoratedWebp(): Uint8Array {
  return riff(
    vp8x(0x1c),
    vp8l,
    riffChunk('EXIF', exifPayload.subarray(6, 6 + 41)), // odd length, so the chunk is padded
    riffChunk('XMP ', ascii('<x:xmpmeta>XMP-MARKER</x:xmpmeta>')),
    riffChunk('PRIV', ascii('PRIVATE-MARKER')),
  );
}

describe('WebP', () => {
  it('removes EXIF, XMP and unknown chunks, clears their VP8X flags and fixes the RIFF size', () => {
    const { bytes, removed, kind } = stripMetadata(decoratedWebp());

    expect(kind).toBe('webp');
    for (const marker of [GPS_MARKER, 'XMP-MARKER', 'PRIVATE-MARKER']) expect(contains(bytes, marker), marker).toBe(false);
    expect(removed).toEqual(['EXIF', 'XMP', 'PRIV chunk']);
    expect(bytes).toEqual(riff(vp8x(0x10), vp8l));
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true)).toBe(bytes.length - 8);
    expect(Buffer.from(bytes).subarray(30)).toEqual(Buffer.from(vp8l));
  });

  it('leaves a plain lossless WebP as it was', () => {
    expect(stripMetadata(losslessWebp)).toEqual({ bytes: losslessWebp, removed: [], kind: 'webp' });
  });

  it('pads an odd last chunk that came without its pad byte, and drops bytes after the RIFF', () => {
    const unpadded = losslessWebp.subarray(0, losslessWebp.length - 1);
    const input = concat(ascii('RIFF'), u32(unpadded.length - 8, true), unpadded.subarray(8), ascii('APPENDED-MARKER'));

    const { bytes, removed } = stripMetadata(input);

    expect(removed).toEqual(['trailing data']);
    expect(bytes).toEqual(losslessWebp);
  });

  it('throws MetadataStripError for every truncation of the file', () => {
    const input = decoratedWebp();
    for (let length = 12; length < input.length; length++) {
      expect(() => stripMetadata(input.subarray(0, length)), `length ${length}`).toThrow(MetadataStripError);
    }
  });

  it.each([
    ['a RIFF size too small to hold WEBP', concat(ascii('RIFF'), u32(2, true), ascii('WEBP'))],
    ['a chunk longer than the RIFF', riff(concat(ascii('VP8L'), u32(0xfffffff0, true), vp8l.subarray(8)))],
    ['a cut chunk header', riff(vp8l, ascii('EXI'))],
  ])('refuses %s', (_case, input) => {
    expect(() => stripMetadata(input)).toThrow(MetadataStripError);
  });
});

// ---- Detection and robustness -----------------------------------------------------------------

describe('detection', () => {
  it('trusts magic bytes, not the declared type', () => {
    expect(detectStrippable(plainJpeg, 'text/plain')).toBe('jpeg');
    expect(detectStrippable(decoratedPng(), 'image/jpeg')).toBe('png');
    expect(detectStrippable(losslessWebp, '')).toBe('webp');
    expect(detectStrippable(ascii('%PDF-1.7\n'), 'image/jpeg')).toBe('unsupported');
    expect(detectStrippable(ascii('RIFF\x24\0\0\0WAVEfmt '), 'image/webp')).toBe('unsupported');
    expect(detectStrippable(new Uint8Array([0xff, 0xd8]), 'image/jpeg')).toBe('unsupported');
  });

  it('returns a PDF and random bytes unchanged', () => {
    const pdf = ascii(`%PDF-1.7\n1 0 obj << /Author (${GPS_MARKER}) >> endobj\n%%EOF\n`);
    const noise = Uint8Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) % 251);

    expect(stripMetadata(pdf)).toEqual({ bytes: pdf, removed: [], kind: 'unsupported' });
    expect(stripMetadata(noise)).toEqual({ bytes: noise, removed: [], kind: 'unsupported' });
  });

  it('either strips or throws MetadataStripError on corrupted files, never anything else', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const original of [decoratedJpeg(), decoratedPng(), decoratedWebp()]) {
      for (let round = 0; round < 300; round++) {
        const corrupted = original.slice();
        for (let flips = 1 + Math.floor(random() * 4); flips > 0; flips--) {
          corrupted[3 + Math.floor(random() * (corrupted.length - 3))] = Math.floor(random() * 256);
        }
        try {
          stripMetadata(corrupted);
        } catch (error) {
          expect(error).toBeInstanceOf(MetadataStripError);
        }
      }
    }
  });
});
