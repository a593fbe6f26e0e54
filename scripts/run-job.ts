// npm run job -- <name> [--dry-run]: runs one registered job once and prints what it did.
import { parseArgs } from 'node:util';
import { findJob, jobs } from '../src/jobs/registry.ts';
import { runCli } from './cli-context.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'dry-run': { type: 'boolean', default: false } } });
const job = positionals[0] ? findJob(positionals[0]) : undefined;
if (!job) {
  console.error(`Usage: npm run job -- <name> [--dry-run]\nJobs:\n${jobs.map((j) => `  ${j.name.padEnd(16)} ${j.description}`).join('\n')}`);
  process.exit(2);
}

await runCli(async ({ services }) => {
  const started = performance.now();
  const report = await job.run(services, { dryRun: values['dry-run'] ?? false });
  for (const line of report.lines) console.log(line);
  console.log(`${job.name}: ${report.ok ? 'done' : 'FAILED'} in ${Math.round(performance.now() - started)} ms${values['dry-run'] ? ' (dry run)' : ''}`);
  if (!report.ok) process.exitCode = 1;
});
