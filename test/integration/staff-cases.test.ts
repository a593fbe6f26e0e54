// A case exists only for those its key was sealed for: everyone else gets the same 404,
// whatever their role or organisation; roles without case access get 403.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReporterClient, type FiledAlert } from '../../src/client/reporter-client.ts';
import { StaffCasesClient } from '../../src/client/staff-cases-client.ts';
import { toBase64Url } from '../../src/crypto/encoding.ts';
import { inviteStaff, organisationWithReferents, sampleReport, type ActiveStaff } from '../helpers/factories.ts';
import { intakeRowCounts } from '../helpers/intake-rows.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let slug: string;
let admin: ActiveStaff;
let holder: ActiveStaff;
let colleague: ActiveStaff;
let outsider: ActiveStaff;
let filed: FiledAlert;

beforeAll(async () => {
  t = await startTestApp();
  const org = await organisationWithReferents(t, 2);
  slug = org.organisation.slug;
  admin = org.admin;
  [holder, colleague] = org.referents as [ActiveStaff, ActiveStaff];
  outsider = (await organisationWithReferents(t, 1)).referents[0]!;
  filed = await new ReporterClient(t.baseUrl).file(slug, sampleReport('CASES'), { recipients: [holder.accountId] });
});
afterAll(async () => t.close());

describe('who reaches a case', () => {
  it('only the recipient; others get 404 on read and on write, and nothing is written', async () => {
    const opened = await new StaffCasesClient(holder.client).open(filed.caseId);
    expect(opened.summary.reference).toBe(filed.caseReference);
    const before = await intakeRowCounts(t);
    const message = { id: randomUUID(), ciphertext: toBase64Url(new Uint8Array(60).fill(1)) };
    for (const stranger of [colleague, outsider]) {
      expect((await stranger.client.http.send('GET', `/api/v1/cases/${filed.caseId}`)).status).toBe(404);
      expect((await stranger.client.http.send('POST', `/api/v1/cases/${filed.caseId}/messages`, message)).status).toBe(404);
      expect((await new StaffCasesClient(stranger.client).list()).cases).toEqual([]);
    }
    expect((await holder.client.http.send('GET', `/api/v1/cases/${randomUUID()}`)).status).toBe(404);
    expect(await intakeRowCounts(t)).toEqual(before);
  });

  it('refuses roles without case access (admin, dpo) and anonymous callers', async () => {
    expect((await admin.client.http.send('GET', '/api/v1/cases')).status).toBe(403);
    expect((await admin.client.http.send('GET', `/api/v1/cases/${filed.caseId}`)).status).toBe(403);
    const dpo = await inviteStaff(t, admin, ['dpo'], `dpo@${slug}.fr`);
    expect((await dpo.client.http.send('GET', `/api/v1/cases/${filed.caseId}`)).status).toBe(403);
    expect((await new ReporterClient(t.baseUrl).http.send('GET', `/api/v1/cases/${filed.caseId}`)).status).toBe(401);
  });

  it('records each opening in the audit log', async () => {
    const before = await intakeRowCounts(t);
    await new StaffCasesClient(holder.client).open(filed.caseId);
    expect((await intakeRowCounts(t)).audit_log).toBe(before.audit_log + 1);
  });
});

describe('case list', () => {
  it('pages newest first with a keyset cursor', async () => {
    const reporter = new ReporterClient(t.baseUrl);
    const references = [filed.caseReference];
    for (let i = 0; i < 4; i++) {
      t.clock.advance(60_000);
      references.push((await reporter.file(slug, sampleReport(`PAGE${i}`), { recipients: [holder.accountId] })).caseReference);
    }
    const cases = new StaffCasesClient(holder.client);
    const seen: string[] = [];
    let query = '?limit=2';
    for (;;) {
      const page = await cases.list(query);
      expect(page.cases.length).toBeLessThanOrEqual(2);
      seen.push(...page.cases.map((c) => c.reference));
      if (!page.next) break;
      query = `?limit=2&after=${page.next}`;
    }
    expect(seen).toEqual(references.reverse());
  });

  it('refuses a cursor it did not give out', async () => {
    const answer = await holder.client.http.send<{ code: string }>('GET', '/api/v1/cases?after=bm9wZQ');
    expect([answer.status, answer.body.code]).toEqual([400, 'invalid_cursor']);
  });

  it('refuses a message id used twice', async () => {
    const cases = new StaffCasesClient(holder.client);
    const opened = await cases.open(filed.caseId);
    const sent = await cases.sendMessage(opened, holder.client.self!.organisation.id, 'Bonjour');
    const replay = await holder.client.http.send<{ code: string }>('POST', `/api/v1/cases/${filed.caseId}/messages`, {
      id: sent.id,
      ciphertext: toBase64Url(new Uint8Array(60).fill(1)),
    });
    expect([replay.status, replay.body.code]).toEqual([409, 'message_id_taken']);
  });
});
