/** A fresh in-memory DuckDB for a test file, opened before its tests and closed after. */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { afterAll, beforeAll } from 'vitest';

export function useDuckDB(): { rowsOf: (sql: string) => Promise<DuckDBValue[][]> } {
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    conn = await instance.connect();
  });
  afterAll(() => {
    conn.closeSync();
    instance.closeSync();
  });
  return { rowsOf: async (sql) => (await conn.runAndReadAll(sql)).getRows() };
}
