// Who may receive a new report: active staff of the organisation with the referent or committee
// role and a key pair. The reporter picks among them; at least one referent must remain.
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import { staffAccounts } from '../../db/schema.ts';

export type RecipientRole = 'referent' | 'committee';

export interface Recipient {
  readonly id: string;
  readonly displayName: string;
  readonly roles: RecipientRole[];
  readonly publicKey: Uint8Array;
}

export async function eligibleRecipients(tx: Executor, organisationId: string): Promise<Recipient[]> {
  const rows = await tx
    .select({ id: staffAccounts.id, displayName: staffAccounts.displayName, roles: staffAccounts.roles, publicKey: staffAccounts.publicKey })
    .from(staffAccounts)
    .where(
      and(
        eq(staffAccounts.organisationId, organisationId),
        eq(staffAccounts.status, 'active'),
        isNotNull(staffAccounts.publicKey),
        sql`${staffAccounts.roles} && array['referent', 'committee']::text[]`,
      ),
    )
    .orderBy(asc(staffAccounts.displayName), asc(staffAccounts.id));
  return rows.map((row) => ({
    id: row.id,
    displayName: row.displayName,
    roles: row.roles.filter((role): role is RecipientRole => role === 'referent' || role === 'committee'),
    publicKey: row.publicKey as Uint8Array,
  }));
}
