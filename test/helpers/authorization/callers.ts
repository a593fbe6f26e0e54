// The callers of the authorization matrix: who they are (kind, roles, organisation, the case a
// reporter's mailbox opens) and the cookies they present. Each call goes out on a fresh cookie jar
// seeded with those cookies, so a public login answered to a caller never changes who they are.
import type { StaffRole } from '../../../db/schema.ts';
import type { ReporterClient } from '../../../src/client/reporter-client.ts';
import { VigieHttp } from '../../../src/client/http.ts';
import type { ActiveStaff } from '../factories.ts';
import { ALL_ROLES, type AuthorizationWorld } from './world.ts';

export interface Caller {
  readonly name: string;
  readonly kind: 'anonymous' | 'reporter' | 'staff';
  /** False for the disabled account: its cookie was a live session once. */
  readonly liveSession: boolean;
  readonly roles: readonly StaffRole[];
  /** 'A' (the organisation whose resources the routes name), 'B', or null (anonymous, reporters). */
  readonly organisation: 'A' | 'B' | null;
  readonly staff?: ActiveStaff;
  readonly reporter?: ReporterClient;
  /** The case a reporter's mailbox opens. */
  readonly caseId?: string;
  readonly cookies: readonly (readonly [string, string])[];
}

function cookiesOf(http: VigieHttp): [string, string][] {
  return http.cookieNames().map((name) => [name, http.cookie(name) ?? '']);
}

function staffCaller(name: string, staff: ActiveStaff, roles: readonly StaffRole[], organisation: 'A' | 'B', liveSession = true): Caller {
  return { name, kind: 'staff', liveSession, roles, organisation, staff, cookies: cookiesOf(staff.client.http) };
}

function reporterCaller(name: string, reporter: ReporterClient, caseId: string): Caller {
  return { name, kind: 'reporter', liveSession: true, roles: [], organisation: null, reporter, caseId, cookies: cookiesOf(reporter.http) };
}

export function callersOf(world: AuthorizationWorld): Caller[] {
  return [
    { name: 'anonymous', kind: 'anonymous', liveSession: false, roles: [], organisation: null, cookies: [] },
    reporterCaller('reporter of the case', world.reporterOfCase, world.cases.main.caseId),
    reporterCaller('reporter of another case', world.reporterOfOther, world.otherCaseId),
    staffCaller('admin', world.admin, ['admin'], 'A'),
    staffCaller('referent holding the case', world.owner, ['referent'], 'A'),
    staffCaller('referent not holding it', world.colleague, ['referent'], 'A'),
    staffCaller('committee member', world.committee, ['committee'], 'A'),
    staffCaller('dpo', world.dpo, ['dpo'], 'A'),
    staffCaller('disabled account (every role)', world.disabled, ALL_ROLES, 'A', false),
    staffCaller('member of B (every role)', world.foreign, ALL_ROLES, 'B'),
  ];
}

export interface MatrixRequest {
  readonly method: string;
  readonly path: string;
  readonly json?: unknown;
  /** A raw body (document chunks), sent as application/octet-stream. */
  readonly bytes?: Uint8Array;
}

export interface MatrixAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly code: string | undefined;
}

/** Sends `request` with the caller's cookies on a jar of its own, and reads the whole answer. */
export async function sendAs(baseUrl: string, caller: Caller, request: MatrixRequest): Promise<MatrixAnswer> {
  const http = new VigieHttp(baseUrl);
  for (const [name, value] of caller.cookies) http.setCookie(name, value);
  const init =
    request.bytes !== undefined
      ? { headers: { 'content-type': 'application/octet-stream' }, body: request.bytes as BodyInit }
      : request.json !== undefined
        ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(request.json) }
        : {};
  const response = await http.raw(request.method, request.path, init);
  const contentType = response.headers.get('content-type') ?? '';
  const text = await response.text();
  let code: string | undefined;
  if (contentType.includes('json') && text) {
    const body = JSON.parse(text) as { code?: unknown };
    if (typeof body.code === 'string') code = body.code;
  }
  return { status: response.status, contentType, code };
}
