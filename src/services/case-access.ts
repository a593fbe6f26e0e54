// Which staff member may reach which case: only a holder of the case key sealed for them, in their
// own organisation. Anyone else (excluded, recused, another organisation) gets the same 404.
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import { caseKeyGrants, cases } from '../../db/schema.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { StaffPrincipal } from './staff-sessions.ts';

export const holdsKey = (staff: StaffPrincipal) =>
  and(eq(caseKeyGrants.caseId, cases.id), eq(caseKeyGrants.staffAccountId, staff.accountId), eq(caseKeyGrants.organisationId, staff.organisationId));

export type CaseRow = typeof cases.$inferSelect;

/**
 * The case row and the caller's sealed key, or 404. `lock` takes the row for update: every
 * change of state goes through it, so two transitions on one case never interleave.
 */
export async function caseHeldBy(tx: Executor, staff: StaffPrincipal, caseId: string, options: { lock?: boolean } = {}): Promise<{ row: CaseRow; sealedKey: Uint8Array }> {
  const query = tx
    .select({ row: cases, sealedKey: caseKeyGrants.sealedKey })
    .from(cases)
    .innerJoin(caseKeyGrants, holdsKey(staff))
    .where(and(eq(cases.id, caseId), eq(cases.organisationId, staff.organisationId)));
  const [found] = options.lock ? await query.for('update', { of: cases }) : await query;
  if (!found) throw new NotFoundError('No such case among those shared with you.');
  return found;
}
