// One fuzzed request for a declared route: URL from path-and-query, a body generated from the
// route's body schema (JSON mostly; raw bytes with invalid UTF-8, broken JSON, prototype keys,
// odd or wrong content types now and then), random headers, and who sends it.
import fc from 'fast-check';
import type { DeclaredRoute } from '../../../src/plugins/audience.ts';
import { onceIn, hostileString } from './hostile-values.ts';
import { pathArbitrary, queryArbitrary } from './path-and-query.ts';
import { fuzzed, type Hints, type JsonSchema } from './schema-arbitraries.ts';

export interface FuzzRequest {
  /** "METHOD /declared/url", for the tally and the report. */
  readonly route: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string | Buffer | undefined;
  /** Whose cookie goes with it: a principal's name, 'none', or 'forged' (a well-formed unknown session). */
  readonly sender: string;
}

const JSON_TYPE = 'application/json';

const oddContentTypes: readonly string[] = [
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/json;;;',
  'application/problem+json',
  'application/vnd.api+json',
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'application/xml',
  '*/*',
  'json',
  '',
];

/** Raw bodies no JSON encoder makes: invalid UTF-8, BOMs, NaN, duplicate and prototype keys. */
function rawBodies(json: string): fc.Arbitrary<string | Buffer> {
  const bytes = Buffer.from(json, 'utf8');
  return fc.oneof(
    fc.nat({ max: Math.max(0, json.length - 1) }).map((cut) => json.slice(0, cut)),
    fc.constantFrom(
      Buffer.from([0xff, 0xfe, 0xfd]),
      Buffer.concat([Buffer.from('{"email":"'), Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0x80, 0xf8]), Buffer.from('"}')]),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]),
      Buffer.from(json, 'utf16le'),
      '{"__proto__":{"isAdmin":true}}',
      '{"constructor":{"prototype":{"isAdmin":true}}}',
      '{"a":NaN}',
      '{"a":Infinity,"b":-Infinity}',
      `{"n":1${'0'.repeat(400)}}`,
      '[',
      '"just a string"',
      'null',
      '0',
      '   ',
      '',
      `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
      '{"a":"\\ud800"}',
      '{"a":"\\u0000"}',
    ),
    // The same key twice: which one wins must not matter.
    fc.constant(json.startsWith('{"') ? json.replace(/^\{("[^"]+":)/, '{$1"shadow",$1') : json),
    // Invalid bytes spliced into the JSON text.
    fc.tuple(fc.nat({ max: bytes.length }), fc.uint8Array({ minLength: 1, maxLength: 6 })).map(([at, junk]) => Buffer.concat([bytes.subarray(0, at), Buffer.from(junk), bytes.subarray(at)])),
  );
}

function bodyArbitrary(route: DeclaredRoute, hints: Hints): fc.Arbitrary<{ body: string | Buffer | undefined; contentType: string | undefined }> {
  // The catalogue types schemas loosely; these are TypeBox's JSON schemas.
  const schema: JsonSchema | undefined = route.schema?.body ?? undefined;
  const binary = (route.schema?.headers as JsonSchema | undefined)?.properties?.['content-type']?.const === 'application/octet-stream';
  const none = fc.constant({ body: undefined, contentType: undefined });
  if (binary) {
    const bytes = fc.uint8Array({ maxLength: 4_096 }).map((b) => Buffer.from(b));
    return fc.oneof(
      { weight: 6, arbitrary: bytes.map((body) => ({ body, contentType: 'application/octet-stream' })) },
      { weight: 1, arbitrary: none },
      { weight: 2, arbitrary: fc.tuple(bytes, fc.constantFrom(...oddContentTypes, JSON_TYPE)).map(([body, contentType]) => ({ body, contentType })) },
    );
  }
  if (!schema) {
    const stray = fc.tuple(hostileString, fc.constantFrom(JSON_TYPE, ...oddContentTypes)).map(([body, contentType]) => ({ body, contentType }));
    return fc.oneof({ weight: 6, arbitrary: none }, { weight: 1, arbitrary: stray });
  }
  const json = fuzzed(schema, hints).map((value) => JSON.stringify(value) ?? '');
  return fc.oneof(
    { weight: 8, arbitrary: json.map((body) => ({ body, contentType: JSON_TYPE })) },
    { weight: 2, arbitrary: json.chain((text) => rawBodies(text)).map((body) => ({ body, contentType: JSON_TYPE })) },
    { weight: 2, arbitrary: fc.tuple(json, fc.constantFrom(...oddContentTypes)).map(([body, contentType]) => ({ body, contentType })) },
    { weight: 1, arbitrary: none },
    { weight: 1, arbitrary: fc.constant({ body: undefined, contentType: JSON_TYPE }) },
  );
}

const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,24}$/);
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 200 });

const knownHeaders: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.tuple(fc.constant('accept'), fc.constantFrom('application/json', 'text/html', '*/*', 'text/csv', 'application/xml', '', 'x/y;q=foo')),
  fc.tuple(fc.constant('accept-language'), fc.constantFrom('fr', 'en', 'zz', '*', 'fr;q=abc', 'en-US,en;q=0.9', 'x'.repeat(2_000), '')),
  fc.tuple(fc.constantFrom('x-forwarded-for', 'x-real-ip', 'forwarded'), fc.constantFrom('10.0.0.1', 'for=1.2.3.4', 'garbage')),
  fc.tuple(fc.constant('x-http-method-override'), fc.constantFrom('DELETE', 'PUT', 'GET')),
  fc.tuple(fc.constant('range'), fc.constantFrom('bytes=0-', 'bytes=-1', 'bytes=9999999999-', 'bytes=a-b', 'lines=1')),
  fc.tuple(fc.constantFrom('if-none-match', 'if-modified-since'), fc.constantFrom('*', '"x"', 'Thu, 01 Jan 1970 00:00:00 GMT', 'garbage')),
  fc.tuple(fc.constant('origin'), fc.constantFrom('https://evil.example', 'null')),
  fc.tuple(fc.constant('content-encoding'), fc.constantFrom('gzip', 'br', 'identity', 'x')),
  fc.tuple(headerName, headerValue),
);

/** The route's audience decides who usually sends it; sometimes nobody, a wrong role or a forged session. */
function senderArbitrary(route: DeclaredRoute, principals: Readonly<Record<string, readonly string[]>>): fc.Arbitrary<string> {
  const everyone = Object.keys(principals);
  const entitled =
    route.audience.kind === 'public'
      ? ['none']
      : route.audience.kind === 'reporter'
        ? ['reporter']
        : everyone.filter((name) => {
            const roles = principals[name] ?? [];
            return route.audience.kind === 'staff' && roles.length > 0 && (route.audience.roles === 'any' || route.audience.roles.some((role) => roles.includes(role)));
          });
  return fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...entitled) }, { weight: 2, arbitrary: fc.constantFrom('none', 'forged', ...everyone) });
}

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];

/**
 * Requests for one declared route. `principals` maps each sender name to its staff roles
 * (the reporter has none); `hints` supplies real ids and codes by property name.
 */
export function requestArbitrary(route: DeclaredRoute, hints: Hints, principals: Readonly<Record<string, readonly string[]>>): fc.Arbitrary<FuzzRequest> {
  const schema = route.schema ?? {};
  return fc
    .record({
      path: pathArbitrary(route.url, schema.params as JsonSchema | undefined, hints),
      query: queryArbitrary(schema.querystring as JsonSchema | undefined, hints),
      payload: bodyArbitrary(route, hints),
      headers: fc.array(knownHeaders, { maxLength: 3 }),
      sender: senderArbitrary(route, principals),
      method: onceIn(15, fc.constantFrom(...methods)),
    })
    .map(({ path, query, payload, headers, sender, method }) => {
      const all: Record<string, string> = Object.fromEntries(headers);
      if (payload.contentType !== undefined) all['content-type'] = payload.contentType;
      const request: FuzzRequest = { route: `${route.method} ${route.url}`, method: method ?? route.method, url: path + query, headers: all, body: payload.body, sender };
      // fast-check prints a counterexample with this: short enough to read, whole enough to replay by hand.
      return Object.defineProperty(request, fc.toStringMethod, { value: () => describeRequest(request), enumerable: false });
    });
}

const clipped = (text: string, max = 400) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

/** A readable account of a request: sender, method, URL, headers and body (raw bytes in hex), long values clipped. */
export function describeRequest(request: FuzzRequest): string {
  const body = request.body === undefined ? '(none)' : Buffer.isBuffer(request.body) ? `hex:${request.body.toString('hex')}` : JSON.stringify(request.body);
  return [
    `${request.route}, sent by ${request.sender}`,
    `  ${request.method} ${clipped(JSON.stringify(request.url))}`,
    `  headers: ${clipped(JSON.stringify(request.headers))}`,
    `  body: ${clipped(body)}`,
  ].join('\n');
}

/** A request that may log its sender out (whatever route it was generated from): it gets a session of its own. */
export function mayEndSession(request: FuzzRequest): boolean {
  return request.method === 'DELETE' && /session/i.test(request.url);
}
