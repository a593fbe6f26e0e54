// The committee's collegial decision (DESIGN.md §5): members vote follow_up / no_follow_up /
// abstain; the organisation's quorum and majority decide. Pure: the service stores votes and asks.
// Decisions taken here:
// - the quorum counts every vote cast, abstentions included (members took part);
// - the majority is reckoned on the votes expressed (follow_up + no_follow_up);
// - once quorum and majority are met the decision is taken at once; later votes are refused;
// - a tie, or a majority not reached, leaves the case open: "no_majority" while members may still
//   vote, "deadlocked" once every eligible member has voted (the referent must act, visibly);
// - the follow-up kind is the one most follow_up voters chose; a tie goes to the most serious kind
//   (judicial referral, then disciplinary, then internal measures).
import { FOLLOW_UP_KINDS, type FollowUpKind } from './case-workflow.ts';

export const VOTE_CHOICES = ['follow_up', 'no_follow_up', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

export const COMMITTEE_MAJORITIES = ['simple', 'two_thirds', 'unanimity'] as const;
export type CommitteeMajority = (typeof COMMITTEE_MAJORITIES)[number];

export interface CommitteeRules {
  /** Votes cast (abstentions included) needed before anything is decided. */
  readonly quorum: number;
  readonly majority: CommitteeMajority;
}

export interface CastVote {
  readonly choice: VoteChoice;
  readonly followUpKind: FollowUpKind | null;
}

export interface Tally {
  readonly followUp: number;
  readonly noFollowUp: number;
  readonly abstain: number;
  readonly byKind: Readonly<Record<FollowUpKind, number>>;
  /** Members who may vote (given the case and not concerned). */
  readonly eligible: number;
}

export type CommitteeStatus =
  | { readonly status: 'decided'; readonly outcome: 'follow_up' | 'no_follow_up'; readonly followUpKind: FollowUpKind | null; readonly tally: Tally }
  | { readonly status: 'awaiting_quorum' | 'no_majority' | 'deadlocked'; readonly tally: Tally };

const SEVERITY: readonly FollowUpKind[] = ['judicial_referral', 'disciplinary', 'internal_measures'];

function wins(votes: number, expressed: number, majority: CommitteeMajority): boolean {
  if (expressed === 0) return false;
  if (majority === 'simple') return votes * 2 > expressed;
  if (majority === 'two_thirds') return votes * 3 >= expressed * 2;
  return votes === expressed;
}

export function countVotes(votes: readonly CastVote[], eligible: number): Tally {
  const byKind = Object.fromEntries(FOLLOW_UP_KINDS.map((kind) => [kind, 0])) as Record<FollowUpKind, number>;
  let followUp = 0;
  let noFollowUp = 0;
  let abstain = 0;
  for (const vote of votes) {
    if (vote.choice === 'follow_up') {
      followUp++;
      if (vote.followUpKind) byKind[vote.followUpKind]++;
    } else if (vote.choice === 'no_follow_up') noFollowUp++;
    else abstain++;
  }
  return { followUp, noFollowUp, abstain, byKind, eligible };
}

export function committeeStatus(votes: readonly CastVote[], eligible: number, rules: CommitteeRules): CommitteeStatus {
  const tally = countVotes(votes, eligible);
  const cast = votes.length;
  if (cast < rules.quorum) return { status: cast >= eligible ? 'deadlocked' : 'awaiting_quorum', tally };
  const expressed = tally.followUp + tally.noFollowUp;
  if (wins(tally.followUp, expressed, rules.majority)) {
    const most = Math.max(...SEVERITY.map((kind) => tally.byKind[kind]));
    const followUpKind = SEVERITY.find((kind) => tally.byKind[kind] === most && most > 0) ?? null;
    return { status: 'decided', outcome: 'follow_up', followUpKind, tally };
  }
  if (wins(tally.noFollowUp, expressed, rules.majority)) return { status: 'decided', outcome: 'no_follow_up', followUpKind: null, tally };
  return { status: cast >= eligible ? 'deadlocked' : 'no_majority', tally };
}
