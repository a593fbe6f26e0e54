// check-integrity: after real filings by real crypto clients it finds nothing; each kind of broken
// case or orphaned row planted by hand in SQL is found, named by its check, and nothing else is.
// Orphans cannot be written through the foreign keys, so they are planted with the constraint
// triggers off for one transaction (session_replication_role = replica), as a restore might.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/index.ts';
import { caseKeyGrants, caseReceipts, cases, mailboxes } from '../../db/schema.ts';
import { ReporterClient, type FiledAlert } from '../../src/client/reporter-client.ts';
import { runJob } from '../../src/jobs/job-runner.ts';
import { findJob } from '../../src/jobs/registry.ts';
import { checkIntegrity, INTEGRITY_RULES } from '../../src/services/integrity-check.ts';
import { newOrganisationWithAdmin, organisationWithReferents, sampleReport, type ActiveStaff } from '../helpers/factories.ts';
import { runScript } from '../helpers/receipt-cli.ts';
import { CHEAP_CRYPTO_ENV, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { createTestDatabase } from '../helpers/test-database.ts';

const job = findJob('check-integrity')!;
let t: TestApp;
let referents: ActiveStaff[];
let filed: FiledAlert[];
let otherOrganisationId: string;

/** Writes rows the foreign keys would refuse: their triggers are off for this transaction only. */
async function withoutForeignKeys(db: Database, statement: SQL): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });
}

async function findings() {
  return new Map((await checkIntegrity(t.services)).map((finding) => [finding.check, finding]));
}

beforeAll(async () => {
  t = await startTestApp({ FILINGS_PER_HOUR: '100' });
  const { organisation, referents: staff } = await organisationWithReferents(t, 2);
  referents = staff;
  const slug = organisation.slug;
  const reporter = new ReporterClient(t.baseUrl);
  filed = [];
  for (let i = 0; i < 3; i++) filed.push(await reporter.file(slug, sampleReport(`integrity-${i}`)));
  otherOrganisationId = (await newOrganisationWithAdmin(t)).organisation.id;
});

afterAll(async () => {
  await t?.close();
});

describe('check-integrity on a healthy database', () => {
  it('finds nothing after real filings, and says so check by check', async () => {
    const run = await runJob(t.services, job, { dryRun: false });
    expect(run.status).toBe('done');
    expect(run.report!.ok).toBe(true);
    const all = await findings();
    // Every rule ran, plus the document files check.
    expect(all.size).toBe(INTEGRITY_RULES.length + 1);
    for (const finding of all.values()) expect(finding).toMatchObject({ found: 0, examples: [] });
    expect(run.report!.lines.filter((line) => line.startsWith('ok    '))).toHaveLength(all.size);
    expect(run.report!.lines.at(-1)).toBe(`integrity: ok, ${all.size} checks, nothing found`);
  });
});

interface Plant {
  readonly check: string;
  /** The id the finding must name among its examples. */
  subject(): string;
  plant(): Promise<void>;
  undo(): Promise<void>;
}

/** Deletes a case's rows of one table, and puts them back on undo. */
function removed(table: typeof caseKeyGrants | typeof mailboxes | typeof caseReceipts, check: string, subject: () => string): Plant {
  let saved: Record<string, unknown>[] = [];
  return {
    check,
    subject,
    plant: async () => {
      saved = await t.services.db.delete(table).where(eq(table.caseId, subject())).returning();
      expect(saved.length).toBeGreaterThan(0);
    },
    undo: async () => {
      await t.services.db.insert(table).values(saved as never);
    },
  };
}

/** Runs a statement and discards its result. */
const exec = (statement: SQL) => t.services.db.execute(statement).then(() => undefined);

const caseA = () => filed[0]!.caseId;
const caseB = () => filed[1]!.caseId;
const caseC = () => filed[2]!.caseId;
const missingCase = randomUUID();
const missingDocument = randomUUID();
const plantedDocument = randomUUID();

const plants: Plant[] = [
  (() => {
    let report: Uint8Array | undefined;
    return {
      check: 'case-without-report',
      subject: caseA,
      plant: async () => {
        [{ report }] = (await t.services.db.select({ report: cases.reportCiphertext }).from(cases).where(eq(cases.id, caseA()))) as [{ report: Uint8Array }];
        await exec(sql`update cases set report_ciphertext = ''::bytea where id = ${caseA()}`);
      },
      undo: () => t.services.db.update(cases).set({ reportCiphertext: report! }).where(eq(cases.id, caseA())).then(() => undefined),
    };
  })(),
  removed(caseKeyGrants, 'case-without-key-holder', caseB),
  removed(mailboxes, 'case-without-mailbox', caseC),
  removed(caseReceipts, 'acknowledged-case-without-receipt', caseA),
  {
    check: 'closed-case-without-notice',
    subject: caseB,
    plant: () => exec(sql`update cases set state = 'closed' where id = ${caseB()}`),
    undo: () => exec(sql`update cases set state = 'acknowledged' where id = ${caseB()}`),
  },
  {
    check: 'receipt-naming-another-case',
    subject: () => 'receipt',
    plant: () =>
      exec(sql`update case_receipts set payload = replace(payload, ${filed[0]!.caseReference}, ${filed[1]!.caseReference}) where case_id = ${caseA()}`),
    undo: () =>
      exec(sql`update case_receipts set payload = replace(payload, ${filed[1]!.caseReference}, ${filed[0]!.caseReference}) where case_id = ${caseA()}`),
  },
  {
    check: 'receipt-of-unknown-key',
    subject: () => 'receipt',
    plant: () => exec(sql`update case_receipts set key_id = 'never-published' where case_id = ${caseC()}`),
    undo: () => t.services.db.update(caseReceipts).set({ keyId: t.keys.receiptSigning.keyId }).where(eq(caseReceipts.caseId, caseC())).then(() => undefined),
  },
  {
    check: 'key-of-excluded-person',
    subject: () => 'grant',
    plant: () => exec(sql`insert into case_exclusions (case_id, staff_account_id, reason) values (${caseA()}, ${referents[1]!.accountId}, 'recused')`),
    undo: () => exec(sql`delete from case_exclusions where case_id = ${caseA()}`),
  },
  {
    check: 'key-across-organisations',
    subject: () => 'grant',
    plant: () => withoutForeignKeys(t.services.db, sql`update case_key_grants set organisation_id = ${otherOrganisationId} where case_id = ${caseB()} and staff_account_id = ${referents[0]!.accountId}`),
    undo: () => exec(sql`update case_key_grants set organisation_id = (select organisation_id from cases where id = ${caseB()}) where case_id = ${caseB()}`),
  },
  {
    check: 'purged-case-still-present',
    subject: caseC,
    plant: () =>
      t.services.db
        .execute(sql`insert into purge_log (organisation_id, case_id, case_reference, rule, due_on, purged_at) select organisation_id, id, reference, 'R1', '2026-01-05', now() from cases where id = ${caseC()}`)
        .then(() => undefined),
    undo: () => exec(sql`delete from purge_log where case_id = ${caseC()}`),
  },
  {
    check: 'orphan-mailboxes',
    subject: () => missingCase,
    plant: () => withoutForeignKeys(t.services.db, sql`insert into mailboxes (case_id, lookup_id, authenticator_hash, wrapped_case_key) values (${missingCase}, '\\x00ff'::bytea, '\\x00'::bytea, '\\x00'::bytea)`),
    undo: () => exec(sql`delete from mailboxes where case_id = ${missingCase}`),
  },
  {
    check: 'orphan-case_messages',
    subject: () => missingCase,
    plant: () =>
      withoutForeignKeys(t.services.db, sql`insert into case_messages (id, case_id, author_kind, purpose, ciphertext, sent_at) values (${randomUUID()}, ${missingCase}, 'reporter', 'message', '\\x00'::bytea, now())`),
    undo: () => exec(sql`delete from case_messages where case_id = ${missingCase}`),
  },
  {
    check: 'orphan-case_receipts',
    subject: () => missingCase,
    plant: () =>
      withoutForeignKeys(
        t.services.db,
        sql`insert into case_receipts (id, case_id, kind, payload, signature, key_id, issued_at) values (${randomUUID()}, ${missingCase}, 'acknowledgement', '{}', '\\x00'::bytea, ${t.keys.receiptSigning.keyId}, now())`,
      ),
    undo: () => exec(sql`delete from case_receipts where case_id = ${missingCase}`),
  },
  {
    check: 'chunk-of-missing-document',
    subject: () => missingDocument,
    plant: () => withoutForeignKeys(t.services.db, sql`insert into document_chunks (document_id, chunk_index, case_id, bytes) values (${missingDocument}, 0, ${caseA()}, '\\x00'::bytea)`),
    undo: () => exec(sql`delete from document_chunks where document_id = ${missingDocument}`),
  },
  {
    check: 'chunk-of-another-case',
    subject: () => plantedDocument,
    // A delivered one-chunk document of case B whose chunk is filed under case A.
    plant: async () => {
      await exec(sql`insert into case_documents (id, case_id, author_kind, shared_with_reporter, wrapped_key, metadata, stream_header, ciphertext_bytes, chunk_count, stored_chunks, storage, created_at, completed_at)
        values (${plantedDocument}, ${caseB()}, 'reporter', true, '\\x00'::bytea, '\\x00'::bytea, '\\x00'::bytea, 1, 1, 1, 'database', now(), now())`);
      await exec(sql`insert into document_chunks (document_id, chunk_index, case_id, bytes) values (${plantedDocument}, 0, ${caseA()}, '\\x00'::bytea)`);
    },
    undo: async () => {
      await exec(sql`delete from document_chunks where document_id = ${plantedDocument}`);
      await exec(sql`delete from case_documents where id = ${plantedDocument}`);
    },
  },
  {
    check: 'delivered-document-incomplete',
    subject: () => plantedDocument,
    // Delivered (completed) with two chunks announced and only the first stored.
    plant: async () => {
      await exec(sql`insert into case_documents (id, case_id, author_kind, shared_with_reporter, wrapped_key, metadata, stream_header, ciphertext_bytes, chunk_count, stored_chunks, storage, created_at, completed_at)
        values (${plantedDocument}, ${caseB()}, 'reporter', true, '\\x00'::bytea, '\\x00'::bytea, '\\x00'::bytea, 2, 2, 2, 'database', now(), now())`);
      await exec(sql`insert into document_chunks (document_id, chunk_index, case_id, bytes) values (${plantedDocument}, 0, ${caseB()}, '\\x00'::bytea)`);
    },
    undo: async () => {
      await exec(sql`delete from document_chunks where document_id = ${plantedDocument}`);
      await exec(sql`delete from case_documents where id = ${plantedDocument}`);
    },
  },
];

describe('check-integrity finds what was planted, and only that', () => {
  it.each(plants.map((plant) => [plant.check, plant] as const))('%s', async (check, plant) => {
    await plant.plant();
    try {
      const all = await findings();
      expect(all.get(check)).toMatchObject({ found: 1 });
      const subject = plant.subject();
      // Some subjects are ids drawn by the server (a grant's, a receipt's): only their count is checked.
      if (!['receipt', 'grant'].includes(subject)) expect(all.get(check)!.examples).toEqual([subject]);
      const others = [...all.values()].filter((finding) => finding.check !== check && finding.found > 0);
      expect(others).toEqual([]);

      const run = await runJob(t.services, job, { dryRun: false });
      expect(run.report!.ok).toBe(false);
      expect(run.report!.lines).toContain(`FOUND ${check}: 1 ${all.get(check)!.description} (e.g. ${all.get(check)!.examples.join(', ')})`);
      expect(run.report!.lines.at(-1)).toBe(`integrity: 1 problem(s) in 1 of ${all.size} checks`);
    } finally {
      await plant.undo();
    }
    expect((await runJob(t.services, job, { dryRun: false })).report!.ok).toBe(true);
  });

  it('has a plant for every rule (the orphan rule, one per table of case data, is planted in three of them)', () => {
    const planted = new Set(plants.map((plant) => plant.check));
    expect(INTEGRITY_RULES.map((rule) => rule.check).filter((check) => !planted.has(check) && !check.startsWith('orphan-'))).toEqual([]);
  });
});

describe('npm run job -- check-integrity', () => {
  it('exits 0 with a summary on a sound database, 1 with the finding on a broken one', { timeout: 120_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-integrity-cli-'));
    // Its own database: on PGlite a data folder the CLI opens once the test has closed it.
    const scratch = t.database.url ? await createTestDatabase() : undefined;
    const dataDir = path.join(dir, 'data');
    const open = () => (scratch ? Promise.resolve(scratch.handle) : openDatabase({ databaseUrl: undefined, dataDir }));
    const env = { ...process.env, ...CHEAP_CRYPTO_ENV, DATABASE_URL: scratch?.url ?? '', DATA_DIR: dataDir, KEYS_DIR: path.join(dir, 'keys'), LOG_LEVEL: 'warn' };
    try {
      if (!scratch) await (await open()).close();
      const sound = await runScript('run-job.ts', ['check-integrity'], env);
      expect(sound.code).toBe(0);
      expect(sound.stdout).toContain('ok    orphan-case_messages: 0');
      expect(sound.stdout).toMatch(/integrity: ok, \d+ checks, nothing found\ncheck-integrity: done in \d+ ms/);

      const database = await open();
      await withoutForeignKeys(database.db, sql`insert into case_messages (id, case_id, author_kind, purpose, ciphertext, sent_at) values (${randomUUID()}, ${missingCase}, 'reporter', 'message', '\\x00'::bytea, now())`);
      if (!scratch) await database.close();
      const broken = await runScript('run-job.ts', ['check-integrity'], env);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(`FOUND orphan-case_messages: 1 case_messages rows of a case that does not exist (e.g. ${missingCase})`);
      expect(broken.stdout).toMatch(/integrity: 1 problem\(s\) in 1 of \d+ checks\ncheck-integrity: FAILED in \d+ ms/);
    } finally {
      await scratch?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
