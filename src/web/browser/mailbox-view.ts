// Renders an open mailbox: state in plain words, messages both ways (decrypted here), history,
// signed receipts, and the reporter's own report. Every text goes in as text, never as markup.
import type { VigieHttp } from '../../client/http.ts';
import type { MailboxAnswer, MailboxMessage } from '../../client/reporter-client.ts';
import type { ReportContent } from '../../client/report-content.ts';
import type { Language, ReporterPageTexts } from '../../i18n/reporter-pages.ts';
import { byId, element } from './dom.ts';
import { pageContext } from './page-context.ts';
import { renderReceipt } from './receipt-view.ts';
import { renderRows, reportRows } from './report-summary.ts';

export interface MailboxContents {
  readonly mailbox: MailboxAnswer;
  readonly messages: MailboxMessage[] | null;
  readonly report: ReportContent | null;
  readonly categoryLabel: string;
}

function timelineLabel(event: MailboxAnswer['timeline'][number], t: ReporterPageTexts, language: Language): string {
  const kinds = t.mailbox.timelineKinds;
  if (event.kind === 'event') return event.notice?.[language] ?? '';
  if (event.kind === 'message') return kinds[`message-${event.author === 'reporter' ? 'reporter' : 'staff'}`] ?? '';
  if (event.kind === 'receipt') return t.receipt.kinds[event.receiptKind ?? ''] ?? kinds['receipt'] ?? '';
  return kinds[event.kind] ?? '';
}

export function renderMessages(messages: MailboxMessage[] | null, t: ReporterPageTexts): void {
  const m = t.mailbox;
  const { timeZone } = pageContext();
  const list = byId('messages');
  if (messages === null) {
    list.replaceChildren(element('li', { class: 'error' }, m.unreadable));
    return;
  }
  if (messages.length === 0) {
    list.replaceChildren(element('li', { class: 'empty' }, m.noMessages));
    return;
  }
  list.replaceChildren(
    ...messages.map((message) =>
      element(
        'li',
        { class: `message from-${message.author}` },
        element(
          'p',
          { class: 'message-meta' },
          element('strong', {}, message.author === 'reporter' ? m.fromYou : m.fromStaff),
          message.purpose === 'message' ? '' : ` (${m.purposes[message.purpose]})`,
          ', ',
          element('time', { datetime: message.sentAt }, t.common.dateTime(message.sentAt, timeZone)),
        ),
        element('p', { class: 'multiline' }, message.text),
      ),
    ),
  );
}

export async function renderMailbox(contents: MailboxContents, http: VigieHttp, language: Language, t: ReporterPageTexts): Promise<void> {
  const { mailbox } = contents;
  const m = t.mailbox;
  const { timeZone } = pageContext();
  byId('mailbox-title').textContent = m.title(mailbox.caseReference);
  byId('state-explanation').textContent = mailbox.explanation[language];
  byId('mailbox-received-at').textContent = t.common.dateTime(mailbox.receivedAt, timeZone);
  byId('mailbox-feedback-due').textContent = t.common.date(mailbox.feedbackDueOn);
  renderMessages(contents.messages, t);
  const meeting = byId('meeting');
  meeting.hidden = !mailbox.meeting.offered || mailbox.closedAt !== null;
  const waiting = mailbox.meeting.requestedAt !== null && mailbox.meeting.heldAt === null;
  byId('meeting-status').textContent = waiting && mailbox.meeting.dueOn ? m.meetingRequested(t.common.date(mailbox.meeting.dueOn)) : m.meetingOffered;
  byId('meeting-button').hidden = waiting;
  byId('timeline').replaceChildren(
    ...mailbox.timeline.map((event) => element('li', {}, element('time', { datetime: event.at }, t.common.dateTime(event.at, timeZone)), ' : ', timelineLabel(event, t, language))),
  );
  if (contents.report) renderRows(byId('own-report'), reportRows(contents.report, contents.categoryLabel, t));
  else byId('own-report').replaceChildren(element('dd', { class: 'error' }, m.unreadable));
  const receipts = byId('receipts');
  receipts.replaceChildren();
  for (const receipt of mailbox.receipts) {
    const section = element('section', { class: 'receipt' });
    receipts.append(section);
    await renderReceipt(section, receipt, http, language, t, 'h3');
  }
}

/** Removes everything decrypted from the page (leaving, or a session that ended). */
export function wipeMailbox(): void {
  byId('meeting').hidden = true;
  for (const id of ['meeting-status', 'mailbox-title', 'state-explanation', 'mailbox-received-at', 'mailbox-feedback-due', 'messages', 'timeline', 'receipts', 'own-report']) {
    byId(id).replaceChildren();
  }
  byId<HTMLTextAreaElement>('reply').value = '';
}
