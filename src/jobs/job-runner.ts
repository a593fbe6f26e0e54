// One run of a job, the same from the scheduler and the CLI: a real run holds the job's lock (so
// it never overlaps itself, in this instance or another), and every run logs its duration and
// the job's lines, which carry counts and never content.
import { safeErrorFields } from '../logger.ts';
import type { ServiceContext } from '../services/context.ts';
import type { Job, JobOptions, JobReport } from './registry.ts';

export interface JobRun {
  /** skipped: another run held the job's lock, so this one did nothing. */
  readonly status: 'done' | 'failed' | 'skipped';
  /** What the job did; null when it was skipped or threw. */
  readonly report: JobReport | null;
  readonly ms: number;
}

export async function runJob(ctx: ServiceContext, job: Job, { dryRun }: JobOptions): Promise<JobRun> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let release: (() => Promise<void>) | null = null;
  try {
    // A dry run writes nothing, so it needs no lock and may look while a real run works.
    if (!dryRun) {
      release = await ctx.jobLocks.tryAcquire(job.name);
      if (!release) {
        ctx.logger.info({ job: job.name }, 'job skipped: another run holds its lock');
        return { status: 'skipped', report: null, ms: elapsed() };
      }
    }
    const report = await job.run(ctx, { dryRun });
    const ms = elapsed();
    ctx.logger.info({ job: job.name, ms, ok: report.ok, dryRun, lines: report.lines }, 'job finished');
    return { status: 'done', report, ms };
  } catch (error) {
    const ms = elapsed();
    ctx.logger.error({ job: job.name, ms, dryRun, err: safeErrorFields(error) }, 'job failed');
    return { status: 'failed', report: null, ms };
  } finally {
    await release?.().catch((error: unknown) => {
      ctx.logger.error({ job: job.name, err: safeErrorFields(error) }, 'job lock release failed');
    });
  }
}
