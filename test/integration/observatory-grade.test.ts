// The MDN HTTP Observatory's grade for Vigie, its ten tests and score modifiers reproduced in
// test/helpers/observatory/ from mdn/mdn-http-observatory (the npm package cannot be installed
// here: a dependency downloads a CA bundle at install time). The scan runs over HTTP against the
// real app, with PUBLIC_URL https as in production, on the home page, a reporter page, the staff
// page and an API answer; the session cookies a browser receives are graded too. The headers
// themselves are asserted one by one in http-headers.test.ts; this file asserts the grade.
//
// Redirection (HTTP → HTTPS) is the TLS front proxy's job, not Vigie's (README, Deployment): the
// scan is run through a model of that front, with each thing its port 80 may do. Redirecting to
// https on the same host costs nothing (A+); port 80 closed costs nothing either; Vigie answering
// on port 80 itself costs 20 points ("redirection-missing"), and since bonuses count only from an
// uncurved 90, the grade then falls from A+ (130) to B+ (80).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earnProofOfWork } from '../../src/client/proof-of-work-client.ts';
import { ReporterClient } from '../../src/client/reporter-client.ts';
import { toBase64Url } from '../../src/crypto/encoding.ts';
import { deriveMailboxCredentials } from '../../src/crypto/mailbox-token.ts';
import { totpCodeAt } from '../../src/crypto/totp.ts';
import { organisationWithReferents, type ActiveStaff } from '../helpers/factories.ts';
import { contentSecurityPolicyTest } from '../helpers/observatory/csp.ts';
import {
  cookiesTest,
  crossOriginResourcePolicyTest,
  crossOriginResourceSharingTest,
  referrerPolicyTest,
  strictTransportSecurityTest,
  xFrameOptionsTest,
} from '../helpers/observatory/header-tests.ts';
import { retrieve, parseSetCookie, OBSERVATORY_CORS_ORIGIN, type Front, type Port80, type Retrieval } from '../helpers/observatory/retrieval.ts';
import { gradeRetrieval, scan } from '../helpers/observatory/scan.ts';
import { describeGrade, gradeForScore, type Expectation, type TestResult } from '../helpers/observatory/score-table.ts';
import { syntheticRetrieval, type SyntheticAnswer } from '../helpers/observatory/synthetic-retrieval.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const PUBLIC_HOST = 'alertes.example.fr';
let t: TestApp;
let slug: string;
let referent: ActiveStaff;

beforeAll(async () => {
  t = await startTestApp({ PUBLIC_URL: `https://${PUBLIC_HOST}` });
  const made = await organisationWithReferents(t, 1);
  slug = made.organisation.slug;
  referent = made.referents[0]!;
});
afterAll(() => t.close());

const front = (port80: Port80): Front => ({ appBaseUrl: t.baseUrl, publicHost: PUBLIC_HOST, port80 });

const pages = [
  ['the home page', () => '/'],
  ['a reporter page', () => `/o/${slug}/report`],
  ['the staff page', () => '/staff'],
  ['an API answer', () => `/api/v1/orgs/${slug}/intake`],
] as const;

describe.each(pages)('%s, behind a proxy that redirects port 80 to https', (_label, path) => {
  it('grades A+, every test passing', async () => {
    const graded = await scan(front('redirects-to-https'), path());
    const report = describeGrade(graded);
    expect(graded.grade, report).toBe('A+');
    expect(graded.tests.filter((test) => !test.pass).map((test) => test.name), report).toEqual([]);
    // The bonuses Vigie earns: CSP with default-src 'none' (+10), frame-ancestors (+5),
    // Referrer-Policy no-referrer (+5), CORP same-origin (+10); no penalty at all.
    const results = Object.fromEntries(graded.tests.map((test) => [test.name, test.result]));
    expect(results, report).toMatchObject({
      'content-security-policy': 'csp-implemented-with-no-unsafe-default-src-none',
      'x-frame-options': 'x-frame-options-implemented-via-csp',
      'referrer-policy': 'referrer-policy-private',
      'cross-origin-resource-policy': 'corp-implemented-with-same-origin',
      'strict-transport-security': 'hsts-implemented-max-age-at-least-six-months',
      'x-content-type-options': 'x-content-type-options-nosniff',
      'cross-origin-resource-sharing': 'cross-origin-resource-sharing-not-implemented',
      redirection: 'redirection-to-https',
      cookies: 'cookies-not-found',
    });
    expect(graded.uncurvedScore, report).toBe(100);
    expect(graded.score, report).toBe(130);
  });
});

describe('what the front does with port 80', () => {
  it('closed: nothing to redirect, still A+', async () => {
    const graded = await scan(front('closed'), '/');
    expect(graded.tests.find((test) => test.name === 'redirection')?.result).toBe('redirection-not-needed-no-http');
    expect(graded.grade, describeGrade(graded)).toBe('A+');
  });

  it('Vigie itself answering plain HTTP: redirection missing (-20), bonuses lost, B+', async () => {
    const graded = await scan(front('serves-vigie'), '/');
    const report = describeGrade(graded);
    expect(graded.tests.filter((test) => !test.pass).map((test) => test.result), report).toEqual(['redirection-missing']);
    expect({ grade: graded.grade, score: graded.score, uncurved: graded.uncurvedScore }, report).toEqual({ grade: 'B+', score: 80, uncurved: 80 });
  });
});

describe('session cookies, as a scan that met them would grade them', () => {
  async function staffLoginCookies(): Promise<string[]> {
    const { organisation, email, passphrase, totpSecret } = referent.credentials;
    const derived = await referent.client.deriveAuthValue(organisation, email, passphrase);
    t.clock.advance(30_000);
    const response = await fetch(`${t.baseUrl}/api/v1/staff/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organisation, email, authValue: toBase64Url(derived.authValue), totpCode: await totpCodeAt(totpSecret, t.clock.now()) }),
    });
    expect(response.status).toBe(200);
    return response.headers.getSetCookie();
  }

  async function mailboxLoginCookies(): Promise<string[]> {
    const reporter = new ReporterClient(t.baseUrl);
    const filed = await reporter.file(slug, {
      format: 'vigie.report', version: 1, language: 'fr', category: 'atteinte-probite',
      whatHappened: 'Faits', whenAndWhere: 'Ici', whoIsInvolved: 'Personne', howYouKnow: 'Vu', othersAware: 'Non', identity: null,
    });
    const credentials = await deriveMailboxCredentials(filed.token);
    const response = await fetch(`${t.baseUrl}/api/v1/mailbox/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lookupId: toBase64Url(credentials.lookupId), authenticator: toBase64Url(credentials.authenticator), proofOfWork: await earnProofOfWork(reporter.http, 'mailbox-login') }),
    });
    expect(response.status).toBe(204);
    return response.headers.getSetCookie();
  }

  it.each([
    ['the staff session', staffLoginCookies],
    ['the mailbox session', mailboxLoginCookies],
  ])('%s: Secure, HttpOnly and SameSite (+5), still A+', async (_label, login) => {
    const lines = await login();
    expect(lines).toHaveLength(1);
    const base = await retrieve(front('redirects-to-https'), '/');
    const graded = gradeRetrieval({ ...base, auto: { ...base.auto!, setCookies: lines }, cookies: lines.map((line) => parseSetCookie(line)!) });
    const report = describeGrade(graded);
    expect(graded.tests.find((test) => test.name === 'cookies')?.result, report).toBe('cookies-secure-with-httponly-sessions-and-samesite');
    expect({ grade: graded.grade, score: graded.score }, report).toEqual({ grade: 'A+', score: 135 });
  });
});

// The reproduction can fail: a sample of the scanner's own cases (mdn/mdn-http-observatory
// test/csp.test.js, test/grader.test.js, and the header tests' files of the same names) must give
// the scanner's results.
describe("the reproduced rules give the scanner's results on its own test cases", () => {
  const HSTS = { 'strict-transport-security': 'max-age=31536000' };
  const cases: [string, (r: Retrieval) => TestResult, SyntheticAnswer, Expectation][] = [
    ['csp: repeated directive', contentSecurityPolicyTest, { headers: { 'content-security-policy': "default-src 'none'; default-src 'none'" } }, 'csp-header-invalid'],
    ['csp: too short', contentSecurityPolicyTest, { headers: { 'content-security-policy': 'defa' } }, 'csp-header-invalid'],
    ['csp: strict-dynamic without nonce', contentSecurityPolicyTest, { headers: { 'content-security-policy': "default-src 'none'; script-src 'strict-dynamic'" } }, 'csp-header-invalid'],
    ['csp: data: scripts', contentSecurityPolicyTest, { headers: { 'content-security-policy': 'script-src data:' } }, 'csp-implemented-with-unsafe-inline'],
    ['csp: no script-src at all', contentSecurityPolicyTest, { headers: { 'content-security-policy': 'upgrade-insecure-requests' } }, 'csp-implemented-with-unsafe-inline'],
    ['csp: any object', contentSecurityPolicyTest, { headers: { 'content-security-policy': "default-src 'none'; script-src 'none'; object-src *" } }, 'csp-implemented-with-unsafe-inline'],
    ['csp: ftp script', contentSecurityPolicyTest, { headers: { 'content-security-policy': "default-src 'none'; script-src ftp://mozilla.org" } }, 'csp-implemented-with-insecure-scheme'],
    ['csp: http images', contentSecurityPolicyTest, { headers: { 'content-security-policy': "default-src 'self'; img-src http:" } }, 'csp-implemented-with-insecure-scheme-in-passive-content-only'],
    ['csp: unsafe-eval', contentSecurityPolicyTest, { headers: { 'content-security-policy': "default-src 'none'; script-src 'unsafe-eval'" } }, 'csp-implemented-with-unsafe-eval'],
    ['csp: data: styles', contentSecurityPolicyTest, { headers: { 'content-security-policy': "default-src 'none'; style-src data:" } }, 'csp-implemented-with-unsafe-inline-in-style-src-only'],
    ['csp: nonce cancels unsafe-inline', contentSecurityPolicyTest, { headers: { 'content-security-policy': "object-src 'none'; script-src 'unsafe-inline' 'nonce-abc123' 'unsafe-inline'; style-src 'none'" } }, 'csp-implemented-with-no-unsafe'],
    ['csp: empty default-src', contentSecurityPolicyTest, { headers: { 'content-security-policy': 'default-src' } }, 'csp-implemented-with-no-unsafe-default-src-none'],
    ['csp: strict-dynamic with a hash', contentSecurityPolicyTest, { headers: { 'content-security-policy': "default-src 'none'; script-src 'strict-dynamic' 'sha256-abc123' https://*" } }, 'csp-implemented-with-no-unsafe-default-src-none'],
    ['hsts: under six months', strictTransportSecurityTest, { headers: { 'strict-transport-security': 'max-age=15551999' } }, 'hsts-implemented-max-age-less-than-six-months'],
    ['hsts: set twice', strictTransportSecurityTest, { headers: { 'strict-transport-security': 'max-age=15552000, max-age=1' } }, 'hsts-header-invalid'],
    ['hsts: no max-age', strictTransportSecurityTest, { headers: { 'strict-transport-security': 'includeSubDomains' } }, 'hsts-header-invalid'],
    ['referrer: origin', referrerPolicyTest, { headers: { 'referrer-policy': 'origin' } }, 'referrer-policy-unsafe'],
    ['referrer: the last valid value wins', referrerPolicyTest, { headers: { 'referrer-policy': 'no-referrer, unsafe-url' } }, 'referrer-policy-unsafe'],
    ['referrer: unknown', referrerPolicyTest, { headers: { 'referrer-policy': 'whatever' } }, 'referrer-policy-header-invalid'],
    ['cookies: session without Secure, under HSTS', cookiesTest, { headers: HSTS, setCookies: ['SESSIONID=1; Path=/; HttpOnly'] }, 'cookies-session-without-secure-flag-but-protected-by-hsts'],
    ['cookies: session without HttpOnly', cookiesTest, { headers: HSTS, setCookies: ['SESSIONID=1; Path=/; Secure'] }, 'cookies-session-without-httponly-flag'],
    ['cookies: bad SameSite', cookiesTest, { headers: HSTS, setCookies: ['foo=1; Secure; HttpOnly; SameSite=Bogus'] }, 'cookies-samesite-flag-invalid'],
    ['cookies: no SameSite', cookiesTest, { headers: HSTS, setCookies: ['SESSIONID=1; Secure; HttpOnly'] }, 'cookies-secure-with-httponly-sessions'],
    ['cors: the origin reflected with credentials', crossOriginResourceSharingTest, { cors: { 'access-control-allow-origin': OBSERVATORY_CORS_ORIGIN, 'access-control-allow-credentials': 'true' } }, 'cross-origin-resource-sharing-implemented-with-universal-access'],
    ['cors: public', crossOriginResourceSharingTest, { cors: { 'access-control-allow-origin': '*' } }, 'cross-origin-resource-sharing-implemented-with-public-access'],
    ['x-frame-options: allow-from', xFrameOptionsTest, { headers: { 'x-frame-options': 'ALLOW-FROM https://mozilla.org' } }, 'x-frame-options-allow-from-origin'],
    ['x-frame-options: none', xFrameOptionsTest, {}, 'x-frame-options-not-implemented'],
    ['corp: unknown value', crossOriginResourcePolicyTest, { headers: { 'cross-origin-resource-policy': 'whatever' } }, 'corp-header-invalid'],
  ];
  it.each(cases)('%s', (_label, test, answer, expected) => {
    expect(test(syntheticRetrieval(answer)).result).toBe(expected);
  });

  it('grades scores as grader.js does (test/grader.test.js), and drops bonuses under an uncurved 90', () => {
    expect([100, 0, 120, -10, 89, 85].map(gradeForScore)).toEqual([
      { grade: 'A+', score: 100 },
      { grade: 'F', score: 0 },
      { grade: 'A+', score: 120 },
      { grade: 'F', score: 0 },
      { grade: 'A-', score: 89 },
      { grade: 'A-', score: 85 },
    ]);
    // No CSP (-25) with every bonus but the CSP's: 75 uncurved, so 75 (B), not 100.
    const graded = gradeRetrieval(syntheticRetrieval({ headers: { 'referrer-policy': 'no-referrer', 'cross-origin-resource-policy': 'same-origin', 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'strict-transport-security': 'max-age=63072000' } }));
    expect({ grade: graded.grade, score: graded.score }, describeGrade(graded)).toEqual({ grade: 'B', score: 75 });
  });
});
