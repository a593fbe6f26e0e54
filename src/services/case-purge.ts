// The purge (DESIGN.md §6): deletes every trace of a due case — report, messages, sealed and
// wrapped keys, identity disclosures, votes and their reasons, receipts, history, mailbox
// credentials — and leaves a tombstone for the indicators, a purge-log entry for the DPO and an
// audit entry by `system`. A batch of cases goes in one transaction: killed or failing at any
// point, it leaves every case either whole or gone, and the next run purges what is still due.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lt, lte, notExists, sql } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import {
  caseEvents,
  caseExclusions,
  caseKeyGrants,
  caseMessages,
  caseReceipts,
  cases,
  caseTombstones,
  committeeVotes,
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
import type { CaseRow } from './case-access.ts';
import { retentionOfCase } from './case-retention.ts';
import type { ServiceContext } from './context.ts';

export interface DueCase {
  readonly id: string;
  readonly reference: string;
  readonly rule: RetentionRule;
  readonly dueOn: CalendarDate;
}

const notHeld = notExists(
  // A correlated subquery: any active hold on the case blocks it.
  sql`(select 1 from ${legalHolds} where ${legalHolds.caseId} = ${cases.id} and ${legalHolds.releasedAt} is null)`,
);

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
const CASE_CHILDREN = [staffReminders, mailboxSessions, mailboxes, caseMessages, caseKeyGrants, caseExclusions, committeeVotes, identityDisclosures, caseEvents, caseReceipts, legalHolds] as const;

/**
 * Purges the given cases of one organisation in one transaction, each re-checked under its row
 * lock (still closed, still due by the domain's rule, no active hold). Returns the ids purged.
 */
export function purgeCases(ctx: ServiceContext, scope: PurgeScope, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const today = localDateOf(now, scope.calendarRegion);
    const locked = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.organisationId, scope.organisationId), inArray(cases.id, [...ids])))
      .orderBy(asc(cases.id))
      .for('update');
    const held = new Set(
      (await tx.select({ caseId: legalHolds.caseId }).from(legalHolds).where(and(inArray(legalHolds.caseId, [...ids]), isNull(legalHolds.releasedAt)))).map((h) => h.caseId),
    );
    const due: { row: CaseRow; rule: RetentionRule; dueOn: CalendarDate }[] = [];
    for (const row of locked) {
      const retention = retentionOfCase(row, scope.retention, scope.calendarRegion);
      if (retention && isPurgeDue(retention.dueOn, today) && !held.has(row.id)) {
        due.push({ row, ...retention });
      } else if ((retention?.rule ?? null) !== row.retentionRule || (retention?.dueOn ?? null) !== row.purgeDueOn) {
        // The stored purge day disagrees with the rule (edited by hand?): the rule wins, and is stored.
        await tx.update(cases).set({ retentionRule: retention?.rule ?? null, purgeDueOn: retention?.dueOn ?? null }).where(eq(cases.id, row.id));
      }
    }
    if (due.length === 0) return [];
    const dueIds = due.map((d) => d.row.id);
    await keepClosureNoticesForGrace(ctx, tx, scope.organisationId, dueIds, now);
    for (const table of CASE_CHILDREN) await tx.delete(table).where(inArray(table.caseId, dueIds));
    await tx.delete(cases).where(inArray(cases.id, dueIds));
    await tx.insert(caseTombstones).values(
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
    await tx.insert(purgeLog).values(due.map(({ row, rule, dueOn }) => ({ organisationId: scope.organisationId, caseId: row.id, caseReference: row.reference, rule, dueOn, purgedAt: now })));
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

/** For the grace period, the reporter's token opens the signed closure notice alone (nothing if the period is 0). */
async function keepClosureNoticesForGrace(ctx: ServiceContext, tx: Executor, organisationId: string, caseIds: string[], now: Date): Promise<void> {
  const graceDays = ctx.config.retention.mailboxGraceDays;
  if (graceDays === 0) return;
  const rows = await tx
    .select({ lookupId: mailboxes.lookupId, authenticatorHash: mailboxes.authenticatorHash, payload: caseReceipts.payload, signature: caseReceipts.signature, keyId: caseReceipts.keyId })
    .from(mailboxes)
    .innerJoin(caseReceipts, and(eq(caseReceipts.caseId, mailboxes.caseId), eq(caseReceipts.kind, 'closure')))
    .where(inArray(mailboxes.caseId, caseIds));
  if (rows.length === 0) return;
  const expiresAt = new Date(now.getTime() + graceDays * 86_400_000);
  await tx
    .insert(purgedMailboxes)
    .values(rows.map((row) => ({ lookupId: row.lookupId, authenticatorHash: row.authenticatorHash, organisationId, noticePayload: row.payload, noticeSignature: row.signature, noticeKeyId: row.keyId, expiresAt })))
    .onConflictDoNothing();
}

/** Forgets closure notices whose grace period has ended: the token then opens nothing. */
export async function forgetExpiredClosureNotices(db: Executor, now: Date, options: { dryRun: boolean }): Promise<number> {
  if (options.dryRun) return db.$count(purgedMailboxes, lt(purgedMailboxes.expiresAt, now));
  return (await db.delete(purgedMailboxes).where(lt(purgedMailboxes.expiresAt, now)).returning({ lookupId: purgedMailboxes.lookupId })).length;
}
