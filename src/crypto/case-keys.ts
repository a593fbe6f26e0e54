// Case encryption (client side, Node and browser). One random case key K per case:
//   report   = v1 envelope under K, AD "vigie:v1:report:<organisationId>:<caseId>"
//   message  = v1 envelope under K, AD "vigie:v1:message:<organisationId>:<caseId>:<messageId>:<author>"
//   grant    = 0x01 || crypto_box_seal(K, recipient X25519 public key)   (81 bytes)
//   mailbox  = v1 envelope of K under the mailbox key, AD "vigie:v1:mailbox-case-key:<organisationId>:<caseId>"
//   note     = v1 envelope under K, AD "vigie:v1:<vote-reason|disclosure>:<organisationId>:<caseId>:<noteId>"
import { EnvelopeError, associatedData, checkEnvelopeShape, openEnvelope, sealEnvelope } from './envelope.ts';
import { concatBytes, utf8 } from './encoding.ts';
import { getSodium } from './sodium.ts';

export const CASE_KEY_BYTES = 32;
const SEALED_CASE_KEY_V1 = 1;
/** Version byte + crypto_box_seal overhead (32-byte ephemeral key + 16-byte tag) + the key. */
export const SEALED_CASE_KEY_BYTES = 1 + 48 + CASE_KEY_BYTES;
/** Version, nonce, the key, tag. */
export const WRAPPED_CASE_KEY_BYTES = 1 + 24 + CASE_KEY_BYTES + 16;
export const X25519_PUBLIC_KEY_BYTES = 32;

export type MessageAuthorKind = 'reporter' | 'staff';

/** A fresh random case key (XChaCha20-Poly1305 key). */
export async function newCaseKey(): Promise<Uint8Array> {
  return (await getSodium()).crypto_aead_xchacha20poly1305_ietf_keygen();
}

const reportContext = (organisationId: string, caseId: string) => associatedData('report', organisationId, caseId);
const messageContext = (organisationId: string, caseId: string, messageId: string, author: MessageAuthorKind) =>
  associatedData('message', organisationId, caseId, messageId, author);
const mailboxKeyContext = (organisationId: string, caseId: string) => associatedData('mailbox-case-key', organisationId, caseId);

/** Encrypts the report text (XChaCha20-Poly1305 envelope bound to organisation and case). */
export function sealReport(caseKey: Uint8Array, report: string, organisationId: string, caseId: string): Promise<Uint8Array> {
  return sealEnvelope(caseKey, utf8.encode(report), reportContext(organisationId, caseId));
}

export async function openReport(caseKey: Uint8Array, ciphertext: Uint8Array, organisationId: string, caseId: string): Promise<string> {
  return utf8.decode(await openEnvelope(caseKey, ciphertext, reportContext(organisationId, caseId)));
}

/** Encrypts a message under the case key, bound to its id and to who wrote it. */
export function sealMessage(caseKey: Uint8Array, text: string, at: { organisationId: string; caseId: string; messageId: string; author: MessageAuthorKind }): Promise<Uint8Array> {
  return sealEnvelope(caseKey, utf8.encode(text), messageContext(at.organisationId, at.caseId, at.messageId, at.author));
}

export async function openMessage(caseKey: Uint8Array, ciphertext: Uint8Array, at: { organisationId: string; caseId: string; messageId: string; author: MessageAuthorKind }): Promise<string> {
  return utf8.decode(await openEnvelope(caseKey, ciphertext, messageContext(at.organisationId, at.caseId, at.messageId, at.author)));
}

/** Staff-only texts about a case: a committee member's reason for their vote, an identity disclosure's details. */
export type CaseNoteKind = 'vote-reason' | 'disclosure';

/** Encrypts a staff note under the case key, bound to its kind and id. */
export function sealCaseNote(caseKey: Uint8Array, text: string, kind: CaseNoteKind, at: { organisationId: string; caseId: string; noteId: string }): Promise<Uint8Array> {
  return sealEnvelope(caseKey, utf8.encode(text), associatedData(kind, at.organisationId, at.caseId, at.noteId));
}

export async function openCaseNote(caseKey: Uint8Array, ciphertext: Uint8Array, kind: CaseNoteKind, at: { organisationId: string; caseId: string; noteId: string }): Promise<string> {
  return utf8.decode(await openEnvelope(caseKey, ciphertext, associatedData(kind, at.organisationId, at.caseId, at.noteId)));
}

/** Seals the case key for one recipient (crypto_box_seal to their X25519 public key). */
export async function sealCaseKeyFor(recipientPublicKey: Uint8Array, caseKey: Uint8Array): Promise<Uint8Array> {
  const sodium = await getSodium();
  return concatBytes(Uint8Array.of(SEALED_CASE_KEY_V1), sodium.crypto_box_seal(caseKey, recipientPublicKey));
}

/** Opens a case key sealed for us (crypto_box_seal_open with our key pair). */
export async function openSealedCaseKey(sealed: Uint8Array, publicKey: Uint8Array, privateKey: Uint8Array): Promise<Uint8Array> {
  checkSealedCaseKey(sealed);
  const sodium = await getSodium();
  try {
    return sodium.crypto_box_seal_open(sealed.subarray(1), publicKey, privateKey);
  } catch {
    throw new EnvelopeError('this case key was not sealed for this key pair, or it was tampered with');
  }
}

/** Server-side shape check of a sealed case key (it cannot open it). */
export function checkSealedCaseKey(sealed: Uint8Array): void {
  if (sealed[0] !== SEALED_CASE_KEY_V1) throw new EnvelopeError(`unknown sealed-key version ${sealed[0] ?? 'none'}; this server reads version ${SEALED_CASE_KEY_V1}`);
  if (sealed.length !== SEALED_CASE_KEY_BYTES) throw new EnvelopeError(`a sealed case key is ${SEALED_CASE_KEY_BYTES} bytes; this one is ${sealed.length}`);
}

/** Wraps the case key under the reporter's mailbox key (envelope bound to the case). */
export function wrapCaseKeyForMailbox(mailboxKey: Uint8Array, caseKey: Uint8Array, organisationId: string, caseId: string): Promise<Uint8Array> {
  return sealEnvelope(mailboxKey, caseKey, mailboxKeyContext(organisationId, caseId));
}

export function unwrapCaseKeyFromMailbox(mailboxKey: Uint8Array, wrapped: Uint8Array, organisationId: string, caseId: string): Promise<Uint8Array> {
  return openEnvelope(mailboxKey, wrapped, mailboxKeyContext(organisationId, caseId));
}

/** Server-side shape check of a mailbox-wrapped case key. */
export function checkWrappedCaseKey(wrapped: Uint8Array): void {
  checkEnvelopeShape(wrapped);
  if (wrapped.length !== WRAPPED_CASE_KEY_BYTES) throw new EnvelopeError(`a wrapped case key is ${WRAPPED_CASE_KEY_BYTES} bytes; this one is ${wrapped.length}`);
}

/** BLAKE2b-256 of a ciphertext, as written in receipts ("blake2b-256:<base64url>"). */
export async function ciphertextDigest(ciphertext: Uint8Array): Promise<Uint8Array> {
  return (await getSodium()).crypto_generichash(32, ciphertext, null);
}
