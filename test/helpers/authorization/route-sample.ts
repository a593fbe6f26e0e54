// What the authorization matrix sends to one route, and what the request names. The expected
// answer of every caller is derived from the route's declared audience and this scope (see
// expected-answer.ts), never written per caller.
import type { StaffRole } from '../../../db/schema.ts';
import type { Caller, MatrixRequest } from './callers.ts';
import type { AuthorizationWorld, CaseName } from './world.ts';

export type Scope =
  /** The caller's own account, organisation or mailbox: whoever the audience admits reaches the handler. */
  | { readonly kind: 'own' }
  /** A resource of organisation A (a staff account, a category, a hold, a case for the DPO). */
  | { readonly kind: 'organisation' }
  /** A case of A (or its documents): its holders reach it, its reporter too, and staff of A with an organisation-wide role. */
  | { readonly kind: 'case'; readonly name: CaseName; readonly organisationWide?: readonly StaffRole[] };

export interface RouteSample {
  readonly scope: Scope;
  /** The answer of the handler to a caller who reaches it: a status, with the problem code when it is a 4xx. */
  readonly answers: string;
  /**
   * The roles, among those the route declares, that the service itself lets act; a holder with
   * none of them gets the service's 403 role_required. Only where the declaration is wider.
   */
  readonly serviceRoles?: readonly StaffRole[];
  /** Ends the caller's session: runs after every other route. */
  readonly endsSession?: true;
  request(world: AuthorizationWorld, caller: Caller): MatrixRequest | Promise<MatrixRequest>;
}

export const OWN: Scope = { kind: 'own' };
export const ORGANISATION: Scope = { kind: 'organisation' };
export const onCase = (name: CaseName, organisationWide?: readonly StaffRole[]): Scope => ({ kind: 'case', name, ...(organisationWide ? { organisationWide } : {}) });

/** A GET whose path depends only on the world. */
export function read(scope: Scope, path: (world: AuthorizationWorld) => string, answers = '200'): RouteSample {
  return { scope, answers, request: (world) => ({ method: 'GET', path: path(world) }) };
}
