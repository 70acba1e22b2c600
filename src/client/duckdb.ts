/**
 * The browser engine: DuckDB-WASM (the single-threaded `eh` bundle, which needs no
 * cross-origin isolation) served from the site's own origin, fed with the published
 * Parquet files decoded by parquet-wasm. DuckDB-WASM's own `read_parquet` would fetch its
 * parquet extension from a third-party CDN, which this site never contacts.
 */
import { AsyncDuckDB, VoidLogger, type AsyncDuckDBConnection, type AsyncPreparedStatement } from '@duckdb/duckdb-wasm';
import duckdbWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import duckdbWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import initParquet, { readParquet } from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { DataFile } from '../lib/page-context.ts';
import type { BoundValue } from '../lib/query.ts';
import { toCell, type Row } from '../lib/rows.ts';

/** A query prepared once and run with new parameter values on every filter change. */
export interface PreparedQuery {
  run(params: readonly BoundValue[]): Promise<Row[]>;
}

export interface BrowserEngine {
  prepare(sql: string): Promise<PreparedQuery>;
}

/** Absolute URL on this site: the worker resolves relative URLs against its own location. */
function absolute(url: string): string {
  return new URL(url, location.href).href;
}

/** How long the engine may take to start before the page gives up on interactivity. */
const ENGINE_START_LIMIT_MS = 30_000;

async function reachable(url: string): Promise<void> {
  const response = await fetch(absolute(url), { method: 'HEAD' });
  if (!response.ok) throw new Error(`could not load ${url} (HTTP ${response.status})`);
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(absolute(url));
  if (!response.ok) throw new Error(`could not load ${url} (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Plain rows from an Arrow result (BigInt counts become numbers at this boundary). */
function plainRows(table: { toArray(): { toJSON(): Record<string, unknown> }[] }): Row[] {
  return table.toArray().map((record) => {
    const row: Row = {};
    for (const [key, value] of Object.entries(record.toJSON())) row[key] = toCell(value);
    return row;
  });
}

function prepared(statement: AsyncPreparedStatement): PreparedQuery {
  return { run: async (params) => plainRows(await statement.query(...params)) };
}

async function insertParquet(conn: AsyncDuckDBConnection, name: string, bytes: Uint8Array): Promise<void> {
  const ipc = readParquet(bytes).intoIPCStream();
  await conn.insertArrowFromIPCStream(ipc, { name, create: true });
}

/** Starts DuckDB-WASM and loads the given published tables into it. */
export async function openBrowserEngine(files: Readonly<Partial<Record<string, DataFile>>>): Promise<BrowserEngine> {
  if (typeof WebAssembly !== 'object') throw new Error('this browser does not run WebAssembly');
  // Everything that can load in parallel does: the engine, the decoder and the data files.
  const bytes = Object.entries(files).map(async ([name, file]) => [name, await fetchBytes(file!.url)] as const);
  const decoder = initParquet({ module_or_path: absolute(parquetWasmUrl) });
  const worker = new Worker(absolute(duckdbWorkerUrl));
  const db = new AsyncDuckDB(new VoidLogger(), worker);
  // DuckDB-WASM never settles when its worker cannot fetch the module, so the module is
  // probed here (a HEAD request) and the whole start has a time limit.
  await withTimeout(
    Promise.all([reachable(duckdbWasmUrl), db.instantiate(absolute(duckdbWasmUrl)), decoder]),
    ENGINE_START_LIMIT_MS,
    'the query engine did not start in time',
  );
  performance.mark('report:engine-started');
  const conn = await db.connect();
  for (const [name, data] of await Promise.all(bytes)) await insertParquet(conn, name, data);
  performance.mark('report:data-loaded');
  return { prepare: async (sql) => prepared(await conn.prepare(sql)) };
}
