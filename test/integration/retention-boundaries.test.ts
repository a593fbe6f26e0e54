// Retention boundaries (DESIGN.md §6, LEGAL.md L12-L14) with the movable clock, on the suite's
// real database, cases filed and closed through the real clients:
//   R1 inadmissible        → purged at the next run after closure;
//   R2 no follow-up        → two calendar months after the day of closure, month-end clamped
//                            (31 December → 28 February, or 29 in a leap year);
//   R3 follow-up           → on the day the proceedings ended, once recorded, at the latest 72
//                            months after closure; a legal hold keeps a case past that until released;
//   overrides              → an organisation may shorten its retention (closed cases follow at
//                            once), never lengthen it.
// For each due day D: a run at 23:59 (Paris) on the day before leaves the case whole and reports
// 0 for its organisation; a run at 00:00:30 on D purges it. Days are Europe/Paris days: 10:00 in
// Paris is 09:00Z in winter, and a run's "today" is Paris's.
//
// Each describe has its own app (a fresh database) and its own timeline: its clock only moves
// forward (TOTP steps and the audit chain need it), so the steps of a describe are in date order.
// Logging staff in moves the clock 30 s per person: it is done before moving to a boundary instant.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, purgeLog } from '../../db/schema.ts';
import { ReporterClient } from '../../src/client/reporter-client.ts';
import { StaffCasesClient } from '../../src/client/staff-cases-client.ts';
import { StaffWorkflowClient } from '../../src/client/staff-workflow-client.ts';
import { runJob } from '../../src/jobs/job-runner.ts';
import { findJob } from '../../src/jobs/registry.ts';
import { countRows } from '../helpers/closed-cases.ts';
import { inviteStaff, newOrganisationWithAdmin, sampleReport, type ActiveStaff } from '../helpers/factories.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const purgeJob = findJob('purge')!;

// One app per describe, started and closed by it.
let t: TestApp;

interface Org {
  readonly id: string;
  readonly slug: string;
  readonly admin: ActiveStaff;
  readonly referent: ActiveStaff;
  readonly committee: ActiveStaff[];
  readonly dpo: ActiveStaff | null;
}

async function newOrg(options: { committee?: number; dpo?: boolean } = {}): Promise<Org> {
  const { organisation, admin } = await newOrganisationWithAdmin(t);
  const referent = await inviteStaff(t, admin, ['referent'], `referent@${organisation.slug}.fr`);
  const committee: ActiveStaff[] = [];
  for (let i = 1; i <= (options.committee ?? 0); i++) committee.push(await inviteStaff(t, admin, ['committee'], `membre${i}@${organisation.slug}.fr`));
  const dpo = options.dpo ? await inviteStaff(t, admin, ['dpo'], `dpo@${organisation.slug}.fr`) : null;
  return { id: organisation.id, slug: organisation.slug, admin, referent, committee, dpo };
}

/** The instant of a wall-clock time in Paris ("YYYY-MM-DDTHH:MM:SS"), summer or winter. */
function paris(wall: string): Date {
  const format = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  for (const offset of ['+01:00', '+02:00']) {
    const at = new Date(`${wall}${offset}`);
    if (format.format(at).replace(' ', 'T') === wall) return at;
  }
  throw new Error(`${wall} does not exist in Paris`);
}

/** The clock moves forward to `at` (never back). */
function moveTo(at: Date): void {
  if (at.getTime() <= t.clock.now().getTime()) throw new Error(`the clock is already at ${t.clock.now().toISOString()}, past ${at.toISOString()}`);
  t.clock.set(at);
}

/** Staff sessions end after 30 idle minutes: everyone logs in again, each on a fresh TOTP step. */
async function relogin(org: Org): Promise<void> {
  for (const staff of [org.admin, org.referent, ...org.committee, ...(org.dpo ? [org.dpo] : [])]) {
    t.clock.advance(30_000);
    await staff.client.login(staff.credentials, t.clock.now());
  }
}

async function dayPasses(org: Org, at: Date): Promise<void> {
  moveTo(at);
  await relogin(org);
}

function flowOf(staff: ActiveStaff): { cases: StaffCasesClient; flow: StaffWorkflowClient } {
  const staffCases = new StaffCasesClient(staff.client);
  return { cases: staffCases, flow: new StaffWorkflowClient(staffCases) };
}

/** A new alert, reviewed and found admissible: in investigation. */
async function alertInInvestigation(org: Org, marker: string): Promise<string> {
  const filed = await new ReporterClient(t.baseUrl).file(org.slug, sampleReport(marker));
  const { cases: staffCases, flow } = flowOf(org.referent);
  await flow.transition(await staffCases.open(filed.caseId), 'start_admissibility_review');
  await flow.transition(await staffCases.open(filed.caseId), 'declare_admissible');
  return filed.caseId;
}

async function closeWithoutFollowUp(org: Org, caseId: string): Promise<void> {
  const { cases: staffCases, flow } = flowOf(org.referent);
  expect(await flow.transition(await staffCases.open(caseId), 'close_without_follow_up', 'Les faits ne sont pas établis.')).toMatchObject({ outcome: 'no_follow_up' });
}

/** Sent to the committee, whose members all vote for disciplinary proceedings: closed with follow-up. */
async function closeWithFollowUp(org: Org, caseId: string): Promise<void> {
  const { cases: staffCases, flow } = flowOf(org.referent);
  await flow.transition(await staffCases.open(caseId), 'send_to_committee');
  let last: { status: string } | undefined;
  for (const member of org.committee) {
    const memberFlow = flowOf(member);
    last = await memberFlow.flow.vote(await memberFlow.cases.open(caseId), 'follow_up', 'Manquement établi.', 'disciplinary');
  }
  expect(last).toMatchObject({ status: 'decided', outcome: 'follow_up' });
}

interface RetentionAnswer {
  rule: string | null;
  purgeDueOn: string | null;
  proceedingsEndedOn: string | null;
  legalHold: { id: string } | null;
}

async function retentionOf(staff: ActiveStaff, caseId: string): Promise<RetentionAnswer> {
  return (await staff.client.http.expect<{ retention: RetentionAnswer }>(200, 'GET', `/api/v1/cases/${caseId}`)).retention;
}

async function present(caseId: string): Promise<boolean> {
  return (await t.services.db.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId))).length === 1;
}

/** Runs the purge job and returns the number of cases it reports for the organisation. */
async function purgeRun(org: Org): Promise<number> {
  const run = await runJob(t.services, purgeJob, { dryRun: false });
  expect(run.status).toBe('done');
  expect(run.report?.ok, JSON.stringify(run.report?.lines)).toBe(true);
  const line = run.report!.lines.find((l) => l.startsWith(`${org.slug}:`));
  const purged = /^[^:]+: purged (\d+) case\(s\)/.exec(line ?? '');
  if (!purged) throw new Error(`no purge line for ${org.slug}: ${JSON.stringify(run.report?.lines)}`);
  return Number(purged[1]);
}

/** The day before `dueOn`, at 23:59 in Paris: the run leaves the case whole. */
async function untouchedTheDayBefore(org: Org, caseIds: string[], dueOn: string): Promise<void> {
  const dayBefore = new Date(`${dueOn}T12:00:00Z`);
  dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
  moveTo(paris(`${dayBefore.toISOString().slice(0, 10)}T23:59:00`));
  expect(await purgeRun(org), `purged the day before ${dueOn}`).toBe(0);
  for (const id of caseIds) expect(await present(id), `case gone the day before ${dueOn}`).toBe(true);
}

/** `dueOn` at 00:00:30 in Paris: the run purges the case (and only the given ones). */
async function purgedOnTheDay(org: Org, caseIds: string[], dueOn: string): Promise<void> {
  moveTo(paris(`${dueOn}T00:00:30`));
  expect(await purgeRun(org), `purged on ${dueOn}`).toBe(caseIds.length);
  for (const id of caseIds) {
    expect(await present(id), `case still there on ${dueOn}`).toBe(false);
    const [logged] = await t.services.db.select().from(purgeLog).where(eq(purgeLog.caseId, id));
    expect(logged?.dueOn).toBe(dueOn);
  }
}

// ---------------------------------------------------------------------------------------------

describe('R1: an inadmissible alert is purged at the next run after closure', () => {
  let org: Org;
  beforeAll(async () => {
    t = await startTestApp();
    org = await newOrg();
  });
  afterAll(async () => t?.close());

  it('an open alert is never purged; declared inadmissible, it goes at the next run, that same day', async () => {
    // Given an alert filed on Monday 5 January 2026 and under review
    const filed = await new ReporterClient(t.baseUrl).file(org.slug, sampleReport('R1-BOUNDARY'));
    const { cases: staffCases, flow } = flowOf(org.referent);
    await flow.transition(await staffCases.open(filed.caseId), 'start_admissibility_review');
    expect(await retentionOf(org.referent, filed.caseId)).toEqual({ rule: null, purgeDueOn: null, proceedingsEndedOn: null, legalHold: null });

    // When it is declared inadmissible on Tuesday 6 January at 10:00 in Paris, the day before
    // is left alone (the case was open), and the run right after closure purges it
    await untouchedTheDayBefore(org, [filed.caseId], '2026-01-06');
    await dayPasses(org, paris('2026-01-06T10:00:00'));
    await flow.transition(await staffCases.open(filed.caseId), 'declare_inadmissible', 'Les faits ne relèvent pas du dispositif.');
    expect(await retentionOf(org.referent, filed.caseId)).toMatchObject({ rule: 'R1', purgeDueOn: '2026-01-06' });
    expect(await purgeRun(org)).toBe(1);
    expect(await present(filed.caseId)).toBe(false);
    await expect(staffCases.open(filed.caseId)).rejects.toMatchObject({ status: 404 });
  });
});

describe('R2: closed without follow-up, purged two calendar months after the day of closure', () => {
  let org: Org;
  beforeAll(async () => {
    t = await startTestApp();
    org = await newOrg();
  });
  afterAll(async () => t?.close());

  it('closed on 31 December 2026 → purged on 28 February 2027; closed at 00:30 on 1 January in Paris → 1 March', async () => {
    // Given two alerts in investigation in the last days of 2026
    await dayPasses(org, paris('2026-12-28T10:00:00'));
    const lastDay = await alertInInvestigation(org, 'R2-31-DECEMBER');
    const newYear = await alertInInvestigation(org, 'R2-NEW-YEAR');

    // When one is closed on 31 December at 10:00 in Paris (09:00Z)...
    await dayPasses(org, new Date('2026-12-31T09:00:00Z'));
    await closeWithoutFollowUp(org, lastDay);
    expect(await retentionOf(org.referent, lastDay)).toMatchObject({ rule: 'R2', purgeDueOn: '2027-02-28' });
    // ...and the other at 00:30 on 1 January in Paris, still 31 December in UTC
    await dayPasses(org, new Date('2026-12-31T23:20:00Z'));
    moveTo(new Date('2026-12-31T23:30:00Z'));
    await closeWithoutFollowUp(org, newYear);
    expect(await retentionOf(org.referent, newYear)).toMatchObject({ rule: 'R2', purgeDueOn: '2027-03-01' });

    // Then the first is purged on the last day of February, the second on 1 March
    await untouchedTheDayBefore(org, [lastDay, newYear], '2027-02-28');
    await purgedOnTheDay(org, [lastDay], '2027-02-28');
    await untouchedTheDayBefore(org, [newYear], '2027-03-01');
    await purgedOnTheDay(org, [newYear], '2027-03-01');
  });

  it('closed on 31 December 2027 → purged on 29 February 2028 (a leap year)', async () => {
    await dayPasses(org, paris('2027-12-28T10:00:00'));
    const caseId = await alertInInvestigation(org, 'R2-LEAP-YEAR');
    await dayPasses(org, new Date('2027-12-31T09:00:00Z'));
    await closeWithoutFollowUp(org, caseId);
    expect(await retentionOf(org.referent, caseId)).toMatchObject({ rule: 'R2', purgeDueOn: '2028-02-29' });

    await untouchedTheDayBefore(org, [caseId], '2028-02-29');
    await purgedOnTheDay(org, [caseId], '2028-02-29');
  });
});

describe('R3: closed with follow-up, purged when the proceedings end, at the latest 72 months after closure', () => {
  let org: Org;
  let dpo: ActiveStaff;
  let proceedings: string;
  let latest: string;
  let held: string;
  let holdId: string;
  beforeAll(async () => {
    t = await startTestApp();
    org = await newOrg({ committee: 2, dpo: true });
    dpo = org.dpo!;
  });
  afterAll(async () => t?.close());

  it('three alerts closed with follow-up on 30 January 2026 are due on 30 January 2032 at the latest; one is put under a legal hold', async () => {
    proceedings = await alertInInvestigation(org, 'R3-PROCEEDINGS');
    latest = await alertInInvestigation(org, 'R3-LATEST');
    held = await alertInInvestigation(org, 'R3-HELD');
    await dayPasses(org, paris('2026-01-30T10:00:00'));
    for (const caseId of [proceedings, latest, held]) await closeWithFollowUp(org, caseId);
    for (const caseId of [proceedings, latest, held]) {
      expect(await retentionOf(org.referent, caseId)).toEqual({ rule: 'R3', purgeDueOn: '2032-01-30', proceedingsEndedOn: null, legalHold: null });
    }
    const hold = await dpo.client.http.expect<{ id: string; purgeDueOn: string }>(201, 'POST', '/api/v1/dpo/holds', { caseId: held, reason: 'Appel pendant devant la cour administrative.' });
    holdId = hold.id;
    expect(hold.purgeDueOn).toBe('2032-01-30');
    expect((await retentionOf(org.referent, held)).legalHold?.id).toBe(holdId);
  });

  it('on the day the proceedings ended, once recorded, the case is purged', async () => {
    // The run on the evening before the proceedings end leaves every case alone
    await untouchedTheDayBefore(org, [proceedings, latest, held], '2026-06-15');
    // On 15 June they end: the end cannot be recorded as before the closure or in the future...
    await dayPasses(org, paris('2026-06-15T10:00:00'));
    await expect(org.referent.client.http.expect(200, 'PUT', `/api/v1/cases/${proceedings}/proceedings-end`, { endedOn: '2026-01-29' })).rejects.toMatchObject({
      status: 400,
      body: { code: 'proceedings_before_closure' },
    });
    await expect(org.referent.client.http.expect(200, 'PUT', `/api/v1/cases/${proceedings}/proceedings-end`, { endedOn: '2026-06-16' })).rejects.toMatchObject({
      status: 400,
      body: { code: 'proceedings_in_future' },
    });
    // ...but as that day, and the next run purges the case
    const recorded = await org.referent.client.http.expect<RetentionAnswer>(200, 'PUT', `/api/v1/cases/${proceedings}/proceedings-end`, { endedOn: '2026-06-15' });
    expect(recorded).toEqual({ rule: 'R3', purgeDueOn: '2026-06-15', proceedingsEndedOn: '2026-06-15', legalHold: null });
    expect(await purgeRun(org)).toBe(1);
    expect(await present(proceedings)).toBe(false);
    expect(await present(latest)).toBe(true);
  });

  it('without a recorded end, the case is purged 72 months after closure; the held one stays', async () => {
    await untouchedTheDayBefore(org, [latest, held], '2032-01-30');
    await purgedOnTheDay(org, [latest], '2032-01-30');
    expect(await present(held)).toBe(true);
  });

  it('a legal hold keeps the case past six years; once released, the next run purges it', async () => {
    // A year and more past its due day, the held case is still whole, and shown to the DPO as held
    moveTo(paris('2033-03-01T10:00:00'));
    expect(await purgeRun(org)).toBe(0);
    expect(await present(held)).toBe(true);
    await relogin(org);
    const overview = await dpo.client.http.expect<{ overdue: { total: number }; holds: { id: string; caseId: string }[] }>(200, 'GET', '/api/v1/dpo/retention');
    expect(overview.overdue.total).toBe(0);
    expect(overview.holds.map((h) => ({ id: h.id, caseId: h.caseId }))).toEqual([{ id: holdId, caseId: held }]);

    // When the DPO releases the hold, the next run purges it
    await dpo.client.http.expect(200, 'POST', `/api/v1/dpo/holds/${holdId}/release`, {});
    expect(await purgeRun(org)).toBe(1);
    expect(await present(held)).toBe(false);
    const [logged] = await t.services.db.select().from(purgeLog).where(eq(purgeLog.caseId, held));
    expect(logged).toMatchObject({ rule: 'R3', dueOn: '2032-01-30' });
  });
});

describe('organisation overrides: shorter wins, longer is refused', () => {
  let org: Org;
  let closedEarly: string;
  let closedUnderOverride: string;
  let followedUp: string;
  beforeAll(async () => {
    t = await startTestApp();
    org = await newOrg({ committee: 1 });
    await org.admin.client.http.expect(200, 'PATCH', '/api/v1/admin/intake', { committee: { quorum: 1 } });
  });
  afterAll(async () => t?.close());

  interface Settings {
    retention: { noFollowUpMonths: number; followUpMaxMonths: number };
  }

  it('shortening the retention recomputes the closed cases; a later closure follows the override', async () => {
    // Given a case closed without follow-up on 20 January 2026 under the law's two months
    closedEarly = await alertInInvestigation(org, 'OVERRIDE-BEFORE');
    closedUnderOverride = await alertInInvestigation(org, 'OVERRIDE-AFTER');
    followedUp = await alertInInvestigation(org, 'OVERRIDE-R3');
    await dayPasses(org, paris('2026-01-20T10:00:00'));
    await closeWithoutFollowUp(org, closedEarly);
    expect(await retentionOf(org.referent, closedEarly)).toMatchObject({ rule: 'R2', purgeDueOn: '2026-03-20' });

    // When the organisation shortens it to one month, and six years to twelve months
    const settings = await org.admin.client.http.expect<Settings>(200, 'PATCH', '/api/v1/admin/intake', { retention: { noFollowUpMonths: 1, followUpMaxMonths: 12 } });
    expect(settings.retention).toEqual({ noFollowUpMonths: 1, followUpMaxMonths: 12 });

    // Then the case already closed is due one month after its closure
    expect(await retentionOf(org.referent, closedEarly)).toMatchObject({ rule: 'R2', purgeDueOn: '2026-02-20' });
    // And cases closed on 31 January follow the override: one month (clamped to 28 February), twelve months
    await dayPasses(org, paris('2026-01-31T10:00:00'));
    await closeWithoutFollowUp(org, closedUnderOverride);
    await closeWithFollowUp(org, followedUp);
    expect(await retentionOf(org.referent, closedUnderOverride)).toMatchObject({ rule: 'R2', purgeDueOn: '2026-02-28' });
    expect(await retentionOf(org.referent, followedUp)).toMatchObject({ rule: 'R3', purgeDueOn: '2027-01-31' });
  });

  it('a longer retention is refused with retention_too_long and changes nothing', async () => {
    const auditEntries = await countRows(t.services.db, 'audit_log');
    for (const retention of [{ noFollowUpMonths: 3 }, { followUpMaxMonths: 73 }, { noFollowUpMonths: 2, followUpMaxMonths: 120 }]) {
      await expect(org.admin.client.http.expect(200, 'PATCH', '/api/v1/admin/intake', { retention })).rejects.toMatchObject({ status: 400, body: { code: 'retention_too_long' } });
    }
    expect(await countRows(t.services.db, 'audit_log')).toBe(auditEntries);
    expect((await org.admin.client.http.expect<Settings>(200, 'GET', '/api/v1/admin/intake')).retention).toEqual({ noFollowUpMonths: 1, followUpMaxMonths: 12 });
    expect(await retentionOf(org.referent, closedEarly)).toMatchObject({ purgeDueOn: '2026-02-20' });
    expect(await retentionOf(org.referent, closedUnderOverride)).toMatchObject({ purgeDueOn: '2026-02-28' });
  });

  it('the shortened cases are purged on their new due days', async () => {
    await untouchedTheDayBefore(org, [closedEarly, closedUnderOverride, followedUp], '2026-02-20');
    await purgedOnTheDay(org, [closedEarly], '2026-02-20');
    await untouchedTheDayBefore(org, [closedUnderOverride, followedUp], '2026-02-28');
    await purgedOnTheDay(org, [closedUnderOverride], '2026-02-28');
    await untouchedTheDayBefore(org, [followedUp], '2027-01-31');
    await purgedOnTheDay(org, [followedUp], '2027-01-31');
  });
});
