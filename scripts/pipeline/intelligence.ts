/** The pipeline's side of customer intelligence: what each order source read, for intel_sources and the quality report. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../../src/lib/bands.ts';
import { INTEL_SOURCES } from '../../src/lib/intelligence.ts';
import { SUPERSTORE_TABLE } from '../../src/lib/superstore.ts';
import type { Source } from './input.ts';

/** The input table each order source is read from. */
export const INTEL_SOURCE_TABLES: Readonly<Record<(typeof INTEL_SOURCES)[number]['id'], string>> = {
  synthetic: 'orders',
  superstore: SUPERSTORE_TABLE.name,
};

/** Records the lines each order source's file had (`intel_lines_read`), which the intelligence queries read. */
export async function recordLinesRead(conn: DuckDBConnection, sources: readonly Source[]): Promise<void> {
  const values = INTEL_SOURCES.map(({ id }) => {
    const read = sources.find((s) => s.table === INTEL_SOURCE_TABLES[id])?.rows ?? 0;
    return `(${sqlString(id)}, ${read})`;
  });
  await conn.run(`CREATE OR REPLACE TABLE intel_lines_read AS SELECT * FROM (VALUES ${values.join(', ')}) t(source, lines_read)`);
}
