// Secrets and logs, the whole story (DESIGN.md §4, §6, §8): a confidential alert filed with a
// document through the real clients, the mailbox, messages both ways, triage, a share, the
// committee, a closure without follow-up, then the purge two months later and the end of the
// closure notice's grace period. After every step the whole database (every row of every table,
// and pg_dump on PostgreSQL) and the document folder are searched for every plaintext marker, and
// the captured logs for the markers, the token and what it derives, auth values, passphrases,
// TOTP seeds, session cookies, private keys, case keys, server keys, the receipt, the client's
// address and its user agent. After the purge, the case's ciphertexts and identifiers are gone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadDocument, type DocumentSource, type ListedDocument } from '../../src/client/document-transfer.ts';
import { MailboxPurgedError, ReporterClient, type FiledAlert } from '../../src/client/reporter-client.ts';
import type { ReportContent } from '../../src/client/report-content.ts';
import { StaffCasesClient } from '../../src/client/staff-cases-client.ts';
import { StaffWorkflowClient } from '../../src/client/staff-workflow-client.ts';
import { fromBase64Url } from '../../src/crypto/encoding.ts';
import { deriveMailboxCredentials } from '../../src/crypto/mailbox-token.ts';
import { runJob } from '../../src/jobs/job-runner.ts';
import { findJob } from '../../src/jobs/registry.ts';
import { createLogger } from '../../src/logger.ts';
import { databaseContainsBytes } from '../helpers/closed-cases.ts';
import { inviteStaff, newOrganisationWithAdmin, type ActiveStaff } from '../helpers/factories.ts';
import { LeakWatch } from '../helpers/secrets/leak-watch.ts';
import { byteShapes, textShapes } from '../helpers/secrets/secret-shapes.ts';
import { tableDump } from '../helpers/secrets/stored-state.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const DAY = 86_400_000;

let t: TestApp;
let watch: LeakWatch;
let documentsDir: string;
let slug: string;
let admin: ActiveStaff;
let referent: ActiveStaff;
let colleague: ActiveStaff;
let committee: ActiveStaff[];

const marker = (field: string) => watch.marker(field);

/** After each step: nothing in clear or secret stored, nothing secret logged, no address or user agent logged. */
async function checkpoint(step: string): Promise<void> {
  expect(await watch.leaks(), `after: ${step}`).toEqual({ stored: [], logged: [], addresses: [] });
  // A few minutes pass between steps (messages sent in one step come after the last step's).
  t.clock.advance(3 * 60_000);
}

/** A small file whose name and every line carry a marker. */
function markedFile(field: string, type = 'text/plain'): DocumentSource {
  const name = `${marker(`${field}-NAME`)}.txt`;
  const line = `${marker(`${field}-CONTENT`)} : relevé des bons de commande\n`;
  const bytes = new Uint8Array(Buffer.from(line.repeat(400), 'utf8'));
  async function* read(): AsyncGenerator<Uint8Array> {
    await Promise.resolve();
    yield bytes;
  }
  return { name, type, size: bytes.length, read };
}

beforeAll(async () => {
  documentsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-secrets-documents-'));
  t = await startTestApp({ LOG_LEVEL: 'trace', DOCUMENT_STORE: 'files', DOCUMENTS_DIR: documentsDir });
  watch = new LeakWatch(t, documentsDir, Date.now().toString(36));
  const made = await newOrganisationWithAdmin(t);
  slug = made.organisation.slug;
  admin = made.admin;
  referent = await inviteStaff(t, admin, ['referent'], `referent@${slug}.fr`);
  colleague = await inviteStaff(t, admin, ['referent'], `collegue@${slug}.fr`);
  committee = [await inviteStaff(t, admin, ['committee'], `membre1@${slug}.fr`), await inviteStaff(t, admin, ['committee'], `membre2@${slug}.fr`)];
  await admin.client.http.expect(200, 'PATCH', '/api/v1/admin/intake', { committee: { quorum: 2, majority: 'simple' } });
  for (const staff of [admin, referent, colleague, ...committee]) {
    watch.disguise(staff.client.http);
    await watch.rememberStaff(staff);
  }
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(documentsDir, { recursive: true, force: true });
});

describe('the whole story of a confidential alert, from filing to purge', () => {
  it('stores nothing in clear and logs no secret, address or user agent at any step; after the purge the case is gone', { timeout: 120_000 }, async () => {
    const reporter = new ReporterClient(t.baseUrl);
    watch.disguise(reporter.http);
    const cases = new StaffCasesClient(referent.client);
    const flow = new StaffWorkflowClient(cases);
    await checkpoint('the organisation and its staff were set up');

    // 1. A confidential alert, every field marked, sent only to the first referent
    const content: ReportContent = {
      format: 'vigie.report',
      version: 1,
      language: 'fr',
      category: 'atteinte-probite',
      whatHappened: `Marché attribué sans mise en concurrence ${marker('WHAT-HAPPENED')}`,
      whenAndWhere: `Mars 2026, services techniques ${marker('WHEN-WHERE')}`,
      whoIsInvolved: `Le directeur des services techniques ${marker('WHO-INVOLVED')}`,
      howYouKnow: `J'ai vu le bon de commande ${marker('HOW-KNOW')}`,
      othersAware: `Une collègue ${marker('OTHERS-AWARE')}`,
      identity: { name: `Camille ${marker('IDENTITY-NAME')}`, contact: `camille.${marker('IDENTITY-CONTACT').toLowerCase()}@exemple.fr` },
    };
    const filed: FiledAlert = await reporter.file(slug, content, { recipients: [referent.accountId], identityMode: 'confidential' });
    const mailboxCredentials = await deriveMailboxCredentials(filed.token);
    watch.secret(
      ...textShapes('mailbox token', filed.token),
      ...textShapes('mailbox token without dashes', filed.token.replace(/-/g, '')),
      ...byteShapes('mailbox authenticator', mailboxCredentials.authenticator),
      ...byteShapes('mailbox key', mailboxCredentials.mailboxKey),
    );
    watch.unloggable(
      ...byteShapes('mailbox lookup id', mailboxCredentials.lookupId),
      ...textShapes('acknowledgement receipt signature', filed.receipt!.signature),
      ...textShapes('acknowledgement receipt payload', filed.receipt!.payload),
    );
    await checkpoint('filing');

    // 2. The reporter logs in with the token, adds a document and writes
    await reporter.openMailbox(filed.token);
    watch.unloggable(...textShapes('mailbox session cookie', reporter.http.cookie(reporter.http.cookieNames()[0]!)!));
    await uploadDocument(reporter.documents(), markedFile('REPORTER-DOCUMENT'));
    await reporter.reply(`J'ai d'autres pièces ${marker('REPORTER-MESSAGE-1')}`);
    await checkpoint('the reporter in the mailbox: document and message');

    // 3. The referent triages: opens, reviews admissibility, declares it admissible, answers
    let opened = await cases.open(filed.caseId);
    watch.rememberCaseKey(opened, 'the referent');
    expect(opened.report.identity?.name).toContain(watch.markerText('IDENTITY-NAME'));
    expect(opened.messages.map((m) => m.text)).toEqual([expect.stringContaining(watch.markerText('REPORTER-MESSAGE-1'))]);
    await flow.transition(opened, 'start_admissibility_review');
    await flow.transition(await cases.open(filed.caseId), 'declare_admissible');
    opened = await cases.open(filed.caseId);
    await cases.sendMessage(opened, opened.organisationId, `Merci, une enquête est ouverte ${marker('STAFF-MESSAGE')}`, 'feedback');
    await uploadDocument(cases.documents(opened), markedFile('STAFF-DOCUMENT'), { sharedWithReporter: true });
    await flow.discloseIdentity(opened, 'consent', true, `Transmise au directeur général ${marker('DISCLOSURE')}`);
    await checkpoint('triage: admissible, feedback, staff document, identity disclosure');

    // 4. The reporter reads everything and answers
    await reporter.refresh();
    const read = await reporter.readMessages();
    expect(read.map((m) => m.text)).toEqual([expect.stringContaining('REPORTER-MESSAGE-1'), expect.stringContaining('STAFF-MESSAGE')]);
    await reporter.reply(`Précision sur la date ${marker('REPORTER-MESSAGE-2')}`);
    await checkpoint('the reporter reads and answers');

    // 5. The referent shares the case with a colleague, who reads it and writes
    await flow.share(await cases.open(filed.caseId), colleague.accountId);
    const colleagueCases = new StaffCasesClient(colleague.client);
    const sharedCopy = await colleagueCases.open(filed.caseId);
    watch.rememberCaseKey(sharedCopy, 'the colleague');
    expect(sharedCopy.report.whatHappened).toContain(watch.markerText('WHAT-HAPPENED'));
    await colleagueCases.sendMessage(sharedCopy, sharedCopy.organisationId, `Je reprends le dossier ${marker('COLLEAGUE-MESSAGE')}`);
    await checkpoint('share with a colleague');

    // 6. Sent to the committee; both members vote no follow-up, with their reasons: closed (R2)
    expect((await flow.transition(await cases.open(filed.caseId), 'send_to_committee')).state).toBe('committee_review');
    const votes = [];
    for (const [i, member] of committee.entries()) {
      const memberCases = new StaffCasesClient(member.client);
      const memberCopy = await memberCases.open(filed.caseId);
      watch.rememberCaseKey(memberCopy, `committee member ${i + 1}`);
      votes.push(await new StaffWorkflowClient(memberCases).vote(memberCopy, 'no_follow_up', `Faits non établis ${marker(`VOTE-REASON-${i + 1}`)}`));
    }
    expect(votes.at(-1)).toMatchObject({ status: 'decided', outcome: 'no_follow_up' });
    const closed = await cases.open(filed.caseId);
    expect(closed.summary).toMatchObject({ state: 'closed', outcome: 'no_follow_up' });
    expect(closed.detail.retention.rule).toBe('R2');
    await checkpoint('committee vote and closure');

    // 7. The reporter reads the closure notice, and leaves
    const atClosure = await reporter.refresh();
    const closure = atClosure.receipts.find((receipt) => receipt.kind === 'closure')!;
    watch.unloggable(...textShapes('closure notice signature', closure.signature), ...textShapes('closure notice payload', closure.payload));
    const documents = (await reporter.http.expect<{ documents: ListedDocument[] }>(200, 'GET', '/api/v1/mailbox/documents')).documents;
    expect(documents).toHaveLength(2);
    await reporter.leave();
    await checkpoint('the reporter reads the closure notice');

    // What the server stores of this case, to be found now and gone after the purge
    const stored = [
      { what: 'report ciphertext', value: fromBase64Url(closed.detail.report) },
      { what: 'mailbox wrapped case key', value: fromBase64Url(atClosure.wrappedCaseKey) },
      { what: 'mailbox lookup id', value: mailboxCredentials.lookupId },
      ...[closed, sharedCopy].map((copy, i) => ({ what: `sealed case key ${i + 1}`, value: fromBase64Url(copy.detail.sealedKey) })),
      ...closed.detail.messages.map((m) => ({ what: `${m.author} ${m.purpose} ciphertext`, value: fromBase64Url(m.ciphertext) })),
      ...(closed.detail.committee?.votes ?? []).map((v) => ({ what: 'vote reason ciphertext', value: fromBase64Url(v.reasonCiphertext!) })),
      ...closed.detail.disclosures.map((d) => ({ what: 'disclosure ciphertext', value: fromBase64Url(d.details) })),
      ...documents.flatMap((d) => [
        { what: `document ${d.author} wrapped key`, value: fromBase64Url(d.wrappedKey) },
        { what: `document ${d.author} metadata`, value: fromBase64Url(d.metadata) },
      ]),
    ];
    expect(stored).toHaveLength(3 + 2 + 4 + 2 + 1 + 4);
    for (const trace of stored) expect(await databaseContainsBytes(t.services.db, trace.value), trace.what).not.toEqual([]);
    expect(fs.existsSync(path.join(documentsDir, filed.caseId))).toBe(true);

    // 8. Two months later (R2), the purge runs, logging into the same capture
    const purgeDueOn = closed.detail.retention.purgeDueOn!;
    t.clock.set(new Date(`${purgeDueOn}T12:00:00Z`));
    const purgeContext = { ...t.services, logger: createLogger('trace', { write: (line: string) => void t.logs.push(line) }) };
    const purge = await runJob(purgeContext, findJob('purge')!, { dryRun: false });
    expect(purge.report?.lines).toContain(`${slug}: purged 1 case(s) in 1 batch(es)`);
    expect(t.logs.some((line) => line.includes('"job":"purge"'))).toBe(true);
    await checkpoint('the purge');

    // Then none of the case's ciphertexts, keys or files is left; its lookup id stays only with
    // the closure notice kept for the grace period, its id only in the DPO's purge log and the
    // audit chain, its reference only in the purge log and the closure notice
    for (const trace of stored) {
      expect(await databaseContainsBytes(t.services.db, trace.value), trace.what).toEqual(trace.what === 'mailbox lookup id' ? ['purged_mailboxes'] : []);
    }
    expect(fs.existsSync(path.join(documentsDir, filed.caseId))).toBe(false);
    const afterPurge = await tableDump(t.database);
    const holding = (needle: string) => afterPurge.filter((place) => place.text.includes(needle)).map((place) => place.place);
    expect(holding(filed.caseId)).toEqual(['table public.audit_log', 'table public.purge_log']);
    expect(holding(filed.caseReference)).toEqual(['table public.purge_log', 'table public.purged_mailboxes']);
    const comeback = new ReporterClient(t.baseUrl);
    watch.disguise(comeback.http);
    const refused = await comeback.openMailbox(filed.token).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(MailboxPurgedError);
    expect((refused as MailboxPurgedError).closureNotice.payload).toBe(closure.payload);

    // 9. After the grace period, the closure notice goes too, and the token opens nothing
    t.clock.advance(t.config.retention.mailboxGraceDays * DAY + DAY);
    expect((await runJob(purgeContext, findJob('purge')!, { dryRun: false })).status).toBe('done');
    expect(await databaseContainsBytes(t.services.db, mailboxCredentials.lookupId)).toEqual([]);
    expect((await tableDump(t.database)).filter((place) => place.text.includes(filed.caseReference)).map((place) => place.place)).toEqual(['table public.purge_log']);
    const late = await comeback.openMailbox(filed.token).catch((error: unknown) => error);
    expect(late).toMatchObject({ status: 401 });
    await checkpoint('the end of the grace period');
  });
});
