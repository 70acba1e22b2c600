/**
 * Writes the published data sets as Parquet (zstd), the manifest and the data-quality
 * report into a fresh folder, then swaps it into place in one rename, so a failed run
 * never leaves a half-written or missing `public/data/`.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../../src/lib/bands.ts';
import { ACCOUNT_MONTHLY_SQL } from '../../src/lib/queries/account-monthly.ts';
import { AGGREGATES, INTERMEDIATES } from '../../src/lib/queries/usage-aggregates.ts';
import { copyToParquet, rows } from '../lib/duck.ts';
import { derivedFile } from './derive.ts';

/**
 * One published data set: what it is, whom it serves, and how it is produced: by a query,
 * or as the Parquet file a derivation already wrote (derive.ts), copied as is.
 */
export type Dataset = { name: string; description: string; audience: string } & ({ sql: string } | { derivedFile: string });

const table = (name: string) => `SELECT * FROM ${name}`;

export const DATASETS: readonly Dataset[] = [
  {
    name: 'master_usage',
    audience: 'Analysts and CS teams (drill-down)',
    description:
      'Every usage row with its filter attributes (region, plan, size band, tenure segment), rates, flags and unused seats; join accounts for names.',
    derivedFile: 'master_usage',
  },
  {
    name: 'regional_summary',
    audience: 'Executives',
    description: 'One row per region: seats, market share, rates, risk and rankings.',
    sql: AGGREGATES.regional_summary,
  },
  {
    name: 'size_band_analysis',
    audience: 'Operations',
    description: 'One row per size band: rates, risk and revenue contribution.',
    sql: AGGREGATES.size_band_analysis,
  },
  {
    name: 'customer_lifecycle',
    audience: 'Operations',
    description: 'One row per tenure segment with its lifecycle stage and rates.',
    sql: AGGREGATES.customer_lifecycle,
  },
  {
    name: 'risk_opportunity_matrix',
    audience: 'Customer success',
    description: 'Five utilization categories with what happened to the account the month after.',
    sql: AGGREGATES.risk_opportunity_matrix,
  },
  { name: 'monthly_trend', audience: 'Regional management', description: 'Month x region rates against the overall baseline.', sql: AGGREGATES.monthly_trend },
  { name: 'executive_summary', audience: 'Executives', description: 'One row per month with month-over-month changes.', sql: AGGREGATES.executive_summary },
  {
    name: 'filter_cube',
    audience: 'Dashboards',
    description: 'Sums and counts per region x size band x tenure x plan x month.',
    sql: AGGREGATES.filter_cube,
  },
  {
    name: 'revenue_cube',
    audience: 'Dashboards',
    description: 'Accounts and ARR per region x size band x tenure x plan x month x movement.',
    sql: AGGREGATES.revenue_cube,
  },
  {
    name: 'account_monthly',
    audience: 'Customer success (account table, action list)',
    description:
      "One row per account and month: name, filter attributes, seats summed over products with their rates and flags, ARR and movement; is_latest marks the account's latest month with usage.",
    sql: ACCOUNT_MONTHLY_SQL,
  },
  {
    name: 'accounts',
    audience: 'Analysts',
    description: 'The account dimension with size band, tenure segment and lifecycle stage.',
    sql: table('account_dim'),
  },
  {
    name: 'revenue_monthly',
    audience: 'Analysts',
    description: "ARR and movement per account and month, with the previous month's ARR.",
    sql: 'SELECT account_id, month, arr, arr_previous, movement FROM revenue_enriched',
  },
  {
    name: 'panel_profile',
    audience: 'Product and CS',
    description: 'One row per telemetry panel account with its event activity and groups.',
    sql: table('panel_profile'),
  },
  { name: 'orders', audience: 'Analysts', description: 'Order lines.', sql: table('orders') },
  { name: 'cs_team', audience: 'CS managers', description: 'Specialists with their languages and product scopes.', sql: table('cs_team') },
  { name: 'deals', audience: 'CS managers', description: 'Client onboarding deals.', sql: table('deals') },
  { name: 'emails', audience: 'CS managers', description: 'Emails on deals, duplicates removed.', sql: table('emails') },
  { name: 'activities', audience: 'CS managers', description: 'Activities on deals, duplicates removed.', sql: table('activities') },
];

export interface ColumnInfo {
  name: string;
  type: string;
}

export interface TableEntry {
  name: string;
  file: string;
  description: string;
  audience: string;
  rows: number;
  bytes: number;
  sha256: string;
  columns: ColumnInfo[];
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Rows, size, hash and column types of a written Parquet file. */
async function describeParquet(conn: DuckDBConnection, path: string): Promise<Pick<TableEntry, 'rows' | 'bytes' | 'sha256' | 'columns'>> {
  const columns = await rows<{ name: string; type: string }>(
    conn,
    `SELECT column_name AS name, column_type AS type FROM (DESCRIBE SELECT * FROM read_parquet(${sqlString(path)}))`,
  );
  const [count] = await rows<{ n: number }>(conn, `SELECT count(*) AS n FROM read_parquet(${sqlString(path)})`);
  return { rows: count?.n ?? 0, bytes: statSync(path).size, sha256: sha256(path), columns };
}

/** Writes every data set into `dir` (derived files are taken from `derivedDir`) and returns their manifest entries. */
export async function writeDatasets(
  conn: DuckDBConnection,
  dir: string,
  derivedDir: string,
  onTable?: (name: string, rows: number) => void,
): Promise<TableEntry[]> {
  for (const [name, sql] of Object.entries(INTERMEDIATES)) await conn.run(`CREATE OR REPLACE TEMP TABLE ${name} AS ${sql}`);
  const entries: TableEntry[] = [];
  for (const dataset of DATASETS) {
    const file = `${dataset.name}.parquet`;
    const path = join(dir, file);
    if ('sql' in dataset) await copyToParquet(conn, dataset.sql, path);
    else copyFileSync(derivedFile(derivedDir, dataset.derivedFile), path);
    const info = await describeParquet(conn, path);
    entries.push({ name: dataset.name, file, description: dataset.description, audience: dataset.audience, ...info });
    onTable?.(dataset.name, info.rows);
  }
  return entries;
}

/** A sibling folder to build into before the swap. */
export function stagingDir(target: string): string {
  const dir = join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Replaces `target` with `built` (the old folder is removed only once the new one is in place). */
export function swapInto(built: string, target: string): void {
  const old = `${built}.old`;
  if (existsSync(target)) renameSync(target, old);
  renameSync(built, target);
  rmSync(old, { recursive: true, force: true });
}

export function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}
