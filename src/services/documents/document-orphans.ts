// Document files whose case no longer exists: left by a purge that died between its commit and
// the removal of the files. The purge job removes them on its next run.
import { inArray } from 'drizzle-orm';
import { cases } from '../../../db/schema.ts';
import type { ServiceContext } from '../context.ts';

export async function sweepOrphanedDocuments(ctx: ServiceContext, options: { dryRun: boolean }): Promise<number> {
  let orphans = 0;
  for (const store of Object.values(ctx.documentStores)) {
    const held = await store.casesHeldOutside();
    if (held.length === 0) continue;
    const living = new Set((await ctx.db.select({ id: cases.id }).from(cases).where(inArray(cases.id, held))).map((row) => row.id));
    const gone = held.filter((caseId) => !living.has(caseId));
    orphans += gone.length;
    if (!options.dryRun) await store.forgetCases(gone);
  }
  return orphans;
}
