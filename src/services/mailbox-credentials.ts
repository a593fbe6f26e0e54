// Mailbox login (reporter): lookup id + authenticator, both derived from the token in the client.
// The authenticator is a 256-bit secret, so a keyed BLAKE2b suffices (argon2 is for human
// passwords). A wrong authenticator and an unknown lookup id take the same path and answer alike.
import { and, eq, gt } from 'drizzle-orm';
import { cases, mailboxes, purgedMailboxes } from '../../db/schema.ts';
import { keyedDigest, sameBytes } from '../crypto/server/keyed-hash.ts';
import { UnauthenticatedError } from '../domain/errors.ts';
import type { ServiceContext } from './context.ts';
import { openMailboxSession } from './mailbox-sessions.ts';
import { checkProofOfWork, spendChallenge, type ProofOfWork } from './proof-of-work.ts';

export function mailboxAuthenticatorHash(ctx: Pick<ServiceContext, 'keys'>, lookupId: Uint8Array, authenticator: Uint8Array): Promise<Uint8Array> {
  return keyedDigest(ctx.keys.pepper, 'mailbox-authenticator', lookupId, authenticator);
}

// Compared against when the lookup id is unknown, so both failures cost the same.
const ABSENT_HASH = new Uint8Array(32);

/** After its case was purged, the token opens only the signed closure notice, for the grace period. */
export interface PurgedMailbox {
  readonly closureNotice: { readonly payload: string; readonly signature: Uint8Array; readonly keyId: string };
}

export type MailboxLogin = { readonly kind: 'session'; readonly cookie: string } | ({ readonly kind: 'purged' } & PurgedMailbox);

/** Opens a reporter session for the mailbox the credentials unlock (or, once purged, gives its closure notice alone). */
export async function logInToMailbox(ctx: ServiceContext, input: { lookupId: Uint8Array; authenticator: Uint8Array; proofOfWork: ProofOfWork }): Promise<MailboxLogin> {
  const proof = await checkProofOfWork(ctx, 'mailbox-login', input.proofOfWork);
  const [live] = await ctx.db
    .select({ caseId: mailboxes.caseId, authenticatorHash: mailboxes.authenticatorHash })
    .from(mailboxes)
    .innerJoin(cases, eq(cases.id, mailboxes.caseId))
    .where(eq(mailboxes.lookupId, input.lookupId));
  const [purged] = live
    ? []
    : await ctx.db
        .select()
        .from(purgedMailboxes)
        .where(and(eq(purgedMailboxes.lookupId, input.lookupId), gt(purgedMailboxes.expiresAt, ctx.clock.now())));
  const presented = await mailboxAuthenticatorHash(ctx, input.lookupId, input.authenticator);
  const matches = await sameBytes(presented, live?.authenticatorHash ?? purged?.authenticatorHash ?? ABSENT_HASH);
  const cookie = await ctx.db.transaction(async (tx) => {
    // Spent whether or not the token is right: each guess costs a fresh proof of work.
    await spendChallenge(tx, proof);
    return live && matches ? openMailboxSession(ctx, tx, live.caseId) : null;
  });
  if (cookie !== null) return { kind: 'session', cookie };
  if (purged && matches) return { kind: 'purged', closureNotice: { payload: purged.noticePayload, signature: purged.noticeSignature, keyId: purged.noticeKeyId } };
  throw new UnauthenticatedError('This mailbox token does not open any mailbox. Check each group of characters and try again.', 'mailbox_token_invalid');
}
