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
