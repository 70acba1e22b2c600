/**
 * The aggregate data sets of source 000 step 12 and the dashboard cubes, as SQL over the
 * master usage table (`master_usage`), the enriched revenue table (`revenue_enriched`) and
 * the usage cells built from master_usage first (`INTERMEDIATES`), and for the risk matrix's
 * next-month movements the account months (account-monthly.ts); the publish stage runs
 * them to write Parquet. Means and money totals are summed as DECIMAL so that results do
 * not depend on the order in which threads add them up (identical bytes on every run).
 */
import { bandLabels, orderSql, sqlString } from '../bands.ts';
import { inLastMonthSql } from '../calendar.ts';
import { LIFECYCLE_STAGES, PERFORMANCE_CATEGORIES, SIZE_BANDS, TENURE_SEGMENTS } from '../config.ts';
import { rateOverRows, rateOverSums, rolledUpUsageSql, USAGE_SUMS, type UsageSum } from './measures.ts';

/** The lifecycle stage of a tenure segment, as SQL. */
export const lifecycleStageSql = (segment: string) =>
  `CASE ${LIFECYCLE_STAGES.map((s) => `WHEN ${segment} IN (${s.segments.map(sqlString).join(', ')}) THEN ${sqlString(s.label)}`).join(' ')} END`;

/** Exact sum of a money column (cents are exact in DECIMAL). */
export const moneySumSql = (expr: string) => `sum(CAST(${expr} AS DECIMAL(18, 2)))::DOUBLE`;

/** The filter attributes of a usage row: all of them belong to the account, so each account sits in one cell. */
const CELL = 'region, size_band, tenure_segment, plan';

/** The sums and counts each usage cell holds (measures.ts): what the aggregates and the filter cube roll up. */
const CELL_SUMS: readonly UsageSum[] = [
  'accounts',
  'usage_rows',
  'seats_purchased',
  'seats_assigned',
  'seats_used',
  'assignment_rate_sum',
  'utilization_rows',
  'utilization_rate_sum',
  'at_risk_rows',
  'expansion_rows',
];

/**
 * Tables the aggregates below read, built first by the publish stage. `usage_cells` holds
 * the sums and counts of master_usage per cell and month, and per cell over all months
 * (`all_months`, with the accounts counted once across the months). Every usage aggregate
 * but the risk matrix rolls these few thousand rows up instead of scanning master_usage
 * again; rates are summed exactly as DECIMAL, so a roll-up gives the same bytes as a sum
 * over the rows, and accounts add up over cells because an account sits in one cell.
 */
export const INTERMEDIATES = {
  usage_cells: `
    SELECT ${CELL}, month, grouping(month) = 1 AS all_months,
      ${CELL_SUMS.map((sum) => `${USAGE_SUMS[sum]} AS ${sum}`).join(',\n      ')}
    FROM master_usage
    GROUP BY GROUPING SETS ((${CELL}, month), (${CELL}))`,
} as const;

/** Cells of one month each, or the cells over all months. */
const monthCells = `(SELECT * FROM usage_cells WHERE NOT all_months)`;
const allMonthCells = `(SELECT * FROM usage_cells WHERE all_months)`;

const latestMonth = `(SELECT max(month) FROM usage_cells)`;

/** The month after a `YYYY-MM` month, as SQL. */

/** Seats and ARR of the latest month, per value of `dim`. */
const latestSeatsAndArr = (dim: string) => `
  latest_seats AS (SELECT ${dim}, sum(seats_purchased)::BIGINT AS seats_latest FROM usage_cells WHERE month = ${latestMonth} GROUP BY ${dim}),
  latest_arr AS (SELECT ${dim}, ${moneySumSql('arr')} AS arr_latest FROM revenue_enriched WHERE month = ${latestMonth} GROUP BY ${dim})`;

export const AGGREGATES = {
  regional_summary: `
    WITH ${latestSeatsAndArr('region')},
    usage AS (SELECT region, ${rolledUpUsageSql} FROM ${allMonthCells} GROUP BY region)
    SELECT region, accounts, usage_rows, seats_latest,
      seats_latest::DOUBLE / sum(seats_latest) OVER () AS seat_share,
      assignment_rate, utilization_rate, at_risk_rate, expansion_rate, arr_latest,
      rank() OVER (ORDER BY utilization_rate DESC)::INTEGER AS utilization_rank,
      rank() OVER (ORDER BY assignment_rate DESC)::INTEGER AS assignment_rank
    FROM usage JOIN latest_seats USING (region) LEFT JOIN latest_arr USING (region)
    ORDER BY region`,

  size_band_analysis: `
    WITH ${latestSeatsAndArr('size_band')},
    usage AS (SELECT size_band, ${rolledUpUsageSql} FROM ${allMonthCells} GROUP BY size_band)
    SELECT size_band, ${orderSql('size_band', bandLabels(SIZE_BANDS))} AS band_order,
      accounts, accounts::DOUBLE / sum(accounts) OVER () AS account_share, usage_rows, seats_latest,
      assignment_rate, utilization_rate, at_risk_rate, expansion_rate, arr_latest,
      arr_latest / sum(CAST(arr_latest AS DECIMAL(18, 2))) OVER () AS revenue_contribution
    FROM usage JOIN latest_seats USING (size_band) LEFT JOIN latest_arr USING (size_band)
    ORDER BY band_order`,

  customer_lifecycle: `
    SELECT tenure_segment, ${orderSql('tenure_segment', bandLabels(TENURE_SEGMENTS))} AS segment_order,
      ${lifecycleStageSql('tenure_segment')} AS lifecycle_stage, ${rolledUpUsageSql},
      sum(accounts)::DOUBLE / sum(sum(accounts)) OVER () AS customer_share
    FROM ${allMonthCells} GROUP BY tenure_segment ORDER BY segment_order`,

  risk_opportunity_matrix: `
    WITH next AS (
      SELECT m.performance_category, m.account_id, m.utilization_rate, m.assignment_rate, a.next_movement
      FROM master_usage m LEFT JOIN account_months a USING (account_id, month)
      WHERE m.performance_category IS NOT NULL)
    SELECT performance_category,
      ${orderSql('performance_category', bandLabels(PERFORMANCE_CATEGORIES))} AS category_order,
      count(DISTINCT account_id)::INTEGER AS accounts, count(*)::INTEGER AS usage_rows,
      count(*)::DOUBLE / sum(count(*)) OVER () AS row_share,
      ${rateOverRows('utilization_rate')} AS utilization_rate, ${rateOverRows('assignment_rate')} AS assignment_rate,
      count(next_movement)::INTEGER AS followed_rows,
      (count(*) FILTER (WHERE next_movement = 'churn'))::DOUBLE / nullif(count(next_movement), 0) AS next_churn_rate,
      (count(*) FILTER (WHERE next_movement = 'contraction'))::DOUBLE / nullif(count(next_movement), 0) AS next_contraction_rate,
      (count(*) FILTER (WHERE next_movement = 'expansion'))::DOUBLE / nullif(count(next_movement), 0) AS next_expansion_rate
    FROM next GROUP BY performance_category ORDER BY category_order`,

  monthly_trend: `
    WITH baseline AS (SELECT ${rateOverSums('utilization_rate')} AS baseline FROM ${allMonthCells}),
    trend AS (SELECT month, region, ${rolledUpUsageSql}, sum(seats_purchased)::BIGINT AS seats_purchased
              FROM ${monthCells} GROUP BY month, region)
    SELECT trend.*, baseline.baseline AS baseline_utilization,
      utilization_rate - baseline.baseline AS utilization_vs_baseline,
      utilization_rate / baseline.baseline AS utilization_efficiency
    FROM trend, baseline ORDER BY month, region`,

  executive_summary: `
    WITH usage AS (
      SELECT month, ${rolledUpUsageSql}, sum(seats_purchased)::BIGINT AS seats_purchased,
        sum(seats_assigned)::BIGINT AS seats_assigned, sum(seats_used)::BIGINT AS seats_used
      FROM ${monthCells} GROUP BY month),
    revenue AS (SELECT month, ${moneySumSql('arr')} AS arr FROM revenue_enriched GROUP BY month),
    joined AS (SELECT * FROM usage LEFT JOIN revenue USING (month))
    SELECT *,
      accounts - lag(accounts) OVER w AS accounts_change,
      seats_purchased - lag(seats_purchased) OVER w AS seats_change,
      assignment_rate - lag(assignment_rate) OVER w AS assignment_rate_change,
      utilization_rate - lag(utilization_rate) OVER w AS utilization_rate_change,
      at_risk_rate - lag(at_risk_rate) OVER w AS at_risk_rate_change,
      arr / lag(arr) OVER w - 1 AS arr_change
    FROM joined WINDOW w AS (ORDER BY month) ORDER BY month`,

  filter_cube: `
    SELECT ${CELL}, month,
      accounts::INTEGER AS accounts, usage_rows::INTEGER AS usage_rows,
      seats_purchased::BIGINT AS seats_purchased,
      assignment_rate_sum::DOUBLE AS assignment_rate_sum, utilization_rate_sum::DOUBLE AS utilization_rate_sum,
      ${['utilization_rows', 'at_risk_rows', 'expansion_rows'].map((count) => `${count}::INTEGER AS ${count}`).join(', ')},
      ${inLastMonthSql('usage_cells')} AS in_last_month
    FROM ${monthCells}
    ORDER BY ALL`,

  revenue_cube: `
    SELECT *, ${inLastMonthSql('revenue_enriched')} AS in_last_month FROM (
      SELECT region, size_band, tenure_segment, plan, month, movement,
        count(*)::INTEGER AS accounts, ${moneySumSql('arr')} AS arr, ${moneySumSql('arr_previous')} AS arr_previous
      FROM revenue_enriched GROUP BY ALL)
    ORDER BY ALL`,
} as const;
