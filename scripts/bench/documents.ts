// Supporting documents through the API on loopback: upload and download MB/s of one large file
// (500 MB by default), client-side encryption excluded (the ciphertext is prepared first, then
// sent in the client's own 16-chunk windows), and the server's peak RSS growth meanwhile. The
// server is `src/server.ts` in a child process of its own, so its memory is measured alone.
//   npm run bench -- documents  |  npm run bench:documents -- --mb 500 [...]  |  tsx scripts/bench/documents.ts --mb 500 [--driver pglite|postgres] [--store database|files]
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { uploadDocument, type DocumentPlace, type ListedDocument } from '../../src/client/document-transfer.ts';
import { piecesOf } from '../../src/client/byte-chunks.ts';
import { ReporterClient } from '../../src/client/reporter-client.ts';
import { StaffClient } from '../../src/client/staff-client.ts';
import {
  DOCUMENT_CHUNK_BYTES,
  DocumentEncryptor,
  documentChunkCount,
  documentCiphertextBytes,
  newDocumentKey,
  sealDocumentMetadata,
  wrapDocumentKey,
} from '../../src/crypto/document-stream.ts';
import { toBase64Url } from '../../src/crypto/encoding.ts';
import { newRandomId } from '../../src/crypto/random-id.ts';
import { createOrganisation } from '../../src/services/organisations.ts';
import { inviteReferent, printFigures, scratchDatabase, startBenchApp, type Figure } from './bench-kit.ts';

const { values } = parseArgs({
  options: { mb: { type: 'string', default: '500' }, driver: { type: 'string' }, store: { type: 'string' } },
  allowPositionals: true,
});
const fileBytes = Math.round(Number(values.mb) * 1_000_000);
const WINDOW_CHUNKS = 16;
const CHEAP = { POW_FILING_BITS: '6', POW_MAILBOX_BITS: '6', STAFF_KDF_OPSLIMIT: '1', STAFF_KDF_MEMLIMIT: '8192', AUTH_HASH_MEMORY_KIB: '256', AUTH_HASH_ITERATIONS: '1' };
const MB = 1_000_000;

interface Deployment {
  readonly label: string;
  readonly env: Record<string, string>;
  cleanup(): Promise<void>;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield await Promise.resolve(bytes);
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** An organisation with one activated referent, made through the real app on the deployment's database. */
async function seedOrganisation(env: Record<string, string>): Promise<string> {
  const setup = await startBenchApp({ ...CHEAP, ...env });
  try {
    const slug = `bench-docs-${Date.now().toString(36)}`;
    const { organisation } = await createOrganisation(setup.services, { slug, name: 'Bench documents', adminEmail: null, adminName: 'Admin' });
    const invitation = await inviteReferent(setup.services, organisation.id, `referent@${slug}.fr`, 'Referent');
    await new StaffClient(setup.baseUrl).activate({ code: invitation.code, passphrase: 'bench passphrase', at: setup.clock.now() });
    return slug;
  } finally {
    await setup.close();
  }
}

function rssKib(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

/** Samples the child's resident memory every 10 ms while `work` runs: the peak above `baseline`. */
async function peakDuring<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakKib: number }> {
  let peakKib = rssKib(pid);
  const timer = setInterval(() => (peakKib = Math.max(peakKib, rssKib(pid))), 10);
  try {
    return { result: await work(), peakKib };
  } finally {
    clearInterval(timer);
    peakKib = Math.max(peakKib, rssKib(pid));
  }
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, ...CHEAP, LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error('the server exited at start-up');
    const ok = await fetch(`${baseUrl}/health`).then((r) => r.ok, () => false);
    if (ok) return { child, baseUrl };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not answer /health');
}

/** Encrypts `size` random bytes into a ciphertext file (timed apart: not part of the transfer figures). */
async function prepareCiphertext(place: DocumentPlace, size: number, file: string) {
  const id = await newRandomId();
  const at = { organisationId: place.organisationId, caseId: place.caseId, documentId: id };
  const key = await newDocumentKey();
  const encryptor = await DocumentEncryptor.start(key, at);
  const count = documentChunkCount(size);
  const out = fs.openSync(file, 'w');
  const plaintext = new Uint8Array(DOCUMENT_CHUNK_BYTES);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const length = i === count - 1 ? size - i * DOCUMENT_CHUNK_BYTES : DOCUMENT_CHUNK_BYTES;
    for (let j = 0; j < length; j += 4096) plaintext[j] = (i * 31 + j) & 0xff;
    fs.writeSync(out, encryptor.encryptChunk(plaintext.subarray(0, length), i === count - 1));
  }
  fs.closeSync(out);
  const encryptSeconds = (performance.now() - started) / 1000;
  const announcement = {
    id,
    wrappedKey: toBase64Url(await wrapDocumentKey(place.caseKey, key, at)),
    metadata: toBase64Url(await sealDocumentMetadata(key, { name: 'bench.bin', type: 'application/octet-stream', size }, at)),
    streamHeader: toBase64Url(encryptor.header),
    ciphertextBytes: documentCiphertextBytes(size),
  };
  return { id, announcement, count, encryptSeconds };
}

/** Sends the prepared ciphertext in windows of 16 chunks, as the client does once it has ramped up. */
async function upload(place: DocumentPlace, prepared: Awaited<ReturnType<typeof prepareCiphertext>>, file: string): Promise<void> {
  await place.http.expect(201, 'POST', place.prefix, prepared.announcement);
  const handle = fs.openSync(file, 'r');
  const windowBytes = WINDOW_CHUNKS * (DOCUMENT_CHUNK_BYTES + 17);
  for (let first = 0; first < prepared.count; first += WINDOW_CHUNKS) {
    const body = new Uint8Array(windowBytes);
    const read = fs.readSync(handle, body, 0, windowBytes, first * (DOCUMENT_CHUNK_BYTES + 17));
    const response = await place.http.raw('PUT', `${place.prefix}/${prepared.id}/chunks?from=${first}`, { headers: { 'content-type': 'application/octet-stream' }, body: body.subarray(0, read) as BodyInit });
    if (response.status !== 200) throw new Error(`upload refused: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  }
  fs.closeSync(handle);
}

/** Downloads the ciphertext, hashing it as it comes (no decryption: that is the client's time). */
async function download(place: DocumentPlace, id: string): Promise<string> {
  const response = await place.http.raw('GET', `${place.prefix}/${id}/content`);
  if (response.status !== 200 || !response.body) throw new Error(`download refused: ${response.status}`);
  const hash = createHash('sha256');
  for await (const piece of piecesOf(response.body)) hash.update(piece);
  return hash.digest('hex');
}

async function measure(deployment: Deployment): Promise<Figure[]> {
  const slug = await seedOrganisation(deployment.env);
  const { child, baseUrl } = await startServer(deployment.env);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-docs-'));
  try {
    const reporter = new ReporterClient(baseUrl);
    const intake = await reporter.intake(slug);
    const filed = await reporter.file(slug, { format: 'vigie.report', version: 1, language: 'fr', category: intake.categories[0]!.code, whatHappened: 'Bench', whenAndWhere: '-', whoIsInvolved: '-', howYouKnow: '-', othersAware: '-', identity: null });
    await reporter.openMailbox(filed.token);
    const place = reporter.documents();
    // Warm-up: code paths compiled and pools filled before the baseline is read.
    const warmBytes = new Uint8Array(8 * DOCUMENT_CHUNK_BYTES);
    const warm = { name: 'warm.bin', type: 'application/octet-stream', size: warmBytes.length, read: () => once(warmBytes) };
    const warmId = await uploadDocument(place, warm);
    await download(place, warmId);
    const prepared = await prepareCiphertext(place, fileBytes, path.join(work, 'ciphertext'));
    const expected = createHash('sha256').update(fs.readFileSync(path.join(work, 'ciphertext'))).digest('hex');
    const baselineKib = rssKib(child.pid!);
    let started = performance.now();
    const up = await peakDuring(child.pid!, () => upload(place, prepared, path.join(work, 'ciphertext')));
    const uploadSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const down = await peakDuring(child.pid!, () => download(place, prepared.id));
    const downloadSeconds = (performance.now() - started) / 1000;
    if (down.result !== expected) throw new Error('the downloaded ciphertext differs from the uploaded one');
    const listed = (await place.http.expect<{ documents: ListedDocument[] }>(200, 'GET', place.prefix)).documents.find((d) => d.id === prepared.id);
    if (!listed?.completedAt) throw new Error('the document is not delivered');
    const growthMb = (Math.max(up.peakKib, down.peakKib) - baselineKib) / 1024;
    const mbps = (seconds: number) => fileBytes / MB / seconds;
    const size = `${(fileBytes / MB).toFixed(0)} MB`;
    return [
      { figure: `${deployment.label}: upload of ${size}`, value: `${mbps(uploadSeconds).toFixed(0)} MB/s (${uploadSeconds.toFixed(1)} s)`, target: '>= 100 MB/s', met: mbps(uploadSeconds) >= 100, comparedWith: 'client-side encryption speed, same run' },
      { figure: `${deployment.label}: download of ${size}`, value: `${mbps(downloadSeconds).toFixed(0)} MB/s (${downloadSeconds.toFixed(1)} s)`, target: '>= 100 MB/s', met: mbps(downloadSeconds) >= 100, comparedWith: 'client-side encryption speed, same run' },
      { figure: `${deployment.label}: server peak RSS growth`, value: `${growthMb.toFixed(1)} MB (upload ${((up.peakKib - baselineKib) / 1024).toFixed(1)}, download ${((down.peakKib - baselineKib) / 1024).toFixed(1)}; baseline ${(baselineKib / 1024).toFixed(0)} MB)`, target: '< 64 MB', met: growthMb < 64 },
      { figure: `${deployment.label}: client encryption (excluded above)`, value: `${mbps(prepared.encryptSeconds).toFixed(0)} MB/s`, target: 'reference', met: null },
    ];
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(work, { recursive: true, force: true });
    await deployment.cleanup();
  }
}

async function deployments(): Promise<Deployment[]> {
  const serverUrl = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
  const wanted = values.driver ? [values.driver] : ['pglite', 'postgres'];
  const out: Deployment[] = [];
  for (const driver of wanted) {
    if (driver === 'pglite') {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-pglite-'));
      const keysDir = path.join(dataDir, 'keys');
      const store = values.store ?? 'files';
      out.push({ label: `PGlite, ${store} store`, env: { DATABASE_URL: '', DATA_DIR: dataDir, KEYS_DIR: keysDir, DOCUMENT_STORE: store }, cleanup: () => Promise.resolve(fs.rmSync(dataDir, { recursive: true, force: true })) });
    } else {
      const reachable = await new Promise<boolean>((resolve) => {
        const socket = net.connect(Number(new URL(serverUrl).port || 5432), new URL(serverUrl).hostname, () => (socket.destroy(), resolve(true)));
        socket.on('error', () => resolve(false));
      });
      if (!reachable) {
        console.log(`PostgreSQL at ${new URL(serverUrl).host} unreachable: skipped`);
        continue;
      }
      const scratch = await scratchDatabase(serverUrl, 'documents');
      const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-keys-'));
      const store = values.store ?? 'database';
      const documentsDir = path.join(keysDir, 'documents');
      out.push({
        label: `PostgreSQL, ${store} store`,
        env: { DATABASE_URL: scratch.url, DATA_DIR: keysDir, KEYS_DIR: keysDir, DOCUMENT_STORE: store, DOCUMENTS_DIR: documentsDir },
        cleanup: async () => {
          await scratch.drop();
          fs.rmSync(keysDir, { recursive: true, force: true });
        },
      });
    }
  }
  return out;
}

const figures: Figure[] = [];
for (const deployment of await deployments()) figures.push(...(await measure(deployment)));
printFigures(`Documents: one ${(fileBytes / MB).toFixed(0)} MB file through the API on loopback (server in its own process)`, figures);
