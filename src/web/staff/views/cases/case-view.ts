// /staff/cases/:id: the case decrypted in this browser (report, messages, vote reasons,
// disclosures), its timeline, and the decisions open now. Leaving the view (or the session ending)
// drops the decrypted content and wipes the case key.
import { StaffCasesClient } from '../../../../client/staff-cases-client.ts';
import { StaffWorkflowClient } from '../../../../client/staff-workflow-client.ts';
import type { View } from '../../app-context.ts';
import { element, pageHeading } from '../../ui.ts';
import { actionsSection, meetingSection, recusalSection, shareSection } from './case-actions.ts';
import { closureSection, disclosureSection, retentionSection } from './case-closure.ts';
import { committeeSection } from './case-committee.ts';
import { documentsSection } from './case-documents.ts';
import { messagesSection, timelineSection } from './case-history.ts';
import { casesTexts, intakeDescription, labelsOf } from './case-labels.ts';
import type { CasePage } from './case-page.ts';
import { reportSection, summarySection } from './case-report.ts';

export const caseView: View = async (ctx, params) => {
  const t = casesTexts(ctx);
  const caseId = params['id'] ?? '';
  const cases = new StaffCasesClient(ctx.session.client);
  const flow = new StaffWorkflowClient(cases);
  const [opened, intake] = await Promise.all([ctx.session.call(() => cases.open(caseId)), intakeDescription(ctx)]);
  const categoryLabel = labelsOf(ctx, intake);
  const selfId = ctx.session.self?.id ?? '';
  const names = new Map([...opened.detail.shareCandidates, ...opened.detail.holders].map((c) => [c.id, c.displayName]));
  const page: CasePage = {
    ctx,
    t,
    opened,
    cases,
    flow,
    categoryLabel,
    selfId,
    isReferent: ctx.session.hasRole('referent'),
    isCommittee: ctx.session.hasRole('committee'),
    refresh: (message) => ctx.navigate(`/staff/cases/${opened.summary.id}`, { replace: true, message }),
    staffName: (id) => (id === selfId ? t.timeline.you : (id && names.get(id)) || t.timeline.colleague),
  };
  const title = t.page.title(opened.summary.reference);
  const unread = opened.summary.unreadMessages;
  const [committee, disclosure, documents] = await Promise.all([committeeSection(page), disclosureSection(page), documentsSection(page, intake?.documentMaxBytes ?? null)]);
  const content = element(
    'article',
    { class: 'case-page', 'data-case-id': opened.summary.id },
    element('p', { class: 'back-link' }, element('a', { href: ctx.href('/staff/cases') }, t.page.back)),
    pageHeading(title),
    ctx.flash ? element('p', { class: 'notice', role: 'status', id: 'case-flash' }, ctx.flash) : null,
    unread > 0 ? element('p', { class: 'warning', id: 'unread-notice' }, t.page.newMessages(unread)) : null,
    element(
      'div',
      { class: 'case-layout' },
      element('div', { class: 'case-main' }, summarySection(page), reportSection(page), messagesSection(page), documents, timelineSection(page)),
      element(
        'div',
        { class: 'case-side' },
        closureSection(page),
        committee,
        actionsSection(page),
        meetingSection(page),
        shareSection(page),
        disclosure,
        retentionSection(page),
        recusalSection(page),
      ),
    ),
  );
  return {
    title,
    content,
    dispose: () => {
      // Decrypted text lives in the DOM and in `opened`: empty the one, wipe the key of the other.
      content.replaceChildren();
      opened.caseKey.fill(0);
    },
  };
};
