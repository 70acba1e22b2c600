/**
 * The build-time engine: DuckDB (node) over the published Parquet files. Each declared
 * data set is a view of its file, so chart queries read exactly what the browser will read.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { join, resolve } from 'node:path';
import { DATASETS } from '../lib/datasets.ts';
import type { BoundQuery } from '../lib/query.ts';
import { toCell, type Row } from '../lib/rows.ts';

/** Where the pipeline publishes: `public/data` unless DATA_DIR says otherwise. */
export const DATA_DIR = resolve(process.env.DATA_DIR ?? join(process.cwd(), 'public', 'data'));

const connections = new Map<string, Promise<DuckDBConnection>>();

async function open(dataDir: string): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  for (const dataset of DATASETS) {
    const file = join(dataDir, dataset.file).replaceAll("'", "''");
    await conn.run(`CREATE VIEW ${dataset.name} AS SELECT * FROM read_parquet('${file}')`);
  }
  return conn;
}

/** A connection with a view per published table (one per data folder, opened once). */
export function connection(dataDir: string = DATA_DIR): Promise<DuckDBConnection> {
  let conn = connections.get(dataDir);
  if (!conn) {
    conn = open(dataDir);
    connections.set(dataDir, conn);
  }
  return conn;
}

// The data does not change during a build (like the manifest, read once), and the same
// query serves a chart, its CSV file and the prose written from it: each runs once.
const results = new Map<string, Promise<Row[]>>();

async function execute(bound: BoundQuery, dataDir: string): Promise<Row[]> {
  const conn = await connection(dataDir);
  const reader = await conn.runAndReadAll(bound.sql, [...bound.params]);
  const names = reader.columnNames();
  return reader.getRows().map((values) => Object.fromEntries(names.map((name, i) => [name, toCell(values[i])])));
}

/** Runs a bound query and returns plain rows (a fresh array; the rows are shared). */
export async function runQuery(bound: BoundQuery, dataDir: string = DATA_DIR): Promise<Row[]> {
  const key = JSON.stringify([dataDir, bound.sql, bound.params]);
  let rows = results.get(key);
  if (!rows) {
    rows = execute(bound, dataDir);
    results.set(key, rows);
    rows.catch(() => results.delete(key));
  }
  return [...(await rows)];
}
