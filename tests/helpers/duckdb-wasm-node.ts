/**
 * DuckDB-WASM (the same `eh` WebAssembly module the site ships) run in node, loaded the
 * way the browser loads data: each published Parquet file registered as a file buffer and
 * copied into a table by DuckDB's own `read_parquet`, then the buffer dropped.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DuckDBBindingsBase, DuckDBBundles, DuckDBRuntime, Logger } from '@duckdb/duckdb-wasm/blocking';
import type { BoundQuery } from '../../src/lib/query.ts';
import { arrowRows, type ArrowTable, type Row } from '../../src/lib/rows.ts';

const require = createRequire(import.meta.url);
const DIST = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));

/** The node build of the blocking API (the package's types for `./blocking` are the browser build's, without NODE_RUNTIME). */
const { createDuckDB, NODE_RUNTIME, VoidLogger } = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as {
  createDuckDB(bundles: DuckDBBundles, logger: Logger, runtime: DuckDBRuntime): Promise<DuckDBBindingsBase>;
  NODE_RUNTIME: DuckDBRuntime;
  VoidLogger: new () => Logger;
};

export interface WasmEngine {
  /** The query's rows as the site reads them (`arrowRows`). */
  run(bound: BoundQuery): Row[];
  /** The query's Arrow result as DuckDB-WASM returns it. */
  arrow(bound: BoundQuery): ArrowTable & { toArray(): { toJSON(): Record<string, unknown> }[] };
}

/** DuckDB-WASM with the given published tables of `dataDir` loaded. */
export async function openWasmEngine(dataDir: string, tables: readonly string[]): Promise<WasmEngine> {
  const bundles = {
    mvp: { mainModule: join(DIST, 'duckdb-mvp.wasm'), mainWorker: '' },
    eh: { mainModule: join(DIST, 'duckdb-eh.wasm'), mainWorker: '' },
  };
  const db = await createDuckDB(bundles, new VoidLogger(), NODE_RUNTIME);
  await db.instantiate();
  const conn = db.connect();
  conn.query('SET autoinstall_known_extensions = false');
  conn.query('SET autoload_known_extensions = false');
  for (const name of tables) {
    const file = `${name}.parquet`;
    db.registerFileBuffer(file, readFileSync(join(dataDir, file)));
    conn.query(`CREATE TABLE "${name}" AS SELECT * FROM read_parquet('${file}')`);
    db.dropFile(file);
  }
  const arrow = (bound: BoundQuery) => {
    const statement = conn.prepare(bound.sql);
    const table = statement.query(...bound.params);
    statement.close();
    return table;
  };
  return { arrow, run: (bound) => arrowRows(arrow(bound)) };
}
