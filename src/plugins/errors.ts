// One error handler: every failure leaves as application/problem+json (RFC 9457).
// 4xx bodies say what is wrong; 5xx bodies are generic and the log carries the request id.
import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError } from '../domain/errors.ts';
import { EncodingError } from '../crypto/encoding.ts';
import { EnvelopeError } from '../crypto/envelope.ts';
import { safeErrorFields } from '../logger.ts';

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

export function problem(status: number, title: string, detail: string, code: string): Problem {
  return { type: 'about:blank', title, status, detail, code };
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let body: Problem;
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
