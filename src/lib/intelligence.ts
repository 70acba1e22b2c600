/**
 * Customer intelligence (source 002), defined once: the features of a customer computed
 * from its order lines, the churn risk (recency against the customer's own buying rhythm)
 * and the segment rule. Each comes as the SQL the pipeline runs and as a plain TypeScript
 * function, which the unit tests and the page text use. Every figure is taken as of a date
 * (the source's last order date for the published features), never as of today.
 */
import { bandOf, bandSql, sqlString, type Band } from './bands.ts';
import { INTELLIGENCE } from './config.ts';
import { wholePercent as pct } from './format.ts';

/** The order sources the analysis runs on, each on its own. */
export const INTEL_SOURCES = [
  { id: 'synthetic', label: 'Synthetic orders' },
  { id: 'superstore', label: 'Superstore (real, public)' },
] as const;
export type IntelSource = (typeof INTEL_SOURCES)[number]['id'];

/** The churn-risk bands over the churn ratio. */
export const CHURN_BANDS: readonly Band[] = INTELLIGENCE.churnBands;

/** The highest band: the churn risk that makes a customer At-Risk/Dormant and counts in the at-risk rate. */
const HIGH = CHURN_BANDS[CHURN_BANDS.length - 1]!;
export const HIGH_CHURN_BAND = HIGH.label;

/**
 * The segments, in the order the rule tries them (the first that matches wins), which is
 * also their display order. `description` is the glossary's definition.
 */
export const SEGMENTS = [
  {
    id: 'at-risk-dormant',
    label: 'At-Risk/Dormant',
    description: `A customer whose churn risk is ${HIGH.label}: it has gone ${HIGH.min} or more of its own typical gaps between orders without ordering. Checked first, whatever its revenue.`,
  },
  {
    id: 'high-value-active',
    label: 'High-Value Active',
    description: `A customer not at risk whose revenue is at or above the ${ordinal(INTELLIGENCE.highValueQuantile)} percentile of its source’s customers (and above 0).`,
  },
  {
    id: 'discount-driven',
    label: 'Discount-Driven',
    description: `A customer neither at risk nor high-value whose share of revenue bought at a discount is at or above the ${ordinal(INTELLIGENCE.discountShareQuantile)} percentile of its source’s customers (and above 0).`,
  },
  {
    id: 'steady',
    label: 'Steady',
    description: 'Every other customer: ordering on its usual rhythm, below the high-value revenue and the discount-driven share.',
  },
] as const;
export type SegmentLabel = (typeof SEGMENTS)[number]['label'];

/** The segment labels in display order. */
export const SEGMENT_LABELS: readonly SegmentLabel[] = SEGMENTS.map((segment) => segment.label);

const [AT_RISK, HIGH_VALUE, DISCOUNT_DRIVEN, STEADY] = SEGMENT_LABELS as [SegmentLabel, SegmentLabel, SegmentLabel, SegmentLabel];

/** "75th" for 0.75. */
function ordinal(quantile: number): string {
  const n = Math.round(quantile * 100);
  const suffix = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** The churn-risk formula in words, for the page and the glossary. */
export const CHURN_RISK_FORMULA =
  'churn ratio = days since the last order ÷ typical gap between the customer’s orders (the median of the days between its consecutive order dates; for a customer with a single order date, the median typical gap of its source)';

/** The churn bands in words: "Low (below 1), Medium (1 to below 2), High (2 or more)". */
export function churnBandsSentence(): string {
  return CHURN_BANDS.map((band, i) => {
    const next = CHURN_BANDS[i + 1];
    if (i === 0 && next) return `${band.label} (below ${next.min})`;
    return next ? `${band.label} (${band.min} to below ${next.min})` : `${band.label} (${band.min} or more)`;
  }).join(', ');
}

// ---------------------------------------------------------------------------------------
// TypeScript definitions

/** One order line, as the analysis reads it. Dates are `YYYY-MM-DD`. */
export interface OrderLine {
  readonly order_id: string;
  readonly customer_id: string;
  readonly order_date: string;
  readonly amount: number;
  readonly discount: number;
}

/** A customer's features as of a date. */
export interface CustomerFeatures {
  readonly customer_id: string;
  readonly first_order: string;
  readonly last_order: string;
  /** Distinct order ids (frequency). */
  readonly orders: number;
  /** Sum of the line amounts (monetary). */
  readonly revenue: number;
  /** Revenue over orders. */
  readonly aov: number;
  /** Share of revenue bought on lines with a discount above 0; null when the revenue is 0. */
  readonly discount_share: number | null;
  /** Mean of the line discounts, every line counting once (not weighted by amount). */
  readonly mean_discount: number;
  readonly recency_days: number;
  readonly tenure_days: number;
  /** Median days between consecutive distinct order dates; null for a single order date. */
  readonly typical_gap_days: number | null;
}

/** The thresholds of one source, resolved from its customers. */
export interface SourceThresholds {
  readonly highValueRevenue: number | null;
  readonly discountShareCut: number | null;
  /** The median typical gap, used for customers with a single order date. */
  readonly medianGapDays: number | null;
}

const DAY = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/** The median of the values, the mean of the middle two for an even count; null when empty. */
export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}

/** The `p` quantile with linear interpolation between order statistics (DuckDB's quantile_cont); null when empty. */
export function quantile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (h - lo);
}

/** The features of every customer with a line on or before `asOf`, in customer order. */
export function customerFeatures(lines: readonly OrderLine[], asOf: string): CustomerFeatures[] {
  const byCustomer = new Map<string, OrderLine[]>();
  for (const line of lines) {
    if (line.order_date > asOf) continue;
    byCustomer.set(line.customer_id, [...(byCustomer.get(line.customer_id) ?? []), line]);
  }
  return [...byCustomer.keys()].sort().map((customer_id) => {
    const own = byCustomer.get(customer_id)!;
    const dates = [...new Set(own.map((l) => l.order_date))].sort();
    const revenue = own.reduce((sum, l) => sum + l.amount, 0);
    const discounted = own.filter((l) => l.discount > 0).reduce((sum, l) => sum + l.amount, 0);
    const orders = new Set(own.map((l) => l.order_id)).size;
    const gaps = dates.slice(1).map((date, i) => daysBetween(dates[i]!, date));
    return {
      customer_id,
      first_order: dates[0]!,
      last_order: dates[dates.length - 1]!,
      orders,
      revenue,
      aov: revenue / orders,
      discount_share: revenue === 0 ? null : discounted / revenue,
      mean_discount: own.reduce((sum, l) => sum + l.discount, 0) / own.length,
      recency_days: daysBetween(dates[dates.length - 1]!, asOf),
      tenure_days: daysBetween(dates[0]!, asOf),
      typical_gap_days: median(gaps),
    };
  });
}

/** The thresholds of a source from its customers' features (customers with no value are left out of each quantile). */
export function sourceThresholds(features: readonly CustomerFeatures[]): SourceThresholds {
  const present = (values: (number | null)[]) => values.filter((v): v is number => v !== null);
  return {
    highValueRevenue: quantile(
      features.map((f) => f.revenue),
      INTELLIGENCE.highValueQuantile,
    ),
    discountShareCut: quantile(present(features.map((f) => f.discount_share)), INTELLIGENCE.discountShareQuantile),
    medianGapDays: median(present(features.map((f) => f.typical_gap_days))),
  };
}

/** Days since the last order over the typical gap (the source's median gap when the customer has a single order date). */
export function churnRatio(features: Pick<CustomerFeatures, 'recency_days' | 'typical_gap_days'>, medianGapDays: number | null): number | null {
  const gap = features.typical_gap_days ?? medianGapDays;
  return gap === null || gap === 0 ? null : features.recency_days / gap;
}

/** The churn band of a churn ratio. */
export const churnBand = (ratio: number | null): string | null => (ratio === null ? null : bandOf(ratio, CHURN_BANDS));

/**
 * The segment of a customer: the first rule that matches, in SEGMENTS order. The thresholds
 * are quantiles of the customer's own source, so the rule carries to another data set; a
 * revenue or discount share of 0 never qualifies, so that a quantile falling at 0 (most
 * customers buying nothing at a discount) does not put everyone in the segment.
 */
export function segmentOf(
  customer: Pick<CustomerFeatures, 'revenue' | 'discount_share'> & { readonly churn_band: string | null },
  thresholds: SourceThresholds,
): SegmentLabel {
  if (customer.churn_band === HIGH.label) return AT_RISK;
  if (thresholds.highValueRevenue !== null && customer.revenue > 0 && customer.revenue >= thresholds.highValueRevenue) return HIGH_VALUE;
  const share = customer.discount_share;
  if (share !== null && thresholds.discountShareCut !== null && share > 0 && share >= thresholds.discountShareCut) return DISCOUNT_DRIVEN;
  return STEADY;
}

/**
 * The segment rule as a sentence. With a source's resolved thresholds it states them
 * (`money` formats the revenue); without, it names the quantiles.
 */
export function segmentRuleSentence(thresholds?: SourceThresholds, money: (value: number) => string = (v) => `$${v.toFixed(2)}`): string {
  const revenue =
    thresholds?.highValueRevenue != null
      ? `${money(thresholds.highValueRevenue)} (the ${ordinal(INTELLIGENCE.highValueQuantile)} percentile of customer revenue)`
      : `the ${ordinal(INTELLIGENCE.highValueQuantile)} percentile of customer revenue`;
  const share =
    thresholds?.discountShareCut != null
      ? `${pct(thresholds.discountShareCut)} (the ${ordinal(INTELLIGENCE.discountShareQuantile)} percentile)`
      : `the ${ordinal(INTELLIGENCE.discountShareQuantile)} percentile of customers`;
  return (
    `A customer is ${AT_RISK} when its churn risk is ${HIGH.label} (${HIGH.min} or more of its typical gaps since its last order); ` +
    `otherwise ${HIGH_VALUE} when its revenue is at least ${revenue}; ` +
    `otherwise ${DISCOUNT_DRIVEN} when the share of its revenue bought at a discount is at least ${share}; ` +
    `otherwise ${STEADY}.`
  );
}

// ---------------------------------------------------------------------------------------
// SQL definitions (the pipeline's)

/**
 * Exact sum of an amount: DECIMAL with four decimals, as the Superstore's sales carry four,
 * so totals do not depend on the order threads add them up in (identical bytes every run).
 */
export const exactAmountSumSql = (expr: string) => `sum(CAST(${expr} AS DECIMAL(18, 4)))`;

/**
 * The features of every customer per cut, from the order lines up to the cut's date.
 * `lines` has (source, order_id, customer_id, order_date, amount, discount); `cuts` has
 * (source, cut, as_of): one or more dates per source to take the features at. Columns are
 * named as in CustomerFeatures, plus source, cut and as_of.
 */
export function customerFeaturesSql(lines: string, cuts: string): string {
  return `
    WITH cut_lines AS (
      SELECT c.source, c.cut, c.as_of, l.customer_id, l.order_id, l.order_date, l.amount, l.discount
      FROM ${lines} l JOIN ${cuts} c ON l.source = c.source AND l.order_date <= c.as_of),
    gaps AS (
      SELECT source, cut, customer_id,
        order_date - lag(order_date) OVER (PARTITION BY source, cut, customer_id ORDER BY order_date) AS gap
      FROM (SELECT DISTINCT source, cut, customer_id, order_date FROM cut_lines)),
    typical AS (SELECT source, cut, customer_id, median(gap)::DOUBLE AS typical_gap_days FROM gaps GROUP BY source, cut, customer_id),
    sums AS (
      SELECT source, cut, as_of, customer_id, min(order_date) AS first_order, max(order_date) AS last_order,
        count(DISTINCT order_id)::INTEGER AS orders,
        ${exactAmountSumSql('amount')} AS revenue,
        coalesce(${exactAmountSumSql('amount')} FILTER (WHERE discount > 0), 0) AS discounted,
        ${exactAmountSumSql('discount')} / count(*) AS mean_discount
      FROM cut_lines GROUP BY source, cut, as_of, customer_id)
    SELECT source, cut, as_of, customer_id, first_order, last_order, orders,
      revenue::DOUBLE AS revenue, (revenue / orders)::DOUBLE AS aov,
      (discounted / nullif(revenue, 0))::DOUBLE AS discount_share, mean_discount::DOUBLE AS mean_discount,
      (as_of - last_order)::INTEGER AS recency_days, (as_of - first_order)::INTEGER AS tenure_days, typical_gap_days
    FROM sums JOIN typical USING (source, cut, customer_id)`;
}

/**
 * Adds the churn risk to features per cut (customerFeaturesSql): gap_imputed (a single
 * order date, so the cut's median typical gap stands in), risk_gap_days (the gap used),
 * churn_ratio and churn_band.
 */
export function churnRiskSql(features: string): string {
  return `
    WITH f AS (${features}),
    medians AS (SELECT source, cut, median(typical_gap_days)::DOUBLE AS median_gap_days FROM f GROUP BY source, cut),
    risk AS (
      SELECT f.*, f.typical_gap_days IS NULL AS gap_imputed, coalesce(f.typical_gap_days, m.median_gap_days) AS risk_gap_days
      FROM f JOIN medians m USING (source, cut))
    SELECT *, recency_days / nullif(risk_gap_days, 0) AS churn_ratio,
      ${bandSql('recency_days / nullif(risk_gap_days, 0)', CHURN_BANDS)} AS churn_band
    FROM risk`;
}

/**
 * The thresholds of each source over its customers' features: the revenue and discount-share
 * quantiles and the median typical gap, named as the published intel_sources columns.
 */
export const sourceThresholdsSql = (features: string) => `
  SELECT source,
    quantile_cont(revenue, ${INTELLIGENCE.highValueQuantile}) AS high_value_revenue,
    quantile_cont(discount_share, ${INTELLIGENCE.discountShareQuantile}) AS discount_share_cut,
    median(typical_gap_days)::DOUBLE AS median_gap_days
  FROM ${features} GROUP BY source`;

/**
 * The segment rule as a SQL CASE over a customer's churn_band, revenue and discount_share and
 * its source's high_value_revenue and discount_share_cut (sourceThresholdsSql).
 */
export const segmentSql = `CASE
    WHEN churn_band = ${sqlString(HIGH.label)} THEN ${sqlString(AT_RISK)}
    WHEN revenue > 0 AND revenue >= high_value_revenue THEN ${sqlString(HIGH_VALUE)}
    WHEN discount_share > 0 AND discount_share >= discount_share_cut THEN ${sqlString(DISCOUNT_DRIVEN)}
    ELSE ${sqlString(STEADY)} END`;
