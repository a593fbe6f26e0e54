// Supporting documents in real Chromium, end to end: given an organisation with a referent, when a
// reporter files an alert from the form with a 3 MB file (several 1 MiB chunks) and a JPEG carrying
// EXIF, then the page logs into the new mailbox and uploads both encrypted after the filing; the
// referent opens the case in the staff pages, sees the decrypted names, downloads the file
// byte-identical and the photo without its EXIF, and sends a document back to the reporter; the
// mailbox lists all three and the reporter downloads the referent's. axe-core finds nothing on
// the form with files chosen, the confirmation, the case page and the mailbox.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DOCUMENT_CIPHER_CHUNK_BYTES } from '../../src/crypto/document-stream.ts';
import { axeViolations, launchChromium, screenshotBothWidths, type AxeViolation } from '../helpers/browser.ts';
import { sha256 } from '../helpers/document-files.ts';
import { organisationWithReferents, type ActiveStaff } from '../helpers/factories.ts';
import { loginInBrowser } from '../helpers/staff-browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const MARKER = 'MIRABELLE-2290';
const EXIF_MARKER = 'GPS-48N-2E-MARKER';
const bigFile = randomBytes(3 * 1024 * 1024 + 12_345);
const reply = Buffer.from(`Compte rendu de l'enquête ${MARKER}\n`);

const ascii = (text: string) => Buffer.from(text, 'latin1');
const u16 = (value: number) => Buffer.from([value >> 8, value & 0xff]);
const u32 = (value: number) => Buffer.from([value >>> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff]);
const segment = (code: number, payload: Buffer) => Buffer.concat([Buffer.from([0xff, code]), u16(payload.length + 2), payload]);

/** A tiny valid JPEG (one 8×8 grey block) with an EXIF ImageDescription holding EXIF_MARKER. */
function jpegWithExif(): Buffer {
  const exif = Buffer.concat([ascii('Exif\0\0MM\0*'), u32(8), u16(1), u16(0x010e), u16(2), u32(EXIF_MARKER.length + 1), u32(26), u32(0), ascii(`${EXIF_MARKER}\0`)]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.concat([ascii('JFIF\0'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0])])),
    segment(0xe1, exif),
    segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])),
    segment(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0])),
    segment(0xc4, Buffer.concat([Buffer.from([0x00, 1]), Buffer.alloc(15), Buffer.from([0])])),
    segment(0xc4, Buffer.concat([Buffer.from([0x10, 1]), Buffer.alloc(15), Buffer.from([0])])),
    segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])),
    Buffer.from([0x3f, 0xff, 0xd9]),
  ]);
}
const photo = jpegWithExif();

let t: TestApp;
let browser: Browser;
let slug: string;
let referent: ActiveStaff;
const contexts: BrowserContext[] = [];
const problems: string[] = [];
const axeResults = new Map<string, AxeViolation[]>();

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Chromium logs every 4xx answer (the staff login page's session probe); script errors still count.
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return page;
}

/** Clicks a document's download button and answers the saved bytes. */
async function download(page: Page, name: string): Promise<Buffer> {
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Télécharger ${name}` }).click()]);
  expect(saved.suggestedFilename()).toBe(name);
  return fs.readFileSync(await saved.path());
}

beforeAll(async () => {
  t = await startTestApp();
  const built = await organisationWithReferents(t, 1);
  slug = built.organisation.slug;
  referent = built.referents[0]!;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
});

describe('supporting documents from the filing form to the referent and back', () => {
  let token = '';
  let caseReference = '';

  it('attaches two files to the form, says what metadata it can remove, and uploads them after the filing', async () => {
    const page = await newPage();
    await page.goto(`${t.baseUrl}/o/${slug}/report`);
    await page.waitForSelector('html[data-ready="true"]');
    await page.locator('#category-0').check();
    await page.locator('#whatHappened').fill(`Des factures ont été antidatées ${MARKER}`);
    await page.locator('#identityMode-0').check();
    await page.getByLabel('Choisir des fichiers').setInputFiles([
      { name: 'releves.bin', mimeType: 'application/octet-stream', buffer: bigFile },
      { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: photo },
    ]);
    const chosen = page.locator('#report-documents-chosen li');
    await expect.poll(() => chosen.count()).toBe(2);
    await expect(chosen.nth(0).textContent()).resolves.toContain('Vigie ne peut pas retirer les métadonnées');
    await expect(page.getByLabel('Retirer les métadonnées (lieu, appareil, date) avant l’envoi').isChecked()).resolves.toBe(true);
    axeResults.set('form-with-files', await axeViolations(page));
    await screenshotBothWidths(page, 'documents-form');

    await page.getByRole('button', { name: "Relire avant l'envoi" }).click();
    await expect(page.locator('#review-list').textContent()).resolves.toContain('releves.bin, photo.jpg');
    await page.getByRole('button', { name: 'Chiffrer et envoyer' }).click();
    await page.locator('#confirmation-step').waitFor({ state: 'visible' });
    token = (await page.locator('#mailbox-token').textContent()) ?? '';
    caseReference = (await page.locator('#case-reference').textContent()) ?? '';
    await page.locator('#filed-documents-status', { hasText: 'Toutes les pièces jointes sont envoyées.' }).waitFor({ timeout: 60_000 });
    const items = await page.locator('#filed-documents-list li').allTextContents();
    expect(items[0]).toContain('« releves.bin » envoyé.');
    expect(items[1]).toContain('« photo.jpg » : retiré EXIF.');
    expect(items[1]).toContain('« photo.jpg » envoyé.');
    axeResults.set('confirmation-with-files', await axeViolations(page));
    await screenshotBothWidths(page, 'documents-confirmation');
  }, 120_000);

  it('lets the referent download the file byte-identical and the photo without EXIF, and send a document back', async () => {
    const page = await newPage();
    t.clock.advance(30_000);
    await loginInBrowser(page, t.baseUrl, referent.credentials, t.clock.now(), 'fr', '/staff/cases');
    await page.getByRole('link', { name: caseReference }).click();
    const listed = page.locator('#case-documents-list li.document');
    await expect.poll(() => listed.count(), { timeout: 20_000 }).toBe(2);
    const texts = await listed.allTextContents();
    expect(texts.find((text) => text.includes('releves.bin'))).toMatch(/3,2\u00a0Mo, ajoutée par l’auteur, le /);

    expect(sha256(await download(page, 'releves.bin'))).toBe(sha256(bigFile));
    await expect(page.locator('#case-documents-status').textContent()).resolves.toContain('« releves.bin » déchiffré et enregistré.');
    const cleaned = await download(page, 'photo.jpg');
    expect([cleaned[0], cleaned[1]]).toEqual([0xff, 0xd8]);
    expect(cleaned.includes(EXIF_MARKER)).toBe(false);
    expect(photo.includes(EXIF_MARKER)).toBe(true);

    // A referent may hand a document to the whistleblower.
    await page.getByLabel('Choisir des fichiers').setInputFiles([{ name: 'compte-rendu.txt', mimeType: 'text/plain', buffer: reply }]);
    await page.locator('#case-documents-chosen li').waitFor();
    await page.getByLabel('Transmettre aussi à l’auteur (dans sa boîte aux lettres)').check();
    await page.getByRole('button', { name: 'Chiffrer et envoyer les fichiers' }).click();
    await page.locator('#case-documents-sending .upload-status', { hasText: '« compte-rendu.txt » envoyé.' }).waitFor();
    await expect.poll(() => listed.count()).toBe(3);
    axeResults.set('case-page', await axeViolations(page));
    await screenshotBothWidths(page, 'documents-case-page');
  }, 120_000);

  it('lists every document in the mailbox, downloads the referent’s, and refuses to save a file cut short', async () => {
    // The server (or someone on it) drops the last chunk of the 3 MB file (4 chunks) and its count.
    await t.database.handle.db.execute(
      sql`update case_documents set chunk_count = 3, stored_chunks = 3, ciphertext_bytes = ${3 * DOCUMENT_CIPHER_CHUNK_BYTES} where chunk_count = 4`,
    );
    const page = await newPage();
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.goto(`${t.baseUrl}/o/${slug}/mailbox`);
    await page.waitForSelector('html[data-ready="true"]');
    await page.getByLabel('Code personnel').fill(token);
    await page.getByRole('button', { name: 'Ouvrir ma boîte aux lettres' }).click();
    const listed = page.locator('#documents-list li.document');
    await expect.poll(() => listed.count(), { timeout: 30_000 }).toBe(3);
    const texts = await listed.allTextContents();
    expect(texts.filter((text) => text.includes('ajoutée par vous'))).toHaveLength(2);
    expect(texts.find((text) => text.includes('compte-rendu.txt'))).toContain('ajoutée par un référent');
    expect(await download(page, 'compte-rendu.txt')).toEqual(reply);
    expect(downloads).toBe(1);

    await page.getByRole('button', { name: 'Télécharger releves.bin' }).click();
    await page.locator('#documents-status.error').waitFor();
    await expect(page.locator('#documents-status').textContent()).resolves.toBe('« releves.bin » a été modifié ou est incomplet : rien n’a été enregistré.');
    expect(downloads).toBe(1);
    axeResults.set('mailbox', await axeViolations(page));
    await screenshotBothWidths(page, 'documents-mailbox');
  }, 120_000);

  it('found no accessibility problem and no script error', () => {
    expect(Object.fromEntries(axeResults)).toEqual({ 'form-with-files': [], 'confirmation-with-files': [], 'case-page': [], mailbox: [] });
    expect(problems).toEqual([]);
  });
});
