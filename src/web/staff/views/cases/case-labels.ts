// What the case pages share: states and deadlines in words (with their badge), category labels
// from the organisation's intake, a section with its heading.
import type { CaseSummaryAnswer, DeadlineAnswer } from '../../../../client/staff-cases-client.ts';
import type { IntakeDescription } from '../../../../client/reporter-client.ts';
import type { CaseState } from '../../../../../db/schema.ts';
import { STAFF_CASES_TEXTS, type StaffCasesTexts } from '../../../../i18n/staff/cases.ts';
import type { StaffAppContext } from '../../app-context.ts';
import { element, formatDate } from '../../ui.ts';

export function casesTexts(ctx: StaffAppContext): StaffCasesTexts {
  return STAFF_CASES_TEXTS[ctx.language];
}

export function stateWords(t: StaffCasesTexts, state: string): string {
  return t.states[state as CaseState] ?? state;
}

const BADGE_CLASS: Record<DeadlineAnswer['status'], string> = { met: 'met', pending: 'pending', due_soon: 'due-soon', overdue: 'overdue' };

/** A due date and, beside it, its status as a word in a badge (colour is never the only cue). */
export function deadlineCell(ctx: StaffAppContext, deadline: DeadlineAnswer): HTMLElement {
  const t = casesTexts(ctx);
  return element(
    'span',
    { class: 'deadline' },
    element('time', { datetime: deadline.dueOn }, formatDate(deadline.dueOn, ctx.language)),
    ' ',
    element('span', { class: `badge ${BADGE_CLASS[deadline.status]}` }, t.deadlineStatus[deadline.status]),
  );
}

/** The organisation's public intake description (categories, largest document accepted). */
export async function intakeDescription(ctx: StaffAppContext): Promise<IntakeDescription | undefined> {
  const slug = ctx.session.self?.organisation.slug;
  if (!slug) return undefined;
  return ctx.session.call(() => ctx.session.client.http.expect<IntakeDescription>(200, 'GET', `/api/v1/orgs/${encodeURIComponent(slug)}/intake`));
}

export function labelsOf(ctx: StaffAppContext, intake: IntakeDescription | undefined): (code: string) => string {
  return (code) => intake?.categories.find((c) => c.code === code)?.label[ctx.language] ?? code;
}

/** The organisation's category labels, from its public intake description. */
export async function categoryLabels(ctx: StaffAppContext): Promise<(code: string) => string> {
  return labelsOf(ctx, await intakeDescription(ctx));
}

export function caseLink(ctx: StaffAppContext, summary: Pick<CaseSummaryAnswer, 'id' | 'reference'>): HTMLAnchorElement {
  return element('a', { href: ctx.href(`/staff/cases/${summary.id}`), class: 'reference' }, summary.reference);
}

let sectionCounter = 0;

/** A titled region of the case page (h2 labelling a section). */
export function section(title: string, className: string, ...children: (Node | null | false)[]): HTMLElement {
  const id = `section-${className}-${++sectionCounter}`;
  return element('section', { class: `case-section ${className}`, 'aria-labelledby': id }, element('h2', { id }, title), ...children);
}
