// Entry point of /o/:slug/mailbox: token → proof of work → session → decrypt → mailbox, and the
// reply form. The token and the case key stay in this page's memory; nothing sensitive is stored,
// put in a URL or left on screen after leaving, a session end, or a long idle period. A purged case
// shows its signed closure notice alone, with no session.
import { HttpError, type VigieHttp } from '../../client/http.ts';
import { MailboxPurgedError, ReporterClient, type IntakeDescription } from '../../client/reporter-client.ts';
import type { ProofOfWorkAnswer } from '../../client/proof-of-work-client.ts';
import { parseMailboxToken } from '../../crypto/mailbox-token.ts';
import type { SignedReceipt } from '../../crypto/receipts.ts';
import { getSodium } from '../../crypto/sodium.ts';
import { DOCUMENT_TEXTS } from '../../i18n/documents.ts';
import { MESSAGE_MAX_CHARS } from '../../i18n/reporter-pages.ts';
import { documentPanel, type DocumentPanel } from './documents/document-panel.ts';
import { byId, showStep } from './dom.ts';
import { setFieldError } from './field-errors.ts';
import { renderMailbox, renderMessages, wipeMailbox } from './mailbox-view.ts';
import { pageContext } from './page-context.ts';
import { earnProofOfWorkInPage } from './proof-of-work.ts';
import { renderPurged, wipePurged } from './purged-view.ts';
import { categoryLabel } from './report-summary.ts';

const page = pageContext();
const t = page.texts;
const idleMinutes = Number(document.body.dataset['idleMinutes'] ?? '15');
let client: ReporterClient | undefined;
/** True while a purged case's closure notice is on screen (there is no session then). */
let noticeShown = false;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
let documents: DocumentPanel | undefined;

const loginStep = byId('login-step');
const mailboxStep = byId('mailbox-step');
const purgedStep = byId('purged-step');
const tokenInput = byId<HTMLInputElement>('token');
const openButton = byId<HTMLButtonElement>('open-button');
const loginStatus = byId('login-status');

function close(notice: string | null): void {
  client = undefined;
  noticeShown = false;
  if (idleTimer) clearTimeout(idleTimer);
  wipeMailbox();
  documents = undefined;
  byId('mailbox-documents').replaceChildren();
  wipePurged();
  const shown = byId('login-notice');
  shown.textContent = notice ?? '';
  shown.hidden = notice === null;
  showStep(loginStep, byId('login-title'), mailboxStep, purgedStep);
}

function isSessionEnd(error: unknown): boolean {
  return error instanceof HttpError && error.status === 401;
}

function restartIdleTimer(): void {
  if (!client && !noticeShown) return;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => close(client ? t.mailbox.expired : t.purged.left), idleMinutes * 60_000);
}

let intake: Promise<IntakeDescription | undefined> | undefined;

/** The category's name in the page's language (the intake description is fetched once). */
async function categoryOf(opened: ReporterClient, code: string): Promise<string> {
  intake ??= opened.http.expect<IntakeDescription>(200, 'GET', `/api/v1/orgs/${encodeURIComponent(page.slug)}/intake`).catch(() => undefined);
  return categoryLabel(await intake, code, page.language);
}

/** The documents section: the reporter's own files and those the referent sent them. */
async function showDocuments(opened: ReporterClient): Promise<void> {
  const d = DOCUMENT_TEXTS[page.language];
  const description = await (intake ??= opened.http.expect<IntakeDescription>(200, 'GET', `/api/v1/orgs/${encodeURIComponent(page.slug)}/intake`).catch(() => undefined));
  const panel = documentPanel({
    texts: d,
    idPrefix: 'documents',
    heading: 'h2',
    place: () => opened.documents(),
    maxBytes: description?.documentMaxBytes ?? null,
    authorOf: (listed) => (listed.author === 'reporter' ? d.byYou : d.byStaff),
    dateTime: (iso) => t.common.dateTime(iso, page.timeZone),
    sessionEnded: (error) => {
      if (!isSessionEnd(error)) return false;
      close(t.mailbox.expired);
      return true;
    },
  });
  documents = panel;
  byId('mailbox-documents').replaceChildren(panel.element);
  await panel.refresh();
}

/** Fetches, decrypts and renders the mailbox; returns how many messages it holds. */
async function show(opened: ReporterClient): Promise<number> {
  const mailbox = await opened.refresh();
  const [messages, report, label] = await Promise.all([opened.readMessages().catch(() => null), opened.readReport().catch(() => null), categoryOf(opened, mailbox.category)]);
  await renderMailbox({ mailbox, messages, report, categoryLabel: label }, opened.http, page.language, t);
  return mailbox.messages.length;
}

/** Logs in; answers the closure notice instead when the case was purged (no session is opened then). */
async function logIn(opening: ReporterClient, token: string, proof: ProofOfWorkAnswer): Promise<SignedReceipt | null> {
  try {
    await opening.openMailbox(token, proof);
    return null;
  } catch (error) {
    if (error instanceof MailboxPurgedError) return error.closureNotice;
    throw error;
  }
}

async function showPurged(http: VigieHttp, closureNotice: SignedReceipt): Promise<void> {
  await renderPurged(closureNotice, http, page.language, t);
  noticeShown = true;
  loginStatus.textContent = '';
  showStep(purgedStep, byId('purged-title'), loginStep, mailboxStep);
  restartIdleTimer();
}

async function open(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const l = t.mailboxLogin;
  const typed = tokenInput.value;
  if (!typed.trim()) return setFieldError('token', l.errors.required);
  try {
    parseMailboxToken(typed);
  } catch {
    return setFieldError('token', l.errors.malformed);
  }
  setFieldError('token', null);
  openButton.disabled = true;
  loginStatus.textContent = l.opening;
  try {
    const opening = new ReporterClient('');
    const proof = await earnProofOfWorkInPage(opening.http, 'mailbox-login', page.workerUrl, () => undefined);
    const closureNotice = await logIn(opening, typed, proof);
    tokenInput.value = '';
    if (closureNotice) return await showPurged(opening.http, closureNotice);
    client = opening;
    await show(opening);
    await showDocuments(opening);
    loginStatus.textContent = '';
    showStep(mailboxStep, byId('mailbox-title'), loginStep);
    restartIdleTimer();
  } catch (error) {
    loginStatus.textContent = '';
    const status = error instanceof HttpError ? error.status : 0;
    setFieldError('token', status === 401 ? l.errors.wrong : status === 429 || status === 503 ? l.errors.busy : l.errors.failed);
    tokenInput.focus();
  } finally {
    openButton.disabled = false;
  }
}

async function reply(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  if (!client) return;
  const m = t.mailbox;
  const textarea = byId<HTMLTextAreaElement>('reply');
  const status = byId('reply-status');
  const text = textarea.value.trim();
  if (!text) return setFieldError('reply', m.replyRequired);
  if (text.length > MESSAGE_MAX_CHARS) return setFieldError('reply', m.replyTooLong(MESSAGE_MAX_CHARS));
  setFieldError('reply', null);
  const button = byId<HTMLButtonElement>('reply-button');
  button.disabled = true;
  status.textContent = '';
  try {
    await client.reply(text);
    textarea.value = '';
    await client.refresh();
    renderMessages(await client.readMessages().catch(() => null), t);
    status.textContent = m.sent;
  } catch (error) {
    if (isSessionEnd(error)) return close(m.expired);
    status.textContent = m.sendFailed;
  } finally {
    button.disabled = false;
  }
}

async function refresh(): Promise<void> {
  if (!client) return;
  const opened = client;
  const status = byId('refresh-status');
  status.textContent = '';
  try {
    status.textContent = t.mailbox.refreshed(await show(opened));
    await documents?.refresh();
  } catch (error) {
    if (isSessionEnd(error)) return close(t.mailbox.expired);
    status.textContent = t.mailboxLogin.errors.failed;
  }
}

async function askForMeeting(): Promise<void> {
  if (!client) return;
  const opened = client;
  try {
    await opened.http.expect(201, 'POST', '/api/v1/mailbox/meeting-requests', {});
    await show(opened);
    byId('meeting-status').focus();
  } catch (error) {
    if (isSessionEnd(error)) return close(t.mailbox.expired);
    byId('meeting-status').textContent = t.mailboxLogin.errors.failed;
  }
}

async function leave(): Promise<void> {
  const leaving = client;
  close(t.mailbox.left);
  await leaving?.leave().catch(() => undefined);
}

byId<HTMLFormElement>('login-form').addEventListener('submit', (event) => void open(event));
byId<HTMLFormElement>('reply-form').addEventListener('submit', (event) => void reply(event));
byId('leave-button').addEventListener('click', () => void leave());
byId('purged-leave-button').addEventListener('click', () => close(t.purged.left));
byId('refresh-button').addEventListener('click', () => void refresh());
byId('meeting-button').addEventListener('click', () => void askForMeeting());
// Leaving the page (even into the back-forward cache) drops what was decrypted.
window.addEventListener('pagehide', () => {
  if (client || noticeShown) close(null);
});
for (const kind of ['keydown', 'pointerdown']) document.addEventListener(kind, restartIdleTimer, { passive: true });
void getSodium().then(() => {
  openButton.disabled = false;
  document.documentElement.dataset['ready'] = 'true';
});
