// Staff sessions live in the database (stateless app instances). The cookie carries 256
// random bits; the table stores only their keyed hash.
import { and, eq, ne } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import { staffAccounts, staffSessions, type StaffRole } from '../../db/schema.ts';
import { toBase64Url } from '../crypto/encoding.ts';
import { keyedDigest, randomBytes } from '../crypto/server/keyed-hash.ts';
import type { ServiceContext } from './context.ts';

export interface StaffPrincipal {
  readonly accountId: string;
  readonly organisationId: string;
  readonly roles: readonly StaffRole[];
  readonly sessionHash: Uint8Array;
}

const LAST_SEEN_WRITE_INTERVAL_MS = 60_000;

function sessionHash(ctx: Pick<ServiceContext, 'keys'>, cookieValue: string): Promise<Uint8Array> {
  return keyedDigest(ctx.keys.sessionSecret, 'staff-session', cookieValue);
}

/** Opens a new session (always a new id) inside the caller's transaction; returns the cookie value. */
export async function openStaffSession(ctx: ServiceContext, tx: Executor, account: { id: string; organisationId: string }, now: Date): Promise<string> {
  const cookieValue = toBase64Url(await randomBytes(32));
  await tx.insert(staffSessions).values({
    idHash: await sessionHash(ctx, cookieValue),
    accountId: account.id,
    organisationId: account.organisationId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 3_600_000),
  });
  return cookieValue;
}

/** The session's principal, or null when it is unknown, idle too long, past its absolute limit, or its account is not active. */
export async function authenticateStaffSession(ctx: ServiceContext, cookieValue: string): Promise<StaffPrincipal | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(cookieValue)) return null;
  const idHash = await sessionHash(ctx, cookieValue);
  const [row] = await ctx.db
    .select({ session: staffSessions, status: staffAccounts.status, roles: staffAccounts.roles })
    .from(staffSessions)
    .innerJoin(staffAccounts, eq(staffAccounts.id, staffSessions.accountId))
    .where(eq(staffSessions.idHash, idHash));
  if (!row) return null;
  const now = ctx.clock.now();
  const idleLimit = row.session.lastSeenAt.getTime() + ctx.config.sessionIdleMinutes * 60_000;
  if (row.status !== 'active' || now >= row.session.expiresAt || now.getTime() >= idleLimit) {
    await ctx.db.delete(staffSessions).where(eq(staffSessions.idHash, idHash));
    return null;
  }
  if (now.getTime() - row.session.lastSeenAt.getTime() >= LAST_SEEN_WRITE_INTERVAL_MS) {
    await ctx.db.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.idHash, idHash));
  }
  return { accountId: row.session.accountId, organisationId: row.session.organisationId, roles: row.roles, sessionHash: idHash };
}

export async function closeStaffSession(tx: Executor, principal: StaffPrincipal): Promise<void> {
  await tx.delete(staffSessions).where(eq(staffSessions.idHash, principal.sessionHash));
}

/** Ends every session of an account, or every one but the caller's. */
export async function endSessionsOf(tx: Executor, accountId: string, except?: Uint8Array): Promise<void> {
  await tx
    .delete(staffSessions)
    .where(except ? and(eq(staffSessions.accountId, accountId), ne(staffSessions.idHash, except)) : eq(staffSessions.accountId, accountId));
}
