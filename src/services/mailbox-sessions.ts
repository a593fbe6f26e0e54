// Reporter sessions: a random cookie (only its keyed hash is stored), 15 minutes idle by
// default, bound to one case. Nothing about the reporter's device or address is kept.
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import { mailboxSessions } from '../../db/schema.ts';
import { toBase64Url } from '../crypto/encoding.ts';
import { keyedDigest, randomBytes } from '../crypto/server/keyed-hash.ts';
import type { ServiceContext } from './context.ts';

export interface ReporterPrincipal {
  readonly caseId: string;
  readonly sessionHash: Uint8Array;
}

const LAST_SEEN_WRITE_INTERVAL_MS = 30_000;

function sessionHash(ctx: Pick<ServiceContext, 'keys'>, cookieValue: string): Promise<Uint8Array> {
  return keyedDigest(ctx.keys.sessionSecret, 'mailbox-session', cookieValue);
}

export async function openMailboxSession(ctx: ServiceContext, tx: Executor, caseId: string): Promise<string> {
  const now = ctx.clock.now();
  const cookieValue = toBase64Url(await randomBytes(32));
  await tx.insert(mailboxSessions).values({
    idHash: await sessionHash(ctx, cookieValue),
    caseId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + ctx.config.intake.mailboxAbsoluteMinutes * 60_000),
  });
  return cookieValue;
}

/** The session's case, or null when unknown, idle for too long or past its absolute limit. */
export async function authenticateMailboxSession(ctx: ServiceContext, cookieValue: string): Promise<ReporterPrincipal | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(cookieValue)) return null;
  const idHash = await sessionHash(ctx, cookieValue);
  const [session] = await ctx.db.select().from(mailboxSessions).where(eq(mailboxSessions.idHash, idHash));
  if (!session) return null;
  const now = ctx.clock.now();
  if (now >= session.expiresAt || now.getTime() >= session.lastSeenAt.getTime() + ctx.config.intake.mailboxIdleMinutes * 60_000) {
    await ctx.db.delete(mailboxSessions).where(eq(mailboxSessions.idHash, idHash));
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_WRITE_INTERVAL_MS) {
    await ctx.db.update(mailboxSessions).set({ lastSeenAt: now }).where(eq(mailboxSessions.idHash, idHash));
  }
  return { caseId: session.caseId, sessionHash: idHash };
}

export async function closeMailboxSession(ctx: ServiceContext, principal: ReporterPrincipal): Promise<void> {
  await ctx.db.delete(mailboxSessions).where(eq(mailboxSessions.idHash, principal.sessionHash));
}
