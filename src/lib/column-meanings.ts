/**
 * What the columns of the published data sets mean, by name, for the data catalogue: the
 * meanings several data sets share. Raw columns keep the description of the input schema
 * (src/lib/schema.ts); derived columns are described here, once, whatever data set they
 * appear in. A column that means something else in one data set says so where that data
 * set is declared (datasets.ts).
 */
import { ACTIVE_STATUSES, THRESHOLDS, TRAINING_STATUSES } from './config.ts';
import { wholePercent as pct } from './format.ts';
import { SCHEMA } from './schema.ts';

/** Columns the pipeline derives, by name. */
export const DERIVED_MEANINGS: Readonly<Record<string, string>> = {
  region: 'APAC sales region of the account.',
  plan: 'Subscription plan of the account.',
  size_band: 'Size band: total seats purchased in the account’s latest month.',
  tenure_segment: 'Tenure segment: whole months from first purchase to the end of the latest month.',
  lifecycle_stage: 'Lifecycle stage grouping the tenure segments.',
  tenure_months: 'Whole months from the first purchase to the end of the latest month.',
  seats_latest: 'Seats purchased in the latest month.',
  unassigned_seats: 'Seats purchased minus seats assigned.',
  unused_seats: 'Seats assigned minus seats used, never below 0.',
  assignment_rate: 'Mean of seats assigned over seats purchased.',
  utilization_raw: 'Seats used over seats assigned, before capping; empty when no seat is assigned.',
  utilization_rate: `Mean of seats used over seats assigned, capped at ${pct(THRESHOLDS.utilizationCap)}; rows without assigned seats are left out.`,
  utilization_capped: 'Whether the utilization was above the cap and was capped.',
  at_risk: `Utilization below ${pct(THRESHOLDS.atRiskBelow)}.`,
  expansion_candidate: `Utilization above ${pct(THRESHOLDS.expansionAbove)}.`,
  high_performer: `Assignment and utilization both at least ${pct(THRESHOLDS.highPerformerMin)}.`,
  band: 'Health band of the score (Red, Yellow, Green).',
  retention_risk:
    'Retention risk (High, Medium, Low): the health band, one level higher when the score fell by the configured points since the previous month.',
  arr_band: 'ARR band of the account in the month (billing size).',
  performance_category: 'Utilization category (Critical, At risk, Stable, Growing, Fully used).',
  accounts: 'Distinct accounts (customers).',
  usage_rows: 'Usage rows (account x product x month).',
  seat_share: 'Share of all seats purchased in the latest month.',
  at_risk_rate: 'Share of rows with seats assigned that are at risk.',
  expansion_rate: 'Share of rows with seats assigned that are expansion candidates.',
  arr_latest: 'ARR in the latest month, USD.',
  utilization_rank: 'Rank by utilization (1 = highest).',
  assignment_rank: 'Rank by assignment (1 = highest).',
  band_order: 'Position of the size band, smallest first.',
  segment_order: 'Position of the tenure segment, newest first.',
  category_order: 'Position of the performance category, lowest utilization first.',
  account_share: 'Share of all accounts.',
  revenue_contribution: 'Share of ARR in the latest month.',
  customer_share: 'Share of all customers.',
  row_share: 'Share of all usage rows with seats assigned.',
  followed_rows: 'Usage rows whose account has a revenue row the next month.',
  next_churn_rate: 'Share of followed rows whose account churned the next month.',
  next_contraction_rate: 'Share of followed rows whose account contracted the next month.',
  next_expansion_rate: 'Share of followed rows whose account expanded the next month.',
  baseline_utilization: 'Mean utilization over the whole period.',
  utilization_vs_baseline: 'Utilization minus the baseline.',
  utilization_efficiency: 'Utilization over the baseline.',
  arr: 'ARR at the end of the month, USD.',
  arr_previous: 'ARR at the end of the previous month, USD.',
  accounts_change: 'Change in accounts from the previous month.',
  seats_change: 'Change in seats purchased from the previous month.',
  assignment_rate_change: 'Change in assignment from the previous month, in points.',
  utilization_rate_change: 'Change in utilization from the previous month, in points.',
  at_risk_rate_change: 'Change in the at-risk rate from the previous month, in points.',
  arr_change: 'Relative change in ARR from the previous month.',
  assignment_rate_sum: 'Sum of the rows’ assignment rates (divide by usage_rows for the mean).',
  utilization_rate_sum: 'Sum of the rows’ capped utilization (divide by utilization_rows for the mean).',
  utilization_rows: 'Usage rows with seats assigned (a defined utilization).',
  at_risk_rows: 'Usage rows at risk.',
  expansion_rows: 'Usage rows that are expansion candidates.',
  zero_portfolio: 'Portfolio size of 0 (kept and flagged).',
  portfolio_group: 'Portfolio group of the portfolio size.',
  arr_group: 'ARR group.',
  ticket_range: 'Range of support tickets in the last 90 days.',
  total_events: 'Telemetry events of the account.',
  engagement: 'Engagement level by total events.',
  event_types_used: 'Distinct event types the account used.',
  feature_breadth: 'Feature breadth by distinct event types.',
  attended_training: 'Whether the account attended a training.',
  last_event_at: 'Time of the account’s last event.',
  active_status: `Whether the account is active: ${ACTIVE_STATUSES.join(' or ')}.`,
  source: 'Order source: synthetic (the generated orders) or superstore (the real Superstore order lines).',
  segment: 'Customer segment (At-Risk/Dormant, High-Value Active, Discount-Driven, Steady), as of the source’s as-of date.',
  churn_band: 'Churn band of the churn ratio: Low, Medium or High.',
  customer_id: 'Customer identifier within its order source (the account id of the synthetic orders, the Superstore Customer ID).',
  training: `Whether the account attended a training: ${TRAINING_STATUSES.join(' or ')}.`,
};

const RAW = new Map<string, string>();
for (const table of SCHEMA) for (const column of table.columns) if (!RAW.has(column.name)) RAW.set(column.name, column.description);

/** The shared meaning of a column name; throws when there is none, so no declared column goes without one. */
export function sharedMeaning(column: string): string {
  const meaning = DERIVED_MEANINGS[column] ?? RAW.get(column);
  if (!meaning) throw new Error(`No meaning for the column ${column}: describe it in column-meanings.ts or where its data set is declared.`);
  return meaning;
}
