// The DPO's view of retention (no case content, no keys): how many cases each rule governs in
// each state, what the coming 30 days will purge, what is overdue (zero after a purge run, unless
// a case failed), and the legal holds with their reasons. Each look is audited.
import { and, asc, count, eq, exists, gt, isNull, lte, max, notExists } from 'drizzle-orm';
import { cases, legalHolds, purgeLog, type CaseState } from '../../db/schema.ts';
import { addCalendarDays, localDateOf, type CalendarDate } from '../domain/calendar.ts';
import type { RetentionPolicy, RetentionRule } from '../domain/retention.ts';
import { auditDpo } from './dpo-audit.ts';
import type { ServiceContext } from './context.ts';
import { intakeSettingsOf } from './intake-settings.ts';
import { activeHolds, type LegalHold } from './legal-holds.ts';
import type { StaffPrincipal } from './staff-sessions.ts';

export const UPCOMING_DAYS = 30;
const LIST_LIMIT = 500;

export interface ScheduledPurge {
  readonly caseId: string;
  readonly caseReference: string;
  readonly rule: RetentionRule;
  readonly purgeDueOn: CalendarDate;
  readonly held: boolean;
}

export interface RetentionOverview {
  readonly today: CalendarDate;
  readonly policy: RetentionPolicy;
  /** rule null: open cases (no rule until closure). */
  readonly counts: { readonly rule: RetentionRule | null; readonly state: CaseState; readonly cases: number }[];
  readonly upcoming: { readonly total: number; readonly cases: ScheduledPurge[] };
  readonly overdue: { readonly total: number; readonly cases: ScheduledPurge[] };
  readonly holds: LegalHold[];
  readonly lastPurgeAt: Date | null;
}

export async function retentionOverview(ctx: ServiceContext, dpo: StaffPrincipal): Promise<RetentionOverview> {
  const organisationId = dpo.organisationId;
  const settings = await intakeSettingsOf(ctx.db, organisationId);
  const now = ctx.clock.now();
  const today = localDateOf(now, settings.calendarRegion);
  const horizon = addCalendarDays(today, UPCOMING_DAYS);
  const counts = await ctx.db
    .select({ rule: cases.retentionRule, state: cases.state, cases: count() })
    .from(cases)
    .where(eq(cases.organisationId, organisationId))
    .groupBy(cases.retentionRule, cases.state)
    .orderBy(asc(cases.retentionRule), asc(cases.state));
  // An active hold on the case. A query builder, not a raw sql`` fragment: in the select list of a
  // one-table query drizzle writes a raw fragment's columns unqualified, and "case_id" = "id" inside
  // the subquery would then compare two columns of legal_holds (never true).
  const activeHold = ctx.db
    .select({ caseId: legalHolds.caseId })
    .from(legalHolds)
    .where(and(eq(legalHolds.caseId, cases.id), isNull(legalHolds.releasedAt)));
  const scheduled = (range: ReturnType<typeof and>) =>
    ctx.db
      .select({ caseId: cases.id, caseReference: cases.reference, rule: cases.retentionRule, purgeDueOn: cases.purgeDueOn, held: exists(activeHold) })
      .from(cases)
      .where(and(eq(cases.organisationId, organisationId), range))
      .orderBy(asc(cases.purgeDueOn), asc(cases.id))
      .limit(LIST_LIMIT);
  const notHeld = notExists(activeHold);
  const upcomingRange = and(gt(cases.purgeDueOn, today), lte(cases.purgeDueOn, horizon));
  const overdueRange = and(lte(cases.purgeDueOn, today), notHeld);
  const [upcoming, upcomingTotal, overdue, overdueTotal, holds, [last]] = await Promise.all([
    scheduled(upcomingRange),
    ctx.db.$count(cases, and(eq(cases.organisationId, organisationId), upcomingRange)),
    scheduled(overdueRange),
    ctx.db.$count(cases, and(eq(cases.organisationId, organisationId), overdueRange)),
    activeHolds(ctx.db, organisationId),
    ctx.db.select({ at: max(purgeLog.purgedAt) }).from(purgeLog).where(eq(purgeLog.organisationId, organisationId)),
  ]);
  await auditDpo(ctx, dpo, 'dpo.retention_viewed', { overdue: overdueTotal, holds: holds.length });
  const asScheduled = (rows: typeof upcoming): ScheduledPurge[] => rows.map((r) => ({ ...r, rule: r.rule!, purgeDueOn: r.purgeDueOn!, held: Boolean(r.held) }));
  return {
    today,
    policy: settings.retention,
    counts,
    upcoming: { total: upcomingTotal, cases: asScheduled(upcoming) },
    overdue: { total: overdueTotal, cases: asScheduled(overdue) },
    holds,
    lastPurgeAt: last?.at ?? null,
  };
}
