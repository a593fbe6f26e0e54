// Per-account login throttling, keyed by a keyed hash of (organisation, e-mail) so that
// unknown e-mails are throttled exactly like known ones and no e-mail is stored in clear.
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import { loginThrottle } from '../../db/schema.ts';
import { keyedDigest } from '../crypto/server/keyed-hash.ts';
import { TooManyRequestsError } from '../domain/errors.ts';
import type { ServiceContext } from './context.ts';

export function throttleKey(ctx: Pick<ServiceContext, 'keys'>, organisationId: string, email: string): Promise<Uint8Array> {
  return keyedDigest(ctx.keys.pepper, 'login-throttle', organisationId, email);
}

/** Throws 429 with Retry-After while the key is locked; checked before any argon2 work. */
export async function refuseWhileLocked(db: Executor, key: Uint8Array, now: Date): Promise<void> {
  const [row] = await db.select({ lockedUntil: loginThrottle.lockedUntil }).from(loginThrottle).where(eq(loginThrottle.keyHash, key));
  const until = row?.lockedUntil?.getTime() ?? 0;
  if (until > now.getTime()) {
    throw new TooManyRequestsError('Too many failed attempts for this account; wait before trying again.', (until - now.getTime()) / 1000);
  }
}

// Failures older than this are forgotten: five typos spread over months do not lock anyone.
const FAILURE_MEMORY_MS = 24 * 3_600_000;

/** Counts a failure; past the free attempts, each failure doubles the lock (bounded). */
export async function recordLoginFailure(ctx: Pick<ServiceContext, 'config'>, tx: Executor, key: Uint8Array, now: Date): Promise<void> {
  const { freeAttempts, baseLockSeconds, maxLockSeconds } = ctx.config.loginThrottle;
  const [row] = await tx
    .insert(loginThrottle)
    .values({ keyHash: key, failures: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: loginThrottle.keyHash,
      set: {
        failures: sql`case when ${loginThrottle.updatedAt} < ${new Date(now.getTime() - FAILURE_MEMORY_MS).toISOString()}::timestamptz then 1 else ${loginThrottle.failures} + 1 end`,
        updatedAt: now,
      },
    })
    .returning({ failures: loginThrottle.failures });
  const failures = row?.failures ?? 1;
  if (failures >= freeAttempts) {
    const seconds = Math.min(maxLockSeconds, baseLockSeconds * 2 ** Math.min(failures - freeAttempts, 30));
    await tx.update(loginThrottle).set({ lockedUntil: new Date(now.getTime() + seconds * 1000) }).where(eq(loginThrottle.keyHash, key));
  }
}

export async function clearLoginFailures(tx: Executor, key: Uint8Array): Promise<void> {
  await tx.delete(loginThrottle).where(eq(loginThrottle.keyHash, key));
}
