/**
 * src/lib/rows.ts `arrowRows`: DuckDB-WASM's Arrow results read column by column into plain rows,
 * checked on a real result of the engine the site ships (counts as BigInt, nulls in every type).
 */
import { tmpdir } from 'node:os';
import { beforeAll, describe, expect, test } from 'vitest';
import { openWasmEngine, type WasmEngine } from '../helpers/duckdb-wasm-node.ts';
import { toCell } from '../../src/lib/rows.ts';

let engine: WasmEngine;
beforeAll(async () => {
  engine = await openWasmEngine(tmpdir(), []);
});

const run = (sql: string, params: (string | number | null)[] = []) => engine.run({ sql, params, names: params.map((_, i) => `p${i}`) });

describe('arrowRows', () => {
  test('each row holds every column by name, with BigInt counts as numbers and nulls kept', () => {
    const rows = run(`SELECT * FROM (VALUES
        (1, 'a', 2.5::DOUBLE, true, 10::BIGINT),
        (2, NULL, NULL, NULL, NULL),
        (3, 'c', -0.5::DOUBLE, false, 9007199254740991::BIGINT)
      ) AS t(id, label, share, flag, n) ORDER BY id`);
    expect(rows).toEqual([
      { id: 1, label: 'a', share: 2.5, flag: true, n: 10 },
      { id: 2, label: null, share: null, flag: null, n: null },
      { id: 3, label: 'c', share: -0.5, flag: false, n: 9007199254740991 },
    ]);
  });

  test('a result without rows gives no rows, and the column order is the query’s', () => {
    expect(run('SELECT 1 AS a, 2 AS b WHERE $1 IS NOT NULL', [null])).toEqual([]);
    const [row] = run('SELECT 2 AS b, 1 AS a, count(*) AS n FROM range(5)');
    expect(Object.keys(row!)).toEqual(['b', 'a', 'n']);
    expect(row).toEqual({ b: 2, a: 1, n: 5 });
  });

  test('every type reads as Arrow’s row proxies read it (a DECIMAL as its unscaled digits: queries cast to DOUBLE)', () => {
    const bound = {
      sql: `SELECT i, i::SMALLINT AS small, (i * 1e12)::HUGEINT AS huge, i / 4 AS ratio, 'x' || i AS label, i % 2 = 0 AS even,
          DATE '2026-01-31' + i::INTEGER AS day, (i / 8)::DECIMAL(9, 2) AS amount, [i, i + 1] AS pair, CASE WHEN i % 3 = 0 THEN NULL ELSE i END AS gaps
        FROM range(7) t(i) ORDER BY i`,
      params: [],
      names: [],
    };
    const proxies = engine
      .arrow(bound)
      .toArray()
      .map((record) => Object.fromEntries(Object.entries(record.toJSON()).map(([key, value]) => [key, toCell(value)])));
    expect(engine.run(bound)).toEqual(proxies);
    expect(proxies[1]).toMatchObject({ amount: '13', gaps: 1, even: false });
  });

  test('a column that spans more than one record batch is read whole', () => {
    const rows = run('SELECT i, i % 7 AS r FROM range(5000) t(i) ORDER BY i');
    expect(rows).toHaveLength(5000);
    expect(rows[4999]).toEqual({ i: 4999, r: 4999 % 7 });
    expect(rows.reduce((sum, row) => sum + (row.i as number), 0)).toBe((4999 * 5000) / 2);
  });
});
