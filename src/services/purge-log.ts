// The purge log as the DPO reads it: which case (id and reference, as the audit log names it), by
// which rule, due when, purged when. Newest first, keyset-paginated; CSV for the whole period.
import { and, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import { purgeLog } from '../../db/schema.ts';
import type { RetentionRule } from '../domain/retention.ts';
import type { ServiceContext } from './context.ts';
import { auditDpo } from './dpo-audit.ts';
import type { StaffPrincipal } from './staff-sessions.ts';
import { csvDocument } from './csv.ts';

export interface PurgeLogEntry {
  readonly id: number;
  readonly caseId: string;
  readonly caseReference: string;
  readonly rule: RetentionRule;
  readonly dueOn: string;
  readonly purgedAt: Date;
}

export interface PurgeLogQuery {
  /** Purged at or after this instant. */
  readonly from?: Date;
  /** Purged before this instant. */
  readonly to?: Date;
  /** Keyset cursor: the last entry of the previous page. */
  readonly after?: { readonly purgedAt: Date; readonly id: number };
  readonly limit: number;
}

const columns = { id: purgeLog.id, caseId: purgeLog.caseId, caseReference: purgeLog.caseReference, rule: purgeLog.rule, dueOn: purgeLog.dueOn, purgedAt: purgeLog.purgedAt };

function conditions(organisationId: string, query: Omit<PurgeLogQuery, 'limit'>): SQL | undefined {
  return and(
    eq(purgeLog.organisationId, organisationId),
    query.from ? gte(purgeLog.purgedAt, query.from) : undefined,
    query.to ? lt(purgeLog.purgedAt, query.to) : undefined,
    query.after ? or(lt(purgeLog.purgedAt, query.after.purgedAt), and(eq(purgeLog.purgedAt, query.after.purgedAt), lt(purgeLog.id, query.after.id))) : undefined,
  );
}

export async function purgeLogPage(ctx: ServiceContext, dpo: StaffPrincipal, query: PurgeLogQuery): Promise<{ entries: PurgeLogEntry[]; more: boolean }> {
  const rows = await ctx.db
    .select(columns)
    .from(purgeLog)
    .where(conditions(dpo.organisationId, query))
    .orderBy(desc(purgeLog.purgedAt), desc(purgeLog.id))
    .limit(query.limit + 1);
  await auditDpo(ctx, dpo, 'dpo.purge_log_viewed', { entries: Math.min(rows.length, query.limit) });
  return { entries: rows.slice(0, query.limit), more: rows.length > query.limit };
}

export const PURGE_LOG_CSV_COLUMNS = ['purged_at', 'case_reference', 'case_id', 'rule', 'due_on'] as const;

/** The whole log of a period as CSV (RFC 4180, UTF-8), newest first. */
export async function purgeLogCsv(ctx: ServiceContext, dpo: StaffPrincipal, query: Omit<PurgeLogQuery, 'limit' | 'after'>): Promise<string> {
  const rows = await ctx.db.select(columns).from(purgeLog).where(conditions(dpo.organisationId, query)).orderBy(desc(purgeLog.purgedAt), desc(purgeLog.id));
  await auditDpo(ctx, dpo, 'dpo.purge_log_exported', { entries: rows.length });
  return csvDocument(
    PURGE_LOG_CSV_COLUMNS,
    rows.map((row) => [row.purgedAt.toISOString(), row.caseReference, row.caseId, row.rule, row.dueOn]),
  );
}
