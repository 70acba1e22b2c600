/**
 * The account-level data sets (`account_monthly`, and `account_latest` with each account's
 * latest month): one row per account and month with the account's name and filter
 * attributes, its seats summed over products with the rates and flags of the sum
 * (account-rollup.ts), and its ARR and movement of the month. The account table and the
 * action list query them instead of grouping the usage rows on every change.
 */
import { accountFlagsSql, accountUsageSql } from '../account-rollup.ts';

/**
 * The account months, built once over the pipeline's `master_usage`, `account_dim` and
 * `revenue_enriched` tables; both account data sets are written from it. `account_usage`
 * (every account month's seats summed over its products, with the rates of the sum) is
 * rolled up once here for them, the health months and the churn-risk bands.
 */
export const ACCOUNT_INTERMEDIATES = {
  account_usage: accountUsageSql('master_usage'),
  account_months: `
  WITH rolled AS (SELECT * FROM account_usage)
  SELECT u.account_id, a.account_name, a.region, a.size_band, a.tenure_segment, a.plan, u.month,
    u.month = max(u.month) OVER (PARTITION BY u.account_id) AS is_latest,
    u.products, u.seats_purchased, u.seats_assigned, u.seats_used, u.assignment_rate, u.utilization_rate,
    r.arr, r.movement, ${accountFlagsSql}
  FROM rolled u JOIN account_dim a USING (account_id) LEFT JOIN revenue_enriched r USING (account_id, month)`,
} as const;

/**
 * Every account month. Rows are ordered by month first: each block of rows then holds one
 * month, and the engines skip the other months' blocks when a query picks one (3x faster
 * in the browser).
 */
export const ACCOUNT_MONTHLY_SQL = 'SELECT * FROM account_months ORDER BY month, account_id';

/**
 * Each account's latest month with usage (`account_latest`), the rows of `account_monthly`
 * whose `is_latest` holds. The account table reads it when no month is selected: DuckDB 0.9
 * (the browser's engine) does not push a boolean column's filter into its scan, so picking
 * these rows out of every month read all of the table's columns first (3x slower per page).
 */
export const ACCOUNT_LATEST_SQL = 'SELECT * EXCLUDE (is_latest) FROM account_months WHERE is_latest ORDER BY account_id';
