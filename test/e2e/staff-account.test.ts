// The staff account pages in real Chromium, as a new referent lives them: given an admin's
// invitation, when the referent opens the link, the code leaves the address bar and is never sent
// in a URL; the page shows the organisation and account, refuses a weak passphrase, draws the TOTP
// QR code locally (the otpauth URI the server issued) with the same seed as text, and activates.
// Then login with TOTP (no open redirect), a reload that keeps the session but not the key (unlock
// with the passphrase), a passphrase change and a login with the new one, logout (by the link and
// by visiting /staff/logout), and a session ended on the server (row deleted, or idle for more than
// 30 minutes): the next call shows the login with "session ended" and nothing of the person stays
// in the page. axe-core finds nothing on the activation, login, unlock and account pages.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { staffSessions } from '../../db/schema.ts';
import { StaffClient, type ActivationStartAnswer } from '../../src/client/staff-client.ts';
import { totpCodeAt } from '../../src/crypto/totp.ts';
import { createOrganisation } from '../../src/services/organisations.ts';
import { qrModules } from '../../src/web/staff/views/account/totp-qr.ts';
import { axeViolations, launchChromium, screenshotBothWidths, type AxeViolation } from '../helpers/browser.ts';
import { newOrganisationWithAdmin } from '../helpers/factories.ts';
import { activateInBrowser, fillLoginForm, loginInBrowser, type BrowserStaffCredentials } from '../helpers/staff-browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const NAME = 'Camille Quintard-Oréal';
const PASSPHRASE = 'moineau carton pluie vélo 7';
const NEW_PASSPHRASE = 'girafe lanterne orage cerise 42';

let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let slug: string;
let email: string;
let code: string;
let issued: ActivationStartAnswer;
let accountId: string;
let credentials: BrowserStaffCredentials;
const requestUrls: string[] = [];
const problems: string[] = [];
const axeResults = new Map<string, AxeViolation[]>();

async function checkPage(name: string): Promise<void> {
  axeResults.set(name, await axeViolations(page));
  await screenshotBothWidths(page, name);
}

async function activeElementId(): Promise<string | undefined> {
  return page.evaluate(() => document.activeElement?.id);
}

/** The SVG path's unit squares back into a module grid (quiet zone of 4 removed). */
function modulesOfPath(d: string, count: number): boolean[][] {
  const grid = Array.from({ length: count }, () => Array.from({ length: count }, () => false));
  for (const match of d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) grid[Number(match[2]) - 4]![Number(match[1]) - 4] = true;
  return grid;
}

async function expectLoginWithMessage(message: string): Promise<void> {
  await page.locator('#login-form').waitFor({ state: 'visible' });
  await expect(page.locator('#login-flash').textContent()).resolves.toBe(message);
  expect(new URL(page.url()).pathname).toBe('/staff/login');
}

/** Nothing of the person (profile, header, navigation) remains in the page. */
async function expectNothingOfThePersonInPage(): Promise<void> {
  const html = await page.content();
  expect(html).not.toContain(NAME);
  expect(html).not.toContain(email);
  await expect(page.locator('#staff-nav').isHidden()).resolves.toBe(true);
  await expect(page.locator('#signed-in').isHidden()).resolves.toBe(true);
  await expect(page.locator('#profile').count()).resolves.toBe(0);
}

beforeAll(async () => {
  t = await startTestApp();
  const built = await newOrganisationWithAdmin(t);
  slug = built.organisation.slug;
  email = `camille@${slug}.fr`;
  // Given an invitation made by the admin through the API
  const invited = await built.admin.client.http.expect<{ invitationCode: string }>(201, 'POST', '/api/v1/admin/staff', { email, displayName: NAME, roles: ['referent'] });
  code = invited.invitationCode;
  t.clock.advance(30_000);

  browser = await launchChromium();
  context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('request', (request) => requestUrls.push(request.url()));
  page.on('console', (message) => {
    // Refusals the story provokes (wrong codes and passphrases: 400/401, ended sessions: 401, a used invitation: 410) are
    // logged by Chromium as failed loads; anything else is a problem.
    if (message.type() === 'error' && !/the server responded with a status of (400|401|410)\b/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('activation from an invitation link', () => {
  it('reads the code from the fragment, removes it from the address bar and shows the account', async () => {
    await page.goto(`${t.baseUrl}/staff/activate#${code}`);
    await page.locator('#activate-form').waitFor({ state: 'visible' });
    expect(page.url()).toBe(`${t.baseUrl}/staff/activate`);
    await expect(page.evaluate(() => window.location.hash)).resolves.toBe('');
    expect(requestUrls.filter((url) => url.includes(code))).toEqual([]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Activer votre compte');
    await expect(page.locator('#activate-organisation').textContent()).resolves.toBe(`Organisation ${slug}`);
    await expect(page.locator('#activate-account-email').textContent()).resolves.toBe(email);
    await expect(page.locator('#activate-account').textContent()).resolves.toContain('Référent·e');
    // The account already has an e-mail: the page does not ask for one.
    await expect(page.locator('#activate-email').count()).resolves.toBe(0);
    await expect(page.locator('#recovery-advice').textContent()).resolves.toContain('un administrateur désactive votre compte et vous envoie une nouvelle invitation');
  });

  it('draws the QR code of the issued otpauth URI locally and shows the same seed as text', async () => {
    // The start of an activation answers the same seed while the invitation is valid.
    issued = await new StaffClient(t.baseUrl).startActivation(code);
    accountId = issued.account.id;
    const svg = page.getByRole('img', { name: 'Code QR d’enrôlement de l’application d’authentification' });
    await expect(svg.isVisible()).resolves.toBe(true);
    const box = await svg.boundingBox();
    expect(box?.width).toBeGreaterThan(150);
    const d = (await page.locator('svg.totp-qr path').getAttribute('d')) ?? '';
    const expected = qrModules(issued.totp.uri);
    expect(modulesOfPath(d, expected.length)).toEqual(expected);
    expect(issued.totp.uri).toContain(`secret=${issued.totp.secret}`);
    const shown = (await page.locator('#totp-secret').textContent()) ?? '';
    expect(shown).toMatch(/^([A-Z2-7]{4} )*[A-Z2-7]{1,4}$/);
    expect(shown.replace(/ /g, '')).toBe(issued.totp.secret);
    // Drawn here: no request left for anything but the app's own origin.
    expect(requestUrls.filter((url) => !url.startsWith(t.baseUrl))).toEqual([]);
    await checkPage('staff-activate');
  });

  it('rates the passphrase as it is typed and refuses a weak one with a clear message', async () => {
    await page.locator('#activate-passphrase').fill('Password123!');
    await expect(page.locator('#activate-passphrase-strength').textContent()).resolves.toBe('Solidité estimée\u00a0: faible');
    await expect(page.locator('#activate-passphrase-meter').evaluate((meter) => (meter as HTMLMeterElement).value)).resolves.toBe(1);
    await expect(page.locator('#activate-passphrase-strength-hints').textContent()).resolves.toContain('C’est un mot de passe très courant.');
    await page.locator('#activate-passphrase-again').fill('Password123!');
    await page.locator('#activate-totp').fill('123456');
    await page.locator('#activate-submit').click();
    await expect(page.locator('#activate-passphrase-error').textContent()).resolves.toContain('Cette phrase de passe est trop faible.');
    await expect(activeElementId()).resolves.toBe('activate-passphrase');
    await expect(page.locator('#activate-passphrase').getAttribute('aria-invalid')).resolves.toBe('true');

    await page.locator('#activate-passphrase').fill(PASSPHRASE);
    await expect(page.locator('#activate-passphrase-strength').textContent()).resolves.toBe('Solidité estimée\u00a0: très bonne');
    await expect(page.locator('#activate-passphrase-strength-live').textContent()).resolves.toBe('Solidité estimée\u00a0: très bonne');
    await page.locator('#activate-passphrase-again').fill(`${PASSPHRASE}x`);
    await page.locator('#activate-submit').click();
    await expect(page.locator('#activate-passphrase-again-error').textContent()).resolves.toBe('Les deux saisies ne sont pas identiques.');
    await expect(activeElementId()).resolves.toBe('activate-passphrase-again');
  });

  it('says so when the authenticator code is wrong, then activates with the code of the seed shown', async () => {
    const shownSecret = ((await page.locator('#totp-secret').textContent()) ?? '').replace(/ /g, '');
    await page.locator('#activate-passphrase-again').fill(PASSPHRASE);
    const wrong = await totpCodeAt(shownSecret, new Date(t.clock.now().getTime() - 10 * 60_000));
    await page.locator('#activate-totp').fill(wrong);
    await page.locator('#activate-submit').click();
    await page.locator('#activate-message').waitFor({ state: 'visible' });
    await expect(page.locator('#activate-message').textContent()).resolves.toBe('Le code de l’application n’est pas bon. Vérifiez l’heure du téléphone et saisissez le code suivant.');
    await expect(activeElementId()).resolves.toBe('activate-message');

    await page.locator('#activate-totp').fill(await totpCodeAt(shownSecret, t.clock.now()));
    await page.locator('#activate-submit').click();
    await expectLoginWithMessage('Compte activé. Connectez-vous avec votre phrase de passe et le prochain code de votre application.');
    await expect(page.locator('#login-organisation').inputValue()).resolves.toBe(slug);
    credentials = { organisation: slug, email, passphrase: PASSPHRASE, totpSecret: shownSecret };
    // What was sent: never the passphrase, never the code in a URL.
    expect(requestUrls.filter((url) => url.includes(code) || url.includes(encodeURIComponent(PASSPHRASE)))).toEqual([]);
    await checkPage('staff-login');
  });
});

describe('login', () => {
  it('refuses a wrong code with the message next to the form and focus on it', async () => {
    t.clock.advance(30_000);
    await fillLoginForm(page, { ...credentials, totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }, t.clock.now());
    await page.locator('#login-message').waitFor({ state: 'visible' });
    await expect(page.locator('#login-message').getAttribute('role')).resolves.toBe('alert');
    await expect(page.locator('#login-message').textContent()).resolves.toBe('L’adresse, la phrase de passe ou le code de l’application n’est pas bon. Vérifiez-les\u00a0; pour le code, attendez le suivant.');
    await expect(activeElementId()).resolves.toBe('login-message');
    await expect(page.locator('#login-totp').inputValue()).resolves.toBe('');
  });

  it('logs in with TOTP and never follows a `next` outside the staff area', async () => {
    t.clock.advance(30_000);
    await loginInBrowser(page, t.baseUrl, credentials, t.clock.now(), 'fr', '//evil.example/staff/x');
    const landed = new URL(page.url());
    expect(landed.origin).toBe(t.baseUrl);
    expect(landed.pathname).toBe('/staff/cases');
    await expect(page.locator('#signed-in').textContent()).resolves.toBe(`${NAME} — Organisation ${slug}`);
  });

  it('goes to a staff `next` path after login', async () => {
    await page.getByRole('link', { name: 'Se déconnecter' }).click();
    await expectLoginWithMessage('Vous êtes déconnecté·e. Les données déchiffrées ont été effacées de la page.');
    t.clock.advance(30_000);
    await loginInBrowser(page, t.baseUrl, credentials, t.clock.now(), 'fr', '/staff/account');
    expect(new URL(page.url()).pathname).toBe('/staff/account');
    await expect(page.locator('#profile-name').textContent()).resolves.toBe(NAME);
    await expect(page.locator('#profile-email').textContent()).resolves.toBe(email);
    await expect(page.locator('#profile-roles').textContent()).resolves.toBe('Référent·e');
    await expect(page.locator('#profile-organisation').textContent()).resolves.toBe(`Organisation ${slug} (${slug})`);
    await checkPage('staff-account');
  });
});

describe('a reloaded page', () => {
  it('keeps the session but not the key: the login offers to unlock with the passphrase alone', async () => {
    await page.reload();
    await page.locator('#unlock-form').waitFor({ state: 'visible' });
    expect(new URL(page.url()).pathname).toBe('/staff/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/staff/account');
    await expect(page.locator('#unlock-form').textContent()).resolves.toContain(NAME);
    await expect(page.locator('#login-form').isVisible()).resolves.toBe(true);
    await checkPage('staff-unlock');

    await page.locator('#unlock-passphrase').fill('not my passphrase at all');
    await page.locator('#unlock-submit').click();
    await page.locator('#unlock-message').waitFor({ state: 'visible' });
    await expect(page.locator('#unlock-message').textContent()).resolves.toBe('Cette phrase de passe ne déverrouille pas votre clé. Vérifiez-la et réessayez.');
    await expect(activeElementId()).resolves.toBe('unlock-message');

    await page.locator('#unlock-passphrase').fill(PASSPHRASE);
    await page.locator('#unlock-submit').click();
    await page.locator('#profile').waitFor({ state: 'visible' });
    expect(new URL(page.url()).pathname).toBe('/staff/account');
    await expect(activeElementId()).resolves.toBe('page-title');
  });
});

describe('passphrase change', () => {
  it('refuses a wrong current passphrase without ending the session', async () => {
    await page.locator('#current-passphrase').fill('wrong current passphrase');
    await page.locator('#new-passphrase').fill(NEW_PASSPHRASE);
    await page.locator('#new-passphrase-again').fill(NEW_PASSPHRASE);
    await page.locator('#change-submit').click();
    await page.locator('#change-message').waitFor({ state: 'visible' });
    await expect(page.locator('#change-message').textContent()).resolves.toBe('La phrase de passe actuelle n’est pas la bonne. Rien n’a été changé.');
    expect(new URL(page.url()).pathname).toBe('/staff/account');
  });

  it('refuses a weak new passphrase, then re-seals the key under a strong one', async () => {
    await page.locator('#current-passphrase').fill(PASSPHRASE);
    await page.locator('#new-passphrase').fill('azertyuiop123');
    await page.locator('#new-passphrase-again').fill('azertyuiop123');
    await page.locator('#change-submit').click();
    await expect(page.locator('#new-passphrase-error').textContent()).resolves.toContain('trop faible');
    await expect(activeElementId()).resolves.toBe('new-passphrase');

    await page.locator('#new-passphrase').fill(NEW_PASSPHRASE);
    await page.locator('#new-passphrase-again').fill(NEW_PASSPHRASE);
    await page.locator('#change-submit').click();
    await expect(page.locator('#change-message.verified').textContent()).resolves.toBe('Phrase de passe changée. Utilisez la nouvelle à la prochaine connexion.');
    await expect(page.locator('#current-passphrase').inputValue()).resolves.toBe('');
  });

  it('logs out from the account page, then the old passphrase fails and the new one works', async () => {
    await page.locator('#account-logout').click();
    await expectLoginWithMessage('Vous êtes déconnecté·e. Les données déchiffrées ont été effacées de la page.');
    await expectNothingOfThePersonInPage();
    expect((await context.cookies()).filter((cookie) => cookie.name.includes('staff'))).toEqual([]);

    t.clock.advance(30_000);
    await fillLoginForm(page, credentials, t.clock.now());
    await page.locator('#login-message').waitFor({ state: 'visible' });
    credentials = { ...credentials, passphrase: NEW_PASSPHRASE };
    t.clock.advance(30_000);
    await loginInBrowser(page, t.baseUrl, credentials, t.clock.now(), 'fr', '/staff/account');
    await expect(page.locator('#profile-name').textContent()).resolves.toBe(NAME);
  });
});

describe('the unlock page', () => {
  it('opens the key re-sealed under the new passphrase, in a freshly loaded page', async () => {
    await page.goto(`${t.baseUrl}/staff/unlock?next=${encodeURIComponent('/staff/account')}`);
    await page.locator('#unlock-form').waitFor({ state: 'visible' });
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Déverrouiller la session');
    await expect(page.locator('#staff-nav').isHidden()).resolves.toBe(true);
    axeResults.set('staff-unlock-page', await axeViolations(page));
    await page.locator('#unlock-passphrase').fill(NEW_PASSPHRASE);
    await page.locator('#unlock-submit').click();
    await page.locator('#profile').waitFor({ state: 'visible' });
    expect(new URL(page.url()).pathname).toBe('/staff/account');
  });
});

describe('logout by visiting /staff/logout', () => {
  it('closes the server session even from a reloaded page whose key is gone', async () => {
    await page.goto(`${t.baseUrl}/staff/logout`);
    await expectLoginWithMessage('Vous êtes déconnecté·e. Les données déchiffrées ont été effacées de la page.');
    await expect(page.evaluate(() => fetch('/api/v1/staff/me').then((answer) => answer.status))).resolves.toBe(401);
    await expect(page.locator('#unlock-form').count()).resolves.toBe(0);
  });
});

describe('a session ended on the server', () => {
  it('when its row is deleted: the next call shows the login with "session ended" and wipes the page', async () => {
    t.clock.advance(60_000);
    await loginInBrowser(page, t.baseUrl, credentials, t.clock.now(), 'fr', '/staff/account');
    await expect(page.locator('#profile-name').textContent()).resolves.toBe(NAME);
    await t.database.handle.db.delete(staffSessions).where(eq(staffSessions.accountId, accountId));
    await page.getByRole('navigation').getByRole('link', { name: 'Mon compte' }).click();
    await expectLoginWithMessage('Votre session a pris fin. Pour votre sécurité, les données déchiffrées ont été effacées de la page. Reconnectez-vous pour continuer.');
    await expectNothingOfThePersonInPage();
    await expect(page.locator('#unlock-form').count()).resolves.toBe(0);
  });

  it('after more than 30 idle minutes on the server clock: the same', async () => {
    t.clock.advance(30_000);
    await loginInBrowser(page, t.baseUrl, credentials, t.clock.now(), 'en', '/staff/account');
    await expect(page.locator('#profile-name').textContent()).resolves.toBe(NAME);
    t.clock.advance(31 * 60_000);
    await page.getByRole('navigation').getByRole('link', { name: 'My account' }).click();
    await expectLoginWithMessage('Your session has ended. For your safety, decrypted data was wiped from the page. Log in again to go on.');
    await expectNothingOfThePersonInPage();
    await checkPage('staff-login-session-ended-en');
  });
});

describe('an invitation without an e-mail, in English', () => {
  it('asks for the e-mail, activates, and the admin lands on the administration after login', async () => {
    const created = await createOrganisation(t.services, { slug: `no-mail-${Date.now().toString(36)}`, name: 'Commune sans adresse', adminEmail: null, adminName: 'Dominique Admin' });
    t.clock.advance(30_000);
    const adminEmail = `dominique@${created.organisation.slug}.fr`;
    const activated = await activateInBrowser(page, t.baseUrl, { code: created.adminInvitation.code, passphrase: 'heron valise tonnerre 1987 prune', email: adminEmail, organisation: created.organisation.slug }, t.clock.now(), 'en');
    await expect(page.locator('#login-flash').textContent()).resolves.toBe('Account activated. Log in with your passphrase and the next code of your app.');
    expect(activated.credentials.email).toBe(adminEmail);
    t.clock.advance(30_000);
    await loginInBrowser(page, t.baseUrl, activated.credentials, t.clock.now(), 'en');
    expect(new URL(page.url()).pathname).toBe('/staff/admin');
    await expect(page.locator('#signed-in').textContent()).resolves.toBe('Dominique Admin — Commune sans adresse');
    await page.getByRole('navigation').getByRole('link', { name: 'Log out' }).click();
    await page.locator('#login-form').waitFor({ state: 'visible' });
  });

  it('says plainly when the invitation link has no code, or a used one', async () => {
    await page.goto(`${t.baseUrl}/staff/activate?lang=en`);
    await expect(page.locator('#activate-problem').textContent()).resolves.toBe('This link holds no invitation code. Open the whole link your administrator sent, or ask them for a new invitation.');
    // A new document (a goto that changes only the fragment would stay in the same one).
    await page.goto('about:blank');
    await page.goto(`${t.baseUrl}/staff/activate?lang=en#${code}`);
    await expect(page.locator('#activate-problem').textContent()).resolves.toBe('This invitation has already been used. If it was not you, tell your administrator.');
    expect(page.url()).toBe(`${t.baseUrl}/staff/activate?lang=en`);
  });
});

describe('the pages as a whole', () => {
  it('have no axe-core violations and no script errors', () => {
    expect([...axeResults.keys()].sort()).toEqual(['staff-account', 'staff-activate', 'staff-login', 'staff-login-session-ended-en', 'staff-unlock', 'staff-unlock-page']);
    for (const [name, violations] of axeResults) expect({ name, violations }).toEqual({ name, violations: [] });
    expect(problems).toEqual([]);
  });
});
