/**
 * Calendar rules shared by the pipeline and the site: months are `YYYY-MM` strings,
 * the snapshot date is the last day of the latest usage month, and tenure is counted in
 * whole months from the first purchase to the snapshot.
 */

/** The month (`YYYY-MM`) that is `offset` months after `month`. */
export function addMonths(month: string, offset: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** SQL for a `YYYY-MM` expression as a count of months (year × 12 + month): months that subtract as integers. */
export const monthIndexSql = (month: string) => `(CAST(left(${month}, 4) AS INTEGER) * 12 + CAST(right(${month}, 2) AS INTEGER))`;

/** SQL for `addMonths(month, offset)` over a `YYYY-MM` expression. */
export function addMonthsSql(month: string, offset: number): string {
  return `strftime(CAST(${month} || '-01' AS DATE) + INTERVAL (${offset}) MONTH, '%Y-%m')`;
}

/**
 * SQL true on the rows of the last month of `source`, the table a data set's rows come from
 * (`in_last_month` of the dashboard cubes and `account_health`): a snapshot chart then picks
 * that month by the column, where a `(SELECT max(month) ...)` in its query cost the browser's
 * engine a subquery to plan at every change. The pipeline runs the subquery once instead.
 */
export const inLastMonthSql = (source: string) => `month = (SELECT max(month) FROM ${source})`;

/** SQL for the month after a `YYYY-MM` expression. */
export const nextMonthSql = (month: string) => addMonthsSql(month, 1);

/** The last day of a month, as an ISO date. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** Whole months from `from` to `to` (ISO dates): the months completed, never negative. */
export function wholeMonthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const months = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
  return Math.max(0, months);
}

/** SQL for `wholeMonthsBetween` over two DATE expressions. */
export function wholeMonthsBetweenSql(from: string, to: string): string {
  return `greatest(0, (year(${to}) - year(${from})) * 12 + (month(${to}) - month(${from})) - CASE WHEN day(${to}) < day(${from}) THEN 1 ELSE 0 END)`;
}
