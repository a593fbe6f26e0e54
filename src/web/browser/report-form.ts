// Reads the filing form into a report and says what is missing or wrong, field by field.
import type { ReportContent } from '../../client/report-content.ts';
import type { IntakeDescription } from '../../client/reporter-client.ts';
import { REPORT_FIELD_MAX_CHARS, type Language, type ReporterPageTexts } from '../../i18n/reporter-pages.ts';
import { byId } from './dom.ts';
import type { FieldError } from './field-errors.ts';

export const TEXT_FIELDS = ['whatHappened', 'whenAndWhere', 'whoIsInvolved', 'howYouKnow', 'othersAware'] as const;
export const FORM_FIELDS = ['category', ...TEXT_FIELDS, 'identityMode', 'name', 'contact', 'excluded'] as const;

export interface FormValues {
  readonly category: string;
  readonly whatHappened: string;
  readonly whenAndWhere: string;
  readonly whoIsInvolved: string;
  readonly howYouKnow: string;
  readonly othersAware: string;
  readonly identityMode: 'anonymous' | 'confidential' | '';
  readonly name: string;
  readonly contact: string;
  readonly excluded: string[];
}

function textOf(id: string): string {
  return byId<HTMLTextAreaElement | HTMLInputElement>(id).value.trim();
}

function checked(group: string): HTMLInputElement[] {
  return [...document.querySelectorAll<HTMLInputElement>(`input[name="${group}"]:checked`)];
}

export function readForm(): FormValues {
  const identityMode = checked('identityMode')[0]?.value;
  return {
    category: checked('category')[0]?.value ?? '',
    whatHappened: textOf('whatHappened'),
    whenAndWhere: textOf('whenAndWhere'),
    whoIsInvolved: textOf('whoIsInvolved'),
    howYouKnow: textOf('howYouKnow'),
    othersAware: textOf('othersAware'),
    identityMode: identityMode === 'anonymous' || identityMode === 'confidential' ? identityMode : '',
    name: textOf('name'),
    contact: textOf('contact'),
    excluded: checked('excluded').map((input) => input.value),
  };
}

export function validateForm(values: FormValues, intake: IntakeDescription, t: ReporterPageTexts): FieldError[] {
  const e = t.form.errors;
  const errors: FieldError[] = [];
  const tooLong = (field: keyof typeof REPORT_FIELD_MAX_CHARS) => {
    if (values[field].length > REPORT_FIELD_MAX_CHARS[field]) errors.push({ field, control: field, message: e.tooLong(REPORT_FIELD_MAX_CHARS[field]) });
  };
  if (!values.category) errors.push({ field: 'category', control: 'category-0', message: e.category });
  if (!values.whatHappened) errors.push({ field: 'whatHappened', control: 'whatHappened', message: e.whatHappened });
  for (const field of TEXT_FIELDS) tooLong(field);
  if (!values.identityMode) errors.push({ field: 'identityMode', control: 'identityMode-0', message: e.identityMode });
  if (values.identityMode === 'confidential') {
    if (!values.name) errors.push({ field: 'name', control: 'name', message: e.name });
    tooLong('name');
    if (!values.contact) errors.push({ field: 'contact', control: 'contact', message: e.contact });
    tooLong('contact');
  }
  const referentsLeft = intake.recipients.filter((r) => r.roles.includes('referent') && !values.excluded.includes(r.id));
  if (referentsLeft.length === 0) errors.push({ field: 'excluded', control: 'excluded-0', message: e.excluded });
  return errors;
}

export function reportContentOf(values: FormValues, language: Language): ReportContent {
  return {
    format: 'vigie.report',
    version: 1,
    language,
    category: values.category,
    whatHappened: values.whatHappened,
    whenAndWhere: values.whenAndWhere,
    whoIsInvolved: values.whoIsInvolved,
    howYouKnow: values.howYouKnow,
    othersAware: values.othersAware,
    identity: values.identityMode === 'confidential' ? { name: values.name, contact: values.contact } : null,
  };
}

/** Recipients are every referent the reporter did not leave out. */
export function recipientIdsOf(values: FormValues, intake: IntakeDescription): string[] {
  return intake.recipients.filter((r) => r.roles.includes('referent') && !values.excluded.includes(r.id)).map((r) => r.id);
}
