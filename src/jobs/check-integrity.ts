// Read-only: checks that every stored case is whole and that nothing points at a missing case or
// document (services/integrity-check.ts). One line per check with its count; fails when any is found.
import { checkIntegrity } from '../services/integrity-check.ts';
import type { Job } from './registry.ts';

export const checkIntegrityJob: Job = {
  name: 'check-integrity',
  description: 'Check that every case is whole and no row refers to a missing case (read-only)',
  // Daily, off the hour so it does not meet the hourly purge; it writes nothing, so it is safe anywhere.
  schedule: '40 4 * * *',
  async run(ctx) {
    const findings = await checkIntegrity(ctx);
    const broken = findings.filter((finding) => finding.found > 0);
    const lines = findings.map(
      (finding) => `${finding.found > 0 ? 'FOUND' : 'ok   '} ${finding.check}: ${finding.found}${finding.found > 0 ? ` ${finding.description} (e.g. ${finding.examples.join(', ')})` : ''}`,
    );
    const total = broken.reduce((sum, finding) => sum + finding.found, 0);
    lines.push(broken.length === 0 ? `integrity: ok, ${findings.length} checks, nothing found` : `integrity: ${total} problem(s) in ${broken.length} of ${findings.length} checks`);
    return { ok: broken.length === 0, lines };
  },
};
