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

/** An Arrow table as DuckDB-WASM returns it: its columns by position, named by its schema. */
export interface ArrowTable {
  readonly numRows: number;
  readonly schema: { readonly fields: readonly { readonly name: string }[] };
  getChildAt(index: number): { get(row: number): unknown } | null;
}

/**
 * Plain rows from an Arrow result, read column by column: Arrow's row proxies (`toArray()`, then
 * `toJSON()` on each) took five times as long on the journeys page's results (2 against 0.4 ms a change).
 */
export function arrowRows(table: ArrowTable): Row[] {
  const names = table.schema.fields.map((field) => field.name);
  const columns = names.map((_, i) => table.getChildAt(i));
  const rows: Row[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (let c = 0; c < names.length; c++) row[names[c]!] = toCell(columns[c]?.get(r));
    rows[r] = row;
  }
  return rows;
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
