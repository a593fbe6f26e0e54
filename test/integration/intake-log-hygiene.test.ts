// Filing and mailbox traffic at trace level, right and wrong: the logs hold no client address,
// user agent, token, lookup id, authenticator, ciphertext, case key or report text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earnProofOfWork } from '../../src/client/proof-of-work-client.ts';
import { prepareFiling, ReporterClient } from '../../src/client/reporter-client.ts';
import { StaffCasesClient } from '../../src/client/staff-cases-client.ts';
import { toBase64Url } from '../../src/crypto/encoding.ts';
import { deriveMailboxCredentials } from '../../src/crypto/mailbox-token.ts';
import { organisationWithReferents, sampleReport } from '../helpers/factories.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const USER_AGENT = 'Mozilla/5.0 (Reporter-UA-c41d2e)';
const MARKER = 'LOGMARK-93be1';
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'trace' });
});
afterAll(() => t.close());

function disguised(reporter: ReporterClient): ReporterClient {
  const send = reporter.http.send.bind(reporter.http);
  reporter.http.send = (method, path, body, headers = {}) =>
    send(method, path, body, { ...headers, 'user-agent': USER_AGENT, 'x-forwarded-for': '198.51.100.23', 'x-real-ip': '198.51.100.23' });
  return reporter;
}

describe('intake logs', () => {
  it('carry no address, user agent, token, authenticator or ciphertext', async () => {
    const { organisation, referents } = await organisationWithReferents(t, 1);
    const reporter = disguised(new ReporterClient(t.baseUrl));
    const intake = await reporter.intake(organisation.slug);
    const prepared = await prepareFiling(intake, sampleReport(MARKER), {}, await earnProofOfWork(reporter.http, 'filing'));
    await reporter.http.expect(201, 'POST', `/api/v1/orgs/${organisation.slug}/reports`, prepared.body);
    const credentials = await deriveMailboxCredentials(prepared.token);

    // Refusals too: a replayed proof, a wrong token, a bad ciphertext
    await reporter.http.send('POST', `/api/v1/orgs/${organisation.slug}/reports`, prepared.body);
    await reporter.http.send('POST', '/api/v1/mailbox/session', {
      lookupId: toBase64Url(credentials.lookupId),
      authenticator: toBase64Url(new Uint8Array(32)),
      proofOfWork: await earnProofOfWork(reporter.http, 'mailbox-login'),
    });
    await reporter.openMailbox(prepared.token);
    const sessionCookie = reporter.http.cookie('vigie_mailbox')!;
    await reporter.reply(`Réponse ${MARKER}`);
    await reporter.http.send('POST', '/api/v1/mailbox/messages', { id: crypto.randomUUID(), ciphertext: toBase64Url(Uint8Array.of(9, 9, 9)) });
    const cases = new StaffCasesClient(referents[0]!.client);
    const opened = await cases.open(prepared.caseId);
    await cases.sendMessage(opened, organisation.id, `Question ${MARKER}`);
    const mailbox = await reporter.refresh();
    await reporter.leave();

    const all = t.logs.join('');
    expect(t.logs.length).toBeGreaterThan(20);
    const forbidden = [
      USER_AGENT,
      'Reporter-UA',
      '198.51.100.23',
      'remoteAddress',
      'user-agent',
      MARKER,
      prepared.token,
      prepared.token.replace(/-/g, ''),
      prepared.body.mailbox.lookupId,
      prepared.body.mailbox.authenticator,
      prepared.body.mailbox.wrappedCaseKey,
      prepared.body.report.slice(0, 40),
      prepared.body.grants[0]!.sealedKey.slice(0, 40),
      prepared.body.proofOfWork.challenge,
      sessionCookie,
      toBase64Url(opened.caseKey),
      mailbox.messages[0]!.ciphertext.slice(0, 40),
    ];
    for (const needle of forbidden) expect(all, `log contains ${needle}`).not.toContain(needle);
    expect(t.logs.filter((line) => line.includes('127.0.0.1')).every((line) => line.includes('Server listening at'))).toBe(true);
  });
});
