// The URL of a fuzzed request: path parameters from the route's schema (often real ids), then
// path tricks (traversal, encoded NUL, double encoding, malformed percent-encoding, overlong
// segments, trailing and doubled slashes) and a query string built from the querystring schema
// with duplicated keys, bracket keys and broken encodings.
import fc from 'fast-check';
import { onceIn, hostileString } from './hostile-values.ts';
import { fuzzed, type Hints, type JsonSchema } from './schema-arbitraries.ts';

const segmentTricks: readonly string[] = [
  '..',
  '.',
  '%2e%2e',
  '%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
  '..%2f..%2f..%2fapi%2fv1%2fcases',
  '%00',
  'a%00b',
  '%2500',
  '%252e%252e%252f',
  '%',
  '%zz',
  '%C0%AF',
  '%ED%A0%80',
  '%FF%FE',
  '%E2%80%AE',
  '%5C..%5C',
  '..\\..\\',
  ';jsessionid=1',
  '%20',
  '~',
  '*',
];

const pathTricks: readonly ((path: string) => string)[] = [
  (path) => `${path}/`,
  (path) => `${path}//`,
  (path) => path.replace(/\//g, '//'),
  (path) => `/${path}`,
  (path) => path.toUpperCase(),
  (path) => `${path}/.`,
  (path) => `${path}/..`,
  (path) => path.replace('/api/v1/', '/api/v1/../v1/'),
  (path) => path.replace('/api/v1/', '/api/v2/'),
  (path) => path.replace(/\//g, '%2F'),
  (path) => `${path};x=1`,
  (path) => `${path}#fragment`,
  (path) => `${path}/${'a'.repeat(20_000)}`,
];

/** encodeURIComponent, except that a lone surrogate becomes its WTF-8 bytes (which no decoder accepts). */
function encoded(text: string): string {
  let out = '';
  // for-of walks code points: a pair is one, a lone surrogate is one on its own.
  for (const character of text) {
    try {
      out += encodeURIComponent(character);
    } catch {
      const unit = character.charCodeAt(0);
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    }
  }
  return out;
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** One path parameter's text: a fuzzed schema value, URL-encoded, or a raw segment trick. */
function segment(schema: JsonSchema | undefined, hints: Hints, name: string): fc.Arbitrary<string> {
  const value = schema ? fuzzed(schema, hints, name) : hostileString;
  return fc.oneof(
    { weight: 8, arbitrary: value.map((v) => encoded(asText(v))) },
    { weight: 1, arbitrary: value.map((v) => asText(v)) },
    { weight: 2, arbitrary: fc.constantFrom(...segmentTricks) },
  );
}

export function pathArbitrary(template: string, params: JsonSchema | undefined, hints: Hints): fc.Arbitrary<string> {
  const names = [...template.matchAll(/:([A-Za-z]+)|\*/g)].map((m) => m[1] ?? '*');
  const filled = fc.tuple(...names.map((name) => segment(params?.properties?.[name], hints, name))).map((values) => {
    let index = 0;
    return template.replace(/:([A-Za-z]+)|\*/g, () => values[index++] ?? '');
  });
  return fc.tuple(filled, onceIn(6, fc.constantFrom(...pathTricks))).map(([path, trick]) => (trick ? trick(path) : path));
}

const queryTricks: readonly string[] = ['limit=1&limit=2', '__proto__[isAdmin]=1', 'constructor[prototype][x]=1', 'a[b][c]=d', '%', '%zz=1', '=', '&&&', `q=${'x'.repeat(5000)}`, 'from=%00', 'after=%E2%80%AE'];

export function queryArbitrary(schema: JsonSchema | undefined, hints: Hints): fc.Arbitrary<string> {
  const fromSchema = schema ? fuzzed(schema, hints) : fc.constant({});
  return fc.tuple(fromSchema, onceIn(5, fc.constantFrom(...queryTricks))).map(([values, trick]) => {
    const pairs =
      values && typeof values === 'object' && !Array.isArray(values)
        ? Object.entries(values as Record<string, unknown>).map(([key, value]) => `${encoded(key)}=${encoded(asText(value))}`)
        : [`q=${encoded(asText(values))}`];
    if (trick) pairs.push(trick);
    return pairs.length > 0 ? `?${pairs.join('&')}` : '';
  });
}
