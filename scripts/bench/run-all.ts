// npm run bench: runs every benchmark under scripts/bench/ and prints one summary table.
// Each benchmark prints its own table and a BENCH-JSON line this runner collects.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure } from './bench-kit.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const scripts = fs.readdirSync(here).filter((f) => f.endsWith('.ts') && !['run-all.ts', 'bench-kit.ts'].includes(f)).sort();
const passThrough = process.argv.slice(2);
const rows: { bench: string; figure: Figure }[] = [];
let failed = false;

for (const script of scripts) {
  console.log(`\n=== ${script}`);
  const result = spawnSync(path.resolve('node_modules/.bin/tsx'), [path.join(here, script), ...passThrough], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  for (const line of result.stdout.split('\n')) {
    if (line.startsWith('BENCH-JSON ')) {
      const parsed = JSON.parse(line.slice('BENCH-JSON '.length)) as { title: string; figures: Figure[] };
      for (const figure of parsed.figures) rows.push({ bench: parsed.title, figure });
    } else if (line) console.log(line);
  }
  if (result.status !== 0) failed = true;
}

console.log('\n=== Summary');
const table = [['benchmark', 'figure', 'value', 'target', 'met'], ...rows.map((r) => [r.bench, r.figure.figure, r.figure.value, r.figure.target, r.figure.met === null ? '-' : r.figure.met ? 'yes' : 'NO'])];
const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
for (const row of table) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
process.exitCode = failed ? 1 : 0;
