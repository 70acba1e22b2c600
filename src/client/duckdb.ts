/**
 * The browser engine: DuckDB-WASM 1.28.0 (DuckDB v0.9.1; the single-threaded `eh` bundle, which
 * needs no cross-origin isolation) served from the site's own origin. Each published Parquet file
 * is handed to DuckDB as a file buffer and copied into a table by DuckDB's own `read_parquet`.
 *
 * Why this build: its `eh` module has the Parquet reader built in, so `read_parquet` fetches no
 * extension from a third-party CDN, which this site never contacts (extension autoloading is off
 * in this build, and switched off below as well). Newer builds (1.32.0, DuckDB 1.4) fetch the
 * Parquet extension, so the site used to decode Parquet with parquet-wasm (5 MB more WebAssembly)
 * into Arrow IPC and insert that, which was slow on a 2-core machine: 1.32.0 took 2.5-3.3 s to
 * instantiate its 34 MB module, and account_monthly (909,699 rows, 12.7 MB of Parquet) took 3.4 s
 * to decode into 127 MB of Arrow IPC and about 2 s more to insert. 1.28.0 (an 18 MB module)
 * instantiates in about 1 s and loads that file with `read_parquet` in about 1.2 s. Over the whole
 * site (`npm run bench:site`, against 1.32 in the same session) every page is ready in 0.48 to
 * 0.65 of the time, and the engine ships as 18.4 MB (4.3 MB gzip) of WebAssembly and worker
 * against 40.0 MB (9.5 MB gzip) with parquet-wasm. The account table reads `account_latest` when
 * no month is selected, since 0.9 does not push a boolean column's filter into its scan.
 *
 * The build-time engine is DuckDB 1.4 (node); tests/site/engine-parity.test.ts runs every page's
 * queries on both. DuckDB 0.9 converts a DECIMAL of 16 or more significant digits to DOUBLE up to
 * an ulp off, so such constants are written as DOUBLE literals (sqlDouble in lib/metrics.ts).
 */
import { AsyncDuckDB, VoidLogger, type AsyncDuckDBConnection, type AsyncPreparedStatement } from '@duckdb/duckdb-wasm';
import duckdbWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import duckdbWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import type { DataFile } from '../lib/page-context.ts';
import type { BoundValue } from '../lib/query.ts';
import { arrowRows, type Row } from '../lib/rows.ts';

/** A query prepared once and run with new parameter values on every filter change. */
export interface PreparedQuery {
  run(params: readonly BoundValue[]): Promise<Row[]>;
}

export interface BrowserEngine {
  prepare(sql: string): Promise<PreparedQuery>;
}

/** The engine of a page, started when first needed: `start()` starts it (once); `up` settles once it is up, whoever started it. */
export interface EngineHandle {
  start(): Promise<BrowserEngine>;
  readonly up: Promise<BrowserEngine>;
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

function prepared(statement: AsyncPreparedStatement): PreparedQuery {
  return { run: async (params) => arrowRows(await statement.query(...params)) };
}

/**
 * Copies a published Parquet file into a table of the same name with DuckDB's own reader, then
 * drops the file buffer: the engine copied the bytes into its memory, and the table now holds the data.
 */
async function loadParquet(db: AsyncDuckDB, conn: AsyncDuckDBConnection, name: string, bytes: Uint8Array): Promise<void> {
  const file = `${name}.parquet`;
  await db.registerFileBuffer(file, bytes);
  await conn.query(`CREATE TABLE "${name}" AS SELECT * FROM read_parquet('${file}')`);
  await db.dropFile(file);
}

/** Starts DuckDB-WASM and loads the given published tables into it. */
export async function openBrowserEngine(files: Readonly<Partial<Record<string, DataFile>>>): Promise<BrowserEngine> {
  if (typeof WebAssembly !== 'object') throw new Error('this browser does not run WebAssembly');
  // Everything that can load in parallel does: the engine and the data files.
  const bytes = Object.entries(files).map(async ([name, file]) => [name, await fetchBytes(file!.url)] as const);
  const worker = new Worker(absolute(duckdbWorkerUrl));
  const db = new AsyncDuckDB(new VoidLogger(), worker);
  // DuckDB-WASM never settles when its worker cannot fetch the module, so the module is
  // probed here (a HEAD request) and the whole start has a time limit.
  await withTimeout(
    Promise.all([reachable(duckdbWasmUrl), db.instantiate(absolute(duckdbWasmUrl))]),
    ENGINE_START_LIMIT_MS,
    'the query engine did not start in time',
  );
  performance.mark('report:engine-started');
  const conn = await db.connect();
  // Never fetch an extension (off by default in this build; said here so it stays off).
  await conn.query('SET autoinstall_known_extensions = false');
  await conn.query('SET autoload_known_extensions = false');
  for (const [name, data] of await Promise.all(bytes)) await loadParquet(db, conn, name, data);
  performance.mark('report:data-loaded');
  return { prepare: async (sql) => prepared(await conn.prepare(sql)) };
}
