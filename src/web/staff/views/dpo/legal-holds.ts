// Legal holds on the retention overview: the table of holds in force (each with a release button
// that asks for confirmation in place) and the form that places one, with its required reason.
import type { StaffDpoTexts } from '../../../../i18n/staff/dpo.ts';
import type { StaffAppContext } from '../../app-context.ts';
import { HttpError } from '../../../../client/http.ts';
import { element, formatDate, formMessage, problemCode, problemDetail } from '../../ui.ts';
import type { LegalHold, RetentionOverview } from './dpo-api.ts';

/** The API's refusal in the reader's language when we know it, else its own sentence. */
function refusal(d: StaffDpoTexts['retention'], error: unknown): string {
  const code = problemCode(error);
  if (code === 'hold_exists') return d.holdExists;
  if (code === 'hold_released') return d.holdGone;
  if (code === 'hold_reason_required') return d.reasonRequired;
  if (error instanceof HttpError && error.status === 404) return d.caseNotFound;
  return problemDetail(error, d.failed);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function releaseCell(ctx: StaffAppContext, d: StaffDpoTexts['retention'], hold: LegalHold, reload: (message: string) => void): HTMLElement {
  const message = formMessage();
  const release = element('button', { type: 'button', class: 'release', 'aria-label': d.releaseLabel(hold.caseReference) }, d.release);
  const confirm = element('button', { type: 'button', class: 'primary confirm-release' }, d.releaseConfirm);
  const cancel = element('button', { type: 'button' }, d.cancel);
  const question = element('div', { class: 'confirm-box', role: 'group', 'aria-label': d.releaseLabel(hold.caseReference), hidden: '' }, element('p', {}, d.releaseConfirmText(hold.caseReference)), element('div', { class: 'actions' }, confirm, cancel));
  release.addEventListener('click', () => {
    release.hidden = true;
    question.hidden = false;
    confirm.focus();
  });
  cancel.addEventListener('click', () => {
    question.hidden = true;
    release.hidden = false;
    release.focus();
  });
  confirm.addEventListener('click', () => {
    confirm.disabled = true;
    cancel.disabled = true;
    message.clear();
    ctx.session
      .call(() => ctx.session.client.http.expect(200, 'POST', `/api/v1/dpo/holds/${encodeURIComponent(hold.id)}/release`, {}))
      .then(() => reload(d.released(hold.caseReference)))
      .catch((error: unknown) => {
        confirm.disabled = false;
        cancel.disabled = false;
        message.error(error instanceof HttpError && error.status === 404 ? d.holdGone : refusal(d, error));
      });
  });
  return element('div', { class: 'release-cell' }, release, question, message.element);
}

export function holdsSection(ctx: StaffAppContext, t: StaffDpoTexts, overview: RetentionOverview, reload: (message: string) => void): HTMLElement {
  const d = t.retention;
  const stateLabel = (state: string) => (t.stateLabel as Record<string, string>)[state] ?? state;
  const head = [d.columnReference, d.columnState, d.columnRule, d.columnPurgeDue, d.columnReason, d.columnPlacedBy, d.columnPlacedAt, d.columnAction];
  return element(
    'section',
    { 'aria-labelledby': 'holds-heading', id: 'holds' },
    element('h2', { id: 'holds-heading' }, d.holdsHeading),
    overview.holds.length === 0
      ? element('p', { class: 'holds-none' }, d.holdsNone)
      : element(
          'div',
          { class: 'table-scroll' },
          element(
            'table',
            { class: 'data holds' },
            element('caption', {}, d.holdsCaption),
            element('thead', {}, element('tr', {}, ...head.map((h) => element('th', { scope: 'col' }, h)))),
            element(
              'tbody',
              {},
              ...overview.holds.map((hold) =>
                element(
                  'tr',
                  { 'data-hold': hold.id },
                  element('th', { scope: 'row', class: 'reference-cell' }, hold.caseReference),
                  element('td', {}, stateLabel(hold.caseState)),
                  element('td', {}, hold.rule ?? d.noRule),
                  element('td', {}, hold.purgeDueOn ? formatDate(hold.purgeDueOn, ctx.language) : '—'),
                  element('td', { class: 'hold-reason' }, hold.reason),
                  element('td', {}, hold.placedBy.displayName),
                  element('td', {}, formatDate(hold.placedAt, ctx.language, true)),
                  element('td', {}, releaseCell(ctx, d, hold, reload)),
                ),
              ),
            ),
          ),
        ),
  );
}

function field(id: string, label: string, hint: string, control: HTMLElement, required = false): { wrapper: HTMLElement; error(text: string | null): void } {
  const error = element('p', { class: 'field-error', id: `${id}-error`, hidden: '' });
  control.id = id;
  control.setAttribute('aria-describedby', `${id}-hint`);
  const wrapper = element('div', { class: 'field' }, element('label', { for: id }, label, required ? element('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null), element('p', { class: 'hint', id: `${id}-hint` }, hint), error, control);
  return {
    wrapper,
    error(text) {
      error.hidden = text === null;
      error.textContent = text ?? '';
      wrapper.classList.toggle('has-error', text !== null);
      if (text === null) {
        control.removeAttribute('aria-invalid');
        control.setAttribute('aria-describedby', `${id}-hint`);
      } else {
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', `${id}-error ${id}-hint`);
      }
    },
  };
}

export function placeHoldSection(ctx: StaffAppContext, t: StaffDpoTexts, overview: RetentionOverview, reload: (message: string) => void): HTMLElement {
  const d = t.retention;
  const candidates = [...overview.overdue.cases, ...overview.upcoming.cases].filter((c) => !c.held);
  const select = element(
    'select',
    { name: 'case' },
    element('option', { value: '' }, d.caseSelectNone),
    ...candidates.map((c) => element('option', { value: c.caseId }, d.caseOption(c.caseReference, c.rule, formatDate(c.purgeDueOn, ctx.language)))),
  );
  const caseIdInput = element('input', { type: 'text', name: 'caseId', autocomplete: 'off', spellcheck: 'false', maxlength: '36', class: 'case-id' });
  const reasonInput = element('textarea', { name: 'reason', rows: '3', maxlength: '2000', required: '' });
  const caseField = field('hold-case', d.caseSelect, d.caseSelectHint, select);
  const caseIdField = field('hold-case-id', d.caseId, d.caseIdHint, caseIdInput);
  const reasonField = field('hold-reason', d.reason, d.reasonHint, reasonInput, true);
  const submit = element('button', { type: 'submit', class: 'primary' }, d.place);
  const message = formMessage();
  const form = element('form', { id: 'place-hold', novalidate: '' }, caseField.wrapper, caseIdField.wrapper, reasonField.wrapper, message.element, element('div', { class: 'actions' }, submit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    const typed = caseIdInput.value.trim();
    const caseId = typed || select.value;
    const reason = reasonInput.value.trim();
    const caseProblem = caseId === '' ? d.caseRequired : typed && !UUID.test(typed) ? d.caseIdInvalid : null;
    const reasonProblem = reason === '' ? d.reasonRequired : null;
    (typed ? caseIdField : caseField).error(caseProblem);
    (typed ? caseField : caseIdField).error(null);
    reasonField.error(reasonProblem);
    if (caseProblem || reasonProblem) {
      (caseProblem ? (typed ? caseIdInput : select) : reasonInput).focus();
      return;
    }
    submit.disabled = true;
    ctx.session
      .call(() => ctx.session.client.http.expect<{ caseReference: string }>(201, 'POST', '/api/v1/dpo/holds', { caseId: caseId.toLowerCase(), reason }))
      .then((hold) => reload(d.placed(hold.caseReference)))
      .catch((error: unknown) => {
        submit.disabled = false;
        message.error(refusal(d, error));
      });
  });
  return element('section', { 'aria-labelledby': 'place-heading', id: 'place' }, element('h2', { id: 'place-heading' }, d.placeHeading), element('p', {}, d.placeIntro), form);
}
