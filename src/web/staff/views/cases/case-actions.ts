// The decisions open to the staff member now (the API's availableActions, nothing else), each with
// its reason field where one is needed (encrypted here); sharing, recusal, a meeting held.
import type { ActionName } from '../../../../i18n/staff/cases.ts';
import { element } from '../../ui.ts';
import { checkboxField, handleSubmit, selectField, textareaField } from './case-forms.ts';
import { section, stateWords } from './case-labels.ts';
import type { CasePage } from './case-page.ts';

const OFFERED: readonly ActionName[] = ['acknowledge', 'start_admissibility_review', 'declare_admissible', 'declare_inadmissible', 'send_to_committee', 'close_without_follow_up', 'return_to_investigation'];
/** The transitions whose reason reaches the reporter and is required (domain/case-workflow.ts). */
const REASON_REQUIRED: ReadonlySet<ActionName> = new Set(['declare_inadmissible', 'close_without_follow_up']);

function actionForm(page: CasePage, action: ActionName): HTMLFormElement {
  const { ctx, t, opened } = page;
  const a = t.actions;
  const hint = a.hints[action];
  const reason = REASON_REQUIRED.has(action) ? textareaField(`reason-${action}`, a.reason, a.reasonHint, true) : null;
  const committeeCount = opened.detail.shareCandidates.filter((c) => c.roles.includes('committee')).length;
  const form = element(
    'form',
    { class: `action-form action-${action}`, novalidate: '', 'data-action': action },
    hint ? element('p', { class: 'hint' }, hint) : null,
    action === 'send_to_committee' ? element('p', { class: 'hint' }, committeeCount > 0 ? a.committeeMembers(committeeCount) : a.noCommitteeMember) : null,
    reason?.field ?? null,
    element('button', { type: 'submit', class: reason ? '' : 'primary', id: `action-${action}` }, a.labels[action]),
  );
  return handleSubmit(ctx, form, async (fail) => {
    const text = reason?.input.value.trim();
    if (reason && !text) return fail(a.reasonMissing);
    const done = await ctx.session.call(() => page.flow.transition(opened, action, text || undefined));
    page.refresh(a.done(stateWords(t, done.state)));
  });
}

export function actionsSection(page: CasePage): HTMLElement {
  const { t, opened } = page;
  const offered = opened.detail.availableActions.filter((action): action is ActionName => (OFFERED as readonly string[]).includes(action));
  return section(
    t.actions.title,
    'case-actions',
    offered.length === 0 ? element('p', { id: 'no-actions' }, t.actions.none) : element('div', { class: 'action-list', id: 'case-actions' }, ...offered.map((action) => actionForm(page, action))),
  );
}

export function shareSection(page: CasePage): HTMLElement | null {
  const { ctx, t, opened } = page;
  if (!page.isReferent || opened.summary.state === 'closed') return null;
  const s = t.share;
  const candidates = opened.detail.shareCandidates;
  if (candidates.length === 0) return section(s.title, 'case-share', element('p', {}, s.none));
  const colleague = selectField(
    'share-recipient',
    s.colleague,
    candidates.map((c) => ({ value: c.id, label: `${c.displayName} (${c.roles.map((r) => s.roles[r]).join(', ')})` })),
  );
  const form = element('form', { class: 'share-form', novalidate: '' }, element('p', { class: 'hint' }, s.intro), colleague.field, element('button', { type: 'submit', id: 'share-submit' }, s.submit));
  handleSubmit(ctx, form, async () => {
    const chosen = candidates.find((c) => c.id === colleague.input.value);
    if (!chosen) return;
    await ctx.session.call(() => page.flow.share(opened, chosen.id));
    page.refresh(s.done(chosen.displayName));
  });
  return section(s.title, 'case-share', form);
}

export function recusalSection(page: CasePage): HTMLElement | null {
  const { ctx, t, opened } = page;
  if (opened.summary.state === 'closed') return null;
  const r = t.recusal;
  const confirm = checkboxField('recusal-confirm', r.confirm);
  const button = element('button', { type: 'submit', id: 'recusal-submit' }, r.submit);
  const form = element('form', { class: 'recusal-form', novalidate: '' }, element('p', {}, r.intro), confirm.field, button);
  handleSubmit(ctx, form, async (fail) => {
    // Recusal cannot be undone by the member: it asks for an explicit confirmation first.
    if (!confirm.input.checked) return fail(r.confirmNeeded);
    await ctx.session.call(() => page.flow.recuse(opened.summary.id));
    ctx.navigate('/staff/cases', { replace: true, message: r.done });
  });
  return section(r.title, 'case-recusal', form);
}

export function meetingSection(page: CasePage): HTMLElement | null {
  const { ctx, t, opened } = page;
  const s = opened.summary;
  if (!s.meetingRequestedAt) return null;
  const m = t.meeting;
  const when = (iso: string) => new Intl.DateTimeFormat(ctx.language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeZone: 'Europe/Paris' }).format(new Date(iso));
  const children: Node[] = [element('p', {}, m.requested(when(s.meetingRequestedAt)))];
  if (s.meetingHeldAt) children.push(element('p', {}, m.held(when(s.meetingHeldAt))));
  else if (page.isReferent && s.state !== 'closed') {
    const form = element('form', { class: 'meeting-form', novalidate: '' }, element('button', { type: 'submit', id: 'meeting-held' }, m.submit));
    children.push(
      handleSubmit(ctx, form, async () => {
        await ctx.session.call(() => page.flow.meetingHeld(s.id));
        page.refresh(m.done);
      }),
    );
  }
  return section(m.title, 'case-meeting', ...children);
}
