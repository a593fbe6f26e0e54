// A referent's notifications in real Chromium, on a service with no mail set up (no SMTP_URL, the
// default test app): given an alert a reporter (Node client) addressed to the referent, when the
// referent logs in through the pages, the cases page lists "a new alert was addressed to you" with
// its date in a notice box that says mail is off, naming no case; on the account page the same
// notice, the recent list and the choice of a daily summary, saved with a polite status and
// answered back by the API. Past fourteen days the cases page shows nothing. axe-core finds nothing
// on either page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ReporterClient, type FiledAlert } from '../../src/client/reporter-client.ts';
import { axeViolations, launchChromium, screenshotBothWidths } from '../helpers/browser.ts';
import { inviteStaff, newOrganisationWithAdmin, sampleReport, type ActiveStaff } from '../helpers/factories.ts';
import { loginInBrowser } from '../helpers/staff-browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const MARKER = 'MIRABELLE-5820';
const NEW_ALERT = 'Une nouvelle alerte vous a été adressée.';

let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let referent: ActiveStaff;
let filed: FiledAlert;
const pageErrors: string[] = [];

async function checkPage(name: string): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  await screenshotBothWidths(page, name);
}

async function openFromNavigation(label: string): Promise<void> {
  await page.locator('#staff-nav').getByRole('link', { name: label, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: label }).waitFor();
}

beforeAll(async () => {
  t = await startTestApp();
  const built = await newOrganisationWithAdmin(t);
  referent = await inviteStaff(t, built.admin, ['referent'], `referente@${built.organisation.slug}.fr`);
  filed = await new ReporterClient(t.baseUrl).file(built.organisation.slug, sampleReport(MARKER), { recipients: [referent.accountId] });

  browser = await launchChromium();
  context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 900 } });
  // The page reads "recent" against its own clock: the same time as the server's.
  await context.clock.setFixedTime(t.clock.now());
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // The login page's session probe is a 401 Chromium logs; script errors and 5xx answers count.
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) pageErrors.push(message.text());
  });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await t?.close();
});

describe('notifications when the service sends no mail', () => {
  it('shows the new alert on the cases page, in a notice that says mail is off, naming no case', async () => {
    t.clock.advance(30_000);
    await loginInBrowser(page, t.baseUrl, referent.credentials, t.clock.now(), 'fr', '/staff/cases');
    const section = page.locator('#recent-notifications');
    await section.waitFor();
    await expect(section.getAttribute('class')).resolves.toContain('notice');
    await expect(page.locator('#recent-notifications-title').textContent()).resolves.toBe('Notifications');
    await expect(page.locator('#notifications-mail-off').textContent()).resolves.toBe(
      'L’envoi d’e-mails n’est pas configuré sur ce service : vos notifications apparaissent seulement ici et sur la page de votre compte.',
    );
    const items = await page.locator('#notification-list li').allTextContents();
    // Filed at 10:00 in Paris on the test clock's day.
    expect(items).toEqual([expect.stringMatching(/^5 janv\. 2026, 10:0\d — Une nouvelle alerte vous a été adressée\.$/)]);
    expect(items[0]).toContain(NEW_ALERT);
    const text = (await section.textContent()) ?? '';
    expect(text).not.toContain(filed.caseReference);
    expect(text).not.toContain(MARKER);
    // The case itself is still listed below.
    await page.locator(`tr[data-case-id="${filed.caseId}"]`).waitFor();
    await checkPage('staff-cases-notifications');
  });

  it('switches to a daily summary on the account page, which the API then answers', async () => {
    await openFromNavigation('Mon compte');
    await expect(page.getByRole('heading', { level: 2, name: 'Notifications' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('#notifications-mail-off').textContent()).resolves.toBe(
      'L’envoi d’e-mails n’est pas configuré sur ce service : vos notifications apparaissent seulement ici et sur la page des dossiers.',
    );
    await expect(page.locator('#notification-list').textContent()).resolves.toContain(NEW_ALERT);
    const group = page.getByRole('group', { name: 'Recevoir les notifications' });
    await expect(group.getByRole('radio', { name: 'Par e-mail, à chaque événement' }).isChecked()).resolves.toBe(true);
    await group.getByRole('radio', { name: 'Un récapitulatif par jour' }).check();
    await page.locator('#notifications-submit').click();
    const status = page.getByRole('status').filter({ hasText: 'Choix enregistré' });
    await expect(status.textContent()).resolves.toBe('Choix enregistré : un récapitulatif par jour.');
    await checkPage('staff-account-notifications');

    const answer = await referent.client.http.expect<{ mode: string; mailOn: boolean; recent: { kind: string }[] }>(200, 'GET', '/api/v1/staff/me/notifications');
    expect(answer.mode).toBe('digest');
    expect(answer.mailOn).toBe(false);
    expect(answer.recent.map((n) => n.kind)).toEqual(['new_alert']);

    // Drawn again, the page shows the saved choice.
    await openFromNavigation('Dossiers');
    await openFromNavigation('Mon compte');
    await expect(page.getByRole('radio', { name: 'Un récapitulatif par jour' }).isChecked()).resolves.toBe(true);
  });

  it('shows nothing on the cases page once the notification is more than fourteen days old', async () => {
    await context.clock.setFixedTime(new Date(t.clock.now().getTime() + 15 * 86_400_000));
    await openFromNavigation('Dossiers');
    await page.locator(`tr[data-case-id="${filed.caseId}"]`).waitFor();
    await expect(page.locator('#recent-notifications').count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
