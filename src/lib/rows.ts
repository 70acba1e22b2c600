/**
 * Query results as plain rows, the same from both engines: DuckDB returns counts as BigInt
 * (and dates as objects), so values are converted to plain numbers and strings here.
 */

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

/** A value from either DuckDB engine as a plain cell. */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

/** A numeric cell, or null. */
export function num(row: Row, key: string): number | null {
  const value = row[key];
  return typeof value === 'number' ? value : null;
}

/** A text cell ("" when null). */
export function text(row: Row, key: string): string {
  const value = row[key];
  return value === null || value === undefined ? '' : String(value);
}
