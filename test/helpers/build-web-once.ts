// Vitest global setup: builds the browser bundle once before any test file starts an app, so
// `npx vitest` works on a clone where `npm install` ran with scripts disabled.
import { buildWebAssets } from '../../scripts/build-web.ts';

export default async function setup(): Promise<void> {
  await buildWebAssets();
}
