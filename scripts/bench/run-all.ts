// npm run bench: runs every benchmark under scripts/bench/ and prints one summary table (figure,
// value, target, what it is compared with, met). Small sizes by default (a few minutes); `--full`
// runs each at the sizes its issue names. Each benchmark runs on PGlite, and on PostgreSQL too when
// DATABASE_URL is set; `--drivers pglite,postgres` chooses. Each benchmark prints its own table and
// a BENCH-JSON line this runner collects.
//   npm run bench [-- [--full] [--drivers pglite|postgres|pglite,postgres] [purge intake …]]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Figure } from './bench-kit.ts';

interface BenchPlan {
  /** Arguments for the quick run; the full run uses each script's own defaults. */
  readonly small: readonly string[];
  /** 'env': DATABASE_URL picks the driver; 'flag': the script takes --driver; 'none': PGlite only (it measures pages). */
  readonly driver: 'env' | 'flag' | 'none';
}

const PLANS: Record<string, BenchPlan> = {
  'case-list.ts': { small: ['--cases', '10000', '--requests', '100'], driver: 'env' },
  'documents.ts': { small: ['--mb', '50'], driver: 'flag' },
  'intake.ts': { small: ['--filings', '500'], driver: 'env' },
  'login.ts': { small: ['--logins', '20'], driver: 'env' },
  'purge.ts': { small: ['--cases', '5000', '--open', '500', '--batch-sizes', '100,500', '--sweep-cases', '2000'], driver: 'env' },
  'reporter-pages.ts': { small: ['--loads', '3'], driver: 'none' },
};

const { values, positionals } = parseArgs({ options: { full: { type: 'boolean', default: false }, drivers: { type: 'string' } }, allowPositionals: true });
const postgresUrl = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
const drivers = (values.drivers ?? (process.env['DATABASE_URL'] ? 'pglite,postgres' : 'pglite')).split(',');
const here = path.dirname(fileURLToPath(import.meta.url));
const scripts = fs.readdirSync(here).filter((f) => f.endsWith('.ts') && !['run-all.ts', 'bench-kit.ts'].includes(f)).sort();
const unplanned = scripts.filter((script) => !PLANS[script]);
if (unplanned.length > 0) throw new Error(`Add ${unplanned.join(', ')} to the plans of run-all.ts (its small sizes and how it picks a driver).`);
const unknown = positionals.filter((name) => !scripts.includes(`${name}.ts`));
if (unknown.length > 0) throw new Error(`No benchmark named ${unknown.join(', ')}; there are: ${scripts.map((s) => s.replace(/\.ts$/, '')).join(', ')}.`);
const chosen = positionals.length > 0 ? scripts.filter((script) => positionals.includes(script.replace(/\.ts$/, ''))) : scripts;

const rows: { bench: string; driver: string; figure: Figure }[] = [];
let failed = false;
for (const script of chosen) {
  const plan = PLANS[script]!;
  for (const driver of plan.driver === 'none' ? ['pglite'] : drivers) {
    console.log(`\n=== ${script} on ${driver}${values.full ? ' (full size)' : ''}`);
    const args = [path.join(here, script), ...(values.full ? [] : plan.small), ...(plan.driver === 'flag' ? ['--driver', driver] : [])];
    const env = { ...process.env, DATABASE_URL: plan.driver === 'env' && driver === 'postgres' ? postgresUrl : plan.driver === 'flag' ? postgresUrl : '' };
    const result = spawnSync(path.resolve('node_modules/.bin/tsx'), args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
    for (const line of (result.stdout ?? '').split('\n')) {
      if (line.startsWith('BENCH-JSON ')) {
        const parsed = JSON.parse(line.slice('BENCH-JSON '.length)) as { title: string; figures: Figure[] };
        for (const figure of parsed.figures) rows.push({ bench: script.replace(/\.ts$/, ''), driver, figure });
      } else if (line) console.log(line);
    }
    if (result.status !== 0) {
      failed = true;
      rows.push({ bench: script.replace(/\.ts$/, ''), driver, figure: { figure: 'benchmark run', value: `exit ${result.status ?? result.signal}`, target: 'exit 0', met: false } });
    }
  }
}

console.log(`\n=== Summary (${values.full ? 'full sizes' : 'small sizes; --full for the sizes the issues name'})`);
const table = [
  ['benchmark', 'driver', 'figure', 'value', 'target', 'compared with', 'met'],
  ...rows.map((r) => [r.bench, r.driver, r.figure.figure, r.figure.value, r.figure.target, r.figure.comparedWith ?? '-', r.figure.met === null ? '-' : r.figure.met ? 'yes' : 'NO']),
];
const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
for (const row of table) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
const missed = rows.filter((r) => r.figure.met === false).length;
console.log(`\n${rows.filter((r) => r.figure.met !== null).length} targets, ${missed} missed.`);
process.exitCode = failed ? 1 : 0;
