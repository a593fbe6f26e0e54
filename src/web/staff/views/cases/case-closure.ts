// A closed case: its outcome, the printable notice for the persons concerned (put together here,
// never sent), retention (rule, purge day, hold) and, after a follow-up, the end of proceedings.
// Also the record of an identity disclosure, whose details are encrypted here.
import type { FollowUpKind } from '../../../../domain/case-workflow.ts';
import { personsConcernedNotice } from '../../../../i18n/persons-concerned-notice.ts';
import { printPart } from '../../../browser/printing.ts';
import { element, formatDate } from '../../ui.ts';
import { handleSubmit, radioGroup, selectField, textareaField } from './case-forms.ts';
import { section } from './case-labels.ts';
import type { CasePage } from './case-page.ts';

function noticeForm(page: CasePage): HTMLElement {
  const { ctx, t, opened } = page;
  const c = t.closure;
  const s = opened.summary;
  const addressee = element('input', { type: 'text', id: 'notice-addressee', name: 'notice-addressee', autocomplete: 'off', 'aria-describedby': 'notice-addressee-hint' });
  const area = element('div', { id: 'persons-notice-area' });
  const form = element(
    'form',
    { class: 'notice-form', novalidate: '' },
    element('p', { class: 'hint' }, c.noticeIntro),
    element('div', { class: 'field' }, element('label', { for: 'notice-addressee' }, c.addressee), element('p', { class: 'hint', id: 'notice-addressee-hint' }, c.addresseeHint), addressee),
    element('button', { type: 'submit', id: 'notice-prepare' }, c.prepare),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!s.closedAt || !s.outcome) return;
    const notice = personsConcernedNotice(
      {
        organisationName: ctx.session.self?.organisation.name ?? '',
        caseReference: s.reference,
        closedAt: new Date(s.closedAt),
        timeZone: 'Europe/Paris',
        outcome: s.outcome,
        followUpKind: s.followUpKind as FollowUpKind | null,
        addressee: addressee.value.trim() || '…',
      },
      ctx.language,
    );
    const article = element('article', { class: 'persons-notice', id: 'persons-notice', 'aria-labelledby': 'persons-notice-title' }, element('h3', { id: 'persons-notice-title' }, notice.title), ...notice.paragraphs.map((p) => element('p', {}, p)));
    const print = element('button', { type: 'button', id: 'notice-print', class: 'no-print' }, c.print);
    print.addEventListener('click', () => printPart(article));
    area.replaceChildren(article, element('div', { class: 'actions' }, print));
    print.focus();
  });
  return element('div', { class: 'persons-notice-block' }, element('h3', {}, c.notice), form, area);
}

export function closureSection(page: CasePage): HTMLElement | null {
  const { ctx, t, opened } = page;
  const s = opened.summary;
  if (s.state !== 'closed' || !s.closedAt) return null;
  const c = t.closure;
  const rows: Node[] = [element('dt', {}, c.outcome), element('dd', { id: 'case-outcome' }, s.outcome ? t.outcomes[s.outcome] : '—')];
  if (s.followUpKind) rows.push(element('dt', {}, c.followUpKind), element('dd', {}, t.followUpKinds[s.followUpKind as FollowUpKind] ?? s.followUpKind));
  return section(
    c.title,
    'case-closure',
    element('p', {}, c.closedOn(formatDate(s.closedAt, ctx.language, true))),
    element('dl', { class: 'facts' }, ...rows),
    page.isReferent ? noticeForm(page) : null,
  );
}

export function retentionSection(page: CasePage): HTMLElement {
  const { ctx, t, opened } = page;
  const r = t.retention;
  const retention = opened.detail.retention;
  if (!retention.rule) return section(r.title, 'case-retention', element('p', {}, r.open));
  const rows: Node[] = [element('dt', {}, r.rule), element('dd', { id: 'retention-rule' }, r.rules[retention.rule])];
  if (retention.purgeDueOn) rows.push(element('dt', {}, r.purgeDue), element('dd', {}, element('time', { datetime: retention.purgeDueOn }, formatDate(retention.purgeDueOn, ctx.language))));
  rows.push(element('dt', {}, r.hold), element('dd', {}, retention.legalHold ? r.holdPlaced(formatDate(retention.legalHold.placedAt, ctx.language)) : r.noHold));
  if (retention.proceedingsEndedOn) rows.push(element('dt', {}, r.proceedingsEnded), element('dd', {}, formatDate(retention.proceedingsEndedOn, ctx.language)));
  let form: HTMLElement | null = null;
  if (retention.rule === 'R3' && !retention.proceedingsEndedOn && page.isReferent) {
    const date = element('input', { type: 'date', id: 'proceedings-ended-on', name: 'proceedings-ended-on', required: '', 'aria-describedby': 'proceedings-hint' });
    form = element(
      'form',
      { class: 'proceedings-form', novalidate: '' },
      element('div', { class: 'field' }, element('label', { for: 'proceedings-ended-on' }, r.proceedingsEndedOn), element('p', { class: 'hint', id: 'proceedings-hint' }, r.proceedingsHint), date),
      element('button', { type: 'submit', id: 'proceedings-submit' }, r.record),
    );
    handleSubmit(ctx, form as HTMLFormElement, async (fail) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date.value)) return fail(r.proceedingsEndedOn);
      await ctx.session.call(() => page.flow.proceedingsEnded(opened.summary.id, date.value));
      page.refresh(r.recorded);
    });
  }
  return section(r.title, 'case-retention', element('dl', { class: 'facts' }, ...rows), form);
}

export async function disclosureSection(page: CasePage): Promise<HTMLElement | null> {
  const { ctx, t, opened } = page;
  if (opened.summary.identityMode !== 'confidential' || !page.isReferent) return null;
  const d = t.disclosure;
  const details = await page.flow.disclosureDetails(opened);
  const recorded =
    opened.detail.disclosures.length === 0
      ? element('p', {}, d.none)
      : element(
          'ul',
          { class: 'disclosures' },
          ...opened.detail.disclosures.map((entry, i) =>
            element(
              'li',
              {},
              d.entry(formatDate(entry.recordedAt, ctx.language), d.bases[entry.legalBasis as 'consent' | 'judicial_authority'] ?? entry.legalBasis, entry.consentGiven ? d.consentYes : d.consentNo),
              element('p', { class: 'multiline' }, details[i] ?? ''),
            ),
          ),
        );
  const basis = selectField('disclosure-basis', d.basis, [
    { value: 'consent', label: d.bases.consent },
    { value: 'judicial_authority', label: d.bases.judicial_authority },
  ]);
  const consent = radioGroup('disclosure-consent', d.consent, [
    { value: 'yes', label: d.consentYes },
    { value: 'no', label: d.consentNo },
  ]);
  const text = textareaField('disclosure-details', d.details, d.detailsHint, true);
  const form = element('form', { class: 'disclosure-form', novalidate: '' }, basis.field, consent.field, text.field, element('button', { type: 'submit', id: 'disclosure-submit' }, d.submit));
  handleSubmit(ctx, form, async (fail) => {
    const chosen = consent.value();
    const body = text.input.value.trim();
    if (!chosen || !body) return fail(`${d.consent} / ${d.details}`);
    await ctx.session.call(() => page.flow.discloseIdentity(opened, basis.input.value as 'consent' | 'judicial_authority', chosen === 'yes', body));
    page.refresh(d.done);
  });
  return section(d.title, 'case-disclosure', element('p', { class: 'hint' }, d.intro), element('h3', {}, d.recorded), recorded, opened.summary.state === 'closed' ? null : form);
}
