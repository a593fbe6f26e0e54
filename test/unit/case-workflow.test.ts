// The case state machine, triple by triple: every (state, action, role) is checked against a table
// written out by hand below from the design (received → acknowledged → admissibility_review →
// investigation | inadmissible → closed; investigation → committee_review | closed; committee_review
// → closed), never derived from TRANSITIONS. Allowed triples move to the expected state; all others
// are refused (403 when the role may never take the action, 409 when the state is wrong) and change
// nothing.
import { describe, expect, it } from 'vitest';
import { CASE_STATES, type CaseState } from '../../db/schema.ts';
import {
  availableActions,
  CASE_ACTIONS,
  isOpen,
  nextState,
  STAFF_ACTIONS,
  TRANSITIONS,
  WORKFLOW_ROLES,
  type CaseAction,
  type CaseOutcome,
  type TransitionRule,
  type WorkflowRole,
} from '../../src/domain/case-workflow.ts';
import { ConflictError, DomainError, ForbiddenError } from '../../src/domain/errors.ts';
import { ruleForStaff } from '../../src/services/case-transitions.ts';

// The vocabularies, spelled out so the enumeration below provably covers 7 × 9 × 5 = 315 triples.
const STATES: readonly CaseState[] = ['received', 'acknowledged', 'admissibility_review', 'inadmissible', 'investigation', 'committee_review', 'closed'];
const ACTIONS: readonly CaseAction[] = [
  'acknowledge',
  'start_admissibility_review',
  'declare_admissible',
  'declare_inadmissible',
  'close_inadmissible',
  'send_to_committee',
  'close_without_follow_up',
  'record_committee_decision',
  'return_to_investigation',
];
const ROLES: readonly WorkflowRole[] = ['referent', 'committee', 'admin', 'dpo', 'system'];

interface Expected {
  readonly from: CaseState;
  readonly action: CaseAction;
  readonly role: WorkflowRole;
  readonly to: CaseState;
  readonly reasonRequired: boolean;
  readonly outcome?: CaseOutcome;
}

/** Every allowed triple, by hand from the design. Anything not listed must be refused. */
const EXPECTED_ALLOWED: readonly Expected[] = [
  { from: 'received', action: 'acknowledge', role: 'referent', to: 'acknowledged', reasonRequired: false },
  { from: 'acknowledged', action: 'start_admissibility_review', role: 'referent', to: 'admissibility_review', reasonRequired: false },
  { from: 'admissibility_review', action: 'declare_admissible', role: 'referent', to: 'investigation', reasonRequired: false },
  { from: 'admissibility_review', action: 'declare_inadmissible', role: 'referent', to: 'inadmissible', reasonRequired: true },
  { from: 'inadmissible', action: 'close_inadmissible', role: 'system', to: 'closed', reasonRequired: false, outcome: 'inadmissible' },
  { from: 'investigation', action: 'send_to_committee', role: 'referent', to: 'committee_review', reasonRequired: false },
  { from: 'investigation', action: 'close_without_follow_up', role: 'referent', to: 'closed', reasonRequired: true, outcome: 'no_follow_up' },
  // The outcome is the committee tally's, so the rule itself fixes none.
  { from: 'committee_review', action: 'record_committee_decision', role: 'system', to: 'closed', reasonRequired: false },
  // A deadlocked committee: the referent takes the case back.
  { from: 'committee_review', action: 'return_to_investigation', role: 'referent', to: 'investigation', reasonRequired: false },
];

/** The one role that may ever take each action, in whatever state (by hand, checked against the table above). */
const ACTION_ROLE: Readonly<Record<CaseAction, WorkflowRole>> = {
  acknowledge: 'referent',
  start_admissibility_review: 'referent',
  declare_admissible: 'referent',
  declare_inadmissible: 'referent',
  close_inadmissible: 'system',
  send_to_committee: 'referent',
  close_without_follow_up: 'referent',
  record_committee_decision: 'system',
  return_to_investigation: 'referent',
};

function expectedFor(state: CaseState, action: CaseAction, role: WorkflowRole): Expected | undefined {
  return EXPECTED_ALLOWED.find((e) => e.from === state && e.action === action && e.role === role);
}

interface Triple {
  readonly state: CaseState;
  readonly action: CaseAction;
  readonly role: WorkflowRole;
}

const TRIPLES: readonly Triple[] = STATES.flatMap((state) => ACTIONS.flatMap((action) => ROLES.map((role) => ({ state, action, role }))));

/** The error `fn` throws, or undefined when it returns. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

// Taken before anything below runs, to show the enumeration changed nothing.
const TRANSITIONS_BEFORE: readonly TransitionRule[] = structuredClone(TRANSITIONS);

describe('the vocabularies', () => {
  it('are the 7 states, 9 actions and 5 roles the hand table is written against', () => {
    expect([...CASE_STATES]).toEqual(STATES);
    expect([...CASE_ACTIONS]).toEqual(ACTIONS);
    expect([...WORKFLOW_ROLES]).toEqual(ROLES);
    expect(TRIPLES).toHaveLength(315);
    expect(new Set(TRIPLES.map((t) => `${t.state}/${t.action}/${t.role}`)).size).toBe(315);
  });

  it('the hand table is consistent with itself (one role per action, no duplicate triple)', () => {
    for (const e of EXPECTED_ALLOWED) expect(ACTION_ROLE[e.action]).toBe(e.role);
    expect(new Set(EXPECTED_ALLOWED.map((e) => `${e.from}/${e.action}/${e.role}`)).size).toBe(EXPECTED_ALLOWED.length);
    // Every action is allowed somewhere, so no action is dead.
    expect(new Set(EXPECTED_ALLOWED.map((e) => e.action))).toEqual(new Set(ACTIONS));
  });
});

describe('nextState: every (state, action, role) triple', () => {
  it.each(TRIPLES)('$state × $action × $role', ({ state, action, role }) => {
    const expected = expectedFor(state, action, role);
    const verdict = nextState(state, action, role);
    if (expected) {
      expect(verdict.allowed).toBe(true);
      if (!verdict.allowed) return;
      expect(verdict.rule.from).toBe(state);
      expect(verdict.rule.action).toBe(action);
      expect(verdict.rule.role).toBe(role);
      expect(verdict.rule.to).toBe(expected.to);
      expect(verdict.rule.reasonRequired).toBe(expected.reasonRequired);
      expect(verdict.rule.outcome).toBe(expected.outcome);
    } else {
      const refusal = ACTION_ROLE[action] === role ? 'not_allowed_in_state' : 'role_not_allowed';
      expect(verdict).toEqual({ allowed: false, refusal });
      // A refusal carries no rule to apply.
      expect('rule' in verdict).toBe(false);
    }
    // Pure: asking again gives the same answer.
    expect(nextState(state, action, role)).toEqual(verdict);
  });

  it('allows exactly the hand table (9 of 315), and nothing else', () => {
    const allowed = TRIPLES.filter((t) => nextState(t.state, t.action, t.role).allowed);
    expect(allowed).toHaveLength(EXPECTED_ALLOWED.length);
    expect(allowed.map((t) => `${t.state}/${t.action}/${t.role}`).sort()).toEqual(EXPECTED_ALLOWED.map((e) => `${e.from}/${e.action}/${e.role}`).sort());
  });

  it('closing rules close with their outcome; the committee decision leaves it to the tally', () => {
    const outcomeOf = (state: CaseState, action: CaseAction, role: WorkflowRole): CaseOutcome | undefined => {
      const verdict = nextState(state, action, role);
      if (!verdict.allowed) throw new Error(`${state}/${action}/${role} refused`);
      return verdict.rule.outcome;
    };
    expect(outcomeOf('inadmissible', 'close_inadmissible', 'system')).toBe('inadmissible');
    expect(outcomeOf('investigation', 'close_without_follow_up', 'referent')).toBe('no_follow_up');
    expect(outcomeOf('committee_review', 'record_committee_decision', 'system')).toBeUndefined();
  });
});

describe('ruleForStaff: the staff-facing check (409 / 403)', () => {
  const ROLE_SETS: readonly (readonly string[])[] = [['referent'], ['committee'], ['admin'], ['dpo'], ['referent', 'committee'], ['admin', 'dpo'], []];
  const STAFF: ReadonlySet<string> = new Set(['referent', 'committee', 'admin', 'dpo']);

  const cases = ROLE_SETS.flatMap((roles) => STATES.flatMap((state) => ACTIONS.map((action) => ({ roles, label: roles.join('+') || '(none)', state, action }))));

  it.each(cases)('[$label] $state × $action', ({ roles, state, action }) => {
    const staffRoles = roles.filter((r) => STAFF.has(r)) as WorkflowRole[];
    const expected = staffRoles.map((r) => expectedFor(state, action, r)).find((e) => e !== undefined);
    if (expected) {
      const rule = ruleForStaff(state, action, roles);
      expect(rule).toMatchObject({ from: state, action, to: expected.to, reasonRequired: expected.reasonRequired });
      expect(rule.outcome).toBe(expected.outcome);
      return;
    }
    const error = thrownBy(() => ruleForStaff(state, action, roles));
    expect(error).toBeInstanceOf(DomainError);
    const mayEver = staffRoles.includes(ACTION_ROLE[action]);
    if (mayEver) {
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ status: 409, code: 'transition_not_allowed' });
    } else {
      expect(error).toBeInstanceOf(ForbiddenError);
      expect(error).toMatchObject({ status: 403, code: 'role_not_allowed' });
    }
  });

  it('a staff member can never reach a system action, whatever roles they claim (403)', () => {
    const claims: readonly (readonly string[])[] = [['referent', 'committee', 'admin', 'dpo'], ['system'], ['referent', 'system'], ['SYSTEM'], ['reporter']];
    const systemSteps: readonly [CaseState, CaseAction][] = [
      ['inadmissible', 'close_inadmissible'],
      ['committee_review', 'record_committee_decision'],
    ];
    for (const roles of claims) {
      for (const [state, action] of systemSteps) {
        const error = thrownBy(() => ruleForStaff(state, action, roles));
        expect(error, `${roles.join('+')} ${action}`).toBeInstanceOf(ForbiddenError);
        expect(error).toMatchObject({ status: 403, code: 'role_not_allowed' });
      }
    }
  });

  it('a role the workflow does not know grants nothing (403 even in the right state)', () => {
    const error = thrownBy(() => ruleForStaff('received', 'acknowledge', ['reporter', 'Referent']));
    expect(error).toMatchObject({ status: 403, code: 'role_not_allowed' });
  });

  it('a wrong state beats a role that may not act: 409 when any role held may ever take the action', () => {
    const error = thrownBy(() => ruleForStaff('closed', 'acknowledge', ['dpo', 'referent']));
    expect(error).toMatchObject({ status: 409, code: 'transition_not_allowed' });
    // And the allowed role wins over the others, whatever the order.
    expect(ruleForStaff('received', 'acknowledge', ['dpo', 'committee', 'referent']).to).toBe('acknowledged');
  });

  it('STAFF_ACTIONS are exactly the actions a staff role may ask for', () => {
    expect([...STAFF_ACTIONS].sort()).toEqual(
      ['acknowledge', 'start_admissibility_review', 'declare_admissible', 'declare_inadmissible', 'send_to_committee', 'close_without_follow_up', 'return_to_investigation'].sort(),
    );
    expect(STAFF_ACTIONS).not.toContain('close_inadmissible');
    expect(STAFF_ACTIONS).not.toContain('record_committee_decision');
  });
});

describe('availableActions and isOpen', () => {
  const pairs = STATES.flatMap((state) => ROLES.map((role) => ({ state, role })));

  it.each(pairs)('$state × $role offers what the hand table allows', ({ state, role }) => {
    const expected = EXPECTED_ALLOWED.filter((e) => e.from === state && e.role === role).map((e) => e.action);
    expect([...availableActions(state, role)].sort()).toEqual([...expected].sort());
    // Each offered action is one nextState allows.
    for (const action of availableActions(state, role)) expect(nextState(state, action, role).allowed).toBe(true);
  });

  it('spot checks: the referent at each fork, the other staff roles nowhere', () => {
    expect(availableActions('admissibility_review', 'referent').sort()).toEqual(['declare_admissible', 'declare_inadmissible']);
    expect(availableActions('investigation', 'referent').sort()).toEqual(['close_without_follow_up', 'send_to_committee']);
    expect(availableActions('committee_review', 'referent')).toEqual(['return_to_investigation']);
    expect(availableActions('committee_review', 'system')).toEqual(['record_committee_decision']);
    for (const state of STATES) {
      for (const role of ['committee', 'admin', 'dpo'] as const) expect(availableActions(state, role)).toEqual([]);
    }
  });

  it('closed offers no action to anyone', () => {
    for (const role of ROLES) expect(availableActions('closed', role)).toEqual([]);
    for (const action of ACTIONS) for (const role of ROLES) expect(nextState('closed', action, role).allowed).toBe(false);
  });

  it('isOpen is false only for closed', () => {
    expect(STATES.filter((state) => !isOpen(state))).toEqual(['closed']);
  });
});

describe('refusals change nothing', () => {
  it('the transition table is unchanged after every triple and every staff check above', () => {
    // Run the whole enumeration again here too, so this holds whatever order the tests ran in.
    for (const { state, action, role } of TRIPLES) {
      nextState(state, action, role);
      availableActions(state, role);
      thrownBy(() => ruleForStaff(state, action, [role]));
    }
    expect(TRANSITIONS).toEqual(TRANSITIONS_BEFORE);
    expect(TRANSITIONS).toHaveLength(EXPECTED_ALLOWED.length);
  });
});
