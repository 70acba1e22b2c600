/**
 * One query, two engines: every chart query of every page, and the account table's
 * queries, give the same rows in DuckDB (node, used at build time) and in DuckDB-WASM over
 * the published Parquet (used in the browser), in states made from each page's parameters:
 * the default, each category at its first and last value, each number at its ends, all
 * categories set at once, and a hostile value.
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
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allowedValues } from '../../src/build/page-context.ts';
import { PAGES } from '../../src/build/pages.ts';
import { bindOptions } from '../../src/lib/charts/chart.ts';
import { type PageDefinition, isInteractive, pageCharts, pageTables } from '../../src/lib/page.ts';
import { defaultState, type ParameterState } from '../../src/lib/parameters.ts';
import type { Manifest } from '../../src/lib/published.ts';
import { bindQuery } from '../../src/lib/query.ts';
import type { Row } from '../../src/lib/rows.ts';
import { DEFAULT_DATA } from '../helpers/default-data.ts';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { openWasmEngine, type WasmEngine } from '../helpers/duckdb-wasm-node.ts';

const manifest = JSON.parse(readFileSync(join(DEFAULT_DATA, 'manifest.json'), 'utf8')) as Manifest;

/** A few ids of each data set an id parameter reads (rows 0 and 14 of the published file). */
const SAMPLE_IDS: Record<string, string[]> = {};
for (const dataset of new Set(
  PAGES.flatMap((p) => p.definition.parameters.flatMap((q) => (q.kind === 'id' ? [q.source] : []))).map((s) => `${s.dataset}.${s.column}`),
)) {
  const [name, column] = dataset.split('.') as [string, string];
  const file = await asyncBufferFromFile(join(DEFAULT_DATA, `${name}.parquet`));
  const rows = await parquetReadObjects({ file, compressors, columns: [column], rowStart: 0, rowEnd: 15 });
  SAMPLE_IDS[name] = [String(rows[0]![column]), String(rows[14]![column])];
}

/** States that exercise every parameter of a page (categories at their ends, numbers at their limits, every choice, sequences short and long). */
/** For each path parameter, the values of its levels in the first row of its data set. */
const SAMPLE_PATHS: Record<string, string[]> = {};
for (const parameter of PAGES.flatMap((p) => p.definition.parameters)) {
  if (parameter.kind !== 'path') continue;
  const file = await asyncBufferFromFile(join(DEFAULT_DATA, `${parameter.dataset}.parquet`));
  const columns = parameter.levels.map((level) => level.column);
  const [row] = await parquetReadObjects({ file, compressors, columns, rowStart: 0, rowEnd: 1 });
  SAMPLE_PATHS[parameter.name] = columns.map((column) => String(row![column]));
}

function statesOf(page: PageDefinition): ParameterState[] {
  const allowed = allowedValues(manifest, page.parameters);
  const base = defaultState(page.parameters);
  const states: ParameterState[] = [base];
  const all: Record<string, string> = {};
  for (const parameter of page.parameters) {
    if (parameter.kind === 'category') {
      const values = allowed[parameter.name]!;
      states.push({ ...base, [parameter.name]: values[0]! }, { ...base, [parameter.name]: values[values.length - 1]! });
      all[parameter.name] = values[Math.floor(values.length / 2)]!;
    }
    if (parameter.kind === 'number') states.push({ ...base, [parameter.name]: parameter.min }, { ...base, [parameter.name]: parameter.max });
    if (parameter.kind === 'choice') for (const option of parameter.options) states.push({ ...base, [parameter.name]: option.value });
    // A search that matches some names, and one with quotes and wildcards that must match literally.
    if (parameter.kind === 'text') states.push({ ...base, [parameter.name]: 'an' }, { ...base, [parameter.name]: "O'Brien & <Co> %_" });
    // A path at each depth, along the first row of its data set, and one no row has.
    if (parameter.kind === 'path') {
      const along = SAMPLE_PATHS[parameter.name] ?? [];
      for (let depth = 1; depth <= along.length; depth++) states.push({ ...base, [parameter.name]: along.slice(0, depth) });
      states.push({ ...base, [parameter.name]: ['No such place'] });
    }
    // An id of the data set (its first and a later row), and one it does not hold.
    if (parameter.kind === 'id') {
      for (const id of [...(SAMPLE_IDS[parameter.source.dataset] ?? []), 'A99999999']) states.push({ ...base, [parameter.name]: id });
    }
    // A sequence at its shortest, reversed, and with every option.
    if (parameter.kind === 'sequence') {
      const values = parameter.options.map((option) => option.value);
      states.push({ ...base, [parameter.name]: values.slice(0, parameter.min) }, { ...base, [parameter.name]: [...values].reverse() });
    }
  }
  states.push({ ...base, ...all });
  const first = page.parameters.find((p) => p.kind === 'category');
  if (first) states.push({ ...base, [first.name]: "'; DROP TABLE filter_cube; --" });
  return states;
}

const DASHBOARDS = PAGES.map((p) => p.definition).filter(isInteractive);

/**
 * Doubles summed in a different order may differ in the last bits (a relative error of at
 * most 1e-13, a few units in the last place of the value); anything else must be equal.
 */
function expectSameRows(actual: Row[], expected: Row[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((row, i) => {
    const other = actual[i]!;
    expect(Object.keys(other)).toEqual(Object.keys(row));
    for (const [key, value] of Object.entries(row)) {
      if (typeof value === 'number' && !Number.isInteger(value))
        expect(Math.abs((other[key] as number) - value), key).toBeLessThanOrEqual(Math.max(1, Math.abs(value)) * 1e-13);
      else expect(other[key]).toBe(value);
    }
  });
}

let wasm: WasmEngine;

beforeAll(async () => {
  const tables = [...new Set([...DASHBOARDS.flatMap(pageTables), ...accountCountQuery.tables])];
  wasm = await openWasmEngine(DEFAULT_DATA, tables);
});

describe.each(DASHBOARDS.flatMap((page) => pageCharts(page).map((chart) => [`${page.title}: ${chart.id}`, page, chart] as const)))('%s', (_id, page, chart) => {
  const states = statesOf(page);
  /** Rows each state returned: a chart must return some under one state at least, or the comparison proves nothing. */
  const returned: number[] = [];
  it.each(states.map((state) => [JSON.stringify(state), state] as const))('same rows in both engines for %s', async (_label, state) => {
    const bound = bindQuery(chart.query, state, {}, bindOptions(chart));
    const expected = await runQuery(bound, DEFAULT_DATA);
    returned.push(expected.length);
    expectSameRows(wasm.run(bound), expected);
  });
  it('returns rows under some state (the default, or a chosen account or search)', () => {
    expect(Math.max(...returned)).toBeGreaterThan(0);
  });
});

/** Table states: default, searched, flagged, sorted by a band, and a page read from the end. */
const TABLE_STATES: [ParameterState, AccountTableState][] = [
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
