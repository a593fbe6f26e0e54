// A digest of every row of every table, in one query, to tell whether refused calls wrote anything.
// Session tables are left out: an authenticated call, even a refused one, may move its session's
// last-seen time.
import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/index.ts';
import { rowsOf } from '../closed-cases.ts';

const UNWATCHED = new Set(['staff_sessions', 'mailbox_sessions']);

export type Fingerprint = Readonly<Record<string, string>>;

async function watchedTables(db: Database): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await db.execute(sql`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`),
  );
  return rows.map((row) => row.name).filter((name) => !UNWATCHED.has(name));
}

export async function fingerprint(db: Database): Promise<Fingerprint> {
  const tables = await watchedTables(db);
  const parts = tables.map(
    (table) => sql`select ${table}::text as name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as digest from ${sql.identifier(table)} t`,
  );
  const rows = rowsOf<{ name: string; digest: string }>(await db.execute(sql.join(parts, sql` union all `)));
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}

export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((table) => before[table] !== after[table]).sort();
}
