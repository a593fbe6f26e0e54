// Hourly (PURGE_SCHEDULE): for each organisation, purges the closed cases whose retention has run
// out (R1 at once, R2 two months, R3 when proceedings end or six years), in bounded batches, then
// forgets closure notices past their grace period. Rules are evaluated from dates on each run, so
// a database restored from an old backup loses again, on its next run, whatever was due.
import { organisations } from '../../db/schema.ts';
import { localDateOf } from '../domain/calendar.ts';
import { safeErrorFields } from '../logger.ts';
import { sweepOrphanedDocuments } from '../services/documents/document-orphans.ts';
import { countDueCases, dueCases, forgetExpiredClosureNotices, purgeCases, type DueCase, type PurgeScope } from '../services/case-purge.ts';
import { recomputeRetention } from '../services/case-retention.ts';
import { intakeSettingsOf } from '../services/intake-settings.ts';
import type { ServiceContext } from '../services/context.ts';
import type { Job } from './registry.ts';

export const purgeJob: Job = {
  name: 'purge',
  description: 'Delete the cases whose retention has run out; keep tombstones, purge log and audit',
  schedule: '0 * * * *',
  async run(ctx, { dryRun }) {
    const lines: string[] = [];
    let ok = true;
    for (const organisation of await ctx.db.select({ id: organisations.id, slug: organisations.slug }).from(organisations).orderBy(organisations.slug)) {
      const settings = await intakeSettingsOf(ctx.db, organisation.id);
      const scope: PurgeScope = { organisationId: organisation.id, calendarRegion: settings.calendarRegion, retention: settings.retention };
      // Closed cases without a purge day (closed before retention existed, or restored from such a backup).
      const backfilled = dryRun ? 0 : await ctx.db.transaction((tx) => recomputeRetention(tx, organisation.id, { onlyMissing: true }));
      const today = localDateOf(ctx.clock.now(), settings.calendarRegion);
      if (dryRun) {
        const due = await countDueCases(ctx.db, organisation.id, today);
        const preview = await dueCases(ctx.db, organisation.id, today, 20);
        lines.push(`${organisation.slug}: would purge ${due} case(s)${preview.length > 0 ? `: ${preview.map((c) => `${c.reference} (${c.rule}, due ${c.dueOn})`).join(', ')}${due > preview.length ? ', …' : ''}` : ''}`);
        continue;
      }
      const result = await purgeOrganisation(ctx, scope, today);
      if (result.failedCases.length > 0) ok = false;
      lines.push(
        `${organisation.slug}: purged ${result.purged} case(s) in ${result.batches} batch(es)` +
          (backfilled > 0 ? `; set the purge day of ${backfilled} older closed case(s)` : '') +
          (result.failedCases.length > 0 ? `; FAILED on ${result.failedCases.length} case(s), left whole: ${namesOf(result.failedCases)}` : ''),
      );
    }
    const forgotten = await forgetExpiredClosureNotices(ctx.db, ctx.clock.now(), { dryRun });
    lines.push(`${dryRun ? 'would forget' : 'forgot'} ${forgotten} closure notice(s) past their grace period`);
    const orphans = await sweepOrphanedDocuments(ctx, { dryRun });
    if (orphans > 0) lines.push(`${dryRun ? 'would remove' : 'removed'} the document files of ${orphans} case(s) purged earlier`);
    return { ok, lines };
  },
};

interface OrganisationPurge {
  readonly purged: number;
  readonly batches: number;
  /** Cases whose own purge failed (left whole); the other cases of their batch were purged. */
  readonly failedCases: string[];
}

/**
 * Batches of PURGE_BATCH_SIZE cases, each in one transaction, PURGE_LANES of them at a time (on
 * PostgreSQL a second lane keeps a second core busy; PGlite has one connection). Batches are
 * picked one lane at a time, so two lanes never take the same case. A batch that fails is retried
 * one case at a time, so one case that cannot be purged neither blocks the others nor is
 * half-purged.
 */
async function purgeOrganisation(ctx: ServiceContext, scope: PurgeScope, today: string): Promise<OrganisationPurge> {
  const { purgeBatchSize: batchSize, purgeLanes: lanes } = ctx.config.retention;
  const failed = new Set<string>();
  // Cases taken by a lane, and cases looked at and left (failed, or found not due under their
  // lock): never taken twice in a run.
  const taken = new Set<string>();
  let purged = 0;
  let batches = 0;
  let picking: Promise<unknown> = Promise.resolve();
  const nextBatch = (): Promise<DueCase[]> => {
    const pick = picking.then(async () => {
      const due = (await dueCases(ctx.db, scope.organisationId, today, batchSize + taken.size)).filter((c) => !taken.has(c.id)).slice(0, batchSize);
      for (const c of due) taken.add(c.id);
      return due;
    });
    picking = pick.catch(() => undefined);
    return pick;
  };
  const lane = async (): Promise<void> => {
    for (let due = await nextBatch(); due.length > 0; due = await nextBatch()) {
      batches++;
      try {
        // Awaited first: `purged += await …` would read `purged` before another lane adds to it.
        const purgedIds = await purgeCases(ctx, scope, due.map((c) => c.id));
        purged += forget(taken, purgedIds);
      } catch (batchError) {
        ctx.logger.warn({ job: 'purge', cases: due.length, err: safeErrorFields(batchError) }, 'purge batch failed; retrying its cases one by one');
        for (const dueCase of due) {
          try {
            const purgedIds = await purgeCases(ctx, scope, [dueCase.id]);
            purged += forget(taken, purgedIds);
          } catch (caseError) {
            failed.add(dueCase.id);
            ctx.logger.error({ job: 'purge', caseId: dueCase.id, err: safeErrorFields(caseError) }, 'purge of a case failed; it is left whole');
          }
        }
      }
      // Let other work (HTTP requests on the same database) through between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  // Every lane ends before the run does, even when one fails (its error is the run's).
  const ended = await Promise.allSettled(Array.from({ length: lanes }, lane));
  const failure = ended.find((lane) => lane.status === 'rejected');
  if (failure) throw failure.reason;
  return { purged, batches, failedCases: [...failed] };
}

/** Removes the purged ids from the set of cases taken (they are gone); returns how many were purged. */
function forget(taken: Set<string>, purgedIds: readonly string[]): number {
  for (const id of purgedIds) taken.delete(id);
  return purgedIds.length;
}

/** The first ids of a list, for a report line that stays readable (the log names every case). */
function namesOf(ids: readonly string[], shown = 20): string {
  return ids.length <= shown ? ids.join(', ') : `${ids.slice(0, shown).join(', ')}, … (${ids.length - shown} more)`;
}
