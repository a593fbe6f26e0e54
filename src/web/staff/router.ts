// Matches /staff paths against the routes' patterns (":name" segments). Pure.
import type { StaffRoute } from './app-context.ts';

export interface RouteMatch {
  readonly route: StaffRoute;
  readonly params: Record<string, string>;
}

export function matchRoute(routes: readonly StaffRoute[], path: string): RouteMatch | null {
  const parts = path.replace(/\/+$/, '').split('/');
  for (const route of routes) {
    const pattern = route.pattern.split('/');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let matches = true;
    for (let i = 0; i < pattern.length && matches; i++) {
      const expected = pattern[i]!;
      const actual = parts[i]!;
      if (expected.startsWith(':')) {
        try {
          params[expected.slice(1)] = decodeURIComponent(actual);
        } catch {
          matches = false;
        }
        matches &&= actual.length > 0;
      } else {
        matches = expected === actual;
      }
    }
    if (matches) return { route, params };
  }
  return null;
}
