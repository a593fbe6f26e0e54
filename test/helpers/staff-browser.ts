// Staff pages in real Chromium, the way a person uses them: the login form filled and submitted
// (the TOTP code computed for the server's clock, as the authenticator app would show it), and the
// activation page from an invitation link.
import type { Page } from 'playwright-core';
import { totpCodeAt } from '../../src/crypto/totp.ts';

export interface BrowserStaffCredentials {
  readonly organisation: string;
  readonly email: string;
  readonly passphrase: string;
  readonly totpSecret: string;
}

function withLanguage(path: string, language: 'fr' | 'en'): string {
  return language === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path;
}

/**
 * Opens /staff/login (with `next` if given), fills it and submits; resolves once the next view's
 * #page-title is visible. `at` is the server's clock time (t.clock.now()): each TOTP step is
 * accepted once, so advance the clock 30 s between logins of the same account.
 */
export async function loginInBrowser(page: Page, baseUrl: string, credentials: BrowserStaffCredentials, at: Date, language: 'fr' | 'en' = 'fr', next?: string): Promise<void> {
  const path = next ? `/staff/login?next=${encodeURIComponent(next)}` : '/staff/login';
  await page.goto(baseUrl + withLanguage(path, language));
  await fillLoginForm(page, credentials, at);
  await waitForLoggedIn(page);
}

/** Waits for the next view's visible #page-title; a refusal shown by the login page fails at once with its sentence. */
async function waitForLoggedIn(page: Page): Promise<void> {
  const outcome = await page.waitForFunction(() => {
    const message = document.getElementById('login-message');
    if (message && !message.hidden) return `refused: ${message.textContent ?? ''}`;
    const title = document.getElementById('page-title');
    return title !== null && title.offsetParent !== null && !document.getElementById('login-form') ? 'ok' : false;
  });
  const result = await outcome.jsonValue();
  if (result !== 'ok') throw new Error(`login in the browser ${String(result)}`);
}

/** Fills and submits the login form already on the page (after a session end, for instance). */
export async function fillLoginForm(page: Page, credentials: BrowserStaffCredentials, at: Date): Promise<void> {
  await page.locator('#login-form').waitFor({ state: 'visible' });
  await page.locator('#login-organisation').fill(credentials.organisation);
  await page.locator('#login-email').fill(credentials.email);
  await page.locator('#login-passphrase').fill(credentials.passphrase);
  await page.locator('#login-totp').fill(await totpCodeAt(credentials.totpSecret, at));
  await page.locator('#login-submit').click();
}

export interface BrowserActivation {
  /** The TOTP seed as the page showed it for manual entry (spaces removed). */
  readonly totpSecret: string;
  /** The credentials to log in with afterwards. */
  readonly credentials: BrowserStaffCredentials;
}

/**
 * Opens the invitation link (/staff/activate#<code>), types the e-mail if asked, the passphrase
 * twice, reads the TOTP seed shown for manual entry, types the code for `at` (the server's clock)
 * and submits; resolves on the login page that says the account is activated. The caller then
 * advances its clock 30 s before logging in (the activation used this step).
 */
export async function activateInBrowser(
  page: Page,
  baseUrl: string,
  input: { code: string; passphrase: string; email?: string; organisation: string },
  at: Date,
  language: 'fr' | 'en' = 'fr',
): Promise<BrowserActivation> {
  await page.goto(`${baseUrl}${withLanguage('/staff/activate', language)}#${input.code}`);
  await page.locator('#activate-form').waitFor({ state: 'visible' });
  const emailField = page.locator('#activate-email');
  if (await emailField.isVisible()) await emailField.fill(input.email ?? '');
  await page.locator('#activate-passphrase').fill(input.passphrase);
  await page.locator('#activate-passphrase-again').fill(input.passphrase);
  const totpSecret = ((await page.locator('#totp-secret').textContent()) ?? '').replace(/\s+/g, '');
  const shownEmail = input.email ?? ((await page.locator('#activate-account-email').textContent()) ?? '').trim();
  await page.locator('#activate-totp').fill(await totpCodeAt(totpSecret, at));
  await page.locator('#activate-submit').click();
  await page.locator('#login-form').waitFor({ state: 'visible' });
  return { totpSecret, credentials: { organisation: input.organisation, email: shownEmail, passphrase: input.passphrase, totpSecret } };
}
