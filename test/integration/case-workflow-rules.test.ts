// The rules around the case workflow, each as a given/when/then story on a real database with
// real clients (the reporter's and the staff's crypto run here; the server sees ciphertexts):
// 1. acknowledgement by hand when automatic acknowledgement is off;
// 2. an organisation may shorten the legal delays, never lengthen them;
// 3. missed and coming deadlines: the overdue list, the reminder job, feedback meeting its deadline;
// 4. sharing and impartiality (L9): shares, refusals, recusal, the audit trail;
// 5. the committee's edge cases: too small, wrong grants, a tie, double votes;
// 6. identity disclosure (L8);
// 7. meetings on request (L11);
// 8. closing an investigation without follow-up.
//
// One app, one clock. Each story starts on a fixed day, always later than the previous one (TOTP
// steps and the audit chain only go forward), so every due date below is computed by hand from
// that day. Days are Europe/Paris days (region "metropole"); instants are 09:00Z = 10:00 in Paris.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, caseEvents, staffReminders } from '../../db/schema.ts';
import type { HttpAnswer } from '../../src/client/http.ts';
import { ReporterClient, type FiledAlert } from '../../src/client/reporter-client.ts';
import { StaffCasesClient, type CaseSummaryAnswer, type OpenedCase } from '../../src/client/staff-cases-client.ts';
import { StaffWorkflowClient } from '../../src/client/staff-workflow-client.ts';
import { sealCaseKeyFor } from '../../src/crypto/case-keys.ts';
import { fromBase64Url, toBase64Url } from '../../src/crypto/encoding.ts';
import { receiptSignatureHolds, type SignedReceipt } from '../../src/crypto/receipts.ts';
import { findJob } from '../../src/jobs/registry.ts';
import { inviteStaff, newOrganisationWithAdmin, sampleReport, type ActiveStaff } from '../helpers/factories.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await t?.close();
});

// ---------------------------------------------------------------------------------------------
// Helpers

interface Org {
  readonly id: string;
  readonly slug: string;
  readonly admin: ActiveStaff;
  readonly referents: ActiveStaff[];
  readonly committee: ActiveStaff[];
}

/** A new organisation with an admin, referents and committee members, all activated and logged in. */
async function newOrg(counts: { referents: number; committee?: number }, settings?: Record<string, unknown>): Promise<Org> {
  const { organisation, admin } = await newOrganisationWithAdmin(t);
  const referents: ActiveStaff[] = [];
  const committee: ActiveStaff[] = [];
  for (let i = 1; i <= counts.referents; i++) referents.push(await inviteStaff(t, admin, ['referent'], `referent${i}@${organisation.slug}.fr`));
  for (let i = 1; i <= (counts.committee ?? 0); i++) committee.push(await inviteStaff(t, admin, ['committee'], `membre${i}@${organisation.slug}.fr`));
  if (settings) await admin.client.http.expect(200, 'PATCH', '/api/v1/admin/intake', settings);
  return { id: organisation.id, slug: organisation.slug, admin, referents, committee };
}

/** The clock moves forward to `iso` (never back). */
function moveTo(iso: string): void {
  const at = new Date(iso);
  if (at.getTime() <= t.clock.now().getTime()) throw new Error(`the clock is already at ${t.clock.now().toISOString()}, past ${iso}`);
  t.clock.set(at);
}

/** Staff sessions end after 30 idle minutes: after time passes everyone logs in again, each on a fresh TOTP step. */
async function relogin(org: Org): Promise<void> {
  for (const staff of [org.admin, ...org.referents, ...org.committee]) {
    t.clock.advance(30_000);
    await staff.client.login(staff.credentials, t.clock.now());
  }
}

/** Moves to `iso` and logs everyone of the organisation in again. */
async function dayPasses(org: Org, iso: string): Promise<void> {
  moveTo(iso);
  await relogin(org);
}

function casesOf(staff: ActiveStaff): StaffCasesClient {
  return new StaffCasesClient(staff.client);
}

function flowOf(staff: ActiveStaff): StaffWorkflowClient {
  return new StaffWorkflowClient(casesOf(staff));
}

/** One case as it appears in a staff member's list. */
async function listed(staff: ActiveStaff, caseId: string): Promise<CaseSummaryAnswer> {
  const found = (await casesOf(staff).list()).cases.find((c) => c.id === caseId);
  if (!found) throw new Error(`case ${caseId} is not in the list`);
  return found;
}

/** acknowledged → admissibility_review → investigation, as the referent; returns the case reopened. */
async function toInvestigation(referent: ActiveStaff, caseId: string): Promise<OpenedCase> {
  const cases = casesOf(referent);
  const flow = new StaffWorkflowClient(cases);
  await flow.transition(await cases.open(caseId), 'start_admissibility_review');
  expect((await flow.transition(await cases.open(caseId), 'declare_admissible')).state).toBe('investigation');
  return cases.open(caseId);
}

/** The case key re-sealed for any staff member, bypassing the client's own candidate check (to try what the client never offers). */
async function grantFor(opened: OpenedCase, staff: ActiveStaff): Promise<{ recipient: string; sealedKey: string }> {
  const publicKey = staff.client.self?.publicKey;
  if (!publicKey) throw new Error('log in first');
  return { recipient: staff.accountId, sealedKey: toBase64Url(await sealCaseKeyFor(fromBase64Url(publicKey), opened.caseKey)) };
}

function expectRefusal(answer: HttpAnswer, status: number, code: string): void {
  expect({ status: answer.status, code: (answer.body as { code?: string }).code }).toEqual({ status, code });
}

const ROW_TABLES = [
  'cases',
  'case_key_grants',
  'case_exclusions',
  'case_events',
  'case_messages',
  'case_receipts',
  'committee_votes',
  'identity_disclosures',
  'audit_log',
] as const;

/** Row counts of every table a workflow request may write, so a refusal can be shown to write nothing. */
async function workflowRowCounts(): Promise<Record<(typeof ROW_TABLES)[number], number>> {
  const counts = {} as Record<(typeof ROW_TABLES)[number], number>;
  for (const table of ROW_TABLES) {
    const result = await t.services.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`);
    const rows: unknown[] = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
    counts[table] = Number((rows[0] as { n: number }).n);
  }
  return counts;
}

async function verifiesAgainstPublishedKey(receipt: SignedReceipt): Promise<boolean> {
  const keys = (await (await fetch(`${t.baseUrl}/api/v1/keys/receipt`)).json()) as { keys: { keyId: string; publicKey: string }[] };
  const key = keys.keys.find((k) => k.keyId === receipt.keyId);
  if (!key) return false;
  return receiptSignatureHolds(receipt, fromBase64Url(key.publicKey));
}

function reporterEvents(mailbox: { timeline: { kind: string; event?: string }[] }): string[] {
  return mailbox.timeline.filter((e) => e.kind === 'event').map((e) => e.event ?? '');
}

// ---------------------------------------------------------------------------------------------
// 1. Acknowledgement by hand

describe('automatic acknowledgement turned off', () => {
  let org: Org;
  let referent: ActiveStaff;

  beforeAll(async () => {
    // The clock starts on Monday 5 January 2026, 09:00Z.
    org = await newOrg({ referents: 1 });
    referent = org.referents[0]!;
  });

  it('files without a receipt, then the referent acknowledges and the signed receipt reaches the mailbox', async () => {
    // Given an organisation that acknowledges by hand
    const settings = await org.admin.client.http.expect<{ autoAcknowledge: boolean }>(200, 'PATCH', '/api/v1/admin/intake', { autoAcknowledge: false });
    expect(settings.autoAcknowledge).toBe(false);

    // When a reporter files an alert on Monday 5 January 2026 (about 10:0x in Paris)
    const reporter = new ReporterClient(t.baseUrl);
    const filed = await reporter.file(org.slug, sampleReport('ACK-BY-HAND'));

    // Then the filing answers 201 without a receipt, the acknowledgement due on:
    //   received Mon 5 Jan (the day of receipt does not count) → Tue 6 (1), Wed 7 (2), Thu 8 (3),
    //   Fri 9 (4), [Sat 10, Sun 11 skipped], Mon 12 (5), Tue 13 (6), Wed 14 (7) → 2026-01-14
    // and, without an acknowledgement yet, feedback due 3 months after that day: 2026-04-14.
    expect(filed.receipt).toBeNull();
    expect(filed.ackDueOn).toBe('2026-01-14');
    expect(filed.receivedAt.slice(0, 10)).toBe('2026-01-05');
    const before = await listed(referent, filed.caseId);
    expect(before).toMatchObject({
      state: 'received',
      acknowledgedAt: null,
      ackDueOn: '2026-01-14',
      feedbackDueOn: '2026-04-14',
      deadlines: { acknowledgement: { dueOn: '2026-01-14', status: 'pending' }, feedback: { dueOn: '2026-04-14', status: 'pending' }, meeting: null },
    });
    const opened = await casesOf(referent).open(filed.caseId);
    expect(opened.detail.availableActions).toEqual(['acknowledge']);
    expect(opened.receipts).toEqual([]);

    // And the reporter's mailbox holds no receipt
    let mailbox = await reporter.openMailbox(filed.token);
    expect(mailbox.state).toBe('received');
    expect(mailbox.receipts).toEqual([]);
    expect(mailbox.timeline.map((e) => e.kind)).toEqual(['received']);

    // When the referent acknowledges on Thursday 8 January 2026
    await dayPasses(org, '2026-01-08T09:00:00Z');
    const acknowledgedAt = t.clock.now().toISOString();
    const flow = flowOf(referent);
    expect(await flow.transition(await casesOf(referent).open(filed.caseId), 'acknowledge')).toEqual({ state: 'acknowledged', closedAt: null, outcome: null });

    // Then the signed acknowledgement is in the mailbox, verifying against the published key, and the
    // feedback is due 3 months after the day of acknowledgement: Thu 8 Jan → 2026-04-08
    // (a calendar-month deadline, not moved to a working day).
    mailbox = await reporter.openMailbox(filed.token);
    expect(mailbox.state).toBe('acknowledged');
    expect(mailbox.feedbackDueOn).toBe('2026-04-08');
    expect(mailbox.receipts.map((r) => ({ kind: r.kind, issuedAt: r.issuedAt }))).toEqual([{ kind: 'acknowledgement', issuedAt: acknowledgedAt }]);
    const receipt = mailbox.receipts[0]!;
    expect(await verifiesAgainstPublishedKey(receipt)).toBe(true);
    const payload = JSON.parse(receipt.payload) as { kind: string; caseReference: string; receivedAt: string; issuedAt: string; feedbackDueOn: string; statement: { fr: string; en: string } };
    expect(payload).toMatchObject({ kind: 'acknowledgement', caseReference: filed.caseReference, receivedAt: filed.receivedAt, issuedAt: acknowledgedAt, feedbackDueOn: '2026-04-08' });
    expect(payload.statement.fr).toContain('8 avril 2026');
    expect(payload.statement.en).toContain('8 April 2026');
    expect(mailbox.timeline.map((e) => e.kind)).toEqual(['received', 'receipt']);

    // And the referent sees the acknowledgement met and the new feedback date
    const after = await listed(referent, filed.caseId);
    expect(after).toMatchObject({
      state: 'acknowledged',
      acknowledgedAt,
      feedbackDueOn: '2026-04-08',
      deadlines: { acknowledgement: { dueOn: '2026-01-14', status: 'met' }, feedback: { dueOn: '2026-04-08', status: 'pending' } },
    });
    const reopened = await casesOf(referent).open(filed.caseId);
    expect(reopened.detail.timeline.find((e) => e.kind === 'acknowledged')).toMatchObject({ actorKind: 'staff', actorStaffId: referent.accountId });

    // And it cannot be acknowledged twice
    await expect(flow.transition(reopened, 'acknowledge')).rejects.toMatchObject({ status: 409, body: { code: 'transition_not_allowed' } });
    expect((await reporter.refresh()).receipts).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Shorter delays only

describe("an organisation's own delays", () => {
  let org: Org;
  let referent: ActiveStaff;

  beforeAll(async () => {
    moveTo('2026-01-12T09:00:00Z'); // Monday 12 January 2026
    org = await newOrg({ referents: 1 });
    referent = org.referents[0]!;
  });

  it('may be shorter than the law: new filings get the earlier due dates', async () => {
    const reporter = new ReporterClient(t.baseUrl);
    // Given a filing on Monday 12 January under the law's delays (acknowledged automatically that day):
    //   ack: Tue 13 (1), Wed 14 (2), Thu 15 (3), Fri 16 (4), Mon 19 (5), Tue 20 (6), Wed 21 (7) → 2026-01-21
    //   feedback: 12 Jan + 3 months → 2026-04-12
    const underTheLaw = await reporter.file(org.slug, sampleReport('DELAYS-LAW'));
    expect(underTheLaw.ackDueOn).toBe('2026-01-21');
    expect((JSON.parse(underTheLaw.receipt!.payload) as { feedbackDueOn: string }).feedbackDueOn).toBe('2026-04-12');

    // When the admin shortens the acknowledgement to 5 jours ouvrés and the feedback to 2 months
    const settings = await org.admin.client.http.expect<{ deadlines: Record<string, number> }>(200, 'PATCH', '/api/v1/admin/intake', {
      deadlines: { ackWorkingDays: 5, feedbackMonths: 2 },
    });
    expect(settings.deadlines).toEqual({ ackWorkingDays: 5, feedbackMonths: 2, meetingWorkingDays: 20 });

    // Then a new filing, the same Monday, is due earlier:
    //   ack: Tue 13 (1), Wed 14 (2), Thu 15 (3), Fri 16 (4), Mon 19 (5) → 2026-01-19
    //   feedback: 12 Jan + 2 months → 2026-03-12 (also what the signed receipt promises)
    const shorter = await reporter.file(org.slug, sampleReport('DELAYS-SHORT'));
    expect(shorter.ackDueOn).toBe('2026-01-19');
    expect((JSON.parse(shorter.receipt!.payload) as { feedbackDueOn: string }).feedbackDueOn).toBe('2026-03-12');
    expect(await listed(referent, shorter.caseId)).toMatchObject({
      ackDueOn: '2026-01-19',
      feedbackDueOn: '2026-03-12',
      deadlines: { acknowledgement: { dueOn: '2026-01-19', status: 'met' }, feedback: { dueOn: '2026-03-12', status: 'pending' } },
    });
    // And the earlier case keeps the dates it was filed with
    expect(await listed(referent, underTheLaw.caseId)).toMatchObject({ ackDueOn: '2026-01-21', feedbackDueOn: '2026-04-12' });
  });

  it('may never be longer: the refusal names the legal maximum and nothing changes', async () => {
    const auditRows = () => t.services.db.$count(auditLog, eq(auditLog.organisationId, org.id));
    const auditBefore = await auditRows();

    // When the admin asks for 8 jours ouvrés for the acknowledgement
    const tooLong = await org.admin.client.http.send<{ code: string; detail: string }>('PATCH', '/api/v1/admin/intake', { deadlines: { ackWorkingDays: 8 } });

    // Then 400, naming the legal maximum
    expectRefusal(tooLong, 400, 'deadline_too_long');
    expect(tooLong.body.detail).toContain('ackWorkingDays');
    expect(tooLong.body.detail).toContain('legal maximum: 7 jours ouvrés');

    // And the same for the other two delays
    const feedback = await org.admin.client.http.send<{ code: string; detail: string }>('PATCH', '/api/v1/admin/intake', { deadlines: { feedbackMonths: 4 } });
    expectRefusal(feedback, 400, 'deadline_too_long');
    expect(feedback.body.detail).toContain('legal maximum: 3 months');
    const meeting = await org.admin.client.http.send<{ code: string; detail: string }>('PATCH', '/api/v1/admin/intake', { deadlines: { meetingWorkingDays: 21 } });
    expectRefusal(meeting, 400, 'deadline_too_long');
    expect(meeting.body.detail).toContain('legal maximum: 20 jours ouvrés');
    // (a refused change bundled with an allowed one changes nothing either)
    expectRefusal(await org.admin.client.http.send('PATCH', '/api/v1/admin/intake', { offersMeetings: true, deadlines: { ackWorkingDays: 8 } }), 400, 'deadline_too_long');

    // And nothing changed
    const current = await org.admin.client.http.expect<{ deadlines: Record<string, number>; offersMeetings: boolean }>(200, 'GET', '/api/v1/admin/intake');
    expect(current.deadlines).toEqual({ ackWorkingDays: 5, feedbackMonths: 2, meetingWorkingDays: 20 });
    expect(current.offersMeetings).toBe(false);
    expect(await auditRows()).toBe(auditBefore);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Overdue deadlines and reminders

describe('missed and coming deadlines', () => {
  let org: Org;
  let first: ActiveStaff;
  let second: ActiveStaff;
  let concerned: ActiveStaff;
  const filed = {} as Record<'late' | 'inTime' | 'dueSoon' | 'later', FiledAlert>;

  beforeAll(async () => {
    moveTo('2026-01-19T09:00:00Z'); // Monday 19 January 2026
    org = await newOrg({ referents: 3 }, { autoAcknowledge: false });
    [first, second, concerned] = org.referents as [ActiveStaff, ActiveStaff, ActiveStaff];
  });

  it('lists a missed acknowledgement as overdue and records one reminder per referent holding the case', async () => {
    const reporter = new ReporterClient(t.baseUrl);
    // Given, on Monday 19 January, an alert for two referents that leaves out the third, who it concerns:
    //   ack due: Tue 20 (1), Wed 21 (2), Thu 22 (3), Fri 23 (4), Mon 26 (5), Tue 27 (6), Wed 28 (7) → 2026-01-28
    filed.late = await reporter.file(org.slug, sampleReport('OVERDUE-LATE'), { recipients: [first.accountId, second.accountId], excluded: [concerned.accountId] });
    expect(filed.late.ackDueOn).toBe('2026-01-28');
    // And one filed the same day that the first referent acknowledges in time, on Wednesday 21 January
    filed.inTime = await reporter.file(org.slug, sampleReport('OVERDUE-IN-TIME'), { recipients: [first.accountId] });
    await dayPasses(org, '2026-01-21T09:00:00Z');
    await flowOf(first).transition(await casesOf(first).open(filed.inTime.caseId), 'acknowledge');
    // And one filed on Thursday 22 January:
    //   Fri 23 (1), Mon 26 (2), Tue 27 (3), Wed 28 (4), Thu 29 (5), Fri 30 (6), Mon 2 Feb (7) → 2026-02-02
    moveTo('2026-01-22T09:00:00Z');
    filed.dueSoon = await reporter.file(org.slug, sampleReport('OVERDUE-DUE-SOON'), { recipients: [first.accountId] });
    expect(filed.dueSoon.ackDueOn).toBe('2026-02-02');
    // And one filed on Friday 23 January:
    //   Mon 26 (1), Tue 27 (2), Wed 28 (3), Thu 29 (4), Fri 30 (5), Mon 2 Feb (6), Tue 3 Feb (7) → 2026-02-03
    moveTo('2026-01-23T09:00:00Z');
    filed.later = await reporter.file(org.slug, sampleReport('OVERDUE-LATER'), { recipients: [first.accountId] });
    expect(filed.later.ackDueOn).toBe('2026-02-03');

    // When it is Wednesday 28 January, the due day itself: not overdue yet, due soon
    await dayPasses(org, '2026-01-28T09:00:00Z');
    expect((await casesOf(first).list('?overdue=true')).cases).toEqual([]);
    expect((await listed(first, filed.late.caseId)).deadlines.acknowledgement).toEqual({ dueOn: '2026-01-28', status: 'due_soon' });

    // When Thursday 29 January comes without an acknowledgement
    await dayPasses(org, '2026-01-29T09:00:00Z');

    // Then the overdue list of each holder shows that case, and only it
    for (const holder of [first, second]) {
      const overdue = (await casesOf(holder).list('?overdue=true')).cases;
      expect(overdue.map((c) => c.id)).toEqual([filed.late.caseId]);
      expect(overdue[0]!.deadlines.acknowledgement).toEqual({ dueOn: '2026-01-28', status: 'overdue' });
      expect(overdue[0]!.state).toBe('received');
    }
    // And the referent the reporter left out sees nothing of it
    expect((await casesOf(concerned).list('?overdue=true')).cases).toEqual([]);
    expect((await casesOf(concerned).list()).cases).toEqual([]);
    // And the other cases have their own status (due within 2 working days: Fri 30 (1), Mon 2 Feb (2))
    const all = new Map((await casesOf(first).list()).cases.map((c) => [c.id, c.deadlines.acknowledgement]));
    expect(all.get(filed.inTime.caseId)).toEqual({ dueOn: '2026-01-28', status: 'met' });
    expect(all.get(filed.dueSoon.caseId)).toEqual({ dueOn: '2026-02-02', status: 'due_soon' });
    expect(all.get(filed.later.caseId)).toEqual({ dueOn: '2026-02-03', status: 'pending' });

    // When the reminder job runs, first as a dry run
    const job = findJob('deadline-reminders')!;
    const caseIds = Object.values(filed).map((f) => f.caseId);
    const remindersOfOrg = () => t.services.db.select().from(staffReminders).where(inArray(staffReminders.caseId, caseIds));
    const dry = await job.run(t.services, { dryRun: true });
    expect(dry.lines).toContain(`${org.slug}: 1 deadline(s) due within 2 working days, 1 missed; would record 3 reminder(s) for 2 referent(s)`);
    expect(await remindersOfOrg()).toEqual([]);
    const report = await job.run(t.services, { dryRun: false });

    // Then there is one row per referent holding the late case, one for the case due soon, none for the others
    expect(report.ok).toBe(true);
    expect(report.lines).toContain(`${org.slug}: 1 deadline(s) due within 2 working days, 1 missed; recorded 3 reminder(s) for 2 referent(s)`);
    const rows = (await remindersOfOrg()).map((r) => ({ ...r, computedAt: r.computedAt.toISOString() }));
    const key = (r: { staffAccountId: string; caseId: string }) => `${r.caseId}|${r.staffAccountId}`;
    const now = t.clock.now().toISOString();
    expect(rows.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      [
        { staffAccountId: first.accountId, caseId: filed.late.caseId, deadline: 'acknowledgement', dueOn: '2026-01-28', status: 'overdue', computedAt: now },
        { staffAccountId: second.accountId, caseId: filed.late.caseId, deadline: 'acknowledgement', dueOn: '2026-01-28', status: 'overdue', computedAt: now },
        { staffAccountId: first.accountId, caseId: filed.dueSoon.caseId, deadline: 'acknowledgement', dueOn: '2026-02-02', status: 'due_soon', computedAt: now },
      ].sort((a, b) => key(a).localeCompare(key(b))),
    );
    // And none at all for the referent the alert concerns
    expect(await t.services.db.$count(staffReminders, eq(staffReminders.staffAccountId, concerned.accountId))).toBe(0);

    // And a second run replaces the rows rather than adding to them
    await job.run(t.services, { dryRun: false });
    expect(await remindersOfOrg()).toHaveLength(3);
  });

  it('meets the feedback deadline with a message marked feedback, not with a plain one', async () => {
    // Given the case acknowledged on Wednesday 21 January: feedback due 21 Jan + 3 months → 2026-04-21
    const cases = casesOf(first);
    let opened = await cases.open(filed.inTime.caseId);
    expect(opened.summary.deadlines.feedback).toEqual({ dueOn: '2026-04-21', status: 'pending' });

    // When the referent writes a plain message
    await cases.sendMessage(opened, opened.organisationId, 'Nous avons bien pris connaissance de votre alerte.');
    t.clock.advance(60_000);

    // Then the feedback deadline is still pending
    opened = await cases.open(filed.inTime.caseId);
    expect(opened.summary).toMatchObject({ feedbackGivenAt: null, deadlines: { feedback: { dueOn: '2026-04-21', status: 'pending' } } });

    // When the referent writes a message marked as feedback
    const sent = await cases.sendMessage(opened, opened.organisationId, 'Une vérification des marchés de 2025 est engagée.', 'feedback');

    // Then the feedback deadline is met, on that message's date
    opened = await cases.open(filed.inTime.caseId);
    expect(opened.summary).toMatchObject({ feedbackGivenAt: sent.sentAt, deadlines: { feedback: { dueOn: '2026-04-21', status: 'met' } } });
    expect(opened.messages.map((m) => m.purpose)).toEqual(['message', 'feedback']);
    // And the reporter reads both, the second marked as feedback
    const reporter = new ReporterClient(t.baseUrl);
    await reporter.openMailbox(filed.inTime.token);
    expect((await reporter.readMessages()).map((m) => [m.purpose, m.author])).toEqual([
      ['message', 'staff'],
      ['feedback', 'staff'],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Sharing and impartiality

describe('sharing and impartiality (L9)', () => {
  let org: Org;
  let first: ActiveStaff;
  let colleague: ActiveStaff;
  let concerned: ActiveStaff;

  beforeAll(async () => {
    moveTo('2026-02-02T09:00:00Z'); // Monday 2 February 2026
    org = await newOrg({ referents: 3 });
    [first, colleague, concerned] = org.referents as [ActiveStaff, ActiveStaff, ActiveStaff];
  });

  it('shares only with those the alert does not concern, and audits shares and recusals', async () => {
    // Given an alert for the first referent alone, which concerns the third (left out by the reporter)
    const marker = 'PARTAGE-CONFIDENTIEL';
    const filed = await new ReporterClient(t.baseUrl).file(org.slug, sampleReport(marker), { recipients: [first.accountId], excluded: [concerned.accountId] });
    const flow = flowOf(first);
    const opened = await casesOf(first).open(filed.caseId);
    expect(opened.detail.shareCandidates.map((c) => c.id)).toEqual([colleague.accountId]);
    const shares = `/api/v1/cases/${filed.caseId}/shares`;

    // When the only referent holding it recuses themselves: 409, nothing written
    let counts = await workflowRowCounts();
    await expect(flow.recuse(filed.caseId)).rejects.toMatchObject({ status: 409, body: { code: 'last_referent' } });
    expect(await workflowRowCounts()).toEqual(counts);
    expect((await casesOf(first).open(filed.caseId)).summary.id).toBe(filed.caseId);

    // When they share it with the referent the reporter left out (the client never offers it; the key is sealed by hand): 409, nothing written
    counts = await workflowRowCounts();
    expectRefusal(await first.client.http.send('POST', shares, await grantFor(opened, concerned)), 409, 'recipient_concerned');
    expect(await workflowRowCounts()).toEqual(counts);
    expect((await concerned.client.http.send('GET', `/api/v1/cases/${filed.caseId}`)).status).toBe(404);

    // When they share it with a colleague
    const shared = await flow.share(opened, colleague.accountId);
    expect(shared.sharedAt).toBe(t.clock.now().toISOString());

    // Then the colleague opens it and decrypts the report
    const theirs = await casesOf(colleague).open(filed.caseId);
    expect(theirs.report.whatHappened).toContain(marker);
    expect((await casesOf(colleague).list()).cases.map((c) => c.id)).toEqual([filed.caseId]);

    // And sharing with them again is refused, nothing written
    counts = await workflowRowCounts();
    expectRefusal(await first.client.http.send('POST', shares, await grantFor(opened, colleague)), 409, 'already_shared');
    expect(await workflowRowCounts()).toEqual(counts);

    // When the first referent then recuses themselves
    await flow.recuse(filed.caseId);

    // Then the case no longer exists for them
    expect((await first.client.http.send('GET', `/api/v1/cases/${filed.caseId}`)).status).toBe(404);
    expect((await casesOf(first).list()).cases).toEqual([]);
    // And the colleague can never give it back to them
    const colleagues = await casesOf(colleague).open(filed.caseId);
    expect(colleagues.detail.shareCandidates.map((c) => c.id)).toEqual([]);
    counts = await workflowRowCounts();
    expectRefusal(await colleague.client.http.send('POST', shares, await grantFor(colleagues, first)), 409, 'recipient_concerned');
    expect(await workflowRowCounts()).toEqual(counts);
    // And the colleague, now the last referent holding it, may not recuse
    await expect(flowOf(colleague).recuse(filed.caseId)).rejects.toMatchObject({ status: 409, body: { code: 'last_referent' } });

    // And the audit log has the share and the recusal, with ids only
    const audit = await t.services.db
      .select({ action: auditLog.action, actorId: auditLog.actorId, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, filed.caseId), inArray(auditLog.action, ['case.shared', 'case.recused'])))
      .orderBy(auditLog.seq);
    expect(audit).toEqual([
      { action: 'case.shared', actorId: first.accountId, details: { recipient: colleague.accountId } },
      { action: 'case.recused', actorId: first.accountId, details: {} },
    ]);
    const everything = await t.services.db.select({ details: auditLog.details }).from(auditLog).where(eq(auditLog.organisationId, org.id));
    expect(JSON.stringify(everything)).not.toContain(marker);

    // And the staff timeline tells it; the reporter's does not
    expect(colleagues.detail.timeline.filter((e) => e.kind === 'shared' || e.kind === 'recused').map((e) => [e.kind, e.actorStaffId])).toEqual([
      ['shared', first.accountId],
      ['recused', first.accountId],
    ]);
    const reporter = new ReporterClient(t.baseUrl);
    const mailbox = await reporter.openMailbox(filed.token);
    expect(JSON.stringify(mailbox.timeline)).not.toMatch(/shared|recused/);
  });
});

// ---------------------------------------------------------------------------------------------
// 5. The committee's edge cases

describe("the committee's edge cases", () => {
  let org: Org;
  let referent: ActiveStaff;
  let member1: ActiveStaff;
  let member2: ActiveStaff;
  let tied: FiledAlert;

  beforeAll(async () => {
    moveTo('2026-02-09T09:00:00Z'); // Monday 9 February 2026
    org = await newOrg({ referents: 1, committee: 2 }, { committee: { quorum: 2, majority: 'simple' } });
    referent = org.referents[0]!;
    [member1, member2] = org.committee as [ActiveStaff, ActiveStaff];
  });

  it('refuses to send a case to a committee that cannot reach its quorum', async () => {
    // Given a quorum of 2 and an alert that leaves out one of the two members
    const filed = await new ReporterClient(t.baseUrl).file(org.slug, sampleReport('COMMITTEE-SMALL'), { excluded: [member2.accountId] });
    const opened = await toInvestigation(referent, filed.caseId);
    expect(opened.detail.shareCandidates.map((c) => c.id)).toEqual([member1.accountId]);

    // When the referent sends it to the committee (grants for the one member who may read it)
    const counts = await workflowRowCounts();
    const refusal = flowOf(referent).transition(opened, 'send_to_committee');

    // Then 409, and nothing changes
    await expect(refusal).rejects.toMatchObject({ status: 409, body: { code: 'committee_too_small' } });
    expect(await workflowRowCounts()).toEqual(counts);
    expect((await casesOf(referent).open(filed.caseId)).summary.state).toBe('investigation');
    expect((await member1.client.http.send('GET', `/api/v1/cases/${filed.caseId}`)).status).toBe(404);
  });

  it('refuses grants that do not cover every member who may read the case', async () => {
    // Given a case both members may read
    const reporter = new ReporterClient(t.baseUrl);
    tied = await reporter.file(org.slug, sampleReport('COMMITTEE-TIE'));
    const opened = await toInvestigation(referent, tied.caseId);

    // When the referent seals the key for one member only
    const counts = await workflowRowCounts();
    const answer = await referent.client.http.send<{ code: string; detail: string }>('POST', `/api/v1/cases/${tied.caseId}/transitions`, {
      action: 'send_to_committee',
      grants: [await grantFor(opened, member1)],
    });

    // Then 400 naming the one missing, and nothing changes
    expectRefusal(answer, 400, 'committee_grants_mismatch');
    expect(answer.body.detail).toContain(member2.accountId);
    expect(await workflowRowCounts()).toEqual(counts);
    expect((await casesOf(referent).open(tied.caseId)).summary.state).toBe('investigation');
    expect((await member1.client.http.send('GET', `/api/v1/cases/${tied.caseId}`)).status).toBe(404);
  });

  it('leaves a 1-1 tie open and deadlocked, refuses a second vote and a follow-up vote without its kind', async () => {
    // Given the case before the committee of two
    expect((await flowOf(referent).transition(await casesOf(referent).open(tied.caseId), 'send_to_committee')).state).toBe('committee_review');

    // When the first member votes for disciplinary follow-up
    const firstCases = casesOf(member1);
    const firstFlow = new StaffWorkflowClient(firstCases);
    expect(await firstFlow.vote(await firstCases.open(tied.caseId), 'follow_up', 'Les faits sont établis.', 'disciplinary')).toEqual({ status: 'awaiting_quorum' });

    // Then voting again is refused
    let counts = await workflowRowCounts();
    await expect(firstFlow.vote(await firstCases.open(tied.caseId), 'no_follow_up', 'Je me ravise.')).rejects.toMatchObject({ status: 409, body: { code: 'already_voted' } });
    // And a follow-up vote without its kind is refused
    const secondCases = casesOf(member2);
    const secondFlow = new StaffWorkflowClient(secondCases);
    await expect(secondFlow.vote(await secondCases.open(tied.caseId), 'follow_up', 'Des suites, sans dire lesquelles.')).rejects.toMatchObject({
      status: 400,
      body: { code: 'follow_up_kind' },
    });
    counts = { ...counts, audit_log: counts.audit_log + 2 }; // the two openings above are audited, nothing else
    expect(await workflowRowCounts()).toEqual(counts);

    // When the second member votes against any follow-up
    expect(await secondFlow.vote(await secondCases.open(tied.caseId), 'no_follow_up', 'Les pièces ne suffisent pas.')).toEqual({ status: 'deadlocked' });

    // Then the case stays before the committee, visibly deadlocked
    const seen = await casesOf(referent).open(tied.caseId);
    expect(seen.summary).toMatchObject({ state: 'committee_review', closedAt: null, outcome: null });
    expect(seen.detail.committee).toMatchObject({ status: 'deadlocked', tally: { followUp: 1, noFollowUp: 1, abstain: 0, eligible: 2 } });
    expect(seen.detail.committee?.eligible.sort()).toEqual([member1.accountId, member2.accountId].sort());
    expect(seen.detail.timeline.filter((e) => e.kind === 'committee_deadlocked')).toEqual([
      expect.objectContaining({ actorKind: 'system', actorStaffId: null }),
    ]);
    expect(await t.services.db.$count(caseEvents, and(eq(caseEvents.caseId, tied.caseId), eq(caseEvents.kind, 'committee_deadlocked')))).toBe(1);

    // And the reporter's timeline says it is before the committee, and nothing of the deadlock or the votes
    const reporter = new ReporterClient(t.baseUrl);
    const mailbox = await reporter.openMailbox(tied.token);
    expect(mailbox.state).toBe('committee_review');
    expect(reporterEvents(mailbox)).toEqual(['admissibility_review_started', 'declared_admissible', 'sent_to_committee']);
    expect(JSON.stringify(mailbox.timeline)).not.toMatch(/deadlock|vote/i);

    // When the referent takes the case back out of the deadlock
    const referentFlow = new StaffWorkflowClient(casesOf(referent));
    expect(seen.detail.availableActions).toEqual(['return_to_investigation']);
    expect((await referentFlow.transition(seen, 'return_to_investigation')).state).toBe('investigation');

    // Then that round's votes are discarded, the reporter is told, and the case may go back to the committee
    const back = await casesOf(referent).open(tied.caseId);
    expect(back.detail.committee?.votes ?? []).toEqual([]);
    expect([...back.detail.availableActions].sort()).toEqual(['close_without_follow_up', 'send_to_committee']);
    expect(reporterEvents(await reporter.refresh()).at(-1)).toBe('returned_to_investigation');
    expect((await referentFlow.transition(back, 'send_to_committee')).state).toBe('committee_review');
  });
});

// ---------------------------------------------------------------------------------------------
// 6. Identity disclosure

describe('identity disclosure (L8)', () => {
  let org: Org;
  let referent: ActiveStaff;
  let confidential: FiledAlert;

  beforeAll(async () => {
    moveTo('2026-02-16T09:00:00Z'); // Monday 16 February 2026
    org = await newOrg({ referents: 1 });
    referent = org.referents[0]!;
  });

  it("tells the reporter, in French and English, that their identity went to the judicial authority", async () => {
    // Given a confidential report: the reporter gives their identity (ReporterClient.file makes a report
    // with an identity confidential by default; said here explicitly)
    const identity = { name: 'Camille Delorme', contact: 'camille.delorme@example.fr' };
    const reporter = new ReporterClient(t.baseUrl);
    confidential = await reporter.file(org.slug, sampleReport('IDENTITE', { identity }), { identityMode: 'confidential' });
    const cases = casesOf(referent);
    const opened = await cases.open(confidential.caseId);
    expect(opened.summary.identityMode).toBe('confidential');
    expect(opened.report.identity).toEqual(identity);

    // When the referent records a disclosure to the judicial authority
    const details = 'Réquisition du procureur de la République près le tribunal judiciaire de Nantes, 16 février 2026';
    const recorded = await flowOf(referent).discloseIdentity(opened, 'judicial_authority', false, details);
    expect(recorded.recordedAt).toBe(t.clock.now().toISOString());

    // Then the reporter's mailbox tells them, in both languages
    const mailbox = await reporter.openMailbox(confidential.token);
    const notices = mailbox.timeline.filter((e) => e.kind === 'event' && e.event === 'identity_disclosed');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.notice?.fr).toContain("l'autorité judiciaire");
    expect(notices[0]!.notice?.en).toContain('judicial authority');
    expect(JSON.stringify(mailbox.timeline)).not.toContain('Nantes');

    // And the referent's client decrypts the details
    const reopened = await cases.open(confidential.caseId);
    expect(reopened.detail.disclosures).toEqual([
      expect.objectContaining({ recordedBy: referent.accountId, legalBasis: 'judicial_authority', consentGiven: false, recordedAt: recorded.recordedAt }),
    ]);
    expect(await flowOf(referent).disclosureDetails(reopened)).toEqual([details]);
    expect(reopened.detail.timeline.find((e) => e.kind === 'identity_disclosed')).toMatchObject({ actorStaffId: referent.accountId });

    // And the audit log holds the basis, never the details nor the identity
    const audit = await t.services.db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, confidential.caseId), eq(auditLog.action, 'case.identity_disclosed')));
    expect(audit).toEqual([{ details: { legalBasis: 'judicial_authority', consentGiven: false, disclosureId: reopened.detail.disclosures[0]!.id } }]);
  });

  it('refuses a disclosure on the basis of consent without the consent', async () => {
    const opened = await casesOf(referent).open(confidential.caseId);
    const counts = await workflowRowCounts();
    await expect(flowOf(referent).discloseIdentity(opened, 'consent', false, 'À la direction générale')).rejects.toMatchObject({
      status: 400,
      body: { code: 'consent_required' },
    });
    expect(await workflowRowCounts()).toEqual(counts);
  });

  it('refuses a disclosure on an anonymous report', async () => {
    const anonymous = await new ReporterClient(t.baseUrl).file(org.slug, sampleReport('ANONYME'));
    const opened = await casesOf(referent).open(anonymous.caseId);
    expect(opened.summary.identityMode).toBe('anonymous');
    const counts = await workflowRowCounts();
    await expect(flowOf(referent).discloseIdentity(opened, 'judicial_authority', false, 'Parquet')).rejects.toMatchObject({
      status: 409,
      body: { code: 'anonymous_report' },
    });
    expect(await workflowRowCounts()).toEqual(counts);
  });
});

// ---------------------------------------------------------------------------------------------
// 7. Meetings

describe('meetings on request (L11)', () => {
  let org: Org;
  let referent: ActiveStaff;

  beforeAll(async () => {
    moveTo('2026-03-16T09:00:00Z'); // Monday 16 March 2026
    org = await newOrg({ referents: 1 });
    referent = org.referents[0]!;
  });

  it('are refused where not offered, then due within 20 jours ouvrés and recorded when held', async () => {
    // Given an organisation that does not offer meetings, and a reporter in their mailbox
    const reporter = new ReporterClient(t.baseUrl);
    const filed = await reporter.file(org.slug, sampleReport('ENTRETIEN'));
    let mailbox = await reporter.openMailbox(filed.token);
    expect(mailbox.meeting).toEqual({ offered: false, requestedAt: null, dueOn: null, heldAt: null });

    // When the reporter asks for a meeting: 409
    expectRefusal(await reporter.http.send('POST', '/api/v1/mailbox/meeting-requests', {}), 409, 'meetings_not_offered');
    expect((await listed(referent, filed.caseId)).deadlines.meeting).toBeNull();

    // When the organisation offers meetings and the reporter asks again
    await org.admin.client.http.expect(200, 'PATCH', '/api/v1/admin/intake', { offersMeetings: true });
    const requestedAt = t.clock.now().toISOString();
    const asked = await reporter.http.send<{ meetingDueOn: string }>('POST', '/api/v1/mailbox/meeting-requests', {});

    // Then 201, the meeting due 20 jours ouvrés after Monday 16 March 2026 (Easter Monday 6 April is a holiday):
    //   Tue 17 (1), Wed 18 (2), Thu 19 (3), Fri 20 (4), Mon 23 (5), Tue 24 (6), Wed 25 (7), Thu 26 (8),
    //   Fri 27 (9), Mon 30 (10), Tue 31 (11), Wed 1 Apr (12), Thu 2 (13), Fri 3 (14), [Mon 6 Easter Monday],
    //   Tue 7 (15), Wed 8 (16), Thu 9 (17), Fri 10 (18), Mon 13 (19), Tue 14 (20) → 2026-04-14
    expect(asked.status).toBe(201);
    expect(asked.body).toEqual({ meetingDueOn: '2026-04-14' });
    expect(requestedAt.slice(0, 10)).toBe('2026-03-16');

    // And the referent's list shows the meeting pending
    expect(await listed(referent, filed.caseId)).toMatchObject({ meetingRequestedAt: requestedAt, meetingDueOn: '2026-04-14', deadlines: { meeting: { dueOn: '2026-04-14', status: 'pending' } } });

    // And asking twice is refused
    expectRefusal(await reporter.http.send('POST', '/api/v1/mailbox/meeting-requests', {}), 409, 'meeting_already_requested');

    // When the referent records that the meeting took place
    const held = await flowOf(referent).meetingHeld(filed.caseId);

    // Then the reporter's timeline shows the request (with its date) and the meeting
    mailbox = await reporter.refresh();
    expect(mailbox.meeting).toEqual({ offered: true, requestedAt, dueOn: '2026-04-14', heldAt: held.heldAt });
    expect(reporterEvents(mailbox)).toEqual(['meeting_requested', 'meeting_held']);
    expect(mailbox.timeline.find((e) => e.event === 'meeting_requested')?.notice?.fr).toContain('14 avril 2026');
    // And the meeting deadline is met
    expect((await listed(referent, filed.caseId)).deadlines.meeting).toEqual({ dueOn: '2026-04-14', status: 'met' });
    // And recording it twice is refused
    await expect(flowOf(referent).meetingHeld(filed.caseId)).rejects.toMatchObject({ status: 409, body: { code: 'no_meeting_requested' } });
  });
});

// ---------------------------------------------------------------------------------------------
// 8. Closing without follow-up

describe('closing an investigation without follow-up', () => {
  let org: Org;
  let referent: ActiveStaff;

  beforeAll(async () => {
    moveTo('2026-03-23T09:00:00Z'); // Monday 23 March 2026
    org = await newOrg({ referents: 1 }, { offersMeetings: true });
    referent = org.referents[0]!;
  });

  it('needs a reason, then closes with a signed notice, and no meeting can be asked for any more', async () => {
    // Given a case under investigation
    const reporter = new ReporterClient(t.baseUrl);
    const filed = await reporter.file(org.slug, sampleReport('SANS-SUITE'));
    const opened = await toInvestigation(referent, filed.caseId);
    expect(opened.detail.availableActions.sort()).toEqual(['close_without_follow_up', 'send_to_committee']);
    const flow = flowOf(referent);

    // When the referent closes it without a reason: 400, nothing changes
    const counts = await workflowRowCounts();
    await expect(flow.transition(opened, 'close_without_follow_up')).rejects.toMatchObject({ status: 400, body: { code: 'reason_required' } });
    expect(await workflowRowCounts()).toEqual(counts);
    expect((await casesOf(referent).open(filed.caseId)).summary.state).toBe('investigation');

    // When they close it with a reason
    const reason = "Les vérifications menées n'ont pas confirmé les faits signalés.";
    const closedAt = t.clock.now().toISOString();
    expect(await flow.transition(opened, 'close_without_follow_up', reason)).toEqual({ state: 'closed', closedAt, outcome: 'no_follow_up' });

    // Then the reporter holds a signed closure notice and reads the reason
    const mailbox = await reporter.openMailbox(filed.token);
    expect(mailbox).toMatchObject({ state: 'closed', closedAt });
    const closure = mailbox.receipts.find((r) => r.kind === 'closure');
    expect(closure).toBeDefined();
    expect(await verifiesAgainstPublishedKey(closure!)).toBe(true);
    expect(JSON.parse(closure!.payload)).toMatchObject({ kind: 'closure', caseReference: filed.caseReference, closedAt, outcome: 'no_follow_up', followUpKind: null });
    expect(await reporter.readMessages()).toEqual([expect.objectContaining({ author: 'staff', purpose: 'reason', text: reason })]);
    expect(reporterEvents(mailbox)).toEqual(['admissibility_review_started', 'declared_admissible', 'closed']);

    // And the closure counts as feedback for the referent
    expect(await listed(referent, filed.caseId)).toMatchObject({ state: 'closed', outcome: 'no_follow_up', deadlines: { feedback: { status: 'met' } } });

    // And the reporter can no longer ask for a meeting
    expectRefusal(await reporter.http.send('POST', '/api/v1/mailbox/meeting-requests', {}), 409, 'case_closed');
    expect((await reporter.refresh()).meeting).toMatchObject({ offered: true, requestedAt: null, dueOn: null });
  });
});
