// Indicators (LEGAL.md L16) for a period of months and an optional category, from live cases and
// tombstones through the same statistics, as JSON or CSV. Computed on request: a few hundred
// thousand small rows at most per organisation and period.
import { and, eq, gte, lt, lte } from 'drizzle-orm';
import { cases, caseTombstones } from '../../db/schema.ts';
import { addCalendarMonths, localDateOf } from '../domain/calendar.ts';
import { caseStatistics, type CaseStatistics } from '../domain/case-tombstone.ts';
import { computeIndicators, type IndicatorPeriod, type Indicators } from '../domain/indicators.ts';
import { InvalidInputError } from '../domain/errors.ts';
import { TOMBSTONE_FACT_COLUMNS } from './case-facts.ts';
import type { ServiceContext } from './context.ts';
import { csvDocument } from './csv.ts';
import { auditDpo } from './dpo-audit.ts';
import { intakeSettingsOf } from './intake-settings.ts';
import type { StaffPrincipal } from './staff-sessions.ts';

/** Longest period one request may cover (ten years of months). */
export const MAX_PERIOD_MONTHS = 120;

export async function indicatorsFor(ctx: ServiceContext, staff: StaffPrincipal, period: IndicatorPeriod): Promise<Indicators> {
  if (period.fromMonth > period.toMonth) throw new InvalidInputError('The period starts after it ends: "from" must be the same month as "to" or earlier.', 'period_reversed');
  if (addCalendarMonths(`${period.fromMonth}-01`, MAX_PERIOD_MONTHS) <= `${period.toMonth}-01`) {
    throw new InvalidInputError(`A period covers at most ${MAX_PERIOD_MONTHS} months.`, 'period_too_long');
  }
  const { calendarRegion } = await intakeSettingsOf(ctx.db, staff.organisationId);
  const today = localDateOf(ctx.clock.now(), calendarRegion);
  // A day's margin on both sides of the UTC range: the months are the organisation's local ones.
  const start = new Date(`${period.fromMonth}-01T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - 1);
  const end = new Date(`${addCalendarMonths(`${period.toMonth}-01`, 1)}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  const category = period.category === null ? undefined : period.category;
  const [live, tombstones] = await Promise.all([
    ctx.db
      .select(TOMBSTONE_FACT_COLUMNS)
      .from(cases)
      .where(and(eq(cases.organisationId, staff.organisationId), gte(cases.receivedAt, start), lt(cases.receivedAt, end), category ? eq(cases.category, category) : undefined)),
    ctx.db
      .select()
      .from(caseTombstones)
      .where(
        and(
          eq(caseTombstones.organisationId, staff.organisationId),
          gte(caseTombstones.receivedMonth, period.fromMonth),
          lte(caseTombstones.receivedMonth, period.toMonth),
          category ? eq(caseTombstones.category, category) : undefined,
        ),
      ),
  ]);
  const statistics: CaseStatistics[] = [
    ...live.map((row) => caseStatistics(row, calendarRegion, today)),
    ...tombstones.map((t) => ({
      category: t.category,
      receivedMonth: t.receivedMonth,
      closedMonth: t.closedMonth,
      outcome: t.outcome,
      followUpKind: t.followUpKind,
      daysToAcknowledgement: t.daysToAcknowledgement,
      daysToClosure: t.daysToClosure,
      feedbackOnTime: t.feedbackOnTime,
    })),
  ];
  await auditDpo(ctx, staff, 'indicators.viewed', { from: period.fromMonth, to: period.toMonth, category: period.category });
  return computeIndicators(statistics, period);
}

/** One figure per row (long format), so a spreadsheet can pivot it; months as their own rows. */
export function indicatorsCsv(indicators: Indicators): string {
  const { period } = indicators;
  const rows: (string | number | null)[][] = [];
  const add = (figure: string, value: number | null, month: string | null = null) => rows.push([period.fromMonth, period.toMonth, period.category ?? '', month ?? '', figure, value]);
  add('received', indicators.received);
  add('inadmissible', indicators.inadmissible);
  add('closed_without_follow_up', indicators.closedWithoutFollowUp);
  add('closed_with_follow_up', indicators.closedWithFollowUp.total);
  for (const [kind, value] of Object.entries(indicators.closedWithFollowUp.byKind)) add(`closed_with_follow_up_${kind}`, value);
  add('open', indicators.open);
  add('days_to_acknowledgement_median', indicators.daysToAcknowledgement.median);
  add('days_to_acknowledgement_p90', indicators.daysToAcknowledgement.p90);
  add('days_to_closure_median', indicators.daysToClosure.median);
  add('days_to_closure_p90', indicators.daysToClosure.p90);
  add('feedback_due', indicators.feedbackWithinDelay.due);
  add('feedback_on_time', indicators.feedbackWithinDelay.onTime);
  add('feedback_on_time_share', indicators.feedbackWithinDelay.share === null ? null : Math.round(indicators.feedbackWithinDelay.share * 10_000) / 10_000);
  for (const month of indicators.byMonth) {
    add('received', month.received, month.month);
    add('inadmissible', month.inadmissible, month.month);
    add('closed_without_follow_up', month.closedWithoutFollowUp, month.month);
    add('closed_with_follow_up', month.closedWithFollowUp, month.month);
    add('open', month.open, month.month);
  }
  return csvDocument(['period_from', 'period_to', 'category', 'month', 'figure', 'value'], rows);
}
