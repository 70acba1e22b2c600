/**
 * One query, two engines: every chart query, and the account table's queries, give the
 * same rows in DuckDB (node, used at build time) and in DuckDB-WASM over the published
 * Parquet (used in the browser), with no filter and with filters on every dimension.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runQuery } from '../../src/build/duckdb-node.ts';
import {
  INITIAL_STATE,
  accountCountQuery,
  accountPageQuery,
  pageInputs,
  pageWindow,
  scopeInputs,
  type AccountTableState,
} from '../../src/lib/account-table.ts';
import { ALL_CHARTS } from '../../src/lib/charts/registry.ts';
import type { FilterState } from '../../src/lib/filters.ts';
import { bindQuery } from '../../src/lib/query.ts';
import type { Row } from '../../src/lib/rows.ts';
import { DEFAULT_DATA } from '../helpers/default-data.ts';
import { openWasmEngine, type WasmEngine } from '../helpers/duckdb-wasm-node.ts';

const STATES: FilterState[] = [
  {},
  { region: 'Japan' },
  { size_band: '500+', month: '2026-06' },
  { tenure_segment: 'Q1', plan: 'premium' },
  { region: 'Greater China', size_band: '1', tenure_segment: '5+ years', plan: 'starter', month: '2026-08' },
  { region: "'; DROP TABLE filter_cube; --" },
];

/** Doubles summed in a different order may differ in the last bits; anything else must be equal. */
function expectSameRows(actual: Row[], expected: Row[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((row, i) => {
    const other = actual[i]!;
    expect(Object.keys(other)).toEqual(Object.keys(row));
    for (const [key, value] of Object.entries(row)) {
      if (typeof value === 'number' && !Number.isInteger(value)) expect(other[key]).toBeCloseTo(value, 10);
      else expect(other[key]).toBe(value);
    }
  });
}

let wasm: WasmEngine;

beforeAll(async () => {
  const tables = [...new Set([...ALL_CHARTS.flatMap((chart) => chart.query.tables), ...accountCountQuery.tables])];
  wasm = await openWasmEngine(DEFAULT_DATA, tables);
});

describe.each(ALL_CHARTS.map((chart) => [chart.id, chart] as const))('%s', (_id, chart) => {
  it.each(STATES.map((state) => [JSON.stringify(state), state] as const))('same rows in both engines for %s', async (_label, state) => {
    const bound = bindQuery(chart.query, state);
    const expected = await runQuery(bound, DEFAULT_DATA);
    if (Object.keys(state).length === 0) expect(expected.length).toBeGreaterThan(0);
    expectSameRows(wasm.run(bound), expected);
  });
});

/** Table states: default, searched, flagged, sorted by a band, and a page read from the end. */
const TABLE_STATES: [FilterState, AccountTableState][] = [
  [{}, INITIAL_STATE],
  [{ region: 'Japan' }, { ...INITIAL_STATE, search: "o'connell" }],
  [
    { month: '2026-06', plan: 'pro' },
    { ...INITIAL_STATE, flag: 'at_risk', sort: { column: 'size_band', direction: 'asc' }, page: 3 },
  ],
  [{ size_band: '500+' }, { ...INITIAL_STATE, sort: { column: 'utilization_rate', direction: 'asc' }, page: 1_000 }],
  [{}, { ...INITIAL_STATE, search: "%'; DROP TABLE account_monthly; --" }],
];

describe('account table', () => {
  it.each(TABLE_STATES.map(([filters, state]) => [JSON.stringify([filters, state]), filters, state] as const))(
    'same count and page in both engines for %s',
    async (_label, filters, state) => {
      const count = bindQuery(accountCountQuery, filters, scopeInputs(state));
      const [counts] = await runQuery(count, DEFAULT_DATA);
      expectSameRows(wasm.run(count), [counts!]);
      const window = pageWindow(Number(counts!.accounts), state.page);
      const page = bindQuery(accountPageQuery(state.sort, window.reversed), filters, pageInputs(state, window));
      expectSameRows(wasm.run(page), await runQuery(page, DEFAULT_DATA));
    },
  );
});
