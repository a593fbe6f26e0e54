// An organisation's admin manages its staff: invite, roles, disable. Scoped to the admin's organisation.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import { staffAccounts, staffInvitations, type StaffRole, type StaffStatus } from '../../db/schema.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import { appendAudit } from './audit-log.ts';
import type { ServiceContext } from './context.ts';
import { issueInvitation, issueInvitationCode, normaliseEmail, type IssuedInvitation } from './staff-invitations.ts';
import { endSessionsOf, type StaffPrincipal } from './staff-sessions.ts';

export interface StaffSummary {
  readonly id: string;
  readonly email: string | null;
  readonly displayName: string;
  readonly roles: StaffRole[];
  readonly status: StaffStatus;
  readonly language: 'fr' | 'en';
  readonly createdAt: Date;
  readonly activatedAt: Date | null;
  readonly disabledAt: Date | null;
}

const summaryColumns = {
  id: staffAccounts.id,
  email: staffAccounts.email,
  displayName: staffAccounts.displayName,
  roles: staffAccounts.roles,
  status: staffAccounts.status,
  language: staffAccounts.language,
  createdAt: staffAccounts.createdAt,
  activatedAt: staffAccounts.activatedAt,
  disabledAt: staffAccounts.disabledAt,
};

export function listStaff(ctx: ServiceContext, admin: StaffPrincipal): Promise<StaffSummary[]> {
  return ctx.db.select(summaryColumns).from(staffAccounts).where(eq(staffAccounts.organisationId, admin.organisationId)).orderBy(asc(staffAccounts.displayName));
}

export function inviteStaff(
  ctx: ServiceContext,
  admin: StaffPrincipal,
  input: { email: string; displayName: string; roles: StaffRole[]; language: 'fr' | 'en' },
): Promise<IssuedInvitation> {
  return ctx.db.transaction((tx) =>
    issueInvitation(ctx, tx, { ...input, organisationId: admin.organisationId, invitedBy: { kind: 'staff', id: admin.accountId } }),
  );
}

async function accountInOrganisation(tx: Executor, admin: StaffPrincipal, accountId: string) {
  const [account] = await tx
    .select(summaryColumns)
    .from(staffAccounts)
    .where(and(eq(staffAccounts.id, accountId), eq(staffAccounts.organisationId, admin.organisationId)))
    .for('update');
  if (!account) throw new NotFoundError('No such staff account in your organisation.');
  return account;
}

async function otherActiveAdmins(tx: Executor, admin: StaffPrincipal, accountId: string): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(staffAccounts)
    .where(
      and(
        eq(staffAccounts.organisationId, admin.organisationId),
        eq(staffAccounts.status, 'active'),
        sql`'admin' = any(${staffAccounts.roles})`,
        sql`${staffAccounts.id} <> ${accountId}`,
      ),
    );
  return row?.count ?? 0;
}

export function setStaffRoles(ctx: ServiceContext, admin: StaffPrincipal, accountId: string, roles: StaffRole[]): Promise<StaffSummary> {
  return ctx.db.transaction(async (tx) => {
    const account = await accountInOrganisation(tx, admin, accountId);
    const next = [...new Set(roles)].sort();
    if (account.roles.includes('admin') && !next.includes('admin') && account.status === 'active' && (await otherActiveAdmins(tx, admin, accountId)) === 0) {
      throw new ConflictError('This is the last active admin of the organisation; give the admin role to someone else first.', 'last_admin');
    }
    const now = ctx.clock.now();
    await tx.update(staffAccounts).set({ roles: next }).where(eq(staffAccounts.id, accountId));
    await appendAudit(tx, now, {
      organisationId: admin.organisationId,
      actorKind: 'staff',
      actorId: admin.accountId,
      action: 'staff.roles_changed',
      subjectId: accountId,
      details: { from: [...account.roles].sort(), to: next },
    });
    return { ...account, roles: next };
  });
}

/** Disables an account and ends all its sessions at once. */
export function disableStaff(ctx: ServiceContext, admin: StaffPrincipal, accountId: string): Promise<StaffSummary> {
  return ctx.db.transaction(async (tx) => {
    const account = await accountInOrganisation(tx, admin, accountId);
    if (account.status === 'disabled') return account;
    if (account.roles.includes('admin') && account.status === 'active' && (await otherActiveAdmins(tx, admin, accountId)) === 0) {
      throw new ConflictError('This is the last active admin of the organisation; it cannot be disabled.', 'last_admin');
    }
    const now = ctx.clock.now();
    await tx.update(staffAccounts).set({ status: 'disabled', disabledAt: now }).where(eq(staffAccounts.id, accountId));
    await endSessionsOf(tx, accountId);
    await appendAudit(tx, now, { organisationId: admin.organisationId, actorKind: 'staff', actorId: admin.accountId, action: 'staff.disabled', subjectId: accountId });
    return { ...account, status: 'disabled' as const, disabledAt: now };
  });
}

/**
 * A new invitation for an account that was never activated (expired code) or was disabled
 * (lost passphrase or second factor, or someone returning). The account's old keys and
 * factors are wiped: cases sealed to its old key need re-sharing (or the recovery key).
 * An active account must be disabled first, so nobody is locked out by mistake.
 */
export function reissueInvitation(ctx: ServiceContext, admin: StaffPrincipal, accountId: string): Promise<IssuedInvitation> {
  return ctx.db.transaction(async (tx) => {
    const account = await accountInOrganisation(tx, admin, accountId);
    if (account.status === 'active') throw new ConflictError('This account is active; disable it before inviting it again.', 'account_active');
    return resetToInvited(ctx, tx, admin.organisationId, accountId, { kind: 'staff', id: admin.accountId });
  });
}

/**
 * Platform operator (CLI), for when no admin can log in (lost data.key, last admin locked out):
 * re-invites the account whatever its status, wiping its keys and factors like an admin's
 * re-invitation does.
 */
export function reissueInvitationAsOperator(ctx: ServiceContext, organisationId: string, email: string): Promise<IssuedInvitation> {
  return ctx.db.transaction(async (tx) => {
    const [account] = await tx
      .select({ id: staffAccounts.id })
      .from(staffAccounts)
      .where(and(eq(staffAccounts.organisationId, organisationId), eq(staffAccounts.email, normaliseEmail(email))))
      .for('update');
    if (!account) throw new NotFoundError(`No staff account with the e-mail ${email} in this organisation.`);
    return resetToInvited(ctx, tx, organisationId, account.id, { kind: 'operator', id: null });
  });
}

async function resetToInvited(ctx: ServiceContext, tx: Executor, organisationId: string, accountId: string, actor: { kind: 'staff' | 'operator'; id: string | null }): Promise<IssuedInvitation> {
  const now = ctx.clock.now();
  await tx.delete(staffInvitations).where(eq(staffInvitations.accountId, accountId));
  await tx
    .update(staffAccounts)
    .set({
      status: 'invited',
      kdfSalt: null,
      kdfOpsLimit: null,
      kdfMemLimit: null,
      authHash: null,
      publicKey: null,
      sealedPrivateKey: null,
      totpSecretSealed: null,
      totpLastStep: null,
      activatedAt: null,
      disabledAt: null,
    })
    .where(eq(staffAccounts.id, accountId));
  await endSessionsOf(tx, accountId);
  await appendAudit(tx, now, { organisationId, actorKind: actor.kind, actorId: actor.id, action: 'staff.reinvited', subjectId: accountId });
  return issueInvitationCode(ctx, tx, organisationId, accountId, actor.id);
}
