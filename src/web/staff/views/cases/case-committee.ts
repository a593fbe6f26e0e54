// The committee's vote on a case: the tally (counts only), the member's own vote, the reasons
// the API lets them read (their own; everyone's once the case is closed), and the vote form.
import type { FollowUpKind } from '../../../../domain/case-workflow.ts';
import { element, formatDate } from '../../ui.ts';
import { handleSubmit, radioGroup, selectField, textareaField } from './case-forms.ts';
import { section } from './case-labels.ts';
import type { CasePage } from './case-page.ts';

type Choice = 'follow_up' | 'no_follow_up' | 'abstain';
const CHOICES: readonly Choice[] = ['follow_up', 'no_follow_up', 'abstain'];
const KINDS: readonly FollowUpKind[] = ['disciplinary', 'judicial_referral', 'internal_measures'];

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function tallyTable(page: CasePage): HTMLElement | null {
  const committee = page.opened.detail.committee;
  if (!committee) return null;
  const c = page.t.committee;
  const tally = committee.tally;
  const row = (label: string, value: number, id: string) => element('tr', {}, element('th', { scope: 'row' }, label), element('td', { id }, String(value)));
  return element(
    'table',
    { class: 'data tally', id: 'committee-tally' },
    element('caption', {}, c.tallyCaption),
    element('tbody', {},
      row(c.choices.follow_up, tally.followUp, 'tally-follow-up'),
      row(c.choices.no_follow_up, tally.noFollowUp, 'tally-no-follow-up'),
      row(c.choices.abstain, tally.abstain, 'tally-abstain'),
      row(c.votesCast, committee.votes.length, 'tally-cast'),
      row(c.eligible, tally.eligible, 'tally-eligible'),
    ),
  );
}

function voteForm(page: CasePage): HTMLElement {
  const { ctx, t, opened } = page;
  const c = t.committee;
  const choice = radioGroup('vote-choice', c.choice, CHOICES.map((value) => ({ value, label: c.choices[value] })));
  const kind = selectField('vote-kind', c.kind, [{ value: '', label: '—' }, ...KINDS.map((value) => ({ value, label: t.followUpKinds[value] }))], c.kindHint);
  const reason = textareaField('vote-reason', c.reason, c.reasonHint, true);
  const form = element(
    'form',
    { class: 'vote-form', 'aria-labelledby': 'vote-title', novalidate: '' },
    element('h3', { id: 'vote-title' }, c.voteTitle),
    choice.field,
    kind.field,
    reason.field,
    element('button', { type: 'submit', class: 'primary', id: 'vote-submit' }, c.submit),
  );
  return handleSubmit(ctx, form, async (fail) => {
    const chosen = choice.value() as Choice | null;
    const text = reason.input.value.trim();
    if (!chosen) return fail(c.choice);
    if (chosen === 'follow_up' && !kind.input.value) return fail(c.kindMissing);
    if (!text) return fail(c.reason);
    await ctx.session.call(() => page.flow.vote(opened, chosen, text, chosen === 'follow_up' ? (kind.input.value as FollowUpKind) : undefined));
    page.refresh(c.done);
  });
}

export async function committeeSection(page: CasePage): Promise<HTMLElement | null> {
  const { ctx, t, opened } = page;
  const committee = opened.detail.committee;
  if (!committee && opened.summary.state !== 'committee_review') return null;
  const c = t.committee;
  const mine = committee?.votes.find((v) => v.voterId === page.selfId);
  const reasons = await page.flow.voteReasons(opened);
  const reasonList =
    reasons.length > 0
      ? element(
          'div',
          { class: 'vote-reasons' },
          element('h3', {}, c.reasonsTitle),
          element('ul', { id: 'vote-reasons' }, ...reasons.map((r) => element('li', {}, element('strong', {}, `${capitalised(page.staffName(r.voterId))} — ${c.choices[r.choice as Choice] ?? r.choice}`), element('p', { class: 'multiline' }, r.reason)))),
        )
      : null;
  const mayVote = page.isCommittee && opened.summary.state === 'committee_review' && !mine && (committee?.eligible.includes(page.selfId) ?? false);
  return section(
    c.title,
    'case-committee',
    committee ? element('p', { id: 'committee-status' }, element('strong', {}, c.status[committee.status] ?? committee.status)) : null,
    tallyTable(page),
    mine ? element('p', { id: 'my-vote' }, c.yourVote(c.choices[mine.choice as Choice] ?? mine.choice, formatDate(mine.castAt, ctx.language, true))) : null,
    opened.summary.state === 'committee_review' ? element('p', { class: 'hint' }, c.hiddenReasons) : null,
    reasonList,
    mayVote ? voteForm(page) : null,
  );
}
