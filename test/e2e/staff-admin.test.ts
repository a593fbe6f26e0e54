// The administration pages in real Chromium. Given a new organisation whose first admin logs in
// through the page, the admin invites a colleague (the activation link shown once works: the Node
// client activates with it), changes their roles, disables them and invites them again; shortens a
// deadline (the Node client reads the new value) and is refused a deadline longer than the law's,
// the server's refusal shown next to the field; sets the largest supporting document in MB (refused
// in the page out of bounds; the server then holds it in bytes, reporters see it; put back to 500 MB); edits a reporter text and the categories; makes the
// recovery key in the browser (the printed private half matches the public half the server now
// holds); reads the audit log and verifies its chain, intact then broken. axe-core on every page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { auditLog } from '../../db/schema.ts';
import { ReporterClient } from '../../src/client/reporter-client.ts';
import { StaffClient } from '../../src/client/staff-client.ts';
import { toBase64Url } from '../../src/crypto/encoding.ts';
import { parsePrintedRecoveryKey, recoveryPublicKeyOf } from '../../src/crypto/recovery-key.ts';
import { axeViolations, launchChromium, SCREENSHOT_DIR, screenshotBothWidths, type AxeViolation } from '../helpers/browser.ts';
import { newOrganisationWithAdmin, type ActiveStaff } from '../helpers/factories.ts';
import { loginInBrowser } from '../helpers/staff-browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

interface Settings {
  deadlines: { ackWorkingDays: number; feedbackMonths: number; meetingWorkingDays: number };
  retention: { noFollowUpMonths: number; followUpMaxMonths: number };
  documentMaxBytes: number;
  recoveryPublicKey: string | null;
  categories: { code: string; label: { fr: string; en: string }; archived: boolean }[];
}
interface StaffRow {
  id: string;
  email: string | null;
  roles: string[];
  status: string;
}

let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let slug: string;
let organisationId: string;
let admin: ActiveStaff;
const problems: string[] = [];
/**
 * Refusals expected (the browser logs them as failed loads, so the console filter lets them by and
 * the response listener checks them): the login page's probe for an open session, and what the
 * test provokes on purpose.
 */
const expectedRefusals = new Set<string>(['401 GET /api/v1/staff/me']);
const axeResults = new Map<string, AxeViolation[]>();
const overflowAt320 = new Map<string, number>();

async function checkAccessibility(name: string): Promise<void> {
  axeResults.set(name, await axeViolations(page));
  await screenshotBothWidths(page, name);
  await page.setViewportSize({ width: 320, height: 800 });
  overflowAt320.set(name, await page.evaluate(() => document.documentElement.scrollWidth));
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function waitForView(title: string): Promise<void> {
  await page.waitForFunction((expected) => document.getElementById('page-title')?.textContent === expected && document.getElementById('app-status')?.hidden === true, title);
}

/** Goes to an admin page through the navigation (same document: the session stays in memory). */
async function openAdminPage(linkName: string, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Administration' }).click();
  await waitForView('Administration');
  await page.getByRole('main').getByRole('link', { name: linkName, exact: true }).click();
  await waitForView(title);
}

/** What the server holds, read by the Node admin client (a fresh login on the next TOTP step). */
async function throughApi<T>(path: string): Promise<T> {
  t.clock.advance(30_000);
  await admin.client.login(admin.credentials, t.clock.now());
  return admin.client.http.expect<T>(200, 'GET', path);
}

beforeAll(async () => {
  t = await startTestApp();
  const built = await newOrganisationWithAdmin(t);
  slug = built.organisation.slug;
  organisationId = built.organisation.id;
  admin = built.admin;

  browser = await launchChromium();
  context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.baseUrl });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of (400|401)/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    const key = `${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`;
    if (response.status() >= 400 && !expectedRefusals.has(key)) problems.push(`response ${key}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

  // The admin logs in through the page
  t.clock.advance(30_000);
  await loginInBrowser(page, t.baseUrl, admin.credentials, t.clock.now(), 'fr', '/staff/admin');
  await waitForView('Administration');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('overview', () => {
  it('links to every administration page', async () => {
    for (const name of ['Comptes des personnels', 'Délais et règles', 'Textes et catégories', 'Clé de secours', 'Journal d’audit']) {
      await expect(page.getByRole('main').getByRole('link', { name, exact: true }).isVisible()).resolves.toBe(true);
    }
    await checkAccessibility('staff-admin-overview');
  });
});

describe('staff accounts', () => {
  let invitedId: string;

  it('invites a colleague; the link shown once activates the account', async () => {
    await openAdminPage('Comptes des personnels', 'Comptes des personnels');
    await page.getByLabel('Adresse électronique').fill(`camille@${slug}.fr`);
    await page.getByLabel('Nom affiché').fill('Camille Martin');
    await page.getByRole('checkbox', { name: 'Référent·e alerte' }).check();
    await page.getByRole('checkbox', { name: 'Membre du comité' }).check();
    await page.getByRole('button', { name: 'Inviter', exact: true }).click();
    await page.getByRole('heading', { name: 'Lien d’activation à remettre' }).waitFor();
    const link = await page.getByRole('textbox', { name: 'Lien d’activation' }).inputValue();
    expect(link).toMatch(new RegExp(`^${t.baseUrl}/staff/activate#[A-Za-z0-9_-]+$`));
    await page.getByRole('button', { name: 'Copier le lien' }).click();
    await page.getByText('Lien copié dans le presse-papiers.').waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(link);
    const row = page.getByRole('row', { name: /Camille Martin/ });
    await expect(row.textContent()).resolves.toContain('Invitation en attente');
    await checkAccessibility('staff-admin-invitation');

    // Handed over: the link leaves the page
    await page.getByRole('button', { name: 'J’ai remis le lien' }).click();
    await page.getByText('Invitation créée pour Camille Martin.').waitFor();
    expect(await page.content()).not.toContain(link.split('#')[1]);

    // The colleague activates with it (Node client, same crypto as the browser)
    const colleague = new StaffClient(t.baseUrl);
    t.clock.advance(30_000);
    const activated = await colleague.activate({ code: link.split('#')[1]!, passphrase: 'une phrase de passe assez longue pour Camille', at: t.clock.now() });
    expect(activated.email).toBe(`camille@${slug}.fr`);
    invitedId = activated.accountId;
    t.clock.advance(30_000);
    const self = await colleague.login({ organisation: slug, email: activated.email, passphrase: 'une phrase de passe assez longue pour Camille', totpSecret: activated.totpSecret }, t.clock.now());
    expect([self.displayName, [...self.roles].sort()]).toEqual(['Camille Martin', ['committee', 'referent']]);
  });

  it('changes the roles, disables after confirmation, and invites again', async () => {
    await openAdminPage('Comptes des personnels', 'Comptes des personnels');
    await expect(page.getByRole('row', { name: /Camille Martin/ }).textContent()).resolves.toContain('Actif');
    await page.getByRole('button', { name: 'Gérer le compte de Camille Martin' }).click();
    await page.getByRole('heading', { name: 'Compte de Camille Martin' }).waitFor();
    const panel = page.locator('.manage-panel');
    await panel.getByRole('checkbox', { name: 'Membre du comité' }).uncheck();
    await panel.getByRole('button', { name: 'Enregistrer les rôles' }).click();
    await page.getByText('Rôles de Camille Martin enregistrés.').waitFor();
    await checkAccessibility('staff-admin-manage');
    let staff = (await throughApi<{ staff: StaffRow[] }>('/api/v1/admin/staff')).staff;
    expect(staff.find((s) => s.id === invitedId)).toMatchObject({ roles: ['referent'], status: 'active' });

    await panel.getByRole('button', { name: 'Désactiver le compte' }).click();
    await page.getByText('Désactiver le compte de Camille Martin ? Ses sessions prennent fin immédiatement').waitFor();
    await panel.getByRole('button', { name: 'Oui, désactiver' }).click();
    await page.getByRole('status').filter({ hasText: 'Le compte de Camille Martin est désactivé.' }).first().waitFor();
    await expect(page.getByRole('row', { name: /Camille Martin/ }).textContent()).resolves.toContain('Désactivé');
    staff = (await throughApi<{ staff: StaffRow[] }>('/api/v1/admin/staff')).staff;
    expect(staff.find((s) => s.id === invitedId)?.status).toBe('disabled');

    await page.locator('.manage-panel').getByRole('button', { name: 'Nouvelle invitation' }).click();
    await page.getByRole('heading', { name: 'Lien d’activation à remettre' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Lien d’activation' }).inputValue()).toMatch(/\/staff\/activate#[A-Za-z0-9_-]+$/);
    await expect(page.getByRole('row', { name: /Camille Martin/ }).textContent()).resolves.toContain('Invitation en attente');
    await page.getByRole('button', { name: 'J’ai remis le lien' }).click();
  });
});

describe('deadlines and rules', () => {
  it('shortens a deadline; the server holds the new value', async () => {
    await openAdminPage('Délais et règles', 'Délais et règles');
    await page.getByText('Maximum légal : 7 jours ouvrés après la réception.').waitFor();
    await expect(page.getByLabel('Accusé de réception (jours ouvrés)').inputValue()).resolves.toBe('7');
    await page.getByLabel('Accusé de réception (jours ouvrés)').fill('5');
    await page.getByLabel('Dossier clos sans suite (mois après la clôture)').fill('1');
    await page.getByRole('checkbox', { name: 'Accusé de réception signé envoyé automatiquement au dépôt' }).uncheck();
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Modifications enregistrées.').waitFor();
    const settings = await throughApi<Settings & { autoAcknowledge: boolean }>('/api/v1/admin/intake');
    expect(settings.deadlines).toEqual({ ackWorkingDays: 5, feedbackMonths: 3, meetingWorkingDays: 20 });
    expect(settings.retention.noFollowUpMonths).toBe(1);
    expect(settings.autoAcknowledge).toBe(false);
  });

  it('shows the server’s refusal of a deadline longer than the law’s next to the field', async () => {
    expectedRefusals.add('400 PATCH /api/v1/admin/intake');
    const feedback = page.getByLabel('Retour d’information à l’auteur du signalement (mois)');
    await feedback.fill('4');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const error = page.locator('#feedback-months-error');
    await error.waitFor({ state: 'visible' });
    await expect(error.textContent()).resolves.toMatch(/^Refusé : la loi fixe au plus 3 mois\. .*Réponse du serveur : feedbackMonths must be a whole number from 1 to 3/);
    await expect(feedback.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(feedback.getAttribute('aria-describedby')).resolves.toContain('feedback-months-error');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('feedback-months');
    await checkAccessibility('staff-admin-settings-refused');
    expect((await throughApi<Settings>('/api/v1/admin/intake')).deadlines.feedbackMonths).toBe(3);
    await feedback.fill('3');
  });

  it('sets the largest supporting document in MB; the server holds it in bytes and reporters see it', async () => {
    const documents = page.getByLabel('Taille maximale d’une pièce jointe (Mo)');
    await expect(documents.inputValue()).resolves.toBe('500');
    await page.getByText('Les personnes qui signalent et les personnels voient cette limite avant d’envoyer un fichier. De 1 à 5000 Mo (1 Mo = 1 000 000 octets) ; 500 Mo par défaut.').waitFor();

    // Out of bounds: refused in the page, next to the field, nothing sent
    await documents.fill('6000');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const error = page.locator('#document-max-mb-error');
    await error.waitFor({ state: 'visible' });
    await expect(error.textContent()).resolves.toBe('Indiquez un nombre entier de Mo, de 1 à 5000.');
    await page.getByRole('alert').filter({ hasText: 'Les réglages n’ont pas été enregistrés : corrigez le champ signalé.' }).waitFor();
    await expect(documents.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(documents.getAttribute('aria-describedby')).resolves.toBe('document-max-mb-hint document-max-mb-error');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('document-max-mb');
    await checkAccessibility('staff-admin-settings-document-limit');
    expect((await throughApi<Settings>('/api/v1/admin/intake')).documentMaxBytes).toBe(500_000_000);

    await documents.fill('20');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Modifications enregistrées.').waitFor();
    await expect(error.isHidden()).resolves.toBe(true);
    await expect(documents.getAttribute('aria-invalid')).resolves.toBeNull();
    await expect(documents.inputValue()).resolves.toBe('20');
    expect((await throughApi<Settings>('/api/v1/admin/intake')).documentMaxBytes).toBe(20_000_000);
    expect((await new ReporterClient(t.baseUrl).intake(slug)).documentMaxBytes).toBe(20_000_000);

    // Back to the default for what follows
    await documents.fill('500');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Modifications enregistrées.').waitFor();
    expect((await throughApi<Settings>('/api/v1/admin/intake')).documentMaxBytes).toBe(500_000_000);
  });
});

describe('texts and categories', () => {
  it('edits a reporter text and puts it back to the default', async () => {
    await openAdminPage('Textes et catégories', 'Textes et catégories');
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Qui peut signaler' }) });
    await form.getByLabel('Français').fill('Tout agent de la commune, stagiaire ou ancien agent.');
    await form.getByLabel('Anglais').fill('Any municipal employee, trainee or former employee.');
    await form.getByRole('button', { name: 'Enregistrer ce texte' }).click();
    await page.getByText('Texte « Qui peut signaler » enregistré.').waitFor();
    const reporter = new ReporterClient(t.baseUrl);
    expect((await reporter.intake(slug)).texts.whoCanReport.fr).toBe('Tout agent de la commune, stagiaire ou ancien agent.');
    await form.getByRole('button', { name: 'Revenir au texte par défaut' }).click();
    await page.getByText('Texte « Qui peut signaler » rétabli par défaut.').waitFor();
    expect((await reporter.intake(slug)).texts.whoCanReport.fr).not.toBe('Tout agent de la commune, stagiaire ou ancien agent.');
  });

  it('adds, moves, renames and archives a category', async () => {
    await page.getByLabel('Code').fill('marches-publics');
    await page.getByLabel('Libellé français', { exact: true }).fill('Marchés publics');
    await page.getByLabel('Libellé anglais', { exact: true }).fill('Public procurement');
    await page.getByRole('button', { name: 'Ajouter la catégorie' }).click();
    await page.getByText('Catégorie « Marchés publics » ajoutée.').waitFor();
    await page.getByRole('button', { name: 'Monter « Marchés publics »' }).click();
    await page.getByText('Catégorie « Marchés publics » modifiée.').waitFor();
    await page.getByRole('button', { name: 'Renommer « Marchés publics »' }).click();
    await page.locator('#rename-fr').fill('Commande publique');
    await page.getByRole('button', { name: 'Enregistrer les libellés' }).click();
    await page.getByText('Catégorie « Commande publique » modifiée.').waitFor();
    await checkAccessibility('staff-admin-organisation');
    let categories = (await throughApi<Settings>('/api/v1/admin/intake')).categories;
    const codes = categories.map((c) => c.code);
    expect(codes.indexOf('marches-publics')).toBe(codes.length - 2);
    expect(categories.find((c) => c.code === 'marches-publics')?.label).toEqual({ fr: 'Commande publique', en: 'Public procurement' });

    await page.getByRole('button', { name: 'Archiver « Commande publique »' }).click();
    await page.getByRole('button', { name: 'Rétablir « Commande publique »' }).waitFor();
    categories = (await throughApi<Settings>('/api/v1/admin/intake')).categories;
    expect(categories.find((c) => c.code === 'marches-publics')?.archived).toBe(true);
    expect((await new ReporterClient(t.baseUrl).intake(slug)).categories.map((c) => c.code)).not.toContain('marches-publics');
  });
});

describe('recovery key', () => {
  it('makes the key in the browser, shows the private half once, and puts the public half in place after confirmation', async () => {
    await openAdminPage('Clé de secours', 'Clé de secours');
    await page.getByText('Aucune clé de secours n’est en place').waitFor();
    await page.getByRole('button', { name: 'Générer une nouvelle clé de secours' }).click();
    await page.getByRole('heading', { name: 'Partie privée de la clé de secours' }).waitFor();
    const printed = (await page.locator('#recovery-private-key').innerText()).trim();
    expect(printed.split(/\s+/).length).toBe(11);
    const privateKey = parsePrintedRecoveryKey(printed);
    await checkAccessibility('staff-admin-recovery-key');

    // Printing prints that block alone (the print dialog itself is replaced: headless has none)
    await page.evaluate(() => {
      window.print = () => undefined;
    });
    await page.getByRole('button', { name: 'Imprimer la clé' }).click();
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('#print-area').innerText()).resolves.toContain(printed.split(/\s+/)[0]);
    await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
    await expect(page.locator('#main').isVisible()).resolves.toBe(false);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/staff-admin-recovery-key-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await expect(page.locator('#print-area').count()).resolves.toBe(0);

    // Nothing is on the server yet, and leaving is held back until the key is stored
    expect((await throughApi<Settings>('/api/v1/admin/intake')).recoveryPublicKey).toBeNull();
    await page.getByRole('link', { name: 'Retour à l’administration' }).click();
    await page.getByText('La clé de secours n’est pas encore en place').waitFor();
    await expect(page.evaluate(() => window.location.pathname)).resolves.toBe('/staff/admin/recovery-key');
    await page.getByRole('button', { name: 'Mettre cette clé en place' }).click();
    await page.getByText('Cochez la case pour confirmer que la clé est imprimée et rangée.').waitFor();

    await page.getByRole('checkbox', { name: 'J’ai imprimé cette clé et je l’ai rangée en lieu sûr' }).check();
    await page.getByRole('button', { name: 'Mettre cette clé en place' }).click();
    await page.getByText('La clé de secours est en place ; sa partie privée a été effacée de la page.').waitFor();
    expect(await page.content()).not.toContain(printed.split(/\s+/).slice(0, 3).join(''));
    await expect(page.locator('#recovery-private-key').count()).resolves.toBe(0);
    const expected = toBase64Url(await recoveryPublicKeyOf(privateKey));
    expect((await throughApi<Settings>('/api/v1/admin/intake')).recoveryPublicKey).toBe(expected);
    await expect(page.locator('#recovery-public-key').textContent()).resolves.toBe(expected);
  });
});

describe('audit log', () => {
  it('lists who did what, newest first, and verifies the chain', async () => {
    await openAdminPage('Journal d’audit', 'Journal d’audit');
    const firstRow = page.locator('table.audit-log tbody tr').first();
    await expect(firstRow.textContent()).resolves.toContain('Admin');
    await expect(page.locator('table.audit-log').textContent()).resolves.toContain('intake.recovery_key_set');
    await expect(page.locator('table.audit-log').textContent()).resolves.toContain('staff.roles_changed');
    // Entries about an account name the person
    await expect(page.getByRole('row', { name: /staff\.disabled/ }).textContent()).resolves.toContain('Camille Martin');
    const count = await t.services.db.$count(auditLog, eq(auditLog.organisationId, organisationId));
    await page.getByRole('button', { name: 'Vérifier la chaîne' }).click();
    await page.getByText(/^Chaîne intacte : \d+ entrées vérifiées\.$/).waitFor();
    const shown = Number(/(\d+)/.exec((await page.locator('.form-message').textContent()) ?? '')?.[1]);
    expect(shown).toBe(count);
    await checkAccessibility('staff-admin-audit');
  });

  it('names the first broken entry when one was altered', async () => {
    await t.services.db.update(auditLog).set({ action: 'staff.nothing_to_see' }).where(and(eq(auditLog.organisationId, organisationId), eq(auditLog.seq, 4)));
    await page.getByRole('button', { name: 'Vérifier la chaîne' }).click();
    await page.getByText(/^Chaîne rompue à l’entrée n° 4 \(3 entrées vérifiées avant elle\)\. Motif : .*altered/).waitFor();
  });
});

describe('in English', () => {
  it('says the same things, with the legal maxima', async () => {
    await page.getByRole('link', { name: 'Read this page in English' }).click();
    await waitForView('Audit log');
    await page.getByRole('link', { name: 'Back to administration' }).click();
    await waitForView('Administration');
    await page.getByRole('main').getByRole('link', { name: 'Deadlines and rules', exact: true }).click();
    await waitForView('Deadlines and rules');
    await page.getByText('Legal maximum: 3 months after the acknowledgement.').waitFor();
    await expect(page.getByLabel('Acknowledgement (working days)').inputValue()).resolves.toBe('5');
    await page.getByText('Reporters and staff see this limit before they send a file. 1 to 5000 MB (1 MB = 1,000,000 bytes); 500 MB by default.').waitFor();
    await expect(page.getByLabel('Largest supporting document (MB)').inputValue()).resolves.toBe('500');
    await checkAccessibility('staff-admin-settings-en');
  });
});

describe('on every administration page', () => {
  it('finds no axe-core violation, no horizontal scroll at 320 px, and no browser error', () => {
    expect(axeResults.size).toBeGreaterThanOrEqual(8);
    for (const [name, violations] of axeResults) expect(violations, name).toEqual([]);
    for (const [name, width] of overflowAt320) expect(width, name).toBeLessThanOrEqual(320);
    expect(problems).toEqual([]);
  });
});
