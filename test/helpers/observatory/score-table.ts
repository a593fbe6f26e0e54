// The MDN HTTP Observatory's results, their score modifiers and its grading scale, as in
// mdn/mdn-http-observatory src/grader/charts.js (SCORE_TABLE, GRADE_CHART,
// MINIMUM_SCORE_FOR_EXTRA_CREDIT), src/grader/grader.js (getGradeAndLikelihoodForScore) and
// src/scanner/index.js (scan: baseline 100, bonuses only when the score without them is >= 90).
export const SCORE_TABLE = {
  // content-security-policy
  'csp-implemented-with-no-unsafe-default-src-none': 10,
  'csp-implemented-with-no-unsafe': 5,
  'csp-implemented-with-unsafe-inline-in-style-src-only': 0,
  'csp-implemented-but-duplicate-directives': 0,
  'csp-implemented-with-insecure-scheme-in-passive-content-only': -10,
  'csp-implemented-with-unsafe-eval': -10,
  'csp-implemented-with-unsafe-inline': -20,
  'csp-implemented-with-insecure-scheme': -20,
  'csp-header-invalid': -25,
  'csp-not-implemented': -25,
  'csp-not-implemented-but-reporting-enabled': -25,
  // cookies
  'cookies-secure-with-httponly-sessions-and-samesite': 5,
  'cookies-secure-with-httponly-sessions': 0,
  'cookies-not-found': 0,
  'cookies-without-secure-flag-but-protected-by-hsts': -5,
  'cookies-session-without-secure-flag-but-protected-by-hsts': -10,
  'cookies-without-secure-flag': -20,
  'cookies-samesite-flag-invalid': -20,
  'cookies-anticsrf-without-samesite-flag': -20,
  'cookies-session-without-httponly-flag': -30,
  'cookies-session-without-secure-flag': -40,
  // cross-origin-resource-sharing
  'cross-origin-resource-sharing-not-implemented': 0,
  'cross-origin-resource-sharing-implemented-with-public-access': 0,
  'cross-origin-resource-sharing-implemented-with-restricted-access': 0,
  'cross-origin-resource-sharing-implemented-with-universal-access': -50,
  // redirection
  'redirection-all-redirects-preloaded': 0,
  'redirection-to-https': 0,
  'redirection-not-needed-no-http': 0,
  'redirection-off-host-from-http': -5,
  'redirection-not-to-https-on-initial-redirection': -10,
  'redirection-not-to-https': -20,
  'redirection-missing': -20,
  'redirection-invalid-cert': -20,
  // referrer-policy
  'referrer-policy-private': 5,
  'referrer-policy-not-implemented': 0,
  'referrer-policy-unsafe': -5,
  'referrer-policy-header-invalid': -5,
  // strict-transport-security
  'hsts-preloaded': 5,
  'hsts-implemented-max-age-at-least-six-months': 0,
  'hsts-implemented-max-age-less-than-six-months': -10,
  'hsts-not-implemented': -20,
  'hsts-header-invalid': -20,
  'hsts-not-implemented-no-https': -20,
  'hsts-invalid-cert': -20,
  // subresource-integrity
  'sri-implemented-and-all-scripts-loaded-securely': 5,
  'sri-implemented-and-external-scripts-loaded-securely': 5,
  'sri-not-implemented-response-not-html': 0,
  'sri-not-implemented-but-no-scripts-loaded': 0,
  'sri-not-implemented-but-all-scripts-loaded-from-secure-origin': 0,
  'sri-not-implemented-but-external-scripts-loaded-securely': -5,
  'sri-implemented-but-external-scripts-not-loaded-securely': -20,
  'sri-not-implemented-and-external-scripts-not-loaded-securely': -50,
  // x-content-type-options
  'x-content-type-options-nosniff': 0,
  'x-content-type-options-not-implemented': -5,
  'x-content-type-options-header-invalid': -5,
  // x-frame-options
  'x-frame-options-implemented-via-csp': 5,
  'x-frame-options-sameorigin-or-deny': 0,
  'x-frame-options-allow-from-origin': 0,
  'x-frame-options-not-implemented': -20,
  'x-frame-options-header-invalid': -20,
  // cross-origin-resource-policy
  'corp-implemented-with-same-origin': 10,
  'corp-implemented-with-same-site': 10,
  'corp-implemented-with-cross-origin': 0,
  'corp-not-implemented': 0,
  'corp-header-invalid': -5,
  // any test reading the page
  'html-not-parseable': -20,
} as const;

export type Expectation = keyof typeof SCORE_TABLE;

/** One test's outcome, as the scanner reports it. */
export interface TestResult {
  readonly name: string;
  readonly result: Expectation;
  readonly pass: boolean;
  /** What the test read (a header value, the cookies, the route), for the failure message. */
  readonly data?: unknown;
}

export interface Grade {
  readonly grade: string;
  readonly score: number;
  /** The score counting penalties only: bonuses count when it is at least 90. */
  readonly uncurvedScore: number;
  readonly tests: readonly (TestResult & { readonly modifier: number })[];
}

const GRADE_CHART: [number, string][] = [
  [100, 'A+'], [95, 'A'], [90, 'A'], [85, 'A-'], [80, 'B+'], [75, 'B'], [70, 'B'], [65, 'B-'], [60, 'C+'], [55, 'C'], [50, 'C'],
  [45, 'C-'], [40, 'D+'], [35, 'D'], [30, 'D'], [25, 'D-'], [20, 'F'], [15, 'F'], [10, 'F'], [5, 'F'], [0, 'F'],
];
export const MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90;

/** scanner/index.js and grader.js: 100, plus every modifier; bonuses only from an uncurved 90. */
export function grade(results: readonly TestResult[]): Grade {
  const tests = results.map((result) => ({ ...result, modifier: SCORE_TABLE[result.result] }));
  const withExtraCredit = 100 + tests.reduce((sum, test) => sum + test.modifier, 0);
  const uncurvedScore = 100 + tests.reduce((sum, test) => sum + Math.min(0, test.modifier), 0);
  return { ...gradeForScore(uncurvedScore >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurvedScore), uncurvedScore, tests };
}

/** grader.js getGradeAndLikelihoodForScore: no score below 0; above 100, the grade for 100; else round down to a multiple of 5. */
export function gradeForScore(raw: number): { grade: string; score: number } {
  const score = Math.max(raw, 0);
  const bucket = Math.min(score - (score % 5), 100);
  return { grade: GRADE_CHART.find(([floor]) => floor === bucket)![1], score };
}

/** One line per test, for a failure message. */
export function describeGrade(graded: Grade): string {
  const lines = graded.tests.map((t) => `${t.pass ? 'pass' : 'FAIL'} ${t.name}: ${t.result} (${t.modifier >= 0 ? '+' : ''}${t.modifier}) ${JSON.stringify(t.data ?? null)}`);
  return [`grade ${graded.grade}, score ${graded.score} (uncurved ${graded.uncurvedScore})`, ...lines].join('\n');
}
