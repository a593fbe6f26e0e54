// Fuzzed requests written as raw HTTP/1.1 bytes, then broken where only a socket can break them:
// invalid UTF-8 and control bytes in the path and in header values, invalid header names, a
// Content-Length that says less or more than the body, Content-Length with Transfer-Encoding,
// malformed chunked bodies, no Host, odd HTTP versions, headers past the size limit.
import fc from 'fast-check';
import { describeRequest, type FuzzRequest } from './hostile-requests.ts';

export interface RawRequest {
  readonly request: FuzzRequest;
  readonly breakage: string;
  readonly bytes: Buffer;
}

interface Parts {
  requestLine: Buffer;
  headers: Buffer[];
  body: Buffer;
}

const latin1 = (text: string) => Buffer.from(text, 'latin1');

function partsOf(request: FuzzRequest, cookie: string | undefined): Parts {
  const body = request.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, 'utf8');
  const headers = [`Host: 127.0.0.1`, 'Connection: close', ...Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`)];
  if (cookie) headers.push(`Cookie: ${cookie}`);
  return { requestLine: latin1(`${request.method} ${request.url.split('#')[0]} HTTP/1.1`), headers: headers.map(latin1), body };
}

function withLength(parts: Parts, declared: number | string = parts.body.length): Parts {
  return { ...parts, headers: [...parts.headers, latin1(`Content-Length: ${declared}`)] };
}

/** The breakage that sends a whole request then garbage: the server may cut the connection while handling the first. */
export const PIPELINED = 'a Content-Length shorter than the body';

const BREAKAGES: Record<string, (parts: Parts) => Parts> = {
  'invalid UTF-8 in the path': (p) => ({ ...withLength(p), requestLine: Buffer.concat([p.requestLine.subarray(0, p.requestLine.indexOf(' ') + 2), Buffer.from([0xff, 0xc0, 0xaf, 0xed, 0xa0, 0x80]), p.requestLine.subarray(p.requestLine.indexOf(' ') + 2)]) }),
  'raw UTF-8 in the path': (p) => ({ ...withLength(p), requestLine: Buffer.concat([p.requestLine.subarray(0, p.requestLine.lastIndexOf(' ')), Buffer.from('/é💥', 'utf8'), p.requestLine.subarray(p.requestLine.lastIndexOf(' '))]) }),
  'a control byte in the path': (p) => ({ ...withLength(p), requestLine: Buffer.concat([p.requestLine.subarray(0, p.requestLine.lastIndexOf(' ')), Buffer.from([0x01, 0x7f]), p.requestLine.subarray(p.requestLine.lastIndexOf(' '))]) }),
  'invalid bytes in a header value': (p) => withLength({ ...p, headers: [...p.headers, Buffer.concat([latin1('X-Odd: a'), Buffer.from([0xff, 0x00, 0x7f]), latin1('b')])] }),
  'invalid UTF-8 in the cookie': (p) => withLength({ ...p, headers: [...p.headers, Buffer.concat([latin1('Cookie: vigie_staff='), Buffer.from([0xc3, 0x28, 0xa0, 0xa1])])] }),
  'an invalid header name': (p) => withLength({ ...p, headers: [...p.headers, latin1('Bad Header: x'), latin1('X\u0001: y')] }),
  'a header line without a colon': (p) => withLength({ ...p, headers: [...p.headers, latin1('NoColonHere')] }),
  'a folded header': (p) => withLength({ ...p, headers: [...p.headers, latin1('X-Folded: a'), latin1(' continued')] }),
  [PIPELINED]: (p) => withLength({ ...p, body: Buffer.concat([p.body, latin1('GARBAGE / HTTP/1.1\r\n\r\n')]) }, p.body.length),
  'a Content-Length longer than the body': (p) => withLength(p, p.body.length + 100),
  'a negative Content-Length': (p) => withLength(p, -1),
  'a non-numeric Content-Length': (p) => withLength(p, '12abc'),
  'two different Content-Lengths': (p) => withLength(withLength(p), p.body.length + 1),
  'Content-Length with Transfer-Encoding': (p) => withLength({ ...p, headers: [...p.headers, latin1('Transfer-Encoding: chunked')] }),
  'a malformed chunked body': (p) => ({ ...p, headers: [...p.headers, latin1('Transfer-Encoding: chunked')], body: Buffer.concat([latin1('zz\r\n'), p.body, latin1('\r\n0\r\n\r\n')]) }),
  'a chunked body that never ends': (p) => ({ ...p, headers: [...p.headers, latin1('Transfer-Encoding: chunked')], body: Buffer.concat([latin1(`${(p.body.length + 50).toString(16)}\r\n`), p.body]) }),
  'an unknown Transfer-Encoding': (p) => ({ ...p, headers: [...p.headers, latin1('Transfer-Encoding: gzip, identity')] }),
  'no Host header': (p) => withLength({ ...p, headers: p.headers.filter((h) => !h.toString('latin1').startsWith('Host:')) }),
  'HTTP/1.0': (p) => withLength({ ...p, requestLine: latin1(p.requestLine.toString('latin1').replace(/HTTP\/1\.1$/, 'HTTP/1.0')) }),
  'HTTP/2.0 on a 1.1 socket': (p) => withLength({ ...p, requestLine: latin1(p.requestLine.toString('latin1').replace(/HTTP\/1\.1$/, 'HTTP/2.0')) }),
  'headers past the size limit': (p) => withLength({ ...p, headers: [...p.headers, latin1(`X-Huge: ${'h'.repeat(70_000)}`)] }),
  'a lowercase method': (p) => withLength({ ...p, requestLine: latin1(p.requestLine.toString('latin1').replace(/^[A-Z]+/, (m) => m.toLowerCase())) }),
  'bare LF line endings': (p) => withLength(p),
};

function bytesOf(parts: Parts, lineEnd: string): Buffer {
  const end = latin1(lineEnd);
  return Buffer.concat([parts.requestLine, end, ...parts.headers.flatMap((h) => [h, end]), end, parts.body]);
}

export function rawRequestArbitrary(requests: fc.Arbitrary<FuzzRequest>, cookieFor: (sender: string) => string | undefined): fc.Arbitrary<RawRequest> {
  return fc.tuple(requests, fc.constantFrom(...Object.keys(BREAKAGES))).map(([request, breakage]) => {
    const parts = BREAKAGES[breakage]!(partsOf(request, cookieFor(request.sender)));
    const raw: RawRequest = { request, breakage, bytes: bytesOf(parts, breakage === 'bare LF line endings' ? '\n' : '\r\n') };
    const shown = JSON.stringify(raw.bytes.subarray(0, 600).toString('latin1'));
    return Object.defineProperty(raw, fc.toStringMethod, { value: () => `${describeRequest(request)}\n  broken on the wire: ${breakage}\n  bytes (latin1): ${shown}`, enumerable: false });
  });
}
