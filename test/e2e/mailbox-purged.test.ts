// After its case was purged, the reporter's token opens the signed closure notice alone, in real
// Chromium: given an alert filed and closed as inadmissible, then purged by the purge job, when the
// reporter types their token in the mailbox page, then the page says in plain words that the case
// was closed and its data deleted, shows the closure notice verified against the published key
// (downloadable, printable), sets no cookie, shows nothing else, and leaving wipes it. In English
// too; and once the grace period is over the token opens nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { MailboxPurgedError, ReporterClient, type FiledAlert } from '../../src/client/reporter-client.ts';
import { StaffCasesClient } from '../../src/client/staff-cases-client.ts';
import { StaffWorkflowClient } from '../../src/client/staff-workflow-client.ts';
import type { SignedReceipt } from '../../src/crypto/receipts.ts';
import { findJob } from '../../src/jobs/registry.ts';
import { axeViolations, launchChromium, screenshotBothWidths, type AxeViolation } from '../helpers/browser.ts';
import { organisationWithReferents, sampleReport } from '../helpers/factories.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const MARKER = 'MIRABELLE-6093';
const REASON = "Les faits signalés relèvent d'un litige privé, hors du champ du dispositif.";

let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let slug: string;
let filed: FiledAlert;
let closureNotice: SignedReceipt;
const sentBodies: string[] = [];
const sentUrls: string[] = [];
const problems: string[] = [];
const axeResults = new Map<string, AxeViolation[]>();
const overflowAt320 = new Map<string, number>();

async function checkAccessibility(name: string): Promise<void> {
  axeResults.set(name, await axeViolations(page));
  await screenshotBothWidths(page, name);
  await page.setViewportSize({ width: 320, height: 800 });
  overflowAt320.set(name, await page.evaluate(() => document.documentElement.scrollWidth));
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Types the token in the mailbox page (in `language`) and asks to open it. */
async function typeToken(language: 'fr' | 'en', typed: string): Promise<void> {
  await page.goto(`${t.baseUrl}/o/${slug}/mailbox${language === 'en' ? '?lang=en' : ''}`);
  await page.waitForSelector('html[data-ready="true"]');
  await page.getByLabel(language === 'en' ? 'Personal code' : 'Code personnel').fill(typed);
  await page.getByRole('button', { name: language === 'en' ? 'Open my mailbox' : 'Ouvrir ma boîte aux lettres' }).click();
}

/** Neither the token (in any spelling) nor a word of the report may be in the page. */
async function expectNoSecretInPage(): Promise<void> {
  const html = await page.content();
  for (const secret of [filed.token, filed.token.replace(/-/g, ''), filed.token.toLowerCase(), MARKER, REASON]) expect(html).not.toContain(secret);
  await expect(page.locator('#token').inputValue()).resolves.toBe('');
}

beforeAll(async () => {
  t = await startTestApp();
  const built = await organisationWithReferents(t, 1);
  slug = built.organisation.slug;
  const [referent] = built.referents;

  // Given an alert, closed as inadmissible (rule R1: purged on the next run)
  filed = await new ReporterClient(t.baseUrl).file(slug, sampleReport(MARKER));
  const cases = new StaffCasesClient(referent!.client);
  const flow = new StaffWorkflowClient(cases);
  await flow.transition(await cases.open(filed.caseId), 'start_admissibility_review');
  await expect(flow.transition(await cases.open(filed.caseId), 'declare_inadmissible', REASON)).resolves.toMatchObject({ state: 'closed', outcome: 'inadmissible' });

  // and the purge job has run
  const report = await findJob('purge')!.run(t.services, { dryRun: false });
  expect(report.lines).toContain(`${slug}: purged 1 case(s) in 1 batch(es)`);
  const refused = await new ReporterClient(t.baseUrl).openMailbox(filed.token).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(MailboxPurgedError);
  closureNotice = (refused as MailboxPurgedError).closureNotice;

  browser = await launchChromium();
  context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('request', (request: Request) => {
    sentUrls.push(request.url());
    sentBodies.push(request.postData() ?? '');
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the mailbox page of a purged case', () => {
  it('says the case was closed and its data deleted, and moves focus to that heading', async () => {
    await typeToken('fr', filed.token.toLowerCase().replace(/-/g, ' '));
    await page.locator('#purged-step').waitFor({ state: 'visible' });
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('purged-title');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Signalement clôturé');
    await expect(page.locator('#purged-step .lead').textContent()).resolves.toBe(
      "Ce signalement a été clôturé et ses données ont été supprimées conformément aux règles de conservation. Seul l'avis de clôture reste consultable pendant quelques jours.",
    );
    // Nothing else: neither the code form nor the mailbox, and no session cookie.
    await expect(page.locator('#login-step').isHidden()).resolves.toBe(true);
    await expect(page.locator('#mailbox-step').isHidden()).resolves.toBe(true);
    await expect(context.cookies()).resolves.toEqual([]);
    await expectNoSecretInPage();
  });

  it('shows the closure notice verified against the published key, downloadable and printable', async () => {
    const notice = page.getByRole('region', { name: 'Avis de clôture signé' });
    await notice.locator('.verified').waitFor();
    await expect(notice.locator('.verified').textContent()).resolves.toContain(closureNotice.keyId);
    const statement = (await notice.locator('.statement').textContent()) ?? '';
    expect(statement).toContain(filed.caseReference);
    expect(statement).toContain('non recevable');
    await expect(notice.getByRole('button', { name: 'Imprimer le reçu' }).isVisible()).resolves.toBe(true);
    // The download is the notice exactly as signed: the JSON that npm run verify-receipt reads.
    const download = page.waitForEvent('download');
    await notice.getByRole('button', { name: 'Télécharger le reçu (JSON)' }).click();
    const chunks: Buffer[] = [];
    for await (const chunk of await (await download).createReadStream()) chunks.push(chunk as Buffer);
    const saved = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SignedReceipt;
    expect(saved).toEqual({ payload: closureNotice.payload, signature: closureNotice.signature, keyId: closureNotice.keyId });
    expect(JSON.parse(saved.payload)).toMatchObject({ type: 'vigie.receipt', kind: 'closure', caseReference: filed.caseReference, outcome: 'inadmissible' });
    await checkAccessibility('mailbox-purged');
  });

  it('leaves: the notice is wiped and the code form comes back', async () => {
    await page.getByRole('button', { name: 'Quitter' }).click();
    await page.locator('#login-step').waitFor({ state: 'visible' });
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('login-title');
    await expect(page.locator('#purged-step').isHidden()).resolves.toBe(true);
    await expect(page.locator('#login-notice').textContent()).resolves.toBe("L'avis de clôture n'est plus affiché. Vous pouvez fermer cette fenêtre.");
    await expect(page.locator('#closure-notice').innerHTML()).resolves.toBe('');
    expect(await page.content()).not.toContain(filed.caseReference);
    await expectNoSecretInPage();
  });

  it('says the same in English', async () => {
    await typeToken('en', filed.token);
    await page.locator('#purged-step').waitFor({ state: 'visible' });
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('purged-title');
    await expect(page.locator('#purged-title').textContent()).resolves.toBe('Report closed');
    await expect(page.locator('#purged-step .lead').textContent()).resolves.toBe(
      'This report was closed and its data deleted under the retention rules. Only the closure notice can still be viewed, for a few days.',
    );
    const notice = page.getByRole('region', { name: 'Signed closure notice' });
    await notice.locator('.verified').waitFor();
    await expect(notice.locator('.statement').textContent()).resolves.toContain(filed.caseReference);
    await expect(context.cookies()).resolves.toEqual([]);
    await expectNoSecretInPage();
    await checkAccessibility('mailbox-purged-en');
    await page.getByRole('button', { name: 'Leave' }).click();
    await page.locator('#login-step').waitFor({ state: 'visible' });
  });

  it('opens nothing once the grace period is over, like a wrong code', async () => {
    t.clock.advance((t.config.retention.mailboxGraceDays + 1) * 24 * 3_600_000);
    await findJob('purge')!.run(t.services, { dryRun: false });
    await typeToken('fr', filed.token);
    await page.locator('#token-error').waitFor({ state: 'visible' });
    await expect(page.locator('#token-error').textContent()).resolves.toContain("n'ouvre aucune boîte");
    await expect(page.locator('#purged-step').isHidden()).resolves.toBe(true);
    await expect(context.cookies()).resolves.toEqual([]);
  });

  it('never sent the token in clear, found no accessibility violation and no script error', () => {
    const compact = filed.token.replace(/-/g, '');
    expect(sentBodies.filter((body) => body.includes(filed.token) || body.includes(compact))).toEqual([]);
    expect(sentUrls.filter((url) => decodeURIComponent(url).includes(compact) || decodeURIComponent(url).includes(filed.token))).toEqual([]);
    expect(sentUrls.filter((url) => !url.startsWith(t.baseUrl) && !url.startsWith('blob:'))).toEqual([]);
    expect(Object.fromEntries(axeResults)).toEqual({ 'mailbox-purged': [], 'mailbox-purged-en': [] });
    expect([...overflowAt320.values()].every((width) => width <= 320), JSON.stringify(Object.fromEntries(overflowAt320))).toBe(true);
    // The code that opens nothing any more logs its 401, as browsers do for any failed request.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
  });
});
