// A retrieval made of given headers, for checking the reproduced rules against the scanner's own
// test cases (mdn/mdn-http-observatory test/*.test.js use emptyRequests() and setHeader() so).
import { parseSetCookie, OBSERVATORY_CORS_ORIGIN, type Retrieval, type SetCookie } from './retrieval.ts';

export interface SyntheticAnswer {
  readonly headers?: Record<string, string>;
  readonly setCookies?: string[];
  readonly body?: string;
  /** Headers of the answer to the CORS preflight. */
  readonly cors?: Record<string, string>;
}

export function syntheticRetrieval(answer: SyntheticAnswer): Retrieval {
  const headers = new Headers({ 'content-type': 'text/html; charset=utf-8', ...answer.headers });
  const list = { get: (name: string) => headers.get(name), getAll: (name: string) => (headers.get(name) === null ? [] : [headers.get(name)!]) };
  const url = new URL('https://www.example.fr/');
  const response = { url, status: 200, headers: list, setCookies: answer.setCookies ?? [], body: answer.body ?? '', httpEquiv: new Map<string, string[]>(), verified: true };
  const cors = new Headers(answer.cors ?? {});
  return {
    url,
    site: url.hostname,
    auto: response,
    https: response,
    http: null,
    httpRoute: [],
    cors: { origin: OBSERVATORY_CORS_ORIGIN, headers: { get: (name) => cors.get(name), getAll: (name) => (cors.get(name) === null ? [] : [cors.get(name)!]) } },
    cookies: (answer.setCookies ?? []).map(parseSetCookie).filter((cookie): cookie is SetCookie => cookie !== null),
  };
}
