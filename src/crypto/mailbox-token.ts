// Mailbox token (client side, Node and browser): 120 random bits the reporter keeps, written as
// 24 Crockford base32 characters in six groups of four ("7KQ2-M9XD-...").
//   root          = BLAKE2b-256("vigie:v1:mailbox-token" || token bytes)
//   lookupId      = crypto_kdf(root, id 1, "vigiembx"), 16 bytes   → sent, stored as is
//   authenticator = crypto_kdf(root, id 2, "vigiembx"), 32 bytes   → sent, stored as a keyed hash
//   mailboxKey    = crypto_kdf(root, id 3, "vigiembx"), 32 bytes   → never leaves the client
import { concatBytes, utf8 } from './encoding.ts';
import { getSodium } from './sodium.ts';

export const MAILBOX_TOKEN_BYTES = 15;
export const MAILBOX_LOOKUP_ID_BYTES = 16;
export const MAILBOX_AUTHENTICATOR_BYTES = 32;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const KDF_CONTEXT = 'vigiembx';

export interface MailboxCredentials {
  readonly lookupId: Uint8Array;
  readonly authenticator: Uint8Array;
  readonly mailboxKey: Uint8Array;
}

export class MailboxTokenError extends Error {
  override name = 'MailboxTokenError';
}

/** A fresh token (120 bits from the CSPRNG), formatted for reading aloud and copying. */
export async function newMailboxToken(): Promise<string> {
  return formatMailboxToken((await getSodium()).randombytes_buf(MAILBOX_TOKEN_BYTES));
}

function formatMailboxToken(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return (out.match(/.{4}/g) ?? []).join('-');
}

/** Reads a token as typed: case, spaces and dashes do not matter; O→0 and I/L→1 as Crockford says. */
export function parseMailboxToken(typed: string): Uint8Array {
  const clean = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (clean.length !== (MAILBOX_TOKEN_BYTES * 8) / 5 || [...clean].some((c) => !CROCKFORD.includes(c))) {
    throw new MailboxTokenError('A mailbox token is 24 characters (letters and digits), usually written in six groups of four.');
  }
  const bytes = new Uint8Array(MAILBOX_TOKEN_BYTES);
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of clean) {
    value = (value << 5) | CROCKFORD.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      bytes[index++] = (value >>> (bits - 8)) & 255;
      bits -= 8;
      value &= (1 << bits) - 1;
    }
  }
  return bytes;
}

/** The lookup id, authenticator and mailbox key a token yields (domain-separated BLAKE2b). */
export async function deriveMailboxCredentials(token: string): Promise<MailboxCredentials> {
  const sodium = await getSodium();
  const root = sodium.crypto_generichash(32, concatBytes(utf8.encode('vigie:v1:mailbox-token'), parseMailboxToken(token)), null);
  const credentials = {
    lookupId: sodium.crypto_kdf_derive_from_key(MAILBOX_LOOKUP_ID_BYTES, 1, KDF_CONTEXT, root),
    authenticator: sodium.crypto_kdf_derive_from_key(MAILBOX_AUTHENTICATOR_BYTES, 2, KDF_CONTEXT, root),
    mailboxKey: sodium.crypto_kdf_derive_from_key(32, 3, KDF_CONTEXT, root),
  };
  sodium.memzero(root);
  return credentials;
}
