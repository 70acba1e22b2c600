/**
 * The account-level data sets (`account_monthly`, and `account_latest` with each account's
 * latest month): one row per account and month with the account's name and filter
 * attributes, its seats summed over products with the rates and flags of the sum
 * (account-rollup.ts), and its ARR and movement of the month. The account table and the
 * action list query them instead of grouping the usage rows on every change.
 */
import { accountFlagsSql, accountUsageSql } from '../account-rollup.ts';
import { inLastMonthSql, nextMonthSql } from '../calendar.ts';
import type { ParameterBinder } from '../query.ts';

/**
 * The account months, built once over the pipeline's `master_usage`, `account_dim` and
 * `revenue_enriched` tables; both account data sets are written from it. `account_usage`
 * (every account month's seats summed over its products, with the rates of the sum, and
 * `is_latest` on the account's latest month with usage) is rolled up once here for them,
 * the health months and the churn-risk bands. `next_movement`, the account's ARR movement the
 * month after (null when the data hold no revenue row for it), is joined here once for the
 * three measures of what followed a month (the risk matrix, the churn-risk bands and the health
 * months), and is not published with the account months.
 */
export const ACCOUNT_INTERMEDIATES = {
  account_usage: `SELECT *, month = max(month) OVER (PARTITION BY account_id) AS is_latest FROM (${accountUsageSql('master_usage')})`,
  account_months: `
  SELECT u.account_id, a.account_name, a.region, a.size_band, a.tenure_segment, a.plan, u.month, u.is_latest,
    u.products, u.seats_purchased, u.seats_assigned, u.seats_used, u.assignment_rate, u.utilization_rate,
    r.arr, r.movement, ${accountFlagsSql}, nxt.movement AS next_movement
  FROM account_usage u JOIN account_dim a USING (account_id) LEFT JOIN revenue_enriched r USING (account_id, month)
    LEFT JOIN revenue_enriched nxt ON nxt.account_id = u.account_id AND nxt.month = ${nextMonthSql('u.month')}`,
} as const;

/**
 * Every account month. Rows are ordered by month first: each block of rows then holds one
 * month, and the engines skip the other months' blocks when a query picks one (3x faster
 * in the browser).
 */
export const ACCOUNT_MONTHLY_SQL = 'SELECT * EXCLUDE (next_movement) FROM account_months ORDER BY month, account_id';

/**
 * Each account's latest month with usage (`account_latest`), the rows of `account_monthly`
 * whose `is_latest` holds, and whether that month is the data's last (`in_last_month`). The
 * account table reads it when no month is selected: DuckDB 0.9 (the browser's engine) does
 * not push a boolean column's filter into its scan, so picking these rows out of every month
 * read all of the table's columns first (3x slower per page).
 */
export const ACCOUNT_LATEST_SQL = `SELECT * EXCLUDE (is_latest, next_movement), ${inLastMonthSql('account_months')} AS in_last_month
  FROM account_months WHERE is_latest ORDER BY account_id`;

/**
 * Account months with `columns` and the condition `where`, as a subquery: those of the
 * selected month from `account_monthly`, or from `account_latest` when none is selected, either
 * each account's latest month (`unset: 'latest'`: the account table) or only the data's last
 * month (`unset: 'last month'`: the snapshot charts). An account with usage in the last month
 * has it as its latest, so neither engine scans every month of `account_monthly` for the rows
 * of a month it cannot know in advance: with the month computed by a subquery DuckDB 0.9 could
 * not skip the other months and joined every row to it (the revenue scatter's query took 1.6
 * times as long, the action list's 3.6 times, in DuckDB-WASM). Both engines fold away the
 * branch the month rules out.
 */
export function accountMonthsSql(p: ParameterBinder, columns: readonly string[], unset: 'latest' | 'last month', where?: string): string {
  const month = p.value('month');
  const list = columns.join(', ');
  const condition = where ? ` AND ${where}` : '';
  return `(
  SELECT ${list} FROM account_latest WHERE CAST(${month} AS VARCHAR) IS NULL${unset === 'last month' ? ' AND in_last_month' : ''}${condition}
  UNION ALL
  SELECT ${list} FROM account_monthly WHERE month = ${month}${condition})`;
}
