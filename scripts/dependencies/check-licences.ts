// npm run check:licences: every installed package's licence must be compatible with Vigie's
// AGPL-3.0-or-later (see licence-policy.ts). Reads the lock file's tree and each installed
// package.json; prints a count per licence and every refusal, and exits 1 on any refusal.
import fs from 'node:fs';
import path from 'node:path';
import { licenceAllowed } from './licence-policy.ts';

interface LockEntry {
  readonly license?: string;
  readonly link?: boolean;
}

function declaredLicence(packagePath: string, entry: LockEntry): string | null {
  const manifest = path.join(packagePath, 'package.json');
  if (fs.existsSync(manifest)) {
    const json = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { license?: unknown; licenses?: unknown };
    if (typeof json.license === 'string') return json.license;
    if (json.license && typeof json.license === 'object' && 'type' in json.license) return String(json.license.type);
    if (Array.isArray(json.licenses)) return json.licenses.map((l: { type?: string }) => l.type ?? '?').join(' OR ');
  }
  return entry.license ?? null;
}

const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };
const counts = new Map<string, number>();
const refused: string[] = [];
for (const [packagePath, entry] of Object.entries(lock.packages)) {
  if (packagePath === '' || entry.link) continue;
  const licence = declaredLicence(packagePath, entry);
  counts.set(licence ?? '(none)', (counts.get(licence ?? '(none)') ?? 0) + 1);
  if (!licence || !licenceAllowed(licence)) refused.push(`${packagePath.replace(/^node_modules\//, '')}: ${licence ?? 'no licence declared'}`);
}

const total = [...counts.values()].reduce((a, b) => a + b, 0);
console.log(`Licences of ${total} packages:`);
for (const [licence, count] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(4)}  ${licence}`);
if (refused.length > 0) {
  console.log(`\n${refused.length} package(s) with a licence not compatible with AGPL-3.0-or-later, or unknown:`);
  for (const line of refused) console.log(`  ${line}`);
  process.exitCode = 1;
} else {
  console.log('\nEvery licence is compatible with AGPL-3.0-or-later.');
}
