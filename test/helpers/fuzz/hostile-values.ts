// Values an attacker or a broken client sends where the schema expects something else: wrong
// types, empty and huge values, deep nesting, numbers out of range, unicode oddities (lone
// surrogates, NUL, bidi overrides), prototype-pollution keys and injection-shaped text.
import fc from 'fast-check';

/** Any UTF-16 code unit, lone surrogates included. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));

export const oddStrings: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\uFEFF',
  '\u202Eevil',
  'e\u0301\u0301\u0301',
  '💥🧨',
  '\r\n\r\nX-Injected: 1',
  "' or 1=1 --",
  '"; drop table cases; --',
  '../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  '{{7*7}}',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0x10',
  '1e309',
  'true',
  '2026-02-30',
  '9999-12-31T23:59:59.999Z',
  '0000-00-00',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  'AAAA====',
  '+/+/',
  '__proto__',
  'constructor',
];

/** Single characters that break things behind a validator: NUL and lone surrogates most often (databases refuse them), then bidi, BOM, controls, quotes. */
export const oddCharacter: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constant('\u0000') },
  { weight: 2, arbitrary: fc.constantFrom('\uD800', '\uDFFF', '\uDBFF') },
  { weight: 3, arbitrary: fc.constantFrom('\u202E', '\uFEFF', '\u0007', '\n', '\r\n', '%', "'", '"', '\\', '\u00A0', '\u2028') },
);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...oddStrings) },
  { weight: 3, arbitrary: fc.string({ unit: anyCodeUnit, maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  // Long enough to pass any maxLength, and past the 64 KiB body limit now and then.
  { weight: 1, arbitrary: fc.constantFrom(300, 5_000, 70_000).chain((length) => fc.constantFrom('a', 'A', '\u00e9', '0', '\uD83D\uDCA5').map((unit) => unit.repeat(length))) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, -0.5, 0.5, 1.5, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e21, 1e308, -1e308, Number.MIN_VALUE, 1e-7),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Arrays or objects nested `depth` times (a parser or a validator that recurses may choke). */
export function deeplyNested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 'core';
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

const nested = fc.tuple(fc.constantFrom(20, 200, 2_000), fc.constantFrom('array' as const, 'object' as const)).map(([depth, kind]) => deeplyNested(depth, kind));

/** Keys that have bitten JavaScript servers before. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin', 'role', 'organisationId', 'staffAccountId', '$ne', '', ' ', '\u0000', 'toString', 'hasOwnProperty'),
  fc.string({ maxLength: 12 }),
);

/** A JSON value of a type and shape the schema does not expect. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { $ne: null }, { $gt: '' }, [[]], ['a', 1, null]) },
  { weight: 1, arbitrary: nested },
  { weight: 1, arbitrary: fc.dictionary(hostileKey, fc.oneof(hostileString, hostileNumber, fc.constant(null)), { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(hostileString, hostileNumber), { maxLength: 60 }) },
);

/** `value` once in `n` draws, null otherwise (fc.option's freq is the other way round). */
export function onceIn<T>(n: number, value: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: n - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: value });
}
