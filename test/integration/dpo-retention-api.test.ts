// The DPO's retention API and the indicators (DESIGN.md §6-§7, LEGAL.md L12-L16), as stories on
// the real app and a real database, with the staff's own clients:
// 1. who may call what (dpo only; indicators dpo and admin), nothing written on a refusal;
// 2. legal holds: place, refuse a second one, release; another organisation's DPO sees nothing;
// 3. the overview: counts per rule and state, upcoming purges, overdue ones (none after a run);
// 4. indicators by hand, the same after the purge, as CSV; bad periods refused;
// 5. the end of proceedings (R3), recorded by the referent holding the case or the DPO;
// 6. the purge log, paged and filtered, and its CSV export.
// Every DPO action leaves an audit entry by the DPO; the hold's reason never reaches the audit log.
//
// One app, one clock, moving only forward. Days are Europe/Paris days (region "metropole"); the
// clock starts on Monday 5 January 2026, 09:00Z (10:00 in Paris). Four alerts, all received that day
// and acknowledged at once (automatic acknowledgement), all given to one referent:
//   C1 atteinte-probite   declared inadmissible on Mon 5 January   → R1, due 2026-01-05 (0 days to closure)
//   C2 atteinte-probite   closed without follow-up on Mon 12 January → R2, due 2026-03-12 (7 days)
//   C3 conflit-interets   left open (acknowledged)                  → no rule
//   C4 atteinte-probite   committee (quorum 1) decides disciplinary follow-up on Mon 19 January
//                                                                   → R3, due 2032-01-19 (14 days)
// The stories then run from Friday 20 February 2026.
import { and, asc, eq, gt, max, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema.ts';
import type { HttpAnswer } from '../../src/client/http.ts';
import { ReporterClient, type FiledAlert } from '../../src/client/reporter-client.ts';
import { StaffCasesClient } from '../../src/client/staff-cases-client.ts';
import { StaffWorkflowClient } from '../../src/client/staff-workflow-client.ts';
import { findJob } from '../../src/jobs/registry.ts';
import { inviteStaff, newOrganisationWithAdmin, sampleReport, type ActiveStaff } from '../helpers/factories.ts';
import { databaseContains } from '../helpers/database-search.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;

interface OrgA {
  readonly id: string;
  readonly slug: string;
  readonly admin: ActiveStaff;
  readonly referent: ActiveStaff;
  /** A referent of the organisation who holds none of the cases. */
  readonly otherReferent: ActiveStaff;
  readonly member: ActiveStaff;
  readonly dpo: ActiveStaff;
}

let a: OrgA;
let b: { id: string; admin: ActiveStaff; dpo: ActiveStaff };
let c1: FiledAlert;
let c2: FiledAlert;
let c3: FiledAlert;
let c4: FiledAlert;

// ---------------------------------------------------------------------------------------------
// Helpers

function everyone(): ActiveStaff[] {
  return [a.admin, a.referent, a.otherReferent, a.member, a.dpo, b.admin, b.dpo];
}

/** Moves the clock forward to `iso` and logs everyone in again (sessions idle out after 30 minutes), each on a fresh TOTP step. */
async function dayPasses(iso: string): Promise<void> {
  const at = new Date(iso);
  if (at.getTime() <= t.clock.now().getTime()) throw new Error(`the clock is already at ${t.clock.now().toISOString()}, past ${iso}`);
  t.clock.set(at);
  for (const staff of everyone()) {
    t.clock.advance(30_000);
    await staff.client.login(staff.credentials, t.clock.now());
  }
}

function flowOf(staff: ActiveStaff): { cases: StaffCasesClient; flow: StaffWorkflowClient } {
  const cases = new StaffCasesClient(staff.client);
  return { cases, flow: new StaffWorkflowClient(cases) };
}

async function runPurge(): Promise<string[]> {
  const report = await findJob('purge')!.run(t.services, { dryRun: false });
  expect(report.ok).toBe(true);
  return report.lines;
}

function expectRefusal(answer: HttpAnswer, status: number, code: string): void {
  expect({ status: answer.status, code: (answer.body as { code?: string }).code }).toEqual({ status, code });
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? (result as Record<string, unknown>[]) : ((result as { rows: Record<string, unknown>[] }).rows ?? []);
}

const WRITTEN_TABLES = ['cases', 'legal_holds', 'case_events', 'audit_log', 'purge_log', 'case_tombstones', 'purged_mailboxes'] as const;

/** Row counts of every table a DPO request may write, so a refusal can be shown to write nothing. */
async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of WRITTEN_TABLES) {
    counts[table] = Number(rowsOf(await t.services.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]?.n);
  }
  return counts;
}

/** The newest audit entry id: what a call writes comes after it. */
async function auditMark(): Promise<number> {
  const [row] = await t.services.db.select({ id: max(auditLog.id) }).from(auditLog);
  return row?.id ?? 0;
}

/** The audit entries written since `mark`, oldest first. */
async function auditSince(mark: number) {
  return t.services.db
    .select({ organisationId: auditLog.organisationId, actorKind: auditLog.actorKind, actorId: auditLog.actorId, action: auditLog.action, subjectId: auditLog.subjectId })
    .from(auditLog)
    .where(gt(auditLog.id, mark))
    .orderBy(asc(auditLog.id));
}

/** Calls `call` and checks it left exactly one audit entry: `action`, by `actor`, in its organisation. */
async function audited<T>(actor: ActiveStaff, organisationId: string, action: string, call: () => Promise<T>): Promise<T> {
  const mark = await auditMark();
  const result = await call();
  expect(await auditSince(mark)).toEqual([expect.objectContaining({ organisationId, actorKind: 'staff', actorId: actor.accountId, action })]);
  return result;
}

/** A file download with the staff member's session, bytes as sent (fetch's text() would drop the BOM). */
async function download(staff: ActiveStaff, path: string) {
  const http = staff.client.http;
  const cookie = http
    .cookieNames()
    .map((name) => `${name}=${http.cookie(name)}`)
    .join('; ');
  const response = await fetch(t.baseUrl + path, { headers: { cookie } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

/** The lines of a CSV document without its BOM (none of the fields below needs quoting). */
function csvLines(text: string): string[][] {
  expect(text.endsWith('\r\n')).toBe(true);
  return text
    .replace(/^\uFEFF/, '')
    .slice(0, -2)
    .split('\r\n')
    .map((line) => line.split(','));
}

async function caseRetention(staff: ActiveStaff, caseId: string) {
  return (await staff.client.http.expect<{ retention: { rule: string | null; purgeDueOn: string | null; proceedingsEndedOn: string | null; legalHold: { id: string; placedAt: string } | null } }>(200, 'GET', `/api/v1/cases/${caseId}`))
    .retention;
}

interface Hold {
  id: string;
  caseId: string;
  caseReference: string;
  caseState: string;
  rule: string | null;
  purgeDueOn: string | null;
  reason: string;
  placedBy: { id: string; displayName: string };
  placedAt: string;
}

interface Overview {
  today: string;
  policy: { noFollowUpMonths: number; followUpMaxMonths: number };
  counts: { rule: string | null; state: string; cases: number }[];
  upcoming: { total: number; cases: { caseId: string; caseReference: string; rule: string; purgeDueOn: string; held: boolean }[] };
  overdue: { total: number; cases: { caseId: string; caseReference: string; rule: string; purgeDueOn: string; held: boolean }[] };
  holds: Hold[];
  lastPurgeAt: string | null;
}

function overviewOf(dpo: ActiveStaff, organisationId: string): Promise<Overview> {
  return audited(dpo, organisationId, 'dpo.retention_viewed', () => dpo.client.http.expect<Overview>(200, 'GET', '/api/v1/dpo/retention'));
}

interface PurgeLogPage {
  entries: { id: number; caseId: string; caseReference: string; rule: string; dueOn: string; purgedAt: string }[];
  next: string | null;
}

function purgeLogOf(dpo: ActiveStaff, organisationId: string, query = ''): Promise<PurgeLogPage> {
  return audited(dpo, organisationId, 'dpo.purge_log_viewed', () => dpo.client.http.expect<PurgeLogPage>(200, 'GET', `/api/v1/dpo/purge-log${query}`));
}

/** Figures of the period December 2025 – February 2026, counted by hand from the four cases above. */
const PERIOD = '?from=2025-12&to=2026-02';
const FIGURES = {
  period: { fromMonth: '2025-12', toMonth: '2026-02', category: null },
  received: 4,
  inadmissible: 1,
  closedWithoutFollowUp: 1,
  closedWithFollowUp: { total: 1, byKind: { disciplinary: 1, judicial_referral: 0, internal_measures: 0, unspecified: 0 } },
  open: 1,
  // All four acknowledged on the day of receipt.
  daysToAcknowledgement: { cases: 4, median: 0, p90: 0 },
  // Closed after 0, 7 and 14 days: median rank ceil(1.5) = 2 → 7; p90 rank ceil(2.7) = 3 → 14.
  daysToClosure: { cases: 3, median: 7, p90: 14 },
  // The three closed cases got their closure notice within the delay; C3's delay (April) has not run out.
  feedbackWithinDelay: { due: 3, onTime: 3, share: 1 },
  byMonth: [
    { month: '2025-12', received: 0, inadmissible: 0, closedWithoutFollowUp: 0, closedWithFollowUp: 0, open: 0 },
    { month: '2026-01', received: 4, inadmissible: 1, closedWithoutFollowUp: 1, closedWithFollowUp: 1, open: 1 },
    { month: '2026-02', received: 0, inadmissible: 0, closedWithoutFollowUp: 0, closedWithFollowUp: 0, open: 0 },
  ],
};

function indicatorsOf(staff: ActiveStaff, organisationId: string, query = PERIOD) {
  return audited(staff, organisationId, 'indicators.viewed', () => staff.client.http.expect<typeof FIGURES>(200, 'GET', `/api/v1/indicators${query}`));
}

// ---------------------------------------------------------------------------------------------
// Given

beforeAll(async () => {
  t = await startTestApp();
  const orgA = await newOrganisationWithAdmin(t);
  const slug = orgA.organisation.slug;
  const admin = orgA.admin;
  a = {
    id: orgA.organisation.id,
    slug,
    admin,
    referent: await inviteStaff(t, admin, ['referent'], `referent@${slug}.fr`),
    otherReferent: await inviteStaff(t, admin, ['referent'], `referent2@${slug}.fr`),
    member: await inviteStaff(t, admin, ['committee'], `membre@${slug}.fr`),
    dpo: await inviteStaff(t, admin, ['dpo'], `dpo@${slug}.fr`),
  };
  // One committee vote decides.
  await admin.client.http.expect(200, 'PATCH', '/api/v1/admin/intake', { committee: { quorum: 1 } });
  const orgB = await newOrganisationWithAdmin(t);
  b = { id: orgB.organisation.id, admin: orgB.admin, dpo: await inviteStaff(t, orgB.admin, ['dpo'], `dpo@${orgB.organisation.slug}.fr`) };

  // Monday 5 January 2026: four alerts, given to the first referent only
  const file = (marker: string, category = 'atteinte-probite') => new ReporterClient(t.baseUrl).file(slug, sampleReport(marker, { category }), { recipients: [a.referent.accountId] });
  c1 = await file('DPO-C1');
  c2 = await file('DPO-C2');
  c3 = await file('DPO-C3', 'conflit-interets');
  c4 = await file('DPO-C4');
  const { cases, flow } = flowOf(a.referent);
  for (const filed of [c1, c2, c4]) await flow.transition(await cases.open(filed.caseId), 'start_admissibility_review');
  await flow.transition(await cases.open(c1.caseId), 'declare_inadmissible', 'Les faits signalés ne relèvent pas du dispositif.');
  for (const filed of [c2, c4]) await flow.transition(await cases.open(filed.caseId), 'declare_admissible');

  // Monday 12 January: C2 closed without follow-up, C4 sent to the committee
  await dayPasses('2026-01-12T09:00:00Z');
  await flow.transition(await cases.open(c2.caseId), 'close_without_follow_up', 'L’enquête n’a pas établi les faits.');
  await flow.transition(await cases.open(c4.caseId), 'send_to_committee');

  // Monday 19 January: the committee decides disciplinary proceedings for C4
  await dayPasses('2026-01-19T09:00:00Z');
  const member = flowOf(a.member);
  expect(await member.flow.vote(await member.cases.open(c4.caseId), 'follow_up', 'Faits établis.', 'disciplinary')).toMatchObject({ status: 'decided', outcome: 'follow_up' });

  // Friday 20 February 2026
  await dayPasses('2026-02-20T09:00:00Z');
});

afterAll(async () => {
  await t?.close();
});

// ---------------------------------------------------------------------------------------------
// 1. Who may call

describe('who may call the DPO API and the indicators', () => {
  const dpoRoutes = (): [string, string, unknown?][] => [
    ['GET', '/api/v1/dpo/retention'],
    ['POST', '/api/v1/dpo/holds', { caseId: c2.caseId, reason: 'Recours contentieux en cours.' }],
    ['POST', `/api/v1/dpo/holds/${crypto.randomUUID()}/release`, {}],
    ['GET', '/api/v1/dpo/purge-log'],
    ['GET', '/api/v1/dpo/purge-log.csv'],
  ];

  it('the cases carry their rule and purge day from closure', async () => {
    expect(await caseRetention(a.referent, c1.caseId)).toEqual({ rule: 'R1', purgeDueOn: '2026-01-05', proceedingsEndedOn: null, legalHold: null });
    expect(await caseRetention(a.referent, c2.caseId)).toEqual({ rule: 'R2', purgeDueOn: '2026-03-12', proceedingsEndedOn: null, legalHold: null });
    expect(await caseRetention(a.referent, c3.caseId)).toEqual({ rule: null, purgeDueOn: null, proceedingsEndedOn: null, legalHold: null });
    expect(await caseRetention(a.referent, c4.caseId)).toEqual({ rule: 'R3', purgeDueOn: '2032-01-19', proceedingsEndedOn: null, legalHold: null });
  });

  it('refuses referents, committee members and admins with 403, anonymous callers with 401, and writes nothing', async () => {
    const before = await rowCounts();
    for (const staff of [a.referent, a.member, a.admin]) {
      for (const [method, path, body] of dpoRoutes()) {
        const answer = await staff.client.http.send(method, path, body);
        expectRefusal(answer, 403, 'role_required');
      }
    }
    const anonymous = new ReporterClient(t.baseUrl).http;
    for (const [method, path, body] of dpoRoutes()) expectRefusal(await anonymous.send(method, path, body), 401, 'session_required');
    expect(await rowCounts()).toEqual(before);
  });

  it('indicators: the DPO and admins may read them; referents, committee members and anonymous callers may not', async () => {
    await indicatorsOf(a.dpo, a.id);
    await indicatorsOf(a.admin, a.id);
    const before = await rowCounts();
    for (const path of [`/api/v1/indicators${PERIOD}`, `/api/v1/indicators.csv${PERIOD}`]) {
      expectRefusal(await a.referent.client.http.send('GET', path), 403, 'role_required');
      expectRefusal(await a.member.client.http.send('GET', path), 403, 'role_required');
      expectRefusal(await new ReporterClient(t.baseUrl).http.send('GET', path), 401, 'session_required');
    }
    expect(await rowCounts()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
// 2 and 3. Legal holds and the overview

describe('legal holds and the retention overview', () => {
  const REASON = 'Recours devant le tribunal administratif HOLD-REASON-7Q2';
  let hold: Hold;

  it('the DPO places a hold on a case: 201 with the reason, who and when', async () => {
    hold = await audited(a.dpo, a.id, 'retention.hold_placed', () => a.dpo.client.http.expect<Hold>(201, 'POST', '/api/v1/dpo/holds', { caseId: c2.caseId, reason: `  ${REASON}  ` }));
    expect(hold).toEqual({
      id: expect.any(String) as string,
      caseId: c2.caseId,
      caseReference: c2.caseReference,
      caseState: 'closed',
      rule: 'R2',
      purgeDueOn: '2026-03-12',
      reason: REASON,
      placedBy: { id: a.dpo.accountId, displayName: 'dpo' },
      placedAt: t.clock.now().toISOString(),
    });
  });

  it('the referent sees the hold on the case', async () => {
    expect((await caseRetention(a.referent, c2.caseId)).legalHold).toEqual({ id: hold.id, placedAt: hold.placedAt });
  });

  it('refuses a second hold on the case, an empty reason and an unknown case, writing nothing', async () => {
    const before = await rowCounts();
    const http = a.dpo.client.http;
    expectRefusal(await http.send('POST', '/api/v1/dpo/holds', { caseId: c2.caseId, reason: 'Une autre procédure.' }), 409, 'hold_exists');
    expectRefusal(await http.send('POST', '/api/v1/dpo/holds', { caseId: c1.caseId, reason: '' }), 400, 'validation_failed');
    expectRefusal(await http.send('POST', '/api/v1/dpo/holds', { caseId: c1.caseId, reason: ' \t\n ' }), 400, 'hold_reason_required');
    expectRefusal(await http.send('POST', '/api/v1/dpo/holds', { caseId: c1.caseId }), 400, 'validation_failed');
    expectRefusal(await http.send('POST', '/api/v1/dpo/holds', { caseId: crypto.randomUUID(), reason: 'Recours.' }), 404, 'not_found');
    expectRefusal(await http.send('POST', '/api/v1/dpo/holds', { caseId: 'not-a-case', reason: 'Recours.' }), 400, 'validation_failed');
    expectRefusal(await http.send('POST', `/api/v1/dpo/holds/${crypto.randomUUID()}/release`, {}), 404, 'not_found');
    expect(await rowCounts()).toEqual(before);
  });

  it('another organisation’s DPO can neither hold a case of this one nor release its hold (404), and writes nothing', async () => {
    const before = await rowCounts();
    expectRefusal(await b.dpo.client.http.send('POST', '/api/v1/dpo/holds', { caseId: c1.caseId, reason: 'Recours.' }), 404, 'not_found');
    expectRefusal(await b.dpo.client.http.send('POST', '/api/v1/dpo/holds', { caseId: c2.caseId, reason: 'Recours.' }), 404, 'not_found');
    expectRefusal(await b.dpo.client.http.send('POST', `/api/v1/dpo/holds/${hold.id}/release`, {}), 404, 'not_found');
    expectRefusal(await b.dpo.client.http.send('PUT', `/api/v1/cases/${c4.caseId}/proceedings-end`, { endedOn: '2026-02-02' }), 404, 'not_found');
    expect(await rowCounts()).toEqual(before);
    expect((await caseRetention(a.referent, c2.caseId)).legalHold).not.toBeNull();
  });

  it('the overview: counts per rule and state, the coming 30 days, what is overdue, the holds with their reasons', async () => {
    const overview = await overviewOf(a.dpo, a.id);
    expect(overview.today).toBe('2026-02-20');
    expect(overview.policy).toEqual({ noFollowUpMonths: 2, followUpMaxMonths: 72 });
    expect(overview.counts).toHaveLength(4);
    expect(overview.counts).toEqual(
      expect.arrayContaining([
        { rule: 'R1', state: 'closed', cases: 1 },
        { rule: 'R2', state: 'closed', cases: 1 },
        { rule: 'R3', state: 'closed', cases: 1 },
        { rule: null, state: 'acknowledged', cases: 1 },
      ]),
    );
    // C2 is due on 12 March, within 30 days of 20 February (up to 22 March), and held
    expect(overview.upcoming).toEqual({ total: 1, cases: [{ caseId: c2.caseId, caseReference: c2.caseReference, rule: 'R2', purgeDueOn: '2026-03-12', held: true }] });
    // C1 was due on 5 January and no purge has run yet
    expect(overview.overdue).toEqual({ total: 1, cases: [{ caseId: c1.caseId, caseReference: c1.caseReference, rule: 'R1', purgeDueOn: '2026-01-05', held: false }] });
    expect(overview.holds).toEqual([hold]);
    expect(overview.lastPurgeAt).toBeNull();
  });

  it('another organisation’s DPO sees nothing of this one', async () => {
    const overview = await overviewOf(b.dpo, b.id);
    expect(overview).toMatchObject({ counts: [], upcoming: { total: 0, cases: [] }, overdue: { total: 0, cases: [] }, holds: [], lastPurgeAt: null });
    const text = JSON.stringify(overview);
    for (const filed of [c1, c2, c3, c4]) {
      expect(text).not.toContain(filed.caseId);
      expect(text).not.toContain(filed.caseReference);
    }
    expect(text).not.toContain('HOLD-REASON');
  });

  it('a held case is not purged even when due; the overdue list leaves held cases out', async () => {
    // Hold C1 too (due since 5 January), run the purge: it stays
    const held = await a.dpo.client.http.expect<Hold>(201, 'POST', '/api/v1/dpo/holds', { caseId: c1.caseId, reason: 'Plainte pénale déposée HOLD-REASON-C1' });
    const lines = await runPurge();
    expect(lines).toContain(`${a.slug}: purged 0 case(s) in 0 batch(es)`);
    expect((await caseRetention(a.referent, c1.caseId)).legalHold).toMatchObject({ id: held.id });
    expect((await overviewOf(a.dpo, a.id)).overdue).toEqual({ total: 0, cases: [] });
    await a.dpo.client.http.expect(200, 'POST', `/api/v1/dpo/holds/${held.id}/release`, {});
  });

  it('the DPO releases the hold: 200, then 409 on a second release; the case shows no hold any more', async () => {
    const released = await audited(a.dpo, a.id, 'retention.hold_released', () =>
      a.dpo.client.http.expect<{ releasedAt: string }>(200, 'POST', `/api/v1/dpo/holds/${hold.id}/release`, {}),
    );
    expect(released).toEqual({ releasedAt: t.clock.now().toISOString() });
    const before = await rowCounts();
    expectRefusal(await a.dpo.client.http.send('POST', `/api/v1/dpo/holds/${hold.id}/release`, {}), 409, 'hold_released');
    expect(await rowCounts()).toEqual(before);
    expect((await caseRetention(a.referent, c2.caseId)).legalHold).toBeNull();
    const overview = await overviewOf(a.dpo, a.id);
    expect(overview.holds).toEqual([]);
    expect(overview.upcoming.cases.map((c) => [c.caseId, c.held])).toEqual([[c2.caseId, false]]);
    // A hold may be placed again after a release
    const again = await a.dpo.client.http.expect<Hold>(201, 'POST', '/api/v1/dpo/holds', { caseId: c2.caseId, reason: 'Nouvel appel HOLD-REASON-AGAIN' });
    await a.dpo.client.http.expect(200, 'POST', `/api/v1/dpo/holds/${again.id}/release`, {});
  });

  it('the hold reasons never reach the audit log, nor the logs', async () => {
    const inAudit = rowsOf(await t.services.db.execute(sql`select count(*)::int as n from audit_log where strpos(audit_log::text, 'HOLD-REASON') > 0`));
    expect(Number(inAudit[0]?.n)).toBe(0);
    expect(t.logs.filter((line) => line.includes('HOLD-REASON'))).toEqual([]);
    // They are kept beside the holds, in clear, until the case goes
    expect(await databaseContains(t.database, 'HOLD-REASON-7Q2')).toEqual([expect.stringMatching(/^legal_holds: /)]);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Indicators, and the purge run of 20 February

describe('indicators', () => {
  it('JSON figures match the four cases counted by hand', async () => {
    expect(await indicatorsOf(a.dpo, a.id)).toEqual(FIGURES);
    // An admin reads the same figures
    expect(await indicatorsOf(a.admin, a.id)).toEqual(FIGURES);
  });

  it('one category at a time', async () => {
    const conflicts = await indicatorsOf(a.dpo, a.id, `${PERIOD}&category=conflit-interets`);
    expect(conflicts).toMatchObject({
      period: { category: 'conflit-interets' },
      received: 1,
      inadmissible: 0,
      closedWithoutFollowUp: 0,
      closedWithFollowUp: { total: 0 },
      open: 1,
      daysToAcknowledgement: { cases: 1, median: 0, p90: 0 },
      daysToClosure: { cases: 0, median: null, p90: null },
      feedbackWithinDelay: { due: 0, onTime: 0, share: null },
    });
    const probity = await indicatorsOf(a.dpo, a.id, `${PERIOD}&category=atteinte-probite`);
    expect(probity).toMatchObject({ received: 3, inadmissible: 1, closedWithoutFollowUp: 1, closedWithFollowUp: { total: 1 }, open: 0, daysToClosure: { cases: 3, median: 7, p90: 14 } });
  });

  it('another organisation’s figures count none of these cases', async () => {
    const figures = await indicatorsOf(b.dpo, b.id);
    expect(figures).toMatchObject({ received: 0, open: 0, feedbackWithinDelay: { due: 0, share: null } });
  });

  it('CSV in long format: one figure per line, months on their own lines, with BOM, as an attachment', async () => {
    const mark = await auditMark();
    const csv = await download(a.dpo, `/api/v1/indicators.csv${PERIOD}`);
    expect(await auditSince(mark)).toEqual([expect.objectContaining({ actorId: a.dpo.accountId, action: 'indicators.viewed' })]);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="vigie-indicators-2025-12-2026-02.csv"');
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = csvLines(csv.text);
    expect(header).toEqual(['period_from', 'period_to', 'category', 'month', 'figure', 'value']);
    // 16 figures for the period, then 5 per month for 3 months
    expect(rows).toHaveLength(16 + 5 * 3);
    const figure = (name: string, month = '') => rows.find((row) => row[3] === month && row[4] === name)?.[5];
    expect(rows.every((row) => row[0] === '2025-12' && row[1] === '2026-02' && row[2] === '')).toBe(true);
    expect(figure('received')).toBe('4');
    expect(figure('inadmissible')).toBe('1');
    expect(figure('closed_without_follow_up')).toBe('1');
    expect(figure('closed_with_follow_up')).toBe('1');
    expect(figure('closed_with_follow_up_disciplinary')).toBe('1');
    expect(figure('closed_with_follow_up_judicial_referral')).toBe('0');
    expect(figure('open')).toBe('1');
    expect(figure('days_to_closure_median')).toBe('7');
    expect(figure('days_to_closure_p90')).toBe('14');
    expect(figure('feedback_on_time_share')).toBe('1');
    expect(rows.filter((row) => row[3] !== '').map((row) => `${row[3]} ${row[4]}=${row[5]}`)).toEqual([
      '2025-12 received=0',
      '2025-12 inadmissible=0',
      '2025-12 closed_without_follow_up=0',
      '2025-12 closed_with_follow_up=0',
      '2025-12 open=0',
      '2026-01 received=4',
      '2026-01 inadmissible=1',
      '2026-01 closed_without_follow_up=1',
      '2026-01 closed_with_follow_up=1',
      '2026-01 open=1',
      '2026-02 received=0',
      '2026-02 inadmissible=0',
      '2026-02 closed_without_follow_up=0',
      '2026-02 closed_with_follow_up=0',
      '2026-02 open=0',
    ]);
    // A figure with no value (no case closed in this category) is an empty field
    const conflicts = csvLines((await download(a.dpo, `/api/v1/indicators.csv${PERIOD}&category=conflit-interets`)).text);
    expect(conflicts.find((row) => row[3] === '' && row[4] === 'days_to_closure_median')).toEqual(['2025-12', '2026-02', 'conflit-interets', '', 'days_to_closure_median', '']);
  });

  it('refuses a reversed period, a malformed month and a missing bound with 400, writing nothing', async () => {
    const before = await rowCounts();
    const http = a.dpo.client.http;
    expectRefusal(await http.send('GET', '/api/v1/indicators?from=2026-03&to=2026-02'), 400, 'period_reversed');
    expectRefusal(await http.send('GET', '/api/v1/indicators.csv?from=2026-03&to=2026-02'), 400, 'period_reversed');
    expectRefusal(await http.send('GET', '/api/v1/indicators?from=2026-13&to=2026-12'), 400, 'validation_failed');
    expectRefusal(await http.send('GET', '/api/v1/indicators?from=2026-1&to=2026-02'), 400, 'validation_failed');
    expectRefusal(await http.send('GET', '/api/v1/indicators?from=2026-00&to=2026-02'), 400, 'validation_failed');
    expectRefusal(await http.send('GET', '/api/v1/indicators?from=janvier&to=2026-02'), 400, 'validation_failed');
    expectRefusal(await http.send('GET', '/api/v1/indicators?to=2026-02'), 400, 'validation_failed');
    expectRefusal(await http.send('GET', '/api/v1/indicators?from=2010-01&to=2026-02'), 400, 'period_too_long');
    expect(await rowCounts()).toEqual(before);
  });

  it('a purge run empties the overdue list, and changes no figure', async () => {
    // Given C1 overdue before the run
    expect((await overviewOf(a.dpo, a.id)).overdue.cases.map((c) => c.caseId)).toEqual([c1.caseId]);
    // When the purge runs on 20 February
    const lines = await runPurge();
    expect(lines).toContain(`${a.slug}: purged 1 case(s) in 1 batch(es)`);
    const purgedAt = t.clock.now().toISOString();
    // Then nothing is overdue, the last purge is now, C1 is gone from the counts
    const overview = await overviewOf(a.dpo, a.id);
    expect(overview.overdue).toEqual({ total: 0, cases: [] });
    expect(overview.lastPurgeAt).toBe(purgedAt);
    expect(overview.counts.find((c) => c.rule === 'R1')).toBeUndefined();
    expect(await databaseContains(t.database, 'DPO-C1')).toEqual([]);
    // And the figures are the same, from the tombstone
    expect(await indicatorsOf(a.dpo, a.id)).toEqual(FIGURES);
    // Another organisation's last purge is still none
    expect((await overviewOf(b.dpo, b.id)).lastPurgeAt).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// 5. The end of proceedings (R3)

describe('recording the end of proceedings', () => {
  const endOf = (staff: ActiveStaff, caseId: string, endedOn: unknown) => staff.client.http.send<Record<string, unknown>>('PUT', `/api/v1/cases/${caseId}/proceedings-end`, { endedOn });

  it('refuses a case without proceedings, a future day, a day before closure, a malformed day and a referent not holding the case, writing nothing', async () => {
    const before = await rowCounts();
    // C2 was closed without follow-up, C3 is open: no proceedings to end (409)
    expectRefusal(await endOf(a.referent, c2.caseId, '2026-02-02'), 409, 'no_proceedings');
    expectRefusal(await endOf(a.referent, c3.caseId, '2026-02-02'), 409, 'no_proceedings');
    expectRefusal(await endOf(a.dpo, c2.caseId, '2026-02-02'), 409, 'no_proceedings');
    // Today is 20 February: tomorrow is in the future
    expectRefusal(await endOf(a.referent, c4.caseId, '2026-02-21'), 400, 'proceedings_in_future');
    // C4 was closed on 19 January: the 18th is before
    expectRefusal(await endOf(a.referent, c4.caseId, '2026-01-18'), 400, 'proceedings_before_closure');
    // Not a day
    for (const malformed of ['le 2 février', '2026-2-2', '02/02/2026', '2026-02-02T00:00:00Z', '2026-02-30', '2026-02-00', '2026-13-01', 20260202, null]) {
      expectRefusal(await endOf(a.referent, c4.caseId, malformed), 400, 'validation_failed');
    }
    // A referent of the organisation who does not hold the case: as if it did not exist
    expectRefusal(await endOf(a.otherReferent, c4.caseId, '2026-02-02'), 404, 'not_found');
    // Committee members and admins may not record it at all
    expectRefusal(await endOf(a.member, c4.caseId, '2026-02-02'), 403, 'role_required');
    expectRefusal(await endOf(a.admin, c4.caseId, '2026-02-02'), 403, 'role_required');
    // A purged case is gone
    expectRefusal(await endOf(a.dpo, c1.caseId, '2026-02-02'), 404, 'not_found');
    expect(await rowCounts()).toEqual(before);
    expect(await caseRetention(a.referent, c4.caseId)).toEqual({ rule: 'R3', purgeDueOn: '2032-01-19', proceedingsEndedOn: null, legalHold: null });
  });

  it('the referent holding the case records it: the case is due that day', async () => {
    const answer = await audited(a.referent, a.id, 'case.proceedings_ended_recorded', () => endOf(a.referent, c4.caseId, '2026-02-02'));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ rule: 'R3', purgeDueOn: '2026-02-02', proceedingsEndedOn: '2026-02-02', legalHold: null });
    expect(await caseRetention(a.referent, c4.caseId)).toEqual(answer.body);
  });

  it('the DPO corrects it (the day of closure and today are both allowed)', async () => {
    const onClosureDay = await audited(a.dpo, a.id, 'case.proceedings_ended_recorded', () => endOf(a.dpo, c4.caseId, '2026-01-19'));
    expect([onClosureDay.status, onClosureDay.body.purgeDueOn]).toEqual([200, '2026-01-19']);
    const today = await audited(a.dpo, a.id, 'case.proceedings_ended_recorded', () => endOf(a.dpo, c4.caseId, '2026-02-20'));
    expect([today.status, today.body.purgeDueOn]).toEqual([200, '2026-02-20']);
    const corrected = await audited(a.dpo, a.id, 'case.proceedings_ended_recorded', () => endOf(a.dpo, c4.caseId, '2026-02-03'));
    expect(corrected.status).toBe(200);
    expect(corrected.body).toEqual({ rule: 'R3', purgeDueOn: '2026-02-03', proceedingsEndedOn: '2026-02-03', legalHold: null });
    // The case is now overdue, and the DPO sees it
    expect((await overviewOf(a.dpo, a.id)).overdue.cases).toEqual([{ caseId: c4.caseId, caseReference: c4.caseReference, rule: 'R3', purgeDueOn: '2026-02-03', held: false }]);
  });

  it('the next run, on Saturday 21 February, purges the case', async () => {
    await dayPasses('2026-02-21T09:00:00Z');
    expect(await runPurge()).toContain(`${a.slug}: purged 1 case(s) in 1 batch(es)`);
    expect(await databaseContains(t.database, 'DPO-C4')).toEqual([]);
    expect((await overviewOf(a.dpo, a.id)).overdue.total).toBe(0);
    expect(await indicatorsOf(a.dpo, a.id)).toEqual(FIGURES);
  });
});

// ---------------------------------------------------------------------------------------------
// 6. The purge log

describe('the purge log', () => {
  const FIRST_RUN_END = '2026-02-21T00:00:00.000Z';

  it('pages newest first with a cursor', async () => {
    const first = await purgeLogOf(a.dpo, a.id, '?limit=1');
    expect(first.entries).toEqual([{ id: expect.any(Number) as number, caseId: c4.caseId, caseReference: c4.caseReference, rule: 'R3', dueOn: '2026-02-03', purgedAt: expect.stringMatching(/^2026-02-21T/) as string }]);
    expect(first.next).toMatch(/^2026-02-21T[0-9:.]+Z~[0-9]+$/);
    const second = await purgeLogOf(a.dpo, a.id, `?limit=1&after=${encodeURIComponent(first.next!)}`);
    expect(second.entries).toEqual([{ id: expect.any(Number) as number, caseId: c1.caseId, caseReference: c1.caseReference, rule: 'R1', dueOn: '2026-01-05', purgedAt: expect.stringMatching(/^2026-02-20T/) as string }]);
    expect(second.next).toBeNull();
    // The whole log in one page
    const all = await purgeLogOf(a.dpo, a.id);
    expect(all.entries.map((e) => e.caseId)).toEqual([c4.caseId, c1.caseId]);
    expect(all.next).toBeNull();
  });

  it('filters by period: from inclusive, to exclusive', async () => {
    expect((await purgeLogOf(a.dpo, a.id, `?from=${FIRST_RUN_END}`)).entries.map((e) => e.caseId)).toEqual([c4.caseId]);
    expect((await purgeLogOf(a.dpo, a.id, `?to=${FIRST_RUN_END}`)).entries.map((e) => e.caseId)).toEqual([c1.caseId]);
    expect((await purgeLogOf(a.dpo, a.id, '?from=2026-03-01T00:00:00Z')).entries).toEqual([]);
    // The cursor and the period together
    const first = await purgeLogOf(a.dpo, a.id, '?limit=1&to=2026-03-01T00:00:00Z');
    expect((await purgeLogOf(a.dpo, a.id, `?limit=1&to=2026-03-01T00:00:00Z&after=${encodeURIComponent(first.next!)}`)).entries.map((e) => e.caseId)).toEqual([c1.caseId]);
  });

  it('refuses a malformed cursor, period or limit with 400', async () => {
    const http = a.dpo.client.http;
    const before = await rowCounts();
    for (const query of ['?after=abc', '?after=2026-02-21T09:00:00Z', '?from=yesterday', '?to=2026-02-30T00:00:00Z', '?limit=0', '?limit=501', '?limit=1.5', '?limit=x', '?case=1']) {
      expectRefusal(await http.send('GET', `/api/v1/dpo/purge-log${query}`), 400, 'validation_failed');
    }
    // A cursor of the right shape that names no instant
    expectRefusal(await http.send('GET', `/api/v1/dpo/purge-log?after=${encodeURIComponent('2026-13-45T99:99:99Z~1')}`), 400, 'invalid_cursor');
    expect(await rowCounts()).toEqual(before);
    // The largest page is 500
    expect((await purgeLogOf(a.dpo, a.id, '?limit=500')).entries).toHaveLength(2);
  });

  it('another organisation’s log is its own (empty here)', async () => {
    expect(await purgeLogOf(b.dpo, b.id)).toEqual({ entries: [], next: null });
  });

  it('exports as CSV: text/csv attachment with BOM, a header line, one line per purged case', async () => {
    const csv = await audited(a.dpo, a.id, 'dpo.purge_log_exported', () => download(a.dpo, '/api/v1/dpo/purge-log.csv'));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="vigie-purge-log.csv"');
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = csvLines(csv.text);
    expect(header).toEqual(['purged_at', 'case_reference', 'case_id', 'rule', 'due_on']);
    expect(rows).toEqual([
      [expect.stringMatching(/^2026-02-21T/), c4.caseReference, c4.caseId, 'R3', '2026-02-03'],
      [expect.stringMatching(/^2026-02-20T/), c1.caseReference, c1.caseId, 'R1', '2026-01-05'],
    ]);
    // Of a period
    const period = csvLines((await download(a.dpo, `/api/v1/dpo/purge-log.csv?to=${FIRST_RUN_END}`)).text);
    expect(period.slice(1).map((row) => row[2])).toEqual([c1.caseId]);
    // Another organisation's export is its header alone
    expect((await download(b.dpo, '/api/v1/dpo/purge-log.csv')).text).toBe('\uFEFFpurged_at,case_reference,case_id,rule,due_on\r\n');
  });

  it('on 12 March, C2 (R2) is purged with its released holds and their reasons; the figures stay', async () => {
    // The day before: nothing purged
    await dayPasses('2026-03-11T09:00:00Z');
    expect(await runPurge()).toContain(`${a.slug}: purged 0 case(s) in 0 batch(es)`);
    expect((await overviewOf(a.dpo, a.id)).upcoming.cases.map((c) => c.caseId)).toEqual([c2.caseId]);
    // On the due day
    await dayPasses('2026-03-12T09:00:00Z');
    expect(await runPurge()).toContain(`${a.slug}: purged 1 case(s) in 1 batch(es)`);
    expect(await databaseContains(t.database, 'DPO-C2')).toEqual([]);
    expect(await databaseContains(t.database, 'HOLD-REASON')).toEqual([]);
    const overview = await overviewOf(a.dpo, a.id);
    expect(overview).toMatchObject({ counts: [{ rule: null, state: 'acknowledged', cases: 1 }], upcoming: { total: 0 }, overdue: { total: 0 }, holds: [] });
    expect(overview.lastPurgeAt).toBe(t.clock.now().toISOString());
    const rows = csvLines((await download(a.dpo, '/api/v1/dpo/purge-log.csv')).text).slice(1);
    expect(rows.map((row) => [row[2], row[3], row[4]])).toEqual([
      [c2.caseId, 'R2', '2026-03-12'],
      [c4.caseId, 'R3', '2026-02-03'],
      [c1.caseId, 'R1', '2026-01-05'],
    ]);
    expect(await indicatorsOf(a.dpo, a.id)).toEqual(FIGURES);
    expect(await indicatorsOf(a.admin, a.id)).toEqual(FIGURES);
  });

  it('the audit log names the DPO for every DPO action, and the system for each purge', async () => {
    const entries = await t.services.db
      .select({ action: auditLog.action, actorKind: auditLog.actorKind, actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, a.id), sql`${auditLog.action} like any (array['dpo.%', 'retention.%'])`));
    const actions = new Set(entries.map((e) => e.action));
    for (const action of ['dpo.retention_viewed', 'retention.hold_placed', 'retention.hold_released', 'dpo.purge_log_viewed', 'dpo.purge_log_exported']) expect(actions).toContain(action);
    expect(entries.every((e) => e.actorKind === 'staff' && e.actorId === a.dpo.accountId)).toBe(true);
    const purges = await t.services.db.select({ actorKind: auditLog.actorKind, actorId: auditLog.actorId, subjectId: auditLog.subjectId }).from(auditLog).where(eq(auditLog.action, 'case.purged'));
    expect(purges.map((p) => p.subjectId).sort()).toEqual([c1.caseId, c2.caseId, c4.caseId].sort());
    expect(purges.every((p) => p.actorKind === 'system' && p.actorId === null)).toBe(true);
  });
});
