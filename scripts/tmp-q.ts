import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const d = 'tests/output/default/data';
for (const sql of process.argv.slice(2)) {
  const r = await c.runAndReadAll(sql.replaceAll('$D', d));
  console.table(r.getRowObjectsJson());
}
