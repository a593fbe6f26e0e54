// npm run job -- <name> [--dry-run]: runs one registered job once, under its lock as the
// scheduler does, and prints what it did (or, with --dry-run, what it would do).
import { parseArgs } from 'node:util';
import { runJob } from '../src/jobs/job-runner.ts';
import { findJob, jobs } from '../src/jobs/registry.ts';
import { runCli } from './cli-context.ts';

// Exit codes scripts can tell apart.
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
const EXIT_SKIPPED = 3;

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'dry-run': { type: 'boolean', default: false } } });
const job = positionals[0] ? findJob(positionals[0]) : undefined;
if (!job) {
  console.error(
    [
      'Usage: npm run job -- <name> [--dry-run]',
      '  --dry-run  report what the job would do and change nothing',
      'Exit codes: 0 done, 1 failed or found a problem, 2 usage, 3 skipped (another run of the job holds its lock)',
      'Jobs:',
      ...jobs.map((j) => `  ${j.name.padEnd(18)} ${j.description}`),
    ].join('\n'),
  );
  process.exit(EXIT_USAGE);
}

await runCli(async ({ services }) => {
  const dryRun = values['dry-run'] ?? false;
  const run = await runJob(services, job, { dryRun });
  for (const line of run.report?.lines ?? []) console.log(line);
  const suffix = dryRun ? ' (dry run)' : '';
  if (run.status === 'skipped') {
    console.log(`${job.name}: skipped, another run holds its lock`);
    process.exitCode = EXIT_SKIPPED;
  } else if (run.status === 'failed' || !run.report?.ok) {
    console.log(`${job.name}: FAILED in ${run.ms} ms${suffix}`);
    process.exitCode = EXIT_FAILED;
  } else {
    console.log(`${job.name}: done in ${run.ms} ms${suffix}`);
  }
});
