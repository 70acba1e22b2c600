import { DuckDBInstance } from '@duckdb/node-api';
import { metricSql } from './src/lib/metrics.ts';
const c = await (await DuckDBInstance.create(':memory:')).connect();
const e = metricSql.utilizationRate('a', 'u');
for (const q of [
 `SELECT a, u, ${e} FROM (VALUES (0, 0), (0, 3), (2, 1)) t(a, u)`,
 `SELECT a, u, ${e} FROM (VALUES (0, 0), (0, 3)) t(a, u)`,
 `SELECT a, u, ${e} FROM (VALUES (0, 3)) t(a, u)`,
 `CREATE TABLE x AS SELECT * FROM (VALUES (0, 3), (2, 1)) t(a, u)`,
 `SELECT a, u, ${e} FROM x`,
 `SELECT least(NULL::DOUBLE, 1), least(1, NULL::DOUBLE)`,
 `SELECT typeof(seats_assigned), utilization_raw, utilization_rate FROM 'tests/output/default/data/master_usage.parquet' WHERE seats_assigned = 0 LIMIT 2`,
 `SELECT ${metricSql.utilizationRate('seats_assigned', 'seats_used')} FROM 'tests/output/default/data/master_usage.parquet' WHERE seats_assigned = 0 LIMIT 2`,
 `SELECT version()`,
]) { const r = await c.runAndReadAll(q); console.log(q.slice(0,90), JSON.stringify(r.getRowsJson())); }
