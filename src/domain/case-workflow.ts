// The case state machine (DESIGN.md §5): one table of (state, action, role) → next state. Nothing
// else changes a case's state; services ask `nextState` and refuse what it refuses.
//   received → acknowledged → admissibility_review → (inadmissible → closed)
//                                                   | investigation → committee_review → closed
// Decisions: a referent may also close an investigation without follow-up (facts unfounded or moot,
// LEGAL.md L5) without a committee; any follow-up is decided by the committee's vote; a referent may
// take a case back from a committee that cannot decide (return_to_investigation).
import type { CaseState } from '../../db/schema.ts';

export const CASE_ACTIONS = [
  'acknowledge',
  'start_admissibility_review',
  'declare_admissible',
  'declare_inadmissible',
  'close_inadmissible',
  'send_to_committee',
  'close_without_follow_up',
  'record_committee_decision',
  'return_to_investigation',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Who acts: a staff role, or the service itself (the committee's tally closes a case). */
export const WORKFLOW_ROLES = ['referent', 'committee', 'admin', 'dpo', 'system'] as const;
export type WorkflowRole = (typeof WORKFLOW_ROLES)[number];

export const CASE_OUTCOMES = ['inadmissible', 'no_follow_up', 'follow_up'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const FOLLOW_UP_KINDS = ['disciplinary', 'judicial_referral', 'internal_measures'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

export interface TransitionRule {
  readonly from: CaseState;
  readonly action: CaseAction;
  readonly role: WorkflowRole;
  readonly to: CaseState;
  /** The staff member must give a reason, which reaches the reporter (encrypted under the case key). */
  readonly reasonRequired: boolean;
  /** The outcome the case closes with, when `to` is closed and the action fixes it. */
  readonly outcome?: CaseOutcome;
}

/** The whole workflow. Anything not in this table is refused. Frozen: callers get its own rule objects. */
export const TRANSITIONS: readonly TransitionRule[] = Object.freeze(
  (
    [
  { from: 'received', action: 'acknowledge', role: 'referent', to: 'acknowledged', reasonRequired: false },
  { from: 'acknowledged', action: 'start_admissibility_review', role: 'referent', to: 'admissibility_review', reasonRequired: false },
  { from: 'admissibility_review', action: 'declare_admissible', role: 'referent', to: 'investigation', reasonRequired: false },
  { from: 'admissibility_review', action: 'declare_inadmissible', role: 'referent', to: 'inadmissible', reasonRequired: true },
  // Followed at once by the service, so an inadmissible report is closed in the same transaction.
  { from: 'inadmissible', action: 'close_inadmissible', role: 'system', to: 'closed', reasonRequired: false, outcome: 'inadmissible' },
  { from: 'investigation', action: 'send_to_committee', role: 'referent', to: 'committee_review', reasonRequired: false },
  { from: 'investigation', action: 'close_without_follow_up', role: 'referent', to: 'closed', reasonRequired: true, outcome: 'no_follow_up' },
  // The outcome comes from the committee's tally (follow_up or no_follow_up).
  { from: 'committee_review', action: 'record_committee_decision', role: 'system', to: 'closed', reasonRequired: false },
  // Out of a deadlock (or a committee that cannot meet): the referent takes the case back; the
  // votes of that round are discarded, and the case may go to the committee again or be closed.
  { from: 'committee_review', action: 'return_to_investigation', role: 'referent', to: 'investigation', reasonRequired: false },
    ] satisfies TransitionRule[]
  ).map((rule) => Object.freeze(rule)),
);

/** Actions a staff member may ask for through the API (the others are the service's own). */
export const STAFF_ACTIONS: readonly CaseAction[] = [...new Set(TRANSITIONS.filter((t) => t.role !== 'system').map((t) => t.action))];

export type TransitionVerdict =
  | { readonly allowed: true; readonly rule: TransitionRule }
  | { readonly allowed: false; readonly refusal: 'role_not_allowed' | 'not_allowed_in_state' };

/**
 * What `role` asking for `action` on a case in `state` leads to. A role that may never take this
 * action is refused as such (403); an action that does not apply to the state is a conflict (409).
 */
export function nextState(state: CaseState, action: CaseAction, role: WorkflowRole): TransitionVerdict {
  const rule = TRANSITIONS.find((t) => t.from === state && t.action === action && t.role === role);
  if (rule) return { allowed: true, rule };
  const roleMayEver = TRANSITIONS.some((t) => t.action === action && t.role === role);
  return { allowed: false, refusal: roleMayEver ? 'not_allowed_in_state' : 'role_not_allowed' };
}

/** The actions open to a role in a state (what a page offers, and nothing else). */
export function availableActions(state: CaseState, role: WorkflowRole): CaseAction[] {
  return TRANSITIONS.filter((t) => t.from === state && t.role === role).map((t) => t.action);
}

export function isOpen(state: CaseState): boolean {
  return state !== 'closed';
}
