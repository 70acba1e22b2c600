/**
 * What each column of the published data sets means, for the data catalogue. Raw columns
 * keep the description of the input schema (src/lib/schema.ts); derived columns are
 * described here, once, whatever table they appear in.
 */
import { THRESHOLDS } from './config.ts';
import { wholePercent as pct } from './format.ts';
import { SCHEMA } from './schema.ts';

/** Columns the pipeline derives, by name. */
const DERIVED: Record<string, string> = {
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
};

/** Columns whose name means something else in one table. */
const BY_TABLE: Record<string, Record<string, string>> = {
  master_usage: {
    assignment_rate: 'Seats assigned over seats purchased.',
    utilization_rate: `Seats used over seats assigned, capped at ${pct(THRESHOLDS.utilizationCap)}; empty when no seat is assigned.`,
  },
  account_monthly: {
    products: 'Products the account has seats for in the month.',
    seats_purchased: 'Seats purchased, summed over the account’s products.',
    seats_assigned: 'Seats assigned, summed over the account’s products.',
    seats_used: 'Seats used, summed over the account’s products.',
    assignment_rate: 'Seats assigned over seats purchased, over the account’s products together.',
    utilization_rate: `Seats used over seats assigned, over the account’s products together, capped at ${pct(THRESHOLDS.utilizationCap)}; empty when no seat is assigned.`,
    is_latest: 'Whether this is the account’s latest month with usage.',
  },
  revenue_cube: { accounts: 'Account-months in the cell and movement.', arr: 'Sum of ARR, USD.', arr_previous: 'Sum of the previous month’s ARR, USD.' },
  filter_cube: {
    seats_purchased: 'Sum of seats purchased.',
    accounts: 'Distinct accounts in the cell.',
  },
};

const RAW = new Map<string, string>();
for (const table of SCHEMA) for (const column of table.columns) if (!RAW.has(column.name)) RAW.set(column.name, column.description);

/** What `column` of the published table `table` means, or null when nothing describes it. */
export function columnMeaning(table: string, column: string): string | null {
  return BY_TABLE[table]?.[column] ?? DERIVED[column] ?? RAW.get(column) ?? null;
}
