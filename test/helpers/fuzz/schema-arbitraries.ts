// Turns a route's JSON schema (TypeBox output) into fast-check arbitraries: `validish` values
// that follow the schema (so requests get past validation and reach the handlers, often with
// real ids from `hints`), and `fuzzed` values that follow it except where they break it (a
// field of the wrong type, a missing required field, unknown fields, hostile strings).
import fc from 'fast-check';
import { onceIn, hostileKey, hostileValue, oddCharacter } from './hostile-values.ts';

export interface JsonSchema {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly const?: unknown;
  readonly pattern?: string;
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
}

/** Realistic values by property name (real slugs, ids, codes, proofs of work), mixed with generated ones. */
export type Hints = Readonly<Record<string, fc.Arbitrary<unknown>>>;

// Generated strings stay short: "huge" is the hostile values' job, not the valid ones'.
const LONGEST_GENERATED = 400;

function boundedLength(schema: JsonSchema): { minLength: number; maxLength: number } {
  const minLength = schema.minLength ?? 0;
  return { minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 40, LONGEST_GENERATED)) };
}

/** `^[A-Za-z0-9_-]*$`: the characters of a pattern that is one class repeated, or null. */
function repeatedClass(pattern: string): string[] | null {
  const match = /^\^\[([^\]^]+)\]\*\$$/.exec(pattern);
  if (!match) return null;
  const characters: string[] = [];
  const body = match[1]!;
  for (let i = 0; i < body.length; i++) {
    if (body[i + 1] === '-' && i + 2 < body.length) {
      for (let code = body.charCodeAt(i); code <= body.charCodeAt(i + 2); code++) characters.push(String.fromCharCode(code));
      i += 2;
    } else characters.push(body[i]!);
  }
  return characters;
}

const BASE64URL = '^[A-Za-z0-9_-]*$';

/**
 * Canonical base64url of bytes that start with the envelope version (1) and are long enough for
 * a nonce and a tag: what the server's structural checks accept, so requests reach the rules
 * behind them (states, roles, recipients) instead of stopping at "invalid ciphertext".
 */
function envelopeLike({ minLength, maxLength }: { minLength: number; maxLength: number }): fc.Arbitrary<string> {
  const fixed = minLength === maxLength ? Math.floor((minLength * 3) / 4) : null;
  const size = fixed === null ? fc.integer({ min: Math.max(41, Math.ceil((minLength * 3) / 4)), max: Math.max(41, Math.floor((maxLength * 3) / 4)) }) : fc.constant(fixed);
  return size
    .chain((bytes) => fc.uint8Array({ minLength: bytes, maxLength: bytes }))
    .map((bytes) => {
      if (bytes.length > 0) bytes[0] = 1;
      return Buffer.from(bytes).toString('base64url');
    });
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return fc.oneof(fc.uuid({ version: 4 }), fc.uuid());
  if (schema.format === 'date') return fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (schema.format === 'date-time') return fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
  const length = boundedLength(schema);
  if (schema.pattern) {
    const characters = repeatedClass(schema.pattern);
    if (characters) {
      const random = fc.string({ unit: fc.constantFrom(...characters), ...length });
      return schema.pattern === BASE64URL ? fc.oneof(random, envelopeLike(length)) : random;
    }
    return fc.stringMatching(new RegExp(schema.pattern));
  }
  return fc.oneof(fc.string(length), fc.string({ unit: 'grapheme', ...length }));
}

function integerArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const min = schema.minimum ?? -(2 ** 31);
  const max = schema.maximum ?? 2 ** 31;
  const span = max - min + 1;
  return fc.oneof(fc.constantFrom(min, max), fc.maxSafeNat().map((n) => min + (n % span)));
}

function withExtraKeys(value: Record<string, unknown>, extra: Record<string, unknown> | null): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  // defineProperty, so that "__proto__" becomes a key of the JSON rather than a prototype.
  if (extra) for (const key of Object.keys(extra)) Object.defineProperty(out, key, { value: extra[key], enumerable: true, writable: true, configurable: true });
  return out;
}

function objectArbitrary(schema: JsonSchema, hints: Hints, hostile: boolean): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = [...(schema.required ?? [])];
  const validModel: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) validModel[name] = validish(property, hints, name);
  const valid = fc.record(validModel, { requiredKeys: required }) as fc.Arbitrary<Record<string, unknown>>;
  if (!hostile) return valid;
  const names = Object.keys(properties);
  const someName = fc.constantFrom(...(names.length > 0 ? names : ['none']));
  const without = (value: Record<string, unknown>, dropped: string | null) => Object.fromEntries(Object.entries(value).filter(([name]) => name !== dropped));
  const extraKeys = fc.dictionary(hostileKey, hostileValue, { minKeys: 1, maxKeys: 3 });
  // One fault in an otherwise valid object: what gets deepest into the handlers.
  const oneFaults: fc.WeightedArbitrary<Record<string, unknown>>[] = [{ weight: 1, arbitrary: fc.tuple(valid, extraKeys).map(([value, extra]) => withExtraKeys(value, extra)) }];
  if (names.length > 0) {
    const fieldFault = fc.oneof(...names.map((name) => fc.tuple(fc.constant(name), faulty(properties[name]!, hints, name))));
    oneFaults.push(
      { weight: 6, arbitrary: fc.tuple(valid, fieldFault).map(([value, [name, fault]]) => ({ ...value, [name]: fault })) },
      { weight: 1, arbitrary: fc.tuple(valid, someName).map(([value, dropped]) => without(value, dropped)) },
    );
  }
  // Faults anywhere, several at once.
  const faultyModel: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) faultyModel[name] = fuzzed(property, hints, name);
  const faultyRecord = fc.record(faultyModel, { requiredKeys: required }) as fc.Arbitrary<Record<string, unknown>>;
  const manyFaults = fc.tuple(faultyRecord, onceIn(5, someName), onceIn(5, extraKeys)).map(([value, dropped, extra]) => withExtraKeys(without(value, dropped), extra));
  return fc.oneof({ weight: 3, arbitrary: fc.oneof(...oneFaults) }, { weight: 1, arbitrary: manyFaults });
}

/** A value that satisfies the schema (up to pattern subtleties), preferring hinted values by name. */
export function validish(schema: JsonSchema, hints: Hints, name?: string): fc.Arbitrary<unknown> {
  const generated = generatedFrom(schema, hints, false);
  const hint = name === undefined ? undefined : hints[name];
  return hint ? fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: generated }) : generated;
}

/** A valid string with one odd character slipped in: passes a loose pattern, trips what lies behind it. */
function corrupted(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, oddCharacter, fc.nat()).map(([value, odd, at]) => {
    if (typeof value !== 'string') return value;
    const cut = at % (value.length + 1);
    return value.slice(0, cut) + odd + value.slice(cut);
  });
}

/** Something wrong where `schema` is: wrong inside (objects, arrays), an odd character in a valid string, or a hostile value. */
export function faulty(schema: JsonSchema, hints: Hints, name?: string): fc.Arbitrary<unknown> {
  const hasChildren = schema.type === 'object' || schema.type === 'array';
  return fc.oneof(
    { weight: hasChildren ? 4 : 0, arbitrary: hasChildren ? generatedFrom(schema, hints, true) : fc.constant(null) },
    { weight: schema.type === 'string' ? 2 : 0, arbitrary: corrupted(validish(schema, hints, name)) },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** Mostly the schema's shape with hostile parts here and there; sometimes a hostile value outright. */
export function fuzzed(schema: JsonSchema, hints: Hints, name?: string): fc.Arbitrary<unknown> {
  const hasChildren = schema.type === 'object' || schema.type === 'array';
  return fc.oneof({ weight: hasChildren ? 1 : 2, arbitrary: validish(schema, hints, name) }, { weight: hasChildren ? 2 : 1, arbitrary: faulty(schema, hints, name) });
}

function generatedFrom(schema: JsonSchema, hints: Hints, hostile: boolean): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((option) => generatedFrom(option, hints, hostile)));
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return integerArbitrary(schema);
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'object':
      return objectArbitrary(schema, hints, hostile);
    case 'array': {
      const item = schema.items ? (hostile ? fuzzed(schema.items, hints) : validish(schema.items, hints)) : fc.anything();
      const minLength = schema.minItems ?? 0;
      return fc.array(item, { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 5, 5)) });
    }
    default:
      return fc.anything();
  }
}
