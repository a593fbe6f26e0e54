// The Observatory's tests other than CSP, each following its file in mdn/mdn-http-observatory
// src/analyzer/tests/: cookies.js, cors.js, redirection.js, referrer-policy.js,
// strict-transport-security.js, subresource-integrity.js, x-content-type-options.js,
// x-frame-options.js, cross-origin-resource-policy.js. The HSTS preload list is not fetched: the
// site is taken as not preloaded, which only forgoes a bonus (hsts-preloaded, +5).
import { contentSecurityPolicyTest } from './csp.ts';
import type { Retrieval, SetCookie } from './retrieval.ts';
import type { Expectation, TestResult } from './score-table.ts';

/** utils.js onlyIfWorse: keeps the result later in `order` (worse). */
function onlyIfWorse(next: Expectation, current: Expectation | null, order: readonly Expectation[]): Expectation {
  return current === null || order.indexOf(next) > order.indexOf(current) ? next : current;
}

const isPreloaded = (_host: string) => false;

export function strictTransportSecurityTest(r: Retrieval): TestResult {
  const name = 'strict-transport-security';
  let result: Expectation = 'hsts-not-implemented';
  const header = r.https?.headers.get('strict-transport-security');
  let data: unknown = header ?? null;
  if (!r.https) result = 'hsts-not-implemented-no-https';
  else if (!r.https.verified) result = 'hsts-invalid-cert';
  else if (header) {
    const value = header.slice(0, 1024);
    let maxAge: number | null = null;
    for (const parameter of value.split(';').map((part) => part.trim().toLowerCase())) if (parameter.startsWith('max-age=')) maxAge = Number.parseInt(parameter.slice(8, 128), 10);
    // 15768000 is six months; the scanner accepts 15552000.
    if (value.includes(',') || maxAge === null) result = 'hsts-header-invalid';
    else result = maxAge < 15_552_000 ? 'hsts-implemented-max-age-less-than-six-months' : 'hsts-implemented-max-age-at-least-six-months';
    data = { header: value, maxAge };
  }
  if (r.https && isPreloaded(r.site)) result = 'hsts-preloaded';
  return { name, result, pass: result === 'hsts-implemented-max-age-at-least-six-months' || result === 'hsts-preloaded', data };
}

export function cookiesTest(r: Retrieval): TestResult {
  const goodness: Expectation[] = [
    'cookies-without-secure-flag-but-protected-by-hsts',
    'cookies-without-secure-flag',
    'cookies-session-without-secure-flag-but-protected-by-hsts',
    'cookies-samesite-flag-invalid',
    'cookies-anticsrf-without-samesite-flag',
    'cookies-session-without-httponly-flag',
    'cookies-session-without-secure-flag',
  ];
  const hsts = strictTransportSecurityTest(r).pass;
  let result: Expectation | null = null;
  for (const line of r.auto?.setCookies ?? []) {
    for (const part of line.split(';')) {
      const [key = '', value] = part.trim().split('=');
      if (key.trim().toLowerCase() === 'samesite' && (!value || !['lax', 'strict', 'none'].includes(value.trim().toLowerCase()))) result = onlyIfWorse('cookies-samesite-flag-invalid', result, goodness);
    }
  }
  if (r.cookies.length === 0) return { name: 'cookies', result: 'cookies-not-found', pass: true, data: null };
  let missingSameSite = false;
  for (const cookie of r.cookies) {
    const sessionId = ['login', 'sess'].some((word) => cookie.key.toLowerCase().includes(word));
    const antiCsrf = cookie.key.toLowerCase().includes('csrf');
    if (!cookie.secure && cookie.sameSite === 'none') result = onlyIfWorse('cookies-samesite-flag-invalid', result, goodness);
    if (!cookie.secure) result = onlyIfWorse(hsts ? 'cookies-without-secure-flag-but-protected-by-hsts' : 'cookies-without-secure-flag', result, goodness);
    if (antiCsrf && !cookie.sameSite) result = onlyIfWorse('cookies-anticsrf-without-samesite-flag', result, goodness);
    if (sessionId && !cookie.secure) result = onlyIfWorse(hsts ? 'cookies-session-without-secure-flag-but-protected-by-hsts' : 'cookies-session-without-secure-flag', result, goodness);
    if (sessionId && !cookie.httpOnly) result = onlyIfWorse('cookies-session-without-httponly-flag', result, goodness);
    if (!cookie.sameSite) missingSameSite = true;
  }
  result ??= missingSameSite ? 'cookies-secure-with-httponly-sessions' : 'cookies-secure-with-httponly-sessions-and-samesite';
  const pass = result === 'cookies-secure-with-httponly-sessions' || result === 'cookies-secure-with-httponly-sessions-and-samesite';
  return { name: 'cookies', result, pass, data: r.cookies satisfies SetCookie[] };
}

export function crossOriginResourceSharingTest(r: Retrieval): TestResult {
  let result: Expectation = 'cross-origin-resource-sharing-not-implemented';
  const allowOrigin = r.cors?.headers.get('access-control-allow-origin');
  if (r.cors && allowOrigin) {
    const value = allowOrigin.slice(0, 256).trim().toLowerCase();
    const credentials = r.cors.headers.get('access-control-allow-credentials')?.trim().toLowerCase() === 'true';
    if (value === '*') result = 'cross-origin-resource-sharing-implemented-with-public-access';
    else if (r.cors.origin === allowOrigin && credentials) result = 'cross-origin-resource-sharing-implemented-with-universal-access';
    else result = 'cross-origin-resource-sharing-implemented-with-restricted-access';
  }
  return { name: 'cross-origin-resource-sharing', result, pass: result !== 'cross-origin-resource-sharing-implemented-with-universal-access', data: allowOrigin ?? null };
}

export function redirectionTest(r: Retrieval): TestResult {
  const route = r.httpRoute;
  let result: Expectation;
  if (!r.http) result = 'redirection-not-needed-no-http';
  else if (!r.http.verified) result = 'redirection-invalid-cert';
  else if (route.every((hop) => isPreloaded(hop.url.hostname))) result = 'redirection-all-redirects-preloaded';
  else if (route.length === 1) result = 'redirection-missing';
  else if (route.at(-1)!.url.protocol !== 'https:') result = 'redirection-not-to-https';
  else if (route[1]?.url.protocol === 'http:') result = 'redirection-not-to-https-on-initial-redirection';
  else if (route[0]!.url.protocol === 'http:' && route[1]!.url.protocol === 'https:' && route[0]!.url.hostname !== route[1]!.url.hostname) result = 'redirection-off-host-from-http';
  else result = 'redirection-to-https';
  const pass = ['redirection-not-needed-no-http', 'redirection-all-redirects-preloaded', 'redirection-to-https'].includes(result);
  return { name: 'redirection', result, pass, data: route.map((hop) => `${hop.status} ${hop.url.href}`) };
}

export function referrerPolicyTest(r: Retrieval): TestResult {
  const name = 'referrer-policy';
  const goodness = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];
  const badness = ['origin', 'origin-when-cross-origin', 'unsafe-url', 'no-referrer-when-downgrade'];
  const values = [...(r.auto?.headers.getAll('referrer-policy') ?? []), ...(r.auto?.httpEquiv.get('referrer-policy') ?? [])];
  if (values.length === 0) return { name, result: 'referrer-policy-not-implemented', pass: true, data: null };
  const data = values.join(', ');
  // The last valid value wins.
  const policy = data.split(',').map((value) => value.trim().toLowerCase()).filter((value) => goodness.includes(value) || badness.includes(value)).at(-1) ?? '';
  const result: Expectation = goodness.includes(policy) ? 'referrer-policy-private' : badness.includes(policy) ? 'referrer-policy-unsafe' : 'referrer-policy-header-invalid';
  return { name, result, pass: result === 'referrer-policy-private', data };
}

/** Last two labels of a host name (tldts' registrable domain, for the hosts a test uses). */
const siteOf = (host: string) => host.split('.').slice(-2).join('.');

export function subresourceIntegrityTest(r: Retrieval): TestResult {
  const name = 'subresource-integrity';
  const goodness: Expectation[] = [
    'sri-implemented-and-all-scripts-loaded-securely',
    'sri-implemented-and-external-scripts-loaded-securely',
    'sri-implemented-but-external-scripts-not-loaded-securely',
    'sri-not-implemented-but-external-scripts-loaded-securely',
    'sri-not-implemented-and-external-scripts-not-loaded-securely',
    'sri-not-implemented-response-not-html',
  ];
  if (!r.auto) return { name, result: 'sri-not-implemented-but-no-scripts-loaded', pass: true };
  const mime = (r.auto.headers.get('content-type') ?? '').split(';')[0]!;
  let result: Expectation | null = null;
  const scripts: Record<string, string | null>[] = [];
  if (mime && !['text/html', 'application/xhtml+xml'].includes(mime)) result = 'sri-not-implemented-response-not-html';
  else {
    const tags = [...r.auto.body.matchAll(/<script\b([^>]*)>/gi)].map((match) => match[1] ?? '');
    let foreign = false;
    for (const tag of tags) {
      const attribute = (key: string) => new RegExp(`\\b${key}\\s*=\\s*"([^"]*)"`, 'i').exec(tag)?.[1] ?? null;
      const src = attribute('src');
      if (!src) continue;
      const integrity = attribute('integrity');
      scripts.push({ src, integrity, crossorigin: attribute('crossorigin') });
      const relativeProtocol = /^\/\/[^/]/.test(src);
      const fullUrl = /^https?:\/\//.test(src);
      const relativeOrigin = !relativeProtocol && !fullUrl;
      const sameSite = relativeProtocol || relativeOrigin || siteOf(new URL(src).hostname) === siteOf(r.site);
      const secureOrigin = relativeOrigin || (sameSite && !relativeProtocol);
      if (!secureOrigin) foreign = true;
      const secureScheme = (fullUrl && new URL(src).protocol === 'https:') || (relativeOrigin && r.url.protocol === 'https:');
      if (!secureOrigin) {
        if (integrity && !secureScheme) result = onlyIfWorse('sri-implemented-but-external-scripts-not-loaded-securely', result, goodness);
        else if (!integrity && secureScheme) result = onlyIfWorse('sri-not-implemented-but-external-scripts-loaded-securely', result, goodness);
        else if (!integrity) result = onlyIfWorse('sri-not-implemented-and-external-scripts-not-loaded-securely', result, goodness);
      } else if (integrity && secureScheme && !result) result = 'sri-implemented-and-all-scripts-loaded-securely';
    }
    if (tags.length === 0) result = 'sri-not-implemented-but-no-scripts-loaded';
    else result ??= foreign ? 'sri-implemented-and-external-scripts-loaded-securely' : 'sri-not-implemented-but-all-scripts-loaded-from-secure-origin';
  }
  const passing: Expectation[] = [
    'sri-implemented-and-all-scripts-loaded-securely',
    'sri-implemented-and-external-scripts-loaded-securely',
    'sri-not-implemented-response-not-html',
    'sri-not-implemented-but-all-scripts-loaded-from-secure-origin',
    'sri-not-implemented-but-no-scripts-loaded',
  ];
  return { name, result, pass: passing.includes(result), data: scripts };
}

export function xContentTypeOptionsTest(r: Retrieval): TestResult {
  const header = r.auto?.headers.get('x-content-type-options') ?? null;
  const result: Expectation = header === null ? 'x-content-type-options-not-implemented' : header.slice(0, 256).trim().toLowerCase() === 'nosniff' ? 'x-content-type-options-nosniff' : 'x-content-type-options-header-invalid';
  return { name: 'x-content-type-options', result, pass: result === 'x-content-type-options-nosniff', data: header };
}

export function xFrameOptionsTest(r: Retrieval): TestResult {
  const header = r.auto?.headers.get('x-frame-options') ?? null;
  const value = header?.slice(0, 1024).trim().toLowerCase();
  let result: Expectation = !value ? 'x-frame-options-not-implemented' : ['deny', 'sameorigin'].includes(value) ? 'x-frame-options-sameorigin-or-deny' : value.startsWith('allow-from') ? 'x-frame-options-allow-from-origin' : 'x-frame-options-header-invalid';
  // frame-ancestors in the CSP makes the header unnecessary.
  if (r.auto && contentSecurityPolicyTest(r).csp?.has('frame-ancestors')) result = 'x-frame-options-implemented-via-csp';
  const pass = ['x-frame-options-implemented-via-csp', 'x-frame-options-sameorigin-or-deny', 'x-frame-options-allow-from-origin'].includes(result);
  return { name: 'x-frame-options', result, pass, data: header };
}

export function crossOriginResourcePolicyTest(r: Retrieval): TestResult {
  const name = 'cross-origin-resource-policy';
  const header = r.auto?.headers.get('cross-origin-resource-policy') ?? r.auto?.httpEquiv.get('cross-origin-resource-policy')?.at(-1) ?? null;
  const value = header?.slice(0, 256).trim().toLowerCase();
  const byValue: Record<string, Expectation> = { 'same-site': 'corp-implemented-with-same-site', 'same-origin': 'corp-implemented-with-same-origin', 'cross-origin': 'corp-implemented-with-cross-origin' };
  const result: Expectation = !value ? 'corp-not-implemented' : (byValue[value] ?? 'corp-header-invalid');
  return { name, result, pass: result !== 'corp-header-invalid', data: header };
}
