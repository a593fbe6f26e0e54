// Closed cases in volume, written straight to the database (the purge tests need hundreds; filing
// each through the API would take minutes): every row a filed, worked and closed case has — the
// case with its report ciphertext and retention columns, key grants, messages, the mailbox and a
// session, both receipts, history — with random bytes where the clients would put ciphertexts.
// Also: per-case row counts (whole, or gone with its tombstone and purge-log entry) and a search
// of every table for raw bytes.
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/index.ts';
import { caseEvents, caseKeyGrants, caseMessages, caseReceipts, cases, mailboxes, mailboxSessions, type CalendarRegion } from '../../db/schema.ts';
import { addCalendarDays, addCalendarMonths, localDateOf } from '../../src/domain/calendar.ts';
import type { CaseOutcome } from '../../src/domain/case-workflow.ts';
import { LEGAL_RETENTION, type RetentionPolicy } from '../../src/domain/retention.ts';
import { newCaseReference } from '../../src/crypto/server/case-reference.ts';
import { retentionColumns } from '../../src/services/case-retention.ts';

export interface ClosedCaseSpec {
  readonly organisationId: string;
  /** Staff accounts the case key is sealed for (the recovery key's grant is added). */
  readonly staffIds: readonly string[];
  readonly count: number;
  /** When case `i` was closed; received ten days before. */
  readonly closedAt: (i: number) => Date;
  readonly outcome?: CaseOutcome;
  readonly region?: CalendarRegion;
  readonly policy?: RetentionPolicy;
}

export interface InsertedCase {
  readonly id: string;
  readonly reference: string;
  readonly lookupId: Uint8Array;
}

const DAY_MS = 86_400_000;
const INSERT_CHUNK = 100;

/** Inserts closed cases, in id order of `i` (ids are random: sort them to know the purge's order). */
export async function insertClosedCases(db: Database, spec: ClosedCaseSpec): Promise<InsertedCase[]> {
  const outcome = spec.outcome ?? 'inadmissible';
  const region = spec.region ?? 'metropole';
  const made: InsertedCase[] = [];
  for (let start = 0; start < spec.count; start += INSERT_CHUNK) {
    const chunk = Array.from({ length: Math.min(INSERT_CHUNK, spec.count - start) }, (_, k) => start + k);
    const rows = await Promise.all(chunk.map(async (i) => closedCaseRows(spec, i, outcome, region, await newCaseReference())));
    await db.transaction(async (tx) => {
      await tx.insert(cases).values(rows.map((r) => r.caseRow));
      await tx.insert(caseKeyGrants).values(rows.flatMap((r) => r.grants));
      await tx.insert(caseMessages).values(rows.flatMap((r) => r.messages));
      await tx.insert(mailboxes).values(rows.map((r) => r.mailbox));
      await tx.insert(mailboxSessions).values(rows.map((r) => r.session));
      await tx.insert(caseReceipts).values(rows.flatMap((r) => r.receipts));
      await tx.insert(caseEvents).values(rows.flatMap((r) => r.events));
    });
    made.push(...rows.map((r) => ({ id: r.caseRow.id, reference: r.caseRow.reference, lookupId: r.mailbox.lookupId })));
  }
  return made;
}

function closedCaseRows(spec: ClosedCaseSpec, i: number, outcome: CaseOutcome, region: CalendarRegion, reference: string) {
  const id = randomUUID();
  const closedAt = spec.closedAt(i);
  const receivedAt = new Date(closedAt.getTime() - 10 * DAY_MS);
  const receivedOn = localDateOf(receivedAt, region);
  const retention = retentionColumns({ outcome, closedAt, proceedingsEndedOn: null }, spec.policy ?? LEGAL_RETENTION, region);
  const caseRow: typeof cases.$inferInsert & { id: string; reference: string } = {
    id,
    organisationId: spec.organisationId,
    reference,
    category: 'atteinte-probite',
    identityMode: 'anonymous',
    state: 'closed',
    receivedAt,
    acknowledgedAt: receivedAt,
    ackDueOn: addCalendarDays(receivedOn, 9),
    feedbackDueOn: addCalendarMonths(receivedOn, 3),
    reportCiphertext: randomBytes(600),
    feedbackGivenAt: closedAt,
    closedAt,
    outcome,
    followUpKind: outcome === 'follow_up' ? 'disciplinary' : null,
    ...retention,
  };
  const grantees = [...spec.staffIds, null];
  const grants = grantees.map((staffAccountId) => ({ id: randomUUID(), caseId: id, organisationId: spec.organisationId, staffAccountId, sealedKey: randomBytes(80), grantedAt: receivedAt }));
  const messages = (['reporter', 'staff', 'staff'] as const).map((authorKind, k) => ({
    id: randomUUID(),
    caseId: id,
    authorKind,
    authorStaffId: authorKind === 'staff' ? (spec.staffIds[0] ?? null) : null,
    purpose: k === 2 ? ('reason' as const) : ('message' as const),
    ciphertext: randomBytes(200),
    sentAt: new Date(receivedAt.getTime() + (k + 1) * DAY_MS),
  }));
  const mailbox = { caseId: id, lookupId: new Uint8Array(randomBytes(32)), authenticatorHash: randomBytes(32), wrappedCaseKey: randomBytes(72) };
  const session = { idHash: randomBytes(32), caseId: id, createdAt: receivedAt, lastSeenAt: receivedAt, expiresAt: new Date(receivedAt.getTime() + 3_600_000) };
  const receipts = (['acknowledgement', 'closure'] as const).map((kind) => ({
    id: randomUUID(),
    caseId: id,
    kind,
    payload: JSON.stringify({ type: 'vigie.receipt', version: 1, kind, caseReference: reference }),
    signature: randomBytes(64),
    keyId: 'bulk-test-key',
    issuedAt: kind === 'closure' ? closedAt : receivedAt,
  }));
  const events = [
    { id: randomUUID(), caseId: id, kind: 'acknowledged', actorKind: 'system' as const, visibleToReporter: false, at: receivedAt },
    { id: randomUUID(), caseId: id, kind: 'closed', actorKind: 'staff' as const, actorStaffId: spec.staffIds[0] ?? null, visibleToReporter: true, at: closedAt },
  ];
  return { caseRow, grants, messages, mailbox, session, receipts, events };
}

/** Every table holding rows of one case, with the column naming it. */
export const CASE_TABLES = {
  cases: 'id',
  case_key_grants: 'case_id',
  case_exclusions: 'case_id',
  case_messages: 'case_id',
  case_receipts: 'case_id',
  case_events: 'case_id',
  committee_votes: 'case_id',
  identity_disclosures: 'case_id',
  legal_holds: 'case_id',
  mailboxes: 'case_id',
  mailbox_sessions: 'case_id',
  staff_reminders: 'case_id',
  case_documents: 'case_id',
  document_chunks: 'case_id',
} as const;

export type CaseRowCounts = Record<keyof typeof CASE_TABLES, number>;

export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  // postgres.js returns an array of rows, PGlite an object with `rows`.
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

/** How many rows each table holds for each of the given cases (one query per table). */
export async function caseRowCounts(db: Executor, caseIds: readonly string[]): Promise<Map<string, CaseRowCounts>> {
  const counts = new Map<string, CaseRowCounts>();
  for (const id of caseIds) counts.set(id, Object.fromEntries(Object.keys(CASE_TABLES).map((table) => [table, 0])) as CaseRowCounts);
  const idList = sql.join(
    caseIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  for (const [table, column] of Object.entries(CASE_TABLES) as [keyof typeof CASE_TABLES, string][]) {
    if (caseIds.length === 0) break;
    const found = rowsOf<{ id: string; n: number }>(
      await db.execute(sql`select ${sql.identifier(column)}::text as id, count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)} in (${idList}) group by 1`),
    );
    for (const row of found) counts.get(row.id)![table] = Number(row.n);
  }
  return counts;
}

/** Case ids that have a purge-log entry. */
export async function purgeLogged(db: Executor, caseIds: readonly string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const idList = sql.join(
    caseIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  return new Set(rowsOf<{ id: string }>(await db.execute(sql`select case_id::text as id from purge_log where case_id in (${idList})`)).map((row) => row.id));
}

export async function countRows(db: Executor, table: string, where = sql`true`): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`));
  return Number(row?.n ?? 0);
}

/** The tables where these bytes appear, in a bytea column (as hex) or anywhere in a row's text. */
export async function databaseContainsBytes(db: Executor, bytes: Uint8Array): Promise<string[]> {
  const tables = rowsOf<{ table_name: string }>(
    await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`),
  ).map((row) => row.table_name);
  if (tables.length < 10) throw new Error(`expected the whole schema, found only ${tables.join(', ')}`);
  const hex = Buffer.from(bytes).toString('hex');
  const base64url = Buffer.from(bytes).toString('base64url');
  const hits: string[] = [];
  for (const table of tables) {
    const found = rowsOf(await db.execute(sql`select 1 from ${sql.identifier(table)} t where strpos(t::text, ${hex}) > 0 or strpos(t::text, ${base64url}) > 0 limit 1`));
    if (found.length > 0) hits.push(table);
  }
  return hits;
}
