// The whole intake story on a real database, with the reference clients doing the crypto:
// file → verify the receipt → referent decrypts and replies → reporter reads and answers →
// referent reads the answer. Nothing of the report is stored in clear.
import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema.ts';
import { ReporterClient } from '../../src/client/reporter-client.ts';
import { StaffCasesClient } from '../../src/client/staff-cases-client.ts';
import { fromBase64Url } from '../../src/crypto/encoding.ts';
import { receiptSignatureHolds } from '../../src/crypto/receipts.ts';
import { verifyAuditChain } from '../../src/services/audit-log.ts';
import { organisationWithReferents, sampleReport } from '../helpers/factories.ts';
import { databaseContains } from '../helpers/database-search.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

describe('an anonymous alert, end to end encrypted', () => {
  it('goes from the reporter to the referent and back without the server reading it', async () => {
    // Given an organisation with two referents
    const { organisation, referents } = await organisationWithReferents(t, 2);
    const [first, second] = referents as [(typeof referents)[0], (typeof referents)[0]];
    const marker = 'MARQUEUR-7f3a91c2';

    // When a reporter files an alert for the first referent only (the second is concerned)
    const reporter = new ReporterClient(t.baseUrl);
    const filed = await reporter.file(organisation.slug, sampleReport(marker), { recipients: [first.accountId], excluded: [second.accountId] });

    // Then the receipt verifies with the published key and says what it must
    expect(filed.caseReference).toMatch(/^VG-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const published = await reporter.http.expect<{ keys: { keyId: string; publicKey: string }[] }>(200, 'GET', '/api/v1/keys/receipt');
    const key = published.keys.find((k) => k.keyId === filed.receipt!.keyId);
    expect(key).toBeDefined();
    expect(await receiptSignatureHolds(filed.receipt!, fromBase64Url(key!.publicKey))).toBe(true);
    const payload = JSON.parse(filed.receipt!.payload) as Record<string, unknown>;
    expect(payload).toMatchObject({ kind: 'acknowledgement', caseReference: filed.caseReference, organisation: { slug: organisation.slug }, admissibilityReviewWorkingDays: 15 });
    expect((payload.statement as { fr: string }).fr).toContain('ne vaut pas décision sur la recevabilité');
    expect((payload.statement as { en: string }).en).toContain('not a decision on whether the report is admissible');

    // And the referent finds it, decrypts it and replies
    const firstCases = new StaffCasesClient(first.client);
    const listed = await firstCases.list();
    expect(listed.cases.map((c) => c.reference)).toEqual([filed.caseReference]);
    expect(listed.cases[0]).toMatchObject({ state: 'acknowledged', identityMode: 'anonymous', ackDueOn: '2026-01-14', category: 'atteinte-probite' });
    const opened = await firstCases.open(filed.caseId);
    expect(opened.report.whatHappened).toContain(marker);
    await firstCases.sendMessage(opened, organisation.id, `Merci, pouvez-vous préciser la date ? ${marker}`);

    // And the excluded referent sees nothing
    const secondCases = new StaffCasesClient(second.client);
    expect((await secondCases.list()).cases).toEqual([]);
    expect((await second.client.http.send('GET', `/api/v1/cases/${filed.caseId}`)).status).toBe(404);

    // When the reporter comes back with the token
    t.clock.advance(10 * 60_000);
    const back = new ReporterClient(t.baseUrl);
    const mailbox = await back.openMailbox(filed.token);
    expect(mailbox).toMatchObject({ caseReference: filed.caseReference, state: 'acknowledged' });
    expect(mailbox.explanation.fr).toContain('accusé de réception');
    expect(mailbox.receipts).toHaveLength(1);
    expect(mailbox.receipts[0]?.payload).toBe(filed.receipt!.payload);
    expect((await back.readReport()).whatHappened).toContain(marker);
    const messages = await back.readMessages();
    expect(messages.map((m) => [m.author, m.text])).toEqual([['staff', `Merci, pouvez-vous préciser la date ? ${marker}`]]);
    await back.reply(`Le 12 mars, vers 10 h ${marker}`);
    expect((await back.refresh()).timeline.map((e) => e.kind)).toEqual(['received', 'receipt', 'message', 'message']);

    // Then the referent reads the answer
    const reread = await firstCases.open(filed.caseId);
    expect(reread.messages.map((m) => [m.author, m.text])).toEqual([
      ['staff', `Merci, pouvez-vous préciser la date ? ${marker}`],
      ['reporter', `Le 12 mars, vers 10 h ${marker}`],
    ]);

    // And no table holds the marker, the token, or anything readable of the report
    // (the search does find what is stored in clear, like the reference)
    expect(await databaseContains(t.database, filed.caseReference)).not.toEqual([]);
    expect(await databaseContains(t.database, marker)).toEqual([]);
    expect(await databaseContains(t.database, filed.token)).toEqual([]);
    expect(await databaseContains(t.database, filed.token.replace(/-/g, ''))).toEqual([]);

    // And the audit chain recorded the filing, the openings and the messages, and still verifies
    const audit = await verifyAuditChain(t.services.db, organisation.id);
    expect(audit.firstBroken).toBeNull();
    const actions = await t.services.db
      .select({ action: auditLog.action, actorKind: auditLog.actorKind })
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, organisation.id), like(auditLog.action, 'case.%')))
      .orderBy(asc(auditLog.seq));
    expect(actions.map((a) => `${a.actorKind}:${a.action}`)).toEqual([
      'reporter:case.filed',
      'staff:case.opened',
      'staff:case.message_sent',
      'reporter:case.reporter_message',
      'staff:case.opened',
    ]);
  });

  it('takes concurrent filings for one organisation without losing any or breaking the audit chain', async () => {
    const { organisation } = await organisationWithReferents(t, 1);
    const filings = await Promise.all(Array.from({ length: 12 }, (_, i) => new ReporterClient(t.baseUrl).file(organisation.slug, sampleReport(`CONCURRENT-${i}`))));
    expect(new Set(filings.map((f) => f.caseReference)).size).toBe(12);
    const audit = await verifyAuditChain(t.services.db, organisation.id);
    expect(audit.firstBroken).toBeNull();
    const filed = await t.services.db.$count(auditLog, and(eq(auditLog.organisationId, organisation.id), eq(auditLog.action, 'case.filed')));
    expect(filed).toBe(12);
  });
});
