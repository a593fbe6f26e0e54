// What the Observatory's retriever collects (mdn/mdn-http-observatory src/retriever/retriever.js
// and session.js): the page over https after redirects ("auto"), the http:// route, the cookies
// set while fetching it and /robots.txt, and a CORS preflight with the Observatory's Origin.
//
// Vigie speaks plain HTTP behind a TLS-terminating proxy (README, Deployment). The scan is run
// against the real app through a model of that front: https://<PUBLIC_URL host>/path is forwarded
// to the app as is (with a valid certificate: the proxy's), and what http://<host>/path does is
// the proxy's choice, which a test states: redirect to https on the same host, serve Vigie
// without TLS, or have port 80 closed.
export const OBSERVATORY_USER_AGENT = 'MDN-HTTP-Observatory/1.0';
export const OBSERVATORY_CORS_ORIGIN = 'https://http-observatory.security.mozilla.org';
const STANDARD_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

export interface HeaderList {
  /** The header's value (several fields joined by ", ", as the scanner's HTTP client does). */
  get(name: string): string | null;
  getAll(name: string): string[];
}

export interface ObservedResponse {
  readonly url: URL;
  readonly status: number;
  readonly headers: HeaderList;
  readonly setCookies: string[];
  readonly body: string;
  /** <meta http-equiv> values of an HTML page, lower-cased names. */
  readonly httpEquiv: Map<string, string[]>;
  readonly verified: boolean;
}

export interface SetCookie {
  readonly key: string;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly sameSite: 'strict' | 'lax' | 'none' | undefined;
}

export interface Retrieval {
  readonly url: URL;
  readonly site: string;
  readonly auto: ObservedResponse | null;
  readonly https: ObservedResponse | null;
  readonly http: ObservedResponse | null;
  /** Every URL the http:// session went through, the first included. */
  readonly httpRoute: { url: URL; status: number }[];
  readonly cors: { origin: string; headers: HeaderList } | null;
  /** The cookie jar after the page and /robots.txt. */
  readonly cookies: SetCookie[];
}

export type Port80 = 'redirects-to-https' | 'serves-vigie' | 'closed';

/** The deployment in front of the app: the public host, and what its port 80 does. */
export interface Front {
  readonly appBaseUrl: string;
  readonly publicHost: string;
  readonly port80: Port80;
}

function headerList(headers: Headers): HeaderList {
  return { get: (name) => headers.get(name), getAll: (name) => (headers.get(name) === null ? [] : [headers.get(name)!]) };
}

function httpEquivOf(body: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [tag] of body.matchAll(/<meta\b[^>]*>/gi)) {
    const equiv = /http-equiv\s*=\s*"([^"]*)"/i.exec(tag)?.[1]?.toLowerCase();
    const content = /content\s*=\s*"([^"]*)"/i.exec(tag)?.[1];
    if (equiv && content !== undefined) found.set(equiv, [...(found.get(equiv) ?? []), content]);
  }
  return found;
}

/** One request as the front answers it; null when nothing listens (port 80 closed). */
async function request(front: Front, url: URL, init: { method?: string; headers?: Record<string, string> } = {}): Promise<ObservedResponse | null> {
  if (url.hostname !== front.publicHost) throw new Error(`the scan left the host: ${url.href}`);
  const forward = () => fetch(front.appBaseUrl + url.pathname + url.search, { method: init.method ?? 'GET', redirect: 'manual', headers: { 'user-agent': OBSERVATORY_USER_AGENT, accept: STANDARD_ACCEPT, ...init.headers } });
  let response: Response;
  if (url.protocol === 'https:' || front.port80 === 'serves-vigie') response = await forward();
  else if (front.port80 === 'closed') return null;
  else response = new Response(null, { status: 301, headers: { location: `https://${url.host}${url.pathname}${url.search}` } });
  const body = await response.text();
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  return {
    url,
    status: response.status,
    headers: headerList(response.headers),
    setCookies: response.headers.getSetCookie(),
    body,
    httpEquiv: HTML_TYPES.has(type) ? httpEquivOf(body) : new Map<string, string[]>(),
    verified: true,
  };
}

/** Follows redirects as the scanner's session does; the route holds every URL visited. */
async function session(front: Front, start: URL) {
  const route: { url: URL; status: number }[] = [];
  const responses: ObservedResponse[] = [];
  let url = start;
  for (let hop = 0; hop < 20; hop++) {
    const response = await request(front, url);
    if (!response) return { response: null, route, responses };
    route.push({ url, status: response.status });
    responses.push(response);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return { response, route, responses };
    url = new URL(location, url);
  }
  throw new Error(`more than 20 redirects from ${start.href}`);
}

export function parseSetCookie(line: string): SetCookie | null {
  const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
  const key = pair.split('=')[0]!.trim();
  const attribute = (name: string) => attributes.find((a) => a.toLowerCase().split('=')[0]!.trim() === name);
  const value = (name: string) => attribute(name)?.split('=').slice(1).join('=').trim();
  // A cookie that is already expired never stays in the jar.
  if (Number(value('max-age') ?? '1') <= 0 || (value('expires') && Date.parse(value('expires')!) < Date.now())) return null;
  const sameSite = value('samesite')?.toLowerCase();
  return {
    key,
    secure: attribute('secure') !== undefined,
    httpOnly: attribute('httponly') !== undefined,
    sameSite: sameSite === 'strict' || sameSite === 'lax' || sameSite === 'none' ? sameSite : undefined,
  };
}

/** retriever.js retrieve(), for one path of the public site. */
export async function retrieve(front: Front, path: string): Promise<Retrieval> {
  const httpsUrl = new URL(`https://${front.publicHost}${path}`);
  const [httpSession, httpsSession] = await Promise.all([session(front, new URL(`http://${front.publicHost}${path}`)), session(front, httpsUrl)]);
  const auto = httpsSession.response ?? httpSession.response;
  const finalUrl = httpsSession.route.at(-1)?.url ?? httpsUrl;
  const robots = await request(front, new URL('/robots.txt', finalUrl), { headers: { accept: 'text/plain,*/*;q=0.8' } });
  const preflight = await request(front, finalUrl, { method: 'OPTIONS', headers: { 'access-control-request-method': 'GET', origin: OBSERVATORY_CORS_ORIGIN } });
  const setCookies = [...httpsSession.responses, ...(robots ? [robots] : [])].flatMap((response) => response.setCookies);
  return {
    url: finalUrl,
    site: front.publicHost,
    auto,
    https: httpsSession.response,
    http: httpSession.response,
    httpRoute: httpSession.route,
    cors: preflight ? { origin: OBSERVATORY_CORS_ORIGIN, headers: preflight.headers } : null,
    cookies: setCookies.map(parseSetCookie).filter((cookie): cookie is SetCookie => cookie !== null),
  };
}
