// Proof-of-work challenges for anonymous intake and mailbox login: handed out statelessly,
// redeemed once (the spent id is kept until the challenge expires).
import type { Executor } from '../../db/index.ts';
import { spentChallenges } from '../../db/schema.ts';
import { mintChallenge, readChallenge, type ChallengePurpose } from '../crypto/server/challenge-token.ts';
import { proofOfWorkHolds } from '../crypto/proof-of-work.ts';
import { ConflictError, InvalidInputError } from '../domain/errors.ts';
import type { ServiceContext } from './context.ts';

export interface IssuedChallenge {
  readonly challenge: Uint8Array;
  readonly bits: number;
  readonly expiresAt: Date;
}

export interface ProofOfWork {
  readonly challenge: Uint8Array;
  readonly nonce: Uint8Array;
}

function bitsFor(ctx: ServiceContext, purpose: ChallengePurpose): number {
  return purpose === 'filing' ? ctx.config.proofOfWork.filingBits : ctx.config.proofOfWork.mailboxLoginBits;
}

export async function issueChallenge(ctx: ServiceContext, purpose: ChallengePurpose): Promise<IssuedChallenge> {
  const bits = bitsFor(ctx, purpose);
  const expiresAt = new Date(ctx.clock.now().getTime() + ctx.config.proofOfWork.ttlSeconds * 1000);
  return { challenge: await mintChallenge(ctx.keys.sessionSecret, purpose, bits, expiresAt), bits, expiresAt };
}

/** Checks a proof without writing anything; returns the challenge id to spend. */
export async function checkProofOfWork(ctx: ServiceContext, purpose: ChallengePurpose, proof: ProofOfWork): Promise<{ id: Uint8Array; expiresAt: Date }> {
  const fields = await readChallenge(ctx.keys.sessionSecret, proof.challenge);
  if (!fields || fields.purpose !== purpose) {
    throw new InvalidInputError(`This proof of work does not answer a ${purpose} challenge from this server. Ask for a new challenge.`, 'proof_of_work_invalid');
  }
  if (fields.expiresAt <= ctx.clock.now()) throw new InvalidInputError('The proof-of-work challenge has expired. Ask for a new one.', 'proof_of_work_expired');
  if (fields.bits < bitsFor(ctx, purpose) || !(await proofOfWorkHolds(proof.challenge, proof.nonce, fields.bits))) {
    throw new InvalidInputError('The proof of work does not solve its challenge.', 'proof_of_work_invalid');
  }
  return { id: fields.id, expiresAt: fields.expiresAt };
}

/** Marks a checked challenge as used, in the caller's transaction; a second use is refused. */
export async function spendChallenge(tx: Executor, checked: { id: Uint8Array; expiresAt: Date }): Promise<void> {
  const inserted = await tx.insert(spentChallenges).values(checked).onConflictDoNothing().returning({ id: spentChallenges.id });
  if (inserted.length === 0) throw new ConflictError('This proof of work was already used. Ask for a new challenge.', 'proof_of_work_spent');
}
