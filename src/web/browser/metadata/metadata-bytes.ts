// Byte-level helpers shared by the format walkers. Every read is bounds-checked first so that a
// hostile or truncated file ends in a MetadataStripError, never in a silent out-of-range read.

export class MetadataStripError extends Error {
  override readonly name = 'MetadataStripError';
}

export function ensureAvailable(bytes: Uint8Array, at: number, count: number, what: string): void {
  if (at < 0 || at + count > bytes.length) throw new MetadataStripError(`The file is truncated: ${what} runs past its end.`);
}

export function byteAt(bytes: Uint8Array, at: number, what: string): number {
  const value = bytes[at];
  if (value === undefined) throw new MetadataStripError(`The file is truncated: ${what} runs past its end.`);
  return value;
}

export function readU16BE(bytes: Uint8Array, at: number, what: string): number {
  ensureAvailable(bytes, at, 2, what);
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint16(at, false);
}

export function readU32(bytes: Uint8Array, at: number, littleEndian: boolean, what: string): number {
  ensureAvailable(bytes, at, 4, what);
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at, littleEndian);
}

export function startsWith(bytes: Uint8Array, at: number, ascii: string): boolean {
  if (at + ascii.length > bytes.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

export function asciiAt(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
