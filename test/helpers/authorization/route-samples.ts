// Every route's sample, keyed "METHOD url" exactly as the route catalogue lists it. The matrix
// fails when a catalogued route has no sample here, or a sample names a route that is gone.
import { ACCOUNT_SAMPLES } from './account-samples.ts';
import { CASE_SAMPLES } from './case-samples.ts';
import { PUBLIC_SAMPLES } from './public-samples.ts';
import type { RouteSample } from './route-sample.ts';

function merged(...tables: Record<string, RouteSample>[]): Readonly<Record<string, RouteSample>> {
  const all: Record<string, RouteSample> = {};
  for (const table of tables) {
    for (const [key, sample] of Object.entries(table)) {
      if (key in all) throw new Error(`two samples for ${key}`);
      all[key] = sample;
    }
  }
  return all;
}

export const ROUTE_SAMPLES = merged(PUBLIC_SAMPLES, ACCOUNT_SAMPLES, CASE_SAMPLES);
