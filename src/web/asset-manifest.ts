// Where the browser bundle lives and what it contains: shared by the build script and the server.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_ASSETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'web');

/** Bundle entry points, relative to the repository root (the keys name them in the manifest). */
export const WEB_ENTRY_POINTS = {
  styles: 'src/web/vigie.css',
  'report-page': 'src/web/browser/report-page.ts',
  'mailbox-page': 'src/web/browser/mailbox-page.ts',
  'proof-of-work-worker': 'src/web/browser/proof-of-work-worker.ts',
  'staff-app': 'src/web/staff/staff-app.ts',
  'staff-styles': 'src/web/staff/staff.css',
} as const;

export type WebEntry = keyof typeof WEB_ENTRY_POINTS;

export interface WebAssetManifest {
  entries: Partial<Record<WebEntry, string>>;
  files: string[];
}

export class WebAssetsMissingError extends Error {
  override name = 'WebAssetsMissingError';
}

/** Reads the manifest of a built bundle; a missing or partial build stops start-up with what to run. */
export function readWebAssetManifest(dir = WEB_ASSETS_DIR): Required<WebAssetManifest> & { entries: Record<WebEntry, string> } {
  let manifest: WebAssetManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as WebAssetManifest;
  } catch {
    throw new WebAssetsMissingError(`The browser bundle is not built (${dir}). Run \`npm run build:web\` (npm install and npm start do it).`);
  }
  for (const entry of Object.keys(WEB_ENTRY_POINTS) as WebEntry[]) {
    if (!manifest.entries[entry]) throw new WebAssetsMissingError(`The browser bundle in ${dir} has no ${entry}. Run \`npm run build:web\`.`);
  }
  return manifest as Required<WebAssetManifest> & { entries: Record<WebEntry, string> };
}
