// The built browser bundle held in memory with its precompressed copies: a few hundred kilobytes,
// read once at start-up, served by content-hashed name only (never a path built from a request).
import fs from 'node:fs';
import path from 'node:path';
import { readWebAssetManifest, WEB_ASSETS_DIR, type WebEntry } from './asset-manifest.ts';

export interface WebAsset {
  readonly contentType: string;
  readonly identity: Buffer;
  readonly gzip: Buffer;
  readonly brotli: Buffer;
}

export interface WebAssets {
  /** URL path of a bundle entry, e.g. /assets/report-page-3FQ2.js. */
  url(entry: WebEntry): string;
  /** URL paths of the script chunks an entry imports (for modulepreload). */
  chunkUrls(): string[];
  find(file: string): WebAsset | undefined;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export function loadWebAssets(dir = WEB_ASSETS_DIR): WebAssets {
  const manifest = readWebAssetManifest(dir);
  const files = new Map<string, WebAsset>();
  for (const file of manifest.files) {
    const contentType = CONTENT_TYPES[path.extname(file)];
    if (!contentType) continue;
    const full = path.join(dir, file);
    files.set(file, {
      contentType,
      identity: fs.readFileSync(full),
      gzip: fs.readFileSync(`${full}.gz`),
      brotli: fs.readFileSync(`${full}.br`),
    });
  }
  const chunks = manifest.files.filter((file) => file.startsWith('chunk-') && file.endsWith('.js')).map((file) => `/assets/${file}`);
  return {
    url: (entry) => `/assets/${manifest.entries[entry]}`,
    chunkUrls: () => chunks,
    find: (file) => files.get(file),
  };
}
