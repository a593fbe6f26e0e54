// The organisation's recovery key (client side, browser and Node): an X25519 key pair made in the
// admin's browser. The public half goes to the server and becomes a recipient of every new case
// (crypto_box_seal, as for any referent); the private half is printed once and kept offline, to
// read cases if every referent's key is lost.
import { fromBase64Url, toBase64Url } from './encoding.ts';
import { getSodium } from './sodium.ts';

/** Characters per group when the private half is written out for printing. */
const PRINT_GROUP = 4;

/** A fresh recovery key pair (crypto_box_keypair, X25519). */
export async function generateRecoveryKeyPair(): Promise<{ publicKey: Uint8Array; privateKey: Uint8Array }> {
  const pair = (await getSodium()).crypto_box_keypair();
  return { publicKey: pair.publicKey, privateKey: pair.privateKey };
}

/** The public half that belongs to a private half (crypto_scalarmult_base): checks a typed-in copy. */
export async function recoveryPublicKeyOf(privateKey: Uint8Array): Promise<Uint8Array> {
  return (await getSodium()).crypto_scalarmult_base(privateKey);
}

/** The private half as printed: base64url in groups of four characters. */
export function printableRecoveryKey(privateKey: Uint8Array): string[] {
  const text = toBase64Url(privateKey);
  const groups: string[] = [];
  for (let i = 0; i < text.length; i += PRINT_GROUP) groups.push(text.slice(i, i + PRINT_GROUP));
  return groups;
}

/** Reads a printed private half back (spaces and line breaks ignored); throws if it is not 32 bytes of base64url. */
export function parsePrintedRecoveryKey(printed: string): Uint8Array {
  const key = fromBase64Url(printed.replace(/\s+/g, ''));
  if (key.length !== 32) throw new Error(`a recovery private key is 32 bytes; this one is ${key.length}`);
  return key;
}
