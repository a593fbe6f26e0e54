// Named jobs: small units with a run() callable from tests, the CLI (npm run job -- <name>)
// and, for scheduled ones, node-cron (wired elsewhere; the registry only describes them).
import type { ServiceContext } from '../services/context.ts';
import { checkIntegrityJob } from './check-integrity.ts';
import { deadlineRemindersJob } from './deadline-reminders.ts';
import { purgeJob } from './purge.ts';
import { sendNotificationsJob } from './send-notifications.ts';
import { sweepExpiredJob } from './sweep-expired.ts';
import { verifyAuditJob } from './verify-audit.ts';

export interface JobOptions {
  readonly dryRun: boolean;
}

export interface JobReport {
  /** One line per fact, printed by the CLI and logged by the scheduler. */
  readonly lines: string[];
  /** False when the job found a problem (the CLI then exits non-zero). */
  readonly ok: boolean;
}

export interface Job {
  readonly name: string;
  readonly description: string;
  /** node-cron expression, or null for jobs run on demand only. */
  readonly schedule: string | null;
  run(ctx: ServiceContext, options: JobOptions): Promise<JobReport>;
}

export const jobs: readonly Job[] = [verifyAuditJob, sweepExpiredJob, deadlineRemindersJob, purgeJob, sendNotificationsJob, checkIntegrityJob];

export function findJob(name: string): Job | undefined {
  return jobs.find((job) => job.name === name);
}
