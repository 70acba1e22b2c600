/**
 * The account table of the risk page: one row per account, with its figures in the selected
 * month (`account_monthly`) or, when no month is selected, in the account's own latest month
 * with usage (`account_latest`, so accounts that left earlier are listed with their last month).
 * Searchable by name, filterable by flag, sortable by any column and paged; the global
 * filters apply. The build renders its first page and the browser every other one, from
 * the same queries and the same markup functions.
 *
 * What a reader types or clicks reaches the SQL only as a bound parameter (search text,
 * flag, page window) or as a choice from the fixed lists below (sort column, direction).
 */
import { bandLabels, orderSql, sqlString } from './bands.ts';
import type { Column } from './charts/chart.ts';
import { MOVEMENT_URGENCY, PLANS, SIZE_BANDS, TENURE_SEGMENTS } from './config.ts';
import { formatCell, formatValue } from './format.ts';
import { escapeHtml } from './html.ts';
import type { ParameterState } from './parameters.ts';
import { type BoundQuery, type ParameterBinder, type Query, type QueryInputs, bindQuery } from './query.ts';
import { num, type Row } from './rows.ts';
import { accountMonthsSql } from './queries/account-monthly.ts';
import { SEAT_USAGE_FILTERS } from './seat-usage-filters.ts';

/** Rows per page. */
export const PAGE_SIZE = 25;

/** Longest search text used; longer input is cut. */
export const SEARCH_LIMIT = 80;

export type SortDirection = 'asc' | 'desc';

/** A column of the table: what it shows, how it sorts (SQL written here, never taken from input). */
export interface AccountColumn extends Column {
  readonly sortSql: string;
  /** The direction of a first click: names A to Z, figures highest first. */
  readonly firstDirection: SortDirection;
  /** How the ascending and the descending order read ("A to Z", "highest first"). */
  readonly orderWords: readonly [ascending: string, descending: string];
  /** A flag column shows a badge. */
  readonly flag?: boolean;
}

/** The account flags (the roll-up in account-rollup.ts), filterable in the table. */
export const ACCOUNT_FLAGS = [
  { key: 'at_risk', label: 'At risk', counted: 'at risk' },
  { key: 'expansion_candidate', label: 'Expansion candidate', counted: 'expansion candidates' },
  { key: 'high_performer', label: 'High performer', counted: 'high performers' },
] as const;
export type FlagKey = (typeof ACCOUNT_FLAGS)[number]['key'];

type Words = AccountColumn['orderWords'];
const ALPHABETICAL: Words = ['A to Z', 'Z to A'];
const text = (key: string, label: string, sortSql: string = key, orderWords: Words = ALPHABETICAL): AccountColumn => ({
  key,
  label,
  format: 'text',
  sortSql,
  firstDirection: 'asc',
  orderWords,
});
const figure = (key: string, label: string, format: Column['format']): AccountColumn => ({
  key,
  label,
  format,
  sortSql: key,
  firstDirection: 'desc',
  orderWords: ['lowest first', 'highest first'],
});

/** The columns shown, in order (the account id shows under the name); each is sortable. */
export const ACCOUNT_COLUMNS: readonly AccountColumn[] = [
  text('account_name', 'Account'),
  ...ACCOUNT_FLAGS.map((f): AccountColumn => ({ ...figure(f.key, f.label, 'text'), flag: true, orderWords: ['unflagged first', 'flagged first'] })),
  text('region', 'Region'),
  text('plan', 'Plan', orderSql('plan', PLANS), [`${PLANS[0]} first`, `${PLANS[PLANS.length - 1]} first`]),
  text('size_band', 'Size band', orderSql('size_band', bandLabels(SIZE_BANDS)), ['smallest first', 'largest first']),
  text('tenure_segment', 'Tenure', orderSql('tenure_segment', bandLabels(TENURE_SEGMENTS)), ['newest first', 'longest first']),
  text('month', 'Month', 'month', ['earliest first', 'latest first']),
  figure('seats_purchased', 'Seats', 'integer'),
  figure('assignment_rate', 'Assignment', 'percent'),
  figure('utilization_rate', 'Utilization', 'percent'),
  figure('arr', 'ARR', 'money'),
  // Most urgent first (config MOVEMENT_URGENCY).
  text(
    'movement',
    'Movement',
    orderSql(
      'movement',
      MOVEMENT_URGENCY.map((m) => m.movement),
    ),
    ['most urgent first', 'least urgent first'],
  ),
];

/** Every field a row carries: the columns shown plus the seat detail, all in the CSV download. */
export const ACCOUNT_FIELDS: readonly string[] = [
  'account_id',
  'account_name',
  'region',
  'plan',
  'size_band',
  'tenure_segment',
  'month',
  'products',
  'seats_purchased',
  'seats_assigned',
  'seats_used',
  'assignment_rate',
  'utilization_rate',
  'arr',
  'movement',
  ...ACCOUNT_FLAGS.map((f) => f.key),
];

export interface AccountSort {
  readonly column: string;
  readonly direction: SortDirection;
}

/** What the table shows before the reader changes anything: the largest accounts by ARR. */
export const DEFAULT_SORT: AccountSort = { column: 'arr', direction: 'desc' };

/** The table's own state; the global filters come on top. */
export interface AccountTableState {
  readonly search: string | null;
  readonly flag: FlagKey | null;
  readonly sort: AccountSort;
  /** Zero-based page number. */
  readonly page: number;
}

export const INITIAL_STATE: AccountTableState = { search: null, flag: null, sort: DEFAULT_SORT, page: 0 };

function columnOf(key: string): AccountColumn | undefined {
  return ACCOUNT_COLUMNS.find((column) => column.key === key);
}

/** A sort from untrusted input: only a listed column and direction, otherwise null. */
export function parseSort(column: string, direction: string): AccountSort | null {
  if (!columnOf(column) || (direction !== 'asc' && direction !== 'desc')) return null;
  return { column, direction };
}

/** The sort after a click on `column`'s header: the same column flips, another starts in its first direction. */
export function nextSort(current: AccountSort, column: string): AccountSort | null {
  const target = columnOf(column);
  if (!target) return null;
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: target.firstDirection };
}

/** A flag from untrusted input: a listed flag, otherwise null. */
export function parseFlag(value: string): FlagKey | null {
  return ACCOUNT_FLAGS.find((flag) => flag.key === value)?.key ?? null;
}

/** The search text as used: trimmed, inner spaces collapsed, cut to SEARCH_LIMIT; null when empty. */
export function normalizeSearch(value: string): string | null {
  const cleaned = value.trim().replace(/\s+/g, ' ').slice(0, SEARCH_LIMIT);
  return cleaned === '' ? null : cleaned;
}

/**
 * ORDER BY of a sort, ties broken by account id (unique within the table's rows, so the
 * order is total). `reversed` gives the exact reverse, to read a page from the end.
 */
export function orderBySql(sort: AccountSort, reversed = false): string {
  const column = columnOf(sort.column);
  if (!column) throw new Error(`The account table cannot sort by ${sort.column}.`);
  const descending = (sort.direction === 'desc') !== reversed;
  return `${column.sortSql} ${descending ? 'DESC' : 'ASC'} NULLS ${reversed ? 'FIRST' : 'LAST'}, account_id ${reversed ? 'DESC' : 'ASC'}`;
}

/**
 * The table's rows with `columns`: the global filters, the search text and the flag, over
 * each account's latest month (`account_latest`) or the selected month (`account_monthly`).
 * Both engines fold the branch the month rules out to nothing before they run the query.
 */
function matchingRows(p: ParameterBinder, columns: readonly string[]): string {
  // Bound in the order of the filter bar (the month last), then the table's own inputs.
  const filters = p.filters({ except: ['month'] });
  p.value('month');
  const search = p.input('search');
  const flag = p.input('flag');
  const conditions = `${filters}
    AND (CAST(${search} AS VARCHAR) IS NULL OR contains(lower(account_name), lower(${search})))
    AND (CAST(${flag} AS VARCHAR) IS NULL OR ${ACCOUNT_FLAGS.map((f) => `(${flag} = ${sqlString(f.key)} AND ${f.key})`).join(' OR ')})`;
  return accountMonthsSql(p, columns, 'latest', conditions);
}

/** The published tables the account table reads (a page that shows it loads them). */
export const ACCOUNT_TABLE_TABLES: Query['tables'] = ['account_latest', 'account_monthly'];
const FIELDS = ACCOUNT_FIELDS.join(', ');
const FLAG_KEYS = ACCOUNT_FLAGS.map((f) => f.key);

/** How many accounts match, and how many of them carry each flag. */
export const accountCountQuery: Query = {
  tables: ACCOUNT_TABLE_TABLES,
  filters: SEAT_USAGE_FILTERS,
  sql: (p) => `
SELECT count(*)::INTEGER AS accounts, ${ACCOUNT_FLAGS.map((f) => `(count(*) FILTER (WHERE ${f.key}))::INTEGER AS ${f.key}`).join(', ')}
FROM ${matchingRows(p, FLAG_KEYS)}`,
};

/** One page of rows in a sort (read from the end when `reversed`). */
export function accountPageQuery(sort: AccountSort, reversed = false): Query {
  return {
    tables: ACCOUNT_TABLE_TABLES,
    filters: SEAT_USAGE_FILTERS,
    sql: (p) => `
SELECT ${FIELDS}
FROM ${matchingRows(p, ACCOUNT_FIELDS)}
ORDER BY ${orderBySql(sort, reversed)}
LIMIT CAST(${p.input('limit')} AS INTEGER) OFFSET CAST(${p.input('offset')} AS INTEGER)`,
  };
}

/** Every matching row in a sort, for the CSV download. */
export function accountExportQuery(sort: AccountSort): Query {
  return {
    tables: ACCOUNT_TABLE_TABLES,
    filters: SEAT_USAGE_FILTERS,
    sql: (p) => `
SELECT ${FIELDS}
FROM ${matchingRows(p, ACCOUNT_FIELDS)}
ORDER BY ${orderBySql(sort)}`,
  };
}

/** Which rows a page reads: offset and limit, and whether it reads from the end. */
export interface PageWindow {
  readonly offset: number;
  readonly limit: number;
  readonly reversed: boolean;
}

/** Pages needed for `total` rows (at least one, which may be empty). */
export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

/** The page number kept within the pages there are. */
export function clampPage(page: number, total: number): number {
  return Math.min(Math.max(0, Math.floor(page)), pageCount(total) - 1);
}

/**
 * The window of page `page` of `total` rows. A sorted read with LIMIT keeps offset + limit
 * rows, so a page past the middle is read from the end in reverse order: the deepest read
 * is then half the rows, not all of them.
 */
export function pageWindow(total: number, page: number): PageWindow {
  const offset = clampPage(page, total) * PAGE_SIZE;
  const limit = Math.max(0, Math.min(PAGE_SIZE, total - offset));
  const fromEnd = total - offset - limit;
  return fromEnd < offset ? { offset: fromEnd, limit, reversed: true } : { offset, limit, reversed: false };
}

/** The named inputs of the scope (search text and flag). */
export function scopeInputs(state: AccountTableState): QueryInputs {
  return { search: state.search, flag: state.flag };
}

/** The named inputs of a page query. */
export function pageInputs(state: AccountTableState, window: PageWindow): QueryInputs {
  return { ...scopeInputs(state), limit: String(window.limit), offset: String(window.offset) };
}

/** The query counting the rows in scope of a view of the table under the page's `filters`. */
export function boundAccountCount(filters: ParameterState, view: AccountTableState): BoundQuery {
  return bindQuery(accountCountQuery, filters, scopeInputs(view));
}

/** The query of a view's page once `total` rows are known to be in scope, with the view (its page kept within the pages there are) and the window read. */
export function boundAccountPage(
  filters: ParameterState,
  view: AccountTableState,
  total: number,
): { query: BoundQuery; view: AccountTableState; window: PageWindow } {
  const settled = { ...view, page: clampPage(view.page, total) };
  const window = pageWindow(total, settled.page);
  return { query: bindQuery(accountPageQuery(settled.sort, window.reversed), filters, pageInputs(settled, window)), view: settled, window };
}

/**
 * The views a page answers ahead (src/lib/answers.ts): the first view and, under the page's
 * default filters (`initial`), every view one click away: each header's sort in both
 * directions, and the next and the last page.
 */
export function answeredViews(initial: boolean): AccountTableState[] {
  if (!initial) return [INITIAL_STATE];
  const sorts = ACCOUNT_COLUMNS.flatMap((column) => {
    const once = nextSort(DEFAULT_SORT, column.key)!;
    return [once, nextSort(once, column.key)!];
  });
  return [
    INITIAL_STATE,
    ...sorts.map((sort) => ({ ...INITIAL_STATE, sort })),
    { ...INITIAL_STATE, page: 1 },
    { ...INITIAL_STATE, page: Number.MAX_SAFE_INTEGER },
  ];
}

/** Asks, through `ask`, every query the table runs to show its answered views under `filters`. */
export async function askAccountTable(filters: ParameterState, initial: boolean, ask: (query: BoundQuery) => Promise<readonly Row[]>): Promise<void> {
  for (const view of answeredViews(initial)) {
    const [counts] = await ask(boundAccountCount(filters, view));
    await ask(boundAccountPage(filters, view, num(counts ?? {}, 'accounts') ?? 0).query);
  }
}

function isNumeric(column: Column): boolean {
  return column.format !== 'text';
}

/** The header row; each header is a sort button (disabled in the static page). */
export function accountHeadHtml(sort: AccountSort, enabled: boolean): string {
  const cells = ACCOUNT_COLUMNS.map((column) => {
    const sorted = column.key === sort.column;
    const ariaSort = sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
    const mark = sorted ? (sort.direction === 'asc' ? '▲' : '▼') : '';
    const classes = [isNumeric(column) ? 'num' : '', column.flag ? 'flag-col' : ''].filter(Boolean).join(' ');
    return `<th scope="col"${classes ? ` class="${classes}"` : ''} aria-sort="${ariaSort}"><button type="button" data-sort="${column.key}"${enabled ? '' : ' disabled'}>${escapeHtml(column.label)}<span class="sort-mark" aria-hidden="true">${mark}</span></button></th>`;
  });
  return `<tr>${cells.join('')}</tr>`;
}

function cellHtml(row: Row, column: AccountColumn): string {
  const value = row[column.key] ?? null;
  if (column.flag)
    return `<td class="flag-col">${value === true ? `<span class="flag ${column.key.replaceAll('_', '-')}">Yes</span>` : '<span class="visually-hidden">No</span>'}</td>`;
  const content = escapeHtml(formatCell(value, column.format));
  if (column.key === 'account_name') return `<th scope="row">${content}<code>${escapeHtml(formatValue(row.account_id ?? null, 'text'))}</code></th>`;
  return `<td${isNumeric(column) ? ' class="num"' : ''}>${content}</td>`;
}

/** The body rows of a page. */
export function accountRowsHtml(rows: readonly Row[]): string {
  if (rows.length === 0) return `<tr><td colspan="${ACCOUNT_COLUMNS.length}">No accounts match.</td></tr>`;
  return rows.map((row) => `<tr>${ACCOUNT_COLUMNS.map((column) => cellHtml(row, column)).join('')}</tr>`).join('');
}

/** What the table shows, in words: matches, flags, which rows, in which order, for which month. */
export function accountSummary(counts: Row, state: AccountTableState, month: string | undefined): string {
  const total = num(counts, 'accounts') ?? 0;
  const flags = ACCOUNT_FLAGS.map((f) => `${formatValue(num(counts, f.key), 'integer')} ${f.counted}`).join(', ');
  const column = columnOf(state.sort.column);
  const first = clampPage(state.page, total) * PAGE_SIZE;
  const shown = total === 0 ? 'No rows' : `Rows ${formatValue(first + 1, 'integer')}–${formatValue(Math.min(first + PAGE_SIZE, total), 'integer')}`;
  const order = column ? `${column.label}, ${column.orderWords[state.sort.direction === 'asc' ? 0 : 1]}` : state.sort.column;
  const when = month ? `in ${month}` : 'in each account\u2019s latest month with usage';
  return `${formatValue(total, 'integer')} accounts ${when} (${flags}). ${shown}, sorted by ${order}.`;
}
