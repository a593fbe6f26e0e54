// One error handler: every failure leaves as application/problem+json (RFC 9457).
// 4xx bodies say what is wrong; 5xx bodies are generic and the log carries the request id.
import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError } from '../domain/errors.ts';
import { EncodingError } from '../crypto/encoding.ts';
import { EnvelopeError } from '../crypto/envelope.ts';
import { safeErrorFields } from '../logger.ts';
import { driverErrorCodes } from '../../db/driver-errors.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { path: string; message: string }[];
}

const FASTIFY_CODES: Record<string, { status: number; title: string; code: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, title: 'Unsupported media type', code: 'unsupported_media_type' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, title: 'Payload too large', code: 'payload_too_large' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, title: 'Invalid input', code: 'empty_body' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, title: 'Invalid input', code: 'malformed_json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, title: 'Invalid input', code: 'invalid_content_length' },
};

export interface DatabaseUnavailability {
  /** The driver's code: a SQLSTATE, or a connection error code. */
  readonly code: string;
  readonly reason: 'unreachable' | 'shutting_down' | 'read_only' | 'out_of_resources';
  readonly retryAfterSeconds: number;
  readonly detail: string;
}

const UNREACHABLE = 'The service cannot reach its database at the moment, so your request was not carried out. Please try again in a few seconds.';
const NOT_WRITABLE = 'The service cannot record anything at the moment (its database is not accepting changes), so your request was not carried out. Please try again later.';

/** Connection failures (postgres.js codes and socket errors) and SQLSTATEs that say the engine cannot serve now. */
const UNAVAILABLE_CODES: Record<string, Omit<DatabaseUnavailability, 'code' | 'detail'>> = {
  ECONNREFUSED: { reason: 'unreachable', retryAfterSeconds: 5 },
  ECONNRESET: { reason: 'unreachable', retryAfterSeconds: 5 },
  EPIPE: { reason: 'unreachable', retryAfterSeconds: 5 },
  ETIMEDOUT: { reason: 'unreachable', retryAfterSeconds: 5 },
  EHOSTUNREACH: { reason: 'unreachable', retryAfterSeconds: 5 },
  ENOTFOUND: { reason: 'unreachable', retryAfterSeconds: 5 },
  EAI_AGAIN: { reason: 'unreachable', retryAfterSeconds: 5 },
  CONNECT_TIMEOUT: { reason: 'unreachable', retryAfterSeconds: 5 },
  CONNECTION_CLOSED: { reason: 'unreachable', retryAfterSeconds: 5 },
  CONNECTION_DESTROYED: { reason: 'unreachable', retryAfterSeconds: 5 },
  CONNECTION_ENDED: { reason: 'shutting_down', retryAfterSeconds: 5 },
  '57P01': { reason: 'shutting_down', retryAfterSeconds: 5 }, // admin_shutdown (also pg_terminate_backend)
  '57P02': { reason: 'shutting_down', retryAfterSeconds: 5 }, // crash_shutdown
  '57P03': { reason: 'shutting_down', retryAfterSeconds: 5 }, // cannot_connect_now (starting up, shutting down, recovering)
  '25006': { reason: 'read_only', retryAfterSeconds: 60 }, // read_only_sql_transaction
  '53000': { reason: 'out_of_resources', retryAfterSeconds: 30 }, // insufficient_resources
  '53100': { reason: 'out_of_resources', retryAfterSeconds: 60 }, // disk_full
  '53200': { reason: 'out_of_resources', retryAfterSeconds: 30 }, // out_of_memory
  '53300': { reason: 'out_of_resources', retryAfterSeconds: 5 }, // too_many_connections
  '58030': { reason: 'out_of_resources', retryAfterSeconds: 60 }, // io_error
};

/**
 * Whether an error (or one of its causes: drizzle wraps the driver's error) says the database
 * cannot serve right now, rather than that the request or the code is wrong. Class 08 is every
 * connection exception.
 */
export function databaseUnavailability(error: unknown): DatabaseUnavailability | null {
  for (const code of driverErrorCodes(error)) {
    const known = UNAVAILABLE_CODES[code] ?? (/^08[0-9A-Z]{3}$/.test(code) ? ({ reason: 'unreachable', retryAfterSeconds: 5 } as const) : undefined);
    if (known) return { code, ...known, detail: known.reason === 'read_only' || known.reason === 'out_of_resources' ? NOT_WRITABLE : UNREACHABLE };
  }
  return null;
}

export function problem(status: number, title: string, detail: string, code: string): Problem {
  return { type: 'about:blank', title, status, detail, code };
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let body: Problem;
    let unavailable: DatabaseUnavailability | null;
    if (error instanceof DomainError) {
      void reply.headers(error.headers);
      body = problem(error.status, error.title, error.message, error.code);
    } else if (error instanceof EncodingError) {
      body = problem(400, 'Invalid input', error.message, 'invalid_encoding');
    } else if (error instanceof EnvelopeError) {
      body = problem(400, 'Invalid input', error.message, 'invalid_ciphertext');
    } else if (error.validation) {
      body = problem(400, 'Invalid input', `The request does not match the expected ${error.validationContext ?? 'shape'}.`, 'validation_failed');
      body.errors = error.validation.map((issue) => ({
        path: `${error.validationContext ?? ''}${issue.instancePath || ''}` || '/',
        message: issue.message ?? 'invalid',
      }));
    } else if (error.code && FASTIFY_CODES[error.code]) {
      const known = FASTIFY_CODES[error.code]!;
      body = problem(known.status, known.title, error.message, known.code);
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Parser and framework 4xx (e.g. malformed JSON): the message describes the input, not internals.
      body = problem(error.statusCode, 'Invalid request', error.message, 'invalid_request');
    } else if ((unavailable = databaseUnavailability(error))) {
      // The engine is down, restarting, read-only or full: the request's transaction did not
      // commit, so the client may retry. The log names the driver's code, never the query.
      void reply.header('retry-after', String(unavailable.retryAfterSeconds));
      request.log.warn({ err: { type: error.name, code: unavailable.code }, reason: unavailable.reason }, 'database unavailable');
      body = problem(503, 'Service unavailable', unavailable.detail, 'database_unavailable');
    } else {
      request.log.error({ err: safeErrorFields(error) }, 'unhandled error');
      body = problem(500, 'Internal error', `Something went wrong on our side. Quote this reference if you report it: ${request.id}.`, 'internal_error');
    }
    if (body.status >= 400 && body.status < 500) request.log.info({ status: body.status, code: body.code }, 'request refused');
    return reply.status(body.status).type('application/problem+json; charset=utf-8').send(body);
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .type('application/problem+json; charset=utf-8')
      .send(problem(404, 'Not found', `No route ${request.method} ${request.url.split('?')[0]}.`, 'not_found')),
  );
}
