// /staff/admin/settings: deadlines (shorter than the law only), calendar, retention (shorter only),
// committee rules, largest supporting document (shown in MB, sent in bytes), automatic
// acknowledgement, meetings. The form states the legal maxima and lets
// the server decide: a refusal is shown next to the field it concerns.
import { LEGAL_DEADLINES } from '../../../../domain/case-deadlines.ts';
import {
  DEFAULT_DOCUMENT_MAX_BYTES,
  MAX_ADMISSIBILITY_REVIEW_DAYS,
  MAX_COMMITTEE_QUORUM,
  MAX_DOCUMENT_MAX_BYTES,
  MIN_DOCUMENT_MAX_BYTES,
} from '../../../../domain/intake-limits.ts';
import { COMMITTEE_MAJORITIES } from '../../../../domain/committee-tally.ts';
import { LEGAL_RETENTION } from '../../../../domain/retention.ts';
import { HttpError } from '../../../../client/http.ts';
import type { View } from '../../app-context.ts';
import { element, formMessage, pageHeading, problemCode, problemDetail } from '../../ui.ts';
import { adminApi, type IntakeSettings } from './admin-api.ts';
import { adminTexts, backToAdmin, checkbox, field, whileBusy, type Field } from './admin-ui.ts';

// The server's bounds for what the law does not fix (src/services/intake-settings.ts).

/** The page speaks of megabytes (1 MB = 1,000,000 bytes, as the reporter pages count them); the API of bytes. */
const BYTES_PER_MB = 1_000_000;
const MIN_DOCUMENT_MB = MIN_DOCUMENT_MAX_BYTES / BYTES_PER_MB;
const MAX_DOCUMENT_MB = MAX_DOCUMENT_MAX_BYTES / BYTES_PER_MB;
const DEFAULT_DOCUMENT_MB = DEFAULT_DOCUMENT_MAX_BYTES / BYTES_PER_MB;

/** The current limit as the field shows it (a limit set in bytes through the API may show decimals). */
function documentMegabytes(settings: IntakeSettings): string {
  return String(settings.documentMaxBytes / BYTES_PER_MB);
}

type NumberKey = 'ackWorkingDays' | 'feedbackMonths' | 'meetingWorkingDays' | 'admissibilityReviewWorkingDays' | 'noFollowUpMonths' | 'followUpMaxMonths' | 'quorum';

function currentNumber(settings: IntakeSettings, key: NumberKey): number {
  switch (key) {
    case 'ackWorkingDays':
    case 'feedbackMonths':
    case 'meetingWorkingDays':
      return settings.deadlines[key];
    case 'admissibilityReviewWorkingDays':
      return settings.admissibilityReviewWorkingDays;
    case 'noFollowUpMonths':
    case 'followUpMaxMonths':
      return settings.retention[key];
    case 'quorum':
      return settings.committee.quorum;
  }
}

export const settingsView: View = async (ctx) => {
  const t = adminTexts(ctx);
  const s = t.settings;
  const api = adminApi(ctx);
  let settings = await api.settings();

  const numberInput = (min: number, max: number) => element('input', { type: 'number', inputmode: 'numeric', min: String(min), max: String(max), step: '1', class: 'number' });
  const numbers: Record<NumberKey, { field: Field<HTMLInputElement>; max: number; unit: string }> = {
    ackWorkingDays: { field: field('ack-days', s.ack, numberInput(1, LEGAL_DEADLINES.ackWorkingDays), s.ackHint(LEGAL_DEADLINES.ackWorkingDays)), max: LEGAL_DEADLINES.ackWorkingDays, unit: s.units.workingDays },
    feedbackMonths: { field: field('feedback-months', s.feedback, numberInput(1, LEGAL_DEADLINES.feedbackMonths), s.feedbackHint(LEGAL_DEADLINES.feedbackMonths)), max: LEGAL_DEADLINES.feedbackMonths, unit: s.units.months },
    meetingWorkingDays: { field: field('meeting-days', s.meeting, numberInput(1, LEGAL_DEADLINES.meetingWorkingDays), s.meetingHint(LEGAL_DEADLINES.meetingWorkingDays)), max: LEGAL_DEADLINES.meetingWorkingDays, unit: s.units.workingDays },
    admissibilityReviewWorkingDays: { field: field('admissibility-days', s.admissibility, numberInput(1, MAX_ADMISSIBILITY_REVIEW_DAYS), s.admissibilityHint(MAX_ADMISSIBILITY_REVIEW_DAYS)), max: MAX_ADMISSIBILITY_REVIEW_DAYS, unit: s.units.workingDays },
    noFollowUpMonths: { field: field('no-follow-up-months', s.noFollowUp, numberInput(0, LEGAL_RETENTION.noFollowUpMonths), s.noFollowUpHint(LEGAL_RETENTION.noFollowUpMonths)), max: LEGAL_RETENTION.noFollowUpMonths, unit: s.units.months },
    followUpMaxMonths: { field: field('follow-up-months', s.followUp, numberInput(0, LEGAL_RETENTION.followUpMaxMonths), s.followUpHint(LEGAL_RETENTION.followUpMaxMonths)), max: LEGAL_RETENTION.followUpMaxMonths, unit: s.units.months },
    quorum: { field: field('committee-quorum', s.quorum, numberInput(1, MAX_COMMITTEE_QUORUM), s.quorumHint(MAX_COMMITTEE_QUORUM)), max: MAX_COMMITTEE_QUORUM, unit: '' },
  };
  const documentMax = field(
    'document-max-mb',
    s.documentMax,
    numberInput(MIN_DOCUMENT_MB, MAX_DOCUMENT_MB),
    s.documentMaxHint(MIN_DOCUMENT_MB, MAX_DOCUMENT_MB, DEFAULT_DOCUMENT_MB),
  );
  const region = field('calendar-region', s.region, element('select', {}, ...Object.entries(s.regions).map(([value, label]) => element('option', { value }, label))), s.regionHint);
  const majority = field('committee-majority', s.majority, element('select', {}, ...COMMITTEE_MAJORITIES.map((value) => element('option', { value }, s.majorities[value] ?? value))));
  const autoAck = checkbox('auto-acknowledge', s.autoAck, false, s.autoAckHint);
  const meetings = checkbox('offers-meetings', s.meetings, false);

  function fill(): void {
    for (const [key, entry] of Object.entries(numbers) as [NumberKey, (typeof numbers)[NumberKey]][]) entry.field.control.value = String(currentNumber(settings, key));
    documentMax.control.value = documentMegabytes(settings);
    region.control.value = settings.calendarRegion;
    majority.control.value = settings.committee.majority;
    autoAck.input.checked = settings.autoAcknowledge;
    meetings.input.checked = settings.offersMeetings;
  }
  fill();

  const message = formMessage();
  const submit = element('button', { type: 'submit', class: 'primary' }, t.save);
  const fieldset = (legend: string, ...children: (Node | null)[]) => element('fieldset', { class: 'settings-group' }, element('legend', {}, legend), ...children);
  const form = element(
    'form',
    { novalidate: '', class: 'settings-form' },
    fieldset(s.deadlinesLegend, numbers.ackWorkingDays.field.wrapper, numbers.feedbackMonths.field.wrapper, numbers.meetingWorkingDays.field.wrapper, numbers.admissibilityReviewWorkingDays.field.wrapper),
    fieldset(s.calendarLegend, region.wrapper),
    fieldset(s.retentionLegend, numbers.noFollowUpMonths.field.wrapper, numbers.followUpMaxMonths.field.wrapper),
    fieldset(s.committeeLegend, element('p', { class: 'hint' }, s.committeeMembers), numbers.quorum.field.wrapper, majority.wrapper),
    fieldset(s.documentsLegend, documentMax.wrapper),
    fieldset(s.optionsLegend, autoAck.wrapper, meetings.wrapper),
    element('div', { class: 'actions' }, submit),
    message.element,
  );

  /** Which field a refusal is about: the service names it first (or by its code), schema errors by their path. */
  function refusedField(error: unknown): NumberKey | 'documentMaxBytes' | null {
    if (problemCode(error) === 'invalid_document_limit') return 'documentMaxBytes';
    const keys = [...(Object.keys(numbers) as NumberKey[]), 'documentMaxBytes' as const];
    if (error instanceof HttpError && error.body && typeof error.body === 'object' && 'errors' in error.body && Array.isArray(error.body.errors)) {
      for (const issue of error.body.errors as { path?: string }[]) {
        const found = keys.find((key) => issue.path?.endsWith(`/${key}`));
        if (found) return found;
      }
    }
    const detail = problemDetail(error, '');
    return keys.find((key) => detail.startsWith(`${key} `)) ?? null;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    for (const entry of Object.values(numbers)) entry.field.clearError();
    documentMax.clearError();
    const values = {} as Record<NumberKey, number>;
    let invalid: HTMLInputElement | null = null;
    for (const [key, entry] of Object.entries(numbers) as [NumberKey, (typeof numbers)[NumberKey]][]) {
      const text = entry.field.control.value.trim();
      if (!/^-?\d+$/.test(text)) {
        entry.field.showError(s.notInteger);
        invalid ??= entry.field.control;
      }
      values[key] = Number(text);
    }
    // Whole megabytes within the server's bounds; a value left as shown is not sent again.
    const documentText = documentMax.control.value.trim();
    let documentMaxBytes = settings.documentMaxBytes;
    if (documentText !== documentMegabytes(settings)) {
      if (!/^-?\d+$/.test(documentText)) {
        documentMax.showError(s.notInteger);
        invalid ??= documentMax.control;
      } else if (Number(documentText) < MIN_DOCUMENT_MB || Number(documentText) > MAX_DOCUMENT_MB) {
        documentMax.showError(s.documentMaxRange(MIN_DOCUMENT_MB, MAX_DOCUMENT_MB));
        invalid ??= documentMax.control;
      } else {
        documentMaxBytes = Number(documentText) * BYTES_PER_MB;
      }
    }
    if (invalid) {
      message.error(s.errorSummary);
      invalid.focus();
      return;
    }
    // Only what changed is sent (the audit entry names the fields).
    const change: Record<string, unknown> = {};
    const deadlines: Record<string, number> = {};
    for (const key of ['ackWorkingDays', 'feedbackMonths', 'meetingWorkingDays'] as const) if (values[key] !== settings.deadlines[key]) deadlines[key] = values[key];
    if (Object.keys(deadlines).length > 0) change['deadlines'] = deadlines;
    const retention: Record<string, number> = {};
    for (const key of ['noFollowUpMonths', 'followUpMaxMonths'] as const) if (values[key] !== settings.retention[key]) retention[key] = values[key];
    if (Object.keys(retention).length > 0) change['retention'] = retention;
    const committee: Record<string, unknown> = {};
    if (values.quorum !== settings.committee.quorum) committee['quorum'] = values.quorum;
    if (majority.control.value !== settings.committee.majority) committee['majority'] = majority.control.value;
    if (Object.keys(committee).length > 0) change['committee'] = committee;
    if (values.admissibilityReviewWorkingDays !== settings.admissibilityReviewWorkingDays) change['admissibilityReviewWorkingDays'] = values.admissibilityReviewWorkingDays;
    if (documentMaxBytes !== settings.documentMaxBytes) change['documentMaxBytes'] = documentMaxBytes;
    if (region.control.value !== settings.calendarRegion) change['calendarRegion'] = region.control.value;
    if (autoAck.input.checked !== settings.autoAcknowledge) change['autoAcknowledge'] = autoAck.input.checked;
    if (meetings.input.checked !== settings.offersMeetings) change['offersMeetings'] = meetings.input.checked;
    if (Object.keys(change).length === 0) {
      message.success(t.saved);
      return;
    }
    void whileBusy(submit, t.saving, async () => {
      try {
        settings = await api.updateSettings(change);
        fill();
        message.success(t.saved);
      } catch (error) {
        const key = refusedField(error);
        const detail = problemDetail(error, t.failed);
        if (key === 'documentMaxBytes') {
          documentMax.showError(`${s.documentMaxRange(MIN_DOCUMENT_MB, MAX_DOCUMENT_MB)} ${s.serverSaid} ${detail}`);
          message.error(s.errorSummary);
          documentMax.control.focus();
        } else if (key) {
          const entry = numbers[key];
          const tooLong = values[key] > entry.max || problemCode(error) === 'deadline_too_long' || problemCode(error) === 'retention_too_long';
          entry.field.showError(tooLong && entry.unit ? `${s.tooLong(entry.max, entry.unit)} ${s.serverSaid} ${detail}` : `${s.serverSaid} ${detail}`);
          message.error(s.errorSummary);
          entry.field.control.focus();
        } else {
          message.error(detail);
        }
      }
    });
  });

  const content = element('section', { class: 'admin-page' }, backToAdmin(ctx), pageHeading(s.title), element('p', { class: 'lead' }, s.intro), form);
  return { title: s.title, content };
};
