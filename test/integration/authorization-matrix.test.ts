// The authorization matrix, generated from the route catalogue: every declared route, called by
// every kind of caller — nobody, the reporter of the case, the reporter of another case, each staff
// role of organisation A (a referent holding the case and one who does not), an account disabled
// while its session was live, and a member of organisation B holding every role. Each answer is
// checked against the one the route's declared audience implies (test/helpers/authorization/
// expected-answer.ts); refusals are problem+json and write nothing. Nothing is left out: the
// static pages are public routes like the others.
//
// State-changing routes act on resources kept for them (a case to recuse from, one to vote on,
// documents to upload and abandon, an account to re-invite and disable), so that each allowed call
// succeeds and changes nobody's access; the routes that end a session run last.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoutes, type DeclaredRoute } from '../../src/plugins/audience.ts';
import { callersOf, sendAs, type Caller } from '../helpers/authorization/callers.ts';
import { changedTables, fingerprint } from '../helpers/authorization/database-fingerprint.ts';
import { describeAnswer, expectedAnswer, matrixTable, type MatrixCell } from '../helpers/authorization/expected-answer.ts';
import { ROUTE_SAMPLES } from '../helpers/authorization/route-samples.ts';
import type { RouteSample } from '../helpers/authorization/route-sample.ts';
import { buildAuthorizationWorld, type AuthorizationWorld } from '../helpers/authorization/world.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let world: AuthorizationWorld;
let callers: Caller[];

beforeAll(async () => {
  t = await startTestApp();
  world = await buildAuthorizationWorld(t);
  callers = callersOf(world);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

const keyOf = (route: DeclaredRoute) => `${route.method} ${route.url}`;

function sampleOf(route: DeclaredRoute): RouteSample {
  const sample = ROUTE_SAMPLES[keyOf(route)];
  if (!sample) throw new Error(`no sample for ${keyOf(route)}: add one to test/helpers/authorization/`);
  return sample;
}

describe('the authorization matrix', () => {
  it('has a sample for every catalogued route, and none for a route that is gone', () => {
    const declared = declaredRoutes(t.app).map(keyOf);
    expect(declared.length).toBeGreaterThan(60);
    expect(new Set(declared).size, 'a route is catalogued twice').toBe(declared.length);
    const missing = declared.filter((key) => !(key in ROUTE_SAMPLES));
    const stale = Object.keys(ROUTE_SAMPLES).filter((key) => !declared.includes(key));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it('narrows a declared audience by the service only where the declaration is wider', () => {
    const needless: string[] = [];
    for (const route of declaredRoutes(t.app)) {
      const narrowed = ROUTE_SAMPLES[keyOf(route)]?.serviceRoles;
      if (!narrowed) continue;
      const declared = route.audience.kind === 'staff' && route.audience.roles !== 'any' ? route.audience.roles : null;
      // Once the declaration says it, the sample's narrowing must go (so the matrix checks the declaration alone).
      if (!declared || !narrowed.every((role) => declared.includes(role)) || declared.every((role) => narrowed.includes(role))) {
        needless.push(`${keyOf(route)}: declared ${JSON.stringify(route.audience)}, narrowed to ${narrowed.join(', ')}`);
      }
    }
    expect(needless).toEqual([]);
  });

  it('answers every caller on every route as the declared audience says, refusing in problem+json and writing nothing', async () => {
    // Routes that end the caller's session go last; otherwise the catalogue's order.
    const routes = [...declaredRoutes(t.app)].sort((a, b) => Number(sampleOf(a).endsSession ?? false) - Number(sampleOf(b).endsSession ?? false));
    const cells: MatrixCell[] = [];
    const writes: string[] = [];
    const atStart = await fingerprint(t.services.db);
    for (const route of routes) {
      const sample = sampleOf(route);
      const planned = callers.map((caller) => ({ caller, expected: expectedAnswer(route.audience, sample, caller, world) }));
      // The refusals first, watched for writes; then the callers who reach the handler.
      const refusals = planned.filter((cell) => !cell.expected.reaches);
      const reaching = planned.filter((cell) => cell.expected.reaches);
      const before = refusals.length > 0 ? await fingerprint(t.services.db) : undefined;
      for (const group of [refusals, reaching]) {
        for (const { caller, expected } of group) {
          const answer = await sendAs(t.baseUrl, caller, await sample.request(world, caller));
          cells.push({ route: keyOf(route), caller: caller.name, expected: expected.answer, actual: describeAnswer(answer) });
        }
        if (group === refusals && before) {
          const changed = changedTables(before, await fingerprint(t.services.db));
          if (changed.length > 0) writes.push(`${keyOf(route)}: refused calls wrote ${changed.join(', ')}`);
        }
      }
    }

    const mismatches = cells.filter((cell) => cell.expected !== cell.actual);
    expect(
      mismatches.map((cell) => `${cell.route} as ${cell.caller}: expected ${cell.expected}, got ${cell.actual}`),
      `authorization matrix (${mismatches.length} of ${cells.length} (route, caller) pairs differ):\n${matrixTable(cells)}`,
    ).toEqual([]);
    expect(writes).toEqual([]);
    // The watch sees writes: those of the allowed calls show between the start and the end.
    const written = changedTables(atStart, await fingerprint(t.services.db));
    expect(written).toEqual(expect.arrayContaining(['audit_log', 'case_documents', 'case_messages', 'cases', 'committee_votes', 'identity_disclosures', 'legal_holds', 'staff_accounts']));
    expect(cells.length).toBe(declaredRoutes(t.app).length * callers.length);
    console.log(`authorization matrix: ${cells.length} (route, caller) pairs checked (${routes.length} routes x ${callers.length} callers)`);
  });
});
