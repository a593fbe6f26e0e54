// /staff/dpo: the retention overview. The policy in force, how many cases each rule governs in each
// state, what the next 30 days will purge (by rule), overdue purges (expected none), the legal holds
// with their reasons, and the last purge. No case content: references, rules and dates only.
import { STAFF_DPO_TEXTS, type StaffDpoTexts } from '../../../../i18n/staff/dpo.ts';
import type { StaffAppContext, View } from '../../app-context.ts';
import { element, formatDate, pageHeading } from '../../ui.ts';
import type { RetentionOverview, RetentionRule, ScheduledPurge } from './dpo-api.ts';
import { holdsSection, placeHoldSection } from './legal-holds.ts';

const RULES: readonly RetentionRule[] = ['R1', 'R2', 'R3'];
const UPCOMING_DAYS = 30;

export function dataTable(caption: string, head: readonly string[], rows: readonly (readonly (Node | string)[])[], className = 'data'): HTMLElement {
  return element(
    'div',
    { class: 'table-scroll' },
    element(
      'table',
      { class: className },
      element('caption', {}, caption),
      element('thead', {}, element('tr', {}, ...head.map((h) => element('th', { scope: 'col' }, h)))),
      element('tbody', {}, ...rows.map((cells) => element('tr', {}, ...cells.map((cell) => element('td', {}, cell))))),
    ),
  );
}

function policySection(d: StaffDpoTexts['retention'], overview: RetentionOverview, ctx: StaffAppContext): HTMLElement {
  const months: Record<RetentionRule, number> = { R1: 0, R2: overview.policy.noFollowUpMonths, R3: overview.policy.followUpMaxMonths };
  return element(
    'section',
    { 'aria-labelledby': 'policy-heading' },
    element('h2', { id: 'policy-heading' }, d.policyHeading),
    element('dl', { class: 'facts retention-policy' }, ...RULES.flatMap((rule) => [element('dt', {}, d.ruleLabel[rule]), element('dd', {}, d.ruleWhen(rule, months[rule]))])),
    element(
      'dl',
      { class: 'facts retention-dates' },
      element('dt', {}, d.today),
      element('dd', {}, formatDate(overview.today, ctx.language)),
      element('dt', {}, d.lastPurge),
      element('dd', { id: 'last-purge' }, overview.lastPurgeAt ? formatDate(overview.lastPurgeAt, ctx.language, true) : d.noPurgeYet),
    ),
  );
}

function countsSection(t: StaffDpoTexts, overview: RetentionOverview): HTMLElement {
  const d = t.retention;
  const stateLabel = (state: string) => (t.stateLabel as Record<string, string>)[state] ?? state;
  return element(
    'section',
    { 'aria-labelledby': 'counts-heading' },
    element('h2', { id: 'counts-heading' }, d.countsHeading),
    overview.counts.length === 0
      ? element('p', {}, d.noCases)
      : dataTable(
          d.countsCaption,
          [d.columnRule, d.columnState, d.columnCases],
          overview.counts.map((row) => [row.rule ? d.ruleLabel[row.rule] : d.noRule, stateLabel(row.state), String(row.cases)]),
          'data counts',
        ),
  );
}

function scheduledRows(d: StaffDpoTexts['retention'], list: readonly ScheduledPurge[], ctx: StaffAppContext): (Node | string)[][] {
  return list.map((item) => [formatDate(item.purgeDueOn, ctx.language), element('span', { class: 'reference-cell' }, item.caseReference), d.ruleLabel[item.rule], item.held ? element('span', { class: 'badge held' }, d.held) : d.notHeld]);
}

function upcomingSection(d: StaffDpoTexts['retention'], overview: RetentionOverview, ctx: StaffAppContext): HTMLElement {
  const { upcoming } = overview;
  const byRule = RULES.map((rule) => ({ rule, count: upcoming.cases.filter((c) => c.rule === rule).length }));
  return element(
    'section',
    { 'aria-labelledby': 'upcoming-heading', id: 'upcoming' },
    element('h2', { id: 'upcoming-heading' }, d.upcomingHeading(UPCOMING_DAYS)),
    upcoming.total === 0
      ? element('p', {}, d.upcomingNone)
      : element(
          'div',
          {},
          element('h3', {}, d.upcomingByRule),
          element('ul', { class: 'by-rule' }, ...byRule.map(({ rule, count }) => element('li', {}, d.ruleCount(d.ruleLabel[rule], count)))),
          dataTable(d.upcomingCaption, [d.columnDueOn, d.columnReference, d.columnRule, d.columnHeld], scheduledRows(d, upcoming.cases, ctx)),
          upcoming.total > upcoming.cases.length ? element('p', { class: 'hint' }, d.shownOf(upcoming.cases.length, upcoming.total)) : null,
        ),
  );
}

function overdueSection(d: StaffDpoTexts['retention'], overview: RetentionOverview, ctx: StaffAppContext): HTMLElement {
  const { overdue } = overview;
  return element(
    'section',
    { 'aria-labelledby': 'overdue-heading', id: 'overdue' },
    element('h2', { id: 'overdue-heading' }, d.overdueHeading),
    overdue.total === 0
      ? element('p', { class: 'overdue-none verified' }, d.overdueNone)
      : element(
          'div',
          { class: 'overdue-some' },
          element('p', { class: 'error' }, d.overdueSome(overdue.total)),
          dataTable(d.overdueCaption, [d.columnDueOn, d.columnReference, d.columnRule, d.columnHeld], scheduledRows(d, overdue.cases, ctx), 'data overdue-list'),
          overdue.total > overdue.cases.length ? element('p', { class: 'hint' }, d.shownOf(overdue.cases.length, overdue.total)) : null,
        ),
  );
}

export const retentionView: View = async (ctx) => {
  const t = STAFF_DPO_TEXTS[ctx.language];
  const d = t.retention;
  const overview = await ctx.session.call(() => ctx.session.client.http.expect<RetentionOverview>(200, 'GET', '/api/v1/dpo/retention'));
  const reload = (message: string) => ctx.navigate('/staff/dpo', { replace: true, message });
  const content = element(
    'div',
    { class: 'dpo-retention' },
    pageHeading(d.title),
    ctx.flash ? element('p', { class: 'notice', role: 'status', id: 'flash' }, ctx.flash) : null,
    element('p', {}, element('a', { href: ctx.href('/staff/dpo/purge-log') }, d.purgeLogLink)),
    policySection(d, overview, ctx),
    countsSection(t, overview),
    upcomingSection(d, overview, ctx),
    overdueSection(d, overview, ctx),
    holdsSection(ctx, t, overview, reload),
    placeHoldSection(ctx, t, overview, reload),
  );
  return { title: d.title, content };
};
