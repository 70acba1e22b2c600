/** CSV export of query rows (RFC 4180 quoting), safe to open in a spreadsheet. */
import type { Cell, Row } from './rows.ts';

/** Leading characters a spreadsheet would read as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The rows as CSV text with a header line, columns in `columns` order. */
export function toCsv(rows: readonly Row[], columns: readonly string[]): string {
  const lines = [columns.map((name) => csvCell(name)).join(',')];
  for (const row of rows) lines.push(columns.map((name) => csvCell(row[name] ?? null)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
