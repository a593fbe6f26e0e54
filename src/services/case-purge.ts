// The purge (DESIGN.md §6): deletes every trace of a due case — report, messages, sealed and
// wrapped keys, identity disclosures, votes and their reasons, receipts, history, mailbox
// credentials — and leaves a tombstone for the indicators, a purge-log entry for the DPO and an
// audit entry by `system`. A batch of cases goes in one transaction: killed or failing at any
// point, it leaves every case either whole or gone, and the next run purges what is still due.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, lt, lte, notExists, sql, type SQL } from 'drizzle-orm';
import { bulkInsert } from '../../db/bulk-insert.ts';
import type { Executor } from '../../db/index.ts';
import {
  caseDocuments,
  caseEvents,
  caseExclusions,
  caseKeyGrants,
  caseMessages,
  caseReceipts,
  cases,
  caseTombstones,
  committeeVotes,
  documentChunks,
  identityDisclosures,
  legalHolds,
  mailboxes,
  mailboxSessions,
  purgedMailboxes,
  purgeLog,
  staffReminders,
  type CalendarRegion,
} from '../../db/schema.ts';
import { localDateOf, type CalendarDate } from '../domain/calendar.ts';
import { caseStatistics } from '../domain/case-tombstone.ts';
import { isPurgeDue, type RetentionPolicy, type RetentionRule } from '../domain/retention.ts';
import { appendAuditEntries, type AuditEvent } from './audit-log.ts';
import { TOMBSTONE_FACT_COLUMNS } from './case-facts.ts';
import { retentionOfCase } from './case-retention.ts';
import type { ServiceContext } from './context.ts';

export interface DueCase {
  readonly id: string;
  readonly reference: string;
  readonly rule: RetentionRule;
  readonly dueOn: CalendarDate;
}

/** A correlated subquery: any active hold on the case blocks its purge. */
const activeHold = sql`(select 1 from ${legalHolds} where ${legalHolds.caseId} = ${cases.id} and ${legalHolds.releasedAt} is null)`;
const notHeld = notExists(activeHold);

/** Closed cases of an organisation due on `today` and not held, oldest due first. */
export async function dueCases(db: Executor, organisationId: string, today: CalendarDate, limit: number): Promise<DueCase[]> {
  const rows = await db
    .select({ id: cases.id, reference: cases.reference, rule: cases.retentionRule, dueOn: cases.purgeDueOn })
    .from(cases)
    .where(and(eq(cases.organisationId, organisationId), lte(cases.purgeDueOn, today), notHeld))
    .orderBy(asc(cases.purgeDueOn), asc(cases.id))
    .limit(limit);
  return rows.map((row) => ({ id: row.id, reference: row.reference, rule: row.rule!, dueOn: row.dueOn! }));
}

/** How many closed cases of an organisation are due on `today` and not held. */
export async function countDueCases(db: Executor, organisationId: string, today: CalendarDate): Promise<number> {
  return db.$count(cases, and(eq(cases.organisationId, organisationId), lte(cases.purgeDueOn, today), notHeld));
}

export interface PurgeScope {
  readonly organisationId: string;
  readonly calendarRegion: CalendarRegion;
  readonly retention: RetentionPolicy;
}

/** Tables holding a case's data, children before the case row (the foreign keys' order). */
export const CASE_CHILDREN = [documentChunks, caseDocuments, staffReminders, mailboxSessions, mailboxes, caseMessages, caseKeyGrants, caseExclusions, committeeVotes, identityDisclosures, caseEvents, caseReceipts, legalHolds] as const;

/** What the purge reads of a case under its lock: the rule's inputs and the tombstone's facts, never the report. */
const PURGE_FACTS = {
  id: cases.id,
  reference: cases.reference,
  ...TOMBSTONE_FACT_COLUMNS,
  proceedingsEndedOn: cases.proceedingsEndedOn,
  retentionRule: cases.retentionRule,
  purgeDueOn: cases.purgeDueOn,
  held: sql<boolean>`exists ${activeHold}`.mapWith(Boolean),
};

/** Case ids as one array parameter, whatever their number. */
function idArray(ids: readonly string[]): SQL {
  return sql`${sql.param([...ids])}::uuid[]`;
}

/**
 * Purges the given cases of one organisation in one transaction, each re-checked under its row
 * lock (still closed, still due by the domain's rule, no active hold). Returns the ids purged.
 * A fixed number of statements per batch, whatever its size.
 */
export async function purgeCases(ctx: ServiceContext, scope: PurgeScope, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const purged = await purgeCaseRows(ctx, scope, ids);
  // Document files cannot join the transaction: they go once it has committed. Should the process
  // die in between, the purge job's sweep of orphaned document folders removes them on its next run.
  for (const store of Object.values(ctx.documentStores)) await store.forgetCases(purged);
  return purged;
}

function purgeCaseRows(ctx: ServiceContext, scope: PurgeScope, ids: readonly string[]): Promise<string[]> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const today = localDateOf(now, scope.calendarRegion);
    const locked = await tx
      .select(PURGE_FACTS)
      .from(cases)
      .where(and(eq(cases.organisationId, scope.organisationId), sql`${cases.id} = any(${idArray(ids)})`))
      .orderBy(asc(cases.id))
      .for('update', { of: cases });
    const due: { row: (typeof locked)[number]; rule: RetentionRule; dueOn: CalendarDate }[] = [];
    for (const row of locked) {
      const retention = retentionOfCase(row, scope.retention, scope.calendarRegion);
      if (retention && isPurgeDue(retention.dueOn, today) && !row.held) {
        due.push({ row, ...retention });
      } else if ((retention?.rule ?? null) !== row.retentionRule || (retention?.dueOn ?? null) !== row.purgeDueOn) {
        // The stored purge day disagrees with the rule (edited by hand?): the rule wins, and is stored.
        await tx.update(cases).set({ retentionRule: retention?.rule ?? null, purgeDueOn: retention?.dueOn ?? null }).where(eq(cases.id, row.id));
      }
    }
    if (due.length === 0) return [];
    const dueIds = due.map((d) => d.row.id);
    await keepClosureNoticesForGrace(ctx, tx, scope.organisationId, dueIds, now);
    await deleteCaseRows(tx, dueIds, ctx.db);
    await bulkInsert(tx, caseTombstones, 
      due.map(({ row, rule }) => {
        const statistics = caseStatistics(row, scope.calendarRegion, today);
        return {
          id: randomUUID(),
          organisationId: scope.organisationId,
          category: statistics.category,
          receivedMonth: statistics.receivedMonth,
          closedMonth: statistics.closedMonth!,
          outcome: statistics.outcome!,
          followUpKind: statistics.followUpKind,
          rule,
          daysToAcknowledgement: statistics.daysToAcknowledgement,
          daysToClosure: statistics.daysToClosure!,
          feedbackOnTime: statistics.feedbackOnTime ?? false,
          purgedAt: now,
        };
      }),
    );
    await bulkInsert(tx, purgeLog, due.map(({ row, rule, dueOn }) => ({ organisationId: scope.organisationId, caseId: row.id, caseReference: row.reference, rule, dueOn, purgedAt: now })));
    const audit: AuditEvent[] = due.map(({ row, rule, dueOn }) => ({
      organisationId: scope.organisationId,
      actorKind: 'system',
      actorId: null,
      action: 'case.purged',
      subjectId: row.id,
      details: { rule, dueOn },
    }));
    await appendAuditEntries(tx, now, scope.organisationId, audit);
    return dueIds;
  });
}

/**
 * Every row of the cases in one statement: the children in data-modifying CTEs, then the cases.
 * The foreign keys (NO ACTION) are checked at the end of the statement, when the children are gone.
 */
async function deleteCaseRows(tx: Executor, caseIds: readonly string[], database: object): Promise<void> {
  const children = CASE_CHILDREN.map((table, i) => sql`${sql.identifier(`purged_${i}`)} as (delete from ${table} where ${table.caseId} = any(${idArray(caseIds)}))`);
  await withoutForeignKeyTriggers(tx, database, () => tx.execute(sql`with ${sql.join(children, sql`, `)} delete from ${cases} where ${cases.id} = any(${idArray(caseIds)})`));
}

/** Per database handle: whether the purge's database role may set session_replication_role. */
const replicaRoleAllowed = new WeakMap<object, boolean>();

/**
 * Runs the delete with session_replication_role = replica where the database role may set it
 * (a superuser, PGlite always, or on PostgreSQL 15+ a role granted SET on that parameter): this
 * skips the foreign-key triggers, about three quarters of the delete's cost (bench:purge,
 * 2026-11-23: 73–87 against 21–25 ms per batch of 100 on PGlite; on PostgreSQL the purge went from
 * 36 % to 69 % of the plain delete's rate). They would check nothing this statement does not
 * already do: it deletes from every table that references a case or a case's child
 * (purge-safety.test.ts fails when one is left out of CASE_CHILDREN; `npm run job --
 * check-integrity` reports orphans). Elsewhere, the triggers run as usual. The privilege is read,
 * not tried: a failed SET would abort the transaction.
 */
async function withoutForeignKeyTriggers(tx: Executor, database: object, work: () => Promise<unknown>): Promise<void> {
  let allowed = replicaRoleAllowed.get(database);
  if (allowed === undefined) {
    allowed = await mayReplicateRole(tx);
    replicaRoleAllowed.set(database, allowed);
  }
  if (allowed) await tx.execute(sql`set local session_replication_role = replica`);
  await work();
  if (allowed) await tx.execute(sql`set local session_replication_role = origin`);
}

async function mayReplicateRole(tx: Executor): Promise<boolean> {
  const [role] = await tx
    .select({
      superuser: sql<boolean>`current_setting('is_superuser') = 'on'`.mapWith(Boolean),
      // has_parameter_privilege() exists from PostgreSQL 15.
      grantable: sql<boolean>`exists (select 1 from pg_proc where proname = 'has_parameter_privilege')`.mapWith(Boolean),
    })
    .from(sql`(select 1) as one`);
  if (role?.superuser) return true;
  if (!role?.grantable) return false;
  const [granted] = await tx.select({ allowed: sql<boolean>`has_parameter_privilege('session_replication_role', 'SET')`.mapWith(Boolean) }).from(sql`(select 1) as one`);
  return granted?.allowed === true;
}

/** For the grace period, the reporter's token opens the signed closure notice alone (nothing if the period is 0). */
async function keepClosureNoticesForGrace(ctx: ServiceContext, tx: Executor, organisationId: string, caseIds: readonly string[], now: Date): Promise<void> {
  const graceDays = ctx.config.retention.mailboxGraceDays;
  if (graceDays === 0) return;
  const expiresAt = new Date(now.getTime() + graceDays * 86_400_000);
  await tx.execute(sql`
    insert into ${purgedMailboxes} (lookup_id, authenticator_hash, organisation_id, notice_payload, notice_signature, notice_key_id, expires_at)
    select ${mailboxes.lookupId}, ${mailboxes.authenticatorHash}, ${organisationId}::uuid, ${caseReceipts.payload}, ${caseReceipts.signature}, ${caseReceipts.keyId}, ${expiresAt.toISOString()}::timestamptz
    from ${mailboxes} join ${caseReceipts} on ${caseReceipts.caseId} = ${mailboxes.caseId} and ${caseReceipts.kind} = 'closure'
    where ${mailboxes.caseId} = any(${idArray(caseIds)})
    on conflict do nothing`);
}

/** Forgets closure notices whose grace period has ended: the token then opens nothing. */
export async function forgetExpiredClosureNotices(db: Executor, now: Date, options: { dryRun: boolean }): Promise<number> {
  if (options.dryRun) return db.$count(purgedMailboxes, lt(purgedMailboxes.expiresAt, now));
  return (await db.delete(purgedMailboxes).where(lt(purgedMailboxes.expiresAt, now)).returning({ lookupId: purgedMailboxes.lookupId })).length;
}
