// /staff/committee: the cases in committee review that await this member's vote. The vote itself
// is on the case page, where the case is decrypted.
import type { CaseSummaryAnswer } from '../../../../client/staff-cases-client.ts';
import type { View } from '../../app-context.ts';
import { element, pageHeading } from '../../ui.ts';
import { casesTexts, categoryLabels } from './case-labels.ts';
import { casesTable } from './case-list-view.ts';

export const committeeView: View = async (ctx) => {
  const t = casesTexts(ctx).committeeList;
  const [page, label] = await Promise.all([
    ctx.session.call(() => ctx.session.client.http.expect<{ cases: CaseSummaryAnswer[]; next: string | null }>(200, 'GET', '/api/v1/cases?awaitingVote=true&sort=received_asc&limit=200')),
    categoryLabels(ctx),
  ]);
  const content = element(
    'section',
    { class: 'committee-list' },
    pageHeading(t.title),
    ctx.flash ? element('p', { class: 'notice', role: 'status' }, ctx.flash) : null,
    element('p', {}, t.intro),
    page.cases.length === 0 ? element('p', { id: 'no-cases' }, t.none) : casesTable(ctx, page.cases, t.caption(page.cases.length), label),
  );
  return { title: t.title, content };
};
