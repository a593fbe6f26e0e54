// What the staff pages' case list needs from the API beyond filters: reporter messages unread by
// each holder since they last opened the case, the oldest-first order with its own cursor, the
// committee's "awaiting my vote", and the holders' names on the case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReporterClient, type FiledAlert } from '../../src/client/reporter-client.ts';
import { StaffCasesClient, type CaseSummaryAnswer } from '../../src/client/staff-cases-client.ts';
import { StaffWorkflowClient } from '../../src/client/staff-workflow-client.ts';
import { inviteStaff, organisationWithReferents, sampleReport, type ActiveStaff } from '../helpers/factories.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let slug: string;
let first: ActiveStaff;
let second: ActiveStaff;
let member: ActiveStaff;
let otherMember: ActiveStaff;
const filed: FiledAlert[] = [];
let reporter: ReporterClient;

async function listed(staff: ActiveStaff, query = ''): Promise<{ cases: CaseSummaryAnswer[]; next: string | null }> {
  return new StaffCasesClient(staff.client).list(query);
}

async function unreadOf(staff: ActiveStaff, caseId: string): Promise<number> {
  return (await listed(staff)).cases.find((c) => c.id === caseId)!.unreadMessages;
}

beforeAll(async () => {
  t = await startTestApp();
  const org = await organisationWithReferents(t, 2);
  slug = org.organisation.slug;
  [first, second] = org.referents as [ActiveStaff, ActiveStaff];
  member = await inviteStaff(t, org.admin, ['committee'], `membre1@${slug}.fr`);
  otherMember = await inviteStaff(t, org.admin, ['committee'], `membre2@${slug}.fr`);
  for (const marker of ['A', 'B', 'C']) {
    t.clock.advance(60_000);
    filed.push(await new ReporterClient(t.baseUrl).file(slug, sampleReport(`LIST-${marker}`)));
  }
  reporter = new ReporterClient(t.baseUrl);
  await reporter.openMailbox(filed[0]!.token);
});
afterAll(async () => t.close());

describe('unread reporter messages', () => {
  it('counts, for each holder, the reporter messages since they last opened the case', async () => {
    const caseId = filed[0]!.caseId;
    expect(await unreadOf(first, caseId)).toBe(0);
    t.clock.advance(1000);
    await reporter.reply('Un premier complément');
    t.clock.advance(1000);
    await reporter.reply('Un second complément');
    expect(await unreadOf(first, caseId)).toBe(2);
    expect(await unreadOf(second, caseId)).toBe(2);

    // Opening says how many were new, then they are read, for the opener alone.
    const opened = await new StaffCasesClient(first.client).open(caseId);
    expect(opened.summary.unreadMessages).toBe(2);
    expect(await unreadOf(first, caseId)).toBe(0);
    expect(await unreadOf(second, caseId)).toBe(2);
    // The staff's own messages never count.
    await new StaffCasesClient(first.client).sendMessage(opened, opened.organisationId, 'Merci, nous regardons.');
    expect(await unreadOf(first, caseId)).toBe(0);
    t.clock.advance(1000);
    await reporter.reply('Un troisième');
    expect(await unreadOf(first, caseId)).toBe(1);
    expect(await unreadOf(second, caseId)).toBe(3);
  });
});

describe('order and pages', () => {
  it('lists oldest first on request, page by page, and refuses a cursor of the other order', async () => {
    const ids: string[] = [];
    let next: string | null = null;
    do {
      const page: { cases: CaseSummaryAnswer[]; next: string | null } = await listed(first, `?sort=received_asc&limit=1${next ? `&after=${next}` : ''}`);
      ids.push(...page.cases.map((c) => c.id));
      next = page.next;
    } while (next);
    expect(ids).toEqual(filed.map((f) => f.caseId));
    const newest = await listed(first, '?limit=1');
    expect(newest.cases[0]!.id).toBe(filed[2]!.caseId);
    const refused = await first.client.http.send<{ code: string }>('GET', `/api/v1/cases?sort=received_asc&after=${newest.next!}`);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('invalid_cursor');
    // The newest-first cursor still pages as before.
    expect((await listed(first, `?limit=1&after=${newest.next!}`)).cases[0]!.id).toBe(filed[1]!.caseId);
  });
});

describe('committee', () => {
  it("lists a case as awaiting a member's vote until they vote, and names the case's holders", async () => {
    const cases = new StaffCasesClient(first.client);
    const flow = new StaffWorkflowClient(cases);
    const caseId = filed[1]!.caseId;
    await flow.transition(await cases.open(caseId), 'start_admissibility_review');
    await flow.transition(await cases.open(caseId), 'declare_admissible');
    await flow.transition(await cases.open(caseId), 'send_to_committee');
    expect((await listed(member, '?awaitingVote=true')).cases.map((c) => c.id)).toEqual([caseId]);
    // The referent is no committee member: nothing awaits their vote.
    expect((await listed(first, '?awaitingVote=true')).cases).toEqual([]);

    const opened = await new StaffCasesClient(member.client).open(caseId);
    expect(opened.detail.holders.map((h) => h.displayName).sort()).toEqual(['membre1', 'membre2', 'referent1', 'referent2']);
    await new StaffWorkflowClient(new StaffCasesClient(member.client)).vote(opened, 'no_follow_up', 'Rien à reprocher');
    expect((await listed(member, '?awaitingVote=true')).cases).toEqual([]);
    expect((await listed(member)).cases.find((c) => c.id === caseId)!.myVoteCastAt).toBe(t.clock.now().toISOString());
    expect((await listed(otherMember, '?awaitingVote=true')).cases.map((c) => c.id)).toEqual([caseId]);
    expect((await listed(otherMember)).cases.find((c) => c.id === caseId)!.myVoteCastAt).toBeNull();
  });
});
