// /staff/dpo/purge-log: the purge log, newest first, a page at a time (the "next" link carries the
// API's keyset cursor), filtered by a period of local days, and downloadable as CSV.
import { STAFF_DPO_TEXTS } from '../../../../i18n/staff/dpo.ts';
import type { View } from '../../app-context.ts';
import { element, formatDate, formMessage, pageHeading, problemDetail } from '../../ui.ts';
import { downloadCsv } from './csv-download.ts';
import type { PurgeLogPage } from './dpo-api.ts';
import { isDay, nextDay, startOfLocalDay } from './periods.ts';
import { dataTable } from './retention-view.ts';

const PATH = '/staff/dpo/purge-log';
const CURSOR = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z~[0-9]{1,18}$/;
const LIMIT = /^([1-9][0-9]?|[1-4][0-9]{2}|500)$/;

/** "?a=b" or nothing. */
const queryOf = (params: URLSearchParams) => (params.toString() ? `?${params.toString()}` : '');

export const purgeLogView: View = async (ctx, _params, query) => {
  const d = STAFF_DPO_TEXTS[ctx.language].purgeLog;
  const fromDay = isDay(query.get('from')) ? query.get('from')! : null;
  const toDay = isDay(query.get('to')) ? query.get('to')! : null;
  const after = query.get('after');
  const limit = query.get('limit');
  // The period as instants: from the start of the first day to the start of the day after the last.
  const period = new URLSearchParams();
  if (fromDay) period.set('from', startOfLocalDay(fromDay).toISOString());
  if (toDay) period.set('to', startOfLocalDay(nextDay(toDay)).toISOString());
  const pageQuery = new URLSearchParams(period);
  if (after && CURSOR.test(after)) pageQuery.set('after', after);
  if (limit && LIMIT.test(limit)) pageQuery.set('limit', limit);
  const page = await ctx.session.call(() => ctx.session.client.http.expect<PurgeLogPage>(200, 'GET', `/api/v1/dpo/purge-log${queryOf(pageQuery)}`));

  // The page's own query for links: the filter and page size, plus a cursor.
  const linkTo = (cursor: string | null) => {
    const own = new URLSearchParams();
    if (fromDay) own.set('from', fromDay);
    if (toDay) own.set('to', toDay);
    if (limit && LIMIT.test(limit)) own.set('limit', limit);
    if (cursor) own.set('after', cursor);
    return ctx.href(`${PATH}${queryOf(own)}`);
  };

  const fromInput = element('input', { type: 'date', id: 'log-from', name: 'from', value: fromDay ?? '', 'aria-describedby': 'log-date-hint' });
  const toInput = element('input', { type: 'date', id: 'log-to', name: 'to', value: toDay ?? '', 'aria-describedby': 'log-date-hint' });
  const filterMessage = formMessage();
  const filter = element(
    'form',
    { id: 'log-filter', class: 'period-filter', novalidate: '' },
    element('p', { class: 'hint', id: 'log-date-hint' }, d.dateHint),
    element('div', { class: 'field' }, element('label', { for: 'log-from' }, d.from), fromInput),
    element('div', { class: 'field' }, element('label', { for: 'log-to' }, d.to), toInput),
    element('div', { class: 'actions' }, element('button', { type: 'submit' }, d.filter), fromDay || toDay ? element('a', { href: ctx.href(PATH) }, d.resetFilter) : null),
    filterMessage.element,
  );
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    const own = new URLSearchParams();
    if (fromInput.value && toInput.value && fromInput.value > toInput.value) {
      filterMessage.error(d.periodReversed);
      return;
    }
    if (fromInput.value) own.set('from', fromInput.value);
    if (toInput.value) own.set('to', toInput.value);
    ctx.navigate(`${PATH}${queryOf(own)}`);
  });

  const downloadMessage = formMessage();
  const download = element('button', { type: 'button', id: 'download-purge-log' }, d.download);
  download.addEventListener('click', () => {
    download.disabled = true;
    downloadMessage.clear();
    downloadCsv(ctx, `/api/v1/dpo/purge-log.csv${queryOf(period)}`, 'vigie-purge-log.csv')
      .then(() => ctx.announce(d.downloaded))
      .catch((error: unknown) => downloadMessage.error(problemDetail(error, d.downloadFailed)))
      .finally(() => (download.disabled = false));
  });

  const table =
    page.entries.length === 0
      ? element('p', { class: 'log-empty' }, d.empty)
      : dataTable(
          d.caption,
          [d.columnPurgedAt, d.columnReference, d.columnCaseId, d.columnRule, d.columnDueOn],
          page.entries.map((entry) => [formatDate(entry.purgedAt, ctx.language, true), element('span', { class: 'reference-cell' }, entry.caseReference), element('code', { class: 'case-id' }, entry.caseId), entry.rule, formatDate(entry.dueOn, ctx.language)]),
          'data purge-log',
        );
  const pagination =
    page.next || after
      ? element(
          'nav',
          { class: 'pagination', 'aria-label': d.paginationLabel },
          element('ul', {}, after ? element('li', {}, element('a', { href: linkTo(null) }, d.first)) : null, page.next ? element('li', {}, element('a', { href: linkTo(page.next), rel: 'next' }, d.next)) : null),
        )
      : null;

  const content = element(
    'div',
    { class: 'dpo-purge-log' },
    pageHeading(d.title),
    element('p', {}, element('a', { href: ctx.href('/staff/dpo') }, d.backToOverview)),
    element('p', {}, d.intro),
    element('section', { 'aria-labelledby': 'log-filter-heading' }, element('h2', { id: 'log-filter-heading' }, d.filterHeading), filter),
    element('div', { class: 'actions' }, download),
    downloadMessage.element,
    table,
    pagination,
  );
  return { title: d.title, content };
};
