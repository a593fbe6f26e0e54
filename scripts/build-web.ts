// Builds the browser bundle from src/web into dist/web (never committed): the reporter pages'
// scripts, their proof-of-work worker and the stylesheet, with content-hashed names, plus gzip
// and brotli copies so the service sends compressed assets without compressing per request.
// Runs on `npm install` (prepare), before `npm start` (prestart) and before the test suite.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { WEB_ASSETS_DIR, WEB_ENTRY_POINTS, type WebAssetManifest, type WebEntry } from '../src/web/asset-manifest.ts';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildWebAssets(outDir = WEB_ASSETS_DIR): Promise<WebAssetManifest> {
  const staging = `${outDir}.building-${process.pid}-${Date.now()}`;
  fs.rmSync(staging, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(WEB_ENTRY_POINTS).map(([name, file]) => [name, path.join(root, file)])),
    outdir: staging,
    bundle: true,
    format: 'esm',
    // Shared chunks (libsodium above all) are fetched once by the page and its worker.
    splitting: true,
    minify: true,
    sourcemap: false,
    target: ['es2022', 'chrome100', 'firefox100', 'safari15'],
    platform: 'browser',
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const manifest: WebAssetManifest = { entries: {}, files: [] };
  for (const [output, meta] of Object.entries(result.metafile.outputs)) {
    const file = path.basename(output);
    manifest.files.push(file);
    const entry = Object.entries(WEB_ENTRY_POINTS).find(([, source]) => meta.entryPoint === source);
    if (entry) manifest.entries[entry[0] as WebEntry] = file;
    const bytes = fs.readFileSync(path.join(root, output));
    fs.writeFileSync(path.join(root, `${output}.gz`), zlib.gzipSync(bytes, { level: 9 }));
    fs.writeFileSync(path.join(root, `${output}.br`), zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
  // Publish without a moment where a reader finds the manifest naming a missing file (a running
  // server, or a test run building at the same time): hashed files first, then the manifest by an
  // atomic rename. Files of earlier builds are pruned once they are a few minutes old.
  fs.mkdirSync(outDir, { recursive: true });
  for (const file of fs.readdirSync(staging)) fs.renameSync(path.join(staging, file), path.join(outDir, file));
  const manifestFile = path.join(outDir, 'manifest.json');
  fs.writeFileSync(`${manifestFile}.${process.pid}`, JSON.stringify(manifest, null, 2));
  fs.renameSync(`${manifestFile}.${process.pid}`, manifestFile);
  fs.rmSync(staging, { recursive: true, force: true });
  const current = new Set(manifest.files.flatMap((file) => [file, `${file}.gz`, `${file}.br`]));
  const staleBefore = Date.now() - 10 * 60_000;
  for (const file of fs.readdirSync(outDir)) {
    const full = path.join(outDir, file);
    if (file === 'manifest.json' || current.has(file) || file.startsWith('manifest.json.')) continue;
    if (fs.statSync(full).mtimeMs < staleBefore) fs.rmSync(full, { force: true });
  }
  return manifest;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const manifest = await buildWebAssets();
  console.log(`web assets built in ${path.relative(root, WEB_ASSETS_DIR)}: ${manifest.files.length} files`);
}
