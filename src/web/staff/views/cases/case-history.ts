// The case's timeline in words, and the messages both ways (decrypted here) with the reply form.
import { element, formatDate } from '../../ui.ts';
import { checkboxField, handleSubmit, textareaField } from './case-forms.ts';
import { section } from './case-labels.ts';
import type { CasePage } from './case-page.ts';

function timelineWords(page: CasePage, entry: CasePage['opened']['detail']['timeline'][number]): string {
  const tl = page.t.timeline;
  if (entry.kind === 'message') {
    const purpose = entry.details['purpose'];
    if (entry.actorKind === 'reporter') return tl.messageFrom.reporter;
    return purpose === 'feedback' ? tl.messageFrom.feedback : purpose === 'reason' ? tl.messageFrom.reason : tl.messageFrom.staff;
  }
  if (entry.kind === 'receipt') return entry.details['receiptKind'] === 'closure' ? tl.receipt.closure : tl.receipt.acknowledgement;
  return tl.kinds[entry.kind] ?? entry.kind;
}

function actorWords(page: CasePage, entry: CasePage['opened']['detail']['timeline'][number]): string {
  const tl = page.t.timeline;
  if (entry.actorKind === 'reporter') return tl.by(tl.reporter);
  if (entry.actorKind === 'system') return tl.by(tl.service);
  return tl.by(page.staffName(entry.actorStaffId));
}

export function timelineSection(page: CasePage): HTMLElement {
  const { ctx, t, opened } = page;
  const list = element(
    'ol',
    { class: 'timeline case-timeline', id: 'case-timeline' },
    ...opened.detail.timeline.map((entry) =>
      element(
        'li',
        { 'data-kind': entry.kind },
        element('time', { datetime: entry.at }, formatDate(entry.at, ctx.language, true)),
        ' — ',
        element('span', { class: 'event' }, timelineWords(page, entry)),
        ' ',
        element('span', { class: 'actor' }, actorWords(page, entry)),
      ),
    ),
  );
  return section(t.timeline.title, 'case-history', list);
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function messagesSection(page: CasePage): HTMLElement {
  const { ctx, t, opened } = page;
  const m = t.messages;
  const items = opened.messages.map((message) =>
    element(
      'li',
      { class: `message ${message.author === 'reporter' ? 'from-reporter' : 'from-staff'}`, 'data-purpose': message.purpose },
      element(
        'p',
        { class: 'message-meta' },
        element('strong', {}, message.author === 'reporter' ? m.fromReporter : m.fromStaff(capitalised(page.staffName(message.authorStaffId)))),
        ' — ',
        element('time', { datetime: message.sentAt }, formatDate(message.sentAt, ctx.language, true)),
        message.purpose === 'feedback' ? element('span', { class: 'badge feedback' }, m.feedbackMarker) : null,
        message.purpose === 'reason' ? element('span', { class: 'badge reason' }, m.reasonMarker) : null,
      ),
      element('p', { class: 'multiline message-text' }, message.text),
    ),
  );
  const list = items.length > 0 ? element('ol', { class: 'messages', id: 'case-messages' }, ...items) : element('p', { id: 'case-messages' }, m.none);
  const canReply = page.isReferent && opened.summary.state !== 'closed';
  return section(m.title, 'case-messages', list, canReply ? replyForm(page) : null);
}

function replyForm(page: CasePage): HTMLElement {
  const { ctx, t, opened } = page;
  const m = t.messages;
  const text = textareaField('reply-text', m.replyLabel, m.replyHint, true);
  const feedback = checkboxField('reply-feedback', m.isFeedback, m.isFeedbackHint);
  const form = element(
    'form',
    { class: 'reply-form', 'aria-labelledby': 'reply-title', novalidate: '' },
    element('h3', { id: 'reply-title' }, m.reply),
    text.field,
    feedback.field,
    element('div', { class: 'actions' }, element('button', { type: 'submit', class: 'primary', id: 'reply-send' }, m.send)),
  );
  return handleSubmit(ctx, form, async (fail) => {
    const body = text.input.value.trim();
    if (!body) return fail(m.empty);
    await ctx.session.call(() => page.cases.sendMessage(opened, opened.organisationId, body, feedback.input.checked ? 'feedback' : 'message'));
    text.input.value = '';
    page.refresh(m.sent);
  });
}
