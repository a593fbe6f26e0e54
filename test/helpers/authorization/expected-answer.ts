// The answer each caller should get from a route, derived from the route's declared audience and
// what its sample names:
//   public    every caller gets the handler's answer;
//   reporter  no live mailbox session: 401; the reporter of another case, on this case: 404;
//   staff     no live staff session (anonymous, reporters, the disabled account): 401;
//             none of the declared roles: 403; a declared role but not reaching what the request
//             names (not holding the case, another organisation): 404; then the service's own
//             narrowing of roles, if any (403); and otherwise the handler's answer.
import type { Audience } from '../../../src/plugins/audience.ts';
import type { Caller, MatrixAnswer } from './callers.ts';
import type { RouteSample, Scope } from './route-sample.ts';
import type { AuthorizationWorld } from './world.ts';

export interface Expectation {
  readonly answer: string;
  /** Whether the caller gets to the handler's success (false: a refusal, which must write nothing). */
  readonly reaches: boolean;
}

const refused = (answer: string): Expectation => ({ answer, reaches: false });

function reachesScope(scope: Scope, caller: Caller, world: AuthorizationWorld): boolean {
  if (scope.kind === 'own') return true;
  if (scope.kind === 'organisation') return caller.organisation === 'A';
  const target = world.cases[scope.name];
  if (caller.kind === 'reporter') return caller.caseId === target.caseId;
  if (caller.organisation !== 'A' || !caller.staff) return false;
  return target.holders.includes(caller.staff.accountId) || caller.roles.some((role) => scope.organisationWide?.includes(role));
}

export function expectedAnswer(audience: Audience, sample: RouteSample, caller: Caller, world: AuthorizationWorld): Expectation {
  const handled: Expectation = { answer: sample.answers, reaches: true };
  if (audience.kind === 'public') return handled;
  if (audience.kind === 'reporter') {
    if (caller.kind !== 'reporter') return refused('401 mailbox_session_required');
    return reachesScope(sample.scope, caller, world) ? handled : refused('404 not_found');
  }
  if (caller.kind !== 'staff' || !caller.liveSession) return refused('401 session_required');
  if (audience.roles !== 'any' && !audience.roles.some((role) => caller.roles.includes(role))) return refused('403 role_required');
  if (!reachesScope(sample.scope, caller, world)) return refused('404 not_found');
  if (sample.serviceRoles && !sample.serviceRoles.some((role) => caller.roles.includes(role))) return refused('403 role_required');
  return handled;
}

/** "200", or "404 not_found" for a refusal, flagged when it is not application/problem+json. */
export function describeAnswer(answer: MatrixAnswer): string {
  if (answer.status < 400) return String(answer.status);
  const described = `${answer.status} ${answer.code ?? '(no code)'}`;
  return answer.contentType.startsWith('application/problem+json') ? described : `${described} (${answer.contentType || 'no content type'}, not problem+json)`;
}

export interface MatrixCell {
  readonly route: string;
  readonly caller: string;
  readonly expected: string;
  readonly actual: string;
}

/** The whole matrix as a table, mismatches marked. */
export function matrixTable(cells: readonly MatrixCell[]): string {
  const header = ['route', 'caller', 'expected', 'got', ''];
  const rows = [header, ...cells.map((c) => [c.route, c.caller, c.expected, c.actual, c.expected === c.actual ? '' : '<-- MISMATCH'])];
  const widths = header.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows.map((row) => row.map((text, i) => text.padEnd(widths[i] ?? 0)).join(' | ').trimEnd()).join('\n');
}
