// The organisation's audit log as its admin reads it: pages of entries (newest or oldest first,
// keyset on the chain's sequence number) with the acting staff member's name, and the chain's
// verification. Reading is itself audited (what was looked at, never what it showed).
import { and, asc, desc, eq, gt, lt } from 'drizzle-orm';
import { auditLog, staffAccounts, type AuditActorKind } from '../../db/schema.ts';
import { appendAudit, verifyAuditChain, type AuditVerification } from './audit-log.ts';
import type { ServiceContext } from './context.ts';
import type { StaffPrincipal } from './staff-sessions.ts';

export type AuditOrder = 'newest' | 'oldest';

export interface AuditEntryView {
  readonly seq: number;
  readonly at: Date;
  readonly actorKind: AuditActorKind;
  readonly actorId: string | null;
  /** The staff member's display name when the actor is one of the organisation's accounts. */
  readonly actorName: string | null;
  readonly action: string;
  readonly subjectId: string | null;
  readonly details: Record<string, unknown>;
}

export interface AuditPageQuery {
  readonly order: AuditOrder;
  /** Keyset cursor: the sequence number of the last entry of the previous page. */
  readonly after?: number;
  readonly limit: number;
}

function auditRead(ctx: ServiceContext, admin: StaffPrincipal, details: Record<string, string | number | boolean>): Promise<void> {
  return ctx.db.transaction((tx) =>
    appendAudit(tx, ctx.clock.now(), { organisationId: admin.organisationId, actorKind: 'staff', actorId: admin.accountId, action: 'admin.audit_viewed', details }),
  );
}

export async function auditPage(ctx: ServiceContext, admin: StaffPrincipal, query: AuditPageQuery): Promise<{ entries: AuditEntryView[]; more: boolean }> {
  const newest = query.order === 'newest';
  const rows = await ctx.db
    .select({
      seq: auditLog.seq,
      at: auditLog.at,
      actorKind: auditLog.actorKind,
      actorId: auditLog.actorId,
      actorName: staffAccounts.displayName,
      action: auditLog.action,
      subjectId: auditLog.subjectId,
      details: auditLog.details,
    })
    .from(auditLog)
    // Only the organisation's own accounts are named (the join is scoped too).
    .leftJoin(staffAccounts, and(eq(staffAccounts.id, auditLog.actorId), eq(staffAccounts.organisationId, auditLog.organisationId)))
    .where(
      and(
        eq(auditLog.organisationId, admin.organisationId),
        query.after === undefined ? undefined : newest ? lt(auditLog.seq, query.after) : gt(auditLog.seq, query.after),
      ),
    )
    .orderBy(newest ? desc(auditLog.seq) : asc(auditLog.seq))
    .limit(query.limit + 1);
  const entries = rows.slice(0, query.limit).map((row) => ({ ...row, actorName: row.actorKind === 'staff' ? row.actorName : null }));
  await auditRead(ctx, admin, { entries: entries.length, order: query.order });
  return { entries, more: rows.length > query.limit };
}

/** Walks the organisation's whole chain (verifyAuditChain), then records that it was checked. */
export async function verifyOwnAuditChain(ctx: ServiceContext, admin: StaffPrincipal): Promise<AuditVerification> {
  const result = await verifyAuditChain(ctx.db, admin.organisationId);
  await auditRead(ctx, admin, { verification: true, entriesChecked: result.entriesChecked, intact: result.firstBroken === null });
  return result;
}
