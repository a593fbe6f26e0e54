// Wires the registry's schedules to node-cron; <JOB_NAME>_SCHEDULE overrides a job's own
// schedule or turns it off. Each tick is one runJob (lock, duration, counts); node-cron's
// noOverlap keeps a tick from starting while this instance's previous run is under way.
import cron, { type ScheduledTask } from 'node-cron';
import type { Config } from '../config.ts';
import type { ServiceContext } from '../services/context.ts';
import { runJob } from './job-runner.ts';
import type { Job } from './registry.ts';

export interface RunningJobs {
  /** Job name → the cron expression it runs on; disabled jobs are absent. */
  readonly schedules: ReadonlyMap<string, string>;
  stop(): Promise<void>;
}

/** The configured schedule when one is set (null: off), else the job's own. */
export function effectiveSchedule(job: Job, config: Pick<Config, 'jobSchedules'>): string | null {
  return Object.hasOwn(config.jobSchedules, job.name) ? (config.jobSchedules[job.name] ?? null) : job.schedule;
}

export function startJobs(ctx: ServiceContext, jobs: readonly Job[]): RunningJobs {
  const tasks: ScheduledTask[] = [];
  const schedules = new Map<string, string>();
  for (const name of Object.keys(ctx.config.jobSchedules)) {
    if (!jobs.some((job) => job.name === name)) ctx.logger.warn({ job: name }, 'a schedule is configured for a job that does not exist');
  }
  for (const job of jobs) {
    const schedule = effectiveSchedule(job, ctx.config);
    if (!schedule) {
      ctx.logger.info({ job: job.name, schedule: null }, 'job disabled');
      continue;
    }
    tasks.push(cron.schedule(schedule, () => runJob(ctx, job, { dryRun: false }), { name: job.name, noOverlap: true }));
    schedules.set(job.name, schedule);
    ctx.logger.info({ job: job.name, schedule }, 'job scheduled');
  }
  return {
    schedules,
    stop: async () => {
      for (const task of tasks) await task.destroy();
    },
  };
}
