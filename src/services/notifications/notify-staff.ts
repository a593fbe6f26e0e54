// Writes staff notifications to the outbox, in the transaction of the event that causes them, so a
// notification exists exactly when its event does; sending is the send-notifications job's work.
// Only active accounts with an e-mail are notified, and never the person who caused the event.
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/index.ts';
import { staffAccounts, staffNotifications, type NotificationKind } from '../../../db/schema.ts';

/** Digests leave once a day at 06:00 UTC (07:00 in Paris in winter, 08:00 in summer). */
export const DIGEST_HOUR_UTC = 6;

export function nextDigestAt(at: Date): Date {
  const next = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), DIGEST_HOUR_UTC));
  if (next <= at) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

export async function notifyStaff(
  tx: Executor,
  at: Date,
  event: { organisationId: string; recipients: Iterable<string>; kind: NotificationKind; causedBy?: string | null; /** Security notices: never held for a digest. */ immediate?: boolean },
): Promise<void> {
  const ids = [...new Set(event.recipients)].filter((id) => id !== event.causedBy);
  if (ids.length === 0) return;
  // One statement (it runs inside filings): each person's own choice of delivery, read as it is now.
  const delivery = event.immediate ? sql`'immediate'` : staffAccounts.notificationMode;
  await tx.execute(sql`
    insert into ${staffNotifications} (id, organisation_id, staff_account_id, kind, delivery, created_at, next_attempt_at)
    select gen_random_uuid(), ${staffAccounts.organisationId}, ${staffAccounts.id}, ${event.kind}, ${delivery}, ${at.toISOString()}::timestamptz,
      case when ${delivery} = 'digest' then ${nextDigestAt(at).toISOString()}::timestamptz else ${at.toISOString()}::timestamptz end
    from ${staffAccounts}
    where ${staffAccounts.id} = any(${sql.param(ids)}::uuid[]) and ${staffAccounts.organisationId} = ${event.organisationId}::uuid
      and ${staffAccounts.status} = 'active' and ${staffAccounts.email} is not null`);
}

/** The invitation mail of an account not yet active: its activation link waits in the outbox until sent. */
export async function notifyInvitee(tx: Executor, at: Date, invitation: { organisationId: string; staffAccountId: string; activationLink: string }): Promise<void> {
  const [account] = await tx.select({ email: staffAccounts.email }).from(staffAccounts).where(eq(staffAccounts.id, invitation.staffAccountId));
  if (!account?.email) return;
  await tx.insert(staffNotifications).values({ id: randomUUID(), ...invitation, kind: 'invitation', delivery: 'immediate', createdAt: at, nextAttemptAt: at });
}
