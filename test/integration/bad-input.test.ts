// Bad input on every route gets a 4xx problem+json that says what is wrong, and writes nothing.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../db/schema.ts';
import { newOrganisationWithAdmin, type ActiveStaff } from '../helpers/factories.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let admin: ActiveStaff;
let cookieHeader: string;

beforeAll(async () => {
  t = await startTestApp();
  ({ admin } = await newOrganisationWithAdmin(t, 'bad-input'));
  const name = admin.client.http.cookieNames()[0]!;
  cookieHeader = `${name}=${admin.client.http.cookie(name)}`;
});
afterAll(() => t.close());

const tables: PgTable[] = [
  schema.organisations,
  schema.staffAccounts,
  schema.staffInvitations,
  schema.staffSessions,
  schema.loginThrottle,
  schema.auditLog,
  schema.intakeSettings,
  schema.caseCategories,
  schema.cases,
  schema.caseKeyGrants,
  schema.caseExclusions,
  schema.mailboxes,
  schema.mailboxSessions,
  schema.caseMessages,
  schema.caseReceipts,
  schema.spentChallenges,
];

async function snapshot(): Promise<string> {
  const parts = await Promise.all(tables.map(async (table) => JSON.stringify((await t.database.handle.db.select().from(table)).map((row) => JSON.stringify(row)).sort())));
  return parts.join('\n');
}

async function raw(method: string, path: string, body: string | undefined, contentType: string | undefined, withSession: boolean) {
  const response = await fetch(t.baseUrl + path, {
    method,
    headers: { ...(contentType ? { 'content-type': contentType } : {}), ...(withSession ? { cookie: cookieHeader } : {}) },
    body,
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', text };
}

const b64 = (bytes: number) => Buffer.alloc(bytes, 7).toString('base64url');
const uuid = '00000000-0000-4000-8000-000000000000';

interface RouteCase {
  method: string;
  path: string;
  session: boolean;
  valid: Record<string, unknown>;
  /** Fields holding base64url, to corrupt. */
  binary: string[];
  /** A PATCH: any one field alone is a valid change, so a missing field is not bad input. */
  partial?: boolean;
}

const routes: RouteCase[] = [
  { method: 'POST', path: '/api/v1/staff/prelogin', session: false, valid: { organisation: 'bad-input', email: 'a@b.fr' }, binary: [] },
  { method: 'POST', path: '/api/v1/staff/session', session: false, valid: { organisation: 'bad-input', email: 'a@b.fr', authValue: b64(32), totpCode: '123456' }, binary: ['authValue'] },
  { method: 'POST', path: '/api/v1/staff/activation', session: false, valid: { code: b64(32) }, binary: ['code'] },
  {
    method: 'POST',
    path: '/api/v1/staff/activation/complete',
    session: false,
    valid: { code: b64(32), salt: b64(16), authValue: b64(32), publicKey: b64(32), sealedPrivateKey: b64(73), totpCode: '123456' },
    binary: ['salt', 'authValue', 'publicKey', 'sealedPrivateKey'],
  },
  { method: 'POST', path: '/api/v1/staff/me/passphrase', session: true, valid: { currentAuthValue: b64(32), salt: b64(16), authValue: b64(32), sealedPrivateKey: b64(73) }, binary: ['currentAuthValue', 'salt', 'authValue', 'sealedPrivateKey'] },
  { method: 'POST', path: '/api/v1/admin/staff', session: true, valid: { email: 'new@b.fr', displayName: 'New', roles: ['referent'] }, binary: [] },
  { method: 'PUT', path: `/api/v1/admin/staff/${uuid}/roles`, session: true, valid: { roles: ['referent'] }, binary: [] },
  { method: 'POST', path: '/api/v1/challenges', session: false, valid: { purpose: 'filing' }, binary: [] },
  {
    method: 'POST',
    path: '/api/v1/orgs/bad-input/reports',
    session: false,
    valid: {
      caseId: uuid,
      category: 'autre',
      identityMode: 'anonymous',
      report: b64(200),
      grants: [{ recipient: uuid, sealedKey: b64(81) }],
      mailbox: { lookupId: b64(16), authenticator: b64(32), wrappedCaseKey: b64(73) },
      proofOfWork: { challenge: b64(43), nonce: b64(8) },
    },
    binary: ['report'],
  },
  { method: 'POST', path: '/api/v1/mailbox/session', session: false, valid: { lookupId: b64(16), authenticator: b64(32), proofOfWork: { challenge: b64(43), nonce: b64(8) } }, binary: ['lookupId', 'authenticator'] },
  { method: 'PATCH', path: '/api/v1/admin/intake', session: true, valid: { admissibilityReviewWorkingDays: 10, calendarRegion: 'metropole' }, binary: [], partial: true },
  { method: 'POST', path: '/api/v1/admin/categories', session: true, valid: { code: 'nouvelle', label: { fr: 'Nouvelle', en: 'New' } }, binary: [] },
  { method: 'PATCH', path: '/api/v1/admin/categories/autre', session: true, valid: { label: { fr: 'Autre', en: 'Other' }, position: 3 }, binary: [], partial: true },
  { method: 'PUT', path: '/api/v1/admin/recovery-key', session: true, valid: { publicKey: b64(32) }, binary: ['publicKey'] },
];

function badBodies(route: RouteCase): [string, string | undefined, string | undefined][] {
  const json = 'application/json';
  const cases: [string, string | undefined, string | undefined][] = [
    ['empty object', '{}', json],
    ['no body', undefined, json],
    ['malformed JSON', '{"email": ', json],
    ['JSON array', '[]', json],
    ['wrong content type', JSON.stringify(route.valid), 'text/plain'],
    ['form encoding', 'email=a%40b.fr', 'application/x-www-form-urlencoded'],
    ['oversized body', JSON.stringify({ ...route.valid, padding: 'x'.repeat(70 * 1024) }), json],
    ['unknown field', JSON.stringify({ ...route.valid, isAdmin: true }), json],
    ['deep nesting', JSON.stringify({ ...route.valid, nested: JSON.parse('['.repeat(500) + ']'.repeat(500)) as unknown }), json],
  ];
  for (const field of Object.keys(route.valid)) {
    const missing = { ...route.valid };
    delete missing[field];
    if (!route.partial) cases.push([`missing ${field}`, JSON.stringify(missing), json]);
    cases.push([`${field} as a number`, JSON.stringify({ ...route.valid, [field]: 12345 }), json]);
    cases.push([`${field} as an object`, JSON.stringify({ ...route.valid, [field]: { $ne: null } }), json]);
    cases.push([`${field} huge`, JSON.stringify({ ...route.valid, [field]: 'a'.repeat(5000) }), json]);
  }
  for (const field of route.binary) {
    const value = route.valid[field] as string;
    cases.push([`${field} with padding`, JSON.stringify({ ...route.valid, [field]: `${value.slice(0, -2)}==` }), json]);
    cases.push([`${field} in standard base64`, JSON.stringify({ ...route.valid, [field]: `+/${value.slice(2)}` }), json]);
    cases.push([`${field} non-canonical`, JSON.stringify({ ...route.valid, [field]: `${value.slice(0, -1)}${value.endsWith('B') ? 'C' : 'B'}` }), json]);
    cases.push([`${field} too short`, JSON.stringify({ ...route.valid, [field]: value.slice(0, 8) }), json]);
  }
  return cases;
}

describe.each(routes)('$method $path', (route) => {
  it('answers every malformed request with a 4xx problem+json and changes nothing', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    for (const [label, body, type] of badBodies(route)) {
      const answer = await raw(route.method, route.path, body, type, route.session);
      const problem = answer.type.startsWith('application/problem+json') ? (JSON.parse(answer.text) as { status: number; detail: string }) : null;
      if (answer.status < 400 || answer.status >= 500 || !problem || problem.status !== answer.status || !problem.detail) {
        failures.push(`${label}: ${answer.status} ${answer.type} ${answer.text.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot()).toBe(before);
  });
});

describe('parameters', () => {
  it('refuses a malformed id in the path with 400 and an unknown route with 404, both problem+json', async () => {
    const before = await snapshot();
    for (const path of ['/api/v1/admin/staff/not-a-uuid/disable', "/api/v1/admin/staff/'%20or%201=1/disable", '/api/v1/admin/staff/..%2F..%2Fetc/disable', '/api/v1/admin/staff/123/invitation']) {
      const answer = await raw('POST', path, undefined, undefined, true);
      expect(answer.status, path).toBe(400);
      expect(answer.type).toMatch(/^application\/problem\+json/);
    }
    const unknown = await raw('GET', '/api/v1/nothing-here', undefined, undefined, false);
    expect(unknown.status).toBe(404);
    expect(unknown.type).toMatch(/^application\/problem\+json/);
    expect(await snapshot()).toBe(before);
  });

  it('asks for a session before looking at the body', async () => {
    const answer = await raw('POST', '/api/v1/admin/staff', '{"junk":', 'application/json', false);
    expect(answer.status).toBe(401);
  });
});
