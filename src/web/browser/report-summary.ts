// A report shown as a definition list: the review step before sending and, in the mailbox, the
// reporter's own report after decryption.
import type { ReportContent } from '../../client/report-content.ts';
import type { IntakeDescription } from '../../client/reporter-client.ts';
import type { Language, ReporterPageTexts } from '../../i18n/reporter-pages.ts';
import { element } from './dom.ts';

export interface SummaryRow {
  readonly term: string;
  readonly value: string;
}

export function reportRows(content: ReportContent, categoryLabel: string, t: ReporterPageTexts): SummaryRow[] {
  const f = t.form;
  const orEmpty = (text: string) => text || f.reviewEmpty;
  return [
    { term: f.category, value: categoryLabel },
    { term: f.whatHappened, value: orEmpty(content.whatHappened) },
    { term: f.whenAndWhere, value: orEmpty(content.whenAndWhere) },
    { term: f.whoIsInvolved, value: orEmpty(content.whoIsInvolved) },
    { term: f.howYouKnow, value: orEmpty(content.howYouKnow) },
    { term: f.othersAware, value: orEmpty(content.othersAware) },
    { term: f.reviewIdentity, value: content.identity ? f.reviewConfidential(content.identity.name, content.identity.contact) : f.reviewAnonymous },
  ];
}

export function categoryLabel(intake: Pick<IntakeDescription, 'categories'> | undefined, code: string, language: Language): string {
  return intake?.categories.find((c) => c.code === code)?.label[language] ?? code;
}

export function renderRows(list: HTMLElement, rows: readonly SummaryRow[]): void {
  list.replaceChildren(...rows.flatMap((row) => [element('dt', {}, row.term), element('dd', { class: 'multiline' }, row.value)]));
}
