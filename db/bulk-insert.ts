// Many rows into one table in one statement with one parameter: the rows travel as a JSON array
// and PostgreSQL spreads them with jsonb_to_recordset. A multi-row VALUES list has one parameter
// per cell (thousands for a purge batch) and costs more to build, send and parse than the insert
// itself. Same on PGlite and PostgreSQL.
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './index.ts';

/**
 * Inserts `rows` (every row with the same keys) into `table`. Values go as the column types read
 * them from JSON text: Date as ISO 8601, bytes as bytea hex, objects as jsonb. Drizzle's
 * application-side defaults are not applied; the database's defaults are, for keys left out.
 */
export async function bulkInsert<T extends PgTable>(tx: Executor, table: T, rows: readonly T['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0]!).filter((key) => key in columns);
  const names = keys.map((key) => columns[key]!.name);
  const json = JSON.stringify(rows.map((row) => Object.fromEntries(keys.map((key, i): [string, unknown] => [names[i]!, jsonValue((row as Record<string, unknown>)[key])]))));
  const definitions = keys.map((key) => sql`${sql.identifier(columns[key]!.name)} ${sql.raw(columns[key]!.getSQLType())}`);
  const columnList: SQL = sql.join(
    names.map((name) => sql.identifier(name)),
    sql`, `,
  );
  await tx.execute(sql`insert into ${table} (${columnList}) select ${columnList} from jsonb_to_recordset(${json}::jsonb) as r(${sql.join(definitions, sql`, `)})`);
}

function jsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  return value;
}
