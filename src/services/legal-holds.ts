// Legal holds (DESIGN.md §6, R3): the DPO keeps a case past its purge day while proceedings or an
// appeal need it, with a reason, and releases it; the next purge run then deletes it if due.
// The reason is the DPO's own words, kept in clear beside the hold (never in the audit chain,
// which is permanent) and deleted with the case.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import { cases, legalHolds, staffAccounts, type CaseState } from '../../db/schema.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../domain/errors.ts';
import type { RetentionRule } from '../domain/retention.ts';
import { appendAudit } from './audit-log.ts';
import { recordEvent } from './case-events.ts';
import { caseOfOrganisation } from './case-retention.ts';
import type { ServiceContext } from './context.ts';
import type { StaffPrincipal } from './staff-sessions.ts';

export const HOLD_REASON_MAX_CHARS = 2000;

export interface LegalHold {
  readonly id: string;
  readonly caseId: string;
  readonly caseReference: string;
  readonly caseState: CaseState;
  readonly rule: RetentionRule | null;
  readonly purgeDueOn: string | null;
  readonly reason: string;
  readonly placedBy: { readonly id: string; readonly displayName: string };
  readonly placedAt: Date;
}

/** The active holds of an organisation, oldest first. */
export async function activeHolds(db: Executor, organisationId: string, holdId?: string): Promise<LegalHold[]> {
  const rows = await db
    .select({
      id: legalHolds.id,
      caseId: legalHolds.caseId,
      caseReference: cases.reference,
      caseState: cases.state,
      rule: cases.retentionRule,
      purgeDueOn: cases.purgeDueOn,
      reason: legalHolds.reason,
      placedById: legalHolds.placedBy,
      placedByName: staffAccounts.displayName,
      placedAt: legalHolds.placedAt,
    })
    .from(legalHolds)
    .innerJoin(cases, eq(cases.id, legalHolds.caseId))
    .innerJoin(staffAccounts, eq(staffAccounts.id, legalHolds.placedBy))
    .where(and(eq(legalHolds.organisationId, organisationId), isNull(legalHolds.releasedAt), holdId ? eq(legalHolds.id, holdId) : undefined))
    .orderBy(asc(legalHolds.placedAt), asc(legalHolds.id));
  return rows.map(({ placedById, placedByName, ...row }) => ({ ...row, placedBy: { id: placedById, displayName: placedByName } }));
}

export function placeLegalHold(ctx: ServiceContext, dpo: StaffPrincipal, input: { caseId: string; reason: string }): Promise<LegalHold> {
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > HOLD_REASON_MAX_CHARS) {
    throw new InvalidInputError(`A legal hold needs its reason (the proceedings or appeal it waits for), from 1 to ${HOLD_REASON_MAX_CHARS} characters.`, 'hold_reason_required');
  }
  return ctx.db.transaction(async (tx) => {
    const row = await caseOfOrganisation(tx, dpo.organisationId, input.caseId);
    const [active] = await tx.select({ id: legalHolds.id }).from(legalHolds).where(and(eq(legalHolds.caseId, row.id), isNull(legalHolds.releasedAt)));
    if (active) throw new ConflictError('This case is already under a legal hold; release it before placing another.', 'hold_exists');
    const now = ctx.clock.now();
    const id = randomUUID();
    await tx.insert(legalHolds).values({ id, organisationId: dpo.organisationId, caseId: row.id, reason, placedBy: dpo.accountId, placedAt: now });
    await recordEvent(tx, { caseId: row.id, kind: 'legal_hold_placed', actorKind: 'staff', actorStaffId: dpo.accountId, visibleToReporter: false, details: { holdId: id }, at: now });
    await appendAudit(tx, now, { organisationId: dpo.organisationId, actorKind: 'staff', actorId: dpo.accountId, action: 'retention.hold_placed', subjectId: row.id, details: { holdId: id } });
    const [hold] = await activeHolds(tx, dpo.organisationId, id);
    return hold!;
  });
}

export function releaseLegalHold(ctx: ServiceContext, dpo: StaffPrincipal, holdId: string): Promise<{ releasedAt: Date }> {
  return ctx.db.transaction(async (tx) => {
    const [hold] = await tx
      .select()
      .from(legalHolds)
      .where(and(eq(legalHolds.id, holdId), eq(legalHolds.organisationId, dpo.organisationId)))
      .for('update');
    if (!hold) throw new NotFoundError('No such legal hold in your organisation.');
    if (hold.releasedAt) throw new ConflictError('This legal hold was already released.', 'hold_released');
    const now = ctx.clock.now();
    await tx.update(legalHolds).set({ releasedAt: now, releasedBy: dpo.accountId }).where(eq(legalHolds.id, holdId));
    await recordEvent(tx, { caseId: hold.caseId, kind: 'legal_hold_released', actorKind: 'staff', actorStaffId: dpo.accountId, visibleToReporter: false, details: { holdId }, at: now });
    await appendAudit(tx, now, { organisationId: dpo.organisationId, actorKind: 'staff', actorId: dpo.accountId, action: 'retention.hold_released', subjectId: hold.caseId, details: { holdId } });
    return { releasedAt: now };
  });
}
