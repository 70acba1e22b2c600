/**
 * Seat-usage metrics (source 000 steps 4 to 6 and 11), each defined once for both engines:
 * a TypeScript function for tests and client code, and the SQL expression the pipeline runs.
 */
import { THRESHOLDS } from './config.ts';

/** Share of purchased seats that are assigned to a user. Purchased is always at least 1. */
export function assignmentRate(purchased: number, assigned: number): number {
  return assigned / purchased;
}

/** Used seats over assigned seats, uncapped; undefined (null) when no seat is assigned. */
export function rawUtilization(assigned: number, used: number): number | null {
  return assigned === 0 ? null : used / assigned;
}

/** Utilization capped at 100% (step 5: keep the row, bound the rate). */
export function utilizationRate(assigned: number, used: number): number | null {
  const raw = rawUtilization(assigned, used);
  return raw === null ? null : Math.min(raw, THRESHOLDS.utilizationCap);
}

/** The per-row performance flags of the master usage data set. */
export interface UsageFlags {
  atRisk: boolean;
  expansionCandidate: boolean;
  highPerformer: boolean;
}

/** Flags of a row from its assignment rate and capped utilization (null utilization sets none). */
export function usageFlags(assignment: number, utilization: number | null): UsageFlags {
  if (utilization === null) return { atRisk: false, expansionCandidate: false, highPerformer: false };
  return {
    atRisk: utilization < THRESHOLDS.atRiskBelow,
    expansionCandidate: utilization > THRESHOLDS.expansionAbove,
    highPerformer: assignment >= THRESHOLDS.highPerformerMin && utilization >= THRESHOLDS.highPerformerMin,
  };
}

/** The same metrics as SQL expressions over column names. */
export const metricSql = {
  assignmentRate: (purchased: string, assigned: string) => `(${assigned}::DOUBLE / ${purchased})`,
  rawUtilization: (assigned: string, used: string) => `(CASE WHEN ${assigned} = 0 THEN NULL ELSE ${used}::DOUBLE / ${assigned} END)`,
  // Not least(): DuckDB's least() skips NULLs, which would turn "no seat assigned" into 100%.
  utilizationRate: (assigned: string, used: string) =>
    `(CASE WHEN ${assigned} = 0 THEN NULL ELSE least(${used}::DOUBLE / ${assigned}, ${THRESHOLDS.utilizationCap}) END)`,
  atRisk: (utilization: string) => `coalesce(${utilization} < ${THRESHOLDS.atRiskBelow}, false)`,
  expansionCandidate: (utilization: string) => `coalesce(${utilization} > ${THRESHOLDS.expansionAbove}, false)`,
  highPerformer: (assignment: string, utilization: string) =>
    `coalesce(${assignment} >= ${THRESHOLDS.highPerformerMin} AND ${utilization} >= ${THRESHOLDS.highPerformerMin}, false)`,
} as const;

/** The z value of a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/** Wilson score interval for a share k/n at 95% confidence (used wherever a share is compared). */
export function wilsonInterval(k: number, n: number, z = Z95): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Normal-approximation 95% interval of a mean from its sample standard deviation and size. */
export function meanInterval(mean: number, sd: number, n: number, z = Z95): [number, number] {
  if (n < 2) return [Number.NaN, Number.NaN];
  const half = (z * sd) / Math.sqrt(n);
  return [mean - half, mean + half];
}

/**
 * The 1-based ranks of the order statistics that bound a 95% interval of the median of n
 * values (the binomial, distribution-free interval: ranks n/2 -/+ z sqrt(n)/2, the upper one
 * past the middle), clamped to 1..n.
 */
export function medianRanks(n: number, z = Z95): [number, number] {
  const half = (z * Math.sqrt(n)) / 2;
  return [Math.max(1, Math.floor(n / 2 - half)), Math.min(n, Math.ceil(1 + n / 2 + half))];
}

/**
 * Newcombe's interval (hybrid score, method 10) for the difference of two shares k1/n1 - k2/n2,
 * built from the two Wilson intervals.
 */
export function differenceInterval(k1: number, n1: number, k2: number, n2: number, z = Z95): [number, number] {
  const [p1, p2] = [k1 / n1, k2 / n2];
  const [l1, u1] = wilsonInterval(k1, n1, z);
  const [l2, u2] = wilsonInterval(k2, n2, z);
  const d = p1 - p2;
  return [d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)];
}

/**
 * A number as a SQL DOUBLE literal (exponent form, e.g. `3.8414588206941254e0`). A plain literal
 * with a decimal point is a DECIMAL in DuckDB, and DuckDB 0.9 (the browser's DuckDB-WASM 1.28)
 * converts a DECIMAL of 16 or more significant digits to DOUBLE up to one unit in the last place
 * away from the nearest double, which DuckDB 1.x gives: z^2 = 3.8414588206941254 became
 * 3.8414588206941258 there, and a Wilson bound of 0/n 4e-19 instead of 0. An exponent literal
 * is a DOUBLE in both engines, parsed to the nearest double.
 */
function sqlDouble(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`${value} has no SQL literal.`);
  const text = String(value);
  return text.includes('e') ? text : `${text}e0`;
}

/** z^2 as a DOUBLE literal (each use divides it, which made DuckDB 1.x convert the DECIMAL to this same double). */
const Z95_SQUARED = sqlDouble(Z95 ** 2);

/** The interval bounds as SQL over count and sum columns, so tables and CSV downloads carry them too. */
export const intervalSql = {
  /** Wilson bounds of the share `k / n` (side -1 low, +1 high). */
  wilson: (k: string, n: string, side: -1 | 1) =>
    `(CASE WHEN ${n} = 0 THEN NULL ELSE ((${k}::DOUBLE / ${n} + ${Z95_SQUARED} / (2 * ${n})) ${side < 0 ? '-' : '+'} ${Z95} * sqrt((${k}::DOUBLE / ${n}) * (1 - ${k}::DOUBLE / ${n}) / ${n} + ${Z95_SQUARED} / (4 * ${n}::DOUBLE * ${n}))) / (1 + ${Z95_SQUARED} / ${n}) END)`,
  /** Normal-approximation bounds of a mean (side -1 low, +1 high). */
  mean: (mean: string, sd: string, n: string, side: -1 | 1) =>
    `(CASE WHEN ${n} < 2 THEN NULL ELSE ${mean} ${side < 0 ? '-' : '+'} ${Z95} * ${sd} / sqrt(${n}) END)`,
  /** The bounds of the median of a sorted list of n values, by the ranks of medianRanks (side -1 low, +1 high). */
  median: (sorted: string, n: string, side: -1 | 1) =>
    side < 0
      ? `(CASE WHEN ${n} = 0 THEN NULL ELSE (${sorted})[greatest(1, floor(${n} / 2 - ${Z95} * sqrt(${n}) / 2))::INTEGER] END)`
      : `(CASE WHEN ${n} = 0 THEN NULL ELSE (${sorted})[least(${n}, ceil(1 + ${n} / 2 + ${Z95} * sqrt(${n}) / 2))::INTEGER] END)`,
  /** Newcombe's bounds of the difference k1/n1 - k2/n2 (side -1 low, +1 high), from the Wilson bounds. */
  difference: (k1: string, n1: string, k2: string, n2: string, side: -1 | 1) => {
    const [p1, p2] = [`(${k1}::DOUBLE / ${n1})`, `(${k2}::DOUBLE / ${n2})`];
    const [l1, u1] = [intervalSql.wilson(k1, n1, -1), intervalSql.wilson(k1, n1, 1)];
    const [l2, u2] = [intervalSql.wilson(k2, n2, -1), intervalSql.wilson(k2, n2, 1)];
    return side < 0 ? `(${p1} - ${p2} - sqrt((${p1} - ${l1}) ^ 2 + (${u2} - ${p2}) ^ 2))` : `(${p1} - ${p2} + sqrt((${u1} - ${p1}) ^ 2 + (${p2} - ${l2}) ^ 2))`;
  },
} as const;
