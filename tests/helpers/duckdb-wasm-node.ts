/**
 * DuckDB-WASM (the same `eh` WebAssembly module the site ships) run in node, loaded the
 * way the browser loads data: Parquet decoded by parquet-wasm into Arrow IPC and inserted.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createDuckDB, NODE_RUNTIME, VoidLogger } from '@duckdb/duckdb-wasm/blocking';
import { readParquet } from 'parquet-wasm/node';
import type { BoundQuery } from '../../src/lib/query.ts';
import { toCell, type Row } from '../../src/lib/rows.ts';

const require = createRequire(import.meta.url);
const DIST = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));

export interface WasmEngine {
  run(bound: BoundQuery): Row[];
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
  for (const name of tables) {
    const ipc = readParquet(readFileSync(join(dataDir, `${name}.parquet`))).intoIPCStream();
    conn.insertArrowFromIPCStream(ipc, { name, create: true });
  }
  return {
    run(bound) {
      const statement = conn.prepare(bound.sql);
      const table = statement.query(...bound.params);
      statement.close();
      return table
        .toArray()
        .map((record) => Object.fromEntries(Object.entries(record.toJSON() as Record<string, unknown>).map(([key, value]) => [key, toCell(value)])));
    },
  };
}
