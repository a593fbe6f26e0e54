// Everything the service has written down at one moment, as text to search: every row of every
// table (each row cast to text, so bytea prints as hex), pg_dump's dump of the database when the
// suite runs on PostgreSQL and pg_dump is on PATH, and the bytes of every file in the document
// folder.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../closed-cases.ts';
import type { TestDatabase } from '../test-database.ts';
import { needlesIn, type Needle } from './secret-shapes.ts';

/** One place to search: a table, the pg_dump output, or a stored file. */
export interface StoredText {
  readonly place: string;
  readonly text: string;
}

/** Every row of every table outside PostgreSQL's own schemas, one place per table. */
export async function tableDump(database: TestDatabase): Promise<StoredText[]> {
  const db = database.handle.db;
  const tables = rowsOf<{ schema: string; name: string }>(
    await db.execute(sql`
      select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') and table_schema not like 'pg_%'
      order by 1, 2`),
  );
  if (tables.length < 10) throw new Error(`expected the whole schema, found only ${tables.map((t) => t.name).join(', ')}`);
  const dumped: StoredText[] = [];
  for (const table of tables) {
    const rows = rowsOf<{ row: string }>(await db.execute(sql`select t::text as row from ${sql.identifier(table.schema)}.${sql.identifier(table.name)} t`));
    dumped.push({ place: `table ${table.schema}.${table.name}`, text: rows.map((r) => r.row).join('\n') });
  }
  return dumped;
}

/** pg_dump of the test's own PostgreSQL database (schema and data, plain SQL), or null on PGlite or without pg_dump. */
export function pgDump(database: TestDatabase): StoredText | null {
  if (!database.url) return null;
  const run = spawnSync('pg_dump', ['--no-owner', '--format=plain', database.url], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') return null;
  if (run.status !== 0) throw new Error(`pg_dump failed (${run.status}): ${run.stderr}`);
  if (!run.stdout.includes('COPY public.cases')) throw new Error('pg_dump printed no data for the cases table');
  return { place: 'pg_dump', text: run.stdout };
}

/** The bytes of every file under `folder` (latin1, so each byte is one character). */
export function folderDump(folder: string): StoredText[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return { place: `file ${path.relative(folder, file)}`, text: fs.readFileSync(file).toString('latin1') };
    });
}

/** "place: what" for every needle found in any place. */
export function findIn(places: readonly StoredText[], needles: readonly Needle[]): string[] {
  return places.flatMap((place) => needlesIn(place.text, needles).map((what) => `${place.place}: ${what}`));
}
