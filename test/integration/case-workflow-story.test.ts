// Two whole stories of the case workflow on a real database, every client a real one (the
// reporter's and the staff's crypto run here, the server sees ciphertexts only):
// 1. file → automatic receipt → admissibility review → admissible → feedback before 3 months →
//    committee of three, one recused → 2-0 → closed with follow_up (disciplinary) → the signed
//    closure notice verifies → both timelines tell the story, each at its own level.
// 2. inadmissible with a reason → the case closes at once → the reporter reads the reason.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReporterClient } from '../../src/client/reporter-client.ts';
import { StaffCasesClient } from '../../src/client/staff-cases-client.ts';
import { StaffWorkflowClient } from '../../src/client/staff-workflow-client.ts';
import { fromBase64Url } from '../../src/crypto/encoding.ts';
import { receiptSignatureHolds } from '../../src/crypto/receipts.ts';
import { inviteStaff, newOrganisationWithAdmin, sampleReport, type ActiveStaff } from '../helpers/factories.ts';
import { saveJson, verifyReceiptCli } from '../helpers/receipt-cli.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let referent: ActiveStaff;
let committee: ActiveStaff[];
let slug: string;

beforeAll(async () => {
  t = await startTestApp();
  const { organisation, admin } = await newOrganisationWithAdmin(t);
  slug = organisation.slug;
  referent = await inviteStaff(t, admin, ['referent'], `referent@${slug}.fr`);
  committee = [
    await inviteStaff(t, admin, ['committee'], `membre1@${slug}.fr`),
    await inviteStaff(t, admin, ['committee'], `membre2@${slug}.fr`),
    await inviteStaff(t, admin, ['committee'], `membre3@${slug}.fr`),
  ];
  // A committee of three deciding by simple majority with a quorum of two.
  await admin.client.http.expect(200, 'PATCH', '/api/v1/admin/intake', { committee: { quorum: 2, majority: 'simple' } });
});

afterAll(async () => {
  await t?.close();
});

const days = (n: number) => n * 24 * 60 * 60_000;

/** Time passes; staff sessions end, so everyone logs in again (each on a fresh TOTP step). */
async function later(ms: number): Promise<void> {
  t.clock.advance(ms);
  for (const staff of [referent, ...committee]) {
    t.clock.advance(30_000);
    await staff.client.login(staff.credentials, t.clock.now());
  }
}

describe('an alert that leads to disciplinary proceedings', () => {
  it('goes from filing to a committee decision and a signed closure notice', async () => {
    // Given an alert filed by an anonymous reporter, acknowledged automatically
    const reporter = new ReporterClient(t.baseUrl);
    const filed = await reporter.file(slug, sampleReport('STORY-ONE'));
    expect(filed.receipt).not.toBeNull();
    const cases = new StaffCasesClient(referent.client);
    const flow = new StaffWorkflowClient(cases);
    let opened = await cases.open(filed.caseId);
    expect(opened.summary.state).toBe('acknowledged');
    expect(opened.detail.availableActions).toEqual(['start_admissibility_review']);

    // When the referent reviews it and finds it admissible
    await later(days(2));
    await flow.transition(opened, 'start_admissibility_review');
    opened = await cases.open(filed.caseId);
    await expect(flow.transition(opened, 'send_to_committee')).rejects.toMatchObject({ status: 409 });
    expect((await flow.transition(opened, 'declare_admissible')).state).toBe('investigation');

    // And gives feedback before the three months are out
    await later(days(30));
    opened = await cases.open(filed.caseId);
    expect(opened.summary.deadlines.feedback.status).toBe('pending');
    await cases.sendMessage(opened, opened.organisationId, 'Une enquête interne est ouverte ; des mesures sont envisagées.', 'feedback');
    opened = await cases.open(filed.caseId);
    expect(opened.summary.deadlines.feedback.status).toBe('met');

    // And, the next day, sends it to the committee, one of whose members then recuses themselves
    await later(days(1));
    opened = await cases.open(filed.caseId);
    const [first, second, concerned] = committee as [ActiveStaff, ActiveStaff, ActiveStaff];
    expect((await flow.transition(opened, 'send_to_committee')).state).toBe('committee_review');
    const concernedFlow = new StaffWorkflowClient(new StaffCasesClient(concerned.client));
    await concernedFlow.recuse(filed.caseId);
    await expect(new StaffCasesClient(concerned.client).open(filed.caseId)).rejects.toMatchObject({ status: 404 });

    // And the two others vote for disciplinary proceedings
    await later(days(1));
    const firstCases = new StaffCasesClient(first.client);
    const firstVote = await new StaffWorkflowClient(firstCases).vote(await firstCases.open(filed.caseId), 'follow_up', 'Faits établis par les pièces.', 'disciplinary');
    expect(firstVote.status).toBe('awaiting_quorum');
    // The second member sees the tally but not the first member's reason
    const secondCases = new StaffCasesClient(second.client);
    const beforeVote = await secondCases.open(filed.caseId);
    expect(beforeVote.detail.committee?.tally).toMatchObject({ followUp: 1, noFollowUp: 0, eligible: 2 });
    expect(beforeVote.detail.committee?.votes.map((v) => v.reasonCiphertext)).toEqual([null]);
    const decided = await new StaffWorkflowClient(secondCases).vote(beforeVote, 'follow_up', 'Manquement grave.', 'disciplinary');

    // Then the case is closed with a disciplinary follow-up
    expect(decided).toMatchObject({ status: 'decided', outcome: 'follow_up', followUpKind: 'disciplinary' });
    opened = await cases.open(filed.caseId);
    expect(opened.summary).toMatchObject({ state: 'closed', outcome: 'follow_up', followUpKind: 'disciplinary' });
    expect(opened.summary.closedAt).toBe(t.clock.now().toISOString());
    expect(opened.detail.availableActions).toEqual([]);
    // Once decided, every reason may be read by the case's holders
    expect((await flow.voteReasons(opened)).map((v) => v.reason).sort()).toEqual(['Faits établis par les pièces.', 'Manquement grave.']);

    // A member who recuses after the decision leaves the votes that decided it on record
    await new StaffWorkflowClient(firstCases).recuse(filed.caseId);
    expect((await cases.open(filed.caseId)).detail.committee?.votes.map((v) => v.choice)).toEqual(['follow_up', 'follow_up']);

    // And the reporter holds a signed closure notice that verifies against the published key
    await reporter.openMailbox(filed.token);
    const mailbox = await reporter.refresh();
    expect(mailbox.state).toBe('closed');
    const closure = mailbox.receipts.find((r) => r.kind === 'closure');
    expect(closure).toBeDefined();
    const keys = await (await fetch(`${t.baseUrl}/api/v1/keys/receipt`)).json() as { keys: { keyId: string; publicKey: string }[] };
    const key = keys.keys.find((k) => k.keyId === closure!.keyId)!;
    expect(await receiptSignatureHolds(closure!, fromBase64Url(key.publicKey))).toBe(true);
    const payload = JSON.parse(closure!.payload) as { kind: string; outcome: string; followUpKind: string; caseReference: string; statement: { fr: string; en: string } };
    expect(payload).toMatchObject({ kind: 'closure', outcome: 'follow_up', followUpKind: 'disciplinary', caseReference: filed.caseReference });
    expect(payload.statement.fr).toContain('procédure disciplinaire');
    // The offline verifier reads it too, with the key list saved at the time
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-closure-'));
    try {
      const checked = await verifyReceiptCli(saveJson(dir, 'avis.json', { payload: closure!.payload, signature: closure!.signature, keyId: closure!.keyId }), '--keys', saveJson(dir, 'keys.json', keys));
      expect(checked.code, checked.stderr).toBe(0);
      expect(checked.stdout).toContain('avis de clôture');
      expect(checked.stdout).toContain('outcome: follow_up');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    // And the reporter's timeline tells them what concerns them, and nothing of the staff's work
    const reporterKinds = mailbox.timeline.map((e) => (e.kind === 'event' ? `event:${e.event}` : e.kind));
    expect(reporterKinds).toEqual([
      'received',
      'receipt',
      'event:admissibility_review_started',
      'event:declared_admissible',
      'message',
      'event:sent_to_committee',
      'event:closed',
      'receipt',
    ]);
    expect(mailbox.timeline.filter((e) => e.kind === 'event').every((e) => e.notice?.fr && e.notice.en)).toBe(true);
    expect(JSON.stringify(mailbox.timeline)).not.toMatch(/recused|vote|shared|staff_?id/i);
    expect((await reporter.readMessages()).map((m) => m.purpose)).toEqual(['feedback']);

    // And the staff timeline records every step with its actor
    const staffKinds = opened.detail.timeline.map((e) => e.kind);
    expect(staffKinds).toEqual([
      'received',
      'acknowledged',
      'receipt',
      'admissibility_review_started',
      'declared_admissible',
      'message',
      'shared',
      'sent_to_committee',
      'recused',
      'vote_cast',
      'vote_cast',
      'closed',
      'receipt',
    ]);
    const recusal = opened.detail.timeline.find((e) => e.kind === 'recused');
    expect(recusal?.actorStaffId).toBe(concerned.accountId);
    expect(opened.detail.timeline.find((e) => e.kind === 'closed')?.actorKind).toBe('system');
  });
});

describe('an inadmissible alert', () => {
  it('is closed at once, and the reporter reads the reason', async () => {
    const reporter = new ReporterClient(t.baseUrl);
    const filed = await reporter.file(slug, sampleReport('STORY-TWO'));
    const cases = new StaffCasesClient(referent.client);
    const flow = new StaffWorkflowClient(cases);
    let opened = await cases.open(filed.caseId);
    await flow.transition(opened, 'start_admissibility_review');
    opened = await cases.open(filed.caseId);

    // Without a reason, the referent is refused and nothing changes
    await expect(flow.transition(opened, 'declare_inadmissible')).rejects.toMatchObject({ status: 400 });
    expect((await cases.open(filed.caseId)).summary.state).toBe('admissibility_review');

    const reason = "Les faits signalés relèvent d'un litige privé, hors du champ du dispositif.";
    const answer = await flow.transition(opened, 'declare_inadmissible', reason);
    expect(answer).toMatchObject({ state: 'closed', outcome: 'inadmissible' });

    await reporter.openMailbox(filed.token);
    const mailbox = await reporter.refresh();
    expect(mailbox.state).toBe('closed');
    const messages = await reporter.readMessages();
    expect(messages).toEqual([expect.objectContaining({ author: 'staff', purpose: 'reason', text: reason })]);
    const events = mailbox.timeline.filter((e) => e.kind === 'event').map((e) => e.event);
    expect(events).toEqual(['admissibility_review_started', 'declared_inadmissible', 'closed']);
    const closure = JSON.parse(mailbox.receipts.find((r) => r.kind === 'closure')!.payload) as { outcome: string; statement: { fr: string } };
    expect(closure.outcome).toBe('inadmissible');
    expect(closure.statement.fr).toContain('non recevable');
  });
});
