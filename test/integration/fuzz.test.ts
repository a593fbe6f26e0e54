// Property-based fuzzing of every declared route (fast-check): requests generated from each
// route's own schema, then broken — wrong types, missing and unknown fields, huge and empty
// values, deep nesting, lone surrogates and NUL, invalid UTF-8, odd content types, path tricks,
// random headers — sent with the credentials the route's audience needs (and sometimes none, a
// wrong role or a forged session). Every answer: never a 5xx; a refusal is a problem+json with
// status, title and detail (a page may refuse with an HTML page); a refusal writes no row (every
// table's count and md5 are compared whenever a request took a transaction id; failed logins
// and spent challenges are the recorded exceptions, see answer-rules); nothing is logged at
// error level; and at the end the server still answers /health over its socket. A table of the
// answers' status classes per route is printed, to show the handlers were reached.
//
// Size and replay (environment):
//   FUZZ_RUNS=200000        requests through inject (default 10000, the CI size)
//   FUZZ_SOCKET_RUNS=2000   raw requests over TCP (default 300)
//   FUZZ_SEED=123           replay a run: a failure prints its seed, path and the failing request
//   FUZZ_KEEP_GOING=1       do not stop (and shrink) at the first failure: list one example of each
//                           distinct failure (route and rule) at the end
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoutes, type DeclaredRoute } from '../../src/plugins/audience.ts';
import { isPageRoute, problemCode, refusalMayWrite, ruleBreaks, type Answer } from '../helpers/fuzz/answer-rules.ts';
import { FuzzTally } from '../helpers/fuzz/fuzz-tally.ts';
import { buildFuzzWorld, type FuzzWorld } from '../helpers/fuzz/fuzz-world.ts';
import { describeRequest, mayEndSession, requestArbitrary, type FuzzRequest } from '../helpers/fuzz/hostile-requests.ts';
import { sendRawBytes } from '../helpers/fuzz/raw-socket.ts';
import { PIPELINED, rawRequestArbitrary } from '../helpers/fuzz/raw-requests.ts';
import { WriteWatch } from '../helpers/fuzz/write-watch.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SOCKET_RUNS = Number(process.env.FUZZ_SOCKET_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_123);
const KEEP_GOING = process.env.FUZZ_KEEP_GOING === '1';
/** With FUZZ_KEEP_GOING: the first example of each distinct failure. */
const failures = new Map<string, string>();
// Generous: a long run is minutes; CI's 10 000 requests take well under two.
const TIME_LIMIT_MS = Math.max(600_000, RUNS * 50);

let t: TestApp;
let world: FuzzWorld;
let watch: WriteWatch;
let unsettled = false;
/** Refusals that wrote what they exist to write (failed logins, spent challenges). */
let recordedRefusals = 0;
let routes: readonly DeclaredRoute[];

beforeAll(async () => {
  t = await startTestApp();
  world = await buildFuzzWorld(t);
  watch = await WriteWatch.of(t.database);
  routes = declaredRoutes(t.app);
}, 120_000);
afterAll(async () => t?.close());

/** Log lines at error level or above among `lines`. */
function errorLines(lines: readonly string[]): string[] {
  return lines.filter((line) => {
    try {
      return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 50;
    } catch {
      return true;
    }
  });
}

function failure(request: FuzzRequest, answers: readonly Answer[], breaks: readonly string[], logged: readonly string[], breakage?: string): Error {
  return new Error(
    [
      breaks.join('; '),
      ...logged.map((line) => `  logged: ${line.slice(0, 1_500)}`),
      describeRequest(request) + (breakage ? `\n  broken on the wire: ${breakage}` : ''),
      ...answers.map((answer) => `  answer: ${answer.status} ${answer.contentType} ${answer.body.slice(0, 300)}`),
      answers.length === 0 ? '  answer: none' : '',
    ].join('\n'),
  );
}

/**
 * Sends, and judges the answers: the rules of answer-rules, and no write by a refusal. `send`
 * says when the writes cannot be told apart (a complete request the server was still handling
 * when it cut the connection over what followed): then the database is let settle, unjudged.
 */
async function judged(request: FuzzRequest, send: () => Promise<{ answers: Answer[]; writesUnknown?: boolean }>, breakage?: string): Promise<void> {
  // A check that failed left the baseline behind: take it again.
  if (unsettled) await watch.rebase();
  unsettled = true;
  const logsBefore = t.logs.length;
  const { answers, writesUnknown } = await send();
  const logged = errorLines(t.logs.slice(logsBefore));
  if (writesUnknown) await watch.settle();
  const tables = writesUnknown ? [] : await watch.changes();
  const breaks = answers.flatMap((answer) => ruleBreaks(answer, { page: isPageRoute(request.route) }));
  const refused = answers.every((answer) => answer.status >= 400);
  if (tables.length > 0 && refused) {
    if (answers.some((answer) => refusalMayWrite(request.route, answer, tables))) recordedRefusals++;
    else breaks.push(`a refused request wrote to ${tables.join(', ')} (${answers.map(problemCode).join(', ') || 'no answer'})`);
  }
  if (logged.length > 0) breaks.push('an error logged');
  if (breaks.length > 0) {
    const error = failure(request, answers, breaks, logged, breakage);
    if (!KEEP_GOING) throw error;
    const key = `${breakage ?? request.route}: ${breaks[0]}`;
    if (!failures.has(key)) failures.set(key, error.message);
  }
  unsettled = false;
}

/** Every route equally often; each route's arbitrary is built once. */
function requests(from: readonly DeclaredRoute[]): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...from.map((route) => requestArbitrary(route, world.hints, world.principals)));
}

describe('fuzzed requests on every declared route', () => {
  it('notices a row written behind its back, and nothing when only reading', async () => {
    await t.app.inject({ method: 'GET', url: '/health' });
    expect(await watch.changes()).toEqual([]);
    await world.freshCookieFor('dpo');
    expect(await watch.changes()).toEqual(['staff_sessions']);
  });

  it(`${RUNS} requests through inject: no 5xx, refusals in problem+json, no row written by a refusal`, async () => {
    const tally = new FuzzTally();
    const property = fc.asyncProperty(requests(routes), async (request) => {
      let cookie = world.cookieFor(request.sender);
      if (mayEndSession(request)) {
        cookie = await world.freshCookieFor(request.sender);
        await watch.rebase();
      }
      await judged(request, async () => {
        const response = await t.app.inject({ method: request.method as 'GET', url: request.url, headers: { ...request.headers, ...(cookie ? { cookie } : {}) }, payload: request.body });
        tally.count(request.route, response.statusCode);
        return { answers: [{ status: response.statusCode, contentType: String(response.headers['content-type'] ?? ''), body: response.body, headOnly: request.method === 'HEAD' }] };
      });
    });
    await fc.assert(property, { numRuns: RUNS, seed: SEED });
    console.log(tally.table(`inject, seed ${SEED}`));
    console.log(`database fingerprints taken: ${watch.fingerprints}; refusals that left their intended record: ${recordedRefusals}`);
    expect(tally.total).toBeGreaterThanOrEqual(RUNS);
    // The fuzz got past the audience hook on every route, not only to its 401 (given enough runs per route).
    if (RUNS >= 100 * routes.length) {
      const unreached = routes.map((route) => `${route.method} ${route.url}`).filter((route) => tally.reached(route) === 0);
      expect(unreached).toEqual([]);
    }
  }, TIME_LIMIT_MS);

  it(`${SOCKET_RUNS} raw requests over TCP: broken bytes get a problem+json or a closed connection, never a 5xx`, async () => {
    const tally = new FuzzTally();
    // Raw requests carry a principal's real cookie; one that could log it out is sent with a forged one.
    const raw = rawRequestArbitrary(
      requests(routes).map((request) => (mayEndSession(request) ? { ...request, sender: 'forged' } : request)),
      (sender) => world.cookieFor(sender),
    );
    const property = fc.asyncProperty(raw, async ({ request, breakage, bytes }) => {
      await judged(
        request,
        async () => {
          const exchange = await sendRawBytes(t.baseUrl, bytes);
          const answers = exchange.answers.map((answer) => ({ ...answer, headOnly: request.method === 'HEAD' }));
          tally.count(breakage, answers[0]?.status ?? 'none');
          // No answer: the server cut the connection (or we gave up) and its handler may still be at work.
          return { answers, writesUnknown: exchange.timedOut || answers.length === 0 || breakage === PIPELINED };
        },
        breakage,
      );
    });
    await fc.assert(property, { numRuns: SOCKET_RUNS, seed: SEED });
    console.log(tally.table(`raw sockets, seed ${SEED}`));
  }, TIME_LIMIT_MS);

  it('kept no failure aside (FUZZ_KEEP_GOING), and leaves the server up with nothing logged at error level', async () => {
    if (failures.size > 0) console.log(`${failures.size} distinct failures:\n\n${[...failures.values()].join('\n\n')}`);
    expect([...failures.keys()]).toEqual([]);
    // Over the socket too: the listener survived the raw bytes.
    const health = await fetch(`${t.baseUrl}/health`);
    expect(health.status).toBe(200);
    expect(errorLines(t.logs).map((line) => line.slice(0, 500))).toEqual([]);
  });
});
