// Text Vigie stores or looks up must be well-formed: PostgreSQL refuses a NUL character in text
// (SQLSTATE 22021) and an unpaired UTF-16 surrogate cannot be encoded as UTF-8. Both are refused
// here, in the path, the query string and JSON bodies, with a 400 before any handler runs, rather
// than as a database error deep inside a service. Binary bodies (document chunks) are not text.
import type { FastifyInstance } from 'fastify';
import { InvalidInputError } from '../domain/errors.ts';

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first string in `value` (searched to `depth` levels) that holds NUL or an unpaired surrogate, with its place. */
function firstMalformed(value: unknown, place: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') || UNPAIRED_SURROGATE.test(value) ? place : null;
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  // A parsed JSON body is plain objects and arrays; a binary body (a stream, bytes) is not text.
  const prototype: unknown = Object.getPrototypeOf(value);
  if (place === 'body' && !Array.isArray(value) && prototype !== Object.prototype && prototype !== null) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = firstMalformed(key, place, depth + 1) ?? firstMalformed(item, `${place}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

export function registerWellFormedText(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    const found = firstMalformed(request.params, 'path') ?? firstMalformed(request.query, 'query') ?? firstMalformed(request.body, 'body');
    if (found) {
      const [part, ...field] = found.split('.');
      const where = `${part === 'query' ? 'query string' : part}${field.length > 0 ? ` (${field.join('.')})` : ''}`;
      done(new InvalidInputError(`The request's ${where} holds a NUL character or an unpaired surrogate; no text may contain either.`, 'malformed_text'));
      return;
    }
    done();
  });
}
