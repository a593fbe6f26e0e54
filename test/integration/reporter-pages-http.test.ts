// The reporter's pages over real HTTP, as a browser without JavaScript (or an attacker) sees them:
// headers (no cache, strict CSP, no cookie), markup that cannot run or leak anything (no inline
// script or style, no handler attribute, no third-party origin, no named text field, a send button
// disabled until the script is ready), escaping of what an admin or the operator typed, the
// not-found page, and the content-hashed bundle with its precompressed copies.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORTER_PAGE_TEXTS } from '../../src/i18n/reporter-pages.ts';
import { createOrganisation } from '../../src/services/organisations.ts';
import { WEB_ASSETS_DIR } from '../../src/web/asset-manifest.ts';
import { activateAndLogin, organisationWithReferents, type ActiveStaff } from '../helpers/factories.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let slug: string;
let admin: ActiveStaff;
let referents: ActiveStaff[];
let committee: ActiveStaff;

beforeAll(async () => {
  t = await startTestApp();
  // Given an organisation with two referents and a committee member (the admin reads no alert)
  const built = await organisationWithReferents(t, 2);
  slug = built.organisation.slug;
  admin = built.admin;
  referents = built.referents;
  committee = await inviteNamed(admin, ['committee'], `comite@${slug}.fr`, 'Camille Comité');
});
afterAll(() => t.close());

/** Invites a staff member under a chosen display name through the admin API, then activates them. */
async function inviteNamed(by: ActiveStaff, roles: string[], email: string, displayName: string): Promise<ActiveStaff> {
  const invited = await by.client.http.expect<{ invitationCode: string }>(201, 'POST', '/api/v1/admin/staff', { email, displayName, roles });
  t.clock.advance(30_000);
  return activateAndLogin(t, invited.invitationCode, email);
}

// ---------------------------------------------------------------------------------------------
// A small reader for the server's markup: every attribute value the templates write is quoted and
// escaped, so a start tag never holds a raw ">" and these patterns see the tags as a browser would.

interface Tag {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly source: string;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': '\u00a0' };

function decode(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity]!);
}

function parseAttributes(body: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of body.matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    attributes.set(match[1]!.toLowerCase(), decode(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return attributes;
}

/** Every start tag of the document (or of those named). */
function tags(page: string, name?: string): Tag[] {
  const found: Tag[] = [];
  for (const match of page.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)?>/g)) {
    const tagName = match[1]!.toLowerCase();
    if (name === undefined || tagName === name) found.push({ name: tagName, attributes: parseAttributes(match[2] ?? ''), source: match[0] });
  }
  return found;
}

function byId(page: string, id: string): Tag | undefined {
  return tags(page).find((tag) => tag.attributes.get('id') === id);
}

/** The visible text of a piece of markup: tags dropped, entities decoded, spaces collapsed. */
function textOf(markup: string): string {
  return decode(markup.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The inner markup of each element with this (non-nested) tag name. */
function elements(page: string, name: string): { tag: Tag; inner: string }[] {
  return [...page.matchAll(new RegExp(`(<${name}(?:\\s[^>]*)?>)([\\s\\S]*?)</${name}>`, 'gi'))].map((match) => ({ tag: tags(match[1]!)[0]!, inner: match[2]! }));
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP for the bundle: fetch would add its own accept-encoding, decompress the body for us and
// normalise the path, and these tests need to control and see all three.

interface RawAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

function rawGet(requestPath: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(t.baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.get({ hostname, port, path: requestPath, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

async function getPage(pagePath: string): Promise<{ response: Response; page: string }> {
  const response = await fetch(t.baseUrl + pagePath);
  return { response, page: await response.text() };
}

function expectPrivateStrictHeaders(response: Response): void {
  expect(response.headers.get('cache-control')).toBe('no-store');
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain("'unsafe-eval'");
  expect(response.headers.get('set-cookie')).toBeNull();
  expect(response.headers.getSetCookie()).toEqual([]);
}

const pages = [
  ['the landing page', ''],
  ['the filing form', '/report'],
  ['the mailbox page', '/mailbox'],
] as const;

describe.each(pages)('%s', (_label, suffix) => {
  const pagePath = () => `/o/${slug}${suffix}`;

  it('answers HTML in French by default, never cached, under the strict CSP, without a cookie', async () => {
    // When a reporter opens the page
    const { response, page } = await getPage(pagePath());

    // Then it is a French HTML page that no cache keeps and that sets nothing in the browser
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expectPrivateStrictHeaders(response);
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(tags(page, 'html').map((tag) => tag.attributes.get('lang'))).toEqual(['fr']);
    // And its language switch leads to the same page in English
    const switches = tags(page, 'a').filter((tag) => tag.attributes.get('class') === 'language-switch');
    expect(switches.map((tag) => [tag.attributes.get('href'), tag.attributes.get('hreflang')])).toEqual([[`${pagePath()}?lang=en`, 'en']]);
  });

  it('answers in English with ?lang=en, switching back to the same path without a query', async () => {
    const { response, page } = await getPage(`${pagePath()}?lang=en`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expectPrivateStrictHeaders(response);
    expect(tags(page, 'html').map((tag) => tag.attributes.get('lang'))).toEqual(['en']);
    expect(textOf(page)).toContain(REPORTER_PAGE_TEXTS.en.common.footer);
    expect(textOf(page)).not.toContain(REPORTER_PAGE_TEXTS.fr.common.footer);
    const switches = tags(page, 'a').filter((tag) => tag.attributes.get('class') === 'language-switch');
    expect(switches.map((tag) => [tag.attributes.get('href'), tag.attributes.get('hreflang')])).toEqual([[pagePath(), 'fr']]);
  });

  it('carries no inline script, no inline style, no event handler and nothing from another origin', async () => {
    for (const query of ['', '?lang=en']) {
      const { page } = await getPage(pagePath() + query);

      // Scripts are external modules only
      const scripts = elements(page, 'script');
      expect(scripts.length).toBe(tags(page, 'script').length);
      for (const script of scripts) {
        expect(script.tag.attributes.get('type')).toBe('module');
        expect(script.tag.attributes.get('src')).toMatch(/^\/assets\/[\w-]+\.js$/);
        expect(script.inner).toBe('');
      }
      // No style of any kind in the page itself, no event-handler attribute, no javascript: URL
      expect(page).not.toMatch(/<style[\s>]/i);
      const all = tags(page);
      expect(all.length).toBeGreaterThan(20);
      for (const tag of all) {
        for (const name of tag.attributes.keys()) {
          expect(name, tag.source).not.toBe('style');
          expect(name, tag.source).not.toMatch(/^on/);
        }
      }
      // Every URL stays on this origin (the icon is the empty data URL, so the browser asks for none)
      const urls = all.flatMap((tag) => ['src', 'href', 'action', 'data-worker'].filter((a) => tag.attributes.has(a)).map((a) => [tag, tag.attributes.get(a)!] as const));
      expect(urls.length).toBeGreaterThan(3);
      for (const [tag, url] of urls) {
        if (tag.name === 'link' && tag.attributes.get('rel') === 'icon') expect(url).toBe('data:,');
        else expect(url, tag.source).toMatch(/^(?:\/(?!\/)|#)/);
      }
      // (and no attribute at all holds a javascript: URL or another origin)
      for (const tag of all) for (const value of tag.attributes.values()) expect(value, tag.source).not.toMatch(/^\s*javascript:|\/\/|https?:/i);
      expect(page).not.toMatch(/https?:\/\//);
    }
  });

  it('lets no native submission carry what the reporter types', async () => {
    const { page } = await getPage(pagePath());
    // Every form is autocomplete="off" with no action to post to
    for (const form of tags(page, 'form')) {
      expect(form.attributes.get('autocomplete'), form.source).toBe('off');
      expect(form.attributes.has('action'), form.source).toBe(false);
    }
    // No text control has a name (only radio buttons and checkboxes do), and each has a label
    const labelled = new Set(tags(page, 'label').map((label) => label.attributes.get('for')));
    for (const control of [...tags(page, 'textarea'), ...tags(page, 'input'), ...tags(page, 'select')]) {
      const type = control.attributes.get('type') ?? 'text';
      if (control.name !== 'input' || !['radio', 'checkbox'].includes(type)) expect(control.attributes.has('name'), control.source).toBe(false);
      const id = control.attributes.get('id');
      expect(id, control.source).toBeTruthy();
      expect(labelled.has(id), `no <label for="${id}">`).toBe(true);
    }
    for (const named of tags(page).filter((tag) => tag.attributes.has('name') && tag.name !== 'meta')) {
      expect(named.name, named.source).toBe('input');
      expect(['radio', 'checkbox'], named.source).toContain(named.attributes.get('type'));
    }
  });
});

describe('the filing form', () => {
  it('cannot be sent without its script: the review button is disabled and text fields have no name', async () => {
    // When a reporter opens the form
    const { page } = await getPage(`/o/${slug}/report`);

    // Then the only submit button, "Relire avant l'envoi", is disabled until the script enables it
    const buttons = elements(page, 'button');
    const review = buttons.filter((button) => textOf(button.inner) === "Relire avant l'envoi");
    expect(review).toHaveLength(1);
    expect(review[0]!.tag.attributes.get('type')).toBe('submit');
    expect(review[0]!.tag.attributes.has('disabled')).toBe(true);
    expect(buttons.filter((button) => (button.tag.attributes.get('type') ?? 'submit') === 'submit')).toHaveLength(1);

    // And the report form is autocomplete="off", its text fields all unnamed and labelled
    const form = byId(page, 'report-form');
    expect(form?.name).toBe('form');
    expect(form?.attributes.get('autocomplete')).toBe('off');
    const textareas = tags(page, 'textarea');
    expect(textareas.map((tag) => tag.attributes.get('id'))).toEqual(['whatHappened', 'whenAndWhere', 'whoIsInvolved', 'howYouKnow', 'othersAware']);
    const textInputs = tags(page, 'input').filter((tag) => (tag.attributes.get('type') ?? 'text') === 'text');
    expect(textInputs.map((tag) => tag.attributes.get('id'))).toEqual(['name', 'contact']);
    for (const field of [...textareas, ...textInputs]) {
      expect(field.attributes.has('name'), field.source).toBe(false);
      expect(tags(page, 'label').some((label) => label.attributes.get('for') === field.attributes.get('id'))).toBe(true);
    }
    // (The English form is the same with its own words)
    const english = (await getPage(`/o/${slug}/report?lang=en`)).page;
    const reviewEn = elements(english, 'button').filter((button) => textOf(button.inner) === REPORTER_PAGE_TEXTS.en.form.review);
    expect(reviewEn.map((button) => button.tag.attributes.has('disabled'))).toEqual([true]);
  });

  it('lists every recipient as a checkbox the reporter may tick to exclude them', async () => {
    const { page } = await getPage(`/o/${slug}/report`);
    const recipients = [...referents.map((r, i) => [r, `referent${i + 1}, référent alerte`] as const), [committee, 'Camille Comité, membre du comité'] as const];
    const checkboxes = tags(page, 'input').filter((tag) => tag.attributes.get('name') === 'excluded');
    expect(checkboxes.map((tag) => tag.attributes.get('type'))).toEqual(recipients.map(() => 'checkbox'));
    expect(new Set(checkboxes.map((tag) => tag.attributes.get('value')))).toEqual(new Set(recipients.map(([staff]) => staff.accountId)));
    const labels = elements(page, 'label');
    for (const [staff, label] of recipients) {
      const box = checkboxes.find((tag) => tag.attributes.get('value') === staff.accountId)!;
      const boxLabel = labels.find((l) => l.tag.attributes.get('for') === box.attributes.get('id'));
      expect(boxLabel && textOf(boxLabel.inner)).toBe(label);
    }
    // And the admin, who reads no alert, is not offered
    expect(checkboxes.map((tag) => tag.attributes.get('value'))).not.toContain(admin.accountId);
    expect(textOf(page)).not.toContain('Admin,');
  });
});

describe('the landing page', () => {
  it('names who will read an alert, with their role, and links to the form and the mailbox', async () => {
    const { page } = await getPage(`/o/${slug}`);
    const list = elements(page, 'ul').find((ul) => ul.tag.attributes.get('class') === 'recipients');
    expect(list).toBeDefined();
    expect(elements(list!.inner, 'li').map((li) => textOf(li.inner))).toEqual(['Camille Comité, membre du comité', 'referent1, référent alerte', 'referent2, référent alerte']);
    const hrefs = tags(page, 'a').map((a) => a.attributes.get('href'));
    expect(hrefs).toEqual(expect.arrayContaining([`/o/${slug}/report`, `/o/${slug}/mailbox`]));

    const english = (await getPage(`/o/${slug}?lang=en`)).page;
    const listEn = elements(english, 'ul').find((ul) => ul.tag.attributes.get('class') === 'recipients');
    expect(elements(listEn!.inner, 'li').map((li) => textOf(li.inner))).toEqual(['Camille Comité, committee member', 'referent1, whistleblowing referent', 'referent2, whistleblowing referent']);
    expect(tags(english, 'a').map((a) => a.attributes.get('href'))).toEqual(expect.arrayContaining([`/o/${slug}/report?lang=en`, `/o/${slug}/mailbox?lang=en`]));
  });
});

describe('what an admin or the operator typed', () => {
  it('is shown escaped, never as markup', async () => {
    // Given an admin who writes markup into "who can report", in both languages
    const hostile = 'Tout agent <script>alert(1)</script> "onmouseover="alert(2)" & \'x\'';
    await admin.client.http.expect(200, 'PATCH', '/api/v1/admin/intake', { texts: { whoCanReport: { fr: `FR ${hostile}`, en: `EN ${hostile}` } } });

    for (const [query, prefix] of [
      ['', 'FR'],
      ['?lang=en', 'EN'],
    ] as const) {
      // When a reporter opens the landing page
      const { response, page } = await getPage(`/o/${slug}${query}`);
      expect(response.status).toBe(200);

      // Then the text is there, escaped, and read back as the admin wrote it
      expect(page).toContain(`${prefix} Tout agent &lt;script&gt;alert(1)&lt;/script&gt; &quot;onmouseover=&quot;alert(2)&quot; &amp; &#39;x&#39;`);
      expect(page).not.toContain('<script>alert(1)');
      expect(page).not.toContain('"onmouseover="');
      expect(textOf(page)).toContain(`${prefix} ${hostile}`);
      // And it became no element and no attribute
      expect(tags(page, 'script').every((tag) => tag.attributes.has('src'))).toBe(true);
      expect(tags(page).some((tag) => tag.attributes.has('onmouseover'))).toBe(false);
    }
  });

  it('escapes a staff display name on the landing page and in the form', async () => {
    // Given a referent whose display name holds markup
    const { admin: otherAdmin, organisation } = await organisationWithReferents(t, 1);
    const hostileName = 'Jeanne <img src=x onerror=alert(3)> "Dupont"';
    const named = await inviteNamed(otherAdmin, ['referent'], `jeanne@${organisation.slug}.fr`, hostileName);

    for (const suffix of ['', '/report']) {
      const { page } = await getPage(`/o/${organisation.slug}${suffix}`);
      expect(page).toContain('Jeanne &lt;img src=x onerror=alert(3)&gt; &quot;Dupont&quot;');
      expect(page).not.toContain('<img');
      expect(tags(page).some((tag) => tag.attributes.has('onerror'))).toBe(false);
      expect(textOf(page)).toContain(`${hostileName}, référent alerte`);
    }
    const form = (await getPage(`/o/${organisation.slug}/report`)).page;
    expect(tags(form, 'input').some((tag) => tag.attributes.get('name') === 'excluded' && tag.attributes.get('value') === named.accountId)).toBe(true);
  });

  it('escapes an organisation name (the operator may write any name) on every page', async () => {
    // Given an organisation created by the operator with markup in its name (createOrganisation
    // only bounds its length)
    const hostileSlug = `balises-${Date.now().toString(36)}`;
    await createOrganisation(t.services, { slug: hostileSlug, name: 'Mairie <b>gras</b> & "Cie"', adminEmail: `admin@${hostileSlug}.fr`, adminName: 'Admin' });

    for (const suffix of ['', '/report', '/mailbox']) {
      for (const query of ['', '?lang=en']) {
        const { response, page } = await getPage(`/o/${hostileSlug}${suffix}${query}`);
        expect(response.status).toBe(200);
        expect(page).toContain('Mairie &lt;b&gt;gras&lt;/b&gt; &amp; &quot;Cie&quot;');
        expect(page).not.toMatch(/<b[\s>]/);
        expect(page).not.toContain('</b>');
        // In the title and in the header alike
        const title = elements(page, 'title')[0];
        expect(title && textOf(title.inner)).toContain('Mairie <b>gras</b> & "Cie"');
        const siteName = elements(page, 'p').find((p) => p.tag.attributes.get('class') === 'site-name');
        expect(siteName && textOf(siteName.inner)).toBe('Mairie <b>gras</b> & "Cie"');
      }
    }
    // And with no referent yet, the landing page says so instead of offering the form
    const landing = (await getPage(`/o/${hostileSlug}`)).page;
    expect(textOf(landing)).toContain(REPORTER_PAGE_TEXTS.fr.landing.noRecipients);
  });
});

describe('an unknown organisation', () => {
  it.each(['', '/report', '/mailbox'])('answers the not-found HTML page for /o/…%s, in French or English, never cached', async (suffix) => {
    for (const language of ['fr', 'en'] as const) {
      // When someone opens a page of a slug hosted nowhere
      const { response, page } = await getPage(`/o/nulle-part${suffix}${language === 'en' ? '?lang=en' : ''}`);

      // Then it is a 404 HTML page (not problem+json) saying so, in the asked language
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expectPrivateStrictHeaders(response);
      expect(tags(page, 'html').map((tag) => tag.attributes.get('lang'))).toEqual([language]);
      const text = REPORTER_PAGE_TEXTS[language].common;
      expect(textOf(page)).toContain(text.notFound);
      expect(elements(page, 'h1').map((h1) => textOf(h1.inner))).toEqual([text.notFoundTitle]);
      // And it loads no script, keeps its language switch on its own path
      expect(tags(page, 'script')).toEqual([]);
      const switchLink = tags(page, 'a').find((tag) => tag.attributes.get('class') === 'language-switch');
      expect(switchLink?.attributes.get('href')).toBe(language === 'fr' ? `/o/nulle-part${suffix}?lang=en` : `/o/nulle-part${suffix}`);
    }
  });

  it('does not echo a hostile path as markup', async () => {
    // Sent raw (fetch would percent-encode some of it): quotes and angle brackets in the path
    const answer = await rawGet(`/o/x'onmouseover='alert(1)'"onfocus="alert(2)"<b>x`);
    const page = answer.body.toString('utf8');
    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    // The language switch reuses the path, escaped
    const switchLink = tags(page, 'a').find((tag) => tag.attributes.get('class') === 'language-switch');
    expect(switchLink?.attributes.get('href')).toBe(`/o/x'onmouseover='alert(1)'"onfocus="alert(2)"<b>x?lang=en`);
    expect(page).toContain('&#39;onmouseover=&#39;alert(1)&#39;&quot;onfocus=&quot;alert(2)&quot;&lt;b&gt;x?lang=en');
    expect(page).not.toContain("'onmouseover='");
    expect(page).not.toContain('<b>');
    expect(tags(page).some((tag) => [...tag.attributes.keys()].some((name) => name.startsWith('on')))).toBe(false);
  });
});

describe('the language parameter', () => {
  it('keeps English when other parameters come along, and falls back to French for any other language', async () => {
    const english = await getPage(`/o/${slug}?lang=en&foo=bar`);
    expect(english.response.status).toBe(200);
    expect(tags(english.page, 'html')[0]?.attributes.get('lang')).toBe('en');
    expect(textOf(english.page)).toContain(REPORTER_PAGE_TEXTS.en.landing.fileAlert);

    for (const query of ['?lang=de', '?lang=EN', '?lang=', '?foo=bar', '?foo=bar&lang=fr', '?lang=english-uk', '?lang=en&lang=fr', `?lang=${'x'.repeat(300)}`]) {
      const { response, page } = await getPage(`/o/${slug}/report${query}`);
      expect(response.status, query).toBe(200);
      expect(tags(page, 'html')[0]?.attributes.get('lang'), query).toBe('fr');
      expect(textOf(page), query).toContain(REPORTER_PAGE_TEXTS.fr.form.title);
    }
  });
});

describe('paths the router sees first', () => {
  it('serves a page with a trailing slash as without it', async () => {
    const { response, page } = await getPage(`/o/${slug}/report/`);
    expect(response.status).toBe(200);
    expect(textOf(page)).toContain(REPORTER_PAGE_TEXTS.fr.form.title);
  });

  it('refuses an over-long or malformed path with a problem+json under the strict headers', async () => {
    for (const url of [`/o/${'a'.repeat(600)}`, `/assets/${'b'.repeat(600)}`, `/api/v1/orgs/${'c'.repeat(700)}/intake`, '/o/%E0%A4%A']) {
      const answer = await rawGet(url);
      expect(answer.status, url).toBe(400);
      expect(answer.headers['content-type'], url).toBe('application/problem+json; charset=utf-8');
      expect(answer.headers['cache-control'], url).toBe('no-store');
      expect(answer.headers['content-security-policy'], url).toContain("default-src 'none'");
      expect(answer.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
    }
  });
});

describe('the browser bundle', () => {
  it('honours q=0: an encoding the browser refuses is never sent', async () => {
    const [url] = await bundleUrls();
    expect((await rawGet(url!, { 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe('gzip');
    expect((await rawGet(url!, { 'accept-encoding': 'br;q=0, gzip;q=0' })).headers['content-encoding']).toBeUndefined();
    expect((await rawGet(url!, { 'accept-encoding': 'gzip;q=0.001' })).headers['content-encoding']).toBe('gzip');
  });

  /** The bundle files the form page names: stylesheet, module script, preloaded chunks, worker. */
  async function bundleUrls(): Promise<string[]> {
    const { page } = await getPage(`/o/${slug}/report`);
    const stylesheets = tags(page, 'link').filter((tag) => tag.attributes.get('rel') === 'stylesheet').map((tag) => tag.attributes.get('href')!);
    const scripts = tags(page, 'script').map((tag) => tag.attributes.get('src')!);
    const preloads = tags(page, 'link').filter((tag) => tag.attributes.get('rel') === 'modulepreload').map((tag) => tag.attributes.get('href')!);
    const worker = tags(page, 'body')[0]?.attributes.get('data-worker');
    expect(stylesheets).toHaveLength(1);
    expect(scripts).toHaveLength(1);
    expect(worker).toBeDefined();
    return [...stylesheets, ...scripts, ...preloads, worker!];
  }

  it('is named by content hash, as the manifest of the build says, on the pages and the home page', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(WEB_ASSETS_DIR, 'manifest.json'), 'utf8')) as { entries: Record<string, string>; files: string[] };
    const urls = await bundleUrls();
    expect(urls[0]).toBe(`/assets/${manifest.entries['styles']}`);
    expect(urls[1]).toBe(`/assets/${manifest.entries['report-page']}`);
    expect(urls.at(-1)).toBe(`/assets/${manifest.entries['proof-of-work-worker']}`);
    for (const url of urls) expect(url).toMatch(/^\/assets\/[a-z-]+-[A-Z0-9]{8}\.(?:js|css)$/);
    const mailbox = (await getPage(`/o/${slug}/mailbox`)).page;
    expect(tags(mailbox, 'script').map((tag) => tag.attributes.get('src'))).toEqual([`/assets/${manifest.entries['mailbox-page']}`]);
    const landing = (await getPage(`/o/${slug}`)).page;
    expect(tags(landing, 'script')).toEqual([]);
    expect(tags(landing, 'link').filter((tag) => tag.attributes.get('rel') === 'stylesheet').map((tag) => tag.attributes.get('href'))).toEqual([urls[0]]);
    // The home page links the same hashed stylesheet
    const home = (await getPage('/')).page;
    expect(tags(home, 'link').filter((tag) => tag.attributes.get('rel') === 'stylesheet').map((tag) => tag.attributes.get('href'))).toEqual([urls[0]]);
  });

  it('serves each file brotli, gzip or plain as the browser accepts, the same bytes, cached for good', async () => {
    const urls = await bundleUrls();
    for (const url of urls) {
      // When the file is asked with no accepted encoding, then brotli, then gzip only
      const plain = await rawGet(url);
      const brotli = await rawGet(url, { 'accept-encoding': 'br' });
      const browserLike = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br, zstd' });
      const gzip = await rawGet(url, { 'accept-encoding': 'gzip' });
      const gzipWeighted = await rawGet(url, { 'accept-encoding': 'deflate;q=0.5, GZIP;q=0.8' });

      for (const answer of [plain, brotli, browserLike, gzip, gzipWeighted]) {
        expect(answer.status, url).toBe(200);
        expect(answer.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
        expect(answer.headers['vary'], url).toMatch(/accept-encoding/i);
        expect(answer.headers['content-type'], url).toBe(url.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
        expect(answer.headers['set-cookie'], url).toBeUndefined();
        expect(answer.headers['content-security-policy'], url).toContain("default-src 'none'");
      }
      expect(plain.headers['content-encoding'], url).toBeUndefined();
      expect(brotli.headers['content-encoding'], url).toBe('br');
      expect(browserLike.headers['content-encoding'], url).toBe('br');
      expect(gzip.headers['content-encoding'], url).toBe('gzip');
      expect(gzipWeighted.headers['content-encoding'], url).toBe('gzip');

      // Then every copy holds the very bytes of the plain one (which is the built file)
      expect(plain.body.length, url).toBeGreaterThan(0);
      expect(plain.body.equals(fs.readFileSync(path.join(WEB_ASSETS_DIR, url.slice('/assets/'.length)))), url).toBe(true);
      expect(zlib.brotliDecompressSync(brotli.body).equals(plain.body), url).toBe(true);
      expect(zlib.brotliDecompressSync(browserLike.body).equals(plain.body), url).toBe(true);
      expect(zlib.gunzipSync(gzip.body).equals(plain.body), url).toBe(true);
      expect(zlib.gunzipSync(gzipWeighted.body).equals(plain.body), url).toBe(true);
      expect(brotli.body.equals(plain.body), url).toBe(false);
    }
    // And a page's own fetch (which accepts and decodes compression) gets the same text
    const stylesheet = await fetch(t.baseUrl + urls[0]!);
    expect(stylesheet.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(Buffer.from(await stylesheet.arrayBuffer()).equals((await rawGet(urls[0]!)).body)).toBe(true);
  });

  it('serves only bundle files by name: anything else is a problem+json 404', async () => {
    const [stylesheet] = await bundleUrls();
    const refused = [
      '/assets/nope.js',
      '/assets/manifest.json',
      '/assets/..%2Fpackage.json',
      '/assets/..%2F..%2Fpackage.json',
      '/assets/%2E%2E%2Fmanifest.json',
      '/assets/..%5Cmanifest.json',
      `${stylesheet}.br`,
      `${stylesheet}.gz`,
      '/assets/styles.css',
      '/assets/vigie.css',
    ];
    for (const url of refused) {
      const answer = await rawGet(url, { 'accept-encoding': 'br, gzip' });
      expect(answer.status, url).toBe(404);
      expect(answer.headers['content-type'], url).toBe('application/problem+json; charset=utf-8');
      expect(answer.headers['cache-control'], url).toBe('no-store');
      expect(answer.headers['content-encoding'], url).toBeUndefined();
      expect((JSON.parse(answer.body.toString('utf8')) as { status: number }).status, url).toBe(404);
      expect(answer.body.toString('utf8'), url).not.toContain('"name": "vigie"');
    }
  });
});

describe('the markup reader these tests use', () => {
  it('sees what a browser would, so the checks above can fail', () => {
    const sample = '<p class="x" onclick="go()" style=\'color:red\' hidden data-worker=https://evil.example/w.js><script>alert(1)</script><textarea name=t id="t"></textarea>';
    const [p, script, textarea] = tags(sample);
    expect([...p!.attributes.keys()]).toEqual(['class', 'onclick', 'style', 'hidden', 'data-worker']);
    expect(p!.attributes.get('data-worker')).toBe('https://evil.example/w.js');
    expect(script!.attributes.has('src')).toBe(false);
    expect(elements(sample, 'script').map((s) => s.inner)).toEqual(['alert(1)']);
    expect(textarea!.attributes.get('name')).toBe('t');
    expect(textOf('<li><strong>A &amp; B</strong>, r&#39;le</li>')).toBe("A & B, r'le");
  });
});
