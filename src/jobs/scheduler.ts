// Wires the registry's schedules to node-cron. A run never overlaps the previous run of the same
// job; each run logs its duration and what it did (lines carry counts, never content).
import cron, { type ScheduledTask } from 'node-cron';
import { safeErrorFields } from '../logger.ts';
import type { ServiceContext } from '../services/context.ts';
import type { Job } from './registry.ts';

export interface RunningJobs {
  stop(): Promise<void>;
}

export function startJobs(ctx: ServiceContext, jobs: readonly Job[]): RunningJobs {
  const tasks: ScheduledTask[] = [];
  for (const job of jobs) {
    if (!job.schedule) continue;
    const task = cron.schedule(
      job.schedule,
      async () => {
        const started = performance.now();
        try {
          const report = await job.run(ctx, { dryRun: false });
          ctx.logger.info({ job: job.name, ms: Math.round(performance.now() - started), ok: report.ok, lines: report.lines }, 'job finished');
        } catch (error) {
          ctx.logger.error({ job: job.name, err: safeErrorFields(error) }, 'job failed');
        }
      },
      { name: job.name, noOverlap: true },
    );
    tasks.push(task);
  }
  return {
    stop: async () => {
      for (const task of tasks) await task.destroy();
    },
  };
}
