// The four charts of the indicators page, each an SVG image with its title and description, and
// its figures again as a table: received per month, outcomes, delays, feedback on time.
import type { StaffDpoTexts } from '../../../../i18n/staff/dpo.ts';
import { element } from '../../ui.ts';
import type { Indicators } from './dpo-api.ts';
import { monthLabel } from './periods.ts';
import { barChart, chartTable, columnChart, shareChart } from './svg-charts.ts';

type Texts = StaffDpoTexts['indicators'];
const FOLLOW_UP_KINDS = ['disciplinary', 'judicial_referral', 'internal_measures', 'unspecified'] as const;

function chartSection(id: string, title: string, picture: SVGSVGElement, table: HTMLElement): HTMLElement {
  return element('section', { class: 'chart', 'aria-labelledby': `${id}-heading`, id: `${id}-section` }, element('h3', { id: `${id}-heading` }, title), // Scrolls sideways on narrow screens rather than shrinking the words; reachable by keyboard.
    element('div', { class: 'chart-picture', tabindex: '0', role: 'group', 'aria-labelledby': `${id}-heading` }, picture), table);
}

export function percent(share: number | null, language: 'fr' | 'en'): string | null {
  return share === null ? null : new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

export function indicatorCharts(x: Texts, figures: Indicators, language: 'fr' | 'en'): HTMLElement[] {
  const days = (value: number | null) => (value === null ? x.none : String(value));

  const months = figures.byMonth;
  const peak = months.reduce<(typeof months)[number] | null>((best, m) => (best === null || m.received > best.received ? m : best), null);
  const received = chartSection(
    'chart-received',
    x.receivedChart.title,
    columnChart(
      { id: 'chart-received', title: x.receivedChart.title, desc: x.receivedChart.desc(figures.received, months.length, peak && peak.received > 0 ? monthLabel(peak.month, language) : x.none) },
      months.map((m) => ({ label: monthLabel(m.month, language, 'short'), value: m.received })),
      'bar-received',
    ),
    chartTable(x.tableAlternative, x.receivedChart.title, [x.columnMonth, x.columnCases], months.map((m) => [monthLabel(m.month, language), String(m.received)])),
  );

  const outcomeRows = [
    { label: x.inadmissible, value: figures.inadmissible, barClass: 'bar-inadmissible' },
    { label: x.closedWithoutFollowUp, value: figures.closedWithoutFollowUp, barClass: 'bar-no-follow-up' },
    ...FOLLOW_UP_KINDS.filter((kind) => kind !== 'unspecified' || (figures.closedWithFollowUp.byKind[kind] ?? 0) > 0).map((kind) => ({
      label: x.followUpShort[kind],
      tableLabel: `${x.closedWithFollowUp} — ${x.followUpKind[kind]}`,
      value: figures.closedWithFollowUp.byKind[kind] ?? 0,
      barClass: 'bar-follow-up',
    })),
    { label: x.open, value: figures.open, barClass: 'bar-open' },
  ];
  const outcomes = chartSection(
    'chart-outcomes',
    x.outcomesChart.title,
    barChart({ id: 'chart-outcomes', title: x.outcomesChart.title, desc: x.outcomesChart.desc }, outcomeRows),
    chartTable(x.tableAlternative, x.outcomesChart.title, [x.columnOutcome, x.columnCases], outcomeRows.map((row) => ['tableLabel' in row ? row.tableLabel : row.label, String(row.value)])),
  );

  const delayRows = [
    { label: `${x.acknowledgement} — ${x.medianShort}`, value: figures.daysToAcknowledgement.median, barClass: 'bar-median' },
    { label: `${x.acknowledgement} — ${x.p90Short}`, value: figures.daysToAcknowledgement.p90, barClass: 'bar-p90' },
    { label: `${x.closure} — ${x.medianShort}`, value: figures.daysToClosure.median, barClass: 'bar-median' },
    { label: `${x.closure} — ${x.p90Short}`, value: figures.daysToClosure.p90, barClass: 'bar-p90' },
  ];
  const delays = chartSection(
    'chart-delays',
    x.delaysChart.title,
    barChart(
      { id: 'chart-delays', title: x.delaysChart.title, desc: x.delaysChart.desc },
      delayRows.map((row) => ({ label: row.label, value: row.value ?? 0, valueText: row.value === null ? x.none : x.days(row.value), barClass: row.barClass })),
    ),
    chartTable(x.tableAlternative, x.delaysChart.title, [x.columnDelay, x.median, x.p90], [
      [x.acknowledgement, days(figures.daysToAcknowledgement.median), days(figures.daysToAcknowledgement.p90)],
      [x.closure, days(figures.daysToClosure.median), days(figures.daysToClosure.p90)],
    ]),
  );

  const feedback = figures.feedbackWithinDelay;
  const share = percent(feedback.share, language) ?? x.noFeedbackDue;
  const late = feedback.due - feedback.onTime;
  const onTime = chartSection(
    'chart-feedback',
    x.feedbackChart.title,
    shareChart(
      { id: 'chart-feedback', title: x.feedbackChart.title, desc: x.feedbackChart.desc(share) },
      [
        { legend: x.legend(x.onTime, feedback.onTime), value: feedback.onTime, barClass: 'bar-on-time' },
        { legend: x.legend(x.late, late), value: late, barClass: 'bar-late' },
      ],
      percent(feedback.share, language) ?? x.none,
    ),
    chartTable(x.tableAlternative, x.feedbackChart.title, [x.columnFeedback, x.columnCases], [
      [x.onTime, String(feedback.onTime)],
      [x.late, String(late)],
    ]),
  );
  return [received, outcomes, delays, onTime];
}
