/**
 * The fast path for a CSV file: one typed read and one scan of the schema's rules, instead
 * of staging every value as text and casting it after the checks (input.ts).
 *
 * Only numbers are read typed, as DOUBLE. DuckDB's CSV reader accepts a subset of what the
 * text path's `TRY_CAST(text AS DOUBLE)` accepts and reads it to the same value (' 12',
 * '1e3' and '1_000' read as the cast reads them; '0x10', '1,5' and '12abc' fail the read),
 * so no number the text path rejects gets through. Every other column (text, months,
 * dates, timestamps, booleans, and a number that is part of a key or a reference or has a
 * list of allowed values) is read as its raw text and checked by the text path's own rules:
 * DuckDB's typed reads of those are more lenient than the schema ('yes' reads as true,
 * '2024-1-5' as a date, '12.5' as the integer 13).
 *
 * The read stores each value typed at once and flags the rows that break a rule, so a clean
 * file is read once and never copied. The path does not explain problems: on the first one
 * it drops what it read and returns null, and the caller stages the file through the text
 * path, which names the problem exactly.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../../src/lib/bands.ts';
import { type ColumnSpec, SCHEMA, type TableSpec } from '../../src/lib/schema.ts';
import { ident, rows, scalar } from '../lib/duck.ts';
import type { Source } from './input.ts';
import { CSV_OPTIONS, castSql, repeatedKeysSql, rowsView, stagingTable, textChecks } from './input-rules.ts';

/** Whether the fast path reads the column as a number (DOUBLE) rather than as raw text. */
function readsAsNumber(spec: TableSpec<string>, column: ColumnSpec): boolean {
  // Keys and references compare raw text on the text path ('1' and '1.0' differ there).
  return (column.type === 'integer' || column.type === 'number') && !column.allowed && !keyed(spec, column);
}

/** SQL true when a column read as a number breaks one of its rules (the text path's rules, on the read value). */
function numberBroken(column: ColumnSpec): string[] {
  const v = ident(column.name);
  const broken: string[] = [];
  if (!column.nullable) broken.push(`${v} IS NULL`);
  broken.push(column.type === 'integer' ? `(NOT isfinite(${v}) OR ${v} <> floor(${v}))` : `NOT isfinite(${v})`);
  if (column.min !== undefined) broken.push(`${v} < ${column.min}`);
  if (column.max !== undefined) broken.push(`${v} > ${column.max}`);
  if (column.atMostColumn) broken.push(`${v} > TRY_CAST(${ident(column.atMostColumn)} AS DOUBLE)`);
  return broken;
}

/** Whether the column is part of the table's key or of a reference (to or from it). */
function keyed(spec: TableSpec<string>, column: ColumnSpec): boolean {
  return Boolean(
    spec.key?.includes(column.name) ||
      spec.references?.some((ref) => ref.column === column.name) ||
      SCHEMA.some((other) => other.references?.some((ref) => ref.table === spec.name && ref.key === column.name)),
  );
}

/**
 * Stages one CSV file in a single read: each column as its stored value (typed, trimmed)
 * and a flag for rows breaking any rule of the text path, tested on what the file holds.
 * Keys and references are then compared on the stored values, which is the text path's
 * comparison of raw text because a key or reference value with spaces around it breaks a
 * rule here. Returns its source, or null when the file cannot be read this way, breaks a
 * rule or repeats its key; the staging table then holds the typed table plus `__broken`
 * (see `finishTyped`).
 */
export async function stageTyped(conn: DuckDBConnection, spec: TableSpec<string>, file: string): Promise<Source | null> {
  const table = stagingTable(spec.name);
  const numbers = spec.columns.filter((column) => readsAsNumber(spec, column));
  const types = numbers.length ? `, column_types = {${numbers.map((c) => `${sqlString(c.name)}: 'DOUBLE'`).join(', ')}}` : '';
  const reader = `read_csv(${sqlString(file)}, ${CSV_OPTIONS}, all_varchar = true${types})`;
  const broken = spec.columns.flatMap((column) => {
    if (numbers.includes(column)) return numberBroken(column);
    const rules = textChecks(column).map((check) => check.broken);
    return keyed(spec, column) ? [...rules, `${ident(column.name)} <> trim(${ident(column.name)})`] : rules;
  });
  const stored = spec.columns.map((column) => castSql(column, numbers.includes(column)));
  const giveUp = async () => {
    await conn.run(`DROP TABLE IF EXISTS ${table}`);
    return null;
  };
  try {
    await conn.run(
      `CREATE OR REPLACE TABLE ${table} AS SELECT ${stored.join(', ')}, (${broken.map((b) => `coalesce(${b}, false)`).join(' OR ')}) AS __broken FROM ${reader}`,
    );
  } catch {
    return giveUp();
  }
  const [counts] = await rows<{ n: number; broken: number }>(
    conn,
    `SELECT count(*)::INTEGER AS n, (count(*) FILTER (WHERE __broken))::INTEGER AS broken FROM ${table}`,
  );
  const repeated = repeatedKeysSql(spec);
  if (!counts?.n || counts.broken > 0 || (repeated && Number(await scalar(conn, repeated)) > 0)) return giveUp();
  await conn.run(`CREATE OR REPLACE TEMP VIEW ${rowsView(spec.name)} AS SELECT rowid + 1 AS __row, * FROM ${table}`);
  return { table: spec.name, file, format: 'csv', rows: counts.n, reader: 'typed' };
}

/** Makes a table staged by `stageTyped` the typed table of the spec's name (no copy: its values are stored already). */
export async function finishTyped(conn: DuckDBConnection, spec: TableSpec<string>): Promise<void> {
  await conn.run(`DROP VIEW ${rowsView(spec.name)}`);
  await conn.run(`DROP TABLE IF EXISTS ${ident(spec.name)}`);
  await conn.run(`ALTER TABLE ${stagingTable(spec.name)} DROP COLUMN __broken`);
  await conn.run(`ALTER TABLE ${stagingTable(spec.name)} RENAME TO ${ident(spec.name)}`);
}
