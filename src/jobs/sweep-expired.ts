// Forgets what has expired anyway: redeemed proof-of-work challenges past their expiry, and
// reporter and staff sessions past their idle or absolute limit (a reporter who never logs
// out leaves no session row behind for long), and document uploads nobody finished.
import { lt, or } from 'drizzle-orm';
import { mailboxSessions, spentChallenges, staffSessions } from '../../db/schema.ts';
import { abandonedUploads, removeDocument } from '../services/documents/case-documents.ts';
import type { Job } from './registry.ts';

export const sweepExpiredJob: Job = {
  name: 'sweep-expired',
  description: 'Delete expired proof-of-work records, ended reporter and staff sessions and abandoned document uploads',
  schedule: '*/10 * * * *',
  async run(ctx, { dryRun }) {
    const now = ctx.clock.now();
    const mailboxIdle = new Date(now.getTime() - ctx.config.intake.mailboxIdleMinutes * 60_000);
    const staffIdle = new Date(now.getTime() - ctx.config.sessionIdleMinutes * 60_000);
    const targets = [
      { label: 'spent proof-of-work challenges', table: spentChallenges, where: lt(spentChallenges.expiresAt, now) },
      { label: 'ended mailbox sessions', table: mailboxSessions, where: or(lt(mailboxSessions.expiresAt, now), lt(mailboxSessions.lastSeenAt, mailboxIdle)) },
      { label: 'ended staff sessions', table: staffSessions, where: or(lt(staffSessions.expiresAt, now), lt(staffSessions.lastSeenAt, staffIdle)) },
    ] as const;
    const lines: string[] = [];
    for (const target of targets) {
      const count = dryRun ? await ctx.db.$count(target.table, target.where) : (await ctx.db.delete(target.table).where(target.where).returning()).length;
      lines.push(`${dryRun ? 'would delete' : 'deleted'} ${count} ${target.label}`);
    }
    const abandoned = await abandonedUploads(ctx.db, new Date(now.getTime() - ctx.config.documents.abandonedUploadHours * 3_600_000));
    if (!dryRun) for (const document of abandoned) await removeDocument(ctx, document);
    lines.push(`${dryRun ? 'would delete' : 'deleted'} ${abandoned.length} document upload(s) left unfinished for over ${ctx.config.documents.abandonedUploadHours} hours`);
    return { ok: true, lines };
  },
};
