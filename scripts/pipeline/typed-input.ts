/**
 * The fast path for CSV input the pipeline wrote itself (the generated default data): each
 * file is read straight into its typed table, and the schema's rules are counted on the
 * typed values in one scan per table. It does not explain problems: on the first one it
 * gives up, and the caller re-reads the folder through the text path of input.ts, which
 * checks every value as text and names the first problem exactly.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../../src/lib/bands.ts';
import { SCHEMA, type ColumnSpec, type ColumnType, type TableSpec } from '../../src/lib/schema.ts';
import { ident, rows, scalar } from '../lib/duck.ts';
import type { Source } from './input.ts';

/** The DuckDB type each schema type is stored as. */
export const SQL_TYPES: Record<ColumnType, string> = {
  string: 'VARCHAR',
  month: 'VARCHAR',
  integer: 'BIGINT',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
};

/** The stored value of a read column: text is trimmed and empty text is NULL, as on the text path. */
function storedSql(column: ColumnSpec): string {
  const v = ident(column.name);
  return `${SQL_TYPES[column.type] === 'VARCHAR' ? `NULLIF(trim(${v}), '')` : v} AS ${v}`;
}

/** SQL true when a typed value breaks one of the column's rules. */
function brokenSql(column: ColumnSpec): string[] {
  const v = ident(column.name);
  const broken: string[] = [];
  if (!column.nullable) broken.push(`${v} IS NULL`);
  if (column.type === 'number') broken.push(`NOT isfinite(${v})`);
  if (column.allowed) broken.push(`${v} NOT IN (${column.allowed.map(sqlString).join(', ')})`);
  if (column.min !== undefined) broken.push(`${v} < ${column.min}`);
  if (column.max !== undefined) broken.push(`${v} > ${column.max}`);
  if (column.atMostColumn) broken.push(`${v} > ${ident(column.atMostColumn)}`);
  return broken;
}

/** Reads one CSV file into its typed table; false when it cannot be read as typed. */
async function readTable(conn: DuckDBConnection, file: string, spec: TableSpec): Promise<boolean> {
  const types = spec.columns.map((c) => `${sqlString(c.name)}: ${sqlString(SQL_TYPES[c.type])}`).join(', ');
  const reader = `read_csv(${sqlString(file)}, header = true, delim = ',', quote = '"', escape = '"', strict_mode = true, column_types = {${types}})`;
  try {
    await conn.run(`CREATE OR REPLACE TABLE ${ident(spec.name)} AS SELECT ${spec.columns.map(storedSql).join(', ')} FROM ${reader}`);
    return true;
  } catch {
    return false;
  }
}

/** Rows of the table that break a value rule, or repeat its key. */
async function problems(conn: DuckDBConnection, spec: TableSpec): Promise<number> {
  const broken = spec.columns.flatMap(brokenSql);
  const table = ident(spec.name);
  const values =
    broken.length === 0
      ? 0
      : Number(await scalar(conn, `SELECT count(*) FILTER (WHERE ${broken.map((b) => `coalesce(${b}, false)`).join(' OR ')}) FROM ${table}`));
  if (values > 0 || !spec.key) return values;
  const key = spec.key.map(ident).join(', ');
  return Number(await scalar(conn, `SELECT count(*) FROM (SELECT 1 FROM ${table} GROUP BY ${key} HAVING count(*) > 1)`));
}

/** Rows of the table whose references point nowhere. */
async function dangling(conn: DuckDBConnection, spec: TableSpec): Promise<number> {
  let total = 0;
  for (const ref of spec.references ?? []) {
    total += Number(
      await scalar(
        conn,
        `SELECT count(*) FROM ${ident(spec.name)} s ANTI JOIN ${ident(ref.table)} r ON s.${ident(ref.column)} = r.${ident(ref.key)} WHERE s.${ident(ref.column)} IS NOT NULL`,
      ),
    );
  }
  return total;
}

/**
 * Loads every raw table of `dir` (NAME.csv) typed and checks it. Returns where each came
 * from, or null at the first problem (the tables read so far are left to be replaced).
 */
export async function readTyped(conn: DuckDBConnection, dir: string): Promise<Source[] | null> {
  const sources: Source[] = [];
  for (const spec of SCHEMA) {
    const file = join(dir, `${spec.name}.csv`);
    if (!existsSync(file) || !(await readTable(conn, file, spec)) || (await problems(conn, spec)) > 0) return null;
    const [count] = await rows<{ n: number }>(conn, `SELECT count(*) AS n FROM ${ident(spec.name)}`);
    if (!count?.n) return null;
    sources.push({ table: spec.name, file, format: 'csv', rows: count.n });
  }
  for (const spec of SCHEMA) if ((await dangling(conn, spec)) > 0) return null;
  return sources;
}
