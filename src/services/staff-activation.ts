// Activation from an invitation: TOTP enrolment, then the client's keys and auth value.
import { and, eq, isNull } from 'drizzle-orm';
import { organisations, staffAccounts, staffInvitations, type StaffRole } from '../../db/schema.ts';
import { openTotpSecret, sealTotpSecret } from '../crypto/server/at-rest.ts';
import { hashAuthValue } from '../crypto/server/auth-value-hash.ts';
import { STAFF_SALT_BYTES, checkSealedPrivateKey, type StaffKdfParams } from '../crypto/staff-keys.ts';
import { matchTotp, newTotpSecret, totpEnrolmentUri } from '../crypto/totp.ts';
import { ConflictError, GoneError, InvalidInputError, NotFoundError } from '../domain/errors.ts';
import { appendAudit } from './audit-log.ts';
import type { ServiceContext } from './context.ts';
import { invitationCodeHash, normaliseEmail } from './staff-invitations.ts';

export interface ActivationStart {
  readonly organisation: { readonly id: string; readonly slug: string; readonly name: string };
  readonly account: { readonly id: string; readonly email: string | null; readonly displayName: string; readonly roles: StaffRole[] };
  readonly kdf: StaffKdfParams;
  readonly totp: { readonly secret: string; readonly uri: string };
}

async function openInvitation(ctx: ServiceContext, code: string) {
  const [row] = await ctx.db
    .select({ invitation: staffInvitations, account: staffAccounts, organisation: organisations })
    .from(staffInvitations)
    .innerJoin(staffAccounts, eq(staffAccounts.id, staffInvitations.accountId))
    .innerJoin(organisations, eq(organisations.id, staffInvitations.organisationId))
    .where(eq(staffInvitations.codeHash, await invitationCodeHash(ctx, code)));
  if (!row) throw new NotFoundError('This invitation code is not valid. Ask your administrator for a new invitation.');
  if (row.invitation.usedAt) throw new GoneError('This invitation has already been used.', 'invitation_used');
  if (row.invitation.expiresAt <= ctx.clock.now()) throw new GoneError('This invitation has expired. Ask your administrator for a new one.', 'invitation_expired');
  if (row.account.status !== 'invited') throw new GoneError('This invitation is no longer valid.', 'invitation_revoked');
  return row;
}

/** First step: tells the client who is being activated, the KDF parameters, and the TOTP seed to enrol. */
export async function startActivation(ctx: ServiceContext, code: string): Promise<ActivationStart> {
  const { account, organisation } = await openInvitation(ctx, code);
  let secret: string;
  if (account.totpSecretSealed) {
    secret = await openTotpSecret(ctx.keys.dataKey, account.totpSecretSealed, account.id);
  } else {
    secret = newTotpSecret();
    await ctx.db.update(staffAccounts).set({ totpSecretSealed: await sealTotpSecret(ctx.keys.dataKey, secret, account.id) }).where(eq(staffAccounts.id, account.id));
  }
  return {
    organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name },
    account: { id: account.id, email: account.email, displayName: account.displayName, roles: account.roles },
    kdf: { algorithm: 'argon2id13', opsLimit: ctx.config.staffKdf.opsLimit, memLimitBytes: ctx.config.staffKdf.memLimitBytes },
    totp: { secret, uri: totpEnrolmentUri(secret, `Vigie (${organisation.name})`, account.email ?? account.displayName) },
  };
}

export interface ActivationInput {
  readonly code: string;
  readonly email: string | undefined;
  readonly salt: Uint8Array;
  readonly authValue: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly sealedPrivateKey: Uint8Array;
  readonly totpCode: string;
}

/** Second step: proves TOTP enrolment and stores the account's keys and auth-value hash. */
export async function completeActivation(ctx: ServiceContext, input: ActivationInput): Promise<{ accountId: string }> {
  const { account, invitation } = await openInvitation(ctx, input.code);
  if (input.salt.length !== STAFF_SALT_BYTES) throw new InvalidInputError(`salt must be ${STAFF_SALT_BYTES} bytes.`);
  if (input.authValue.length !== 32) throw new InvalidInputError('authValue must be 32 bytes.');
  if (input.publicKey.length !== 32) throw new InvalidInputError('publicKey must be a 32-byte X25519 public key.');
  checkSealedPrivateKey(input.sealedPrivateKey);
  const email = account.email ?? (input.email ? normaliseEmail(input.email) : null);
  if (!email) throw new InvalidInputError('This invitation has no e-mail: give the e-mail you will log in with.', 'email_required');
  if (!account.totpSecretSealed) throw new ConflictError('Start the activation first to receive the authenticator code.', 'activation_not_started');
  const secret = await openTotpSecret(ctx.keys.dataKey, account.totpSecretSealed, account.id);
  const now = ctx.clock.now();
  const step = await matchTotp(secret, input.totpCode, now);
  if (step === null) throw new InvalidInputError('The authenticator code is not right. Check the time on your phone and try the next code.', 'totp_invalid');
  const authHash = await ctx.authHashGate.run(() => hashAuthValue(input.authValue, ctx.config.authHash));
  await ctx.db.transaction(async (tx) => {
    const used = await tx
      .update(staffInvitations)
      .set({ usedAt: now })
      .where(and(eq(staffInvitations.codeHash, invitation.codeHash), isNull(staffInvitations.usedAt)))
      .returning({ accountId: staffInvitations.accountId });
    if (used.length === 0) throw new GoneError('This invitation has already been used.', 'invitation_used');
    const [clash] = await tx
      .select({ id: staffAccounts.id })
      .from(staffAccounts)
      .where(and(eq(staffAccounts.organisationId, account.organisationId), eq(staffAccounts.email, email)));
    if (clash && clash.id !== account.id) throw new ConflictError('A staff account with this e-mail already exists in this organisation.', 'email_taken');
    await tx
      .update(staffAccounts)
      .set({
        email,
        status: 'active',
        kdfSalt: input.salt,
        kdfOpsLimit: ctx.config.staffKdf.opsLimit,
        kdfMemLimit: ctx.config.staffKdf.memLimitBytes,
        authHash,
        publicKey: input.publicKey,
        sealedPrivateKey: input.sealedPrivateKey,
        totpLastStep: step,
        activatedAt: now,
      })
      .where(eq(staffAccounts.id, account.id));
    await appendAudit(tx, now, { organisationId: account.organisationId, actorKind: 'staff', actorId: account.id, action: 'staff.activated', subjectId: account.id });
  });
  return { accountId: account.id };
}
