// What every answer to a fuzzed request must be: never a 5xx; a refusal is a problem+json whose
// body carries status, title and detail; and a refusal writes nothing, except the few that
// exist to be written down (a failed login counts towards the lock and is audited; a mailbox
// login with a solved proof of work spends its challenge whether or not the token is right).
// Pages (routes outside /api/ and /health, read by a person in a browser) may refuse with an
// HTML page, like the organisation-not-found page; they may never 5xx either.
export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** An answer to HEAD has headers only. */
  readonly headOnly?: boolean;
}

/** Whether a declared route is a page for people rather than an API for programs. */
export function isPageRoute(route: string): boolean {
  const url = route.slice(route.indexOf(' ') + 1);
  return !url.startsWith('/api/') && url !== '/health';
}

export function ruleBreaks(answer: Answer, options: { page?: boolean } = {}): string[] {
  const breaks: string[] = [];
  if (answer.status >= 500) breaks.push(`a ${answer.status}`);
  if (answer.status < 400) return breaks;
  if (options.page && answer.contentType.startsWith('text/html') && (answer.headOnly || answer.body.length > 0)) return breaks;
  if (!answer.contentType.startsWith('application/problem+json')) breaks.push(`a ${answer.status} as ${answer.contentType || 'no content type'}, not application/problem+json`);
  if (answer.headOnly) return breaks;
  let problem: unknown;
  try {
    problem = JSON.parse(answer.body);
  } catch {
    breaks.push(`a ${answer.status} whose body is not JSON`);
    return breaks;
  }
  const { status, title, detail } = (problem ?? {}) as { status?: unknown; title?: unknown; detail?: unknown };
  if (status !== answer.status) breaks.push(`a problem whose status ${String(status)} is not the answer's ${answer.status}`);
  if (typeof title !== 'string' || title === '') breaks.push('a problem without a title');
  if (typeof detail !== 'string' || detail === '') breaks.push('a problem without a detail');
  return breaks;
}

/** The problem code of a refusal, if it has one. */
export function problemCode(answer: Answer): string | undefined {
  try {
    const code = (JSON.parse(answer.body) as { code?: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

interface RecordedRefusal {
  readonly route: string;
  readonly status: number;
  readonly code: string;
  readonly tables: readonly string[];
}

const RECORDED_REFUSALS: readonly RecordedRefusal[] = [
  { route: 'POST /api/v1/staff/session', status: 401, code: 'bad_credentials', tables: ['login_throttle', 'audit_log'] },
  { route: 'POST /api/v1/staff/session', status: 403, code: 'account_disabled', tables: ['audit_log'] },
  { route: 'POST /api/v1/staff/me/passphrase', status: 401, code: 'bad_credentials', tables: ['login_throttle', 'audit_log'] },
  { route: 'POST /api/v1/mailbox/session', status: 401, code: 'mailbox_token_invalid', tables: ['spent_challenges'] },
];

/** Whether a refusal of `route` that changed `tables` is one of those meant to leave a record. */
export function refusalMayWrite(route: string, answer: Answer, tables: readonly string[]): boolean {
  const code = problemCode(answer);
  return RECORDED_REFUSALS.some((allowed) => allowed.route === route && allowed.status === answer.status && allowed.code === code && tables.every((table) => allowed.tables.includes(table)));
}
