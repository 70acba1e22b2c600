/**
 * Writes the published data sets (declared in src/lib/datasets.ts) as Parquet (zstd), the
 * manifest and the data-quality report into a fresh folder, then swaps it into place in
 * one rename, so a failed run never leaves a half-written or missing `public/data/`.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../../src/lib/bands.ts';
import { DATASETS, categoryColumns, type Dataset } from '../../src/lib/datasets.ts';
import type { Manifest, ManifestTable } from '../../src/lib/published.ts';
import { CS_MODEL_FILE } from '../../src/lib/cs-model.ts';
import { CS_MODEL_INTERMEDIATES } from '../../src/lib/queries/cs-model.ts';
import { INTEL_INTERMEDIATES } from '../../src/lib/queries/intelligence.ts';
import { HEALTH_INTERMEDIATES } from '../../src/lib/queries/account-health.ts';
import { INTERMEDIATES } from '../../src/lib/queries/usage-aggregates.ts';
import { ACCOUNT_INTERMEDIATES } from '../../src/lib/queries/account-monthly.ts';
import { copyToParquet, ident, rows } from '../lib/duck.ts';
import { fitCsModel } from './cs-model.ts';
import { derivedFile } from './derive.ts';

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Rows, size, hash and column types of a written Parquet file. */
async function describeParquet(conn: DuckDBConnection, path: string): Promise<Pick<ManifestTable, 'rows' | 'bytes' | 'sha256' | 'columns'>> {
  const columns = await rows<{ name: string; type: string }>(
    conn,
    `SELECT column_name AS name, column_type AS type FROM (DESCRIBE SELECT * FROM read_parquet(${sqlString(path)}))`,
  );
  const [count] = await rows<{ n: number }>(conn, `SELECT count(*) AS n FROM read_parquet(${sqlString(path)})`);
  return { rows: count?.n ?? 0, bytes: statSync(path).size, sha256: sha256(path), columns };
}

/** The allowed values of a data set's category columns: from config, or the file's distinct values in sort order. */
async function categoriesOf(conn: DuckDBConnection, dataset: Dataset, path: string): Promise<Record<string, readonly string[]>> {
  const categories: Record<string, readonly string[]> = {};
  for (const column of categoryColumns(dataset)) {
    const name = ident(column.name);
    categories[column.name] =
      column.category === 'sorted'
        ? (
            await rows<{ value: string }>(
              conn,
              `SELECT DISTINCT CAST(${name} AS VARCHAR) AS value FROM read_parquet(${sqlString(path)}) WHERE ${name} IS NOT NULL ORDER BY value`,
            )
          ).map((row) => row.value)
        : [...column.category];
  }
  return categories;
}

/**
 * Writes every declared data set into `dir` (derived files are taken from `derivedDir`), and the
 * CS-operations model as `cs_model.json`; returns the data sets' manifest entries and categories.
 */
export async function writeDatasets(conn: DuckDBConnection, dir: string, derivedDir: string): Promise<Pick<Manifest, 'tables' | 'categories'>> {
  for (const [name, sql] of Object.entries({
    ...INTERMEDIATES,
    ...ACCOUNT_INTERMEDIATES,
    ...INTEL_INTERMEDIATES,
    ...HEALTH_INTERMEDIATES,
    ...CS_MODEL_INTERMEDIATES,
  }))
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${name} AS ${sql}`);
  // The CS-operations model is fitted here, in node, before cs_deals (which joins its predictions) is written.
  writeJson(join(dir, CS_MODEL_FILE), await fitCsModel(conn));
  const tables: ManifestTable[] = [];
  const categories: Manifest['categories'] = {};
  for (const dataset of DATASETS) {
    const path = join(dir, dataset.file);
    if ('sql' in dataset.source) await copyToParquet(conn, dataset.source.sql, path);
    else copyFileSync(derivedFile(derivedDir, dataset.source.derivedTable), path);
    const info = await describeParquet(conn, path);
    const written = info.columns.map((c) => c.name).join(', ');
    const declared = dataset.columns.map((c) => c.name).join(', ');
    if (written !== declared) throw new Error(`${dataset.name} was written with the columns (${written}) but declares (${declared}) in src/lib/datasets.ts.`);
    tables.push({ name: dataset.name, file: dataset.file, description: dataset.description, audience: dataset.audience, ...info });
    if (categoryColumns(dataset).length > 0) categories[dataset.name] = await categoriesOf(conn, dataset, path);
  }
  return { tables, categories };
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
