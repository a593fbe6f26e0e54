// What must hold between the stored rows of cases (db/schema.ts, DESIGN.md §4–§6), checked with
// read-only queries: every case whole (sealed report, a staff key, a mailbox, its receipts), no
// row pointing at a case or document that is not there, no key handed to someone the case
// concerns or to another organisation, delivered documents complete, purged cases really gone.
// The foreign keys forbid most of this; the check is for what they cannot see (a restore, a hand
// edit, a store outside the database) and to prove it after a crash. Findings name ids, never content.
import { getTableName, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import {
  caseDocuments,
  caseExclusions,
  caseKeyGrants,
  caseReceipts,
  cases,
  documentChunks,
  mailboxes,
  purgeLog,
  receiptSigningKeys,
  staffAccounts,
} from '../../db/schema.ts';
import { CASE_CHILDREN } from './case-purge.ts';
import type { ServiceContext } from './context.ts';

export interface IntegrityFinding {
  /** Stable name of the check. */
  readonly check: string;
  readonly description: string;
  /** Rows (or cases) found breaking it. */
  readonly found: number;
  /** A few of the ids concerned, for the operator to look at. */
  readonly examples: string[];
}

interface IntegrityRule {
  readonly check: string;
  readonly description: string;
  /** A query selecting one `subject` (an id, as text) per row that breaks the rule. */
  readonly offenders: SQL;
}

const EXAMPLES = 5;

const caseRules: IntegrityRule[] = [
  {
    check: 'case-without-report',
    description: 'cases whose sealed report is empty',
    offenders: sql`select ${cases.id}::text as subject from ${cases} where octet_length(${cases.reportCiphertext}) = 0`,
  },
  {
    check: 'case-without-key-holder',
    description: 'open cases whose key is sealed for no staff member, closed cases whose key is sealed for nobody',
    // A referent may not recuse from an open case they alone hold; once closed, the recovery key may be the last holder.
    offenders: sql`select c.id::text as subject from ${cases} c
      where not exists (select 1 from ${caseKeyGrants} g where g.case_id = c.id and (g.staff_account_id is not null or c.state = 'closed'))`,
  },
  {
    check: 'case-without-mailbox',
    description: 'cases without the reporter’s mailbox',
    offenders: sql`select c.id::text as subject from ${cases} c where not exists (select 1 from ${mailboxes} m where m.case_id = c.id)`,
  },
  {
    check: 'acknowledged-case-without-receipt',
    description: 'acknowledged cases without their signed acknowledgement',
    offenders: sql`select c.id::text as subject from ${cases} c
      where c.acknowledged_at is not null and not exists (select 1 from ${caseReceipts} r where r.case_id = c.id and r.kind = 'acknowledgement')`,
  },
  {
    check: 'closed-case-without-notice',
    description: 'closed cases without their signed closure notice',
    offenders: sql`select c.id::text as subject from ${cases} c
      where c.state = 'closed' and not exists (select 1 from ${caseReceipts} r where r.case_id = c.id and r.kind = 'closure')`,
  },
  {
    check: 'receipt-naming-another-case',
    description: 'receipts whose signed text does not name the reference of their case',
    offenders: sql`select r.id::text as subject from ${caseReceipts} r join ${cases} c on c.id = r.case_id
      where position(to_json(c.reference)::text in r.payload) = 0`,
  },
  {
    check: 'receipt-of-unknown-key',
    description: 'receipts signed by a key this deployment never published',
    offenders: sql`select r.id::text as subject from ${caseReceipts} r where not exists (select 1 from ${receiptSigningKeys} k where k.key_id = r.key_id)`,
  },
  {
    check: 'key-of-excluded-person',
    description: 'case keys sealed for a person the case concerns (excluded or recused)',
    offenders: sql`select g.id::text as subject from ${caseKeyGrants} g
      join ${caseExclusions} x on x.case_id = g.case_id and x.staff_account_id = g.staff_account_id`,
  },
  {
    check: 'key-across-organisations',
    description: 'case keys recorded under, or sealed for, another organisation than the case’s',
    offenders: sql`select g.id::text as subject from ${caseKeyGrants} g join ${cases} c on c.id = g.case_id
      left join ${staffAccounts} s on s.id = g.staff_account_id
      where g.organisation_id <> c.organisation_id or s.organisation_id <> c.organisation_id`,
  },
  {
    check: 'purged-case-still-present',
    description: 'cases in the purge log that still exist (a purge half done)',
    offenders: sql`select p.case_id::text as subject from ${purgeLog} p where exists (select 1 from ${cases} c where c.id = p.case_id)`,
  },
];

/** One rule per table holding case data: rows whose case is missing (the subject is that case id). */
const orphanRules: IntegrityRule[] = CASE_CHILDREN.map((table) => ({
  check: `orphan-${getTableName(table)}`,
  description: `${getTableName(table)} rows of a case that does not exist`,
  offenders: sql`select t.case_id::text as subject from ${table} t where not exists (select 1 from ${cases} c where c.id = t.case_id)`,
}));

const documentRules: IntegrityRule[] = [
  {
    check: 'chunk-of-missing-document',
    description: 'document chunks whose document does not exist',
    offenders: sql`select k.document_id::text as subject from ${documentChunks} k where not exists (select 1 from ${caseDocuments} d where d.id = k.document_id)`,
  },
  {
    check: 'chunk-of-another-case',
    description: 'document chunks filed under another case than their document’s',
    offenders: sql`select k.document_id::text as subject from ${documentChunks} k join ${caseDocuments} d on d.id = k.document_id where k.case_id <> d.case_id`,
  },
  {
    check: 'delivered-document-incomplete',
    description: 'delivered documents missing some of their chunks',
    offenders: sql`select d.id::text as subject from ${caseDocuments} d
      where d.completed_at is not null and (d.stored_chunks <> d.chunk_count or (d.storage = 'database' and d.chunk_count <>
        (select count(*) from ${documentChunks} k where k.document_id = d.id and k.chunk_index >= 0 and k.chunk_index < d.chunk_count)))`,
  },
];

export const INTEGRITY_RULES: readonly IntegrityRule[] = [...caseRules, ...orphanRules, ...documentRules];

async function runRule(db: Executor, rule: IntegrityRule): Promise<IntegrityFinding> {
  const [row] = await db
    .select({
      found: sql<number>`count(*)`.mapWith(Number),
      examples: sql<string[] | null>`(array_agg(finding.subject order by finding.subject))[1:${sql.raw(String(EXAMPLES))}]`,
    })
    .from(sql`(${rule.offenders}) as finding`);
  return { check: rule.check, description: rule.description, found: row?.found ?? 0, examples: row?.examples ?? [] };
}

/**
 * Delivered documents kept in files whose case folder is missing. The folders are listed after
 * the rows are read (a folder exists before its document is delivered), and cases purged
 * meanwhile are left out.
 */
async function missingDocumentFiles(ctx: ServiceContext): Promise<IntegrityFinding> {
  const delivered = await ctx.db
    .selectDistinct({ caseId: caseDocuments.caseId })
    .from(caseDocuments)
    .where(sql`${caseDocuments.storage} = 'files' and ${caseDocuments.completedAt} is not null`);
  const held = new Set(delivered.length === 0 ? [] : await ctx.documentStores.files.casesHeldOutside());
  const absent = delivered.map((row) => row.caseId).filter((caseId) => !held.has(caseId));
  const stillThere = absent.length === 0 ? [] : (await ctx.db.select({ id: cases.id }).from(cases).where(inArray(cases.id, absent))).map((row) => row.id).sort();
  return { check: 'delivered-document-files-missing', description: 'cases with delivered documents whose files are missing', found: stillThere.length, examples: stillThere.slice(0, EXAMPLES) };
}

/** Every rule, one read-only query each, in a fixed order. */
export async function checkIntegrity(ctx: ServiceContext): Promise<IntegrityFinding[]> {
  const findings: IntegrityFinding[] = [];
  for (const rule of INTEGRITY_RULES) findings.push(await runRule(ctx.db, rule));
  findings.push(await missingDocumentFiles(ctx));
  return findings;
}
