// Requests no route could make sense of get a problem+json 4xx too: text with a NUL character or
// an unpaired surrogate (which PostgreSQL cannot store or compare), and bytes Node's HTTP parser
// refuses before Fastify sees them. The fuzzer (fuzz.test.ts) finds these at random; here each
// kind is pinned down once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrganisationWithAdmin, type ActiveStaff } from '../helpers/factories.ts';
import { sendRawBytes } from '../helpers/fuzz/raw-socket.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let admin: ActiveStaff;

beforeAll(async () => {
  t = await startTestApp();
  ({ admin } = await newOrganisationWithAdmin(t));
});
afterAll(() => t.close());

describe('text with a NUL character or an unpaired surrogate', () => {
  it.each([
    ['a page slug', 'GET', '/o/%00ville/report', undefined, 'path (slug)'],
    ['an API slug', 'GET', '/api/v1/orgs/ville%00/intake', undefined, 'path (slug)'],
    ['a query value', 'GET', '/api/v1/keys/receipt?lang=%00', undefined, 'query string (lang)'],
    ['a JSON field', 'POST', '/api/v1/staff/prelogin', { organisation: 'ville', email: '\u0000admin@ville.fr' }, 'body (email)'],
    ['a lone surrogate in a nested field', 'POST', '/api/v1/staff/prelogin', { organisation: 'ville\ud800', email: 'a@ville.fr' }, 'body (organisation)'],
  ])('in %s: 400 malformed_text, naming where', async (_label, method, url, payload, where) => {
    const response = await t.app.inject({ method: method as 'GET', url, ...(payload ? { payload } : {}) });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, code: 'malformed_text', detail: expect.stringContaining(where) as string });
  });

  it('in an admin write: refused, and nothing changes', async () => {
    const before = await admin.client.http.expect<{ texts: unknown }>(200, 'GET', '/api/v1/admin/intake');
    const response = await fetch(`${t.baseUrl}/api/v1/admin/staff`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.client.http.cookieNames().map((name) => `${name}=${admin.client.http.cookie(name)}`).join('; ') },
      body: JSON.stringify({ email: 'new@ville.fr', displayName: 'Nom\u0000', roles: ['referent'] }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('malformed_text');
    const staff = await admin.client.http.expect<{ email: string }[]>(200, 'GET', '/api/v1/admin/staff');
    expect(JSON.stringify(staff)).not.toContain('new@ville.fr');
    expect(await admin.client.http.expect<{ texts: unknown }>(200, 'GET', '/api/v1/admin/intake')).toEqual(before);
  });
});

describe('bytes the HTTP parser refuses', () => {
  it.each([
    ['a control byte in the path', 'GET /o/a\u0001b HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    ['a header name with a space', 'GET / HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n', 400],
    ['Content-Length and Transfer-Encoding together', 'POST /api/v1/staff/prelogin HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400],
    ['headers over the limit', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
  ])('%s: a problem+json %i, then the connection closes', async (_label, raw, status) => {
    const exchange = await sendRawBytes(t.baseUrl, Buffer.from(raw, 'latin1'));
    expect(exchange.timedOut).toBe(false);
    expect(exchange.answers).toHaveLength(1);
    const [answer] = exchange.answers;
    expect(answer!.status).toBe(status);
    expect(answer!.contentType).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer!.body)).toMatchObject({ status, code: 'invalid_http' });
  });

  it('a request without a Host header reaches the router, not a bare 400 from Node', async () => {
    const exchange = await sendRawBytes(t.baseUrl, Buffer.from('GET /health HTTP/1.1\r\nConnection: close\r\n\r\n', 'latin1'));
    expect(exchange.answers[0]?.status).toBe(200);
  });
});
