/**
 * The customer-intelligence data sets (issue 11, source 002) as SQL over the order lines
 * of both sources: the synthetic `orders` with the account dimension, and the Superstore
 * lines (`superstore_orders`, src/lib/superstore.ts). Features, churn risk and segments come
 * from src/lib/intelligence.ts; this module only arranges them into the published tables.
 * Money is summed exactly as DECIMAL so the bytes are identical on every run.
 */
import { orderSql, sqlString } from '../bands.ts';
import { INTELLIGENCE } from '../config.ts';
import {
  CHURN_BANDS,
  HIGH_CHURN_BAND,
  INTEL_SOURCES,
  SEGMENT_LABELS,
  churnRiskSql,
  customerFeaturesSql,
  exactAmountSumSql,
  segmentSql,
  sourceThresholdsSql,
} from '../intelligence.ts';
import { SUPERSTORE_CUSTOMERS_SQL, SUPERSTORE_LINES_SQL } from '../superstore.ts';

const SOURCE_IDS = INTEL_SOURCES.map((source) => source.id);
const [SYNTHETIC] = SOURCE_IDS;
const sourceOrder = (expr: string) => orderSql(expr, SOURCE_IDS);
const segmentOrder = (expr: string) => orderSql(expr, SEGMENT_LABELS);
const segmentList = `[${SEGMENT_LABELS.map(sqlString).join(', ')}]`;

const { periodDays, activeWindowDays, consistencyMonths } = INTELLIGENCE;

/**
 * The last day of the last full calendar month up to `asOf` (the as-of date itself when it
 * is a month's last day): the end of the consistency window.
 */
const lastFullMonthEndSql = (asOf: string) => `CASE WHEN ${asOf} = last_day(${asOf}) THEN ${asOf} ELSE CAST(date_trunc('month', ${asOf}) AS DATE) - 1 END`;

/**
 * Tables the data sets below read, built in this order by the publish stage. The pipeline
 * makes `intel_lines_read` first (source, lines_read: the lines each file had).
 */
export const INTEL_INTERMEDIATES = {
  /** Every order line of both sources in the columns of `orders`, plus the source. */
  intel_lines: `
    SELECT ${sqlString(SYNTHETIC!)} AS source, order_id, account_id AS customer_id, order_date, amount, discount FROM orders
    UNION ALL ${SUPERSTORE_LINES_SQL}`,
  /** One row per customer with an order: the account columns each source has (NULL where it has none). */
  intel_customer_dim: `
    SELECT ${sqlString(SYNTHETIC!)} AS source, account_id AS customer_id, account_name AS customer_name, region,
      NULL::VARCHAR AS market_segment, NULL::VARCHAR AS state
    FROM account_dim WHERE account_id IN (SELECT account_id FROM orders)
    UNION ALL ${SUPERSTORE_CUSTOMERS_SQL}`,
  /** Each source's as-of date (its last order date) and first order date. */
  intel_as_of: `SELECT source, max(order_date) AS as_of, min(order_date) AS first_order FROM intel_lines GROUP BY source`,
  /** The consistency window of each source: the last full calendar months up to its as-of date. */
  intel_windows: `
    SELECT source, CAST(date_trunc('month', window_end) - INTERVAL ${consistencyMonths - 1} MONTH AS DATE) AS consistency_from,
      window_end AS consistency_to
    FROM (SELECT source, ${lastFullMonthEndSql('as_of')} AS window_end FROM intel_as_of)`,
  /** The dates the features are taken at: the as-of date (current) and the end of the previous KPI period. */
  intel_cuts: `
    SELECT source, 'current' AS cut, as_of FROM intel_as_of
    UNION ALL SELECT source, 'previous' AS cut, as_of - ${periodDays} AS as_of FROM intel_as_of`,
  /** Features and churn risk of every customer at each cut. */
  intel_risk: churnRiskSql(customerFeaturesSql('intel_lines', 'intel_cuts')),
  /** Each source's resolved thresholds, over its customers as of its as-of date. */
  intel_thresholds: sourceThresholdsSql(`(SELECT * FROM intel_risk WHERE cut = 'current')`),
  /** Every customer as of its source's as-of date with its segment. */
  intel_segments: `
    SELECT r.* EXCLUDE (cut), t.high_value_revenue, t.discount_share_cut, ${segmentSql} AS segment
    FROM intel_risk r JOIN intel_thresholds t USING (source) WHERE r.cut = 'current'`,
} as const;

/** The customer's segment and churn band, joined to order lines `l`. */
const withSegment = (lines: string) =>
  `(SELECT l.*, s.segment, s.churn_band FROM ${lines} l JOIN intel_segments s ON s.source = l.source AND s.customer_id = l.customer_id)`;

export const INTEL_DATASETS = {
  intel_customers: `
    SELECT s.source, s.customer_id, d.customer_name, d.region, d.market_segment, d.state,
      s.first_order, s.last_order, s.orders, s.revenue, s.aov, s.discount_share, s.mean_discount,
      s.recency_days, s.tenure_days, s.typical_gap_days, s.gap_imputed, s.risk_gap_days, s.churn_ratio, s.churn_band, s.segment
    FROM intel_segments s JOIN intel_customer_dim d USING (source, customer_id)
    ORDER BY ${sourceOrder('s.source')}, s.revenue DESC, s.customer_id`,

  intel_orders: `
    SELECT source, order_id, customer_id, order_date, strftime(order_date, '%Y-%m') AS month,
      ${exactAmountSumSql('amount')}::DOUBLE AS revenue, count(*)::INTEGER AS lines,
      coalesce(${exactAmountSumSql('amount')} FILTER (WHERE discount > 0), 0)::DOUBLE AS discounted_revenue,
      segment, churn_band
    FROM ${withSegment('intel_lines')}
    GROUP BY source, order_id, customer_id, order_date, segment, churn_band
    ORDER BY ${sourceOrder('source')}, order_date, order_id, customer_id`,

  intel_activity: `
    WITH months AS (
      SELECT source, as_of, strftime(m, '%Y-%m') AS month, least(last_day(m), as_of) AS month_end
      FROM (SELECT source, as_of, unnest(generate_series(CAST(date_trunc('month', first_order) AS TIMESTAMP),
              CAST(date_trunc('month', as_of) AS TIMESTAMP), INTERVAL 1 MONTH))::DATE AS m FROM intel_as_of)),
    lines AS ${withSegment('intel_lines')},
    -- The months whose end an order's window can reach (the order's month to the month of its window's last day):
    -- an equality join on them instead of a range join of every month with every line.
    reach AS (
      SELECT source, customer_id, segment, order_date, strftime(reached, '%Y-%m') AS month
      FROM (SELECT source, customer_id, segment, order_date,
              unnest(generate_series(CAST(date_trunc('month', order_date) AS TIMESTAMP),
                CAST(date_trunc('month', order_date + ${activeWindowDays - 1}) AS TIMESTAMP), INTERVAL 1 MONTH)) AS reached
            FROM (SELECT DISTINCT source, customer_id, segment, order_date FROM lines))),
    active AS (
      SELECT m.source, m.month, r.segment, count(DISTINCT r.customer_id) AS active_30d
      FROM months m JOIN reach r ON r.source = m.source AND r.month = m.month
      WHERE r.order_date > m.month_end - ${activeWindowDays} AND r.order_date <= m.month_end
      GROUP BY m.source, m.month, r.segment),
    monthly AS (
      SELECT source, strftime(order_date, '%Y-%m') AS month, segment, count(DISTINCT customer_id) AS ordering_customers,
        count(DISTINCT order_id) AS orders, ${exactAmountSumSql('amount')} AS revenue
      FROM lines GROUP BY ALL)
    SELECT m.source, m.month, m.month_end, g.segment,
      coalesce(a.active_30d, 0)::INTEGER AS active_30d, coalesce(o.ordering_customers, 0)::INTEGER AS ordering_customers,
      coalesce(o.orders, 0)::INTEGER AS orders, coalesce(o.revenue, 0)::DOUBLE AS revenue
    FROM months m CROSS JOIN (SELECT unnest(${segmentList}) AS segment) g
      LEFT JOIN active a ON a.source = m.source AND a.month = m.month AND a.segment = g.segment
      LEFT JOIN monthly o ON o.source = m.source AND o.month = m.month AND o.segment = g.segment
    ORDER BY ${sourceOrder('m.source')}, m.month, ${segmentOrder('g.segment')}`,

  intel_consistency: `
    WITH counted AS (
      SELECT s.source, s.segment, s.customer_id, count(DISTINCT date_trunc('month', l.order_date)) AS months_active
      FROM intel_segments s JOIN intel_windows w USING (source)
        LEFT JOIN intel_lines l ON l.source = s.source AND l.customer_id = s.customer_id
          AND l.order_date BETWEEN w.consistency_from AND w.consistency_to
      GROUP BY s.source, s.segment, s.customer_id),
    grid AS (SELECT source, unnest(${segmentList}) AS segment FROM intel_as_of)
    SELECT g.source, g.segment, n.months_active::INTEGER AS months_active, count(c.customer_id)::INTEGER AS customers
    FROM grid g CROSS JOIN range(0, ${consistencyMonths + 1}) n(months_active)
      LEFT JOIN counted c ON c.source = g.source AND c.segment = g.segment AND c.months_active = n.months_active
    GROUP BY g.source, g.segment, n.months_active
    ORDER BY ${sourceOrder('g.source')}, ${segmentOrder('g.segment')}, n.months_active`,

  intel_kpis: `
    WITH periods AS (
      SELECT source, 'current' AS period, as_of - ${periodDays - 1} AS period_start, as_of AS period_end FROM intel_as_of
      UNION ALL SELECT source, 'previous', as_of - ${2 * periodDays - 1}, as_of - ${periodDays} FROM intel_as_of),
    groups AS (
      SELECT p.*, g.segment FROM periods p
      CROSS JOIN (SELECT NULL::VARCHAR AS segment UNION ALL SELECT unnest(${segmentList})) g),
    activity AS (
      SELECT p.source, p.period, l.segment, l.customer_id, l.order_id, l.amount
      FROM periods p JOIN ${withSegment('intel_lines')} l ON l.source = p.source AND l.order_date BETWEEN p.period_start AND p.period_end),
    sums AS (
      SELECT source, period, segment, count(DISTINCT customer_id) AS customers, count(DISTINCT order_id) AS orders,
        ${exactAmountSumSql('amount')} AS revenue
      FROM activity GROUP BY GROUPING SETS ((source, period), (source, period, segment))),
    risk AS (
      SELECT r.source, r.cut AS period, s.segment, count(*) AS known,
        count(*) FILTER (WHERE r.churn_band = ${sqlString(HIGH_CHURN_BAND)}) AS at_risk
      FROM intel_risk r JOIN intel_segments s USING (source, customer_id)
      GROUP BY GROUPING SETS ((r.source, r.cut), (r.source, r.cut, s.segment)))
    SELECT g.source, g.segment, g.period, g.period_start, g.period_end,
      coalesce(m.customers, 0)::INTEGER AS customers, coalesce(m.revenue, 0)::DOUBLE AS revenue,
      coalesce(m.orders, 0)::INTEGER AS orders, (m.revenue / nullif(m.orders, 0))::DOUBLE AS aov,
      r.at_risk::DOUBLE / nullif(r.known, 0) AS at_risk_rate,
      coalesce(r.at_risk, 0)::INTEGER AS at_risk_customers, coalesce(r.known, 0)::INTEGER AS known_customers
    FROM groups g
      LEFT JOIN sums m ON m.source = g.source AND m.period = g.period AND m.segment IS NOT DISTINCT FROM g.segment
      LEFT JOIN risk r ON r.source = g.source AND r.period = g.period AND r.segment IS NOT DISTINCT FROM g.segment
    ORDER BY ${sourceOrder('g.source')}, ${segmentOrder('g.segment')} NULLS FIRST, g.period`,

  intel_sources: `
    WITH lines AS (
      SELECT source, count(*) AS lines_kept, count(DISTINCT order_id) AS orders, ${exactAmountSumSql('amount')} AS revenue
      FROM intel_lines GROUP BY source),
    customers AS (SELECT source, count(*) AS customers FROM intel_segments GROUP BY source)
    SELECT a.source,
      CASE a.source ${INTEL_SOURCES.map((s) => `WHEN ${sqlString(s.id)} THEN ${sqlString(s.label)}`).join(' ')} END AS label,
      a.as_of, a.first_order, r.lines_read::INTEGER AS order_lines_read, l.lines_kept::INTEGER AS order_lines_kept,
      c.customers::INTEGER AS customers, l.orders::INTEGER AS orders, l.revenue::DOUBLE AS revenue,
      t.high_value_revenue, t.discount_share_cut, t.median_gap_days,
      ${periodDays}::INTEGER AS period_days, ${activeWindowDays}::INTEGER AS active_window_days,
      ${consistencyMonths}::INTEGER AS consistency_months,
      ${INTELLIGENCE.highValueQuantile}::DOUBLE AS high_value_quantile,
      ${INTELLIGENCE.discountShareQuantile}::DOUBLE AS discount_share_quantile,
      ${CHURN_BANDS[1]!.min}::DOUBLE AS churn_medium_from, ${CHURN_BANDS[2]!.min}::DOUBLE AS churn_high_from,
      w.consistency_from, w.consistency_to
    FROM intel_as_of a JOIN intel_windows w USING (source) JOIN intel_lines_read r USING (source) JOIN lines l USING (source) JOIN customers c USING (source)
      JOIN intel_thresholds t USING (source)
    ORDER BY ${sourceOrder('a.source')}`,
} as const;
