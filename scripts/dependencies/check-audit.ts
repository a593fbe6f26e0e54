// npm run check:audit: `npm audit` at high severity, over production and development
// dependencies (both run in CI). Fails on any high or critical advisory. When the registry does
// not answer the audit endpoint (this workplace's registry mirror refuses it with 405), it says
// plainly that the audit did NOT run, and fails too when AUDIT_REQUIRED=1.
import { spawnSync } from 'node:child_process';

interface AuditReport {
  readonly metadata?: { readonly vulnerabilities?: Record<string, number> };
  readonly vulnerabilities?: Record<string, { readonly severity: string; readonly via: unknown[] }>;
  readonly statusCode?: number;
  readonly message?: string;
}

const run = spawnSync('npm', ['audit', '--json'], { encoding: 'utf8', shell: process.platform === 'win32' });
let report: AuditReport;
try {
  report = JSON.parse(run.stdout) as AuditReport;
} catch {
  report = { message: run.stderr.trim().split('\n').pop() ?? 'no answer' };
}

const counts = report.metadata?.vulnerabilities;
if (!counts) {
  console.log(`npm audit: NOT RUN — the registry did not answer the audit endpoint (${report.message ?? 'unknown error'}).`);
  process.exitCode = process.env.AUDIT_REQUIRED === '1' ? 1 : 0;
} else {
  const serious = (counts.high ?? 0) + (counts.critical ?? 0);
  console.log(`npm audit: ${Object.entries(counts).map(([level, n]) => `${level} ${n}`).join(', ')}`);
  for (const [name, finding] of Object.entries(report.vulnerabilities ?? {})) {
    if (finding.severity === 'high' || finding.severity === 'critical') console.log(`  ${finding.severity}: ${name}`);
  }
  process.exitCode = serious > 0 ? 1 : 0;
}
