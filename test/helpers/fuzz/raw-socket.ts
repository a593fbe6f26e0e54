// Sends bytes as they are over a TCP socket (inject and fetch would normalise them) and reads back
// every HTTP answer the server wrote before closing the connection.
import net from 'node:net';
import type { Answer } from './answer-rules.ts';

const ANSWER_TIMEOUT_MS = 5_000;
// The write side is closed once the server starts answering, or after this long without an
// answer (what a request that waits for more body bytes needs to end). Closing it at once would
// race the handler: Node drops an HTTP/1.0 connection as soon as the client's side ends.
const HALF_CLOSE_AFTER_MS = 250;

function parseAnswers(bytes: Buffer): Answer[] {
  const answers: Answer[] = [];
  let rest = bytes;
  while (rest.length > 0) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0) break;
    const [statusLine = '', ...headerLines] = rest.subarray(0, headEnd).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
    if (!Number.isInteger(status)) break;
    const headers = new Map(headerLines.map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
    const length = Number(headers.get('content-length') ?? NaN);
    let body: Buffer;
    if (Number.isInteger(length)) {
      body = rest.subarray(headEnd + 4, headEnd + 4 + length);
      rest = rest.subarray(headEnd + 4 + length);
    } else if (headers.get('transfer-encoding') === 'chunked') {
      const chunks: Buffer[] = [];
      let at = headEnd + 4;
      for (;;) {
        const lineEnd = rest.indexOf('\r\n', at);
        const size = parseInt(rest.subarray(at, lineEnd).toString('latin1'), 16);
        if (lineEnd < 0 || !Number.isInteger(size) || size === 0) break;
        chunks.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
      body = Buffer.concat(chunks);
      rest = Buffer.alloc(0);
    } else {
      body = rest.subarray(headEnd + 4);
      rest = Buffer.alloc(0);
    }
    answers.push({ status, contentType: headers.get('content-type') ?? '', body: body.toString('utf8') });
  }
  return answers;
}

export interface RawExchange {
  readonly answers: Answer[];
  /** The server had not closed the connection when we gave up waiting. */
  readonly timedOut: boolean;
}

/** Writes `bytes`, and returns the answers read until the server closes the connection (or a timeout). */
export function sendRawBytes(baseUrl: string, bytes: Buffer): Promise<RawExchange> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const received: Buffer[] = [];
    const socket = net.connect({ host: hostname, port: Number(port) }, () => {
      socket.write(bytes);
    });
    const halfClose = setTimeout(() => socket.end(), HALF_CLOSE_AFTER_MS);
    const finish = (timedOut: boolean) => {
      clearTimeout(timer);
      clearTimeout(halfClose);
      socket.destroy();
      resolve({ answers: parseAnswers(Buffer.concat(received)), timedOut });
    };
    const timer = setTimeout(() => finish(true), ANSWER_TIMEOUT_MS);
    socket.on('data', (data: Buffer) => {
      received.push(data);
      if (received.length === 1) socket.end();
    });
    socket.on('close', () => finish(false));
    socket.on('error', () => {
      // A reset after the server refused the bytes: what it wrote before still counts.
    });
  });
}
