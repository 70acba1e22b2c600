/** The default data's manifest and quality report tell the truth about the files beside them. */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { Manifest } from '../src/lib/published.ts';
import { DEFAULT_DATA, openPublished } from './helpers/default-data.ts';

const manifest = JSON.parse(readFileSync(join(DEFAULT_DATA, 'manifest.json'), 'utf8')) as Manifest;

test('every published file is listed with its true rows, bytes, hash and columns', async () => {
  const files = readdirSync(DEFAULT_DATA)
    .filter((f) => f.endsWith('.parquet'))
    .sort();
  expect(manifest.tables.map((t) => t.file).sort()).toEqual(files);
  const { query } = await openPublished(
    DEFAULT_DATA,
    manifest.tables.map((t) => t.name),
  );
  for (const table of manifest.tables) {
    const path = join(DEFAULT_DATA, table.file);
    const [count] = await query<{ n: number }>(`SELECT count(*) AS n FROM ${table.name}`);
    expect(count!.n, table.name).toBe(table.rows);
    expect(statSync(path).size).toBe(table.bytes);
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(table.sha256);
    const columns = await query<{ name: string; type: string }>(`SELECT column_name AS name, column_type AS type FROM (DESCRIBE ${table.name})`);
    expect(table.columns).toEqual(columns);
  }
  expect(manifest.source).toEqual({ kind: 'generated', seed: 20_240_601, scale: 1 });
  expect(manifest.categories.filter_cube?.month).toEqual(['2026-05', '2026-06', '2026-07', '2026-08']);
});

test('the quality report counts match the published data', async () => {
  const quality = JSON.parse(readFileSync(join(DEFAULT_DATA, 'quality.json'), 'utf8'));
  const { query } = await openPublished(DEFAULT_DATA, ['master_usage', 'panel_profile', 'emails', 'activities']);
  const [m] = await query<{ capped: number; undefined_util: number }>(
    `SELECT count(*) FILTER (WHERE utilization_capped) AS capped, count(*) FILTER (WHERE utilization_rate IS NULL) AS undefined_util FROM master_usage`,
  );
  expect(quality.values_capped[0].rows).toBe(m!.capped);
  expect(quality.rows_flagged.find((f: { flag: string }) => f.flag === 'utilization undefined').rows).toBe(m!.undefined_util);
  for (const table of ['emails', 'activities']) {
    const entry = quality.tables.find((t: { table: string }) => t.table === table);
    const [kept] = await query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
    expect(entry.rows_kept).toBe(kept!.n);
    expect(entry.rows_read - entry.rows_kept).toBe(quality.duplicates_removed[table]);
    expect(quality.duplicates_removed[table]).toBeGreaterThan(0);
  }
});

test('the quality report and intel_sources agree on the order lines read and kept per source', async () => {
  const quality = JSON.parse(readFileSync(join(DEFAULT_DATA, 'quality.json'), 'utf8'));
  const { query } = await openPublished(DEFAULT_DATA, ['intel_sources', 'orders']);
  const sources = await query<{ source: string; order_lines_read: number; order_lines_kept: number }>(
    `SELECT source, order_lines_read, order_lines_kept FROM intel_sources`,
  );
  const table = (name: string) => quality.tables.find((t: { table: string }) => t.table === name);
  expect(sources).toEqual([
    { source: 'synthetic', order_lines_read: table('orders').rows_read, order_lines_kept: table('orders').rows_kept },
    { source: 'superstore', order_lines_read: table('superstore_orders').rows_read, order_lines_kept: table('superstore_orders').rows_kept },
  ]);
  expect(table('superstore_orders').rows_read).toBe(9994);
  expect(manifest.categories.intel_customers?.segment).toEqual(['At-Risk/Dormant', 'High-Value Active', 'Discount-Driven', 'Steady']);
});
