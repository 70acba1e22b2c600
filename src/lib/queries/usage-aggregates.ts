/**
 * The aggregate data sets of source 000 step 12 and the dashboard cubes, as SQL over the
 * master usage table (`master_usage`) and the enriched revenue table (`revenue_enriched`).
 * The pipeline runs them to publish Parquet; the site runs the same text over the
 * published files. Means and money totals are summed as DECIMAL so that results do not
 * depend on the order in which threads add them up (identical bytes on every run).
 */
import { bandLabels, orderSql, sqlString } from '../bands.ts';
import { LIFECYCLE_STAGES, PERFORMANCE_CATEGORIES, SIZE_BANDS, TENURE_SEGMENTS, UTILIZATION_BINS } from '../config.ts';

/** The lifecycle stage of a tenure segment, as SQL. */
export const lifecycleStageSql = (segment: string) =>
  `CASE ${LIFECYCLE_STAGES.map((s) => `WHEN ${segment} IN (${s.segments.map(sqlString).join(', ')}) THEN ${sqlString(s.label)}`).join(' ')} END`;

/** Exact mean of a rate column (NULLs ignored). */
export const meanSql = (expr: string) => `(sum(CAST(${expr} AS DECIMAL(18, 12)))::DOUBLE / count(${expr}))`;

/** Exact sum of a money column (cents are exact in DECIMAL). */
export const moneySumSql = (expr: string) => `sum(CAST(${expr} AS DECIMAL(18, 2)))::DOUBLE`;

/** Share of rows with a defined utilization that are at risk / expansion candidates. */
export const atRiskRateSql = `(count(*) FILTER (WHERE at_risk))::DOUBLE / nullif(count(utilization_rate), 0)`;
export const expansionRateSql = `(count(*) FILTER (WHERE expansion_candidate))::DOUBLE / nullif(count(utilization_rate), 0)`;

/** The standard usage measures of a group of master rows. */
const usageMeasures = `count(DISTINCT account_id)::INTEGER AS accounts,
  count(*)::INTEGER AS usage_rows,
  ${meanSql('assignment_rate')} AS assignment_rate,
  ${meanSql('utilization_rate')} AS utilization_rate,
  ${atRiskRateSql} AS at_risk_rate,
  ${expansionRateSql} AS expansion_rate`;

const latestMonth = `(SELECT max(month) FROM master_usage)`;

/** The month after a `YYYY-MM` month, as SQL. */
const nextMonthSql = (month: string) => `strftime(CAST(${month} || '-01' AS DATE) + INTERVAL 1 MONTH, '%Y-%m')`;

/** Seats and ARR of the latest month, per value of `dim`. */
const latestSeatsAndArr = (dim: string) => `
  latest_seats AS (SELECT ${dim}, sum(seats_purchased)::BIGINT AS seats_latest FROM master_usage WHERE month = ${latestMonth} GROUP BY ${dim}),
  latest_arr AS (SELECT ${dim}, ${moneySumSql('arr')} AS arr_latest FROM revenue_enriched WHERE month = ${latestMonth} GROUP BY ${dim})`;

export const AGGREGATES = {
  regional_summary: `
    WITH ${latestSeatsAndArr('region')},
    usage AS (SELECT region, ${usageMeasures} FROM master_usage GROUP BY region)
    SELECT region, accounts, usage_rows, seats_latest,
      seats_latest::DOUBLE / sum(seats_latest) OVER () AS seat_share,
      assignment_rate, utilization_rate, at_risk_rate, expansion_rate, arr_latest,
      rank() OVER (ORDER BY utilization_rate DESC)::INTEGER AS utilization_rank,
      rank() OVER (ORDER BY assignment_rate DESC)::INTEGER AS assignment_rank
    FROM usage JOIN latest_seats USING (region) LEFT JOIN latest_arr USING (region)
    ORDER BY region`,

  size_band_analysis: `
    WITH ${latestSeatsAndArr('size_band')},
    usage AS (SELECT size_band, ${usageMeasures} FROM master_usage GROUP BY size_band)
    SELECT size_band, ${orderSql('size_band', bandLabels(SIZE_BANDS))} AS band_order,
      accounts, accounts::DOUBLE / sum(accounts) OVER () AS account_share, usage_rows, seats_latest,
      assignment_rate, utilization_rate, at_risk_rate, expansion_rate, arr_latest,
      arr_latest / sum(CAST(arr_latest AS DECIMAL(18, 2))) OVER () AS revenue_contribution
    FROM usage JOIN latest_seats USING (size_band) LEFT JOIN latest_arr USING (size_band)
    ORDER BY band_order`,

  customer_lifecycle: `
    SELECT tenure_segment, ${orderSql('tenure_segment', bandLabels(TENURE_SEGMENTS))} AS segment_order,
      ${lifecycleStageSql('tenure_segment')} AS lifecycle_stage, ${usageMeasures},
      count(DISTINCT account_id)::DOUBLE / sum(count(DISTINCT account_id)) OVER () AS customer_share
    FROM master_usage GROUP BY tenure_segment ORDER BY segment_order`,

  risk_opportunity_matrix: `
    WITH next AS (
      SELECT m.performance_category, m.account_id, m.utilization_rate, m.assignment_rate, r.movement AS next_movement
      FROM master_usage m LEFT JOIN revenue_enriched r
        ON r.account_id = m.account_id AND r.month = ${nextMonthSql('m.month')}
      WHERE m.performance_category IS NOT NULL)
    SELECT performance_category,
      ${orderSql('performance_category', bandLabels(PERFORMANCE_CATEGORIES))} AS category_order,
      count(DISTINCT account_id)::INTEGER AS accounts, count(*)::INTEGER AS usage_rows,
      count(*)::DOUBLE / sum(count(*)) OVER () AS row_share,
      ${meanSql('utilization_rate')} AS utilization_rate, ${meanSql('assignment_rate')} AS assignment_rate,
      count(next_movement)::INTEGER AS followed_rows,
      (count(*) FILTER (WHERE next_movement = 'churn'))::DOUBLE / nullif(count(next_movement), 0) AS next_churn_rate,
      (count(*) FILTER (WHERE next_movement = 'contraction'))::DOUBLE / nullif(count(next_movement), 0) AS next_contraction_rate,
      (count(*) FILTER (WHERE next_movement = 'expansion'))::DOUBLE / nullif(count(next_movement), 0) AS next_expansion_rate
    FROM next GROUP BY performance_category ORDER BY category_order`,

  monthly_trend: `
    WITH baseline AS (SELECT ${meanSql('utilization_rate')} AS baseline FROM master_usage),
    trend AS (SELECT month, region, ${usageMeasures}, sum(seats_purchased)::BIGINT AS seats_purchased
              FROM master_usage GROUP BY month, region)
    SELECT trend.*, baseline.baseline AS baseline_utilization,
      utilization_rate - baseline.baseline AS utilization_vs_baseline,
      utilization_rate / baseline.baseline AS utilization_efficiency
    FROM trend, baseline ORDER BY month, region`,

  executive_summary: `
    WITH usage AS (
      SELECT month, ${usageMeasures}, sum(seats_purchased)::BIGINT AS seats_purchased,
        sum(seats_assigned)::BIGINT AS seats_assigned, sum(seats_used)::BIGINT AS seats_used
      FROM master_usage GROUP BY month),
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
    SELECT region, size_band, tenure_segment, plan, month,
      count(DISTINCT account_id)::INTEGER AS accounts, count(*)::INTEGER AS usage_rows,
      sum(seats_purchased)::BIGINT AS seats_purchased, sum(seats_assigned)::BIGINT AS seats_assigned,
      sum(seats_used)::BIGINT AS seats_used,
      sum(CAST(assignment_rate AS DECIMAL(18, 12)))::DOUBLE AS assignment_rate_sum,
      sum(CAST(utilization_rate AS DECIMAL(18, 12)))::DOUBLE AS utilization_rate_sum,
      count(utilization_rate)::INTEGER AS utilization_rows,
      (count(*) FILTER (WHERE at_risk))::INTEGER AS at_risk_rows,
      (count(*) FILTER (WHERE expansion_candidate))::INTEGER AS expansion_rows,
      (count(*) FILTER (WHERE high_performer))::INTEGER AS high_performer_rows,
      (count(*) FILTER (WHERE utilization_capped))::INTEGER AS capped_rows,
      ${Array.from({ length: UTILIZATION_BINS }, (_, i) => `(count(*) FILTER (WHERE utilization_rate >= ${i / UTILIZATION_BINS} AND utilization_rate < ${(i + 1) / UTILIZATION_BINS}))::INTEGER AS util_bin_${String(i * 10).padStart(2, '0')}`).join(',\n      ')},
      (count(*) FILTER (WHERE utilization_rate = 1))::INTEGER AS util_bin_100
    FROM master_usage
    GROUP BY ALL ORDER BY ALL`,

  revenue_cube: `
    SELECT region, size_band, tenure_segment, plan, month, movement,
      count(*)::INTEGER AS accounts, ${moneySumSql('arr')} AS arr, ${moneySumSql('arr_previous')} AS arr_previous
    FROM revenue_enriched GROUP BY ALL ORDER BY ALL`,
} as const;

export type AggregateName = keyof typeof AGGREGATES;
