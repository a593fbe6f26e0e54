// The case's summary (state, category, deadlines) and the report, decrypted in this browser.
import { element, formatDate } from '../../ui.ts';
import { deadlineCell, section, stateWords } from './case-labels.ts';
import type { CasePage } from './case-page.ts';

function facts(rows: readonly [string, Node | string][]): HTMLDListElement {
  return element('dl', { class: 'facts case-facts' }, ...rows.flatMap(([term, value]) => [element('dt', {}, term), element('dd', {}, value)]));
}

export function summarySection(page: CasePage): HTMLElement {
  const { ctx, t, opened } = page;
  const s = opened.summary;
  const p = t.page;
  const rows: [string, Node | string][] = [
    [p.state, element('strong', { id: 'case-state' }, stateWords(t, s.state))],
    [p.category, page.categoryLabel(s.category)],
    [p.received, formatDate(s.receivedAt, ctx.language, true)],
    [p.identityMode, s.identityMode === 'confidential' ? p.confidential : p.anonymous],
    [p.ackDue, deadlineCell(ctx, s.deadlines.acknowledgement)],
    [p.feedbackDue, deadlineCell(ctx, s.deadlines.feedback)],
  ];
  if (s.deadlines.meeting) rows.push([p.meetingDue, deadlineCell(ctx, s.deadlines.meeting)]);
  return section(p.summary, 'case-summary', facts(rows));
}

export function reportSection(page: CasePage): HTMLElement {
  const { t, opened } = page;
  const r = opened.report;
  const f = t.page.reportFields;
  const text = (value: string) => element('span', { class: 'multiline' }, value || t.page.empty);
  const rows: [string, Node | string][] = [
    [t.page.category, page.categoryLabel(r.category)],
    [f.whatHappened, text(r.whatHappened)],
    [f.whenAndWhere, text(r.whenAndWhere)],
    [f.whoIsInvolved, text(r.whoIsInvolved)],
    [f.howYouKnow, text(r.howYouKnow)],
    [f.othersAware, text(r.othersAware)],
    [f.identity, r.identity ? t.page.identityValue(r.identity.name, r.identity.contact) : t.page.anonymous],
  ];
  const list = facts(rows);
  list.id = 'case-report';
  return section(t.page.report, 'case-report', list);
}
