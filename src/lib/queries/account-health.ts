/**
 * The account health data sets, as SQL over the pipeline's tables: every account month
 * with its components, points, score, band and retention risk (`account_health`, built
 * first as the intermediate `health_months`), what followed each band, score decile and
 * component level the next month (`health_validation`), how well the score and each
 * component rank next month's churners (`health_auc`), and the cube the dashboard filters
 * (`health_cube`). The score itself is defined in src/lib/health.ts.
 */
import { bandLabels, bandSql, orderSql, sqlString } from '../bands.ts';
import { inLastMonthSql, monthIndexSql, wholeMonthsBetweenSql } from '../calendar.ts';
import { HEALTH, LIFECYCLE_STAGES, SIZE_BANDS, TENURE_SEGMENTS } from '../config.ts';
import { COMPONENT_IDS, HEALTH_BANDS, RETENTION_RISKS, componentPointsSql, healthBandSql, retentionRiskSql, scoreSql } from '../health.ts';
import { intervalSql } from '../metrics.ts';
import { lifecycleStageSql } from './usage-aggregates.ts';

/** ARR bands of the categories chart ("billing size"). */
export const ARR_BAND_LABELS = bandLabels(HEALTH.arrBands);

/** The label of a component's absent level (no earlier month to compare). */
export const ABSENT_LEVEL = 'Absent';

/**
 * SQL for `column` of the account's month `k` months before, in a select over the window `w` (an
 * account's months in order of `month_index`): it is one of the k rows before, the one whose month is
 * k months earlier, and null when the account has no row for that month (a gap is never taken for it).
 */
export function monthsBeforeSql(column: string, k: number): string {
  const arms = Array.from({ length: k }, (_, i) => `WHEN lag(month_index, ${i + 1}) OVER w = month_index - ${k} THEN lag(${column}, ${i + 1}) OVER w`);
  return `(CASE ${arms.join(' ')} END)`;
}

/** The window of an account's months in order, for `monthsBeforeSql`. */
export const ACCOUNT_MONTHS_WINDOW = 'WINDOW w AS (PARTITION BY account_id ORDER BY month_index)';

/**
 * The health months, built so that no query reads a table or a CTE twice: DuckDB materializes a CTE
 * read twice, and at scale 10 (9.1 million account months) an earlier form, which read its rolled-up
 * months three times and its scored months twice, ran out of the pipeline's 2 GB. The months before
 * (for the ARR trend, the seat growth and the score's change) are the rows before in a window over the
 * account's months, not two self-joins on a computed month: the same 38 published files, byte for byte,
 * in the same time at scale 1, and with DuckDB held to 200 MB the run completes where the joins failed.
 */
export const HEALTH_INTERMEDIATES = {
  health_months: `
    WITH tenured AS (
      SELECT m.account_id, m.region, a.industry, m.size_band, m.plan, m.month, m.is_latest,
        m.seats_purchased, m.arr, m.movement, m.next_movement, m.utilization_rate, m.assignment_rate,
        ${monthIndexSql('m.month')} AS month_index,
        ${wholeMonthsBetweenSql('a.first_purchase_date', "last_day(CAST(m.month || '-01' AS DATE))")} AS tenure_months
      FROM account_months m JOIN account_dim a USING (account_id)),
    valued AS (
      SELECT account_id, region, industry, size_band, plan, month, is_latest,
        ${lifecycleStageSql(bandSql('tenure_months', TENURE_SEGMENTS))} AS lifecycle_stage,
        seats_purchased, arr, movement, next_movement, utilization_rate, assignment_rate,
        arr / nullif(coalesce(${monthsBeforeSql('arr', HEALTH.trendMonths)}, ${monthsBeforeSql('arr', 1)}), 0) AS arr_trend,
        seats_purchased::DOUBLE / ${monthsBeforeSql('seats_purchased', 1)} AS seat_growth, month_index
      FROM tenured ${ACCOUNT_MONTHS_WINDOW}),
    pointed AS (SELECT *, ${componentPointsSql()} FROM valued),
    scored AS (
      SELECT *, ${scoreSql()} AS score FROM pointed),
    changed AS (
      SELECT * EXCLUDE (month_index), score - ${monthsBeforeSql('score', 1)} AS score_change
      FROM scored ${ACCOUNT_MONTHS_WINDOW})
    SELECT s.* EXCLUDE (score_change, next_movement), ${healthBandSql('s.score')} AS band, s.score_change,
      ${retentionRiskSql(healthBandSql('s.score'), 's.score_change')} AS retention_risk,
      ${bandSql('s.arr', HEALTH.arrBands)} AS arr_band, s.next_movement
    FROM changed s`,
} as const;

/** The columns of the published account months: the account's attributes stay in `accounts`, joined on demand. */
export const ACCOUNT_HEALTH_COLUMNS = [
  'account_id',
  'month',
  'is_latest',
  'lifecycle_stage',
  'seats_purchased',
  'arr',
  'movement',
  'utilization_rate',
  'assignment_rate',
  'arr_trend',
  'seat_growth',
  ...COMPONENT_IDS.map((id) => `${id}_points`),
  'score',
  'band',
  'score_change',
  'retention_risk',
  'arr_band',
  'next_movement',
] as const;

/**
 * The published account months, in account and month order: an account's months sit
 * together, so its repeated values (ARR, points, trend) compress well (a quarter smaller
 * than in month order on the default data).
 */
export const ACCOUNT_HEALTH_SQL = `SELECT ${ACCOUNT_HEALTH_COLUMNS.join(', ')}, ${inLastMonthSql('health_months')} AS in_last_month FROM health_months ORDER BY account_id, month`;

/**
 * The account months whose next month is known, with only the columns the validation and the AUC
 * read: both read them several times, so DuckDB materializes them, and every column fewer is
 * less to copy (a fifth of `health_validation`'s time).
 */
const FOLLOWED_SQL = `SELECT account_id, month, size_band, score, band, next_movement, ${COMPONENT_IDS.map((id) => `${id}_points`).join(', ')}
    FROM health_months WHERE next_movement IS NOT NULL`;

/** What followed a group of account months: churn and contraction rates over those with a next month, with Wilson intervals. */
const outcomesSql = `count(next_movement)::INTEGER AS followed,
      (count(*) FILTER (WHERE next_movement = 'churn'))::INTEGER AS churned,
      (count(*) FILTER (WHERE next_movement = 'contraction'))::INTEGER AS contracted`;
const ratesSql = ['churn', 'contraction']
  .map((outcome) => {
    const k = outcome === 'churn' ? 'churned' : 'contracted';
    return `${k}::DOUBLE / nullif(followed, 0) AS ${outcome}_rate, ${intervalSql.wilson(k, 'followed', -1)} AS ${outcome}_rate_low, ${intervalSql.wilson(k, 'followed', 1)} AS ${outcome}_rate_high`;
  })
  .join(',\n    ');

/** A component's level: its points, or absent. */
const levelSql = (id: string) => `coalesce(CAST(${id}_points AS VARCHAR), ${sqlString(ABSENT_LEVEL)})`;

export const HEALTH_VALIDATION_SQL = `
  WITH followed AS (${FOLLOWED_SQL}),
  deciled AS (SELECT *, ntile(10) OVER (ORDER BY score, account_id, month) AS decile FROM followed),
  groups AS (
    SELECT 'band' AS grouping, band AS group_label, ${orderSql('band', HEALTH_BANDS)} AS group_order, min(score) AS score_min, max(score) AS score_max, ${outcomesSql}
    FROM followed GROUP BY band
    UNION ALL
    SELECT 'decile', 'Decile ' || decile, decile, min(score), max(score), ${outcomesSql}
    FROM deciled GROUP BY decile
    UNION ALL
    SELECT 'size_band', size_band, ${orderSql('size_band', bandLabels(SIZE_BANDS))}, min(score), max(score), ${outcomesSql}
    FROM followed GROUP BY size_band
    ${COMPONENT_IDS.map(
      (id) => `UNION ALL
    SELECT ${sqlString(id)}, ${levelSql(id)}, coalesce(${id}_points, -1), min(score), max(score), ${outcomesSql}
    FROM followed GROUP BY ${levelSql(id)}, ${id}_points`,
    ).join('\n    ')})
  SELECT grouping, group_label, group_order::INTEGER AS group_order, score_min::INTEGER AS score_min, score_max::INTEGER AS score_max,
    followed, churned, contracted,
    ${ratesSql}
  FROM groups
  ORDER BY ${orderSql('grouping', ['band', 'decile', 'size_band', ...COMPONENT_IDS])}, group_order`;

/**
 * The area under the ROC curve of each measure against next-month churn, higher health
 * meaning lower risk: the chance that a random churner scores lower than a random account
 * month that did not churn, ties counting half. 0.5 is no better than chance.
 */
export const HEALTH_AUC_SQL = `
  WITH followed AS (${FOLLOWED_SQL}),
  measures AS (
    SELECT 'score' AS measure, score::DOUBLE AS value, next_movement = 'churn' AS churned FROM followed
    ${COMPONENT_IDS.map((id) => `UNION ALL SELECT ${sqlString(id)}, ${id}_points::DOUBLE, next_movement = 'churn' FROM followed WHERE ${id}_points IS NOT NULL`).join('\n    ')}),
  counts AS (
    SELECT measure, value, (count(*) FILTER (WHERE churned))::DOUBLE AS churners, (count(*) FILTER (WHERE NOT churned))::DOUBLE AS stayers
    FROM measures GROUP BY measure, value),
  above AS (
    SELECT *, coalesce(sum(stayers) OVER (PARTITION BY measure ORDER BY value DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS stayers_above
    FROM counts)
  SELECT measure, CAST(sum(churners + stayers) AS INTEGER) AS followed, CAST(sum(churners) AS INTEGER) AS churners,
    sum(churners * (stayers_above + stayers / 2)) / (sum(churners) * sum(stayers)) AS auc
  FROM above GROUP BY measure
  ORDER BY ${orderSql('measure', ['score', ...COMPONENT_IDS])}`;

/** The dimensions of the health cube: the health page's filters and categories. */
export const HEALTH_CUBE_DIMENSIONS = ['region', 'size_band', 'plan', 'month', 'industry', 'lifecycle_stage', 'arr_band', 'band'] as const;

/** Accounts, ARR, score sums and retention risks per cell: any filter's KPIs and distributions are one small query. */
export const HEALTH_CUBE_SQL = `
  SELECT *, ${inLastMonthSql('health_months')} AS in_last_month FROM (
    SELECT ${HEALTH_CUBE_DIMENSIONS.join(', ')},
      count(*)::INTEGER AS accounts,
      sum(CAST(arr AS DECIMAL(18, 2)))::DOUBLE AS arr,
      sum(score)::BIGINT AS score_sum,
      count(score_change)::INTEGER AS score_change_n,
      coalesce(sum(score_change), 0)::BIGINT AS score_change_sum,
      ${RETENTION_RISKS.map((risk) => `(count(*) FILTER (WHERE retention_risk = ${sqlString(risk)}))::INTEGER AS ${risk.toLowerCase()}_risk`).join(',\n      ')}
    FROM health_months
    GROUP BY ALL)
  ORDER BY ${HEALTH_CUBE_DIMENSIONS.join(', ')}`;

export const LIFECYCLE_LABELS = LIFECYCLE_STAGES.map((stage) => stage.label);
