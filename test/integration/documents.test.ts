// Supporting documents (LEGAL.md L10): any size, encrypted in the client as a secretstream of
// chunks, streamed through the API into either store, byte-identical on the way back; anything
// altered, reordered or cut short is refused; a broken upload resumes where the server stopped.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadDocument, readDocumentMetadata, uploadDocument, uploadProgress, type DocumentPlace, type ListedDocument } from '../../src/client/document-transfer.ts';
import { VigieHttp } from '../../src/client/http.ts';
import { ReporterClient, type FiledAlert } from '../../src/client/reporter-client.ts';
import { StaffCasesClient, type OpenedCase } from '../../src/client/staff-cases-client.ts';
import {
  DOCUMENT_CHUNK_BYTES,
  DOCUMENT_CIPHER_CHUNK_BYTES,
  DocumentEncryptor,
  DocumentIntegrityError,
  documentCiphertextBytes,
  newDocumentKey,
  sealDocumentMetadata,
  wrapDocumentKey,
} from '../../src/crypto/document-stream.ts';
import { toBase64Url } from '../../src/crypto/encoding.ts';
import { newRandomId } from '../../src/crypto/random-id.ts';
import { ManualClock } from '../../src/clock.ts';
import { runJob } from '../../src/jobs/job-runner.ts';
import { findJob } from '../../src/jobs/registry.ts';
import { countRows, rowsOf } from '../helpers/closed-cases.ts';
import { collect, randomFile, sha256 } from '../helpers/document-files.ts';
import { inviteStaff, organisationWithReferents, sampleReport, type ActiveStaff } from '../helpers/factories.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const CHUNK = DOCUMENT_CHUNK_BYTES;

describe.each(['database', 'files'] as const)('documents kept in the %s store', (store) => {
  let t: TestApp;
  let folder: string;
  let slug: string;
  let admin: ActiveStaff;
  let holder: ActiveStaff;
  let colleague: ActiveStaff;
  let outsider: ActiveStaff;
  let filed: FiledAlert;
  let reporter: ReporterClient;
  let opened: OpenedCase;
  let reporterPlace: DocumentPlace;
  let staffPlace: DocumentPlace;

  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-documents-'));
    t = await startTestApp({ DOCUMENT_STORE: store, DOCUMENTS_DIR: folder });
    const org = await organisationWithReferents(t, 2);
    slug = org.organisation.slug;
    admin = org.admin;
    [holder, colleague] = org.referents as [ActiveStaff, ActiveStaff];
    outsider = (await organisationWithReferents(t, 1)).referents[0]!;
    reporter = new ReporterClient(t.baseUrl);
    filed = await reporter.file(slug, sampleReport('DOCUMENTS'), { recipients: [holder.accountId] });
    await reporter.openMailbox(filed.token);
    reporterPlace = reporter.documents();
    const staffCases = new StaffCasesClient(holder.client);
    opened = await staffCases.open(filed.caseId);
    staffPlace = staffCases.documents(opened);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const listed = async (place: DocumentPlace, id: string): Promise<ListedDocument | undefined> =>
    (await place.http.expect<{ documents: ListedDocument[] }>(200, 'GET', place.prefix)).documents.find((document) => document.id === id);

  /** A document announced by hand, its ciphertext chunks kept for the test to send as it likes. */
  async function announce(place: DocumentPlace, size: number) {
    const file = randomFile(size);
    const id = await newRandomId();
    const at = { organisationId: place.organisationId, caseId: place.caseId, documentId: id };
    const key = await newDocumentKey();
    const encryptor = await DocumentEncryptor.start(key, at);
    const chunks: Uint8Array[] = [];
    const count = Math.max(1, Math.ceil(size / CHUNK));
    for (let i = 0; i < count; i++) chunks.push(encryptor.encryptChunk(file.bytes.subarray(i * CHUNK, Math.min(size, (i + 1) * CHUNK)), i === count - 1));
    const body = {
      id,
      wrappedKey: toBase64Url(await wrapDocumentKey(place.caseKey, key, at)),
      metadata: toBase64Url(await sealDocumentMetadata(key, file, at)),
      streamHeader: toBase64Url(encryptor.header),
      ciphertextBytes: documentCiphertextBytes(size),
    };
    const answer = await place.http.send('POST', place.prefix, body);
    return { id, file, chunks, body, answer };
  }

  async function rawPut(place: DocumentPlace, id: string, from: number, bytes: Uint8Array) {
    const response = await place.http.raw('PUT', `${place.prefix}/${id}/chunks?from=${from}`, { headers: { 'content-type': 'application/octet-stream' }, body: bytes as BodyInit });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  describe('round trip through the Node client', () => {
    it.each([
      ['an empty file', 0],
      ['a 1-byte file', 1],
      ['a file of exactly one chunk', CHUNK],
      ['a file one byte over a chunk', CHUNK + 1],
      ['a 50 MB file', 50_000_000],
    ])('%s, sent by the reporter, reaches the referent byte-identical', async (_label, size) => {
      const file = randomFile(size, `preuve-${size}.pdf`, 'application/pdf');
      const progress: number[] = [];
      const id = await uploadDocument(reporterPlace, file, { onProgress: (sent) => progress.push(sent) });
      expect(progress.at(-1)).toBe(size);
      const document = (await listed(staffPlace, id))!;
      expect(document).toMatchObject({ author: 'reporter', sharedWithReporter: true, ciphertextBytes: documentCiphertextBytes(size), storedChunks: document.chunkCount });
      expect(document.completedAt).not.toBeNull();
      expect(await readDocumentMetadata(staffPlace, document)).toEqual({ name: `preuve-${size}.pdf`, type: 'application/pdf', size });
      const received = await collect(downloadDocument(staffPlace, document));
      expect(received.length).toBe(size);
      expect(sha256(received)).toBe(sha256(file.bytes));
      // The reporter reads their own document back too.
      expect(sha256(await collect(downloadDocument(reporterPlace, (await listed(reporterPlace, id))!)))).toBe(sha256(file.bytes));
    });

    it('a staff document reaches the reporter only when a referent sends it', async () => {
      const internal = await uploadDocument(staffPlace, randomFile(3000, 'note-interne.txt', 'text/plain'));
      const sent = randomFile(5000, 'formulaire.odt', 'application/vnd.oasis.opendocument.text');
      const sentId = await uploadDocument(staffPlace, sent, { sharedWithReporter: true });
      expect(await listed(reporterPlace, internal)).toBeUndefined();
      expect((await reporterPlace.http.send('GET', `${reporterPlace.prefix}/${internal}/content`)).status).toBe(404);
      const forReporter = (await listed(reporterPlace, sentId))!;
      expect(forReporter).toMatchObject({ author: 'staff', authorStaffId: null, sharedWithReporter: true });
      expect(await readDocumentMetadata(reporterPlace, forReporter)).toMatchObject({ name: 'formulaire.odt' });
      expect(sha256(await collect(downloadDocument(reporterPlace, forReporter)))).toBe(sha256(sent.bytes));
      const fromStaff = (await reporter.refresh()).timeline.filter((entry) => entry.event === 'document_added' && entry.notice?.fr === 'Le référent vous a transmis un document.');
      expect(fromStaff).toHaveLength(1);
    });
  });

  describe('a download that is not the uploaded file is refused', () => {
    async function storedChunk(id: string, caseId: string, index: number): Promise<Uint8Array> {
      if (store === 'files') {
        const all = fs.readFileSync(path.join(folder, caseId, id));
        return new Uint8Array(all.subarray(index * DOCUMENT_CIPHER_CHUNK_BYTES, (index + 1) * DOCUMENT_CIPHER_CHUNK_BYTES));
      }
      const [row] = rowsOf<{ bytes: Uint8Array }>(await t.database.handle.db.execute(sql`select bytes from document_chunks where document_id = ${id}::uuid and chunk_index = ${index}`));
      return new Uint8Array(row!.bytes);
    }
    async function replaceChunk(id: string, caseId: string, index: number, bytes: Uint8Array): Promise<void> {
      if (store === 'files') {
        const handle = fs.openSync(path.join(folder, caseId, id), 'r+');
        fs.writeSync(handle, bytes, 0, bytes.length, index * DOCUMENT_CIPHER_CHUNK_BYTES);
        fs.closeSync(handle);
        return;
      }
      await t.database.handle.db.execute(sql`update document_chunks set bytes = decode(${Buffer.from(bytes).toString('hex')}, 'hex') where document_id = ${id}::uuid and chunk_index = ${index}`);
    }
    const threeChunks = async () => uploadDocument(reporterPlace, randomFile(2 * CHUNK + 100));

    it('a tampered chunk', async () => {
      const id = await threeChunks();
      const chunk = await storedChunk(id, filed.caseId, 1);
      chunk[500] = chunk[500]! ^ 0x01;
      await replaceChunk(id, filed.caseId, 1, chunk);
      await expect(collect(downloadDocument(staffPlace, (await listed(staffPlace, id))!))).rejects.toThrow(/chunk 2 does not decrypt: the file was altered/);
    });

    it('chunks in another order', async () => {
      const id = await threeChunks();
      const [first, second] = [await storedChunk(id, filed.caseId, 0), await storedChunk(id, filed.caseId, 1)];
      await replaceChunk(id, filed.caseId, 0, second);
      await replaceChunk(id, filed.caseId, 1, first);
      await expect(collect(downloadDocument(staffPlace, (await listed(staffPlace, id))!))).rejects.toThrow(/chunk 1 does not decrypt: .*reordered/);
    });

    it('a file cut short of its last chunk', async () => {
      const id = await threeChunks();
      await t.database.handle.db.execute(sql`update case_documents set chunk_count = 2, stored_chunks = 2, ciphertext_bytes = ${2 * DOCUMENT_CIPHER_CHUNK_BYTES} where id = ${id}::uuid`);
      const error = await collect(downloadDocument(staffPlace, (await listed(staffPlace, id))!)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DocumentIntegrityError);
      expect((error as Error).message).toMatch(/ends after chunk 2 without its last chunk: it is truncated/);
    });

    it("a chunk of another document in the same case", async () => {
      const [a, b] = [await threeChunks(), await threeChunks()];
      await replaceChunk(a, filed.caseId, 1, await storedChunk(b, filed.caseId, 1));
      await expect(collect(downloadDocument(staffPlace, (await listed(staffPlace, a))!))).rejects.toThrow(DocumentIntegrityError);
    });
  });

  describe('uploads', () => {
    it('refuses a broken chunk sequence, a body past the end and a cut chunk, keeping only whole chunks in order', async () => {
      const { id, chunks, answer } = await announce(reporterPlace, 3 * CHUNK);
      expect(answer.status).toBe(201);
      const skipped = await rawPut(reporterPlace, id, 1, chunks[1]!);
      expect(skipped.status).toBe(409);
      expect(skipped.body).toMatchObject({ code: 'chunk_out_of_order' });
      expect(skipped.body['detail']).toMatch(/next one is chunk 0, not 1/);
      expect((await uploadProgress(reporterPlace, id)).storedChunks).toBe(0);

      const tooLong = await rawPut(reporterPlace, id, 0, Buffer.concat([...chunks, new Uint8Array(10)]));
      expect(tooLong.status).toBe(400);
      expect(tooLong.body).toMatchObject({ code: 'beyond_end' });
      expect((await uploadProgress(reporterPlace, id)).storedChunks).toBe(0);

      const cut = await rawPut(reporterPlace, id, 0, Buffer.concat([chunks[0]!, chunks[1]!.subarray(0, 1000)]));
      expect(cut.status).toBe(400);
      expect(cut.body).toMatchObject({ code: 'incomplete_chunk' });
      expect(cut.body['detail']).toMatch(/Resume from chunk 1/);
      expect((await uploadProgress(reporterPlace, id)).storedChunks).toBe(1);
      // Not delivered yet: the referent does not see it, the download says it is unfinished.
      expect(await listed(staffPlace, id)).toBeUndefined();
      expect((await reporterPlace.http.send('GET', `${reporterPlace.prefix}/${id}/content`)).status).toBe(409);

      const rest = await rawPut(reporterPlace, id, 1, Buffer.concat([chunks[1]!, chunks[2]!]));
      expect(rest).toMatchObject({ status: 200, body: { storedChunks: 3, complete: true } });
      expect((await rawPut(reporterPlace, id, 3, new Uint8Array(0))).body).toMatchObject({ code: 'document_complete' });
    });

    it('refuses declared sizes no file encrypts to, bad headers and a reused id, writing nothing', async () => {
      const before = await countRows(t.database.handle.db, 'case_documents');
      const { body } = await announce(reporterPlace, 10);
      const attempts = [
        { ...body, id: await newRandomId(), ciphertextBytes: DOCUMENT_CIPHER_CHUNK_BYTES + 5 },
        { ...body, id: await newRandomId(), streamHeader: toBase64Url(new Uint8Array(25).fill(9)) },
        { ...body, id: await newRandomId(), wrappedKey: toBase64Url(new Uint8Array(73)) },
        body,
      ];
      const statuses = [];
      for (const attempt of attempts) statuses.push((await reporterPlace.http.send('POST', reporterPlace.prefix, attempt)).status);
      expect(statuses).toEqual([400, 400, 400, 409]);
      expect(await countRows(t.database.handle.db, 'case_documents')).toBe(before + 1);
    });

    it('resumes an interrupted upload from the last whole chunk the server stored', async () => {
      const { id, file, chunks } = await announce(reporterPlace, 4 * CHUNK);
      const cookieName = reporterPlace.http.cookieNames()[0]!;
      const url = new URL(`${t.baseUrl}${reporterPlace.prefix}/${id}/chunks?from=0`);
      await new Promise<void>((resolve) => {
        const request = http.request(url, {
          method: 'PUT',
          headers: { 'content-type': 'application/octet-stream', 'content-length': 4 * DOCUMENT_CIPHER_CHUNK_BYTES, cookie: `${cookieName}=${reporterPlace.http.cookie(cookieName)}` },
        });
        request.on('error', () => resolve());
        request.on('close', () => resolve());
        request.write(Buffer.concat([chunks[0]!, chunks[1]!, chunks[2]!.subarray(0, CHUNK / 2)]), () => setTimeout(() => request.destroy(), 200));
      });
      let stored = 0;
      for (let wait = 0; wait < 100 && stored < 2; wait++) {
        stored = (await uploadProgress(reporterPlace, id)).storedChunks;
        if (stored < 2) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(stored).toBe(2);
      expect(await rawPut(reporterPlace, id, 2, Buffer.concat([chunks[2]!, chunks[3]!]))).toMatchObject({ status: 200, body: { complete: true } });
      expect(sha256(await collect(downloadDocument(staffPlace, (await listed(staffPlace, id))!)))).toBe(sha256(file.bytes));
    });

    it('the client resumes by itself when the connection breaks in the middle of a window', async () => {
      // A real TCP relay in front of the server that cuts the first connection to carry 3.5 MiB.
      let cuts = 0;
      const target = new URL(t.baseUrl);
      const relay = net.createServer((inbound) => {
        const outbound = net.connect(Number(target.port), target.hostname);
        let carried = 0;
        inbound.on('data', (data: Buffer) => {
          carried += data.length;
          if (cuts === 0 && carried > 3.5 * CHUNK) {
            cuts++;
            inbound.destroy();
            outbound.destroy();
            return;
          }
          outbound.write(data);
        });
        outbound.on('data', (data: Buffer) => inbound.write(data));
        for (const socket of [inbound, outbound]) socket.on('error', () => {});
        inbound.on('close', () => outbound.destroy());
        outbound.on('close', () => inbound.destroy());
      });
      await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
      try {
        const viaRelay = new VigieHttp(`http://127.0.0.1:${(relay.address() as net.AddressInfo).port}`);
        for (const name of reporterPlace.http.cookieNames()) viaRelay.setCookie(name, reporterPlace.http.cookie(name)!);
        const file = randomFile(12 * CHUNK + 7);
        const id = await uploadDocument({ ...reporterPlace, http: viaRelay }, file);
        expect(cuts).toBe(1);
        expect(sha256(await collect(downloadDocument(staffPlace, (await listed(staffPlace, id))!)))).toBe(sha256(file.bytes));
      } finally {
        relay.close();
      }
    });

    it('refuses a file over the organisation limit with the sizes in the message, writing nothing', async () => {
      await admin.client.http.expect(200, 'PATCH', '/api/v1/admin/intake', { documentMaxBytes: 2_000_000 });
      try {
        const before = await countRows(t.database.handle.db, 'case_documents');
        const { answer } = await announce(reporterPlace, 2_500_000);
        expect(answer.status).toBe(413);
        expect(answer.body).toMatchObject({ code: 'payload_too_large' });
        expect((answer.body as { detail: string }).detail).toMatch(/This file is 2\.5 MB; this organisation accepts files of up to 2 MB/);
        expect(await countRows(t.database.handle.db, 'case_documents')).toBe(before);
        expect((await reporter.intake(slug)).documentMaxBytes).toBe(2_000_000);
      } finally {
        await admin.client.http.expect(200, 'PATCH', '/api/v1/admin/intake', { documentMaxBytes: 500_000_000 });
      }
    });

  });

  describe('who reaches documents', () => {
    it('staff without the case key, of another organisation or without a case role get 404 or 403; another reporter sees only their own case', async () => {
      const id = await uploadDocument(reporterPlace, randomFile(100));
      const paths = [staffPlace.prefix, `${staffPlace.prefix}/${id}`, `${staffPlace.prefix}/${id}/content`];
      for (const stranger of [colleague, outsider]) {
        for (const target of paths) expect((await stranger.client.http.send('GET', target)).status).toBe(404);
        expect((await stranger.client.http.send('DELETE', `${staffPlace.prefix}/${id}`)).status).toBe(404);
      }
      const dpo = await inviteStaff(t, admin, ['dpo'], `dpo-${store}@${slug}.fr`);
      for (const target of paths) {
        expect((await admin.client.http.send('GET', target)).status).toBe(403);
        expect((await dpo.client.http.send('GET', target)).status).toBe(403);
        expect((await new VigieHttp(t.baseUrl).send('GET', target)).status).toBe(401);
      }
      const other = new ReporterClient(t.baseUrl);
      await other.openMailbox((await other.file(slug, sampleReport('OTHER'), { recipients: [holder.accountId] })).token);
      expect((await other.http.send('GET', `/api/v1/mailbox/documents/${id}`)).status).toBe(404);
      expect((await other.http.send('GET', `/api/v1/mailbox/documents/${id}/content`)).status).toBe(404);
      expect((await other.http.expect<{ documents: unknown[] }>(200, 'GET', '/api/v1/mailbox/documents')).documents).toEqual([]);
    });
  });

  describe('retention', () => {
    it('the purge removes the documents with the rest of the case', async () => {
      const victim = new ReporterClient(t.baseUrl);
      const alert = await victim.file(slug, sampleReport('PURGED-DOCS'), { recipients: [holder.accountId] });
      await victim.openMailbox(alert.token);
      await uploadDocument(victim.documents(), randomFile(CHUNK + 10));
      expect(await countRows(t.database.handle.db, 'case_documents', sql`case_id = ${alert.caseId}::uuid`)).toBe(1);
      await t.database.handle.db.execute(sql`
        update cases set state = 'closed', closed_at = ${t.clock.now().toISOString()}::timestamptz, outcome = 'inadmissible', retention_rule = 'R1', purge_due_on = ${t.clock.now().toISOString().slice(0, 10)}::date
        where id = ${alert.caseId}::uuid`);
      const run = await runJob(t.services, findJob('purge')!, { dryRun: false });
      expect(run.report?.ok).toBe(true);
      expect(await countRows(t.database.handle.db, 'case_documents', sql`case_id = ${alert.caseId}::uuid`)).toBe(0);
      expect(await countRows(t.database.handle.db, 'document_chunks', sql`case_id = ${alert.caseId}::uuid`)).toBe(0);
      expect(fs.existsSync(path.join(folder, alert.caseId))).toBe(false);
    });
  });

  // Only the files store keeps anything outside the database.
  if (store === 'files') describe('document files of a case that no longer exists', () => {
    it('are removed by the next purge run (a purge that died between its commit and the files)', async () => {
      await uploadDocument(reporterPlace, randomFile(10));
      const gone = path.join(folder, '3f0c2a9e-5b1d-4c3e-9f2a-7d6b5c4e3a21');
      fs.mkdirSync(gone);
      fs.writeFileSync(path.join(gone, '0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70'), 'ciphertext');
      fs.mkdirSync(path.join(folder, 'not-a-case'));
      const dry = await runJob(t.services, findJob('purge')!, { dryRun: true });
      expect(dry.report!.lines).toContain('would remove the document files of 1 case(s) purged earlier');
      expect(fs.existsSync(gone)).toBe(true);
      const run = await runJob(t.services, findJob('purge')!, { dryRun: false });
      expect(run.report!.lines).toContain('removed the document files of 1 case(s) purged earlier');
      expect(fs.existsSync(gone)).toBe(false);
      // Folders of living cases, and anything not named like a case, stay.
      expect(fs.existsSync(path.join(folder, filed.caseId))).toBe(true);
      expect(fs.existsSync(path.join(folder, 'not-a-case'))).toBe(true);
    });
  });

  // Last: the sweep, run a day later, also ends every session the tests above used.
  describe('abandoned uploads', () => {
    it('an upload left unfinished is abandoned by its author, or swept after a day', async () => {
      const mine = await announce(reporterPlace, 2 * CHUNK);
      await rawPut(reporterPlace, mine.id, 0, mine.chunks[0]!);
      expect((await holder.client.http.send('DELETE', `${staffPlace.prefix}/${mine.id}`)).status).toBe(404);
      expect((await reporterPlace.http.send('DELETE', `${reporterPlace.prefix}/${mine.id}`)).status).toBe(204);
      expect((await uploadProgress(reporterPlace, mine.id).catch((error: { status: number }) => error.status))).toBe(404);

      // A delivered document is never abandoned.
      const delivered = await uploadDocument(reporterPlace, randomFile(10));
      expect((await reporterPlace.http.send('DELETE', `${reporterPlace.prefix}/${delivered}`)).status).toBe(409);

      const left = await announce(reporterPlace, 2 * CHUNK);
      await rawPut(reporterPlace, left.id, 0, left.chunks[0]!);
      // A day and more later (a clock of its own, so the sessions of the other tests live on).
      const later = new ManualClock(new Date(t.clock.now().getTime() + 25 * 3_600_000));
      const run = await runJob({ ...t.services, clock: later }, findJob('sweep-expired')!, { dryRun: false });
      expect(run.report!.lines.join('\n')).toMatch(/deleted [1-9]\d* document upload\(s\) left unfinished/);
      expect(await countRows(t.database.handle.db, 'document_chunks', sql`document_id = ${left.id}::uuid`)).toBe(0);
      expect(await countRows(t.database.handle.db, 'case_documents', sql`id = ${left.id}::uuid`)).toBe(0);
      if (store === 'files') expect(fs.existsSync(path.join(folder, filed.caseId, left.id))).toBe(false);
    });
  });
});
