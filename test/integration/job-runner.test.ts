// The job runner on the suite's real database: a real run holds its job's lock, so of two runs
// at once one works and the other is skipped; the lock is freed however a run ends; a dry run
// takes none; the scheduler runs each job on its configured schedule, or not at all when "off".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DataDirBusyError } from '../../db/data-dir-lock.ts';
import { openDatabase } from '../../db/index.ts';
import { jobLockKey, jobLocksFor } from '../../src/jobs/job-locks.ts';
import { runJob } from '../../src/jobs/job-runner.ts';
import { jobs, type Job, type JobReport } from '../../src/jobs/registry.ts';
import { startJobs } from '../../src/jobs/scheduler.ts';
import { createLogger } from '../../src/logger.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { findLogLeaks } from '../helpers/log-guard.ts';
import { startTestApp, testConfig, type TestApp } from '../helpers/test-app.ts';
import { serverDatabaseUrl } from '../helpers/test-database.ts';

let t: TestApp;
let logs: string[];
let ctx: ServiceContext;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());
beforeEach(() => {
  logs = [];
  ctx = { ...t.services, logger: createLogger('info', { write: (line: string) => void logs.push(line) }) };
});
afterEach(() => {
  expect(findLogLeaks(logs)).toEqual([]);
});

function logged(message: string): Record<string, unknown>[] {
  return logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.msg === message);
}

/** A job registered nowhere whose runs wait until the test opens the gate. */
function gatedJob(name: string) {
  let openGate = () => {};
  let entered = () => {};
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  const started = new Promise<void>((resolve) => (entered = resolve));
  let runs = 0;
  const job: Job = {
    name,
    description: 'waits for the test',
    schedule: null,
    async run(_ctx, { dryRun }): Promise<JobReport> {
      runs += 1;
      entered();
      await gate;
      return { ok: true, lines: [`${dryRun ? 'would forget' : 'forgot'} 3 things`] };
    },
  };
  return { job, started, open: () => openGate(), runs: () => runs };
}

describe('runJob', () => {
  it('of two runs at once, one does the work and the other is skipped; once it ends, the next run works', async () => {
    const gated = gatedJob('test-two-at-once');
    const both = [runJob(ctx, gated.job, { dryRun: false }), runJob(ctx, gated.job, { dryRun: false })];
    const firstToEnd = await Promise.race(both);
    expect(firstToEnd).toMatchObject({ status: 'skipped', report: null });
    gated.open();
    expect((await Promise.all(both)).map((run) => run.status).sort()).toEqual(['done', 'skipped']);
    expect(gated.runs()).toBe(1);

    const third = await runJob(ctx, gated.job, { dryRun: false });
    expect(third).toMatchObject({ status: 'done', report: { ok: true, lines: ['forgot 3 things'] } });
    expect(gated.runs()).toBe(2);
    expect(logged('job skipped: another run holds its lock')).toEqual([expect.objectContaining({ job: 'test-two-at-once' })]);
    expect(logged('job finished')).toEqual([
      expect.objectContaining({ job: 'test-two-at-once', ok: true, dryRun: false, lines: ['forgot 3 things'], ms: expect.any(Number) as number }),
      expect.objectContaining({ job: 'test-two-at-once', ok: true, dryRun: false, lines: ['forgot 3 things'] }),
    ]);
  });

  it('a dry run takes no lock: it reports while a real run works', async () => {
    const gated = gatedJob('test-dry-run');
    const real = runJob(ctx, gated.job, { dryRun: false });
    await gated.started;
    const dry = runJob(ctx, gated.job, { dryRun: true });
    gated.open();
    expect(await dry).toMatchObject({ status: 'done', report: { lines: ['would forget 3 things'] } });
    expect((await real).status).toBe('done');
    expect(gated.runs()).toBe(2);
  });

  it('a run that throws fails, logs the error without its message, and frees the lock for the next run', async () => {
    let calls = 0;
    const flaky: Job = {
      name: 'test-flaky',
      description: 'throws once',
      schedule: null,
      run() {
        calls += 1;
        if (calls === 1) return Promise.reject(new Error('query failed with parameters reporter@example.fr'));
        return Promise.resolve({ ok: true, lines: ['deleted 0 things'] });
      },
    };
    expect(await runJob(ctx, flaky, { dryRun: false })).toMatchObject({ status: 'failed', report: null });
    expect(logged('job failed')).toEqual([expect.objectContaining({ job: 'test-flaky', err: expect.objectContaining({ type: 'Error' }) as object })]);
    expect(logs.join('\n')).not.toContain('reporter@example.fr');

    expect(await runJob(ctx, flaky, { dryRun: false })).toMatchObject({ status: 'done', report: { lines: ['deleted 0 things'] } });
  });

  it('each job has its own lock: one job running does not hold back another', async () => {
    const slow = gatedJob('test-slow');
    const running = runJob(ctx, slow.job, { dryRun: false });
    await slow.started;
    const other = gatedJob('test-other');
    other.open();
    expect((await runJob(ctx, other.job, { dryRun: false })).status).toBe('done');
    slow.open();
    expect((await running).status).toBe('done');
  });
});

describe('job locks', () => {
  it('gives every registered job its own key, outside the 32-bit range other locks use', () => {
    const keys = jobs.map((job) => jobLockKey(job.name));
    expect(new Set(keys).size).toBe(jobs.length);
    for (const key of keys) {
      expect(Number.isSafeInteger(key)).toBe(true);
      expect(key).toBeGreaterThan(2 ** 32);
    }
    expect(jobLockKey('purge')).toBe(jobLockKey('purge'));
  });

  it('a release called twice frees the lock once, and never a later holder’s', async () => {
    const handle = t.database.handle;
    const key = jobLockKey('test-release-twice');
    const first = await handle.tryAdvisoryLock(key);
    expect(first).not.toBeNull();
    expect(await handle.tryAdvisoryLock(key)).toBeNull();
    await first?.();
    await first?.();
    const second = await handle.tryAdvisoryLock(key);
    expect(second).not.toBeNull();
    await first?.();
    expect(await handle.tryAdvisoryLock(key)).toBeNull();
    await second?.();
  });

  if (serverDatabaseUrl()) {
    it('two instances on one PostgreSQL database: only one runs a job; a closed instance’s lock is freed', async () => {
      const other = await openDatabase({ databaseUrl: t.database.url, dataDir: 'memory://', poolSize: 2 });
      const otherInstance: ServiceContext = { ...ctx, db: other.db, jobLocks: jobLocksFor(other) };
      try {
        const gated = gatedJob('test-two-instances');
        const here = runJob(ctx, gated.job, { dryRun: false });
        await gated.started;
        expect(await runJob(otherInstance, gated.job, { dryRun: false })).toMatchObject({ status: 'skipped' });
        gated.open();
        expect((await here).status).toBe('done');
        expect(await runJob(otherInstance, gated.job, { dryRun: false })).toMatchObject({ status: 'done' });

        // A process that dies (here: its connection is cut) ends its session, and with it its lock.
        const key = jobLockKey('test-instance-gone');
        expect(await other.tryAdvisoryLock(key)).not.toBeNull();
        expect(await t.database.handle.tryAdvisoryLock(key)).toBeNull();
        await t.database.handle.db.execute(sql`
          select pg_terminate_backend(pid, 5000) from pg_locks
          where locktype = 'advisory' and granted and classid = ${Math.floor(key / 2 ** 32)} and objid = ${key % 2 ** 32} and objsubid = 1`);
        const release = await t.database.handle.tryAdvisoryLock(key);
        expect(release).not.toBeNull();
        await release?.();
      } finally {
        await other.close();
      }
    });
  } else {
    it('on PGlite one process owns the data folder, so the in-process lock is the only one: two contexts on it exclude each other', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-job-locks-'));
      const owner = await openDatabase({ databaseUrl: undefined, dataDir: dir });
      try {
        await expect(openDatabase({ databaseUrl: undefined, dataDir: dir })).rejects.toThrow(DataDirBusyError);
        const scheduler: ServiceContext = { ...ctx, db: owner.db, jobLocks: jobLocksFor(owner) };
        const cli: ServiceContext = { ...ctx, db: owner.db, jobLocks: jobLocksFor(owner) };
        const gated = gatedJob('test-one-owner');
        const scheduled = runJob(scheduler, gated.job, { dryRun: false });
        await gated.started;
        expect(await runJob(cli, gated.job, { dryRun: false })).toMatchObject({ status: 'skipped' });
        gated.open();
        expect((await scheduled).status).toBe('done');
      } finally {
        await owner.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('startJobs', () => {
  it('runs each job on its configured schedule, its own otherwise, and not at all when "off"', async () => {
    const job = (name: string, schedule: string | null): Job => ({
      name,
      description: name,
      schedule,
      run: () => Promise.resolve({ ok: true, lines: [] }),
    });
    const config = testConfig({ TEST_OFF_SCHEDULE: 'off', TEST_MOVED_SCHEDULE: '0 3 1 1 *', TEST_GHOST_SCHEDULE: '0 3 1 1 *' }, t.config.keysDir);
    const scheduled = startJobs({ ...ctx, config }, [
      job('test-off', '0 4 1 1 *'),
      job('test-moved', '0 4 1 1 *'),
      job('test-own', '0 5 1 1 *'),
      job('test-on-demand', null),
    ]);
    await scheduled.stop();

    expect(Object.fromEntries(scheduled.schedules)).toEqual({ 'test-moved': '0 3 1 1 *', 'test-own': '0 5 1 1 *' });
    expect(logged('job scheduled').map(({ job, schedule }) => ({ job, schedule }))).toEqual([
      { job: 'test-moved', schedule: '0 3 1 1 *' },
      { job: 'test-own', schedule: '0 5 1 1 *' },
    ]);
    expect(logged('job disabled').map(({ job }) => job)).toEqual(['test-off', 'test-on-demand']);
    expect(logged('a schedule is configured for a job that does not exist').map(({ job }) => job)).toEqual(['test-ghost']);
  });
});
