// Entry point of /o/:slug/report: form → review → encrypted filing → confirmation, in one
// document, so the report, the case key and the token only ever live in this page's memory.
import { VigieHttp } from '../../client/http.ts';
import type { IntakeDescription } from '../../client/reporter-client.ts';
import { getSodium } from '../../crypto/sodium.ts';
import { DOCUMENT_TEXTS } from '../../i18n/documents.ts';
import { showToken } from './confirmation-view.ts';
import { documentPicker, type DocumentPicker } from './documents/document-upload.ts';
import { sendFiledDocuments } from './documents/filed-documents.ts';
import { byId, element, showStep } from './dom.ts';
import { showFieldErrors } from './field-errors.ts';
import { fileFromPage, problemDetail, type FilingStage } from './filing.ts';
import { pageContext } from './page-context.ts';
import { renderReceipt } from './receipt-view.ts';
import { FORM_FIELDS, readForm, recipientIdsOf, reportContentOf, validateForm, type FormValues } from './report-form.ts';
import { categoryLabel, renderRows, reportRows } from './report-summary.ts';

const page = pageContext();
const t = page.texts;
const http = new VigieHttp('');
const d = DOCUMENT_TEXTS[page.language];
let intake: IntakeDescription | undefined;
let picker: DocumentPicker | undefined;
let dirty = false;

const formStep = byId('form-step');
const reviewStep = byId('review-step');
const confirmationStep = byId('confirmation-step');
const form = byId<HTMLFormElement>('report-form');
const reviewButton = byId<HTMLButtonElement>('review-button');
const sendButton = byId<HTMLButtonElement>('send-button');
const editButton = byId<HTMLButtonElement>('edit-button');

function warnWhileDirty(event: BeforeUnloadEvent): void {
  if (!dirty) return;
  event.preventDefault();
  event.returnValue = '';
}

function syncIdentityDetails(): void {
  const confidential = document.querySelector<HTMLInputElement>('input[name="identityMode"][value="confidential"]')?.checked ?? false;
  byId('identity-details').hidden = !confidential;
}

function review(values: FormValues, ready: IntakeDescription): void {
  const content = reportContentOf(values, page.language);
  const names = (ids: string[]) => ready.recipients.filter((r) => ids.includes(r.id)).map((r) => r.displayName).join(', ') || t.form.reviewNone;
  renderRows(byId('review-list'), [
    ...reportRows(content, categoryLabel(ready, values.category, page.language), t),
    { term: t.form.reviewRecipients, value: names(recipientIdsOf(values, ready)) },
    { term: t.form.reviewExcluded, value: names(values.excluded) },
    ...(picker?.chosen.length ? [{ term: d.title, value: picker.chosen.map((c) => c.file.name).join(', ') }] : []),
  ]);
  byId('send-error').hidden = true;
  showStep(reviewStep, byId('review-title'), formStep);
}

const STAGE_TEXT: Record<FilingStage, string> = { proving: t.form.proving, encrypting: t.form.encrypting, uploading: t.form.uploading };

async function send(): Promise<void> {
  if (!intake) return;
  const values = readForm();
  const sending = byId('sending');
  const progress = byId<HTMLProgressElement>('send-progress');
  const status = byId('send-status');
  sendButton.disabled = true;
  editButton.disabled = true;
  sending.hidden = false;
  byId('send-error').hidden = true;
  try {
    const filed = await fileFromPage(http, {
      intake,
      content: reportContentOf(values, page.language),
      recipients: recipientIdsOf(values, intake),
      excluded: values.excluded,
      workerUrl: page.workerUrl,
      onStage: (stage, fraction) => {
        if (status.textContent !== STAGE_TEXT[stage]) status.textContent = STAGE_TEXT[stage];
        progress.value = stage === 'proving' ? fraction * 0.8 : stage === 'encrypting' ? 0.9 : 0.95;
      },
    });
    dirty = false;
    window.removeEventListener('beforeunload', warnWhileDirty);
    // The report is sent: drop it from the form and the review so the page keeps only the token.
    const files = picker?.chosen.splice(0) ?? [];
    form.reset();
    byId('review-list').replaceChildren();
    byId('case-reference').textContent = filed.caseReference;
    byId('received-at').textContent = t.common.dateTime(filed.receivedAt, page.timeZone);
    showToken(filed.token, t);
    showStep(confirmationStep, byId('confirmation-title'), reviewStep, formStep);
    if (filed.receipt) await renderReceipt(byId('receipt'), filed.receipt, http, page.language, t, 'h2');
    else byId('receipt').replaceChildren(element('h2', {}, t.receipt.title), element('p', {}, t.receipt.toFollow(t.common.date(filed.ackDueOn))));
    if (files.length) await sendFiledDocuments(filed.token, files, page.workerUrl, d);
  } catch (error) {
    const detail = problemDetail(error);
    const message = byId('send-error');
    message.textContent = detail ? t.form.sendRefused(detail) : t.form.sendFailed;
    message.hidden = false;
    sendButton.disabled = false;
    editButton.disabled = false;
    sending.hidden = true;
    sendButton.focus();
  }
}

form.addEventListener('input', () => (dirty = true));
form.addEventListener('change', syncIdentityDetails);
window.addEventListener('beforeunload', warnWhileDirty);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!intake) {
    byId('not-ready').hidden = false;
    return;
  }
  const values = readForm();
  const errors = validateForm(values, intake, t);
  showFieldErrors(FORM_FIELDS, errors, t.form.errorSummary);
  if (errors.length === 0) review(values, intake);
});
editButton.addEventListener('click', () => showStep(formStep, byId('form-title'), reviewStep));
sendButton.addEventListener('click', () => void send());
syncIdentityDetails();

// The form is usable at once; sending waits for the intake description and libsodium.
void Promise.all([http.expect<IntakeDescription>(200, 'GET', `/api/v1/orgs/${encodeURIComponent(page.slug)}/intake`), getSodium()]).then(
  ([description]) => {
    intake = description;
    picker = documentPicker(d, 'report-documents', description.documentMaxBytes, { text: d.formLegend, hint: d.formHint });
    byId('report-documents').replaceChildren(picker.element);
    reviewButton.disabled = false;
    byId('not-ready').hidden = true;
    document.documentElement.dataset['ready'] = 'true';
  },
  () => {
    byId('not-ready').hidden = false;
  },
);
