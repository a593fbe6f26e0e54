// Counts of every row an intake request can write, so a refusal can be shown to write nothing.
import { sql } from 'drizzle-orm';
import type { TestApp } from './test-app.ts';

const TABLES = ['cases', 'case_key_grants', 'case_exclusions', 'mailboxes', 'mailbox_sessions', 'case_messages', 'case_receipts', 'spent_challenges', 'audit_log'] as const;

export type IntakeRowCounts = Record<(typeof TABLES)[number], number>;

export async function intakeRowCounts(t: TestApp): Promise<IntakeRowCounts> {
  const counts = {} as IntakeRowCounts;
  for (const table of TABLES) {
    const result = await t.services.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`);
    const rows: unknown[] = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
    counts[table] = Number((rows[0] as { n: number }).n);
  }
  return counts;
}
