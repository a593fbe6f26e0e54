// Append-only, hash-chained audit log, one chain per organisation.
import { and, asc, desc, eq, gt } from 'drizzle-orm';
import { bulkInsert } from '../../db/bulk-insert.ts';
import type { Executor } from '../../db/index.ts';
import { auditLog, organisations, type AuditActorKind } from '../../db/schema.ts';
import { AUDIT_GENESIS_HASH, chainAuditEntry } from '../crypto/server/audit-chain.ts';
import { sameBytes } from '../crypto/server/keyed-hash.ts';

export interface AuditEvent {
  readonly organisationId: string;
  readonly actorKind: AuditActorKind;
  readonly actorId: string | null;
  readonly action: string;
  readonly subjectId?: string | null;
  /** Ids, counts and reasons only: never content, keys, tokens or addresses. */
  readonly details?: Record<string, string | number | boolean | null | string[]>;
}

interface ChainedFields {
  organisationId: string;
  seq: number;
  at: Date;
  actorKind: string;
  actorId: string | null;
  action: string;
  subjectId: string | null;
  details: unknown;
}

/** Sorted-key JSON, so the text hashed does not depend on how jsonb reorders keys. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function canonicalEntry(entry: ChainedFields): string {
  return canonicalJson({
    organisationId: entry.organisationId,
    seq: entry.seq,
    at: entry.at.toISOString(),
    actorKind: entry.actorKind,
    actorId: entry.actorId,
    action: entry.action,
    subjectId: entry.subjectId,
    details: entry.details,
  });
}

/** Appends one entry inside the caller's transaction; the organisation row lock orders concurrent writers. */
export async function appendAudit(tx: Executor, at: Date, event: AuditEvent): Promise<void> {
  await appendAuditEntries(tx, at, event.organisationId, [event]);
}

/** Appends several entries of one organisation in order, with one lock and one insert (the purge's batches). */
export async function appendAuditEntries(tx: Executor, at: Date, organisationId: string, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (events.some((event) => event.organisationId !== organisationId)) throw new Error('appendAuditEntries: every entry must belong to the same organisation');
  // NO KEY UPDATE, not UPDATE: it still orders appenders, but does not conflict with the KEY SHARE
  // locks that foreign-key checks take on the same row earlier in the transaction (a deadlock).
  await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).for('no key update');
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.organisationId, organisationId))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
  const rows: (typeof auditLog.$inferInsert)[] = [];
  for (const event of events) {
    const fields: ChainedFields = {
      organisationId,
      seq: ++seq,
      at,
      actorKind: event.actorKind,
      actorId: event.actorId,
      action: event.action,
      subjectId: event.subjectId ?? null,
      details: event.details ?? {},
    };
    const hash = await chainAuditEntry(prevHash, canonicalEntry(fields));
    rows.push({ ...fields, actorKind: event.actorKind, details: fields.details as Record<string, unknown>, prevHash, hash });
    prevHash = hash;
  }
  await bulkInsert(tx, auditLog, rows);
}

export interface AuditVerification {
  readonly organisationId: string;
  readonly entriesChecked: number;
  readonly firstBroken: { readonly seq: number; readonly id: number; readonly reason: string } | null;
}

const VERIFY_BATCH = 1000;

/** Walks one organisation's chain in order and names the first entry that does not link. */
export async function verifyAuditChain(db: Executor, organisationId: string): Promise<AuditVerification> {
  let expectedSeq = 1;
  let previousHash: Uint8Array = AUDIT_GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, organisationId), gt(auditLog.seq, expectedSeq - 1)))
      .orderBy(asc(auditLog.seq))
      .limit(VERIFY_BATCH);
    for (const row of rows) {
      const broken = (reason: string) => ({ organisationId, entriesChecked: checked, firstBroken: { seq: row.seq, id: row.id, reason } });
      if (row.seq !== expectedSeq) return broken(`expected sequence number ${expectedSeq}, found ${row.seq} (an entry is missing)`);
      if (!(await sameBytes(row.prevHash, previousHash))) return broken('its previous-hash does not match the entry before it');
      const recomputed = await chainAuditEntry(previousHash, canonicalEntry(row));
      if (!(await sameBytes(recomputed, row.hash))) return broken('its content does not match its hash (the entry was altered)');
      previousHash = row.hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < VERIFY_BATCH) return { organisationId, entriesChecked: checked, firstBroken: null };
  }
}
