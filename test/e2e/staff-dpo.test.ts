// The DPO's pages in real Chromium. Given an organisation where a referent (Node client) closed two
// alerts as inadmissible (R1) and one without follow-up (R2), left one open, and the purge job has
// run, 35 days later the DPO logs in through the page and sees the retention overview (no overdue
// purge, the R2 case due within 30 days, the last purge); places a legal hold from the list and one
// by case id, releases one after confirming; reads the purge log a page at a time, filters it and
// downloads it as CSV; opens the indicators with their SVG charts and downloads them as CSV. An
// admin opens the indicators but not the DPO's pages. A month past the R2 case's due day with no
// purge run, the overview lists it in red as overdue; after the run, it says none again.
// axe-core on every page, screenshots at 1280 and 375 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { ReporterClient, type FiledAlert } from '../../src/client/reporter-client.ts';
import { StaffCasesClient } from '../../src/client/staff-cases-client.ts';
import { StaffWorkflowClient } from '../../src/client/staff-workflow-client.ts';
import { findJob } from '../../src/jobs/registry.ts';
import { axeViolations, launchChromium, screenshotBothWidths, type AxeViolation } from '../helpers/browser.ts';
import { inviteStaff, organisationWithReferents, sampleReport, type ActiveStaff } from '../helpers/factories.ts';
import { loginInBrowser } from '../helpers/staff-browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const HOLD_REASON = 'Appel en cours devant la CAA de Paris (req. 26PA01234)';
const SECOND_REASON = 'Plainte pénale déposée, enquête préliminaire en cours';

let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let slug: string;
let admin: ActiveStaff;
let dpo: ActiveStaff;
let inadmissible: FiledAlert[];
let noFollowUp: FiledAlert;
let stillOpen: FiledAlert;
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

async function savedText(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The DPO's own view through the API (a fresh Node login on the next TOTP step). */
async function retentionThroughApi() {
  t.clock.advance(30_000);
  await dpo.client.login(dpo.credentials, t.clock.now());
  return dpo.client.http.expect<{ holds: { caseId: string; reason: string }[] }>(200, 'GET', '/api/v1/dpo/retention');
}

/** After an action that re-renders the same view: its flash message says what was done. */
async function waitForFlash(text: string): Promise<void> {
  await page.locator('#flash').filter({ hasText: text }).waitFor();
  await waitForView('Conservation des données');
}

async function waitForView(title: string): Promise<void> {
  await page.waitForFunction((expected) => document.getElementById('page-title')?.textContent === expected && document.getElementById('app-status')?.hidden === true, title);
}

beforeAll(async () => {
  t = await startTestApp();
  const built = await organisationWithReferents(t, 1);
  slug = built.organisation.slug;
  admin = built.admin;
  dpo = await inviteStaff(t, admin, ['dpo'], `dpo@${slug}.fr`);
  const cases = new StaffCasesClient(built.referents[0]!.client);
  const flow = new StaffWorkflowClient(cases);
  const reporter = new ReporterClient(t.baseUrl);

  // Given two alerts closed as inadmissible (R1) on 5 January, one closed without follow-up (R2) on
  // 7 January, one still open
  inadmissible = [];
  for (const marker of ['ABRICOT-1101', 'ABRICOT-1102']) {
    const filed = await reporter.file(slug, sampleReport(marker));
    await flow.transition(await cases.open(filed.caseId), 'start_admissibility_review');
    await flow.transition(await cases.open(filed.caseId), 'declare_inadmissible', 'Hors du champ du dispositif.');
    inadmissible.push(filed);
  }
  noFollowUp = await reporter.file(slug, sampleReport('BRUGNON-2201'));
  await flow.transition(await cases.open(noFollowUp.caseId), 'start_admissibility_review');
  await flow.transition(await cases.open(noFollowUp.caseId), 'declare_admissible');
  // closed two days later (so the delays chart has something to draw); the referent logs in again.
  t.clock.advance(2 * 24 * 3_600_000);
  await built.referents[0]!.client.login(built.referents[0]!.credentials, t.clock.now());
  await expect(flow.transition(await cases.open(noFollowUp.caseId), 'close_without_follow_up', 'Les faits ne sont pas établis.')).resolves.toMatchObject({ state: 'closed', outcome: 'no_follow_up' });
  stillOpen = await reporter.file(slug, sampleReport('CASSIS-3301'));

  // and the purge job has run (the R1 cases go), then 35 days pass: the R2 case falls due within 30 days.
  const report = await findJob('purge')!.run(t.services, { dryRun: false });
  expect(report.lines).toContain(`${slug}: purged 2 case(s) in 1 batch(es)`);
  t.clock.advance(35 * 24 * 3_600_000);

  browser = await launchChromium();
  context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`response ${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the DPO in the staff pages', () => {
  it('logs in and sees the retention overview: policy, counts, what is due when, no overdue purge, the last purge', async () => {
    t.clock.advance(30_000);
    await loginInBrowser(page, t.baseUrl, dpo.credentials, t.clock.now(), 'fr', '/staff/dpo');
    await waitForView('Conservation des données');
    await expect(page.locator('#staff-nav-list a[aria-current="page"]').textContent()).resolves.toBe('Conservation');
    await expect(page.locator('.retention-policy').textContent()).resolves.toContain('supprimé 2 mois après la clôture');
    await expect(page.locator('#last-purge').textContent()).resolves.toMatch(/^7 janv\. 2026/);
    // Counts per rule and state: the two purged cases are gone, one R2 closed, one open.
    const counts = await page.locator('table.counts tbody tr').allTextContents();
    expect(counts).toEqual(expect.arrayContaining(['R2 — clos sans suiteClos1', 'En cours (pas encore de règle)Accusé de réception envoyé1']));
    expect(counts).toHaveLength(2);
    // Due within 30 days: the R2 case, on 7 March (2 calendar months after closure).
    await expect(page.locator('#upcoming li').allTextContents()).resolves.toEqual(['R1 — clos non recevable : 0 dossier', 'R2 — clos sans suite : 1 dossier', 'R3 — clos avec suites : 0 dossier']);
    await expect(page.locator('#upcoming tbody tr').allTextContents()).resolves.toEqual([`7 mars 2026${noFollowUp.caseReference}R2 — clos sans suitenon`]);
    // Overdue: none, said in green.
    const overdue = page.locator('#overdue .overdue-none');
    await expect(overdue.textContent()).resolves.toBe('Aucune purge en retard : tout ce qui était échu a été supprimé.');
    await expect(overdue.evaluate((node) => getComputedStyle(node).color)).resolves.toBe('rgb(24, 117, 60)');
    await expect(page.locator('#holds .holds-none').textContent()).resolves.toBe('Aucun gel légal en cours.');
    await checkAccessibility('staff-dpo-retention');
  });

  it('refuses a hold without a case or a reason, then places one from the list and one by case id', async () => {
    await page.getByRole('button', { name: 'Placer le gel' }).click();
    await expect(page.locator('#hold-case-error').textContent()).resolves.toBe('Choisissez un dossier dans la liste ou saisissez son identifiant.');
    await expect(page.locator('#hold-reason-error').textContent()).resolves.toBe('Indiquez le motif du gel.');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('hold-case');
    await expect(page.locator('#hold-case').getAttribute('aria-invalid')).resolves.toBe('true');
    await checkAccessibility('staff-dpo-hold-errors');

    await page.getByLabel('Dossier à purger prochainement').selectOption(noFollowUp.caseId);
    await page.getByLabel('Motif du gel').fill(HOLD_REASON);
    await page.getByRole('button', { name: 'Placer le gel' }).click();
    await waitForFlash(`Gel légal placé sur le dossier ${noFollowUp.caseReference}.`);
    await expect(page.locator('#upcoming tbody tr').first().textContent()).resolves.toContain('gelé');
    // Held cases are no longer offered in the list.
    await expect(page.locator('#hold-case option').count()).resolves.toBe(1);

    await page.getByLabel('Ou identifiant d’un autre dossier').fill(stillOpen.caseId.toUpperCase());
    await page.getByLabel('Motif du gel').fill(SECOND_REASON);
    await page.getByRole('button', { name: 'Placer le gel' }).click();
    await waitForFlash(`Gel légal placé sur le dossier ${stillOpen.caseReference}.`);
    const rows = page.locator('table.holds tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    // Both placed at the same instant of the server's clock: compare them by case.
    const holdRow = (reference: string) => rows.filter({ has: page.locator('th', { hasText: reference }) });
    await expect(holdRow(noFollowUp.caseReference).locator('.hold-reason').textContent()).resolves.toBe(HOLD_REASON);
    await expect(holdRow(stillOpen.caseReference).locator('.hold-reason').textContent()).resolves.toBe(SECOND_REASON);
    await expect(holdRow(stillOpen.caseReference).textContent()).resolves.toContain('Accusé de réception envoyé');
    // A third one on the same case is refused with the API's own sentence.
    await page.getByLabel('Ou identifiant d’un autre dossier').fill(stillOpen.caseId);
    await page.getByLabel('Motif du gel').fill('Encore');
    await page.getByRole('button', { name: 'Placer le gel' }).click();
    await expect(page.locator('#place-hold .form-message.error').textContent()).resolves.toBe('Ce dossier est déjà sous gel légal : levez ce gel avant d’en placer un autre.');

    const api = await retentionThroughApi();
    expect(api.holds.map((h) => [h.caseId, h.reason])).toEqual(
      expect.arrayContaining([
        [noFollowUp.caseId, HOLD_REASON],
        [stillOpen.caseId, SECOND_REASON],
      ]),
    );
    expect(api.holds).toHaveLength(2);
  });

  it('releases a hold only after confirming it', async () => {
    const release = page.getByRole('button', { name: `Lever le gel du dossier ${noFollowUp.caseReference}` });
    await release.click();
    const confirm = page.getByRole('button', { name: 'Confirmer la levée' });
    await expect(confirm.isVisible()).resolves.toBe(true);
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Confirmer la levée');
    await expect(page.locator('table.holds .confirm-box:visible p').textContent()).resolves.toContain(`Lever le gel du dossier ${noFollowUp.caseReference} ?`);
    await checkAccessibility('staff-dpo-release-confirm');
    // Cancel first: nothing changes.
    await page.getByRole('button', { name: 'Annuler' }).click();
    await expect(release.isVisible()).resolves.toBe(true);
    await expect(page.locator('table.holds tbody tr').count()).resolves.toBe(2);

    await release.click();
    await confirm.click();
    await waitForFlash(`Le gel du dossier ${noFollowUp.caseReference} est levé.`);
    await expect(page.locator('table.holds tbody tr').count()).resolves.toBe(1);
    await expect(page.locator('table.holds tbody th').textContent()).resolves.toBe(stillOpen.caseReference);
    await expect(page.locator('#upcoming tbody tr').first().textContent()).resolves.toContain('non');
    const api = await retentionThroughApi();
    expect(api.holds.map((h) => h.caseId)).toEqual([stillOpen.caseId]);
  });

  it('reads the purge log a page at a time, filters it by period and downloads it as CSV', async () => {
    await page.getByRole('link', { name: 'Voir le journal des purges' }).click();
    await waitForView('Journal des purges');
    const references = inadmissible.map((f) => f.caseReference);
    const rows = page.locator('table.purge-log tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    const shown = await rows.allTextContents();
    for (const reference of references) expect(shown.some((row) => row.includes(reference) && row.includes('R1'))).toBe(true);
    await checkAccessibility('staff-dpo-purge-log');

    // One entry a page: the "next" link carries the cursor, then the list ends.
    // A full page load drops the in-memory key: the DPO logs in again and lands back on the page.
    t.clock.advance(30_000);
    await loginInBrowser(page, t.baseUrl, dpo.credentials, t.clock.now(), 'fr', '/staff/dpo/purge-log?limit=1');
    await waitForView('Journal des purges');
    await expect(rows.count()).resolves.toBe(1);
    const first = await rows.first().textContent();
    await page.getByRole('link', { name: 'Entrées suivantes' }).click();
    await page.waitForURL(/after=/);
    await waitForView('Journal des purges');
    await expect(rows.count()).resolves.toBe(1);
    const second = await rows.first().textContent();
    expect(second).not.toBe(first);
    expect([first, second].map((row) => references.find((r) => row?.includes(r))).sort()).toEqual([...references].sort());
    await expect(page.getByRole('link', { name: 'Entrées suivantes' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Revenir aux plus récentes' }).isVisible()).resolves.toBe(true);

    // A period with no purge: none listed.
    await page.getByLabel('Du', { exact: true }).fill('2026-02-01');
    await page.getByLabel('Au (inclus)').fill('2026-02-28');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/from=2026-02-01/);
    await expect(page.locator('.log-empty').textContent()).resolves.toBe('Aucune purge dans cette période.');
    await page.getByLabel('Du', { exact: true }).fill('2026-01-07');
    await page.getByLabel('Au (inclus)').fill('2026-01-07');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/to=2026-01-07/);
    await waitForView('Journal des purges');
    await expect(rows.count()).resolves.toBe(2);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger le journal (CSV)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('vigie-purge-log.csv');
    const csv = await savedText(file);
    const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe('purged_at,case_reference,case_id,rule,due_on');
    expect(lines).toHaveLength(3);
    for (const filed of inadmissible) expect(lines.some((line) => line.includes(filed.caseReference) && line.includes(filed.caseId) && line.includes(',R1,'))).toBe(true);
  });

  it('opens the indicators with SVG charts and table alternatives, and downloads them as CSV', async () => {
    await page.getByRole('link', { name: 'Indicateurs', exact: true }).click();
    await waitForView('Indicateurs');
    await page.getByLabel('Du mois').fill('2026-01');
    await page.getByLabel('Au mois (inclus)').fill('2026-02');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.waitForURL(/from=2026-01&to=2026-02/);
    await waitForView('Indicateurs');
    await expect(page.locator('#period-summary').textContent()).resolves.toBe('Alertes reçues de janvier 2026 à février 2026, toutes catégories.');
    const figure = (name: string) => page.locator(`dd[data-figure="${name}"]`).textContent();
    await expect(figure('received')).resolves.toBe('4');
    await expect(figure('inadmissible')).resolves.toBe('2');
    await expect(figure('closed-without-follow-up')).resolves.toBe('1');
    await expect(figure('closed-with-follow-up')).resolves.toBe('0');
    await expect(figure('open')).resolves.toBe('1');
    await expect(figure('days-to-acknowledgement')).resolves.toBe('médiane 0 jour, 90 % en 0 jour au plus (4 dossiers)');
    await expect(figure('days-to-closure')).resolves.toBe('médiane 0 jour, 90 % en 2 jours au plus (3 dossiers)');
    await expect(page.locator('#chart-delays-section details tbody tr').allTextContents()).resolves.toEqual(['Accusé de réception00', 'Clôture02']);
    // Four charts, each an SVG image named by its title and described, with its figures as a table.
    const charts = page.locator('svg.chart-svg[role="img"]');
    await expect(charts.count()).resolves.toBe(4);
    for (const id of ['chart-received', 'chart-outcomes', 'chart-delays', 'chart-feedback']) {
      const chart = page.locator(`#${id}`);
      await expect(chart.evaluate((node) => node.namespaceURI)).resolves.toBe('http://www.w3.org/2000/svg');
      await expect(chart.locator('title').count()).resolves.toBe(1);
      await expect(chart.locator('desc').count()).resolves.toBe(1);
      await expect(page.locator(`#${id}-section details table`).count()).resolves.toBe(1);
    }
    // Received per month: one bar per month (January 4, February 0).
    await expect(page.locator('#chart-received rect.chart-bar').count()).resolves.toBe(2);
    await expect(page.locator('#chart-received-section details tbody tr').allTextContents()).resolves.toEqual(['janvier 20264', 'février 20260']);
    await expect(page.getByRole('img', { name: 'Alertes reçues par mois' }).isVisible()).resolves.toBe(true);
    // No inline style anywhere (CSP): the charts are coloured through classes.
    await expect(page.locator('#view [style]').count()).resolves.toBe(0);
    await page.locator('#chart-outcomes-section summary').click();
    await checkAccessibility('staff-indicators');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger les indicateurs (CSV)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('vigie-indicators-2026-01-2026-02.csv');
    const csv = (await savedText(file)).replace(/^\uFEFF/, '');
    expect(csv).toMatch(/^2026-01,2026-02,,,received,4\r?$/m);
    expect(csv).toMatch(/^2026-01,2026-02,,,inadmissible,2\r?$/m);
  });

  it('shows the indicators in English too', async () => {
    await page.getByRole('link', { name: 'English' }).click();
    await waitForView('Indicators');
    await expect(page.locator('#period-summary').textContent()).resolves.toBe('Alerts received from January 2026 to February 2026, all categories.');
    await expect(page.getByRole('img', { name: 'Alerts received per month' }).isVisible()).resolves.toBe(true);
    await checkAccessibility('staff-indicators-en');
    await page.getByRole('link', { name: 'Retention' }).click();
    await waitForView('Data retention');
    await expect(page.locator('#overdue .overdue-none').textContent()).resolves.toBe('No overdue purge: everything that was due has been deleted.');
    await checkAccessibility('staff-dpo-retention-en');
  });

  it('lets an admin open the indicators but not the DPO pages', async () => {
    const adminContext: BrowserContext = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const adminPage = await adminContext.newPage();
    adminPage.on('pageerror', (error) => problems.push(`admin page error: ${error.message}`));
    t.clock.advance(30_000);
    await loginInBrowser(adminPage, t.baseUrl, admin.credentials, t.clock.now(), 'fr', '/staff/indicators?from=2026-01&to=2026-01');
    await adminPage.waitForFunction(() => document.getElementById('page-title')?.textContent === 'Indicateurs');
    await expect(adminPage.locator('dd[data-figure="received"]').textContent()).resolves.toBe('4');
    await expect(adminPage.locator('#staff-nav-list').textContent()).resolves.not.toContain('Conservation');
    await adminPage.evaluate(() => {
      window.history.pushState(null, '', '/staff/dpo');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await adminPage.waitForFunction(() => document.getElementById('page-title')?.textContent === 'Accès non autorisé');
    await adminContext.close();
  });

  it('says in red which purges are overdue when the purge job has not run, and nothing once it has', async () => {
    // The R2 case (its hold released) falls due on 7 March; a month later no purge has run yet.
    t.clock.advance(30 * 24 * 3_600_000);
    await loginInBrowser(page, t.baseUrl, dpo.credentials, t.clock.now(), 'fr', '/staff/dpo');
    await waitForView('Conservation des données');
    await expect(page.locator('#overdue .overdue-none').count()).resolves.toBe(0);
    const warning = page.locator('#overdue .overdue-some p.error');
    await expect(warning.textContent()).resolves.toMatch(/^1 dossier aurait dû être supprimé\./);
    await expect(warning.evaluate((node) => getComputedStyle(node).color)).resolves.toBe('rgb(206, 5, 0)');
    await expect(page.locator('#overdue tbody tr').allTextContents()).resolves.toEqual([`7 mars 2026${noFollowUp.caseReference}R2 — clos sans suitenon`]);
    await checkAccessibility('staff-dpo-overdue');

    await findJob('purge')!.run(t.services, { dryRun: false });
    await page.getByRole('link', { name: 'Voir le journal des purges' }).click();
    await waitForView('Journal des purges');
    await expect(page.locator('table.purge-log tbody tr').first().textContent()).resolves.toContain(noFollowUp.caseReference);
    await page.getByRole('link', { name: 'Retour à la conservation des données' }).click();
    await waitForView('Conservation des données');
    await expect(page.locator('#overdue .overdue-none').isVisible()).resolves.toBe(true);
  });

  it('found no accessibility violation, no overflow at 320 px and no script error', () => {
    expect(Object.fromEntries(axeResults)).toEqual(Object.fromEntries([...axeResults.keys()].map((name) => [name, []])));
    expect(axeResults.size).toBe(8);
    expect([...overflowAt320.values()].every((width) => width <= 320), JSON.stringify(Object.fromEntries(overflowAt320))).toBe(true);
    // The refused third hold answers 409, and the login page asks whether a session cookie is already
    // there (401 when not): browsers log both as failed loads. Nothing else may fail.
    const sessionProbes = problems.filter((p) => p === 'response 401 GET /api/v1/staff/me').length;
    const console401 = problems.filter((p) => p.startsWith('console:') && p.includes('status of 401'));
    expect(console401.length).toBeLessThanOrEqual(sessionProbes);
    expect(problems.filter((p) => !p.includes('409') && p !== 'response 401 GET /api/v1/staff/me' && !console401.includes(p))).toEqual([]);
  });
});
