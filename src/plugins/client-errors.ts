// What Node's HTTP parser refuses before Fastify sees a request (bad bytes in the request line or
// headers, conflicting lengths, broken chunked bodies, headers too large, a request too slow): a
// problem+json answer like every other refusal, with the strictest header set, then the
// connection closes. Nothing of the request is logged: the parser's error carries its raw bytes.
import http from 'node:http';
import type { Socket } from 'node:net';
import { problem } from './errors.ts';

/** Headers for answers no route or hook produced (helmet's hooks do not run for them). */
export const FRAMEWORK_ERROR_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'The request took too long to arrive.']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request headers are too large.']
        : [400, 'The request is not valid HTTP.'];
  const body = JSON.stringify(problem(status, http.STATUS_CODES[status] ?? 'Bad Request', detail, 'invalid_http'));
  if (socket.writable) {
    const headers = Object.entries({ ...FRAMEWORK_ERROR_HEADERS, 'content-type': 'application/problem+json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), connection: 'close' })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n${headers}\r\n${body}`);
  }
  socket.destroy();
}
