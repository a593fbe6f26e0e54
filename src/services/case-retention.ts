// Each case's retention rule and purge-due day (domain/retention.ts), kept on the case row so the
// purge finds what is due with one indexed query: set at closure, recomputed when proceedings end
// or the organisation shortens its retention. Also the proceedings-ended record (referent or DPO).
import { and, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import { cases, legalHolds, type CalendarRegion } from '../../db/schema.ts';
import { localDateOf, type CalendarDate } from '../domain/calendar.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../domain/errors.ts';
import { retentionOf, type Retention, type RetentionPolicy } from '../domain/retention.ts';
import { appendAudit } from './audit-log.ts';
import { caseHeldBy, type CaseRow } from './case-access.ts';
import { recordEvent } from './case-events.ts';
import type { ServiceContext } from './context.ts';
import { intakeSettingsOf } from './intake-settings.ts';
import type { StaffPrincipal } from './staff-sessions.ts';

type RetentionInputs = Pick<CaseRow, 'outcome' | 'closedAt' | 'proceedingsEndedOn'>;

/** The rule and purge-due day of a case as the domain computes them (null while open). */
export function retentionOfCase(row: RetentionInputs, policy: RetentionPolicy, region: CalendarRegion): Retention | null {
  return retentionOf({ outcome: row.outcome, closedOn: row.closedAt ? localDateOf(row.closedAt, region) : null, proceedingsEndedOn: row.proceedingsEndedOn }, policy);
}

/** The two columns the purge reads, for a row about to be written. */
export function retentionColumns(row: RetentionInputs, policy: RetentionPolicy, region: CalendarRegion): Pick<CaseRow, 'retentionRule' | 'purgeDueOn'> {
  const retention = retentionOfCase(row, policy, region);
  return { retentionRule: retention?.rule ?? null, purgeDueOn: retention?.dueOn ?? null };
}

const RECOMPUTE_BATCH = 1000;

/**
 * Recomputes the purge day of an organisation's closed cases (after its retention or calendar
 * changed), and of closed cases that have none yet (closed before this column existed, or
 * restored from a backup taken then). Keyset batches, inside the caller's transaction.
 */
export async function recomputeRetention(tx: Executor, organisationId: string, options: { onlyMissing?: boolean } = {}): Promise<number> {
  const { retention, calendarRegion } = await intakeSettingsOf(tx, organisationId);
  let after = '00000000-0000-0000-0000-000000000000';
  let changed = 0;
  for (;;) {
    const rows = await tx
      .select({ id: cases.id, outcome: cases.outcome, closedAt: cases.closedAt, proceedingsEndedOn: cases.proceedingsEndedOn, retentionRule: cases.retentionRule, purgeDueOn: cases.purgeDueOn })
      .from(cases)
      .where(and(eq(cases.organisationId, organisationId), isNotNull(cases.closedAt), options.onlyMissing ? isNull(cases.purgeDueOn) : undefined, gt(cases.id, after)))
      .orderBy(cases.id)
      .limit(RECOMPUTE_BATCH);
    for (const row of rows) {
      const columns = retentionColumns(row, retention, calendarRegion);
      if (columns.retentionRule !== row.retentionRule || columns.purgeDueOn !== row.purgeDueOn) {
        await tx.update(cases).set(columns).where(eq(cases.id, row.id));
        changed++;
      }
    }
    if (rows.length < RECOMPUTE_BATCH) return changed;
    after = rows[rows.length - 1]!.id;
  }
}

export interface CaseRetentionView {
  readonly rule: Retention['rule'] | null;
  readonly purgeDueOn: CalendarDate | null;
  readonly proceedingsEndedOn: CalendarDate | null;
  /** An active legal hold blocks the purge whatever the due day. */
  readonly legalHold: { readonly id: string; readonly placedAt: Date } | null;
}

export async function retentionViewOf(tx: Executor, row: Pick<CaseRow, 'id' | 'retentionRule' | 'purgeDueOn' | 'proceedingsEndedOn'>): Promise<CaseRetentionView> {
  const [hold] = await tx
    .select({ id: legalHolds.id, placedAt: legalHolds.placedAt })
    .from(legalHolds)
    .where(and(eq(legalHolds.caseId, row.id), isNull(legalHolds.releasedAt)));
  return { rule: row.retentionRule, purgeDueOn: row.purgeDueOn, proceedingsEndedOn: row.proceedingsEndedOn, legalHold: hold ?? null };
}

/**
 * Records the day the proceedings that followed a case ended (R3): the case is then due on that
 * day. A referent holding the case or the organisation's DPO may record it, and correct it.
 */
export function recordProceedingsEnded(ctx: ServiceContext, staff: StaffPrincipal, caseId: string, endedOn: CalendarDate): Promise<CaseRetentionView> {
  return ctx.db.transaction(async (tx) => {
    const row = staff.roles.includes('dpo') ? await caseOfOrganisation(tx, staff.organisationId, caseId) : (await caseHeldBy(tx, staff, caseId, { lock: true })).row;
    if (row.outcome !== 'follow_up' || !row.closedAt) {
      throw new ConflictError('Only a case closed with follow-up has proceedings whose end can be recorded.', 'no_proceedings');
    }
    const now = ctx.clock.now();
    const { retention, calendarRegion } = await intakeSettingsOf(tx, row.organisationId);
    const closedOn = localDateOf(row.closedAt, calendarRegion);
    const today = localDateOf(now, calendarRegion);
    if (endedOn < closedOn) throw new InvalidInputError(`The proceedings followed the closure on ${closedOn}: they cannot have ended before it.`, 'proceedings_before_closure');
    if (endedOn > today) throw new InvalidInputError('Record the end of the proceedings once they have ended: the date cannot be in the future.', 'proceedings_in_future');
    const columns = retentionColumns({ ...row, proceedingsEndedOn: endedOn }, retention, calendarRegion);
    const [updated] = await tx
      .update(cases)
      .set({ proceedingsEndedOn: endedOn, ...columns })
      .where(eq(cases.id, row.id))
      .returning();
    await recordEvent(tx, { caseId: row.id, kind: 'proceedings_ended', actorKind: 'staff', actorStaffId: staff.accountId, visibleToReporter: false, details: { endedOn }, at: now });
    await appendAudit(tx, now, {
      organisationId: row.organisationId,
      actorKind: 'staff',
      actorId: staff.accountId,
      action: 'case.proceedings_ended_recorded',
      subjectId: row.id,
      details: { endedOn, corrected: row.proceedingsEndedOn !== null, purgeDueOn: columns.purgeDueOn },
    });
    return retentionViewOf(tx, updated!);
  });
}

/** A case of the organisation, locked, for the DPO (who holds no case key): 404 outside it. */
export async function caseOfOrganisation(tx: Executor, organisationId: string, caseId: string): Promise<CaseRow> {
  const [row] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.id, caseId), eq(cases.organisationId, organisationId)))
    .for('update');
  if (!row) throw new NotFoundError('No such case in your organisation (it may have been purged).');
  return row;
}
