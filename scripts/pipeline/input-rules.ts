/**
 * The schema's rules as SQL, shared by the two ways a raw table is read (input.ts): the
 * text path, which stages every value as text, and the typed fast path for CSV
 * (typed-input.ts). Both stage a file into the same staging table and view, so the checks
 * that follow (references) and the final cast treat either alike.
 */
import { sqlString } from '../../src/lib/bands.ts';
import type { ColumnSpec, ColumnType, TableSpec } from '../../src/lib/schema.ts';
import { ident } from '../lib/duck.ts';

/** The DuckDB type each schema type is stored as. */
export const SQL_TYPES: Record<ColumnType, string> = {
  string: 'VARCHAR',
  month: 'VARCHAR',
  integer: 'BIGINT',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
};

/** How every CSV file is parsed (RFC 4180 quoting; a malformed line is an error, not a skipped row). */
export const CSV_OPTIONS = `header = true, delim = ',', quote = '"', escape = '"', strict_mode = true`;

/** The staging table holding a raw table as read, in file order. */
export const stagingTable = (table: string) => ident(`src_${table}`);
/** The staging table with its 1-based row number in `__row`. */
export const rowsView = (table: string) => ident(`src_${table}_rows`);

/** What a type check expects, in words. */
const TYPE_WORDS: Record<ColumnType, string> = {
  string: 'text',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  date: 'a date (YYYY-MM-DD)',
  month: 'a month (YYYY-MM)',
  timestamp: 'a timestamp (YYYY-MM-DD HH:MM:SS)',
};

/** SQL that is true when the text `v` is a valid value of `type`. */
function typeOk(v: string, type: ColumnType): string {
  switch (type) {
    case 'string':
      return 'true';
    case 'integer':
      return `(isfinite(TRY_CAST(${v} AS DOUBLE)) AND TRY_CAST(${v} AS DOUBLE) = floor(TRY_CAST(${v} AS DOUBLE)))`;
    case 'number':
      return `(TRY_CAST(${v} AS DOUBLE) IS NOT NULL AND isfinite(TRY_CAST(${v} AS DOUBLE)))`;
    case 'boolean':
      return `lower(${v}) IN ('true', 'false', '1', '0')`;
    case 'date':
      return `(regexp_full_match(${v}, '\\d{4}-\\d{2}-\\d{2}') AND TRY_CAST(${v} AS DATE) IS NOT NULL)`;
    case 'month':
      return `regexp_full_match(${v}, '\\d{4}-(0[1-9]|1[0-2])')`;
    case 'timestamp':
      return `(regexp_matches(${v}, '^\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}') AND TRY_CAST(${v} AS TIMESTAMP) IS NOT NULL)`;
  }
}

function rangeWords(column: ColumnSpec): string {
  const kind = column.type === 'integer' ? 'an integer' : 'a number';
  if (column.min !== undefined && column.max !== undefined) return `${kind} from ${column.min} to ${column.max}`;
  if (column.min !== undefined) return `${kind} >= ${column.min}`;
  return `${kind} <= ${column.max}`;
}

/** One rule of a column, checked on its raw text. */
export interface Check {
  column: string;
  /** SQL true when the row breaks the rule. */
  broken: string;
  expected: string;
  /** Expected text that depends on the offending row (other columns). */
  expectedFor?: (row: Record<string, unknown>) => string;
}

/** The column's rules on its raw text: present if required, of its type, among the allowed values, in range. */
export function textChecks(column: ColumnSpec): Check[] {
  const v = ident(column.name);
  const present = `(${v} IS NOT NULL AND trim(${v}) <> '')`;
  const number = `TRY_CAST(${v} AS DOUBLE)`;
  const checks: Check[] = [];
  if (!column.nullable) checks.push({ column: column.name, broken: `NOT ${present}`, expected: 'a value' });
  checks.push({ column: column.name, broken: `${present} AND NOT coalesce(${typeOk(v, column.type)}, false)`, expected: TYPE_WORDS[column.type] });
  if (column.allowed) {
    const list = column.allowed.map(sqlString).join(', ');
    checks.push({ column: column.name, broken: `${present} AND ${v} NOT IN (${list})`, expected: `one of ${column.allowed.join(', ')}` });
  }
  if (column.min !== undefined || column.max !== undefined) {
    const outside = [column.min !== undefined ? `${number} < ${column.min}` : null, column.max !== undefined ? `${number} > ${column.max}` : null]
      .filter(Boolean)
      .join(' OR ');
    checks.push({ column: column.name, broken: `${present} AND (${outside})`, expected: rangeWords(column) });
  }
  if (column.atMostColumn) {
    const other = column.atMostColumn;
    checks.push({
      column: column.name,
      broken: `${present} AND ${number} > TRY_CAST(${ident(other)} AS DOUBLE)`,
      expected: '',
      expectedFor: (row) => `a value <= ${other} (${String(row[other])})`,
    });
  }
  return checks;
}

/** SQL counting the groups of rows of the staging table that repeat its key (0 without a key). */
export function repeatedKeysSql(spec: TableSpec<string>): string | null {
  if (!spec.key) return null;
  return `SELECT count(*) FROM (SELECT 1 FROM ${stagingTable(spec.name)} GROUP BY ${spec.key.map(ident).join(', ')} HAVING count(*) > 1)`;
}

/**
 * SQL giving the column's stored value from its staged value: raw text (trimmed; empty
 * text is NULL), or a DOUBLE when the fast path read the column as a number.
 */
export function castSql(column: ColumnSpec, readAsNumber = false): string {
  const v = readAsNumber ? ident(column.name) : `NULLIF(trim(${ident(column.name)}), '')`;
  const typed: Record<ColumnType, string> = {
    string: v,
    month: v,
    integer: readAsNumber ? `CAST(${v} AS ${SQL_TYPES.integer})` : `CAST(CAST(${v} AS DOUBLE) AS ${SQL_TYPES.integer})`,
    number: `CAST(${v} AS ${SQL_TYPES.number})`,
    boolean: `lower(${v}) IN ('true', '1')`,
    date: `CAST(${v} AS ${SQL_TYPES.date})`,
    timestamp: `CAST(${v} AS ${SQL_TYPES.timestamp})`,
  };
  return `${typed[column.type]} AS ${ident(column.name)}`;
}
