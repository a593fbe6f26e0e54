// A fingerprint of every table of the test database (row count and an md5 of the rows), so the
// fuzzer can show that a refused request wrote nothing. Columns a refused request may
// legitimately change are left out:
// - staff_sessions.last_seen_at and mailbox_sessions.last_seen_at: the audience hook refreshes
//   them on any authenticated request, before the handler refuses it (at most once a minute for
//   staff, once every 30 seconds for a mailbox, on the clock of the app).
// Everything else a read touches (case.opened audit entries and case_key_grants.last_read_at on
// GET /api/v1/cases/:id, DPO reads in the audit log) is written by a 2xx answer, which may write.
import { sql } from 'drizzle-orm';
import type { TestDatabase } from '../test-database.ts';

const CHANGED_BY_READS: Record<string, readonly string[]> = {
  staff_sessions: ['last_seen_at'],
  mailbox_sessions: ['last_seen_at'],
};

/** Row count and md5 of each table, by table name. */
export type DatabaseFingerprint = Readonly<Record<string, string>>;

function rowsOf(result: unknown): Record<string, unknown>[] {
  // postgres.js returns an array of rows, PGlite an object with `rows`.
  return Array.isArray(result) ? (result as Record<string, unknown>[]) : ((result as { rows: Record<string, unknown>[] }).rows ?? []);
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Builds, once, the single query that fingerprints the whole schema. */
export async function databaseFingerprinter(database: TestDatabase): Promise<() => Promise<DatabaseFingerprint>> {
  const db = database.handle.db;
  const columns = rowsOf(
    await db.execute(sql`
      select c.table_name, c.column_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`),
  );
  const byTable = new Map<string, string[]>();
  for (const row of columns) {
    const table = String(row.table_name);
    const column = String(row.column_name);
    if (CHANGED_BY_READS[table]?.includes(column)) continue;
    byTable.set(table, [...(byTable.get(table) ?? []), column]);
  }
  if (byTable.size < 20) throw new Error(`expected the whole schema, found only ${[...byTable.keys()].join(', ')}`);
  const query = [...byTable]
    .map(
      ([table, names]) =>
        `select '${table}' as t, count(*)::text || ':' || coalesce(md5(string_agg(r, E'\\n' order by r)), '') as f ` +
        `from (select row(${names.map(quoted).join(', ')})::text as r from ${quoted(table)}) s`,
    )
    .join('\nunion all\n');
  return async () => {
    const fingerprint: Record<string, string> = {};
    for (const row of rowsOf(await db.execute(sql.raw(query)))) fingerprint[String(row.t)] = String(row.f);
    return fingerprint;
  };
}

/** The tables whose fingerprint differs. */
export function changedTables(before: DatabaseFingerprint, after: DatabaseFingerprint): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}
