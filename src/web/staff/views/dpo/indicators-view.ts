// /staff/indicators (DPO and admins): a period of months of receipt (the last twelve by default)
// and a category, the key figures, four SVG charts with their tables, and the CSV export.
import { STAFF_DPO_TEXTS } from '../../../../i18n/staff/dpo.ts';
import type { View } from '../../app-context.ts';
import { element, formMessage, pageHeading, problemDetail } from '../../ui.ts';
import { downloadCsv } from './csv-download.ts';
import type { Indicators, IntakeCategory } from './dpo-api.ts';
import { indicatorCharts, percent } from './indicators-charts.ts';
import { isMonth, monthLabel, monthOf, monthsBefore } from './periods.ts';

const PATH = '/staff/indicators';
const FOLLOW_UP_KINDS = ['disciplinary', 'judicial_referral', 'internal_measures', 'unspecified'] as const;

export const indicatorsView: View = async (ctx, _params, query) => {
  const x = STAFF_DPO_TEXTS[ctx.language].indicators;
  const thisMonth = monthOf(new Date());
  const asked = { from: query.get('from'), to: query.get('to') };
  const valid = isMonth(asked.from) && isMonth(asked.to) && asked.from <= asked.to;
  const fromMonth = valid ? asked.from! : monthsBefore(thisMonth, 11);
  const toMonth = valid ? asked.to! : thisMonth;
  const slug = ctx.session.self?.organisation.slug ?? '';
  const intake = await ctx.session.call(() => ctx.session.client.http.expect<{ categories: IntakeCategory[] }>(200, 'GET', `/api/v1/orgs/${encodeURIComponent(slug)}/intake`));
  const categories = intake.categories;
  const category = categories.some((c) => c.code === query.get('category')) ? query.get('category') : null;
  const apiQuery = new URLSearchParams({ from: fromMonth, to: toMonth });
  if (category) apiQuery.set('category', category);
  const figures = await ctx.session.call(() => ctx.session.client.http.expect<Indicators>(200, 'GET', `/api/v1/indicators?${apiQuery.toString()}`));
  const categoryLabel = category ? (categories.find((c) => c.code === category)?.label[ctx.language] ?? category) : null;

  // Filter form: months and category, sent as the page's own query (so the view is bookmarkable).
  const fromInput = element('input', { type: 'month', id: 'ind-from', name: 'from', value: fromMonth, pattern: '[0-9]{4}-[0-9]{2}', 'aria-describedby': 'ind-month-hint' });
  const toInput = element('input', { type: 'month', id: 'ind-to', name: 'to', value: toMonth, pattern: '[0-9]{4}-[0-9]{2}', 'aria-describedby': 'ind-month-hint' });
  const select = element(
    'select',
    { id: 'ind-category', name: 'category' },
    element('option', { value: '' }, x.allCategories),
    ...categories.map((c) => {
      const option = element('option', { value: c.code }, c.label[ctx.language]);
      if (c.code === category) option.selected = true;
      return option;
    }),
  );
  const filterMessage = formMessage();
  const filter = element(
    'form',
    { id: 'indicator-filter', class: 'period-filter', novalidate: '' },
    element('p', { class: 'hint', id: 'ind-month-hint' }, x.monthHint),
    element('div', { class: 'field' }, element('label', { for: 'ind-from' }, x.fromMonth), fromInput),
    element('div', { class: 'field' }, element('label', { for: 'ind-to' }, x.toMonth), toInput),
    element('div', { class: 'field' }, element('label', { for: 'ind-category' }, x.category), select),
    element('div', { class: 'actions' }, element('button', { type: 'submit' }, x.show)),
    filterMessage.element,
  );
  if ((asked.from !== null || asked.to !== null) && !valid) filterMessage.error(x.periodInvalid);
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    const from = fromInput.value.trim();
    const to = toInput.value.trim();
    if (!isMonth(from) || !isMonth(to) || from > to) {
      filterMessage.error(x.periodInvalid);
      fromInput.focus();
      return;
    }
    const own = new URLSearchParams({ from, to });
    if (select.value) own.set('category', select.value);
    ctx.navigate(`${PATH}?${own.toString()}`);
  });

  const downloadMessage = formMessage();
  const download = element('button', { type: 'button', id: 'download-indicators' }, x.download);
  download.addEventListener('click', () => {
    download.disabled = true;
    downloadMessage.clear();
    downloadCsv(ctx, `/api/v1/indicators.csv?${apiQuery.toString()}`, `vigie-indicators-${fromMonth}-${toMonth}.csv`)
      .then(() => ctx.announce(x.downloaded))
      .catch((error: unknown) => downloadMessage.error(problemDetail(error, x.downloadFailed)))
      .finally(() => (download.disabled = false));
  });

  const distribution = (d: Indicators['daysToAcknowledgement']) => (d.median === null || d.p90 === null ? x.none : x.medianP90(x.days(d.median), x.days(d.p90), d.cases));
  const feedback = figures.feedbackWithinDelay;
  const figure = (name: string, label: string, value: string | Node) => element('div', { class: 'figure' }, element('dt', {}, label), element('dd', { 'data-figure': name }, value));
  const kinds = FOLLOW_UP_KINDS.filter((kind) => (figures.closedWithFollowUp.byKind[kind] ?? 0) > 0);
  const figuresList = element(
    'dl',
    { class: 'figures' },
    figure('received', x.received, String(figures.received)),
    figure('inadmissible', x.inadmissible, String(figures.inadmissible)),
    figure('closed-without-follow-up', x.closedWithoutFollowUp, String(figures.closedWithoutFollowUp)),
    figure(
      'closed-with-follow-up',
      x.closedWithFollowUp,
      element('span', {}, String(figures.closedWithFollowUp.total), kinds.length ? element('ul', { class: 'by-kind' }, ...kinds.map((kind) => element('li', {}, x.legend(x.followUpKind[kind], figures.closedWithFollowUp.byKind[kind] ?? 0)))) : null),
    ),
    figure('open', x.open, String(figures.open)),
    figure('days-to-acknowledgement', x.daysToAcknowledgement, distribution(figures.daysToAcknowledgement)),
    figure('days-to-closure', x.daysToClosure, distribution(figures.daysToClosure)),
    figure('feedback-on-time', x.feedbackOnTime, feedback.share === null ? x.noFeedbackDue : x.feedbackShare(percent(feedback.share, ctx.language)!, feedback.onTime, feedback.due)),
  );

  const content = element(
    'div',
    { class: 'indicators' },
    pageHeading(x.title),
    element('p', {}, x.intro),
    element('section', { 'aria-labelledby': 'ind-filter-heading' }, element('h2', { id: 'ind-filter-heading' }, x.filterHeading), filter),
    element('p', { class: 'period-summary', id: 'period-summary' }, x.periodSummary(monthLabel(fromMonth, ctx.language), monthLabel(toMonth, ctx.language), categoryLabel)),
    element('div', { class: 'actions' }, download),
    downloadMessage.element,
    element('section', { 'aria-labelledby': 'figures-heading' }, element('h2', { id: 'figures-heading' }, x.figuresHeading), figuresList),
    element('section', { 'aria-labelledby': 'charts-heading', class: 'charts' }, element('h2', { id: 'charts-heading' }, x.chartsHeading), ...indicatorCharts(x, figures, ctx.language)),
  );
  return { title: x.title, content };
};
