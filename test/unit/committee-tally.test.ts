// The committee's collegial decision (src/domain/committee-tally.ts), against the rules decided in
// its header: the quorum counts every vote cast (abstentions too); the majority is reckoned on the
// votes expressed (follow_up + no_follow_up); simple = more than half, two_thirds = at least 2/3,
// unanimity = every expressed vote and at least one; a tie or no majority is "no_majority" while
// eligible members remain and "deadlocked" once all have voted; the follow-up kind is the most chosen,
// ties going to judicial_referral > disciplinary > internal_measures. Expected values are by hand.
import { describe, expect, it } from 'vitest';
import type { FollowUpKind } from '../../src/domain/case-workflow.ts';
import { committeeStatus, countVotes, type CastVote, type CommitteeRules, type CommitteeStatus } from '../../src/domain/committee-tally.ts';

const follow = (kind: FollowUpKind | null = null): CastVote => ({ choice: 'follow_up', followUpKind: kind });
const none: CastVote = { choice: 'no_follow_up', followUpKind: null };
const abstain: CastVote = { choice: 'abstain', followUpKind: null };

const DISC = follow('disciplinary');
const JUD = follow('judicial_referral');
const INT = follow('internal_measures');

const simple = (quorum: number): CommitteeRules => ({ quorum, majority: 'simple' });
const twoThirds = (quorum: number): CommitteeRules => ({ quorum, majority: 'two_thirds' });
const unanimity = (quorum: number): CommitteeRules => ({ quorum, majority: 'unanimity' });

/** The status and, when decided, outcome and kind, without the tally. */
function verdict(status: CommitteeStatus): { status: string; outcome?: string; followUpKind?: FollowUpKind | null } {
  return status.status === 'decided' ? { status: status.status, outcome: status.outcome, followUpKind: status.followUpKind } : { status: status.status };
}

describe("the issue's story: 3 members, one recused", () => {
  // Eligible 2 (the recused member does not count), quorum 2, simple majority.
  const rules = simple(2);

  it('no vote yet, then one vote: awaiting quorum', () => {
    expect(verdict(committeeStatus([], 2, rules))).toEqual({ status: 'awaiting_quorum' });
    expect(verdict(committeeStatus([DISC], 2, rules))).toEqual({ status: 'awaiting_quorum' });
  });

  it('2-0 for a disciplinary follow-up: decided, follow_up / disciplinary', () => {
    const status = committeeStatus([DISC, DISC], 2, rules);
    expect(verdict(status)).toEqual({ status: 'decided', outcome: 'follow_up', followUpKind: 'disciplinary' });
    expect(status.tally).toEqual({
      followUp: 2,
      noFollowUp: 0,
      abstain: 0,
      byKind: { disciplinary: 2, judicial_referral: 0, internal_measures: 0 },
      eligible: 2,
    });
  });
});

describe('ties and no majority', () => {
  it('1-1 with every eligible member voted: deadlocked', () => {
    expect(verdict(committeeStatus([DISC, none], 2, simple(2)))).toEqual({ status: 'deadlocked' });
  });

  it('1-1 with a member still to vote: no_majority', () => {
    expect(verdict(committeeStatus([DISC, none], 3, simple(2)))).toEqual({ status: 'no_majority' });
  });

  it('2-2 is not "more than half": deadlocked with 4 eligible, no_majority with 5', () => {
    expect(verdict(committeeStatus([DISC, DISC, none, none], 4, simple(3)))).toEqual({ status: 'deadlocked' });
    expect(verdict(committeeStatus([DISC, DISC, none, none], 5, simple(3)))).toEqual({ status: 'no_majority' });
  });

  it('everyone voted but fewer than the quorum: deadlocked, not awaiting', () => {
    // Quorum 3 set for a larger committee; only 2 eligible here, both voted the same way.
    expect(verdict(committeeStatus([DISC, DISC], 2, simple(3)))).toEqual({ status: 'deadlocked' });
    expect(verdict(committeeStatus([DISC, DISC], 3, simple(3)))).toEqual({ status: 'awaiting_quorum' });
  });
});

describe('abstentions count for the quorum, not for the majority', () => {
  it('quorum 3: follow_up, abstain, abstain → decided follow_up (1 of 1 expressed)', () => {
    const status = committeeStatus([JUD, abstain, abstain], 5, simple(3));
    expect(verdict(status)).toEqual({ status: 'decided', outcome: 'follow_up', followUpKind: 'judicial_referral' });
    expect(status.tally).toMatchObject({ followUp: 1, noFollowUp: 0, abstain: 2, eligible: 5 });
  });

  it('the same votes one short of the quorum are still awaiting it', () => {
    expect(verdict(committeeStatus([JUD, abstain], 5, simple(3)))).toEqual({ status: 'awaiting_quorum' });
  });

  it('an abstention does not break a tie: 1-1 plus one abstention', () => {
    expect(verdict(committeeStatus([DISC, none, abstain], 3, simple(3)))).toEqual({ status: 'deadlocked' });
    expect(verdict(committeeStatus([DISC, none, abstain], 4, simple(3)))).toEqual({ status: 'no_majority' });
  });

  it('abstentions do not dilute a simple majority: 2 follow_up, 1 no_follow_up, 3 abstain', () => {
    expect(verdict(committeeStatus([DISC, DISC, none, abstain, abstain, abstain], 6, simple(4)))).toEqual({
      status: 'decided',
      outcome: 'follow_up',
      followUpKind: 'disciplinary',
    });
  });

  it('everyone abstains: deadlocked once all voted, no_majority before', () => {
    expect(verdict(committeeStatus([abstain, abstain, abstain], 3, simple(2)))).toEqual({ status: 'deadlocked' });
    expect(verdict(committeeStatus([abstain, abstain, abstain], 5, simple(2)))).toEqual({ status: 'no_majority' });
    // Unanimity needs at least one expressed vote: all abstaining is not "unanimous".
    expect(verdict(committeeStatus([abstain, abstain], 2, unanimity(2)))).toEqual({ status: 'deadlocked' });
  });
});

describe('two-thirds majority', () => {
  it('2-1 is exactly two thirds: decided', () => {
    expect(verdict(committeeStatus([INT, INT, none], 3, twoThirds(3)))).toEqual({ status: 'decided', outcome: 'follow_up', followUpKind: 'internal_measures' });
    expect(verdict(committeeStatus([none, none, DISC], 3, twoThirds(3)))).toEqual({ status: 'decided', outcome: 'no_follow_up', followUpKind: null });
  });

  it('3-2 is 3/5 < 2/3: not decided (deadlocked with 5 eligible, no_majority with 7)', () => {
    const votes = [DISC, DISC, DISC, none, none];
    expect(verdict(committeeStatus(votes, 5, twoThirds(3)))).toEqual({ status: 'deadlocked' });
    expect(verdict(committeeStatus(votes, 7, twoThirds(3)))).toEqual({ status: 'no_majority' });
    // The same the other way round.
    expect(verdict(committeeStatus([none, none, none, DISC, DISC], 5, twoThirds(3)))).toEqual({ status: 'deadlocked' });
  });

  it('4-2 is two thirds: decided; 2-1 with abstentions still counts only the expressed votes', () => {
    expect(verdict(committeeStatus([DISC, DISC, DISC, DISC, none, none], 6, twoThirds(4))).status).toBe('decided');
    expect(verdict(committeeStatus([DISC, DISC, none, abstain, abstain], 5, twoThirds(5)))).toEqual({ status: 'decided', outcome: 'follow_up', followUpKind: 'disciplinary' });
  });
});

describe('unanimity', () => {
  it('3-0 decided', () => {
    expect(verdict(committeeStatus([DISC, JUD, DISC], 3, unanimity(3)))).toEqual({ status: 'decided', outcome: 'follow_up', followUpKind: 'disciplinary' });
    expect(verdict(committeeStatus([none, none, none], 3, unanimity(3)))).toEqual({ status: 'decided', outcome: 'no_follow_up', followUpKind: null });
  });

  it('3-1 not decided: deadlocked once all voted, no_majority before', () => {
    expect(verdict(committeeStatus([DISC, DISC, DISC, none], 4, unanimity(3)))).toEqual({ status: 'deadlocked' });
    expect(verdict(committeeStatus([DISC, DISC, DISC, none], 5, unanimity(3)))).toEqual({ status: 'no_majority' });
  });

  it('an abstention does not break unanimity among the votes expressed', () => {
    expect(verdict(committeeStatus([DISC, DISC, abstain], 3, unanimity(3)))).toEqual({ status: 'decided', outcome: 'follow_up', followUpKind: 'disciplinary' });
  });
});

describe('no_follow_up winning', () => {
  it('2-1 against: decided no_follow_up, with no kind', () => {
    const status = committeeStatus([none, JUD, none], 3, simple(2));
    expect(verdict(status)).toEqual({ status: 'decided', outcome: 'no_follow_up', followUpKind: null });
    // The minority's kind is still tallied, it just decides nothing.
    expect(status.tally.byKind.judicial_referral).toBe(1);
  });

  it('decided as soon as quorum and majority are met, before every eligible member voted', () => {
    expect(verdict(committeeStatus([none, none], 5, simple(2)))).toEqual({ status: 'decided', outcome: 'no_follow_up', followUpKind: null });
    expect(verdict(committeeStatus([DISC, DISC, DISC], 7, simple(3))).status).toBe('decided');
  });
});

describe('the follow-up kind', () => {
  it('is the most chosen, even over a more serious kind', () => {
    expect(verdict(committeeStatus([INT, INT, JUD], 3, simple(3)))).toEqual({ status: 'decided', outcome: 'follow_up', followUpKind: 'internal_measures' });
    expect(verdict(committeeStatus([DISC, DISC, JUD, none], 4, simple(3))).followUpKind).toBe('disciplinary');
  });

  it('a tie goes to the most serious: judicial_referral > disciplinary > internal_measures', () => {
    expect(committeeStatus([DISC, JUD], 2, simple(2))).toMatchObject({ status: 'decided', followUpKind: 'judicial_referral' });
    expect(committeeStatus([INT, JUD], 2, simple(2))).toMatchObject({ status: 'decided', followUpKind: 'judicial_referral' });
    expect(committeeStatus([INT, DISC], 2, simple(2))).toMatchObject({ status: 'decided', followUpKind: 'disciplinary' });
    expect(committeeStatus([INT, DISC, JUD], 3, simple(3))).toMatchObject({ status: 'decided', followUpKind: 'judicial_referral' });
    // Order of the votes does not matter.
    expect(committeeStatus([JUD, INT, DISC], 3, simple(3))).toMatchObject({ status: 'decided', followUpKind: 'judicial_referral' });
  });

  it('votes without a kind do not count towards one; none at all gives null', () => {
    expect(committeeStatus([follow(), follow()], 2, simple(2))).toMatchObject({ status: 'decided', outcome: 'follow_up', followUpKind: null });
    expect(committeeStatus([follow(), follow(), INT], 3, simple(3))).toMatchObject({ status: 'decided', outcome: 'follow_up', followUpKind: 'internal_measures' });
  });
});

describe('countVotes', () => {
  it('counts each choice and each follow-up kind; eligible passes through', () => {
    expect(countVotes([DISC, JUD, JUD, follow(), none, none, abstain], 9)).toEqual({
      followUp: 4,
      noFollowUp: 2,
      abstain: 1,
      byKind: { disciplinary: 1, judicial_referral: 2, internal_measures: 0 },
      eligible: 9,
    });
  });

  it('no votes: every count zero, every kind present', () => {
    expect(countVotes([], 3)).toEqual({
      followUp: 0,
      noFollowUp: 0,
      abstain: 0,
      byKind: { disciplinary: 0, judicial_referral: 0, internal_measures: 0 },
      eligible: 3,
    });
  });

  it('a kind on a no_follow_up or abstain vote is not counted', () => {
    const stray: CastVote[] = [
      { choice: 'no_follow_up', followUpKind: 'judicial_referral' },
      { choice: 'abstain', followUpKind: 'disciplinary' },
    ];
    expect(countVotes(stray, 2)).toEqual({
      followUp: 0,
      noFollowUp: 1,
      abstain: 1,
      byKind: { disciplinary: 0, judicial_referral: 0, internal_measures: 0 },
      eligible: 2,
    });
  });

  it('committeeStatus returns the same tally as countVotes, whatever the status', () => {
    const votes = [DISC, none, abstain];
    for (const eligible of [3, 4]) expect(committeeStatus(votes, eligible, simple(3)).tally).toEqual(countVotes(votes, eligible));
    expect(committeeStatus([DISC], 3, simple(2)).tally).toEqual(countVotes([DISC], 3));
  });
});
