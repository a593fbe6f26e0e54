// An admin shapes what reporters see: texts, review delay, categories, recovery key. Reporters
// see the change at once; bad values are refused; every change is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { caseKeyGrants } from '../../db/schema.ts';
import { earnProofOfWork } from '../../src/client/proof-of-work-client.ts';
import { prepareFiling, ReporterClient } from '../../src/client/reporter-client.ts';
import { openReport, openSealedCaseKey } from '../../src/crypto/case-keys.ts';
import { toBase64Url } from '../../src/crypto/encoding.ts';
import { generateStaffKeyPair } from '../../src/crypto/staff-keys.ts';
import { organisationWithReferents, sampleReport, type ActiveStaff } from '../helpers/factories.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let slug: string;
let admin: ActiveStaff;
let referent: ActiveStaff;
let reporter: ReporterClient;

beforeAll(async () => {
  t = await startTestApp();
  const org = await organisationWithReferents(t, 1);
  slug = org.organisation.slug;
  admin = org.admin;
  referent = org.referents[0]!;
  reporter = new ReporterClient(t.baseUrl);
});
afterAll(async () => t.close());

describe('intake description', () => {
  it('starts with the built-in texts and categories, and lists only active referents and committee members', async () => {
    const intake = await reporter.intake(slug);
    expect(intake.texts.whatHappensNext.fr).toContain('accusé de réception');
    expect(intake.categories.map((c) => c.code)).toContain('atteinte-probite');
    expect(intake.admissibilityReviewWorkingDays).toBe(15);
    expect(intake.recipients).toEqual([{ id: referent.accountId, displayName: 'referent1', roles: ['referent'], publicKey: expect.any(String) as string }]);
    expect(intake.recoveryPublicKey).toBeNull();
    expect((await reporter.http.send('GET', '/api/v1/orgs/inconnue/intake')).status).toBe(404);
  });
});

describe('admin settings', () => {
  it('changes texts and the review delay; the next receipt states the new delay', async () => {
    const settings = await admin.client.http.expect<{ customTexts: string[] }>(200, 'PATCH', '/api/v1/admin/intake', {
      texts: { rights: { fr: 'Vos droits, version locale.', en: 'Your rights, local version.' } },
      admissibilityReviewWorkingDays: 10,
    });
    expect(settings.customTexts).toEqual(['rights']);
    const intake = await reporter.intake(slug);
    expect(intake.texts.rights.fr).toBe('Vos droits, version locale.');
    expect(intake.admissibilityReviewWorkingDays).toBe(10);
    const filed = await reporter.file(slug, sampleReport('DELAY'));
    expect(JSON.parse(filed.receipt!.payload)).toMatchObject({ admissibilityReviewWorkingDays: 10 });
    // Back to the default text
    await admin.client.http.expect(200, 'PATCH', '/api/v1/admin/intake', { texts: { rights: null } });
    expect((await reporter.intake(slug)).texts.rights.fr).toContain('strictement confidentielles');
  });

  it('refuses a delay out of range, an unknown field, and non-admins', async () => {
    expect((await admin.client.http.send('PATCH', '/api/v1/admin/intake', { admissibilityReviewWorkingDays: 61 })).status).toBe(400);
    expect((await admin.client.http.send('PATCH', '/api/v1/admin/intake', { colour: 'red' })).status).toBe(400);
    expect((await referent.client.http.send('PATCH', '/api/v1/admin/intake', { admissibilityReviewWorkingDays: 5 })).status).toBe(403);
  });

  it('adds, renames and archives categories; an archived one cannot be chosen any more', async () => {
    await admin.client.http.expect(201, 'POST', '/api/v1/admin/categories', { code: 'marches-publics', label: { fr: 'Marchés publics', en: 'Public procurement' } });
    expect((await admin.client.http.send('POST', '/api/v1/admin/categories', { code: 'marches-publics', label: { fr: 'X', en: 'X' } })).status).toBe(409);
    await admin.client.http.expect(200, 'PATCH', '/api/v1/admin/categories/marches-publics', { label: { fr: 'Commande publique', en: 'Public procurement' } });
    expect((await reporter.intake(slug)).categories.find((c) => c.code === 'marches-publics')?.label.fr).toBe('Commande publique');
    await reporter.file(slug, sampleReport('CAT', { category: 'marches-publics' }));
    await admin.client.http.expect(200, 'PATCH', '/api/v1/admin/categories/marches-publics', { archived: true });
    expect((await reporter.intake(slug)).categories.map((c) => c.code)).not.toContain('marches-publics');
    await expect(reporter.file(slug, sampleReport('CAT2', { category: 'marches-publics' }))).rejects.toThrow(/unknown_category/);
  });

  it('makes the recovery key a required recipient, which can then open the case key', async () => {
    const recovery = await generateStaffKeyPair();
    await admin.client.http.expect(204, 'PUT', '/api/v1/admin/recovery-key', { publicKey: toBase64Url(recovery.publicKey) });
    const intake = await reporter.intake(slug);
    expect(intake.recoveryPublicKey).toBe(toBase64Url(recovery.publicKey));
    const filed = await reporter.file(slug, sampleReport('RECOVERY'));
    const [grant] = await t.services.db
      .select({ sealedKey: caseKeyGrants.sealedKey })
      .from(caseKeyGrants)
      .where(and(eq(caseKeyGrants.caseId, filed.caseId), isNull(caseKeyGrants.staffAccountId)));
    const caseKey = await openSealedCaseKey(grant!.sealedKey, recovery.publicKey, recovery.privateKey);
    const [row] = await t.services.db.query.cases.findMany({ where: (c, { eq: is }) => is(c.id, filed.caseId) });
    expect(await openReport(caseKey, row!.reportCiphertext, intake.organisation.id, filed.caseId)).toContain('RECOVERY');
    // A client that leaves the recovery key out is refused
    const withoutRecovery = { ...intake, recoveryPublicKey: null };
    const { body } = await prepareFiling(withoutRecovery, sampleReport('NO-RECOVERY'), {}, await earnProofOfWork(reporter.http, 'filing'));
    const refused = await reporter.http.send<{ code: string }>('POST', `/api/v1/orgs/${slug}/reports`, body);
    expect([refused.status, refused.body.code]).toEqual([400, 'recovery_key_missing']);
  });
});
