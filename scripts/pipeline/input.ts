/**
 * Reads the raw tables of an input folder into DuckDB and checks them against the schema
 * (src/lib/schema.ts). A CSV file is first read by the typed fast path (typed-input.ts),
 * which only says whether the file passes every rule. A file that does not, and every
 * Parquet file, takes the text path below: every value is read as text, so that a CSV and
 * a Parquet file are checked by the same rules (input-rules.ts) and an error can quote
 * what was found. The first problem stops the run with an InputError naming the table,
 * file, row (line for CSV), column, what was expected and what was found.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../../src/lib/bands.ts';
import { SCHEMA, type TableSpec } from '../../src/lib/schema.ts';
import { copyToParquet, ident, parquetView, rows, scalar } from '../lib/duck.ts';
import { CSV_OPTIONS, type Check, castSql, repeatedKeysSql, rowsView, stagingTable, textChecks } from './input-rules.ts';
import { finishTyped, stageTyped } from './typed-input.ts';

/** Bad input: the message says exactly what and where. */
export class InputError extends Error {
  override name = 'InputError';
}

/** Where a table came from. */
export interface Source {
  table: string;
  file: string;
  format: 'csv' | 'parquet';
  rows: number;
  /** How it was read: the typed fast path (CSV that passes every rule) or the text path. */
  reader: 'typed' | 'text';
}

/** "line 7" for CSV (the header is line 1), "row 6" for Parquet. */
function where(source: Source, row: number): string {
  return source.format === 'csv' ? `line ${row + 1}` : `row ${row}`;
}

function fail(source: Source, row: number | null, column: string, expected: string, found: string): never {
  const at = row === null ? '' : `, ${where(source, row)}`;
  throw new InputError(`Invalid input in table ${source.table} (${source.file}${at}), column ${column}: expected ${expected}, found ${found}`);
}

function findFile(dir: string, table: string): { file: string; format: 'csv' | 'parquet' } {
  for (const format of ['csv', 'parquet'] as const) {
    const file = join(dir, `${table}.${format}`);
    if (existsSync(file)) return { file, format };
  }
  throw new InputError(`Missing table ${table}: expected ${table}.csv or ${table}.parquet in ${dir}`);
}

/**
 * Loads one file into its staging table (all columns as text) and returns its source. A
 * header matching a declared column but for case and spaces around it takes the
 * column's spelling; other headers are kept trimmed.
 */
async function stage(conn: DuckDBConnection, spec: TableSpec<string>, file: string, format: 'csv' | 'parquet'): Promise<Source> {
  if (!statSync(file).isFile()) throw new InputError(`Cannot read table ${spec.name} (${file}): not a file`);
  if (statSync(file).size === 0) throw new InputError(`Empty file for table ${spec.name} (${file}): it has no header and no rows`);
  const reader = format === 'csv' ? `read_csv(${sqlString(file)}, ${CSV_OPTIONS}, all_varchar = true)` : `read_parquet(${sqlString(file)})`;
  const declared = new Map(spec.columns.map((c) => [c.name.toLowerCase(), c.name]));
  try {
    await conn.run(`CREATE OR REPLACE TEMP VIEW raw_file AS SELECT * FROM ${reader}`);
    const columns = (await rows<{ name: string }>(conn, `SELECT column_name AS name FROM (DESCRIBE raw_file)`)).map((c) => c.name);
    const named = (c: string) => declared.get(c.trim().toLowerCase()) ?? c.trim();
    const select = columns.map((c) => `CAST(${ident(c)} AS VARCHAR) AS ${ident(named(c))}`).join(', ');
    await conn.run(`CREATE OR REPLACE TABLE ${stagingTable(spec.name)} AS SELECT ${select} FROM raw_file`);
    // rowid follows insertion order (file order); a view adds the 1-based row number without a window pass.
    await conn.run(`CREATE OR REPLACE TEMP VIEW ${rowsView(spec.name)} AS SELECT rowid + 1 AS __row, * FROM ${stagingTable(spec.name)}`);
  } catch (error) {
    const reason = String((error as Error).message).split('\n')[0];
    throw new InputError(`Cannot read table ${spec.name} (${file}): not a readable ${format === 'csv' ? 'CSV' : 'Parquet'} file (DuckDB: ${reason})`);
  }
  const count = Number(await scalar(conn, `SELECT count(*) FROM ${stagingTable(spec.name)}`));
  if (count === 0) throw new InputError(`Empty file for table ${spec.name} (${file}): it has a header but no rows`);
  return { table: spec.name, file, format, rows: count, reader: 'text' };
}

/** Checks columns, types, allowed values and ranges of one staged table. */
async function checkValues(conn: DuckDBConnection, spec: TableSpec<string>, source: Source): Promise<void> {
  const present = new Set((await rows<{ name: string }>(conn, `SELECT column_name AS name FROM (DESCRIBE ${rowsView(spec.name)})`)).map((c) => c.name));
  const missing = spec.columns.find((c) => !present.has(c.name));
  if (missing) fail(source, null, missing.name, `a column named ${missing.name}`, `only ${[...present].filter((c) => c !== '__row').join(', ')}`);

  const checks = spec.columns.flatMap(textChecks);
  const firsts = checks.map((check, i) => `min(__row) FILTER (WHERE ${check.broken}) AS c${i}`).join(', ');
  const [result] = await rows(conn, `SELECT ${firsts} FROM ${rowsView(spec.name)}`);
  let worst: { row: number; check: Check } | null = null;
  checks.forEach((check, i) => {
    const row = result?.[`c${i}`];
    if (typeof row === 'number' && (worst === null || row < worst.row)) worst = { row, check };
  });
  if (worst === null) return;
  const { row, check } = worst as { row: number; check: Check };
  const [offending] = await rows(conn, `SELECT * FROM ${rowsView(spec.name)} WHERE __row = ${row}`);
  const value = offending?.[check.column];
  const found = value === null || value === undefined || String(value).trim() === '' ? 'an empty value' : JSON.stringify(String(value));
  fail(source, row, check.column, check.expectedFor ? check.expectedFor(offending ?? {}) : check.expected, found);
}

/** Checks that the table's key is unique (tables that de-duplicate are exempt). */
async function checkKey(conn: DuckDBConnection, spec: TableSpec<string>, source: Source): Promise<void> {
  const repeatedSql = repeatedKeysSql(spec);
  if (!spec.key || !repeatedSql) return;
  const key = spec.key.map(ident).join(', ');
  // A cheap grouped count first; the ordered search for the first repeat runs only when there is one.
  if (Number(await scalar(conn, repeatedSql)) === 0) return;
  const [dup] = await rows<{ row: number; first: number }>(
    conn,
    `SELECT __row AS row, first FROM (
       SELECT __row, min(__row) OVER (PARTITION BY ${key}) AS first, row_number() OVER (PARTITION BY ${key} ORDER BY __row) AS n
       FROM ${rowsView(spec.name)}) WHERE n = 2 ORDER BY __row LIMIT 1`,
  );
  if (!dup) return;
  const [offending] = await rows(conn, `SELECT ${key} FROM ${rowsView(spec.name)} WHERE __row = ${dup.row}`);
  const value = spec.key.map((k) => String(offending?.[k])).join(', ');
  fail(source, dup.row, spec.key.join(' + '), `a unique ${spec.key.join(' + ')}`, `"${value}" again (first at ${where(source, dup.first)})`);
}

/** Checks that every reference of the table points at an existing row. */
async function checkReferences(conn: DuckDBConnection, spec: TableSpec, source: Source): Promise<void> {
  for (const ref of spec.references ?? []) {
    const [dangling] = await rows<{ row: number; value: string }>(
      conn,
      `SELECT s.__row AS row, s.${ident(ref.column)} AS value FROM ${rowsView(spec.name)} s
       ANTI JOIN ${stagingTable(ref.table)} r ON s.${ident(ref.column)} = r.${ident(ref.key)}
       WHERE s.${ident(ref.column)} IS NOT NULL AND trim(s.${ident(ref.column)}) <> ''
       ORDER BY s.__row LIMIT 1`,
    );
    if (dangling) fail(source, dangling.row, ref.column, `a value present in ${ref.table}.${ref.key}`, JSON.stringify(dangling.value));
  }
}

/**
 * Stages one file and checks its values and key: a CSV through the typed fast path
 * (typed-input.ts) first, and through the text path when that fails, to name the problem.
 */
async function stageChecked(conn: DuckDBConnection, spec: TableSpec<string>, file: string, format: 'csv' | 'parquet', typed = true): Promise<Source> {
  const fast = typed && format === 'csv' && statSync(file).isFile() ? await stageTyped(conn, spec, file) : null;
  if (fast) return fast;
  const source = await stage(conn, spec, file, format);
  await checkValues(conn, spec, source);
  await checkKey(conn, spec, source);
  return source;
}

/**
 * Loads, checks and types every raw table of `dir`. On success each table exists in
 * DuckDB under its own name with typed columns, in file order; returns where each came from.
 * `typed: false` reads every file through the text path (to compare the two paths).
 */
export async function readInput(conn: DuckDBConnection, dir: string, options: { typed?: boolean } = {}): Promise<Source[]> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`Input folder not found: ${dir}`);
  const sources: Source[] = [];
  for (const spec of SCHEMA) {
    const { file, format } = findFile(dir, spec.name);
    sources.push(await stageChecked(conn, spec, file, format, options.typed !== false));
  }
  for (const [i, spec] of SCHEMA.entries()) await checkReferences(conn, spec, sources[i]!);
  for (const [i, spec] of SCHEMA.entries()) await castStaged(conn, spec, sources[i]!);
  return sources;
}

/** Replaces a checked staging table by the typed table of the spec's name. */
async function castStaged(conn: DuckDBConnection, spec: TableSpec<string>, source: Source): Promise<void> {
  if (source.reader === 'typed') return finishTyped(conn, spec);
  const columns = spec.columns.map((column) => castSql(column)).join(', ');
  await conn.run(`CREATE OR REPLACE TABLE ${ident(spec.name)} AS SELECT ${columns} FROM ${stagingTable(spec.name)}`);
  await conn.run(`DROP VIEW ${rowsView(spec.name)}`);
  await conn.run(`DROP TABLE ${stagingTable(spec.name)}`);
}

/**
 * Loads, checks and types one file read on its own (a CSV, or Parquet by its extension)
 * with the rules of `spec`: the same checks and messages as a table of an input folder.
 * On success the table exists in DuckDB under the spec's name with only its declared columns.
 */
export async function readTableFile(conn: DuckDBConnection, spec: TableSpec<string>, file: string): Promise<Source> {
  if (!existsSync(file)) throw new InputError(`Missing file for table ${spec.name}: ${file} not found`);
  const source = await stageChecked(conn, spec, file, file.toLowerCase().endsWith('.parquet') ? 'parquet' : 'csv');
  await castStaged(conn, spec, source);
  return source;
}

/**
 * Writes every raw table to `dir` as Parquet and replaces the table by a view of its file:
 * the compressed files take a few percent of the tables' memory, which leaves DuckDB's
 * memory to the derivations. Returns the rows written per table.
 */
export async function storeRaw(conn: DuckDBConnection, dir: string): Promise<Record<string, number>> {
  const written: Record<string, number> = {};
  for (const spec of SCHEMA) {
    const path = join(dir, `${spec.name}.parquet`);
    await copyToParquet(conn, `SELECT * FROM ${ident(spec.name)}`, path);
    await conn.run(`DROP TABLE ${ident(spec.name)}`);
    await parquetView(conn, spec.name, path);
    written[spec.name] = Number(await scalar(conn, `SELECT count(*) FROM ${ident(spec.name)}`));
  }
  return written;
}

/** Removes repeated ids (first occurrence kept) from the tables that expect them (views of the raw files, see storeRaw); returns rows removed per table. */
export async function removeDuplicates(conn: DuckDBConnection): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  for (const spec of SCHEMA) {
    if (!spec.dedupe) continue;
    const before = Number(await scalar(conn, `SELECT count(*) FROM ${ident(spec.name)}`));
    const unique = ident(`${spec.name}_unique`);
    await conn.run(
      `CREATE TABLE ${unique} AS SELECT * EXCLUDE (__n) FROM (SELECT *, row_number() OVER () AS __n FROM ${ident(spec.name)})
       QUALIFY row_number() OVER (PARTITION BY ${ident(spec.dedupe)} ORDER BY __n) = 1 ORDER BY __n`,
    );
    await conn.run(`DROP VIEW ${ident(spec.name)}`);
    await conn.run(`ALTER TABLE ${unique} RENAME TO ${ident(spec.name)}`);
    removed[spec.name] = before - Number(await scalar(conn, `SELECT count(*) FROM ${ident(spec.name)}`));
  }
  return removed;
}
