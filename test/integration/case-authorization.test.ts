// Authorization on every case route, for every kind of caller: nobody logged in, a reporter (with
// the mailbox session of another case), admin and DPO (no case access), the referent and the
// committee member holding a case, colleagues of the same organisation who do not hold it, a
// referent the reporter excluded, one who recused, a disabled account, and a referent of another
// organisation. Only holders get through; everyone else gets the same answer whatever the state of
// the case (401, 403, or a 404 that does not tell the case exists), and writes nothing.
//
// The cases, each in the state its scenario needs:
//   A  confidential, admissibility review, a meeting requested; held by the referent, the
//      referent who recuses (first thing in the matrix) and the account that is then disabled;
//      the excluded referent was left out at filing. Never sent to the committee.
//   B  anonymous, before the committee (quorum 1): held by the referent, the disabled account and
//      the committee member, whose vote (last in the matrix) decides it.
//   C  anonymous, before the committee: the committee member recuses from it (first in the matrix).
//   D  another reporter's case, whose mailbox session is the "reporter" caller.
//   F  a case of another organisation, held by that organisation's referent.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseExclusions, caseKeyGrants, type StaffRole } from '../../db/schema.ts';
import { VigieHttp, type HttpAnswer } from '../../src/client/http.ts';
import { ReporterClient } from '../../src/client/reporter-client.ts';
import { StaffCasesClient, type OpenedCase } from '../../src/client/staff-cases-client.ts';
import { StaffWorkflowClient } from '../../src/client/staff-workflow-client.ts';
import { newCaseKey, sealCaseKeyFor, sealCaseNote, sealMessage } from '../../src/crypto/case-keys.ts';
import { fromBase64Url, toBase64Url } from '../../src/crypto/encoding.ts';
import { newRandomId } from '../../src/crypto/random-id.ts';
import { inviteStaff, newOrganisationWithAdmin, sampleReport, type ActiveStaff } from '../helpers/factories.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

type Route = 'list' | 'open' | 'message' | 'transition' | 'share' | 'recusal' | 'vote' | 'disclosure' | 'meeting';
const ROUTES: readonly Route[] = ['list', 'open', 'message', 'transition', 'share', 'recusal', 'vote', 'disclosure', 'meeting'];
const CASE_ROUTES = ROUTES.filter((route) => route !== 'list');
const ROUTE_NAMES: Record<Route, string> = {
  list: 'GET  /api/v1/cases',
  open: 'GET  /api/v1/cases/:id',
  message: 'POST /api/v1/cases/:id/messages',
  transition: 'POST /api/v1/cases/:id/transitions',
  share: 'POST /api/v1/cases/:id/shares',
  recusal: 'POST /api/v1/cases/:id/recusal',
  vote: 'POST /api/v1/cases/:id/votes',
  disclosure: 'POST /api/v1/cases/:id/identity-disclosures',
  meeting: 'POST /api/v1/cases/:id/meeting-held',
};

interface Caller {
  readonly name: string;
  readonly http: VigieHttp;
  /** The case role of a staff caller, for routes declared for the other one. */
  readonly role?: 'referent' | 'committee';
}

/** The case routes declared for one role only (their audience); the others admit both. */
const ROUTE_ROLE: Partial<Record<Route, 'referent' | 'committee'>> = {
  message: 'referent',
  transition: 'referent',
  share: 'referent',
  disclosure: 'referent',
  meeting: 'referent',
  vote: 'committee',
};

/** A caller without access to the case: 403 on a route their role may never call, else 404 (the case's existence stays hidden). */
function refusalWithoutAccess(route: Route, caller: Caller): string {
  const only = ROUTE_ROLE[route];
  return only && caller.role && caller.role !== only ? '403 role_required' : '404 not_found';
}

interface CaseUnderTest {
  readonly label: string;
  readonly id: string;
  readonly organisationId: string;
  readonly key: Uint8Array;
}

/** What a call asks for beyond the route's default (the request a holder could make in the case's state). */
interface Ask {
  readonly action?: string;
  readonly shareWith?: ActiveStaff;
}

interface Cell {
  readonly route: Route;
  readonly caller: Caller;
  readonly target: CaseUnderTest | null;
  readonly expected: string;
  /** Holders encrypt under the case key; everyone else can only send a well-formed envelope under some other key. */
  readonly holds: boolean;
  readonly ask?: Ask;
}

interface Result {
  readonly route: string;
  readonly caller: string;
  readonly target: string;
  readonly expected: string;
  readonly actual: string;
}

let t: TestApp;
let slug: string;
let admin: ActiveStaff;
let dpo: ActiveStaff;
let holder: ActiveStaff;
let colleague: ActiveStaff;
let bystander: ActiveStaff;
let excluded: ActiveStaff;
let recusing: ActiveStaff;
let disabled: ActiveStaff;
let member: ActiveStaff;
let latecomer: ActiveStaff;
let foreign: ActiveStaff;
let reporterOfD: ReporterClient;
let caseA: CaseUnderTest;
let caseB: CaseUnderTest;
let caseC: CaseUnderTest;
let caseD: CaseUnderTest;
let caseF: CaseUnderTest;
let strangerKey: Uint8Array;

function underTest(label: string, opened: OpenedCase): CaseUnderTest {
  return { label, id: opened.summary.id, organisationId: opened.organisationId, key: opened.caseKey };
}

beforeAll(async () => {
  t = await startTestApp();
  strangerKey = await newCaseKey();
  const home = await newOrganisationWithAdmin(t);
  slug = home.organisation.slug;
  admin = home.admin;
  // A committee of one may decide; reporters may ask for a meeting.
  await admin.client.http.expect(200, 'PATCH', '/api/v1/admin/intake', { committee: { quorum: 1, majority: 'simple' }, offersMeetings: true });
  const invite = (roles: StaffRole[], name: string) => inviteStaff(t, admin, roles, `${name}@${slug}.fr`);
  dpo = await invite(['dpo'], 'dpo');
  holder = await invite(['referent'], 'holder');
  colleague = await invite(['referent'], 'colleague');
  bystander = await invite(['referent'], 'bystander');
  excluded = await invite(['referent'], 'excluded');
  recusing = await invite(['referent'], 'recusing');
  disabled = await invite(['referent'], 'disabled');
  member = await invite(['committee'], 'member');
  const elsewhere = await newOrganisationWithAdmin(t);
  foreign = await inviteStaff(t, elsewhere.admin, ['referent'], `foreign@${elsewhere.organisation.slug}.fr`);

  const reporterOfA = new ReporterClient(t.baseUrl);
  const filedA = await reporterOfA.file(slug, sampleReport('AUTHZ-A', { identity: { name: 'Camille Martin', contact: 'camille.martin@example.org' } }), {
    recipients: [holder.accountId, recusing.accountId, disabled.accountId],
    excluded: [excluded.accountId],
  });
  const filedB = await new ReporterClient(t.baseUrl).file(slug, sampleReport('AUTHZ-B'), { recipients: [holder.accountId, disabled.accountId], excluded: [excluded.accountId] });
  const filedC = await new ReporterClient(t.baseUrl).file(slug, sampleReport('AUTHZ-C'), { recipients: [holder.accountId], excluded: [excluded.accountId] });
  reporterOfD = new ReporterClient(t.baseUrl);
  const filedD = await reporterOfD.file(slug, sampleReport('AUTHZ-D'), { recipients: [holder.accountId] });
  const filedF = await new ReporterClient(t.baseUrl).file(elsewhere.organisation.slug, sampleReport('AUTHZ-F'), { recipients: [foreign.accountId] });

  // A under admissibility review; B and C before the committee (whose only member is `member`).
  const cases = new StaffCasesClient(holder.client);
  const flow = new StaffWorkflowClient(cases);
  await flow.transition(await cases.open(filedA.caseId), 'start_admissibility_review');
  for (const id of [filedB.caseId, filedC.caseId]) {
    await flow.transition(await cases.open(id), 'start_admissibility_review');
    await flow.transition(await cases.open(id), 'declare_admissible');
    expect((await flow.transition(await cases.open(id), 'send_to_committee')).state).toBe('committee_review');
  }
  // The reporter of A asks for a meeting.
  await reporterOfA.openMailbox(filedA.token);
  await reporterOfA.http.expect(201, 'POST', '/api/v1/mailbox/meeting-requests', {});

  caseA = underTest('A', await cases.open(filedA.caseId));
  caseB = underTest('B', await cases.open(filedB.caseId));
  caseC = underTest('C', await cases.open(filedC.caseId));
  caseD = underTest('D', await cases.open(filedD.caseId));
  caseF = underTest('F', await new StaffCasesClient(foreign.client).open(filedF.caseId));

  // A committee member who joined after B and C went to the committee: holds nothing.
  latecomer = await invite(['committee'], 'latecomer');

  // Before they lose it, the recusing referent and the account to be disabled do reach A.
  expect((await new StaffCasesClient(recusing.client).list()).cases.map((c) => c.id)).toEqual([caseA.id]);
  expect((await disabled.client.http.send('GET', `/api/v1/cases/${caseA.id}`)).status).toBe(200);
  const done = await admin.client.http.expect<{ status: string }>(200, 'POST', `/api/v1/admin/staff/${disabled.accountId}/disable`);
  expect(done.status).toBe('disabled');

  // The reporter caller: a live mailbox session, of D.
  await reporterOfD.openMailbox(filedD.token);
});

afterAll(async () => {
  await t?.close();
});

async function requestFor(cell: Cell): Promise<{ method: string; path: string; body?: unknown }> {
  const target = cell.target;
  if (cell.route === 'list') return { method: 'GET', path: '/api/v1/cases' };
  if (!target) throw new Error(`${cell.route} needs a case`);
  const key = cell.holds ? target.key : strangerKey;
  const base = `/api/v1/cases/${target.id}`;
  const id = await newRandomId();
  const at = { organisationId: target.organisationId, caseId: target.id };
  switch (cell.route) {
    case 'open':
      return { method: 'GET', path: base };
    case 'message': {
      const ciphertext = await sealMessage(key, 'Pouvez-vous préciser la date du bon de commande ?', { ...at, messageId: id, author: 'staff' });
      return { method: 'POST', path: `${base}/messages`, body: { id, ciphertext: toBase64Url(ciphertext) } };
    }
    case 'transition':
      return { method: 'POST', path: `${base}/transitions`, body: { action: cell.ask?.action ?? 'declare_admissible' } };
    case 'share': {
      const recipient = cell.ask?.shareWith ?? colleague;
      const publicKey = recipient.client.self?.publicKey;
      if (!publicKey) throw new Error('the recipient has no public key');
      return { method: 'POST', path: `${base}/shares`, body: { recipient: recipient.accountId, sealedKey: toBase64Url(await sealCaseKeyFor(fromBase64Url(publicKey), key)) } };
    }
    case 'recusal':
      return { method: 'POST', path: `${base}/recusal`, body: {} };
    case 'vote': {
      const reason = await sealCaseNote(key, 'Faits établis par les pièces.', 'vote-reason', { ...at, noteId: id });
      return { method: 'POST', path: `${base}/votes`, body: { id, choice: 'follow_up', followUpKind: 'disciplinary', reason: toBase64Url(reason) } };
    }
    case 'disclosure': {
      const details = await sealCaseNote(key, "Au procureur de la République, à sa demande écrite.", 'disclosure', { ...at, noteId: id });
      return { method: 'POST', path: `${base}/identity-disclosures`, body: { id, legalBasis: 'consent', consentGiven: true, details: toBase64Url(details) } };
    }
    case 'meeting':
      return { method: 'POST', path: `${base}/meeting-held`, body: {} };
  }
}

function labelOf(id: string): string {
  return [caseA, caseB, caseC, caseD, caseF].find((c) => c.id === id)?.label ?? `unknown case ${id}`;
}

function describeAnswer(route: Route, answer: HttpAnswer): string {
  if (answer.status >= 400) return `${answer.status} ${(answer.body as { code?: string }).code ?? JSON.stringify(answer.body)}`;
  if (route === 'list') {
    const listed = (answer.body as { cases: { id: string }[] }).cases.map((c) => labelOf(c.id)).sort();
    return `${answer.status} [${listed.join(',')}]`;
  }
  return String(answer.status);
}

/** Row counts and a digest of every row of the tables a case route could write. */
const WRITTEN_TABLES = ['cases', 'case_key_grants', 'case_exclusions', 'case_messages', 'case_receipts', 'case_events', 'committee_votes', 'identity_disclosures', 'audit_log', 'staff_accounts'] as const;

async function fingerprint(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of WRITTEN_TABLES) {
    const result = await t.services.db.execute(
      sql`select count(*)::int as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as digest from ${sql.identifier(table)} t`,
    );
    const rows: unknown[] = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
    const row = rows[0] as { n: number; digest: string };
    out[table] = `${row.n}:${row.digest}`;
  }
  return out;
}

function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return WRITTEN_TABLES.filter((table) => before[table] !== after[table]);
}

/** Runs the cells in order; a refusal checked for writes gets "+ wrote <tables>" appended when it changed anything. */
async function run(cells: readonly Cell[], options: { checkEachRefusal: boolean }): Promise<Result[]> {
  const results: Result[] = [];
  for (const cell of cells) {
    const request = await requestFor(cell);
    const refused = !/^2/.test(cell.expected);
    const before = options.checkEachRefusal && refused ? await fingerprint() : undefined;
    const answer = await cell.caller.http.send(request.method, request.path, request.body);
    let actual = describeAnswer(cell.route, answer);
    if (before) {
      const changed = changedTables(before, await fingerprint());
      if (changed.length > 0) actual += ` + wrote ${changed.join(', ')}`;
    }
    results.push({ route: ROUTE_NAMES[cell.route], caller: cell.caller.name, target: cell.target?.label ?? '-', expected: cell.expected, actual });
  }
  return results;
}

function table(results: readonly Result[]): string {
  const header = ['route', 'caller', 'case', 'expected', 'actual', ''];
  const rows = [header, ...results.map((r) => [r.route, r.caller, r.target, r.expected, r.actual, r.expected === r.actual ? '' : '<-- MISMATCH'])];
  const widths = header.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows.map((row) => row.map((text, i) => text.padEnd(widths[i] ?? 0)).join(' | ').trimEnd()).join('\n');
}

const NOT_FOUND = '404 not_found';
const NO_SESSION = '401 session_required';
const ROLE_REQUIRED = '403 role_required';

describe('who may call the case routes', () => {
  const results: Result[] = [];

  it('lets holders through, and refuses everyone else on every route whatever the case, writing nothing', async () => {
    const as = (name: string, staff: ActiveStaff, role?: 'referent' | 'committee'): Caller => ({ name, http: staff.client.http, ...(role ? { role } : {}) });
    const anonymous: Caller = { name: 'anonymous', http: new VigieHttp(t.baseUrl) };
    const reporter: Caller = { name: 'reporter (mailbox of D)', http: reporterOfD.http };
    const adminOnly = as('admin only', admin);
    const dpoOnly = as('dpo only', dpo);
    const referent = as('referent holding', holder, 'referent');
    const committee = as('committee member holding B, C', member, 'committee');
    const sameOrgReferent = as('referent not holding', bystander, 'referent');
    const lateMember = as('committee member not holding', latecomer, 'committee');
    const excludedReferent = as('referent excluded at filing', excluded, 'referent');
    const recusedReferent = as('referent recused from A', recusing, 'referent');
    const disabledAccount = as('disabled referent (held A, B)', disabled);
    const foreignReferent = as('referent of another org', foreign, 'referent');

    // 1. Two recusals, by holders: a referent from A (another referent still holds it), the committee member from C.
    results.push(
      ...(await run(
        [
          { route: 'recusal', caller: recusedReferent, target: caseA, expected: '201', holds: true },
          { route: 'recusal', caller: committee, target: caseC, expected: '201', holds: true },
        ],
        { checkEachRefusal: false },
      )),
    );

    // 2. Everyone without access, on every route and every case: the same answer whatever the state.
    const refusals: Cell[] = [];
    const everywhere = (caller: Caller, expected: string, listed: string) => {
      refusals.push({ route: 'list', caller, target: null, expected: listed, holds: false });
      for (const target of [caseA, caseB, caseC]) for (const route of CASE_ROUTES) refusals.push({ route, caller, target, expected: expected === NOT_FOUND ? refusalWithoutAccess(route, caller) : expected, holds: false });
    };
    everywhere(anonymous, NO_SESSION, NO_SESSION);
    everywhere(reporter, NO_SESSION, NO_SESSION);
    everywhere(adminOnly, ROLE_REQUIRED, ROLE_REQUIRED);
    everywhere(dpoOnly, ROLE_REQUIRED, ROLE_REQUIRED);
    everywhere(disabledAccount, NO_SESSION, NO_SESSION);
    everywhere(sameOrgReferent, NOT_FOUND, '200 []');
    everywhere(lateMember, NOT_FOUND, '200 []');
    everywhere(excludedReferent, NOT_FOUND, '200 []');
    everywhere(recusedReferent, NOT_FOUND, '200 []');
    everywhere(foreignReferent, NOT_FOUND, '200 [F]');
    // The committee member on a case never sent to the committee (A), and on the one they recused from (C).
    for (const target of [caseA, caseC]) for (const route of CASE_ROUTES) refusals.push({ route, caller: committee, target, expected: refusalWithoutAccess(route, committee), holds: false });
    // The referent holding A, B, C, D on the other organisation's case.
    for (const route of CASE_ROUTES) refusals.push({ route, caller: referent, target: caseF, expected: refusalWithoutAccess(route, referent), holds: false });

    const before = await fingerprint();
    results.push(...(await run(refusals, { checkEachRefusal: false })));
    const written = changedTables(before, await fingerprint());
    // The 401s went to live sessions: the reporter's mailbox still opens.
    expect((await reporterOfD.refresh()).caseId).toBe(caseD.id);

    // 3. The holders, each request valid for the case's state; the service refuses what their role or the state does not allow.
    const allowed: Cell[] = [
      { route: 'list', caller: referent, target: null, expected: '200 [A,B,C,D]', holds: true },
      { route: 'open', caller: referent, target: caseA, expected: '200', holds: true },
      { route: 'message', caller: referent, target: caseA, expected: '201', holds: true },
      { route: 'transition', caller: referent, target: caseA, expected: '200', holds: true, ask: { action: 'declare_admissible' } },
      { route: 'share', caller: referent, target: caseA, expected: '201', holds: true, ask: { shareWith: colleague } },
      { route: 'share', caller: referent, target: caseA, expected: '409 recipient_concerned', holds: true, ask: { shareWith: excluded } },
      { route: 'share', caller: referent, target: caseA, expected: '409 recipient_concerned', holds: true, ask: { shareWith: recusing } },
      { route: 'vote', caller: referent, target: caseA, expected: ROLE_REQUIRED, holds: true },
      { route: 'disclosure', caller: referent, target: caseA, expected: '201', holds: true },
      { route: 'meeting', caller: referent, target: caseA, expected: '201', holds: true },
      { route: 'open', caller: referent, target: caseB, expected: '200', holds: true },
      { route: 'message', caller: referent, target: caseB, expected: '201', holds: true },
      { route: 'transition', caller: referent, target: caseB, expected: '409 transition_not_allowed', holds: true, ask: { action: 'declare_admissible' } },
      // The disabled referent still has a grant on B but does not count: the referent is the last one.
      { route: 'recusal', caller: referent, target: caseB, expected: '409 last_referent', holds: true },
      { route: 'vote', caller: referent, target: caseB, expected: ROLE_REQUIRED, holds: true },
      { route: 'disclosure', caller: referent, target: caseB, expected: '409 anonymous_report', holds: true },
      { route: 'meeting', caller: referent, target: caseB, expected: '409 no_meeting_requested', holds: true },
      { route: 'list', caller: committee, target: null, expected: '200 [B]', holds: true },
      { route: 'open', caller: committee, target: caseB, expected: '200', holds: true },
      { route: 'message', caller: committee, target: caseB, expected: ROLE_REQUIRED, holds: true },
      { route: 'transition', caller: committee, target: caseB, expected: ROLE_REQUIRED, holds: true, ask: { action: 'declare_admissible' } },
      { route: 'share', caller: committee, target: caseB, expected: ROLE_REQUIRED, holds: true, ask: { shareWith: colleague } },
      { route: 'disclosure', caller: committee, target: caseB, expected: ROLE_REQUIRED, holds: true },
      { route: 'meeting', caller: committee, target: caseB, expected: ROLE_REQUIRED, holds: true },
      // The committee's only member decides B; it closes, and a second vote finds it no longer before the committee.
      { route: 'vote', caller: committee, target: caseB, expected: '201', holds: true },
      { route: 'vote', caller: committee, target: caseB, expected: '409 not_in_committee_review', holds: true },
    ];
    results.push(...(await run(allowed, { checkEachRefusal: true })));

    const mismatches = results.filter((r) => r.expected !== r.actual);
    expect(
      mismatches.map((r) => `${r.route} as ${r.caller} on ${r.target}: expected ${r.expected}, got ${r.actual}`),
      `authorization matrix (${mismatches.length} of ${results.length} cells differ):\n${table(results)}`,
    ).toEqual([]);
    expect(written, 'the refused calls of step 2 changed these tables').toEqual([]);
  });

  it('leaves each case as the allowed calls made it, and nothing more', async () => {
    const cases = new StaffCasesClient(holder.client);
    const [a, b, c, d] = [await cases.open(caseA.id), await cases.open(caseB.id), await cases.open(caseC.id), await cases.open(caseD.id)];
    const f = await new StaffCasesClient(foreign.client).open(caseF.id);

    // A: declared admissible, one message, the meeting held, one disclosure, shared with the colleague.
    expect(a.summary).toMatchObject({ state: 'investigation', identityMode: 'confidential', messageCount: 1, closedAt: null });
    expect(a.summary.meetingHeldAt).not.toBeNull();
    expect(a.messages.map((m) => [m.author, m.authorStaffId, m.purpose])).toEqual([['staff', holder.accountId, 'message']]);
    expect(a.detail.disclosures.map((x) => x.recordedBy)).toEqual([holder.accountId]);
    expect(a.detail.committee).toBeNull();
    expect(a.detail.timeline.map((e) => e.kind).sort()).toEqual(
      ['received', 'acknowledged', 'receipt', 'admissibility_review_started', 'meeting_requested', 'recused', 'message', 'declared_admissible', 'shared', 'identity_disclosed', 'meeting_held'].sort(),
    );
    // The people the alert concerns are never offered as recipients.
    const candidates = a.detail.shareCandidates.map((x) => x.id);
    expect(candidates).not.toContain(excluded.accountId);
    expect(candidates).not.toContain(recusing.accountId);
    expect(candidates).toContain(bystander.accountId);

    // B: decided by the committee member's vote; one message, the referent's (committee members do not write to the reporter).
    expect(b.summary).toMatchObject({ state: 'closed', outcome: 'follow_up', followUpKind: 'disciplinary', messageCount: 1 });
    expect(b.messages.map((m) => m.authorStaffId)).toEqual([holder.accountId]);
    expect(b.detail.committee?.votes.map((v) => [v.voterId, v.choice])).toEqual([[member.accountId, 'follow_up']]);
    expect(b.detail.timeline.filter((e) => e.kind === 'vote_cast' || e.kind === 'closed' || e.kind === 'recused').map((e) => e.kind)).toEqual(['vote_cast', 'closed']);

    // C: still before the committee, whose only member recused: deadlocked, nothing else happened.
    expect(c.summary).toMatchObject({ state: 'committee_review', messageCount: 0, closedAt: null });
    expect(c.detail.committee).toMatchObject({ status: 'deadlocked', eligible: [], votes: [] });
    expect(c.detail.timeline.map((e) => e.kind).filter((k) => ['recused', 'committee_deadlocked', 'vote_cast', 'message', 'shared'].includes(k))).toEqual([
      'shared',
      'recused',
      'committee_deadlocked',
    ]);

    // D and F: untouched.
    expect(d.summary).toMatchObject({ state: 'acknowledged', messageCount: 0 });
    expect(f.summary).toMatchObject({ state: 'acknowledged', messageCount: 0 });

    // Who holds each case, and whom each concerns: only the allowed calls changed these.
    const holders = async (id: string) =>
      (await t.services.db.select({ id: caseKeyGrants.staffAccountId }).from(caseKeyGrants).where(eq(caseKeyGrants.caseId, id))).map((r) => r.id ?? 'recovery').sort();
    const concerned = async (id: string) =>
      (await t.services.db.select({ id: caseExclusions.staffAccountId, reason: caseExclusions.reason }).from(caseExclusions).where(eq(caseExclusions.caseId, id)))
        .map((r) => `${r.id}:${r.reason}`)
        .sort();
    expect(await holders(caseA.id)).toEqual([holder.accountId, disabled.accountId, colleague.accountId].sort());
    expect(await holders(caseB.id)).toEqual([holder.accountId, disabled.accountId, member.accountId].sort());
    expect(await holders(caseC.id)).toEqual([holder.accountId]);
    expect(await concerned(caseA.id)).toEqual([`${excluded.accountId}:reporter`, `${recusing.accountId}:recused`].sort());
    expect(await concerned(caseB.id)).toEqual([`${excluded.accountId}:reporter`]);
    expect(await concerned(caseC.id)).toEqual([`${excluded.accountId}:reporter`, `${member.accountId}:recused`].sort());
    // Across every case, the only recusals are the two the matrix made.
    const recusals = await t.services.db.select({ caseId: caseExclusions.caseId, id: caseExclusions.staffAccountId }).from(caseExclusions).where(eq(caseExclusions.reason, 'recused'));
    expect(recusals.map((r) => `${labelOf(r.caseId)}:${r.id}`).sort()).toEqual([`A:${recusing.accountId}`, `C:${member.accountId}`].sort());
  });
});
