/**
 * Churn risk of a seat-usage account, defined once: the share of accounts in the same
 * utilization band (ACCOUNT_CHURN_RISK in config.ts) that churned the following month,
 * observed over every month of the data that has a next one. In the default data churn
 * follows low use, so the measure is the empirical next-month churn rate of accounts that
 * use their seats as this one does; with its n and a 95% Wilson interval per band it says
 * how sure that rate is. The pipeline publishes the bands (`churn_risk_bands`); the risk
 * page joins an account to its band with `churnRiskBandSql`.
 */
import { bandLabels, bandSql, orderSql, sqlString } from '../bands.ts';
import { ACCOUNT_CHURN_RISK } from '../config.ts';
import { intervalSql } from '../metrics.ts';

/** The bands in display order: the utilization bands, then accounts without a seat assigned. */
export const CHURN_RISK_BAND_LABELS: readonly string[] = [...bandLabels(ACCOUNT_CHURN_RISK.utilizationBands), ACCOUNT_CHURN_RISK.noUtilizationLabel];

/** The churn-risk band of an account month, as SQL over its (account-level, capped) utilization. */
export const churnRiskBandSql = (utilization: string) =>
  `coalesce(${bandSql(utilization, ACCOUNT_CHURN_RISK.utilizationBands)}, ${sqlString(ACCOUNT_CHURN_RISK.noUtilizationLabel)})`;

/**
 * The published bands: account months with a next month in the data (`followed`), those
 * whose account churned in it, the rate and its interval. Runs over the pipeline's
 * `account_months` (src/lib/queries/account-monthly.ts), whose `next_movement` is the next month's.
 */
export const CHURN_RISK_BANDS_SQL = `
  WITH followed AS (
    SELECT ${churnRiskBandSql('utilization_rate')} AS utilization_band, next_movement = 'churn' AS churned
    FROM account_months WHERE next_movement IS NOT NULL),
  bands AS (SELECT unnest([${CHURN_RISK_BAND_LABELS.map(sqlString).join(', ')}]) AS utilization_band),
  counted AS (
    SELECT utilization_band, count(f.churned)::INTEGER AS followed, (count(*) FILTER (WHERE f.churned))::INTEGER AS churned
    FROM bands LEFT JOIN followed f USING (utilization_band) GROUP BY utilization_band)
  SELECT utilization_band, ${orderSql('utilization_band', CHURN_RISK_BAND_LABELS)}::INTEGER AS band_order,
    followed, churned, churned::DOUBLE / nullif(followed, 0) AS churn_risk,
    ${intervalSql.wilson('churned', 'followed', -1)} AS churn_risk_low, ${intervalSql.wilson('churned', 'followed', 1)} AS churn_risk_high
  FROM counted ORDER BY band_order`;
