/**
 * Thin helpers over @duckdb/node-api: typed row reads with BigInt converted at the
 * boundary (DuckDB returns counts as BigInt), and a connection set up for the pipeline.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../../src/lib/bands.ts';

export type Row = Record<string, string | number | boolean | null>;

function plain(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

/** Runs a query and returns its rows as plain objects (BigInt as number, dates as strings). */
export async function rows<T extends Row = Row>(conn: DuckDBConnection, sql: string): Promise<T[]> {
  const reader = await conn.runAndReadAll(sql);
  const names = reader.columnNames();
  return reader.getRows().map((values) => {
    const row: Row = {};
    names.forEach((name, i) => {
      row[name] = plain(values[i]);
    });
    return row as T;
  });
}

/** The single value of a one-row, one-column query. */
export async function scalar(conn: DuckDBConnection, sql: string): Promise<string | number | boolean | null> {
  const [first] = await rows(conn, sql);
  return first ? (Object.values(first)[0] ?? null) : null;
}

/** An in-memory DuckDB for one pipeline run, bounded in memory and spilling to `tempDir`. */
export async function openDatabase(tempDir: string): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:', {
    memory_limit: '2GB',
    temp_directory: tempDir,
    preserve_insertion_order: 'true',
  });
  return instance.connect();
}

/** Writes a query's result to `path` as zstd Parquet: the one file format the pipeline writes. */
export async function copyToParquet(conn: DuckDBConnection, sql: string, path: string): Promise<void> {
  await conn.run(`COPY (${sql}) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, ROW_GROUP_SIZE 122880)`);
}

/** Makes `name` a view over a Parquet file, so that its rows are read from the compressed file instead of held in memory. */
export async function parquetView(conn: DuckDBConnection, name: string, path: string): Promise<void> {
  await conn.run(`CREATE OR REPLACE VIEW ${ident(name)} AS SELECT * FROM read_parquet(${sqlString(path)})`);
}

/** A SQL identifier, double-quoted. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
