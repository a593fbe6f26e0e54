// Every fault-injection scenario, each in its own process, on PGlite and (with DATABASE_URL) on
// PostgreSQL, then one summary line per scenario. Exits non-zero when any figure missed its target.
// Usage: [DATABASE_URL=postgres://…] npx tsx scripts/fault/run-all.ts [--restart "pg_ctlcluster 15 main restart"]
// database-restart restarts the PostgreSQL server itself: run it where that is allowed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Figure } from '../bench/bench-kit.ts';

const { values } = parseArgs({ options: { restart: { type: 'string' } }, strict: false });
const tsx = path.resolve('node_modules/.bin/tsx');
const serverUrl = process.env.DATABASE_URL?.trim() || undefined;

interface Scenario {
  readonly script: string;
  readonly engines: readonly ('PGlite' | 'PostgreSQL')[];
  readonly args?: string[];
}

const scenarios: Scenario[] = [
  { script: 'kill-during-filing.ts', engines: ['PGlite', 'PostgreSQL'] },
  { script: 'database-restart.ts', engines: ['PostgreSQL'], args: typeof values.restart === 'string' ? ['--restart', values.restart] : [] },
  { script: 'read-only-database.ts', engines: ['PostgreSQL'] },
  { script: 'disk-full.ts', engines: ['PGlite', 'PostgreSQL'] },
];

interface Result {
  readonly scenario: string;
  readonly engine: string;
  readonly exitCode: number | null;
  readonly figures: Figure[];
  readonly note: string;
}

function runScenario(scenario: Scenario, engine: 'PGlite' | 'PostgreSQL'): Promise<Result> {
  const env = { ...process.env, DATABASE_URL: engine === 'PostgreSQL' ? serverUrl! : '' };
  return new Promise((resolve) => {
    const child = spawn(tsx, [path.join('scripts', 'fault', scenario.script), ...(scenario.args ?? [])], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk.toString().split('\n').filter((line) => !line.startsWith('BENCH-JSON')).join('\n'));
    });
    child.once('exit', (exitCode) => {
      const json = output.split('\n').find((line) => line.startsWith('BENCH-JSON '));
      const figures = json ? (JSON.parse(json.slice('BENCH-JSON '.length)) as { figures: Figure[] }).figures : [];
      const note = json ? '' : (output.trim().split('\n').at(-1) ?? '');
      resolve({ scenario: scenario.script.replace(/\.ts$/, ''), engine, exitCode, figures, note });
    });
  });
}

const results: Result[] = [];
for (const scenario of scenarios) {
  for (const engine of scenario.engines) {
    if (engine === 'PostgreSQL' && !serverUrl) continue;
    console.log(`\n=== ${scenario.script} on ${engine}`);
    results.push(await runScenario(scenario, engine));
  }
}

console.log('\nFault injection summary');
const rows = [
  ['scenario', 'engine', 'exit', 'targets met', 'missed'],
  ...results.map((r) => {
    const judged = r.figures.filter((f) => f.met !== null);
    const missed = judged.filter((f) => f.met === false).map((f) => `${f.figure}: ${f.value}`);
    return [r.scenario, r.engine, String(r.exitCode), `${judged.length - missed.length}/${judged.length}`, missed.join('; ') || r.note || '-'];
  }),
];
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
for (const row of rows) console.log(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
if (!serverUrl) console.log('(PostgreSQL scenarios skipped: set DATABASE_URL to run them.)');
process.exitCode = results.every((r) => r.exitCode === 0) ? 0 : 1;
