// A staff member's own account: what the client needs to unlock its keys, and passphrase change.
import { eq } from 'drizzle-orm';
import { organisations, staffAccounts, type StaffRole } from '../../db/schema.ts';
import { hashAuthValue, verifyAuthValue } from '../crypto/server/auth-value-hash.ts';
import { STAFF_SALT_BYTES, checkSealedPrivateKey } from '../crypto/staff-keys.ts';
import { InvalidInputError, NotFoundError, UnauthenticatedError } from '../domain/errors.ts';
import { appendAudit } from './audit-log.ts';
import { notifyStaff } from './notifications/notify-staff.ts';
import type { ServiceContext } from './context.ts';
import { recordLoginFailure, refuseWhileLocked, throttleKey } from './login-throttle.ts';
import { endSessionsOf, type StaffPrincipal } from './staff-sessions.ts';

export interface StaffProfile {
  readonly id: string;
  readonly email: string | null;
  readonly displayName: string;
  readonly roles: StaffRole[];
  readonly language: 'fr' | 'en';
  readonly organisation: { readonly id: string; readonly slug: string; readonly name: string };
  readonly publicKey: Uint8Array | null;
  readonly sealedPrivateKey: Uint8Array | null;
}

export async function getStaffProfile(ctx: ServiceContext, principal: StaffPrincipal): Promise<StaffProfile> {
  const [row] = await ctx.db
    .select({ account: staffAccounts, organisation: { id: organisations.id, slug: organisations.slug, name: organisations.name } })
    .from(staffAccounts)
    .innerJoin(organisations, eq(organisations.id, staffAccounts.organisationId))
    .where(eq(staffAccounts.id, principal.accountId));
  if (!row) throw new NotFoundError('Account not found.');
  const { account } = row;
  return {
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    roles: account.roles,
    language: account.language,
    organisation: row.organisation,
    publicKey: account.publicKey,
    sealedPrivateKey: account.sealedPrivateKey,
  };
}

/**
 * The client re-derives from the new passphrase and re-encrypts its private key; the
 * server checks the current auth value, replaces hash, salt and sealed key, and ends the
 * account's other sessions.
 */
export async function changePassphrase(
  ctx: ServiceContext,
  principal: StaffPrincipal,
  input: { currentAuthValue: Uint8Array; salt: Uint8Array; authValue: Uint8Array; sealedPrivateKey: Uint8Array },
): Promise<void> {
  if (input.salt.length !== STAFF_SALT_BYTES) throw new InvalidInputError(`salt must be ${STAFF_SALT_BYTES} bytes.`);
  if (input.authValue.length !== 32) throw new InvalidInputError('authValue must be 32 bytes.');
  checkSealedPrivateKey(input.sealedPrivateKey);
  const [account] = await ctx.db.select({ authHash: staffAccounts.authHash, email: staffAccounts.email }).from(staffAccounts).where(eq(staffAccounts.id, principal.accountId));
  if (!account?.authHash || !account.email) throw new NotFoundError('Account not found.');
  // Guessing the current passphrase from a stolen session is throttled like a login.
  const key = await throttleKey(ctx, principal.organisationId, account.email);
  await refuseWhileLocked(ctx.db, key, ctx.clock.now());
  const storedHash = account.authHash;
  const now = ctx.clock.now();
  if (!(await ctx.authHashGate.run(() => verifyAuthValue(storedHash, input.currentAuthValue)))) {
    await ctx.db.transaction(async (tx) => {
      await recordLoginFailure(ctx, tx, key, now);
      await appendAudit(tx, now, { organisationId: principal.organisationId, actorKind: 'staff', actorId: principal.accountId, action: 'staff.passphrase_change_failed' });
    });
    throw new UnauthenticatedError('The current passphrase is not right.', 'bad_credentials');
  }
  const authHash = await ctx.authHashGate.run(() => hashAuthValue(input.authValue, ctx.config.authHash));
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(staffAccounts)
      .set({
        authHash,
        kdfSalt: input.salt,
        kdfOpsLimit: ctx.config.staffKdf.opsLimit,
        kdfMemLimit: ctx.config.staffKdf.memLimitBytes,
        sealedPrivateKey: input.sealedPrivateKey,
      })
      .where(eq(staffAccounts.id, principal.accountId));
    await endSessionsOf(tx, principal.accountId, principal.sessionHash);
    await appendAudit(tx, now, { organisationId: principal.organisationId, actorKind: 'staff', actorId: principal.accountId, action: 'staff.passphrase_changed' });
    // A security notice: it leaves at once, whatever the person chose for the rest.
    await notifyStaff(tx, now, { organisationId: principal.organisationId, recipients: [principal.accountId], kind: 'passphrase_changed', immediate: true });
  });
}
