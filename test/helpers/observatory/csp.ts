// The Observatory's content-security-policy test and its CSP parser, following
// mdn/mdn-http-observatory src/analyzer/tests/csp.js and src/analyzer/cspParser.js.
import type { TestResult } from './score-table.ts';
import type { Retrieval } from './retrieval.ts';

const DUPLICATE_WARNINGS_KEY = '_observatory_duplicate_warnings';
const ALLOWED_DUPLICATE_KEYS = new Set(['report-uri', 'report-to']);
const DIRECTIVES_DISALLOWED_IN_META = ['frame-ancestors', 'report-uri', 'sandbox'];
const DANGEROUSLY_BROAD = new Set(['ftp:', 'http:', 'https:', '*', 'http://*', 'http://*.*', 'https://*', 'https://*.*']);
const UNSAFE_INLINE = new Set(["'unsafe-inline'", 'data:']);
const BROAD_OR_INLINE = new Set([...DANGEROUSLY_BROAD, ...UNSAFE_INLINE]);
const PASSIVE_DIRECTIVES = new Set(['img-src', 'media-src']);
const compareSources = new Intl.Collator('en').compare;
const NONCES_HASHES = ["'sha256-", "'sha384-", "'sha512-", "'nonce-"];

export type Csp = Map<string, Set<string>>;

/**
 * cspParser.js parseCsp, for the single-policy case Vigie sends (several policies are
 * intersected there; here a second policy is refused, so this test fails loudly rather than
 * grading a case it does not reproduce). A repeated report-uri/report-to keeps the first.
 */
export function parseCsp(policies: readonly string[]): Csp {
  const clean = policies.map((policy) => policy.replace(/[\r\n]/g, '').trim());
  if (clean.length === 0) return new Map();
  if (clean.length > 1) throw new Error('several CSP policies: the intersection is not reproduced here');
  const policy = clean[0]!;
  if (policy.length < 'img-src'.length - 1) throw new Error(`Invalid policy: ${policy}`);
  const csp: Csp = new Map();
  const duplicates = new Set<string>();
  for (const [directiveEntry, ...values] of policy.split(';').map((entry) => entry.trim().split(/\s+/))) {
    if (!directiveEntry) continue;
    const directive = directiveEntry.toLowerCase();
    if (csp.has(directive)) {
      if (!ALLOWED_DUPLICATE_KEYS.has(directive)) throw new Error(`Duplicate directive ${directive}`);
      duplicates.add(directive);
      continue;
    }
    const sources = values.map((value) => value.trim().toLocaleLowerCase());
    // A source list with no value is 'none'.
    if (sources.length === 0 && directive.endsWith('-src')) sources.push("'none'");
    // Sorted, a source that extends the one before it is superfluous (https://a.fr/x after https://a.fr/).
    sources.sort(compareSources);
    const kept = sources.filter((source, i) => i === 0 || !source.startsWith(sources[i - 1]!));
    csp.set(directive, new Set(kept.length ? kept : ["'none'"]));
  }
  if (duplicates.size) csp.set(DUPLICATE_WARNINGS_KEY, duplicates);
  return csp;
}

const splitPolicies = (values: readonly string[]) => values.flatMap((value) => value.split(',').map((part) => part.trim()));

/** csp.js contentSecurityPolicyTest (expectation: csp-implemented-with-no-unsafe). */
export function contentSecurityPolicyTest(retrieval: Retrieval): TestResult & { csp: Csp | null } {
  const name = 'content-security-policy';
  const response = retrieval.auto;
  const fail = (result: TestResult['result']) => ({ name, result, pass: false, csp: null });
  if (!response) return fail('csp-not-implemented');
  const httpPolicies = splitPolicies(response.headers.getAll('content-security-policy'));
  const metaPolicies = splitPolicies(response.httpEquiv.get('content-security-policy') ?? []);
  let csp: Csp;
  let headerOnly: Csp;
  let meta: Csp;
  try {
    csp = parseCsp([...httpPolicies, ...metaPolicies]);
  } catch {
    return fail('csp-header-invalid');
  }
  try {
    headerOnly = parseCsp(httpPolicies);
  } catch {
    headerOnly = new Map();
  }
  try {
    meta = parseCsp(metaPolicies);
    for (const directive of DIRECTIVES_DISALLOWED_IN_META) meta.delete(directive);
  } catch {
    meta = new Map();
  }
  if (headerOnly.size + meta.size === 0) return fail(response.headers.get('content-security-policy-report-only') ? 'csp-not-implemented-but-reporting-enabled' : 'csp-not-implemented');

  const any = new Set(['*']);
  const objectSrc = new Set(csp.get('object-src') ?? csp.get('default-src') ?? any);
  const scriptSrc = new Set(csp.get('script-src') ?? csp.get('default-src') ?? any);
  const styleSrc = new Set(csp.get('style-src') ?? csp.get('default-src') ?? any);
  const hasNonceOrHash = (sources: Set<string>) => [...sources].some((source) => NONCES_HASHES.some((prefix) => source.startsWith(prefix)));
  for (const sources of [scriptSrc, styleSrc]) if (hasNonceOrHash(sources)) sources.delete("'unsafe-inline'");
  let result: TestResult['result'] | null = null;
  if (hasNonceOrHash(scriptSrc) && scriptSrc.has("'strict-dynamic'")) {
    for (const source of [...scriptSrc]) if ([...DANGEROUSLY_BROAD].some((broad) => source.startsWith(broad)) || source === "'self'" || source === "'unsafe-inline'") scriptSrc.delete(source);
  } else if (scriptSrc.has("'strict-dynamic'")) result = 'csp-header-invalid';

  const active = [...csp.entries()].filter(([directive]) => !PASSIVE_DIRECTIVES.has(directive) && directive !== 'script-src').flatMap(([, sources]) => [...sources]);
  active.push(...scriptSrc);
  const passive = [...PASSIVE_DIRECTIVES].flatMap((directive) => [...(csp.get(directive) ?? csp.get('default-src') ?? new Set<string>())]);
  const https = retrieval.url.protocol === 'https:';
  const insecure = (source: string) => source.startsWith('http:') || source.startsWith('ftp:');

  if ([...scriptSrc].some((source) => BROAD_OR_INLINE.has(source)) || [...objectSrc].some((source) => DANGEROUSLY_BROAD.has(source))) result ??= 'csp-implemented-with-unsafe-inline';
  if (https && active.some(insecure)) result ??= 'csp-implemented-with-insecure-scheme';
  if (scriptSrc.has("'unsafe-eval'") || styleSrc.has("'unsafe-eval'")) result ??= 'csp-implemented-with-unsafe-eval';
  if (https && passive.some(insecure)) result ??= 'csp-implemented-with-insecure-scheme-in-passive-content-only';
  if ([...styleSrc].some((source) => BROAD_OR_INLINE.has(source))) result ??= 'csp-implemented-with-unsafe-inline-in-style-src-only';
  const defaultSrc = csp.get('default-src');
  result ??= defaultSrc?.has("'none'") && defaultSrc.size === 1 ? 'csp-implemented-with-no-unsafe-default-src-none' : 'csp-implemented-with-no-unsafe';

  const passing: TestResult['result'][] = [
    'csp-implemented-with-no-unsafe',
    'csp-implemented-with-no-unsafe-default-src-none',
    'csp-implemented-with-unsafe-inline-in-style-src-only',
    'csp-implemented-with-insecure-scheme-in-passive-content-only',
  ];
  const pass = passing.includes(result);
  if (pass && csp.has(DUPLICATE_WARNINGS_KEY)) result = 'csp-implemented-but-duplicate-directives';
  csp.delete(DUPLICATE_WARNINGS_KEY);
  return { name, result, pass, csp, data: Object.fromEntries([...csp].map(([directive, sources]) => [directive, [...sources].sort()])) };
}
