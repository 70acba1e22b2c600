/**
 * Measures over the dashboard cubes. The cubes hold sums and counts per cell, so a rate over
 * any filter combination is a ratio of sums; these expressions are the only place where
 * that ratio is written. Counts are cast so both engines return plain numbers.
 */

/** Measures over `filter_cube` rows (one row per region x size band x tenure x plan x month). */
export const USAGE = {
  customers: 'CAST(sum(accounts) AS INTEGER)',
  usageRows: 'CAST(sum(usage_rows) AS INTEGER)',
  seatsPurchased: 'CAST(sum(seats_purchased) AS DOUBLE)',
  seatsAssigned: 'CAST(sum(seats_assigned) AS DOUBLE)',
  seatsUsed: 'CAST(sum(seats_used) AS DOUBLE)',
  /** Mean assignment rate of usage rows (source 000 step 4). */
  assignmentRate: 'sum(assignment_rate_sum) / nullif(sum(usage_rows), 0)',
  /** Mean capped utilization of rows with seats assigned (source 000 steps 4-5). */
  utilizationRate: 'sum(utilization_rate_sum) / nullif(sum(utilization_rows), 0)',
  /** Share of rows with a defined utilization below the at-risk threshold. */
  atRiskShare: 'CAST(sum(at_risk_rows) AS DOUBLE) / nullif(sum(utilization_rows), 0)',
  /** Share of rows with a defined utilization above the expansion threshold. */
  expansionShare: 'CAST(sum(expansion_rows) AS DOUBLE) / nullif(sum(utilization_rows), 0)',
} as const;

/** Measures over `revenue_cube` rows (one row per cell and ARR movement). */
export const REVENUE = {
  arr: 'CAST(sum(arr) AS DOUBLE)',
  accounts: 'CAST(sum(accounts) AS INTEGER)',
} as const;
