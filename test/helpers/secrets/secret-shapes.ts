// The shapes a secret takes when something writes it down: its text, and the base64, base64url
// and hex of its bytes. A plaintext marker is also looked for as the base64 of its UTF-8 bytes at
// any of the three alignments (a client that sent clear text base64-encoded would show it so).
export interface Needle {
  /** What the secret is, for the failure message. */
  readonly what: string;
  readonly text: string;
  /** Hex is case-insensitive; the other shapes are not. */
  readonly ignoreCase: boolean;
}

/** A text secret (passphrase, token, marker): as typed, and the hex of its UTF-8 bytes. */
export function textShapes(what: string, text: string): Needle[] {
  return [
    { what, text, ignoreCase: true },
    { what: `${what} (hex of its UTF-8)`, text: Buffer.from(text, 'utf8').toString('hex'), ignoreCase: true },
  ];
}

/** A binary secret (key, authenticator, signature): base64, base64url (unpadded) and hex. */
export function byteShapes(what: string, bytes: Uint8Array): Needle[] {
  if (bytes.length < 8) throw new Error(`${what}: ${bytes.length} bytes is too short to search for`);
  const buffer = Buffer.from(bytes);
  return [
    { what: `${what} (base64)`, text: buffer.toString('base64').replace(/=+$/, ''), ignoreCase: false },
    { what: `${what} (base64url)`, text: buffer.toString('base64url'), ignoreCase: false },
    { what: `${what} (hex)`, text: buffer.toString('hex'), ignoreCase: true },
  ];
}

/**
 * A plaintext marker as base64/base64url of its UTF-8 bytes, whatever bytes come before it: for
 * each alignment, the characters that depend on the marker's bytes alone (the first and last
 * groups, which mix in the neighbours, are left out).
 */
export function encodedTextShapes(what: string, text: string): Needle[] {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length < 12) throw new Error(`${what}: markers must be at least 12 bytes to be found encoded`);
  const shapes: Needle[] = [];
  for (let before = 0; before < 3; before++) {
    const encoded = Buffer.concat([Buffer.alloc(before, 0x20), bytes]).toString('base64');
    // Whole 3-byte groups only; the first one holds a neighbour's bytes unless the marker starts it.
    const core = encoded.slice(before === 0 ? 0 : 4, 4 * Math.floor((before + bytes.length) / 3));
    shapes.push({ what: `${what} (base64, alignment ${before})`, text: core, ignoreCase: false });
    shapes.push({ what: `${what} (base64url, alignment ${before})`, text: core.replace(/\+/g, '-').replace(/\//g, '_'), ignoreCase: false });
  }
  return shapes;
}

/** The needles found in `haystack`, by what they are. */
export function needlesIn(haystack: string, needles: readonly Needle[]): string[] {
  const lower = haystack.toLowerCase();
  return needles.filter((needle) => (needle.ignoreCase ? lower.includes(needle.text.toLowerCase()) : haystack.includes(needle.text))).map((needle) => needle.what);
}
