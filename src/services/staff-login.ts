// Prelogin (salt and KDF parameters) and login (auth value + TOTP). Unknown e-mails get a
// deterministic fake salt and the same work and answers as known ones.
import { and, eq } from 'drizzle-orm';
import { staffAccounts, type StaffRole } from '../../db/schema.ts';
import { openTotpSecret } from '../crypto/server/at-rest.ts';
import { hashAuthValue, verifyAuthValue } from '../crypto/server/auth-value-hash.ts';
import { keyedDigest, randomBytes } from '../crypto/server/keyed-hash.ts';
import { STAFF_SALT_BYTES, type StaffKdfParams } from '../crypto/staff-keys.ts';
import { matchTotp } from '../crypto/totp.ts';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors.ts';
import { appendAudit } from './audit-log.ts';
import type { ServiceContext } from './context.ts';
import { clearLoginFailures, recordLoginFailure, refuseWhileLocked, throttleKey } from './login-throttle.ts';
import { findOrganisationBySlug, type Organisation } from './organisations.ts';
import { normaliseEmail } from './staff-invitations.ts';
import { closeStaffSession, openStaffSession, type StaffPrincipal } from './staff-sessions.ts';

export interface Prelogin {
  readonly salt: Uint8Array;
  readonly kdf: StaffKdfParams;
}

async function loginAccount(ctx: ServiceContext, organisationId: string, email: string) {
  const [account] = await ctx.db
    .select()
    .from(staffAccounts)
    .where(and(eq(staffAccounts.organisationId, organisationId), eq(staffAccounts.email, email)));
  // Invited accounts have no passphrase yet: they look exactly like unknown ones.
  return account && account.status !== 'invited' && account.kdfSalt && account.authHash ? account : undefined;
}

export async function prelogin(ctx: ServiceContext, slug: string, rawEmail: string): Promise<Prelogin> {
  const organisation = await findOrganisationBySlug(ctx, slug);
  const email = normaliseEmail(rawEmail);
  const account = await loginAccount(ctx, organisation.id, email);
  if (account?.kdfSalt && account.kdfOpsLimit && account.kdfMemLimit) {
    return { salt: account.kdfSalt, kdf: { algorithm: 'argon2id13', opsLimit: account.kdfOpsLimit, memLimitBytes: account.kdfMemLimit } };
  }
  const fakeSalt = (await keyedDigest(ctx.keys.pepper, 'fake-salt', organisation.id, email)).subarray(0, STAFF_SALT_BYTES);
  return { salt: fakeSalt, kdf: { algorithm: 'argon2id13', opsLimit: ctx.config.staffKdf.opsLimit, memLimitBytes: ctx.config.staffKdf.memLimitBytes } };
}

export interface LoginResult {
  readonly cookieValue: string;
  readonly organisation: Organisation;
  readonly account: {
    readonly id: string;
    readonly email: string;
    readonly displayName: string;
    readonly roles: StaffRole[];
    readonly language: 'fr' | 'en';
    readonly publicKey: Uint8Array;
    readonly sealedPrivateKey: Uint8Array;
  };
}

// Verified against for unknown e-mails so that both paths cost one argon2 verification.
const decoyHashes = new WeakMap<object, Promise<string>>();
function decoyHash(ctx: ServiceContext): Promise<string> {
  let hash = decoyHashes.get(ctx.config);
  if (!hash) {
    hash = randomBytes(32).then((value) => hashAuthValue(value, ctx.config.authHash));
    decoyHashes.set(ctx.config, hash);
  }
  return hash;
}

const BAD_CREDENTIALS = 'E-mail, passphrase or authenticator code is not right.';

export async function login(ctx: ServiceContext, input: { organisation: string; email: string; authValue: Uint8Array; totpCode: string }): Promise<LoginResult> {
  const organisation = await findOrganisationBySlug(ctx, input.organisation);
  const email = normaliseEmail(input.email);
  const key = await throttleKey(ctx, organisation.id, email);
  await refuseWhileLocked(ctx.db, key, ctx.clock.now());

  const account = await loginAccount(ctx, organisation.id, email);
  const storedHash = account?.authHash ?? (await decoyHash(ctx));
  const authOk = (await ctx.authHashGate.run(() => verifyAuthValue(storedHash, input.authValue))) && account !== undefined;
  const now = ctx.clock.now();
  let step: number | null = null;
  if (authOk && account.totpSecretSealed) {
    step = await matchTotp(await openTotpSecret(ctx.keys.dataKey, account.totpSecretSealed, account.id), input.totpCode, now);
    // A code already used (same or earlier step) is a replay.
    if (step !== null && account.totpLastStep !== null && step <= account.totpLastStep) step = null;
  }

  if (!authOk || step === null) {
    await ctx.db.transaction(async (tx) => {
      await recordLoginFailure(ctx, tx, key, now);
      await appendAudit(tx, now, {
        organisationId: organisation.id,
        actorKind: account ? 'staff' : 'unknown',
        actorId: account?.id ?? null,
        action: 'staff.login_failed',
        details: { factor: authOk ? 'totp' : 'passphrase' },
      });
    });
    throw new UnauthenticatedError(BAD_CREDENTIALS, 'bad_credentials');
  }
  if (account.status !== 'active' || !account.publicKey || !account.sealedPrivateKey || !account.email) {
    await ctx.db.transaction((tx) =>
      appendAudit(tx, now, { organisationId: organisation.id, actorKind: 'staff', actorId: account.id, action: 'staff.login_refused_disabled' }),
    );
    throw new ForbiddenError('This account is disabled. Contact your administrator.', 'account_disabled');
  }
  const { publicKey, sealedPrivateKey } = account;
  const cookieValue = await ctx.db.transaction(async (tx) => {
    await clearLoginFailures(tx, key);
    await tx.update(staffAccounts).set({ totpLastStep: step }).where(eq(staffAccounts.id, account.id));
    await appendAudit(tx, now, { organisationId: organisation.id, actorKind: 'staff', actorId: account.id, action: 'staff.login' });
    return openStaffSession(ctx, tx, account, now);
  });
  return {
    cookieValue,
    organisation,
    account: { id: account.id, email: account.email, displayName: account.displayName, roles: account.roles, language: account.language, publicKey, sealedPrivateKey },
  };
}

export async function logout(ctx: ServiceContext, principal: StaffPrincipal): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await closeStaffSession(tx, principal);
    await appendAudit(tx, now, { organisationId: principal.organisationId, actorKind: 'staff', actorId: principal.accountId, action: 'staff.logout' });
  });
}
