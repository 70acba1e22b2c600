import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { bindQuery, type Query } from '../../src/lib/query.ts';
import { SEAT_USAGE_FILTERS } from '../../src/lib/seat-usage-filters.ts';

const query: Query = {
  tables: ['filter_cube'],
  filters: SEAT_USAGE_FILTERS,
  sql: (p) => `SELECT region, sum(n) AS n FROM t WHERE ${p.filters({ except: ['month'] })} AND month = ${p.snapshotMonth('filter_cube')} GROUP BY region`,
};

describe('bindQuery', () => {
  it('numbers one parameter per dimension in order of first use', () => {
    const bound = bindQuery(query, { plan: 'pro', month: '2026-07' });
    expect(bound.names).toEqual(['region', 'size_band', 'tenure_segment', 'plan', 'month']);
    expect(bound.params).toEqual([null, null, null, 'pro', '2026-07']);
    expect(bound.sql).toContain('(CAST($4 AS VARCHAR) IS NULL OR plan = $4)');
    expect(bound.sql).toContain('month = coalesce(CAST($5 AS VARCHAR), (SELECT max(month) FROM filter_cube))');
  });

  it('gives the same text whatever the filters, so a statement is prepared once', () => {
    expect(bindQuery(query, {}).sql).toBe(bindQuery(query, { region: "'; DROP TABLE t; --" }).sql);
  });

  it('reuses a placeholder when a dimension appears twice', () => {
    const twice: Query = { tables: ['filter_cube'], sql: (p) => `${p.match('region')} OR ${p.match('region', 'r.region')}` };
    const bound = bindQuery(twice, { region: 'ANZ' });
    expect(bound.params).toEqual(['ANZ']);
    expect(bound.sql).toBe('(CAST($1 AS VARCHAR) IS NULL OR region = $1) OR (CAST($1 AS VARCHAR) IS NULL OR r.region = $1)');
  });
});

describe('named inputs', () => {
  const search: Query = {
    tables: ['account_monthly'],
    filters: SEAT_USAGE_FILTERS,
    sql: (p) => `SELECT * FROM t WHERE ${p.match('region')} AND contains(name, ${p.input('search')}) LIMIT ${p.input('limit')}`,
  };

  it('bind after the filters in order of first use, by name', () => {
    const bound = bindQuery(search, { region: 'ANZ' }, { search: "O'Connell", limit: '25' });
    expect(bound.sql).toBe('SELECT * FROM t WHERE (CAST($1 AS VARCHAR) IS NULL OR region = $1) AND contains(name, $2) LIMIT $3');
    expect(bound.names).toEqual(['region', 'search', 'limit']);
    expect(bound.params).toEqual(['ANZ', "O'Connell", '25']);
  });

  it('must all be given (null for "not set")', () => {
    expect(bindQuery(search, {}, { search: null, limit: '5' }).params).toEqual([null, null, '5']);
    expect(() => bindQuery(search, {}, { search: 'x' })).toThrow('The query needs a value for its input limit.');
  });

  it('cannot take the name of a filter dimension', () => {
    const clash: Query = { tables: ['filter_cube'], filters: SEAT_USAGE_FILTERS, sql: (p) => `SELECT ${p.input('region')}` };
    expect(() => bindQuery(clash, {}, { region: 'x' })).toThrow('The query input region has the name of a filter.');
  });
});

describe('bound queries in DuckDB', () => {
  async function table() {
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    await conn.run(`CREATE TABLE t AS SELECT * FROM (VALUES
      ('ANZ', '1', 'Q1', 'pro', '2026-07', 2), ('ANZ', '1', 'Q1', 'pro', '2026-08', 3),
      ('Japan', '1', 'Q1', 'starter', '2026-08', 5)) v(region, size_band, tenure_segment, plan, month, n)`);
    await conn.run('CREATE VIEW filter_cube AS SELECT * FROM t');
    return conn;
  }
  async function run(state: Parameters<typeof bindQuery>[1], conn?: Awaited<ReturnType<typeof table>>) {
    conn ??= await table();
    const bound = bindQuery(query, state);
    const reader = await conn.runAndReadAll(`${bound.sql} ORDER BY region`, [...bound.params]);
    return reader.getRowObjectsJson();
  }

  it('matches every row when unfiltered, and the latest month for snapshots', async () => {
    expect(await run({})).toEqual([
      { region: 'ANZ', n: '3' },
      { region: 'Japan', n: '5' },
    ]);
  });

  it('applies the bound values', async () => {
    expect(await run({ plan: 'pro', month: '2026-07' })).toEqual([{ region: 'ANZ', n: '2' }]);
  });

  it('treats a hostile value as data: no rows, no error, the table intact', async () => {
    expect(await run({ region: "x' OR '1'='1" })).toEqual([]);
    const conn = await table();
    expect(await run({ region: "'; DROP TABLE t; --" }, conn)).toEqual([]);
    expect((await conn.runAndReadAll('SELECT count(*) AS n FROM t')).getRowObjectsJson()).toEqual([{ n: '3' }]);
  });
});

describe('inSnapshot', () => {
  const snapshot: Query = {
    tables: ['filter_cube'],
    filters: SEAT_USAGE_FILTERS,
    sql: (p) => `SELECT region, month, n FROM t WHERE ${p.match('region')} AND ${p.inSnapshot('filter_cube')} ORDER BY region, month`,
  };
  const bySubquery: Query = {
    ...snapshot,
    sql: (p) => `SELECT region, month, n FROM t WHERE ${p.match('region')} AND month = ${p.snapshotMonth('filter_cube')} ORDER BY region, month`,
  };

  it('binds the month once and reads the cube’s own last-month column', () => {
    const bound = bindQuery(snapshot, { month: '2026-07' });
    expect(bound.names).toEqual(['region', 'month']);
    expect(bound.sql).toContain('(CASE WHEN CAST($2 AS VARCHAR) IS NULL THEN in_last_month ELSE month = $2 END)');
    expect(bound.sql).not.toContain('max(month)');
  });

  it('picks the rows snapshotMonth picks: the selected month, or the last one when none is', async () => {
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    // Japan has no row in the last month: neither form falls back to its own latest month.
    await conn.run(`CREATE TABLE t AS SELECT *, month = max(month) OVER () AS in_last_month FROM (VALUES
      ('ANZ', '2026-07', 2), ('ANZ', '2026-08', 3), ('Japan', '2026-06', 4), ('Japan', '2026-07', 5)) v(region, month, n)`);
    await conn.run('CREATE VIEW filter_cube AS SELECT * FROM t');
    const rowsOf = async (query: Query, state: Parameters<typeof bindQuery>[1]) => {
      const bound = bindQuery(query, state);
      return (await conn.runAndReadAll(bound.sql, [...bound.params])).getRowObjectsJson();
    };
    const states: Parameters<typeof bindQuery>[1][] = [
      {},
      { month: '2026-07' },
      { month: '2026-06', region: 'Japan' },
      { region: 'Japan' },
      { month: '2025-01' },
    ];
    for (const state of states) {
      expect(await rowsOf(snapshot, state), JSON.stringify(state)).toEqual(await rowsOf(bySubquery, state));
    }
    expect(await rowsOf(snapshot, {})).toEqual([{ region: 'ANZ', month: '2026-08', n: 3 }]);
    expect(await rowsOf(snapshot, { month: '2026-07' })).toEqual([
      { region: 'ANZ', month: '2026-07', n: 2 },
      { region: 'Japan', month: '2026-07', n: 5 },
    ]);
  });
});

describe('page parameters beyond categories', () => {
  it('a cross-filtering chart binds NULL for its own parameter; the text stays the same', () => {
    const plain = bindQuery(query, { region: 'Japan', plan: 'pro' });
    const excluded = bindQuery(query, { region: 'Japan', plan: 'pro' }, {}, { exclude: 'region' });
    expect(excluded.sql).toBe(plain.sql);
    expect(plain.params).toEqual(['Japan', null, null, 'pro', null]);
    expect(excluded.params).toEqual([null, null, null, 'pro', null]);
  });

  it('binds numbers as DOUBLE and path levels one by one (NULL below the depth)', () => {
    const drill: Query = {
      tables: ['accounts'],
      sql: (p) => `SELECT ${p.number('w1')}, ${p.level('drill', 0)}, ${p.level('drill', 1)}, ${p.level('drill', 2)}`,
    };
    const bound = bindQuery(drill, { w1: 0.35, drill: ['ANZ', 'Australia'] });
    expect(bound.sql).toBe('SELECT CAST($1 AS DOUBLE), $2, $3, $4');
    expect(bound.names).toEqual(['w1', 'drill[0]', 'drill[1]', 'drill[2]']);
    expect(bound.params).toEqual([0.35, 'ANZ', 'Australia', null]);
  });

  it('refuses filters() in a query that declares none', () => {
    const undeclared: Query = { tables: ['filter_cube'], sql: (p) => `SELECT 1 WHERE ${p.filters()}` };
    expect(() => bindQuery(undeclared, {})).toThrow('The query applies filters() but declares no filters.');
  });
});
