/**
 * The usage measures, each written once. A rate is a ratio of two sums over usage rows
 * (the at-risk rate is at-risk rows over rows with a defined utilization), so it rolls up
 * from any grouping: over master_usage it sums the rows; over tables that already hold the
 * sums per cell (the pipeline's usage cells, the filter cube) it adds those sums up. The
 * dashboards' cube queries, the published aggregates, the 95% intervals and the baselines
 * all take their rates from here. Rates are summed as DECIMAL, so a result does not depend
 * on the order in which threads add them up, and counts are cast so both engines return
 * plain numbers.
 */

/** Exact sum of a rate column (DECIMAL, NULLs ignored). */
const exactSum = (column: string) => `sum(CAST(${column} AS DECIMAL(18, 12)))`;

/** The sums and counts of a group of usage rows, each as an aggregate over master_usage rows. */
export const USAGE_SUMS = {
  /** Accounts are counted, not summed: they add up over cells only because each account sits in one cell. */
  accounts: 'count(DISTINCT account_id)',
  usage_rows: 'count(*)',
  seats_purchased: 'sum(seats_purchased)',
  seats_assigned: 'sum(seats_assigned)',
  seats_used: 'sum(seats_used)',
  assignment_rate_sum: exactSum('assignment_rate'),
  utilization_rows: 'count(utilization_rate)',
  utilization_rate_sum: exactSum('utilization_rate'),
  at_risk_rows: 'count(*) FILTER (WHERE at_risk)',
  expansion_rows: 'count(*) FILTER (WHERE expansion_candidate)',
  high_performer_rows: 'count(*) FILTER (WHERE high_performer)',
} as const;
export type UsageSum = keyof typeof USAGE_SUMS;

/** The rates of a group of usage rows: which sum is divided by which. */
export const USAGE_RATES = {
  /** Mean assignment rate of usage rows (source 000 step 4). */
  assignment_rate: { sum: 'assignment_rate_sum', over: 'usage_rows' },
  /** Mean capped utilization of rows with seats assigned (source 000 steps 4-5). */
  utilization_rate: { sum: 'utilization_rate_sum', over: 'utilization_rows' },
  /** Share of rows with a defined utilization below the at-risk threshold. */
  at_risk_rate: { sum: 'at_risk_rows', over: 'utilization_rows' },
  /** Share of rows with a defined utilization above the expansion threshold. */
  expansion_rate: { sum: 'expansion_rows', over: 'utilization_rows' },
} as const satisfies Record<string, { sum: UsageSum; over: UsageSum }>;
export type UsageRate = keyof typeof USAGE_RATES;

const ratio = (sum: string, over: string) => `(${sum})::DOUBLE / nullif(${over}, 0)`;

/** A rate over master_usage rows. */
export const rateOverRows = (rate: UsageRate) => ratio(USAGE_SUMS[USAGE_RATES[rate].sum], USAGE_SUMS[USAGE_RATES[rate].over]);

/** A rate over rows that hold the sums of their cell (usage cells, filter cube): the ratio of the sums' totals. */
export const rateOverSums = (rate: UsageRate) => ratio(`sum(${USAGE_RATES[rate].sum})`, `sum(${USAGE_RATES[rate].over})`);

/** A count over rows that hold the counts of their cell. */
const countOverSums = (count: UsageSum) => `CAST(sum(${count}) AS INTEGER)`;

/** Measures over `filter_cube` rows (one row per region x size band x tenure x plan x month). */
export const USAGE = {
  customers: countOverSums('accounts'),
  usageRows: countOverSums('usage_rows'),
  seatsPurchased: 'CAST(sum(seats_purchased) AS DOUBLE)',
  assignmentRate: rateOverSums('assignment_rate'),
  utilizationRate: rateOverSums('utilization_rate'),
  atRiskRate: rateOverSums('at_risk_rate'),
  expansionRate: rateOverSums('expansion_rate'),
} as const;

/** Accounts, usage rows and every rate of a group of cells, as select-list items named like the published columns. */
export const rolledUpUsageSql = [
  `${countOverSums('accounts')} AS accounts`,
  `${countOverSums('usage_rows')} AS usage_rows`,
  ...Object.keys(USAGE_RATES).map((rate) => `${rateOverSums(rate as UsageRate)} AS ${rate}`),
].join(',\n  ');

/** Measures over `revenue_cube` rows (one row per cell and ARR movement). */
export const REVENUE = {
  arr: 'CAST(sum(arr) AS DOUBLE)',
  accounts: 'CAST(sum(accounts) AS INTEGER)',
} as const;
