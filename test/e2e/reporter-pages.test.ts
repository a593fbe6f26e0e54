// The reporter's whole journey in real Chromium: landing → form (with errors, then filled) → review
// → encrypted filing → token and receipt → mailbox reopened with the token → a referent (Node client)
// decrypts and replies → the reporter reads the reply in the page and answers → the referent reads it.
// Along the way: axe-core on every page, screenshots at two widths, no cookie before the mailbox
// login, and no request sent by the page carrying a word of the report, the identity or a message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { StaffCasesClient } from '../../src/client/staff-cases-client.ts';
import { StaffWorkflowClient } from '../../src/client/staff-workflow-client.ts';
import { HttpError } from '../../src/client/http.ts';
import { axeViolations, launchChromium, screenshotBothWidths, type AxeViolation } from '../helpers/browser.ts';
import { organisationWithReferents, type ActiveStaff } from '../helpers/factories.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly body: string;
}

const MARKER = 'ORCHIDEE-7431';
const IDENTITY_MARKER = 'Lucienne Ferrand-Quesnel';
const CONTACT_MARKER = 'lucienne.fq@exemple-perso.fr';
const REPLY_MARKER = 'GRENADINE-2207';
const STAFF_MARKER = 'PISTACHE-5518';

let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let slug: string;
let organisationName: string;
let organisationId: string;
let referents: ActiveStaff[];
const sent: SentRequest[] = [];
const problems: string[] = [];
const axeResults = new Map<string, AxeViolation[]>();

const overflowAt320 = new Map<string, number>();

async function checkAccessibility(name: string): Promise<void> {
  axeResults.set(name, await axeViolations(page));
  await screenshotBothWidths(page, name);
  // At 320 px nothing may need horizontal scrolling (WCAG 1.4.10 reflow).
  await page.setViewportSize({ width: 320, height: 800 });
  overflowAt320.set(name, await page.evaluate(() => document.documentElement.scrollWidth));
  await page.setViewportSize({ width: 1280, height: 900 });
}

beforeAll(async () => {
  t = await startTestApp();
  const built = await organisationWithReferents(t, 2);
  slug = built.organisation.slug;
  organisationName = built.organisation.name;
  organisationId = built.organisation.id;
  referents = built.referents;
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('request', (request: Request) => sent.push({ method: request.method(), url: request.url(), body: request.postData() ?? '' }));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the reporter pages in Chromium', () => {
  let token = '';
  let caseReference = '';

  it('shows the landing page: purpose, recipients by name and role, what happens next, rights, privacy', async () => {
    const response = await page.goto(`${t.baseUrl}/o/${slug}`);
    expect(response?.status()).toBe(200);
    const headers = response!.headers();
    expect(headers['content-security-policy']).toContain("default-src 'none'");
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['set-cookie']).toBeUndefined();
    await expect(page.locator('h1').textContent()).resolves.toContain(organisationName);
    const recipients = await page.locator('ul.recipients li').allTextContents();
    expect(recipients).toEqual([expect.stringContaining('référent alerte'), expect.stringContaining('référent alerte')]);
    const text = await page.locator('main').textContent();
    expect(text).toContain('accusé de réception');
    expect(text).toContain('recevable');
    expect(text).toContain('trois mois');
    expect(text).toContain('Anonyme');
    expect(text).toContain('représailles');
    expect(text).toContain('Aucune adresse IP');
    await checkAccessibility('landing');
  });

  it('can be used from the keyboard: the skip link comes first and leads to the content', async () => {
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe('skip-link');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Déposer une alerte');
  });

  it('switches to English and back without losing the page', async () => {
    await page.getByRole('link', { name: 'Read this page in English' }).click();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('h1').textContent()).resolves.toContain('Internal whistleblowing channel');
    await page.getByRole('link', { name: 'Lire cette page en français' }).click();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
  });

  it('refuses an empty form with errors tied to their fields and a summary that leads to them', async () => {
    await page.getByRole('link', { name: 'Déposer une alerte' }).click();
    await page.waitForSelector('html[data-ready="true"]');
    await page.getByRole('button', { name: "Relire avant l'envoi" }).click();
    const summary = page.locator('#error-summary');
    await expect(summary.isVisible()).resolves.toBe(true);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('error-summary');
    const links = await summary.locator('a').allTextContents();
    expect(links).toHaveLength(3);
    const whatHappened = page.locator('#whatHappened');
    await expect(whatHappened.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(whatHappened.getAttribute('aria-describedby')).resolves.toContain('whatHappened-error');
    await expect(page.locator('#category-0').getAttribute('aria-describedby')).resolves.toContain('category-error');
    await checkAccessibility('form-errors');
    // The summary's link takes keyboard focus to the field.
    await summary.getByRole('link', { name: "Décrivez ce qui s'est passé." }).click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('whatHappened');
  });

  it('fills the form with the keyboard and the mouse, reviews it, and sends it encrypted', async () => {
    await page.getByLabel("Atteinte à la probité (corruption, trafic d'influence, favoritisme, détournement de fonds)").check();
    await page.locator('#whatHappened').fill(`Le marché de voirie a été attribué sans mise en concurrence ${MARKER}`);
    await page.locator('#whenAndWhere').fill(`Mars 2026, services techniques ${MARKER}`);
    await page.locator('#whoIsInvolved').fill(`Le directeur des services techniques ${MARKER}`);
    await page.locator('#howYouKnow').fill(`J'ai vu le bon de commande ${MARKER}`);
    await page.locator('#othersAware').fill(`Personne ${MARKER}`);
    // Keyboard: focus the confidential choice and select it with the space bar.
    await page.locator('#identityMode-1').focus();
    await page.keyboard.press('Space');
    await expect(page.locator('#identity-details').isVisible()).resolves.toBe(true);
    await page.getByLabel('Nom et prénom').fill(IDENTITY_MARKER);
    await page.getByLabel('Comment vous joindre').fill(CONTACT_MARKER);
    // The alert concerns the second referent: leave them out.
    await page.locator('#excluded-1').check();
    await page.getByRole('button', { name: "Relire avant l'envoi" }).click();

    const review = page.locator('#review-step');
    await expect(review.isVisible()).resolves.toBe(true);
    const reviewed = await review.textContent();
    expect(reviewed).toContain(MARKER);
    expect(reviewed).toContain(IDENTITY_MARKER);
    expect(reviewed).toContain('referent2');
    await page.getByRole('button', { name: 'Chiffrer et envoyer' }).click();

    await page.locator('#confirmation-step').waitFor({ state: 'visible' });
    // The proof of work ran in a worker, off the page's main thread.
    await expect(page.locator('html').getAttribute('data-proof-of-work')).resolves.toBe('worker');
    token = (await page.locator('#mailbox-token').textContent()) ?? '';
    caseReference = (await page.locator('#case-reference').textContent()) ?? '';
    expect(token).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    expect(caseReference).toMatch(/^VG-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await page.locator('#receipt .verified').waitFor();
    await expect(page.locator('#receipt .statement').textContent()).resolves.toContain(caseReference);
    // No cookie at all before the mailbox login.
    await expect(context.cookies()).resolves.toEqual([]);
    await checkAccessibility('confirmation');
  });

  it('keeps the reporter on the confirmation until they say the token is saved', async () => {
    await page.getByRole('link', { name: 'Terminer' }).click();
    await expect(page.locator('#token-saved-error').isVisible()).resolves.toBe(true);
    await expect(page.locator('#token-saved').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(page.url()).toContain('/report');
    // The downloaded receipt is the JSON that npm run verify-receipt reads.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger le reçu (JSON)' }).click();
    const saved = await (await download).createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of saved) chunks.push(chunk as Buffer);
    const receipt = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { payload: string; signature: string; keyId: string };
    expect(JSON.parse(receipt.payload)).toMatchObject({ type: 'vigie.receipt', kind: 'acknowledgement', caseReference });
    await page.getByLabel('J\'ai noté ou imprimé mon code en lieu sûr').check();
    await page.getByRole('link', { name: 'Terminer' }).click();
    await page.waitForURL(/\/mailbox$/);
  });

  it('opens the mailbox with the token typed loosely, and shows state, receipt and timeline', async () => {
    await page.waitForSelector('html[data-ready="true"]');
    await checkAccessibility('mailbox-login');
    // A wrong token: a clear error tied to the field, no session.
    await page.getByLabel('Code personnel').fill('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01');
    await page.getByRole('button', { name: 'Ouvrir ma boîte aux lettres' }).click();
    await page.locator('#token-error').waitFor({ state: 'visible' });
    await expect(page.locator('#token-error').textContent()).resolves.toContain("n'ouvre aucune boîte");
    await expect(page.locator('#token').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(context.cookies()).resolves.toEqual([]);

    await page.getByLabel('Code personnel').fill(token.toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: 'Ouvrir ma boîte aux lettres' }).click();
    await page.locator('#mailbox-step').waitFor({ state: 'visible' });
    await expect(page.locator('#mailbox-title').textContent()).resolves.toContain(caseReference);
    await expect(page.locator('#state-explanation').textContent()).resolves.toContain('accusé de réception signé');
    await page.locator('#receipts .verified').waitFor();
    await expect(page.locator('#timeline li').count()).resolves.toBe(2);
    await expect(page.locator('#own-report').textContent()).resolves.toContain(MARKER);
    await expect(page.locator('#token').inputValue()).resolves.toBe('');
    const cookies = await context.cookies();
    expect(cookies.map((c) => c.name)).toEqual([expect.stringMatching(/vigie_mailbox$/)]);
    expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(page.url()).not.toContain(token);
    await checkAccessibility('mailbox');
  });

  it('lets the referent decrypt the alert and reply; the reporter reads it in the page and answers', async () => {
    const [referent, excluded] = referents as [ActiveStaff, ActiveStaff];
    const cases = new StaffCasesClient(referent.client);
    const { cases: listed } = await cases.list();
    const filed = listed.find((c) => c.reference === caseReference);
    expect(filed).toBeDefined();
    const opened = await cases.open(filed!.id);
    expect(opened.report.whatHappened).toContain(MARKER);
    expect(opened.report.identity).toEqual({ name: IDENTITY_MARKER, contact: CONTACT_MARKER });
    // The referent the reporter left out cannot open it.
    await expect(new StaffCasesClient(excluded.client).open(filed!.id)).rejects.toBeInstanceOf(HttpError);
    await cases.sendMessage(opened, organisationId, `Merci. Pouvez-vous préciser la date ? ${STAFF_MARKER}`);
    t.clock.advance(60_000);

    await page.getByRole('button', { name: 'Vérifier les nouveaux messages' }).click();
    await page.locator('#messages li.from-staff').waitFor();
    await expect(page.locator('#messages').textContent()).resolves.toContain(STAFF_MARKER);
    await page.getByRole('textbox', { name: 'Votre message' }).fill(`Le 12 mars, vers 10 heures. ${REPLY_MARKER}`);
    await page.getByRole('button', { name: 'Envoyer le message' }).click();
    await page.locator('#messages li.from-reporter').waitFor();
    await expect(page.locator('#reply-status').textContent()).resolves.toBe('Message envoyé.');
    await expect(page.locator('#messages li').count()).resolves.toBe(2);
    await expect(page.locator('#messages').textContent()).resolves.toContain(REPLY_MARKER);

    const reread = await cases.open(filed!.id);
    expect(reread.messages.map((m) => m.text)).toEqual([expect.stringContaining(STAFF_MARKER), expect.stringContaining(REPLY_MARKER)]);

    // The referent starts the admissibility review: the reporter's page tells them, in plain words
    await new StaffWorkflowClient(cases).transition(reread, 'start_admissibility_review');
    await page.getByRole('button', { name: 'Vérifier les nouveaux messages' }).click();
    await page.getByText('Le référent a commencé à examiner la recevabilité de votre alerte.').waitFor();
    await expect(page.locator('#state-explanation').textContent()).resolves.toContain('examine la recevabilité');
  });

  it('closes the mailbox and leaves nothing decrypted on the page', async () => {
    await page.getByRole('button', { name: 'Fermer ma boîte aux lettres' }).click();
    await page.locator('#login-step').waitFor({ state: 'visible' });
    const html = await page.content();
    for (const secret of [MARKER, REPLY_MARKER, STAFF_MARKER, IDENTITY_MARKER]) expect(html).not.toContain(secret);
  });

  it('wipes the page when the mailbox session ends on the server (idle limit)', async () => {
    await page.getByLabel('Code personnel').fill(token);
    await page.getByRole('button', { name: 'Ouvrir ma boîte aux lettres' }).click();
    await page.locator('#mailbox-step').waitFor({ state: 'visible' });
    await page.locator('#messages li.from-staff').waitFor();
    t.clock.advance((t.config.intake.mailboxIdleMinutes + 1) * 60_000);
    await page.getByRole('button', { name: 'Vérifier les nouveaux messages' }).click();
    await page.locator('#login-step').waitFor({ state: 'visible' });
    await expect(page.locator('#login-notice').textContent()).resolves.toContain('expiré');
    const html = await page.content();
    for (const secret of [MARKER, REPLY_MARKER, STAFF_MARKER, IDENTITY_MARKER]) expect(html).not.toContain(secret);
  });

  it('never sent a word of the report, the identity, a message or the token in clear', () => {
    const compact = token.replace(/-/g, '');
    const leaks = sent.filter((request) =>
      [MARKER, REPLY_MARKER, IDENTITY_MARKER, CONTACT_MARKER, token, compact, 'Lucienne'].some((secret) => request.body.includes(secret) || decodeURIComponent(request.url).includes(secret)),
    );
    expect(leaks).toEqual([]);
    // The page did send the filing and the reply (encrypted), so the check above looked at real bodies.
    expect(sent.filter((r) => r.method === 'POST' && r.url.endsWith(`/api/v1/orgs/${slug}/reports`))).toHaveLength(1);
    expect(sent.filter((r) => r.method === 'POST' && r.url.endsWith('/api/v1/mailbox/messages'))).toHaveLength(1);
    // Every request went to the service itself.
    expect(sent.filter((r) => !r.url.startsWith(t.baseUrl) && !r.url.startsWith('blob:'))).toEqual([]);
  });

  it('found no accessibility violation on any page and no script error or CSP violation', () => {
    expect([...axeResults.keys()]).toEqual(['landing', 'form-errors', 'confirmation', 'mailbox-login', 'mailbox']);
    expect(Object.fromEntries(axeResults)).toEqual({ landing: [], 'form-errors': [], confirmation: [], 'mailbox-login': [], mailbox: [] });
    expect([...overflowAt320.values()].every((width) => width <= 320), JSON.stringify(Object.fromEntries(overflowAt320))).toBe(true);
    // The wrong-token attempt and the ended session log a 401 in the console, as browsers do for any failed request.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
  });
});
