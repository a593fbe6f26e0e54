// How heavy is the reporter's filing form, and how soon can it be used? /o/:slug/report loaded in
// real Chromium: bytes over the network on a cold cache, then navigation → interactive form on cold
// (new browser context each time) and warm (same context, assets from the HTTP cache) loads; then
// filing through the page with the default proof-of-work cost, and how long the page stalls meanwhile.
// Usage: npm run bench:pages [-- --loads 10]   (always in-memory PGlite: the bench measures pages)
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildWebAssets } from '../build-web.ts';
import { StaffClient } from '../../src/client/staff-client.ts';
import { WEB_ASSETS_DIR, type WebAssetManifest } from '../../src/web/asset-manifest.ts';
import { createOrganisation } from '../../src/services/organisations.ts';
import { inviteReferent, percentile, printFigures, startBenchApp, type BenchApp, type Figure } from './bench-kit.ts';

// Not strict: `npm run bench -- --logins 10` hands every benchmark the other benchmarks' flags too.
const { values } = parseArgs({ options: { loads: { type: 'string', default: '10' } }, strict: false });
const loads = Number(values.loads);
const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const WEIGHT_TARGET_BYTES = 500_000;
const READY_TARGET_MS = 1000;
// The proof of work runs in a worker: the page must answer input within RAIL's 100 ms meanwhile.
const STALL_TARGET_MS = 100;
const READY = 'html[data-ready="true"]';

if (!fs.existsSync(CHROMIUM_PATH)) {
  console.error(`No Chromium at ${CHROMIUM_PATH}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

/** An organisation whose form is real: one referent, activated through the API as in intake.ts. */
async function organisationWithOneReferent(bench: BenchApp): Promise<string> {
  const { services, clock } = bench;
  const slug = `bench-pages-${Date.now().toString(36)}`;
  const { organisation } = await createOrganisation(services, { slug, name: 'Bench pages', adminEmail: `admin@${slug}.fr`, adminName: 'Admin' });
  const invitation = await inviteReferent(services, organisation.id, `referent@${slug}.fr`, 'Referent');
  await new StaffClient(bench.baseUrl).activate({ code: invitation.code, passphrase: 'passphrase referent', at: clock.now() });
  return slug;
}

interface Transfer {
  readonly url: string;
  readonly type: string;
  readonly encoding: string;
  readonly bytes: number;
  /** Order of the response's arrival, so the list reads document first. */
  readonly order: number;
}

/**
 * Counts the bytes a page receives, through the DevTools protocol: `encodedDataLength` of
 * Network.loadingFinished is what came over the wire for a request (response headers plus the body
 * as sent, i.e. brotli/gzip-compressed), the "transferred" column of DevTools; requestId → URL comes
 * from Network.responseReceived. This is the reliable way: the browser's own count of every request
 * of the page (document, subresources, fetches, a worker's script), where the page's Resource Timing
 * entries would have to be gathered per document and worker and leave out the header bytes.
 * Returns a function that stops counting (detaching the session) and gives the transfers.
 */
async function watchTransfers(page: Page): Promise<() => Promise<Transfer[]>> {
  const cdp = await page.context().newCDPSession(page);
  const responses = new Map<string, { url: string; type: string; encoding: string; order: number }>();
  const finished: Transfer[] = [];
  cdp.on('Network.responseReceived', (event) => {
    const headers = Object.fromEntries(Object.entries(event.response.headers).map(([name, value]) => [name.toLowerCase(), value]));
    responses.set(event.requestId, {
      url: event.response.url,
      type: event.type.toLowerCase(),
      encoding: headers['content-encoding'] ?? 'identity',
      order: responses.size,
    });
  });
  cdp.on('Network.loadingFinished', (event) => {
    const response = responses.get(event.requestId);
    if (response && !response.url.startsWith('data:')) finished.push({ ...response, bytes: event.encodedDataLength });
  });
  await cdp.send('Network.enable');
  return async () => {
    await cdp.detach();
    return [...finished].sort((a, b) => a.order - b.order);
  };
}

interface Load {
  /** performance.now() in the page (so relative to navigation start) when html[data-ready="true"] was seen. */
  readyMs: number;
  transfers: Transfer[];
}

/**
 * Navigates and waits for the form to be usable. The check runs in the page on every animation
 * frame and returns performance.now() from the same frame, so a reading is late by at most one
 * frame (~16 ms), never by a protocol round trip.
 */
async function loadForm(page: Page, url: string, countBytes: boolean): Promise<Load> {
  const transfers = countBytes ? await watchTransfers(page) : () => Promise.resolve([]);
  // 'commit': start watching as soon as the new document exists; the form may be ready before `load`.
  const response = await page.goto(url, { waitUntil: 'commit' });
  if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
  const ready = await page.waitForFunction((selector) => (document.querySelector(selector) ? performance.now() : false), READY, { polling: 'raf', timeout: 30_000 });
  const readyMs = (await ready.jsonValue()) as number;
  await ready.dispose();
  // Late transfers (none expected once the form is ready) still count towards the weight.
  if (countBytes) await page.waitForLoadState('networkidle');
  return { readyMs, transfers: await transfers() };
}

const total = (transfers: Transfer[]) => transfers.reduce((sum, t) => sum + t.bytes, 0);

/** Each load in a fresh context: nothing cached, a new connection, as for a first visit. */
async function coldLoads(browser: Browser, url: string, count: number): Promise<Load[]> {
  const results: Load[] = [];
  for (let i = 0; i < count; i++) {
    const context = await browser.newContext({ locale: 'fr-FR' });
    try {
      results.push(await loadForm(await context.newPage(), url, true));
    } finally {
      await context.close();
    }
  }
  return results;
}

/** One context: a first load fills its HTTP cache (not timed), then `count` loads reuse it. */
async function warmLoads(browser: Browser, url: string, count: number): Promise<Load[]> {
  const context: BrowserContext = await browser.newContext({ locale: 'fr-FR' });
  try {
    const page = await context.newPage();
    await loadForm(page, url, false);
    const results: Load[] = [];
    for (let i = 0; i < count; i++) results.push(await loadForm(page, url, true));
    return results;
  } finally {
    await context.close();
  }
}

/** The built files' compressed sizes, from dist/web, for the assets the form page uses. */
function builtSizes(manifest: WebAssetManifest, loaded: Set<string>) {
  const { entries } = manifest;
  const formSet = [entries.styles, entries['report-page'], ...manifest.files.filter((file) => file.startsWith('chunk-')), entries['proof-of-work-worker']].filter((file): file is string => Boolean(file));
  return formSet.map((file) => {
    const size = (suffix: string) => fs.statSync(path.join(WEB_ASSETS_DIR, `${file}${suffix}`)).size;
    return { file, raw: size(''), brotli: size('.br'), gzip: size('.gz'), loaded: loaded.has(file) };
  });
}

interface Filing {
  readonly sendMs: number;
  readonly worstStallMs: number;
}

/**
 * Files a minimal alert through the page with the service's real proof-of-work cost: time from the
 * click on "send" to the confirmation, and the worst main-thread stall meanwhile (a 10 ms timer
 * loop in the page: how late it fires is how long the page could not answer the reporter).
 */
async function fileInPage(browser: Browser, url: string): Promise<Filing> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector(READY);
    await page.locator('#category-0').check();
    await page.locator('#whatHappened').fill('bench');
    await page.locator('#identityMode-0').check();
    await page.locator('#review-button').click();
    await page.locator('#send-button').waitFor({ state: 'visible' });
    const started = Date.now();
    await page.locator('#send-button').click();
    const worstStallMs = await page.evaluate(async () => {
      let worst = 0;
      let last = performance.now();
      while (document.getElementById('confirmation-step')?.hidden !== false) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        const now = performance.now();
        worst = Math.max(worst, now - last - 10);
        last = now;
      }
      return worst;
    });
    await page.locator('#confirmation-step').waitFor({ state: 'visible' });
    return { sendMs: Date.now() - started, worstStallMs };
  } finally {
    await context.close();
  }
}

const manifest = await buildWebAssets();
// Cheap staff KDF (the referent's activation is set-up, not what is measured).
const bench = await startBenchApp({ STAFF_KDF_OPSLIMIT: '1', STAFF_KDF_MEMLIMIT: '8192' });
let browser: Browser | undefined;
try {
  const slug = await organisationWithOneReferent(bench);
  const url = `${bench.baseUrl}/o/${slug}/report`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const version = browser.version().split('.')[0];

  // One untimed load first, so the server's first-request costs (JIT, PGlite's first queries) and
  // the browser's start-up are not counted against the first cold load.
  await coldLoads(browser, url, 1);
  const cold = await coldLoads(browser, url, loads);
  const warm = await warmLoads(browser, url, loads);

  const filings: Filing[] = [];
  for (let i = 0; i < Math.min(loads, 5); i++) filings.push(await fileInPage(browser, url));

  const label = (transfer: Transfer) => transfer.url.slice(bench.baseUrl.length);
  const first = cold[0]!;
  const weight = total(first.transfers);
  const weights = cold.map((load) => total(load.transfers));
  console.log(`\nreporter pages (Chromium ${version}, loopback, in-memory PGlite; 1 KB = 1000 bytes)`);
  console.log(`form page weight, cold load: ${kb(weight)} transferred in ${first.transfers.length} responses (headers + compressed bodies, from CDP encodedDataLength)`);
  if (Math.min(...weights) !== Math.max(...weights)) console.log(`  (varies across the ${loads} cold loads: ${kb(Math.min(...weights))} to ${kb(Math.max(...weights))})`);
  const rows = first.transfers.map((t) => [`  ${label(t)} (${t.type})`, kb(t.bytes), t.encoding]);
  const width = Math.max(...rows.map((r) => r[0]!.length));
  for (const [name, bytes, encoding] of rows) console.log(`${name!.padEnd(width)}  ${bytes!.padStart(9)}  ${encoding}`);

  const loadedAssets = new Set(first.transfers.map((t) => label(t)).filter((p) => p.startsWith('/assets/')).map((p) => p.slice('/assets/'.length)));
  const built = builtSizes(manifest, loadedAssets);
  console.log(`\ncross-check, built files in ${path.relative(process.cwd(), WEB_ASSETS_DIR)} (bodies only, no HTML, no headers):`);
  const fileWidth = Math.max(...built.map((b) => b.file.length));
  console.log(`  ${'file'.padEnd(fileWidth)}  ${'raw'.padStart(9)}  ${'brotli'.padStart(9)}  ${'gzip'.padStart(9)}  loaded on cold load`);
  for (const b of built) console.log(`  ${b.file.padEnd(fileWidth)}  ${kb(b.raw).padStart(9)}  ${kb(b.brotli).padStart(9)}  ${kb(b.gzip).padStart(9)}  ${b.loaded ? 'yes' : 'no (fetched when filing)'}`);
  const loadedBuilt = built.filter((b) => b.loaded);
  const sum = (key: 'brotli' | 'gzip') => loadedBuilt.reduce((s, b) => s + b[key], 0);
  console.log(`  loaded set: brotli ${kb(sum('brotli'))}, gzip ${kb(sum('gzip'))}`);

  const coldReady = cold.map((load) => load.readyMs);
  const warmReady = warm.map((load) => load.readyMs);
  const coldMedian = percentile(coldReady, 50);
  const warmWeight = percentile(warm.map((load) => total(load.transfers)), 50);
  const figures: Figure[] = [
    { figure: 'form page weight, compressed (cold load)', value: kb(weight), target: `< ${WEIGHT_TARGET_BYTES / 1000} KB`, met: weight < WEIGHT_TARGET_BYTES },
    { figure: 'form page weight, warm load (median)', value: kb(warmWeight), target: '-', met: null },
    {
      figure: 'navigation → interactive form, cold median',
      value: `${ms(coldMedian)} (max ${ms(Math.max(...coldReady))}, n=${cold.length})`,
      target: `< ${READY_TARGET_MS} ms`,
      met: coldMedian < READY_TARGET_MS,
    },
    { figure: 'navigation → interactive form, warm median', value: `${ms(percentile(warmReady, 50))} (max ${ms(Math.max(...warmReady))}, n=${warm.length})`, target: '-', met: null },
    {
      figure: `filing: send → confirmation, ${bench.config.proofOfWork.filingBits}-bit proof of work, median`,
      value: `${ms(percentile(filings.map((f) => f.sendMs), 50))} (max ${ms(Math.max(...filings.map((f) => f.sendMs)))}, n=${filings.length})`,
      target: '-',
      met: null,
    },
    {
      figure: 'filing: worst main-thread stall while sending',
      value: ms(Math.max(...filings.map((f) => f.worstStallMs))),
      target: `< ${STALL_TARGET_MS} ms (RAIL response)`,
      met: Math.max(...filings.map((f) => f.worstStallMs)) < STALL_TARGET_MS,
    },
  ];
  console.log(`\nreadiness: performance.now() in the page when ${READY} is seen, checked every animation frame (late by up to ~16 ms)`);
  printFigures(`Reporter form page (Chromium ${version}, loopback, in-memory PGlite)`, figures);
  const missed = figures.filter((f) => f.met === false);
  console.log(missed.length === 0 ? 'targets: OK' : `targets MISSED: ${missed.map((f) => f.figure).join('; ')}`);
} finally {
  await browser?.close();
  await bench.close();
}
