// One advisory lock per job name, so that of several instances on one database only one runs a
// given job at a time, and a run never starts while another run of the same job is under way.
import type { DatabaseHandle } from '../../db/index.ts';

export interface JobLocks {
  /** The job's lock and how to release it, or null when another run holds it. */
  tryAcquire(jobName: string): Promise<(() => Promise<void>) | null>;
}

export function jobLocksFor(handle: Pick<DatabaseHandle, 'tryAdvisoryLock'>): JobLocks {
  return { tryAcquire: (jobName) => handle.tryAdvisoryLock(jobLockKey(jobName)) };
}

// The upper 32 bits of every job's key ("VG"): job keys can never equal the migration lock or
// any other key below 2^32, whatever the job's name hashes to.
const JOB_LOCK_NAMESPACE = 0x5647;

/** The job's advisory lock key: its namespace, then FNV-1a (32-bit) of "vigie:job:<name>". Stable across releases. */
export function jobLockKey(jobName: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(`vigie:job:${jobName}`)) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  // At most 2^47: a safe integer in JavaScript, a bigint key for PostgreSQL.
  return JOB_LOCK_NAMESPACE * 2 ** 32 + hash;
}
