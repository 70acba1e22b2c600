/**
 * How an account's products roll up to the account, for the account-level data set, the
 * account table and the action list. In a month, an account's seats are summed over its
 * products, and its rates and flags are those a single usage row with the summed seats
 * would have: the same metric functions and thresholds as a usage row (metrics.ts,
 * THRESHOLDS in config.ts). An account with one product keeps its row's rates and flags;
 * with several, the capping rule applies to the total, so seats used beyond those assigned
 * on one product make up for idle assigned seats of another before the cap.
 */
import { assignmentRate, metricSql, usageFlags, utilizationRate, type UsageFlags } from './metrics.ts';

/** Seats of one product of an account in a month. */
export interface ProductSeats {
  readonly purchased: number;
  readonly assigned: number;
  readonly used: number;
}

/** An account's month: its summed seats, the rates of the sum and the flags of those rates. */
export interface AccountUsage extends UsageFlags {
  readonly seats: ProductSeats;
  readonly assignmentRate: number;
  /** Undefined (null) when no seat of any product is assigned. */
  readonly utilizationRate: number | null;
}

/** Rolls the products of an account's month up to the account. */
export function accountUsage(products: readonly ProductSeats[]): AccountUsage {
  if (products.length === 0) throw new Error('An account month needs at least one product.');
  const seats = products.reduce((sum, p) => ({ purchased: sum.purchased + p.purchased, assigned: sum.assigned + p.assigned, used: sum.used + p.used }), {
    purchased: 0,
    assigned: 0,
    used: 0,
  });
  const assignment = assignmentRate(seats.purchased, seats.assigned);
  const utilization = utilizationRate(seats.assigned, seats.used);
  return { seats, assignmentRate: assignment, utilizationRate: utilization, ...usageFlags(assignment, utilization) };
}

/**
 * The same roll-up as SQL: select-list items over `rows`, a subquery of usage rows grouped
 * by account and month with `seats_purchased`, `seats_assigned` and `seats_used` columns.
 */
export function accountUsageSql(rows: string): string {
  const purchased = 'sum(seats_purchased)';
  const assigned = 'sum(seats_assigned)';
  const used = 'sum(seats_used)';
  return `SELECT account_id, month, count(*)::INTEGER AS products,
    ${purchased}::INTEGER AS seats_purchased, ${assigned}::INTEGER AS seats_assigned, ${used}::INTEGER AS seats_used,
    ${metricSql.assignmentRate(purchased, assigned)} AS assignment_rate,
    ${metricSql.utilizationRate(assigned, used)} AS utilization_rate
  FROM ${rows} GROUP BY account_id, month`;
}

/** The flags of an account month as SQL over its rolled-up rate columns. */
export const accountFlagsSql = `${metricSql.atRisk('utilization_rate')} AS at_risk,
    ${metricSql.expansionCandidate('utilization_rate')} AS expansion_candidate,
    ${metricSql.highPerformer('assignment_rate', 'utilization_rate')} AS high_performer`;
