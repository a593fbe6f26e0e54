// /staff/cases: the cases given to the staff member, metadata only (nothing to decrypt here):
// state, category, deadlines with their status, reporter messages unread since they last opened
// the case. Filters and order are in the URL; pages follow the API's keyset cursor. Above them,
// the staff member's recent notifications (the only place they appear when mail is off).
import type { CaseSummaryAnswer } from '../../../../client/staff-cases-client.ts';
import { CASE_STATES } from '../../../../../db/schema.ts';
import { STAFF_NOTIFICATION_TEXTS } from '../../../../i18n/staff/notifications.ts';
import type { StaffAppContext, View } from '../../app-context.ts';
import { SessionEndedError } from '../../session.ts';
import { element, formatDate, pageHeading } from '../../ui.ts';
import { fetchMyNotifications, recentNotificationsSection, type MyNotificationsAnswer } from '../account/my-notifications.ts';
import { caseLink, casesTexts, categoryLabels, deadlineCell, stateWords } from './case-labels.ts';

const PAGE_SIZE = 25;

/** The API query for the page's URL query (unknown values are dropped, not forwarded). */
function apiQuery(query: URLSearchParams): URLSearchParams {
  const api = new URLSearchParams({ limit: String(PAGE_SIZE) });
  const state = query.get('state');
  if (state && (CASE_STATES as readonly string[]).includes(state)) api.set('state', state);
  if (query.get('overdue') === 'true') api.set('overdue', 'true');
  if (query.get('sort') === 'received_asc') api.set('sort', 'received_asc');
  const after = query.get('after');
  if (after) api.set('after', after);
  return api;
}

function filterForm(ctx: StaffAppContext, query: URLSearchParams): HTMLFormElement {
  const t = casesTexts(ctx).list;
  const state = element(
    'select',
    { id: 'filter-state', name: 'state' },
    element('option', { value: '' }, t.anyState),
    ...CASE_STATES.map((s) => element('option', { value: s, ...(query.get('state') === s ? { selected: '' } : {}) }, stateWords(casesTexts(ctx), s))),
  );
  const sort = element(
    'select',
    { id: 'filter-sort', name: 'sort' },
    element('option', { value: 'received_desc' }, t.newest),
    element('option', { value: 'received_asc', ...(query.get('sort') === 'received_asc' ? { selected: '' } : {}) }, t.oldest),
  );
  const overdue = element('input', { type: 'checkbox', id: 'filter-overdue', name: 'overdue', value: 'true', ...(query.get('overdue') === 'true' ? { checked: '' } : {}) });
  const form = element(
    'form',
    { class: 'case-filters', 'aria-labelledby': 'filters-title' },
    element('h2', { id: 'filters-title', class: 'visually-hidden' }, t.filters),
    element('div', { class: 'field' }, element('label', { for: 'filter-state' }, t.stateFilter), state),
    element('div', { class: 'field' }, element('label', { for: 'filter-sort' }, t.sort), sort),
    element('div', { class: 'choice' }, overdue, element('label', { for: 'filter-overdue' }, t.overdueOnly)),
    element('button', { type: 'submit', id: 'filter-apply' }, t.apply),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (state.value) next.set('state', state.value);
    if (sort.value === 'received_asc') next.set('sort', 'received_asc');
    if (overdue.checked) next.set('overdue', 'true');
    const search = next.toString();
    ctx.navigate(`/staff/cases${search ? `?${search}` : ''}`);
  });
  return form;
}

/** The recent notifications above the cases; if they cannot be loaded, the cases still are, with a sentence saying so. */
async function notificationsPart(ctx: StaffAppContext): Promise<HTMLElement | null> {
  let answer: MyNotificationsAnswer;
  try {
    answer = await fetchMyNotifications(ctx);
  } catch (error) {
    if (error instanceof SessionEndedError) throw error;
    console.error('notifications failed', error instanceof Error ? error.name : 'error');
    return element('p', { class: 'notice', id: 'notifications-unavailable' }, STAFF_NOTIFICATION_TEXTS[ctx.language].recent.unavailable);
  }
  return recentNotificationsSection(ctx, answer);
}

/** The cases table: shared by the list and the committee page. */
export function casesTable(ctx: StaffAppContext, rows: readonly CaseSummaryAnswer[], caption: string, label: (code: string) => string): HTMLElement {
  const t = casesTexts(ctx).list;
  const c = t.columns;
  const th = (text: string) => element('th', { scope: 'col' }, text);
  const ackCell = (row: CaseSummaryAnswer) => deadlineCell(ctx, row.deadlines.acknowledgement);
  return element(
    'div',
    { class: 'table-scroll' },
    element(
      'table',
      { class: 'data cases-table' },
      element('caption', {}, caption),
      element('thead', {}, element('tr', {}, th(c.reference), th(c.state), th(c.category), th(c.received), th(c.ackDue), th(c.feedbackDue), th(c.unread))),
      element(
        'tbody',
        {},
        ...rows.map((row) =>
          element(
            'tr',
            { 'data-case-id': row.id },
            element('th', { scope: 'row' }, caseLink(ctx, row)),
            element('td', {}, stateWords(casesTexts(ctx), row.state)),
            element('td', { class: 'category' }, label(row.category)),
            element('td', {}, element('time', { datetime: row.receivedAt }, formatDate(row.receivedAt, ctx.language))),
            element('td', {}, ackCell(row)),
            element('td', {}, deadlineCell(ctx, row.deadlines.feedback)),
            element('td', {}, row.unreadMessages > 0 ? element('strong', { class: 'unread' }, t.unreadCount(row.unreadMessages)) : t.unreadCount(0)),
          ),
        ),
      ),
    ),
  );
}

export const caseListView: View = async (ctx, _params, query) => {
  const t = casesTexts(ctx).list;
  const cases = ctx.session.client;
  const [page, label, notifications] = await Promise.all([
    ctx.session.call(() => cases.http.expect<{ cases: CaseSummaryAnswer[]; next: string | null }>(200, 'GET', `/api/v1/cases?${apiQuery(query).toString()}`)),
    categoryLabels(ctx),
    notificationsPart(ctx),
  ]);
  const pager = element('nav', { class: 'pager', 'aria-label': t.pages });
  const base = new URLSearchParams(query);
  base.delete('lang');
  if (query.get('after')) {
    base.delete('after');
    const first = base.toString();
    pager.append(element('a', { href: ctx.href(`/staff/cases${first ? `?${first}` : ''}`), id: 'first-page' }, t.firstPage));
  }
  if (page.next) {
    base.set('after', page.next);
    pager.append(element('a', { href: ctx.href(`/staff/cases?${base.toString()}`), id: 'next-page', rel: 'next' }, t.nextPage));
  }
  const content = element(
    'section',
    { class: 'case-list' },
    pageHeading(t.title),
    ctx.flash ? element('p', { class: 'notice', role: 'status' }, ctx.flash) : null,
    element('p', {}, t.intro),
    notifications,
    filterForm(ctx, query),
    page.cases.length === 0 ? element('p', { id: 'no-cases' }, t.none) : casesTable(ctx, page.cases, t.caption(page.cases.length), label),
    pager.childElementCount > 0 ? pager : null,
  );
  return { title: t.title, content };
};
