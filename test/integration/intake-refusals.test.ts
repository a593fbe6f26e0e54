// Every refused filing answers a clear 4xx problem and writes nothing: no case, key, mailbox,
// receipt, spent challenge or audit entry.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earnProofOfWork, type ProofOfWorkAnswer } from '../../src/client/proof-of-work-client.ts';
import { prepareFiling, ReporterClient, type FilingChoices, type IntakeDescription } from '../../src/client/reporter-client.ts';
import { fromBase64Url, toBase64Url } from '../../src/crypto/encoding.ts';
import { proofOfWorkHolds } from '../../src/crypto/proof-of-work.ts';
import { inviteStaff, organisationWithReferents, sampleReport, type ActiveStaff } from '../helpers/factories.ts';
import { intakeRowCounts } from '../helpers/intake-rows.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let slug: string;
let referent: ActiveStaff;
let committeeMember: ActiveStaff;
let outsider: ActiveStaff;
let reporter: ReporterClient;
let intake: IntakeDescription;

type FilingBody = Awaited<ReturnType<typeof prepareFiling>>['body'];

beforeAll(async () => {
  t = await startTestApp({ REPORT_MAX_BYTES: '4096', FILINGS_PER_HOUR: '3' });
  const org = await organisationWithReferents(t, 1);
  slug = org.organisation.slug;
  referent = org.referents[0]!;
  committeeMember = await inviteStaff(t, org.admin, ['committee'], `committee@${slug}.fr`);
  const other = await organisationWithReferents(t, 1);
  outsider = other.referents[0]!;
  reporter = new ReporterClient(t.baseUrl);
  intake = await reporter.intake(slug);
});
afterAll(async () => t.close());

async function validBody(choices: FilingChoices = {}, proof?: ProofOfWorkAnswer): Promise<FilingBody> {
  const proofOfWork = proof ?? (await earnProofOfWork(reporter.http, 'filing'));
  return (await prepareFiling(intake, sampleReport('REFUSAL'), { recipients: [referent.accountId], ...choices }, proofOfWork)).body;
}

async function expectRefused(body: unknown, status: number, code: string, path = `/api/v1/orgs/${slug}/reports`) {
  const before = await intakeRowCounts(t);
  const answer = await reporter.http.send<{ code: string; detail: string }>('POST', path, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers.get('content-type')).toContain('application/problem+json');
  expect(answer.body.code).toBe(code);
  expect(answer.body.detail.length).toBeGreaterThan(10);
  expect(await intakeRowCounts(t)).toEqual(before);
}

describe('refused filings write nothing', () => {
  it('an unknown recipient', async () => {
    const body = await validBody();
    body.grants[0]!.recipient = randomUUID();
    await expectRefused(body, 400, 'unknown_recipient');
  });

  it('a recipient of another organisation', async () => {
    const otherIntake = await reporter.intake(outsider.client.self!.organisation.slug);
    const body = await validBody();
    const stranger = otherIntake.recipients[0]!;
    body.grants.push({ recipient: stranger.id, sealedKey: body.grants[0]!.sealedKey });
    await expectRefused(body, 400, 'unknown_recipient');
  });

  it('no referent left among the recipients', async () => {
    await expectRefused(await validBody({ recipients: [committeeMember.accountId] }), 400, 'no_referent');
  });

  it('an excluded person who is also a recipient', async () => {
    await expectRefused(await validBody({ recipients: [referent.accountId, committeeMember.accountId], excluded: [committeeMember.accountId] }), 400, 'excluded_recipient');
  });

  it('an unknown category', async () => {
    const body = await validBody();
    body.category = 'pas-une-categorie';
    await expectRefused(body, 400, 'unknown_category');
  });

  it('a report larger than the organisation accepts', async () => {
    const body = await validBody();
    body.report = toBase64Url(new Uint8Array(5000).fill(1));
    await expectRefused(body, 413, 'payload_too_large');
  });

  it('a body beyond the route limit', async () => {
    const body = await validBody();
    body.report = 'A'.repeat(200_000);
    await expectRefused(body, 413, 'payload_too_large');
  });

  it('a ciphertext that is not base64url', async () => {
    const body = await validBody();
    body.report = 'not base64!';
    await expectRefused(body, 400, 'validation_failed');
  });

  it('a truncated envelope', async () => {
    const body = await validBody();
    body.report = toBase64Url(Uint8Array.of(1, 2, 3, 4, 5, 6));
    await expectRefused(body, 400, 'invalid_ciphertext');
  });

  it('an unknown envelope version', async () => {
    const body = await validBody();
    const report = fromBase64Url(body.report);
    report[0] = 2;
    body.report = toBase64Url(report);
    await expectRefused(body, 400, 'invalid_ciphertext');
  });

  it('a sealed key of the wrong size or version', async () => {
    const body = await validBody();
    body.grants[0]!.sealedKey = toBase64Url(fromBase64Url(body.grants[0]!.sealedKey).subarray(0, 60));
    await expectRefused(body, 400, 'invalid_ciphertext');
  });

  it('a missing proof of work', async () => {
    const { proofOfWork: _omitted, ...body } = await validBody();
    await expectRefused(body, 400, 'validation_failed');
  });

  it('a proof of work that does not solve its challenge', async () => {
    const proof = await earnProofOfWork(reporter.http, 'filing');
    const nonce = fromBase64Url(proof.nonce);
    // Walk nonces until one fails (6 bits: most do).
    let wrong = proof.nonce;
    for (let i = 0; i < 256 && wrong === proof.nonce; i++) {
      nonce[7] = i;
      if (!(await proofOfWorkHolds(fromBase64Url(proof.challenge), nonce, 6))) wrong = toBase64Url(nonce);
    }
    await expectRefused(await validBody({}, { challenge: proof.challenge, nonce: wrong }), 400, 'proof_of_work_invalid');
  });

  it('a challenge altered by the client', async () => {
    const proof = await earnProofOfWork(reporter.http, 'filing');
    const challenge = fromBase64Url(proof.challenge);
    challenge[2] = 1; // claim an easier difficulty
    await expectRefused(await validBody({}, { challenge: toBase64Url(challenge), nonce: proof.nonce }), 400, 'proof_of_work_invalid');
  });

  it('a challenge issued for mailbox login', async () => {
    await expectRefused(await validBody({}, await earnProofOfWork(reporter.http, 'mailbox-login')), 400, 'proof_of_work_invalid');
  });

  it('an expired challenge', async () => {
    const proof = await earnProofOfWork(reporter.http, 'filing');
    t.clock.advance(11 * 60_000);
    await expectRefused(await validBody({}, proof), 400, 'proof_of_work_expired');
  });

  it('an unknown organisation', async () => {
    await expectRefused(await validBody(), 404, 'not_found', '/api/v1/orgs/nulle-part/reports');
  });
});

describe('replays and ceilings', () => {
  it('refuses a proof of work used twice, and a case id used twice', async () => {
    const proof = await earnProofOfWork(reporter.http, 'filing');
    const first = await validBody({}, proof);
    expect((await reporter.http.send('POST', `/api/v1/orgs/${slug}/reports`, first)).status).toBe(201);
    await expectRefused(await validBody({}, proof), 409, 'proof_of_work_spent');
    const sameCase = await validBody();
    sameCase.caseId = first.caseId;
    await expectRefused(sameCase, 409, 'case_id_taken');
    const sameMailbox = await validBody();
    sameMailbox.mailbox = first.mailbox;
    await expectRefused(sameMailbox, 409, 'mailbox_taken');
  });

  it('stops an organisation at its hourly ceiling, and accepts again an hour later', async () => {
    for (let i = 0; i < 2; i++) expect((await reporter.http.send('POST', `/api/v1/orgs/${slug}/reports`, await validBody())).status).toBe(201);
    await expectRefused(await validBody(), 429, 'too_many_requests');
    t.clock.advance(61 * 60_000);
    expect((await reporter.http.send('POST', `/api/v1/orgs/${slug}/reports`, await validBody())).status).toBe(201);
  });
});
