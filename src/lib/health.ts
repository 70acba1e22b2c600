/**
 * The account health score (source 003, SPEC 4.7), defined once for both engines: the
 * TypeScript functions show on the page "how the number was generated" and serve the
 * tests; the SQL forms are what the pipeline runs to publish every account's score in
 * every month. Components, steps, weights, bands and the retention-risk rule are in
 * config.ts (HEALTH).
 */
import { bandLabels, bandOf, bandSql, sqlString } from './bands.ts';
import { HEALTH, LIFECYCLE_STAGES } from './config.ts';

export type ComponentId = keyof typeof HEALTH.components;

/** Components in display order. */
export const COMPONENT_IDS = Object.keys(HEALTH.components) as ComponentId[];

/** Components scored by steps over a numeric value. */
type SteppedId = Exclude<ComponentId, 'tenure'>;
const STEPPED: readonly SteppedId[] = ['utilization', 'assignment', 'arr_trend', 'seat_growth'];

export const HEALTH_BANDS: readonly string[] = bandLabels(HEALTH.bands);
export const RETENTION_RISKS = ['High', 'Medium', 'Low'] as const;
export type RetentionRisk = (typeof RETENTION_RISKS)[number];

/** What an account month brings to the score. A null trend or growth means the account has no earlier month to compare. */
export interface HealthInputs {
  /** Capped utilization; null when no seat is assigned (it earns the first step). */
  readonly utilization: number | null;
  readonly assignment: number;
  readonly arr_trend: number | null;
  readonly seat_growth: number | null;
  readonly lifecycle_stage: string;
}

export interface ComponentScore {
  readonly id: ComponentId;
  readonly label: string;
  /** The points (0-100), or null when the account lacks the component. */
  readonly points: number | null;
  readonly weight: number;
  /** The weight after renormalising over the components the account has (0 when absent). */
  readonly effectiveWeight: number;
  /** Points times effective weight over 100: the contributions add up to the unrounded score. */
  readonly contribution: number;
}

export interface HealthScore {
  readonly components: readonly ComponentScore[];
  /** The weighted mean of the points, rounded to a whole number. */
  readonly score: number;
  readonly band: string;
}

/** The points a value earns on a stepped component (null stays null). */
export function steppedPoints(id: SteppedId, value: number | null): number | null {
  const steps = HEALTH.components[id].steps;
  if (value === null) return id === 'utilization' ? steps[0].points : null;
  let points: number = steps[0].points;
  for (const step of steps) if (value >= step.min) points = step.points;
  return points;
}

/** The points of a lifecycle stage. */
export function tenurePoints(stage: string): number {
  const points = (HEALTH.components.tenure.stagePoints as Record<string, number>)[stage];
  if (points === undefined)
    throw new Error(`No tenure points for the lifecycle stage "${stage}": expected one of ${LIFECYCLE_STAGES.map((s) => s.label).join(', ')}.`);
  return points;
}

/** Each component's points for an account month. */
export function componentPoints(inputs: HealthInputs): Record<ComponentId, number | null> {
  return {
    utilization: steppedPoints('utilization', inputs.utilization),
    assignment: steppedPoints('assignment', inputs.assignment),
    arr_trend: steppedPoints('arr_trend', inputs.arr_trend),
    seat_growth: steppedPoints('seat_growth', inputs.seat_growth),
    tenure: tenurePoints(inputs.lifecycle_stage),
  };
}

/** The score with its components, each weighted over the components present. */
export function scoreFromPoints(points: Record<ComponentId, number | null>): HealthScore {
  const present = COMPONENT_IDS.filter((id) => points[id] !== null);
  const weightPresent = present.reduce((sum, id) => sum + HEALTH.components[id].weight, 0);
  const weighted = present.reduce((sum, id) => sum + points[id]! * HEALTH.components[id].weight, 0);
  const components = COMPONENT_IDS.map((id): ComponentScore => {
    const { label, weight } = HEALTH.components[id];
    const p = points[id];
    const effectiveWeight = p === null ? 0 : (weight * 100) / weightPresent;
    return { id, label, points: p, weight, effectiveWeight, contribution: p === null ? 0 : (p * effectiveWeight) / 100 };
  });
  const score = Math.round(weighted / weightPresent);
  return { components, score, band: bandOf(score, HEALTH.bands)! };
}

export function healthScore(inputs: HealthInputs): HealthScore {
  return scoreFromPoints(componentPoints(inputs));
}

/** Retention risk from the band and the change of the score since the previous month (null without one). */
export function retentionRisk(band: string, change: number | null): RetentionRisk {
  const index = HEALTH_BANDS.indexOf(band);
  if (index < 0) throw new Error(`Unknown health band "${band}": expected one of ${HEALTH_BANDS.join(', ')}.`);
  const falling = change !== null && change <= -HEALTH.retentionDropPoints;
  // Each band has its own level (red: high risk); a fall moves an account up one level.
  return RETENTION_RISKS[Math.max(0, index - (falling ? 1 : 0))]!;
}

/** A yearly churn rate from a monthly one (the chance of churning in any of twelve months). */
export const annualChurn = (monthly: number) => 1 - (1 - monthly) ** 12;

/** Lifetime value: ARR x gross margin / annual churn rate; null when nobody churns (no finite estimate). */
export function lifetimeValue(arr: number, monthlyChurn: number): number | null {
  const annual = annualChurn(monthlyChurn);
  return annual > 0 ? (arr * HEALTH.grossMargin) / annual : null;
}

/** The formula shown on the page. */
export const LIFETIME_VALUE_FORMULA = `ARR × ${HEALTH.grossMargin} gross margin ÷ annual churn rate of the account’s size band (1 − (1 − monthly churn)¹²)`;

// ---------------------------------------------------------------------------------------
// SQL forms

/** The points of a stepped component as SQL over its value column. */
export function steppedPointsSql(id: SteppedId, value: string): string {
  const steps = HEALTH.components[id].steps;
  const arms = [...steps].reverse().map((step) => `WHEN ${value} >= ${step.min} THEN ${step.points}`);
  const missing = id === 'utilization' ? String(steps[0].points) : 'NULL';
  return `(CASE WHEN ${value} IS NULL THEN ${missing} ${arms.join(' ')} END)`;
}

/** The points of a lifecycle stage as SQL. */
export function tenurePointsSql(stage: string): string {
  const arms = Object.entries(HEALTH.components.tenure.stagePoints).map(([label, points]) => `WHEN ${stage} = ${sqlString(label)} THEN ${points}`);
  return `(CASE ${arms.join(' ')} END)`;
}

/** Select-list items: each component's points as `<id>_points` over the value columns named like the components (tenure: `lifecycle_stage`). */
export function componentPointsSql(): string {
  return [
    ...STEPPED.map((id) => `${steppedPointsSql(id, id === 'utilization' ? 'utilization_rate' : id === 'assignment' ? 'assignment_rate' : id)} AS ${id}_points`),
    `${tenurePointsSql('lifecycle_stage')} AS tenure_points`,
  ].join(',\n    ');
}

/** The score as SQL over the `<id>_points` columns: the weighted mean over the components present, rounded. */
export function scoreSql(): string {
  const weighted = COMPONENT_IDS.map((id) => `coalesce(${id}_points * ${HEALTH.components[id].weight}, 0)`).join(' + ');
  const present = COMPONENT_IDS.map((id) => `CASE WHEN ${id}_points IS NULL THEN 0 ELSE ${HEALTH.components[id].weight} END`).join(' + ');
  return `CAST(round((${weighted})::DOUBLE / (${present})) AS INTEGER)`;
}

/** The band of a score column as SQL. */
export const healthBandSql = (score: string) => bandSql(score, HEALTH.bands);

/** Retention risk as SQL over a band and a score change column. */
export function retentionRiskSql(band: string, change: string): string {
  const falling = `coalesce(${change} <= -${HEALTH.retentionDropPoints}, false)`;
  const [red, yellow] = HEALTH_BANDS;
  const [high, medium, low] = RETENTION_RISKS;
  return `(CASE WHEN ${band} = ${sqlString(red!)} OR (${band} = ${sqlString(yellow!)} AND ${falling}) THEN ${sqlString(high)}
    WHEN ${band} = ${sqlString(yellow!)} OR ${falling} THEN ${sqlString(medium)} ELSE ${sqlString(low)} END)`;
}
