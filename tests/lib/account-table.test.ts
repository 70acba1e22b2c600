/**
 * src/lib/account-table.ts: the sort whitelist, the page windows (read from the end past
 * the middle), search and flag bound as parameters, and the markup, checked on a small
 * hand-made `account_monthly` and `account_latest` in DuckDB.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, test } from 'vitest';
import { ACCOUNT_LATEST_SQL, ACCOUNT_MONTHLY_SQL } from '../../src/lib/queries/account-monthly.ts';
import {
  ACCOUNT_COLUMNS,
  ACCOUNT_FIELDS,
  DEFAULT_SORT,
  INITIAL_STATE,
  PAGE_SIZE,
  SEARCH_LIMIT,
  accountCountQuery,
  accountExportQuery,
  accountHeadHtml,
  accountPageQuery,
  accountRowsHtml,
  accountSummary,
  askAccountTable,
  boundAccountCount,
  boundAccountPage,
  clampPage,
  nextSort,
  normalizeSearch,
  orderBySql,
  pageCount,
  pageInputs,
  pageWindow,
  parseFlag,
  parseSort,
  scopeInputs,
  type AccountSort,
  type AccountTableState,
} from '../../src/lib/account-table.ts';
import { toCsv } from '../../src/lib/csv.ts';
import type { ParameterState } from '../../src/lib/parameters.ts';
import { bindQuery, type BoundQuery } from '../../src/lib/query.ts';
import { toCell, type Row } from '../../src/lib/rows.ts';

const HOSTILE_SEARCHES = ["' OR '1'='1", "'; DROP TABLE account_monthly; --", '%', '_', '\\', '"'];

describe('sort whitelist', () => {
  test('accepts every shown column in both directions', () => {
    for (const column of ACCOUNT_COLUMNS) {
      expect(parseSort(column.key, 'asc')).toEqual({ column: column.key, direction: 'asc' });
      expect(parseSort(column.key, 'desc')).toEqual({ column: column.key, direction: 'desc' });
    }
  });

  test.each([
    ['arr; DROP TABLE account_monthly', 'desc'],
    ['ARR', 'desc'],
    ['arr', 'DESC'],
    ['arr', 'desc, (SELECT 1)'],
    ['account_name--', 'asc'],
    ['', 'asc'],
  ])('rejects column %j with direction %j', (column, direction) => {
    expect(parseSort(column, direction)).toBeNull();
  });

  test('a click flips the sorted column and starts another in its first direction', () => {
    expect(nextSort(DEFAULT_SORT, 'arr')).toEqual({ column: 'arr', direction: 'asc' });
    expect(nextSort(DEFAULT_SORT, 'account_name')).toEqual({ column: 'account_name', direction: 'asc' });
    expect(nextSort(DEFAULT_SORT, 'utilization_rate')).toEqual({ column: 'utilization_rate', direction: 'desc' });
    expect(nextSort(DEFAULT_SORT, 'arr DESC; --')).toBeNull();
  });

  test('ORDER BY comes from the list and breaks ties by account id; reversed is its exact reverse', () => {
    expect(orderBySql(DEFAULT_SORT)).toBe('arr DESC NULLS LAST, account_id ASC');
    expect(orderBySql(DEFAULT_SORT, true)).toBe('arr ASC NULLS FIRST, account_id DESC');
    expect(orderBySql({ column: 'size_band', direction: 'asc' })).toMatch(/^list_position\(\['1', '2-5', .*\], size_band\) ASC NULLS LAST, account_id ASC$/);
    expect(() => orderBySql({ column: 'arr; --', direction: 'asc' })).toThrow('cannot sort by');
  });
});

describe('flags and search text', () => {
  test('only listed flags pass', () => {
    expect(parseFlag('at_risk')).toBe('at_risk');
    expect(parseFlag('high_performer')).toBe('high_performer');
    expect(parseFlag("at_risk' OR 1=1")).toBeNull();
    expect(parseFlag('')).toBeNull();
  });

  test('search text is trimmed, its spaces collapsed and its length limited', () => {
    expect(normalizeSearch('  Tan   &  Lim ')).toBe('Tan & Lim');
    expect(normalizeSearch('   ')).toBeNull();
    expect(normalizeSearch('x'.repeat(500))).toHaveLength(SEARCH_LIMIT);
  });
});

describe('page windows', () => {
  test('pages before the middle read from the start, later ones from the end', () => {
    expect(pageWindow(103, 0)).toEqual({ offset: 0, limit: 25, reversed: false });
    expect(pageWindow(103, 1)).toEqual({ offset: 25, limit: 25, reversed: false });
    expect(pageWindow(103, 2)).toEqual({ offset: 28, limit: 25, reversed: true });
    expect(pageWindow(103, 4)).toEqual({ offset: 0, limit: 3, reversed: true });
  });

  test('page numbers stay within the pages there are', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(103)).toBe(5);
    expect(clampPage(99, 103)).toBe(4);
    expect(clampPage(-3, 103)).toBe(0);
    expect(pageWindow(0, 7)).toEqual({ offset: 0, limit: 0, reversed: false });
  });
});

describe('bound queries', () => {
  test('a hostile search text is a parameter: the SQL text never contains it and does not change', () => {
    const window = pageWindow(100, 0);
    const plain = bindQuery(accountPageQuery(DEFAULT_SORT), {}, pageInputs(INITIAL_STATE, window));
    for (const search of HOSTILE_SEARCHES) {
      const bound = bindQuery(accountPageQuery(DEFAULT_SORT), { region: 'ANZ' }, pageInputs({ ...INITIAL_STATE, search }, window));
      expect(bound.sql).toBe(plain.sql);
      expect(bound.params).toContain(search);
      if (search.length > 1) expect(bound.sql).not.toContain(search);
    }
    expect(plain.names).toEqual(['region', 'size_band', 'tenure_segment', 'plan', 'month', 'search', 'flag', 'limit', 'offset']);
  });

  test('a query without its inputs is refused', () => {
    expect(() => bindQuery(accountCountQuery, {})).toThrow('needs a value for its input search');
  });
});

// ---------------------------------------------------------------------------------------
// The queries on small account data sets, written from a small account_months the way the pipeline writes them

/** 60 filler accounts (ids A001 to A060) over two months, plus named ones; A005 has no August. */
const TABLE_SQL = `
CREATE TABLE account_months AS
WITH base AS (
  SELECT 'A' || lpad(i::VARCHAR, 3, '0') AS account_id,
    CASE i WHEN 1 THEN 'Tan & Lim Architects' WHEN 2 THEN 'O''Connell Surveying' WHEN 3 THEN '100% Fit'
      WHEN 4 THEN 'Under_score Ltd' WHEN 5 THEN '<Apex> "Blue" Fabrication' WHEN 6 THEN '=HYPERLINK("x")'
      ELSE 'Filler ' || (i % 7) END AS account_name,
    ['ANZ', 'Japan', 'Korea'][1 + i % 3] AS region, ['1', '2-5', '6-10'][1 + i % 3] AS size_band,
    ['Q1', 'Year 2'][1 + i % 2] AS tenure_segment, ['starter', 'pro', 'premium'][1 + i % 3] AS plan, i
  FROM range(1, 61) r(i)),
months AS (SELECT * FROM (VALUES ('2026-07'), ('2026-08')) m(month))
SELECT account_id, account_name, region, size_band, tenure_segment, plan, month,
  month = CASE WHEN i = 5 THEN '2026-07' ELSE '2026-08' END AS is_latest,
  1 AS products, i % 9 + 1 AS seats_purchased, i % 9 + 1 AS seats_assigned, (i * 7) % 10 AS seats_used,
  1.0 AS assignment_rate, CASE WHEN i % 11 = 0 THEN NULL ELSE ((i * 7) % 10) / 10.0 END AS utilization_rate,
  CASE WHEN i % 13 = 0 THEN NULL ELSE (i % 10) * 1000.0 END AS arr,
  ['flat', 'churn', 'expansion'][1 + i % 3] AS movement,
  coalesce(((i * 7) % 10) / 10.0 < 0.6, false) AS at_risk, coalesce(((i * 7) % 10) / 10.0 > 0.8, false) AS expansion_candidate,
  (i % 4 = 0) AS high_performer, NULL::VARCHAR AS next_movement
FROM base, months
WHERE NOT (i = 5 AND month = '2026-08')`;

let conn: DuckDBConnection;

beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  await conn.run(TABLE_SQL);
  await conn.run(`CREATE TABLE account_monthly AS ${ACCOUNT_MONTHLY_SQL}`);
  await conn.run(`CREATE TABLE account_latest AS ${ACCOUNT_LATEST_SQL}`);
});

async function run(bound: BoundQuery): Promise<Row[]> {
  const reader = await conn.runAndReadAll(bound.sql, [...bound.params]);
  const names = reader.columnNames();
  return reader.getRows().map((values) => Object.fromEntries(names.map((name, i) => [name, toCell(values[i])])));
}

const state = (changes: Partial<AccountTableState> = {}): AccountTableState => ({ ...INITIAL_STATE, ...changes });

async function count(filters: ParameterState, changes: Partial<AccountTableState> = {}): Promise<Row> {
  return (await run(bindQuery(accountCountQuery, filters, scopeInputs(state(changes)))))[0]!;
}

async function names(filters: ParameterState, changes: Partial<AccountTableState>): Promise<string[]> {
  const rows = await run(bindQuery(accountExportQuery(DEFAULT_SORT), filters, scopeInputs(state(changes))));
  return rows.map((row) => String(row.account_name));
}

/** Every page of a sort, read the way the client reads them (from the end past the middle). */
async function allPages(sort: AccountSort, filters: ParameterState): Promise<Row[]> {
  const total = Number((await count(filters)).accounts);
  const rows: Row[] = [];
  for (let page = 0; page < pageCount(total); page++) {
    const window = pageWindow(total, page);
    const pageRows = await run(bindQuery(accountPageQuery(sort, window.reversed), filters, pageInputs(state({ sort, page }), window)));
    if (window.reversed) pageRows.reverse();
    rows.push(...pageRows);
  }
  return rows;
}

describe('the queries in DuckDB', () => {
  test('without a month, each account once in its latest month; with one, that month only', async () => {
    expect((await count({})).accounts).toBe(60);
    const a005 = await run(bindQuery(accountExportQuery(DEFAULT_SORT), {}, scopeInputs(state({ search: '<apex>' }))));
    expect(a005.map((r) => r.month)).toEqual(['2026-07']);
    expect((await count({ month: '2026-08' })).accounts).toBe(59);
    expect((await count({ month: '2026-07', region: 'Japan' })).accounts).toBe(20);
  });

  test('search is case-insensitive and literal: quotes, % and _ are plain characters', async () => {
    expect(await names({}, { search: 'tan & LIM' })).toEqual(['Tan & Lim Architects']);
    expect(await names({}, { search: "o'connell" })).toEqual(["O'Connell Surveying"]);
    expect(await names({}, { search: '%' })).toEqual(['100% Fit']);
    expect(await names({}, { search: '_' })).toEqual(['Under_score Ltd']);
    expect(await names({}, { search: '"blue"' })).toEqual(['<Apex> "Blue" Fabrication']);
  });

  test('hostile search text matches nothing and changes nothing', async () => {
    for (const search of ["' OR '1'='1", "'; DROP TABLE account_monthly; --", "x') OR 1=1 OR ('"]) {
      expect((await count({}, { search })).accounts).toBe(0);
    }
    expect((await count({})).accounts).toBe(60);
  });

  test('the flag filter keeps flagged accounts, and the counts add up', async () => {
    const all = await count({});
    const atRisk = await count({}, { flag: 'at_risk' });
    expect(atRisk.accounts).toBe(all.at_risk);
    expect(atRisk.at_risk).toBe(all.at_risk);
    const rows = await run(bindQuery(accountExportQuery(DEFAULT_SORT), {}, scopeInputs(state({ flag: 'high_performer' }))));
    expect(rows.length).toBe(all.high_performer);
    expect(rows.every((r) => r.high_performer === true)).toBe(true);
  });

  test.each([
    [DEFAULT_SORT, {}],
    [{ column: 'utilization_rate', direction: 'asc' }, {}],
    [{ column: 'account_name', direction: 'desc' }, { region: 'ANZ' }],
    [{ column: 'size_band', direction: 'asc' }, { month: '2026-07' }],
    [{ column: 'at_risk', direction: 'desc' }, {}],
  ] as [AccountSort, ParameterState][])('pages read from either end line up with the full order (%j, %j)', async (sort, filters) => {
    const expected = await run(bindQuery(accountExportQuery(sort), filters, scopeInputs(state({ sort }))));
    const paged = await allPages(sort, filters);
    expect(paged.map((r) => r.account_id)).toEqual(expected.map((r) => r.account_id));
    expect(new Set(paged.map((r) => r.account_id)).size).toBe(paged.length);
  });

  test('answered ahead: the first view, and under the default filters every sort a header click gives and the next and last pages', async () => {
    const asked: BoundQuery[] = [];
    await askAccountTable({}, true, async (query) => {
      asked.push(query);
      return run(query);
    });
    const total = (await count({})).accounts as number;
    const view = (change: Partial<AccountTableState>) => boundAccountPage({}, { ...INITIAL_STATE, ...change }, total).query;
    expect(asked).toContainEqual(boundAccountCount({}, INITIAL_STATE));
    for (const column of ACCOUNT_COLUMNS) {
      const once = nextSort(DEFAULT_SORT, column.key)!;
      expect(asked).toContainEqual(view({ sort: once }));
      expect(asked).toContainEqual(view({ sort: nextSort(once, column.key)! }));
    }
    expect(asked).toContainEqual(view({ page: 1 }));
    expect(asked).toContainEqual(view({ page: pageCount(total) - 1 }));
    // Under other filters, only the first view: its count, then its first page.
    const japan: BoundQuery[] = [];
    await askAccountTable({ region: 'Japan' }, false, async (query) => {
      japan.push(query);
      return run(query);
    });
    const inJapan = (await count({ region: 'Japan' })).accounts as number;
    expect(japan).toEqual([boundAccountCount({ region: 'Japan' }, INITIAL_STATE), boundAccountPage({ region: 'Japan' }, INITIAL_STATE, inJapan).query]);
  });

  test('sorting by utilization puts undefined rates last in both directions', async () => {
    for (const direction of ['asc', 'desc'] as const) {
      const rows = await run(bindQuery(accountExportQuery({ column: 'utilization_rate', direction }), {}, scopeInputs(state())));
      const firstNull = rows.findIndex((r) => r.utilization_rate === null);
      expect(rows.slice(firstNull).every((r) => r.utilization_rate === null)).toBe(true);
    }
  });
});

describe('markup', () => {
  const hostile: Row = {
    account_id: 'A005',
    account_name: `<Apex> "Blue" & O'Neil`,
    region: 'ANZ',
    plan: 'pro',
    size_band: '2-5',
    tenure_segment: 'Q1',
    month: '2026-08',
    seats_purchased: 12,
    assignment_rate: 0.5,
    utilization_rate: 0.25,
    arr: 1234,
    movement: 'flat',
    at_risk: true,
    expansion_candidate: false,
    high_performer: false,
  };

  test('rows escape names and show flags as badges', () => {
    const html = accountRowsHtml([hostile]);
    expect(html).toContain('<th scope="row">&lt;Apex&gt; &quot;Blue&quot; &amp; O&#39;Neil<code>A005</code></th>');
    expect(html).toContain('<span class="flag at-risk">Yes</span>');
    expect(html).toContain('<td class="num">25.0%</td>');
    expect(html).not.toContain('<Apex>');
    expect(accountRowsHtml([])).toBe(`<tr><td colspan="${ACCOUNT_COLUMNS.length}">No accounts match.</td></tr>`);
  });

  test('the header marks the sorted column and is disabled in the static page', () => {
    const html = accountHeadHtml(DEFAULT_SORT, false);
    expect(html).toContain(
      '<th scope="col" class="num" aria-sort="descending"><button type="button" data-sort="arr" disabled>ARR<span class="sort-mark" aria-hidden="true">▼</span></button></th>',
    );
    expect(html.match(/disabled/g)).toHaveLength(ACCOUNT_COLUMNS.length);
    expect(accountHeadHtml({ column: 'account_name', direction: 'asc' }, true)).toContain(
      'aria-sort="ascending"><button type="button" data-sort="account_name">Account',
    );
  });

  test('the summary says what is shown', () => {
    const counts: Row = { accounts: 103, at_risk: 20, expansion_candidate: 30, high_performer: 1 };
    expect(accountSummary(counts, state({ page: 4 }), undefined)).toBe(
      '103 accounts in each account\u2019s latest month with usage (20 at risk, 30 expansion candidates, 1 high performers). Rows 101–103, sorted by ARR, highest first.',
    );
    expect(accountSummary({ accounts: 0 }, state({ sort: { column: 'size_band', direction: 'asc' } }), '2026-07')).toBe(
      '0 accounts in 2026-07 (– at risk, – expansion candidates, – high performers). No rows, sorted by Size band, smallest first.',
    );
  });

  test('the CSV holds every field and defuses formulas', () => {
    const csv = toCsv([{ ...hostile, account_name: '=HYPERLINK("x")' }], ACCOUNT_FIELDS);
    const [header, line] = csv.trim().split('\r\n');
    expect(header).toBe(ACCOUNT_FIELDS.join(','));
    expect(line).toContain(`"'=HYPERLINK(""x"")"`);
  });

  test('page size is what the static page promises', () => {
    expect(PAGE_SIZE).toBe(25);
  });
});
