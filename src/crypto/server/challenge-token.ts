// Stateless proof-of-work challenges, authenticated by the server so it need not store them
// until they are redeemed. Layout (43 bytes):
//   version(1)=1 | purpose(1) | bits(1) | expiresAt unix seconds (8, big-endian) | id(16) | tag(16)
//   tag = first 16 bytes of keyed BLAKE2b("proof-of-work", first 27 bytes) under the session key
import { keyedDigest, randomBytes, sameBytes } from './keyed-hash.ts';

export const CHALLENGE_PURPOSES = ['filing', 'mailbox-login'] as const;
export type ChallengePurpose = (typeof CHALLENGE_PURPOSES)[number];
export const CHALLENGE_BYTES = 43;
const BODY_BYTES = 27;

export interface ChallengeFields {
  readonly purpose: ChallengePurpose;
  readonly bits: number;
  readonly expiresAt: Date;
  readonly id: Uint8Array;
}

async function tag(key: Uint8Array, body: Uint8Array): Promise<Uint8Array> {
  return (await keyedDigest(key, 'proof-of-work', body)).subarray(0, 16);
}

/** A new authenticated challenge. */
export async function mintChallenge(key: Uint8Array, purpose: ChallengePurpose, bits: number, expiresAt: Date): Promise<Uint8Array> {
  const challenge = new Uint8Array(CHALLENGE_BYTES);
  const view = new DataView(challenge.buffer);
  challenge[0] = 1;
  challenge[1] = CHALLENGE_PURPOSES.indexOf(purpose);
  challenge[2] = bits;
  view.setBigUint64(3, BigInt(Math.floor(expiresAt.getTime() / 1000)));
  challenge.set(await randomBytes(16), 11);
  challenge.set(await tag(key, challenge.subarray(0, BODY_BYTES)), BODY_BYTES);
  return challenge;
}

/** The challenge's fields when this server made it and nobody altered it; null otherwise. */
export async function readChallenge(key: Uint8Array, challenge: Uint8Array): Promise<ChallengeFields | null> {
  if (challenge.length !== CHALLENGE_BYTES || challenge[0] !== 1) return null;
  const purpose = CHALLENGE_PURPOSES[challenge[1] ?? 255];
  if (!purpose) return null;
  if (!(await sameBytes(await tag(key, challenge.subarray(0, BODY_BYTES)), challenge.subarray(BODY_BYTES)))) return null;
  const view = new DataView(challenge.buffer, challenge.byteOffset, challenge.byteLength);
  return { purpose, bits: challenge[2] ?? 0, expiresAt: new Date(Number(view.getBigUint64(3)) * 1000), id: challenge.slice(11, BODY_BYTES) };
}
