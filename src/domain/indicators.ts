// Indicators for the organisation's management (LEGAL.md L16, DESIGN.md §7): from the statistics
// of live cases and of tombstones alike, so a purge changes no figure. Pure.
import type { CaseStatistics } from './case-tombstone.ts';
import { FOLLOW_UP_KINDS, type FollowUpKind } from './case-workflow.ts';

export interface IndicatorPeriod {
  /** "YYYY-MM", inclusive: cases received in these months are counted. */
  readonly fromMonth: string;
  readonly toMonth: string;
  readonly category: string | null;
}

export interface Distribution {
  /** How many cases the figure is computed over. */
  readonly cases: number;
  readonly median: number | null;
  readonly p90: number | null;
}

export interface MonthFigures {
  readonly month: string;
  readonly received: number;
  readonly inadmissible: number;
  readonly closedWithoutFollowUp: number;
  readonly closedWithFollowUp: number;
  readonly open: number;
}

export interface Indicators {
  readonly period: IndicatorPeriod;
  readonly received: number;
  readonly inadmissible: number;
  readonly closedWithoutFollowUp: number;
  readonly closedWithFollowUp: { readonly total: number; readonly byKind: Record<FollowUpKind | 'unspecified', number> };
  readonly open: number;
  readonly daysToAcknowledgement: Distribution;
  readonly daysToClosure: Distribution;
  /** Feedback (or closure) by the legal delay, over the cases whose delay has run out or that got it. */
  readonly feedbackWithinDelay: { readonly due: number; readonly onTime: number; readonly share: number | null };
  readonly byMonth: MonthFigures[];
}

/** Nearest-rank percentile (p in (0, 100]) of unsorted values; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function distribution(values: readonly number[]): Distribution {
  return { cases: values.length, median: percentile(values, 50), p90: percentile(values, 90) };
}

/** Every month from `from` to `to` inclusive ("YYYY-MM"). */
export function monthsOf(fromMonth: string, toMonth: string): string[] {
  const months: string[] = [];
  let [year, month] = fromMonth.split('-').map(Number) as [number, number];
  for (let current = fromMonth; current <= toMonth; ) {
    months.push(current);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
    current = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
  }
  return months;
}

export function computeIndicators(all: readonly CaseStatistics[], period: IndicatorPeriod): Indicators {
  const counted = all.filter(
    (c) => c.receivedMonth >= period.fromMonth && c.receivedMonth <= period.toMonth && (period.category === null || c.category === period.category),
  );
  const byKind = Object.fromEntries([...FOLLOW_UP_KINDS, 'unspecified'].map((kind) => [kind, 0])) as Record<FollowUpKind | 'unspecified', number>;
  const months = new Map(monthsOf(period.fromMonth, period.toMonth).map((month) => [month, { month, received: 0, inadmissible: 0, closedWithoutFollowUp: 0, closedWithFollowUp: 0, open: 0 }]));
  for (const c of counted) {
    const month = months.get(c.receivedMonth)!;
    month.received++;
    if (c.outcome === 'inadmissible') month.inadmissible++;
    else if (c.outcome === 'no_follow_up') month.closedWithoutFollowUp++;
    else if (c.outcome === 'follow_up') {
      month.closedWithFollowUp++;
      byKind[c.followUpKind ?? 'unspecified']++;
    } else month.open++;
  }
  const byMonth = [...months.values()];
  const sum = (key: keyof Omit<MonthFigures, 'month'>) => byMonth.reduce((total, m) => total + m[key], 0);
  const feedbackDue = counted.filter((c) => c.feedbackOnTime !== null);
  const onTime = feedbackDue.filter((c) => c.feedbackOnTime === true).length;
  return {
    period,
    received: sum('received'),
    inadmissible: sum('inadmissible'),
    closedWithoutFollowUp: sum('closedWithoutFollowUp'),
    closedWithFollowUp: { total: sum('closedWithFollowUp'), byKind },
    open: sum('open'),
    daysToAcknowledgement: distribution(counted.flatMap((c) => (c.daysToAcknowledgement === null ? [] : [c.daysToAcknowledgement]))),
    daysToClosure: distribution(counted.flatMap((c) => (c.daysToClosure === null ? [] : [c.daysToClosure]))),
    feedbackWithinDelay: { due: feedbackDue.length, onTime, share: feedbackDue.length === 0 ? null : onTime / feedbackDue.length },
    byMonth,
  };
}
