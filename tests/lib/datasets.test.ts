/**
 * The registry of published data sets is the truth about the default data: every file is
 * declared and every declared data set is published, with exactly the declared columns,
 * types, meanings and categories.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, test } from 'vitest';
import { bandLabels, sqlString } from '../../src/lib/bands.ts';
import { DERIVED_MEANINGS } from '../../src/lib/column-meanings.ts';
import { PLANS, REGIONS, SIZE_BANDS, TENURE_SEGMENTS } from '../../src/lib/config.ts';
import { DATASETS, categoryColumns, type DatasetName } from '../../src/lib/datasets.ts';
import type { Manifest } from '../../src/lib/published.ts';
import { DEFAULT_DATA } from '../helpers/default-data.ts';

const manifest = JSON.parse(readFileSync(join(DEFAULT_DATA, 'manifest.json'), 'utf8')) as Manifest;
const meaningOf = (dataset: DatasetName, column: string) => DATASETS.find((d) => d.name === dataset)?.columns.find((c) => c.name === column)?.meaning;

describe('the registry and the published data', () => {
  test('every published file is a declared data set and every declared data set is published, in order', () => {
    const files = readdirSync(DEFAULT_DATA).filter((f) => f.endsWith('.parquet'));
    expect(DATASETS.map((d) => d.file).sort()).toEqual(files.sort());
    expect(manifest.tables.map((t) => t.name)).toEqual(DATASETS.map((d) => d.name));
  });

  test('each data set is published with exactly its declared columns and types', () => {
    for (const dataset of DATASETS) {
      const published = manifest.tables.find((t) => t.name === dataset.name)!;
      expect(published.columns, dataset.name).toEqual(dataset.columns.map((c) => ({ name: c.name, type: c.type })));
      expect([published.description, published.audience], dataset.name).toEqual([dataset.description, dataset.audience]);
    }
  });

  test('the manifest lists the values of every declared category, and no other', () => {
    const declared = Object.fromEntries(DATASETS.filter((d) => categoryColumns(d).length > 0).map((d) => [d.name, categoryColumns(d).map((c) => c.name)]));
    expect(Object.fromEntries(Object.entries(manifest.categories).map(([name, values]) => [name, Object.keys(values ?? {})]))).toEqual(declared);
    const filters = {
      region: REGIONS,
      size_band: bandLabels(SIZE_BANDS),
      tenure_segment: bandLabels(TENURE_SEGMENTS),
      plan: PLANS,
      month: ['2026-05', '2026-06', '2026-07', '2026-08'],
    };
    for (const name of ['filter_cube', 'revenue_cube', 'account_monthly', 'account_latest'] as const) expect(manifest.categories[name], name).toEqual(filters);
    expect(manifest.categories.panel_profile?.is_active).toEqual(['false', 'true']);
  });
});

describe('column meanings', () => {
  test('every declared column has a meaning, once per data set', () => {
    for (const dataset of DATASETS) {
      expect(new Set(dataset.columns.map((c) => c.name)).size, dataset.name).toBe(dataset.columns.length);
      for (const column of dataset.columns) expect(column.meaning, `${dataset.name}.${column.name}`).toMatch(/\S/);
    }
  });

  test('every shared meaning of a derived column is used by some data set', () => {
    const used = new Set(DATASETS.flatMap((d) => d.columns.map((c) => c.name)));
    expect(Object.keys(DERIVED_MEANINGS).filter((name) => !used.has(name))).toEqual([]);
  });

  test('a data set’s own meaning wins over the shared one', () => {
    expect(meaningOf('master_usage', 'assignment_rate')).toBe('Seats assigned over seats purchased.');
    expect(meaningOf('regional_summary', 'assignment_rate')).toBe('Mean of seats assigned over seats purchased.');
    expect(meaningOf('accounts', 'account_id')).toBe('Unique account identifier.');
  });
});

test('source 000 step 12’s seven purpose-built data sets are marked with their audience', () => {
  expect(DATASETS.filter((d) => d.step12).map((d) => d.name)).toEqual([
    'master_usage',
    'regional_summary',
    'size_band_analysis',
    'customer_lifecycle',
    'risk_opportunity_matrix',
    'monthly_trend',
    'executive_summary',
  ]);
});

test('each data set with in_last_month marks exactly the rows of its own last month', async () => {
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  for (const cube of ['filter_cube', 'revenue_cube', 'health_cube', 'account_health'] satisfies DatasetName[]) {
    const file = `read_parquet(${sqlString(join(DEFAULT_DATA, `${cube}.parquet`))})`;
    const [counts] = (
      await conn.runAndReadAll(`SELECT count(*) FILTER (WHERE in_last_month)::INTEGER AS marked,
          count(*) FILTER (WHERE in_last_month IS DISTINCT FROM (month = (SELECT max(month) FROM ${file})))::INTEGER AS wrong
        FROM ${file}`)
    ).getRowObjects();
    expect(counts, cube).toEqual({ marked: expect.any(Number), wrong: 0 });
    expect(counts?.marked, cube).toBeGreaterThan(0);
  }
});

describe('account_latest', () => {
  test('holds exactly the rows of account_monthly where is_latest holds, one per account, with the last month marked', async () => {
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const file = (name: DatasetName) => `read_parquet(${sqlString(join(DEFAULT_DATA, `${name}.parquet`))})`;
    const reader = await conn.runAndReadAll(`
      WITH expected AS (
          SELECT * EXCLUDE (is_latest), month = (SELECT max(month) FROM ${file('filter_cube')}) AS in_last_month
          FROM ${file('account_monthly')} WHERE is_latest),
        published AS (SELECT * FROM ${file('account_latest')})
      SELECT (SELECT count(*) FROM expected)::INTEGER AS expected, (SELECT count(*) FROM published)::INTEGER AS published,
        (SELECT count(DISTINCT account_id) FROM published)::INTEGER AS accounts,
        (SELECT count(*) FROM (SELECT * FROM expected EXCEPT ALL SELECT * FROM published))::INTEGER AS missing,
        (SELECT count(*) FROM (SELECT * FROM published EXCEPT ALL SELECT * FROM expected))::INTEGER AS extra,
        (SELECT count(*) FROM published WHERE in_last_month)::INTEGER AS last_month,
        (SELECT count(*) FROM ${file('account_monthly')} WHERE month = (SELECT max(month) FROM ${file('filter_cube')}))::INTEGER AS in_last_month`);
    const [counts] = reader.getRowObjects();
    expect(counts?.expected).toBeGreaterThan(0);
    // Every account with usage in the last month has it as its latest: the snapshot charts read those rows here.
    expect(counts?.last_month).toBeGreaterThan(0);
    expect(counts).toEqual({
      expected: counts?.expected,
      published: counts?.expected,
      accounts: counts?.expected,
      missing: 0,
      extra: 0,
      last_month: counts?.in_last_month,
      in_last_month: counts?.in_last_month,
    });
  });
});
