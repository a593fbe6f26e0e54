// The story in real Chromium, end to end: given an organisation whose committee has three
// members and a quorum of three, and a referent who activates their account and logs in with TOTP
// in the browser, when a reporter (Node client) files an alert and writes a message, then the
// referent sees it in the list (deadlines, one unread message), opens it decrypted in the page,
// starts the admissibility review, declares it admissible, sends feedback and sends it to the
// committee; the three members, each in their own browser, see it awaiting their vote and vote
// (the tally shows counts only, the others' reasons stay hidden until the decision); the case
// closes with the committee's outcome, the referent prints the notice for the persons concerned
// and records the end of proceedings, and the reporter's mailbox (Node) holds the signed closure
// notice. axe-core finds nothing on the list, the case page and the committee page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ReporterClient, type FiledAlert } from '../../src/client/reporter-client.ts';
import { fromBase64Url } from '../../src/crypto/encoding.ts';
import { receiptSignatureHolds } from '../../src/crypto/receipts.ts';
import { axeViolations, launchChromium, screenshotBothWidths } from '../helpers/browser.ts';
import { inviteStaff, newOrganisationWithAdmin, sampleReport, type ActiveStaff } from '../helpers/factories.ts';
import { activateInBrowser, loginInBrowser, type BrowserStaffCredentials } from '../helpers/staff-browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const MARKER = 'QUETSCHE-4471';
const REPORTER_MESSAGE = `J'ai retrouvé un second bon de commande ${MARKER}`;
const FEEDBACK = `Une enquête interne est ouverte sur le marché de voirie ${MARKER}-RETOUR`;
const VOTE_REASONS = [`Faits établis par les pièces ${MARKER}-V1`, `Manquement caractérisé ${MARKER}-V2`, `Mesure disproportionnée ${MARKER}-V3`];

let t: TestApp;
let browser: Browser;
let slug: string;
let referentCredentials: BrowserStaffCredentials;
let committee: ActiveStaff[];
let filed: FiledAlert;
let reporter: ReporterClient;
let referentPage: Page;
let admin: ActiveStaff;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // Chromium logs every 4xx answer; the pages handle those the story provokes (the login page's
    // session probe, a refused recusal). Script errors and 5xx answers still count.
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) pageErrors.push(message.text());
  });
  return page;
}

/** axe-core finds nothing, and the page is photographed at 1280 px (and 375 px). */
async function checkPage(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  await screenshotBothWidths(page, name);
}

async function stateShown(page: Page): Promise<string> {
  return ((await page.locator('#case-state').textContent()) ?? '').trim();
}

/** Clicks `selector` and waits for the case page to be drawn anew (it re-opens the case after each change). */
async function clickAndRedraw(page: Page, selector: string): Promise<void> {
  await page.evaluate(() => document.querySelector('.case-page')?.setAttribute('data-stale', 'true'));
  await page.locator(selector).click();
  await page.locator('.case-page:not([data-stale]) #case-flash').waitFor();
}

/** Clicks an action's button and waits for the redrawn page to say the new state. */
async function act(page: Page, action: string, expectedState: string): Promise<void> {
  await clickAndRedraw(page, `#action-${action}`);
  expect(await stateShown(page)).toBe(expectedState);
}

beforeAll(async () => {
  t = await startTestApp();
  const built = await newOrganisationWithAdmin(t);
  slug = built.organisation.slug;
  admin = built.admin;
  // The committee decides with all three members voting.
  await admin.client.http.expect(200, 'PATCH', '/api/v1/admin/intake', { committee: { quorum: 3 } });
  committee = [];
  for (const name of ['alice', 'bruno', 'chloe']) committee.push(await inviteStaff(t, admin, ['committee'], `${name}.comite@${slug}.fr`));
  const invited = await admin.client.http.expect<{ invitationCode: string }>(201, 'POST', '/api/v1/admin/staff', { email: `referente@${slug}.fr`, displayName: 'Référente', roles: ['referent'] });
  browser = await launchChromium();
  referentPage = await newPage();
  t.clock.advance(30_000);
  const activation = await activateInBrowser(referentPage, t.baseUrl, { code: invited.invitationCode, passphrase: 'lanterne verte sous la pluie fine', organisation: slug }, t.clock.now());
  referentCredentials = activation.credentials;
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
});

describe('a referent and a committee of three handle an alert in their browsers', () => {
  it('lists the alert filed by the reporter with its deadlines and one unread message', async () => {
    reporter = new ReporterClient(t.baseUrl);
    filed = await reporter.file(slug, sampleReport(MARKER));
    await reporter.openMailbox(filed.token);
    t.clock.advance(60_000);
    await reporter.reply(REPORTER_MESSAGE);

    t.clock.advance(30_000);
    await loginInBrowser(referentPage, t.baseUrl, referentCredentials, t.clock.now(), 'fr', '/staff/cases');
    const row = referentPage.locator(`tr[data-case-id="${filed.caseId}"]`);
    await row.waitFor();
    expect(await row.locator('th a').textContent()).toBe(filed.caseReference);
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe('Réception accusée');
    expect(cells[1]).toMatch(/^Atteinte à la probité/);
    expect(cells[3]).toMatch(/respecté/);
    expect(cells[4]).toMatch(/à venir/);
    expect(cells[5]).toBe('1 nouveau message');
    await expect(referentPage.locator('table.cases-table caption').textContent()).resolves.toBe('Dossiers (1 sur cette page)');
    await checkPage(referentPage, 'staff-cases-list');

    // The filter by state goes through the API: no case is in investigation yet.
    await referentPage.locator('#filter-state').selectOption('investigation');
    await referentPage.locator('#filter-apply').click();
    await referentPage.locator('#no-cases').waitFor();
    expect(new URL(referentPage.url()).search).toBe('?state=investigation');
  });

  it('opens the case decrypted in the page and takes it to the committee, with feedback on the way', async () => {
    await referentPage.goto(`${t.baseUrl}/staff/cases`);
    // A full load is a new page: the key is gone and the login comes back.
    t.clock.advance(30_000);
    await loginInBrowser(referentPage, t.baseUrl, referentCredentials, t.clock.now(), 'fr', '/staff/cases');
    await referentPage.locator(`tr[data-case-id="${filed.caseId}"] th a`).click();
    await referentPage.locator('#case-report').waitFor();
    expect(await referentPage.locator('#case-report').textContent()).toContain(`Le marché de voirie a été attribué sans mise en concurrence ${MARKER}`);
    expect(await referentPage.locator('#unread-notice').textContent()).toContain('1 nouveau message');
    expect(await referentPage.locator('#case-messages').textContent()).toContain(REPORTER_MESSAGE);
    expect(await stateShown(referentPage)).toBe('Réception accusée');
    // Only what the state allows: the review can start; nothing else is offered.
    expect(await referentPage.locator('#case-actions form').evaluateAll((forms) => forms.map((f) => f.getAttribute('data-action')))).toEqual(['start_admissibility_review']);
    const timeline = await referentPage.locator('#case-timeline li').allTextContents();
    expect(timeline.some((line) => line.includes('Signalement reçu'))).toBe(true);
    expect(timeline.some((line) => line.includes('Accusé de réception signé remis'))).toBe(true);
    expect(timeline.some((line) => line.includes('Message de l’auteur'))).toBe(true);
    await checkPage(referentPage, 'staff-case-page');

    await act(referentPage, 'start_admissibility_review', 'Examen de recevabilité');
    expect(await referentPage.locator('#case-actions form').evaluateAll((forms) => forms.map((f) => f.getAttribute('data-action')))).toEqual(['declare_admissible', 'declare_inadmissible']);
    // Declaring not admissible needs a reason: refused in the page, nothing sent.
    await referentPage.locator('#action-declare_inadmissible').click();
    await expect(referentPage.locator('.action-declare_inadmissible [role="alert"]').textContent()).resolves.toContain('motif');
    await act(referentPage, 'declare_admissible', 'Enquête');

    await referentPage.locator('#reply-text').fill(FEEDBACK);
    await referentPage.locator('#reply-feedback').check();
    await clickAndRedraw(referentPage, '#reply-send');
    const feedback = referentPage.locator('#case-messages li[data-purpose="feedback"]');
    expect(await feedback.textContent()).toContain(FEEDBACK);
    expect(await feedback.locator('.badge.feedback').textContent()).toBe('Retour d’information');
    expect(await referentPage.locator('.case-summary dd').nth(5).textContent()).toMatch(/respecté/);

    expect(await referentPage.locator('.action-send_to_committee').textContent()).toContain('3 membres du comité recevront le dossier.');
    await act(referentPage, 'send_to_committee', 'Examen par le comité');
    expect(await referentPage.locator('#case-actions form').evaluateAll((forms) => forms.map((f) => f.getAttribute('data-action')))).toEqual(['return_to_investigation']);
  });

  it('lets each member vote in their own browser, with a live tally and no one else’s reason before the decision', async () => {
    const choices: { choice: string; kind?: string }[] = [{ choice: 'follow_up', kind: 'disciplinary' }, { choice: 'follow_up', kind: 'disciplinary' }, { choice: 'no_follow_up' }];
    t.clock.advance(30_000);
    for (const [i, member] of committee.entries()) {
      const page = await newPage();
      await loginInBrowser(page, t.baseUrl, member.credentials, t.clock.now(), 'fr', '/staff/committee');
      const row = page.locator(`tr[data-case-id="${filed.caseId}"]`);
      await row.waitFor();
      if (i === 0) await checkPage(page, 'staff-committee-list');
      await row.locator('th a').click();
      await page.locator('#case-report').waitFor();
      expect(await page.locator('#case-report').textContent()).toContain(MARKER);
      // The votes so far, as counts; no reason of another member is in the page.
      await expect(page.locator('#tally-cast').textContent()).resolves.toBe(String(i));
      await expect(page.locator('#tally-follow-up').textContent()).resolves.toBe(String(Math.min(i, 2)));
      const html = await page.content();
      for (const reason of VOTE_REASONS) expect(html).not.toContain(reason);
      // A committee member neither writes to the reporter nor moves the case.
      expect(await page.locator('#reply-text').count()).toBe(0);
      expect(await page.locator('#no-actions').count()).toBe(1);
      if (i === 0) await checkPage(page, 'staff-committee-vote');

      await page.locator(`#vote-choice-${choices[i]!.choice}`).check();
      if (choices[i]!.kind) await page.locator('#vote-kind').selectOption(choices[i]!.kind);
      await page.locator('#vote-reason').fill(VOTE_REASONS[i]!);
      await clickAndRedraw(page, '#vote-submit');
      expect(await page.locator('#my-vote').textContent()).toContain(i < 2 ? 'Donner des suites' : 'Ne pas donner de suite');
      if (i < 2) {
        expect(await page.locator('#committee-status').textContent()).toBe('En attente du quorum');
        // Their own reason, and only theirs.
        expect(await page.locator('#vote-reasons').textContent()).toContain(VOTE_REASONS[i]);
        for (const other of VOTE_REASONS.filter((_, j) => j !== i)) expect(await page.content()).not.toContain(other);
      } else {
        expect(await stateShown(page)).toBe('Clos');
        expect(await page.locator('#committee-status').textContent()).toBe('Décision prise');
        expect(await page.locator('#case-outcome').textContent()).toBe('Suites décidées');
        // After the decision every reason is readable.
        const reasons = (await page.locator('#vote-reasons').textContent()) ?? '';
        for (const reason of VOTE_REASONS) expect(reasons).toContain(reason);
        expect(reasons).toContain('Alice.comite — Donner des suites');
        await checkPage(page, 'staff-committee-decided');
        // Nothing is left to vote on.
        await page.locator('#staff-nav a[href="/staff/committee"]').click();
        await page.locator('#no-cases').waitFor();
      }
    }
  });

  it('shows the referent the closed case, prints the notice for the persons concerned alone and records the end of proceedings', async () => {
    await referentPage.locator('a.back-link, .back-link a').first().click();
    await referentPage.locator(`tr[data-case-id="${filed.caseId}"]`).waitFor();
    expect((await referentPage.locator(`tr[data-case-id="${filed.caseId}"] td`).allTextContents())[0]).toBe('Clos');
    await referentPage.locator(`tr[data-case-id="${filed.caseId}"] th a`).click();
    await referentPage.locator('#case-outcome').waitFor();
    expect(await referentPage.locator('#case-outcome').textContent()).toBe('Suites décidées');
    expect(await referentPage.locator('.case-closure').textContent()).toContain('Procédure disciplinaire');
    expect(await referentPage.locator('#retention-rule').textContent()).toContain('R3');
    await expect(referentPage.locator('#no-actions').count()).resolves.toBe(1);

    await referentPage.locator('#notice-addressee').fill('M. le directeur des services techniques');
    await referentPage.locator('#notice-prepare').click();
    const notice = referentPage.locator('#persons-notice');
    expect(await notice.textContent()).toContain('À l\'attention de : M. le directeur des services techniques');
    expect(await notice.textContent()).toContain('une procédure disciplinaire');
    await checkPage(referentPage, 'staff-case-closed');
    // Printing: the page's print is replaced by a no-op (headless Chromium has no dialog); while
    // printing, the print stylesheet shows the notice alone.
    await referentPage.evaluate(() => {
      window.print = () => undefined;
    });
    await referentPage.locator('#notice-print').click();
    await referentPage.emulateMedia({ media: 'print' });
    const printed = await referentPage.evaluate(() => ({
      main: getComputedStyle(document.getElementById('main')!).display,
      area: getComputedStyle(document.getElementById('print-area')!).display,
      text: document.getElementById('print-area')!.textContent ?? '',
    }));
    expect(printed.main).toBe('none');
    expect(printed.area).toBe('block');
    expect(printed.text).toContain('M. le directeur des services techniques');
    expect(printed.text).not.toContain(MARKER);
    await referentPage.screenshot({ path: 'test-results/screenshots/staff-case-notice-print-1280.png', fullPage: true });
    await referentPage.emulateMedia({ media: 'screen' });
    await referentPage.evaluate(() => window.dispatchEvent(new Event('afterprint')));

    const today = t.clock.now().toISOString().slice(0, 10);
    await referentPage.locator('#proceedings-ended-on').fill(today);
    await clickAndRedraw(referentPage, '#proceedings-submit');
    expect(await referentPage.locator('.case-retention').textContent()).toContain('Fin des procédures');
  });

  it('hands the reporter the signed closure notice in their mailbox, and read the feedback there', async () => {
    const mailbox = await reporter.refresh();
    expect(mailbox.state).toBe('closed');
    const closure = mailbox.receipts.find((r) => r.kind === 'closure');
    expect(closure).toBeDefined();
    const published = await new ReporterClient(t.baseUrl).http.expect<{ keys: { keyId: string; publicKey: string }[] }>(200, 'GET', '/api/v1/keys/receipt');
    const key = published.keys.find((k) => k.keyId === closure!.keyId)!;
    await expect(receiptSignatureHolds(closure!, fromBase64Url(key.publicKey))).resolves.toBe(true);
    expect(JSON.parse(closure!.payload)).toMatchObject({ caseReference: filed.caseReference, kind: 'closure' });
    const texts = (await reporter.readMessages()).map((m) => m.text);
    expect(texts).toContain(FEEDBACK);
  });

  it('dropped decrypted content when leaving a case, and raised no error in any page', async () => {
    await referentPage.locator('#staff-nav a[href="/staff/cases"]').click();
    await referentPage.locator('table.cases-table').waitFor();
    expect(await referentPage.content()).not.toContain(MARKER);
    // The same list in English, through the language switch (same page: the key stays in memory).
    await referentPage.locator('#language-switch').click();
    await referentPage.locator('table.cases-table caption', { hasText: 'Cases (1 on this page)' }).waitFor();
    expect((await referentPage.locator(`tr[data-case-id="${filed.caseId}"] td`).allTextContents())[0]).toBe('Closed');
    expect(await axeViolations(referentPage)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe('sharing, an identity disclosure and a recusal, in English', () => {
  const IDENTITY = { name: `Camille Martin ${MARKER}`, contact: 'camille.martin@example.fr' };
  const DISCLOSURE = `To the public prosecutor, at their written request ${MARKER}-D`;
  let confidential: FiledAlert;

  it('shares a confidential alert with a colleague and records a disclosure of the reporter’s identity', async () => {
    confidential = await new ReporterClient(t.baseUrl).file(slug, sampleReport(`${MARKER}-C`, { identity: IDENTITY }), { identityMode: 'confidential' });
    // A second referent joins after the alert was filed: the case can be shared with them.
    await inviteStaff(t, admin, ['referent'], `referente2@${slug}.fr`);
    await referentPage.goto(`${t.baseUrl}/staff/cases?lang=en`);
    t.clock.advance(30_000);
    await loginInBrowser(referentPage, t.baseUrl, referentCredentials, t.clock.now(), 'en', '/staff/cases');
    await referentPage.locator(`tr[data-case-id="${confidential.caseId}"] th a`).click();
    await referentPage.locator('#case-report').waitFor();
    expect(await referentPage.locator('#case-report').textContent()).toContain(`${IDENTITY.name} — ${IDENTITY.contact}`);
    expect(await referentPage.locator('.case-summary').textContent()).toContain('Confidential (known to the recipients only)');

    // The last referent holding an open case cannot recuse: the page says why.
    await referentPage.locator('#recusal-confirm').check();
    await referentPage.locator('#recusal-submit').click();
    await expect(referentPage.locator('.recusal-form [role="alert"]').textContent()).resolves.toContain('last referent');

    await referentPage.locator('#share-recipient').selectOption({ label: 'referente2 (referent)' });
    await clickAndRedraw(referentPage, '#share-submit');
    await expect(referentPage.locator('#case-flash').textContent()).resolves.toBe('Case shared with referente2.');
    expect(await referentPage.locator('#case-timeline').textContent()).toContain('Shared with a colleague by you');

    // Nothing is recorded until every field says what it must.
    await referentPage.locator('#disclosure-submit').click();
    await referentPage.locator('.disclosure-form [role="alert"]').waitFor();
    await referentPage.locator('#disclosure-basis').selectOption('judicial_authority');
    await referentPage.locator('#disclosure-consent-no').check();
    await referentPage.locator('#disclosure-details').fill(DISCLOSURE);
    await clickAndRedraw(referentPage, '#disclosure-submit');
    await expect(referentPage.locator('#case-flash').textContent()).resolves.toBe('Disclosure recorded.');
    const recorded = (await referentPage.locator('.disclosures').textContent()) ?? '';
    expect(recorded).toContain('Request of the judicial authority — consent: Not given');
    expect(recorded).toContain(DISCLOSURE);
    await checkPage(referentPage, 'staff-case-confidential-en');
  });

  it('recuses only once confirmed, and the case is then gone from the referent’s list', async () => {
    await referentPage.locator('#recusal-submit').click();
    await expect(referentPage.locator('.recusal-form [role="alert"]').textContent()).resolves.toBe('Tick the confirmation box to recuse yourself.');
    await referentPage.locator('#recusal-confirm').check();
    await referentPage.locator('#recusal-submit').click();
    await expect(referentPage.locator('.case-list .notice').textContent()).resolves.toBe('You recused yourself: this case is no longer open to you.');
    expect(await referentPage.locator(`tr[data-case-id="${confidential.caseId}"]`).count()).toBe(0);
    expect(await referentPage.content()).not.toContain(IDENTITY.name);
    expect(pageErrors).toEqual([]);
    // Typing its address gives the same "not found" as any case never shared with them.
    await referentPage.evaluate((id) => {
      window.history.pushState(null, '', `/staff/cases/${id}?lang=en`);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, confidential.caseId);
    await referentPage.locator('#page-title', { hasText: 'Page not found' }).waitFor();
  });
});
