// Checks every organisation's audit hash chain and names the first broken entry.
import { asc } from 'drizzle-orm';
import { organisations } from '../../db/schema.ts';
import { verifyAuditChain } from '../services/audit-log.ts';
import type { Job } from './registry.ts';

export const verifyAuditJob: Job = {
  name: 'verify-audit',
  description: 'Verify the hash chain of every organisation’s audit log',
  schedule: null,
  async run(ctx) {
    const lines: string[] = [];
    let ok = true;
    const all = await ctx.db.select({ id: organisations.id, slug: organisations.slug }).from(organisations).orderBy(asc(organisations.slug));
    for (const organisation of all) {
      const result = await verifyAuditChain(ctx.db, organisation.id);
      if (result.firstBroken) {
        ok = false;
        lines.push(`${organisation.slug}: BROKEN at entry #${result.firstBroken.seq} (id ${result.firstBroken.id}): ${result.firstBroken.reason}; ${result.entriesChecked} entries before it verify`);
      } else {
        lines.push(`${organisation.slug}: ok, ${result.entriesChecked} entries verify`);
      }
    }
    if (all.length === 0) lines.push('no organisation yet');
    return { ok, lines };
  },
};
