// Logger options: ids and outcomes only. No client address, user agent, cookie,
// body, token or key may ever reach a log line.
import type { FastifyBaseLogger, FastifyRequest, FastifyReply } from 'fastify';
import type { DestinationStream, LoggerOptions } from 'pino';
import { pino } from 'pino';
import type { LogLevel } from './config.ts';

/** Paths censored wherever they appear, as a second line of defence behind the serializers. */
const REDACTED_PATHS = [
  'req.headers',
  'req.body',
  'req.remoteAddress',
  'req.ip',
  'headers',
  'body',
  '*.authValue',
  '*.passphrase',
  '*.token',
  '*.cookie',
  '*.authorization',
  '*.secret',
];

export function loggerOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      // Method and route pattern only: never the query string, address, host or user agent.
      req: (request: FastifyRequest) => ({
        id: request.id,
        method: request.method,
        route: request.routeOptions?.url ?? 'unmatched',
      }),
      res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
    },
  };
}

export function createLogger(level: LogLevel, destination?: DestinationStream): FastifyBaseLogger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}

/**
 * What may be logged of an unexpected error: its type, its driver code and where it was thrown.
 * Never its message: a failed query's message carries the SQL parameters (hashes, keys, e-mails).
 */
export function safeErrorFields(error: unknown): { type: string; code?: string; at?: string } {
  if (!(error instanceof Error)) return { type: typeof error };
  const cause = (error as { cause?: unknown }).cause;
  const code = (error as { code?: unknown }).code ?? (cause && typeof cause === 'object' ? (cause as { code?: unknown }).code : undefined);
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return {
    type: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    ...(frames.length > 0 ? { at: frames.slice(0, 8).map((f) => f.trim()).join(' | ') } : {}),
  };
}
