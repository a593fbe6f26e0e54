// Searches every table of the test database for a string, in clear or as the hex of its UTF-8
// bytes (how bytea columns print), so a test can prove something was never stored.
import { sql } from 'drizzle-orm';
import type { TestDatabase } from './test-database.ts';

function rowsOf(result: unknown): Record<string, unknown>[] {
  // postgres.js returns an array of rows, PGlite an object with `rows`.
  return Array.isArray(result) ? (result as Record<string, unknown>[]) : ((result as { rows: Record<string, unknown>[] }).rows ?? []);
}

/** The tables (with a sample of the matching row text) where `needle` appears. */
export async function databaseContains(database: TestDatabase, needle: string): Promise<string[]> {
  const db = database.handle.db;
  const tables = rowsOf(await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`)).map(
    (row) => String(row.table_name),
  );
  if (tables.length < 10) throw new Error(`expected the whole schema, found only ${tables.join(', ')}`);
  const hex = Buffer.from(needle, 'utf8').toString('hex');
  const hits: string[] = [];
  for (const table of tables) {
    const found = rowsOf(
      await db.execute(sql`select left(t::text, 200) as sample from ${sql.identifier(table)} t where strpos(lower(t::text), lower(${needle})) > 0 or strpos(t::text, ${hex}) > 0 limit 1`),
    );
    if (found.length > 0) hits.push(`${table}: ${String(found[0]?.sample)}`);
  }
  return hits;
}
