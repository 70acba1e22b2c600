/**
 * The default data set, built once per test run by vitest's global setup into
 * tests/output/default (so tests never touch the user's public/data).
 */
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { rows, type Row } from '../../scripts/lib/duck.ts';

export const DEFAULT_OUTPUT = join(import.meta.dirname, '..', 'output', 'default');
export const DEFAULT_DATA = join(DEFAULT_OUTPUT, 'data');
export const DEFAULT_RAW = join(DEFAULT_OUTPUT, 'raw');

/** A DuckDB connection with every published Parquet file of `dir` as a view of the same name. */
export async function openPublished(
  dir: string,
  names: readonly string[],
): Promise<{ conn: DuckDBConnection; query: <T extends Row = Row>(sql: string) => Promise<T[]> }> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  for (const name of names) await conn.run(`CREATE VIEW ${name} AS SELECT * FROM read_parquet('${join(dir, `${name}.parquet`)}')`);
  return { conn, query: (sql) => rows(conn, sql) };
}
