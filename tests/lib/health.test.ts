/**
 * src/lib/health.ts: the account health score on hand-computed cases, then its SQL forms
 * against the TypeScript forms in DuckDB, row by row over a grid of inputs.
 *
 * The rules the hand-computed cases rely on (config.ts HEALTH), written out:
 * - utilization (weight 45): 0 from 0, 30 from 0.3, 70 from 0.6, 100 from 0.8; no seat assigned (null) earns 0;
 * - assignment (weight 15): 0 from 0, 40 from 0.5, 70 from 0.75, 100 from 0.9;
 * - ARR trend (weight 20) and seat growth (weight 10): 0 from 0, 50 from 0.95, 80 from 1, 100 from 1.05; null is absent;
 * - tenure (weight 10): Onboarding 60, Adoption 70, Established 90, Veteran 100;
 * - score = round(sum(points x weight) / sum(weights of the components present));
 * - bands: Red 0-50, Yellow 51-75, Green 76-100;
 * - retention risk: Red High, Yellow Medium, Green Low; a fall of 10 points or more since the previous month moves one level up.
 */
import { describe, expect, test } from 'vitest';
import { HEALTH, LIFECYCLE_STAGES } from '../../src/lib/config.ts';
import {
  COMPONENT_IDS,
  type ComponentId,
  type HealthInputs,
  annualChurn,
  componentPoints,
  componentPointsSql,
  healthBandSql,
  healthScore,
  lifetimeValue,
  retentionRisk,
  retentionRiskSql,
  scoreFromPoints,
  scoreSql,
  steppedPoints,
  steppedPointsSql,
  tenurePoints,
  tenurePointsSql,
} from '../../src/lib/health.ts';
import { useDuckDB } from '../helpers/duckdb.ts';

const { rowsOf } = useDuckDB();

/** The message of the error `fn` throws (fails when it does not throw). */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

/** The next double above (`dir` = 1) or below (`dir` = -1) a non-negative `x`. */
function nextDouble(x: number, dir: 1 | -1): number {
  if (x === 0) return dir > 0 ? Number.MIN_VALUE : -Number.MIN_VALUE;
  const f = new Float64Array([x]);
  const bits = new BigInt64Array(f.buffer);
  bits[0] = bits[0]! + BigInt(dir);
  return f[0]!;
}

const inputs = (
  utilization: number | null,
  assignment: number,
  arr_trend: number | null,
  seat_growth: number | null,
  lifecycle_stage: string,
): HealthInputs => ({ utilization, assignment, arr_trend, seat_growth, lifecycle_stage });

describe('the configuration the hand-computed cases assume', () => {
  test('weights, steps, stage points, bands and the retention fall', () => {
    const c = HEALTH.components;
    expect(COMPONENT_IDS).toEqual(['utilization', 'assignment', 'arr_trend', 'seat_growth', 'tenure']);
    expect(COMPONENT_IDS.map((id) => c[id].weight)).toEqual([45, 15, 20, 10, 10]);
    expect(c.utilization.steps.map((s) => [s.min, s.points])).toEqual([
      [0, 0],
      [0.3, 30],
      [0.6, 70],
      [0.8, 100],
    ]);
    expect(c.assignment.steps.map((s) => [s.min, s.points])).toEqual([
      [0, 0],
      [0.5, 40],
      [0.75, 70],
      [0.9, 100],
    ]);
    for (const id of ['arr_trend', 'seat_growth'] as const) {
      expect(c[id].steps.map((s) => [s.min, s.points])).toEqual([
        [0, 0],
        [0.95, 50],
        [1, 80],
        [1.05, 100],
      ]);
    }
    expect(c.tenure.stagePoints).toEqual({ Onboarding: 60, Adoption: 70, Established: 90, Veteran: 100 });
    expect(LIFECYCLE_STAGES.map((s) => s.label)).toEqual(['Onboarding', 'Adoption', 'Established', 'Veteran']);
    expect(HEALTH.bands.map((b) => [b.label, b.min])).toEqual([
      ['Red', 0],
      ['Yellow', 51],
      ['Green', 76],
    ]);
    expect(HEALTH.retentionDropPoints).toBe(10);
    expect(HEALTH.grossMargin).toBe(0.8);
  });
});

describe('steppedPoints', () => {
  // A value exactly at a step's min earns that step; the double just below it earns the step before.
  test.each([
    [null, 0], // no seat assigned: the first step
    [0, 0],
    [0.1, 0],
    [nextDouble(0.3, -1), 0],
    [0.3, 30],
    [3 / 10, 30], // 3 of 10 assigned seats used
    [nextDouble(0.3, 1), 30],
    [0.45, 30],
    [nextDouble(0.6, -1), 30],
    [0.6, 70],
    [3 / 5, 70],
    [0.7, 70],
    [nextDouble(0.8, -1), 70],
    [0.8, 100],
    [4 / 5, 100],
    [0.95, 100],
    [1, 100],
  ])('utilization %d -> %i points', (value, points) => {
    expect(steppedPoints('utilization', value)).toBe(points);
  });

  test.each([
    [0, 0],
    [0.25, 0],
    [nextDouble(0.5, -1), 0],
    [0.5, 40],
    [1 / 2, 40],
    [0.6, 40],
    [nextDouble(0.75, -1), 40],
    [0.75, 70],
    [3 / 4, 70],
    [0.8, 70],
    [nextDouble(0.9, -1), 70],
    [0.9, 100],
    [9 / 10, 100], // 9 of 10 purchased seats assigned
    [1, 100],
  ])('assignment %d -> %i points', (value, points) => {
    expect(steppedPoints('assignment', value)).toBe(points);
  });

  for (const id of ['arr_trend', 'seat_growth'] as const) {
    test.each([
      [0, 0],
      [0.5, 0],
      [nextDouble(0.95, -1), 0],
      [0.95, 50],
      [19 / 20, 50], // 19 seats after 20
      [0.97, 50],
      [nextDouble(1, -1), 50],
      [1, 80],
      [1.02, 80],
      [nextDouble(1.05, -1), 80],
      [1.05, 100],
      [21 / 20, 100], // 21 seats after 20
      [1.5, 100],
      [10, 100],
    ])(`${id} %d -> %i points`, (value, points) => {
      expect(steppedPoints(id, value)).toBe(points);
    });

    test(`${id} null (no earlier month) is absent, not 0`, () => {
      expect(steppedPoints(id, null)).toBeNull();
    });
  }
});

describe('tenurePoints', () => {
  test.each([
    ['Onboarding', 60],
    ['Adoption', 70],
    ['Established', 90],
    ['Veteran', 100],
  ])('%s -> %i', (stage, points) => {
    expect(tenurePoints(stage)).toBe(points);
  });

  test.each(['Dormant', 'onboarding', ''])('an unknown lifecycle stage "%s" throws with the stages expected', (stage) => {
    expect(messageOf(() => tenurePoints(stage))).toBe(
      `No tenure points for the lifecycle stage "${stage}": expected one of Onboarding, Adoption, Established, Veteran.`,
    );
  });

  test('healthScore and componentPoints throw on an unknown stage too', () => {
    const expected = 'No tenure points for the lifecycle stage "Churned": expected one of Onboarding, Adoption, Established, Veteran.';
    expect(messageOf(() => healthScore(inputs(0.9, 1, 1, 1, 'Churned')))).toBe(expected);
    expect(messageOf(() => componentPoints(inputs(0.9, 1, 1, 1, 'Churned')))).toBe(expected);
  });
});

describe('componentPoints', () => {
  test('each component from its value', () => {
    // 0.85 >= 0.8: 100; 0.8 in [0.75, 0.9): 70; 1.02 in [1, 1.05): 80; 0.97 in [0.95, 1): 50; Veteran: 100.
    expect(componentPoints(inputs(0.85, 0.8, 1.02, 0.97, 'Veteran'))).toEqual({
      utilization: 100,
      assignment: 70,
      arr_trend: 80,
      seat_growth: 50,
      tenure: 100,
    });
    // No seat assigned: utilization 0 points (present); no earlier month: trend and growth null (absent).
    expect(componentPoints(inputs(null, 0, null, null, 'Onboarding'))).toEqual({
      utilization: 0,
      assignment: 0,
      arr_trend: null,
      seat_growth: null,
      tenure: 60,
    });
  });
});

/** [id, points, weight, effectiveWeight, contribution] of each component, for compact comparisons. */
const table = (score: ReturnType<typeof scoreFromPoints>) => score.components.map((c) => [c.id, c.points, c.weight, c.effectiveWeight, c.contribution]);

describe('healthScore: weighting, renormalisation and rounding', () => {
  test('all five components present: weights as configured, score 86.5 rounds to 87 (Green)', () => {
    // 100*45 + 70*15 + 80*20 + 50*10 + 100*10 = 4500 + 1050 + 1600 + 500 + 1000 = 8650; / 100 = 86.5 -> 87.
    const s = healthScore(inputs(0.85, 0.8, 1.02, 0.97, 'Veteran'));
    expect(table(s)).toEqual([
      ['utilization', 100, 45, 45, 45],
      ['assignment', 70, 15, 15, 10.5],
      ['arr_trend', 80, 20, 20, 16],
      ['seat_growth', 50, 10, 10, 5],
      ['tenure', 100, 10, 10, 10],
    ]);
    expect(s.components.map((c) => c.label)).toEqual(['Seat utilization', 'Seat assignment', 'ARR trend', 'Seat growth', 'Tenure stage']);
    expect(s.components.reduce((sum, c) => sum + c.contribution, 0)).toBeCloseTo(86.5, 12);
    expect(s.score).toBe(87);
    expect(s.band).toBe('Green');
  });

  test('ARR trend and seat growth absent: 45, 15, 10 renormalised over 70', () => {
    // Utilization 0.65 -> 70, assignment 0.95 -> 100, Established -> 90; weights present 45 + 15 + 10 = 70.
    // Effective weights: 45*100/70 = 64.285714..., 15*100/70 = 21.428571..., 10*100/70 = 14.285714...; absent ones 0.
    // Contributions: 70 * 64.2857/100 = 45, 100 * 21.4286/100 = 21.428571..., 90 * 14.2857/100 = 12.857142...
    // Sum: (3150 + 1500 + 900) / 70 = 5550 / 70 = 79.285714... -> 79 (Green).
    const s = healthScore(inputs(0.65, 0.95, null, null, 'Established'));
    const expected = [
      ['utilization', 70, 45, 64.28571428571429, 45],
      ['assignment', 100, 15, 21.428571428571427, 21.428571428571427],
      ['arr_trend', null, 20, 0, 0],
      ['seat_growth', null, 10, 0, 0],
      ['tenure', 90, 10, 14.285714285714286, 12.857142857142858],
    ] as const;
    table(s).forEach((row, i) => {
      const [id, points, weight, effective, contribution] = expected[i]!;
      expect(row.slice(0, 3)).toEqual([id, points, weight]);
      expect(row[3] as number).toBeCloseTo(effective, 12);
      expect(row[4] as number).toBeCloseTo(contribution, 12);
    });
    expect(s.components.reduce((sum, c) => sum + c.effectiveWeight, 0)).toBeCloseTo(100, 12);
    expect(s.components.reduce((sum, c) => sum + c.contribution, 0)).toBeCloseTo(5550 / 70, 12);
    expect(s.score).toBe(79);
    expect(s.band).toBe('Green');
  });

  test('no seat assigned and no earlier month: utilization earns 0 but still weighs', () => {
    // (0*45 + 0*15 + 60*10) / 70 = 600 / 70 = 8.571... -> 9 (Red); it would be 60 if utilization were absent.
    const s = healthScore(inputs(null, 0, null, null, 'Onboarding'));
    expect(s.components.find((c) => c.id === 'utilization')!.effectiveWeight).toBeCloseTo(4500 / 70, 12);
    expect(s.score).toBe(9);
    expect(s.band).toBe('Red');
  });

  test('only seat growth absent: weights over 90', () => {
    // 100*45 + 100*15 + 100*20 + 100*10 = 9000 / 90 = 100; effective trend weight 20*100/90 = 22.22...
    const s = healthScore(inputs(1, 1, 1.1, null, 'Veteran'));
    expect(s.score).toBe(100);
    expect(s.components.find((c) => c.id === 'arr_trend')!.effectiveWeight).toBeCloseTo(2000 / 90, 12);
  });

  test('the lowest and highest scores', () => {
    // Every stepped component at 0, Onboarding 60: 600 / 100 = 6.
    expect(healthScore(inputs(0, 0, 0, 0, 'Onboarding')).score).toBe(6);
    expect(healthScore(inputs(1, 1, 2, 2, 'Veteran')).score).toBe(100);
  });

  test.each([
    // [utilization, assignment, trend, growth, stage, unrounded, score, band]
    // 0*45 + 100*15 + 80*20 + 100*10 + 90*10 = 0 + 1500 + 1600 + 1000 + 900 = 5000 / 100 = 50
    [0.2, 0.95, 1, 1.1, 'Established', 50, 50, 'Red'],
    // 0 + 1500 + 1600 + 1000 + 1000 = 5100 / 100 = 51
    [0.2, 0.95, 1, 1.1, 'Veteran', 51, 51, 'Yellow'],
    // 30*45 + 0*15 + 100*20 + 100*10 + 60*10 = 1350 + 0 + 2000 + 1000 + 600 = 4950 / 100 = 49.5 -> 50
    [0.4, 0.3, 1.1, 1.1, 'Onboarding', 49.5, 50, 'Red'],
    // 30*45 + 40*15 + 100*20 + 50*10 + 60*10 = 1350 + 600 + 2000 + 500 + 600 = 5050 / 100 = 50.5 -> 51
    [0.4, 0.6, 1.1, 0.97, 'Onboarding', 50.5, 51, 'Yellow'],
    // 70*45 + 100*15 + 60*10 = 3150 + 1500 + 600 = 5250 / 70 = 75 (trend and growth absent)
    [0.7, 0.9, null, null, 'Onboarding', 75, 75, 'Yellow'],
    // 70*45 + 70*15 + 80*20 + 80*10 + 100*10 = 3150 + 1050 + 1600 + 800 + 1000 = 7600 / 100 = 76
    [0.7, 0.8, 1.02, 1, 'Veteran', 76, 76, 'Green'],
    // 100*45 + 70*15 + 50*20 + 0*10 + 100*10 = 4500 + 1050 + 1000 + 0 + 1000 = 7550 / 100 = 75.5 -> 76
    [0.9, 0.8, 0.96, 0.5, 'Veteran', 75.5, 76, 'Green'],
    // 70*45 + 40*15 + 100*20 + 100*10 = 3150 + 600 + 2000 + 1000 = 6750 / 90 = 75 (seat growth absent)
    [0.7, 0.6, 1.1, null, 'Veteran', 75, 75, 'Yellow'],
  ] as const)('u %s, a %s, trend %s, growth %s, %s: %d -> %i (%s)', (u, a, t, g, stage, unrounded, score, band) => {
    const s = healthScore(inputs(u, a, t, g, stage));
    expect(s.components.reduce((sum, c) => sum + c.contribution, 0)).toBeCloseTo(unrounded, 12);
    expect(s.score).toBe(score);
    expect(s.band).toBe(band);
  });
});

describe('scoreFromPoints: the band edges', () => {
  const uniform = (points: number) => Object.fromEntries(COMPONENT_IDS.map((id) => [id, points])) as Record<ComponentId, number>;

  test.each([
    [0, 'Red'],
    [50, 'Red'],
    [51, 'Yellow'],
    [75, 'Yellow'],
    [76, 'Green'],
    [100, 'Green'],
  ])('every component at %i -> score %i, %s', (points, band) => {
    const s = scoreFromPoints(uniform(points));
    expect(s.score).toBe(points);
    expect(s.band).toBe(band);
  });

  test('an unrounded 50.5 is 51 (Yellow), 50.4 is 50 (Red), 75.5 is 76 (Green)', () => {
    // 50*90 + 55*10 = 5050 / 100 = 50.5; 50*90 + 54*10 = 5040 / 100 = 50.4; 75*90 + 80*10 = 7550 / 100 = 75.5.
    expect(scoreFromPoints({ ...uniform(50), tenure: 55 })).toMatchObject({ score: 51, band: 'Yellow' });
    expect(scoreFromPoints({ ...uniform(50), tenure: 54 })).toMatchObject({ score: 50, band: 'Red' });
    expect(scoreFromPoints({ ...uniform(75), tenure: 80 })).toMatchObject({ score: 76, band: 'Green' });
  });
});

describe('retentionRisk', () => {
  test.each([
    // [band, change, risk]: the band's own level, one up on a fall of 10 or more.
    ['Red', null, 'High'],
    ['Red', 0, 'High'],
    ['Red', -9, 'High'],
    ['Red', -10, 'High'], // already the highest level
    ['Red', -40, 'High'],
    ['Yellow', null, 'Medium'],
    ['Yellow', 5, 'Medium'],
    ['Yellow', -9, 'Medium'],
    ['Yellow', -10, 'High'],
    ['Yellow', -25, 'High'],
    ['Green', null, 'Low'],
    ['Green', 10, 'Low'],
    ['Green', -9, 'Low'],
    ['Green', -9.5, 'Low'],
    ['Green', -10, 'Medium'],
    ['Green', -30, 'Medium'], // one level, however far it falls
  ] as const)('%s, change %s -> %s', (band, change, risk) => {
    expect(retentionRisk(band, change)).toBe(risk);
  });

  test.each(['Amber', 'green', ''])('an unknown band "%s" throws with the bands expected', (band) => {
    expect(messageOf(() => retentionRisk(band, null))).toBe(`Unknown health band "${band}": expected one of Red, Yellow, Green.`);
  });
});

describe('annualChurn and lifetimeValue', () => {
  test.each([
    [0, 0],
    [1, 1],
    [0.5, 0.999755859375], // 1 - 0.5^12 = 1 - 1/4096
    [0.01, 0.113615128283871], // 1 - 0.99^12 = 1 - 0.886384871716129...
    [0.05, 0.459639912337363], // 1 - 0.95^12 = 1 - 0.540360087662637...
  ])('annualChurn(%d) = %d', (monthly, annual) => {
    expect(annualChurn(monthly)).toBeCloseTo(annual, 14);
  });

  test.each([
    [10_000, 0.01, 70413.1581844608], // 10000 * 0.8 / 0.1136151282838707
    [4096, 0.5, 3277.6001953602], // 4096 * 0.8 / (4095 / 4096) = 13421772.8 / 4095
    [120_000, 0.05, 208859.146960977], // 120000 * 0.8 / 0.459639912337363
    [0, 0.05, 0],
  ])('lifetimeValue(%d, %d) = %d', (arr, monthly, value) => {
    expect(lifetimeValue(arr, monthly)).toBeCloseTo(value, 6);
  });

  test('null when nobody churns (annual churn 0)', () => {
    expect(lifetimeValue(10_000, 0)).toBeNull();
    expect(lifetimeValue(0, 0)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------
// SQL forms against TypeScript forms

/** Values around every step edge of a stepped component: just below, at and just above each min, inside each step, and far above. */
function edgeValues(mins: readonly number[], extras: readonly number[]): number[] {
  const values = new Set<number>(extras);
  mins.forEach((min, i) => {
    if (min > 0) values.add(nextDouble(min, -1));
    values.add(min);
    values.add(nextDouble(min, 1));
    const next = mins[i + 1];
    if (next !== undefined) values.add((min + next) / 2);
  });
  return [...values].sort((a, b) => a - b);
}

const UTILIZATION = [null, ...edgeValues([0, 0.3, 0.6, 0.8], [0.9, 1])];
const ASSIGNMENT = edgeValues([0, 0.5, 0.75, 0.9], [0.95, 1]);
const TREND = [null, ...edgeValues([0, 0.95, 1, 1.05], [1.5, 2, 10])];
const STAGES = ['Onboarding', 'Adoption', 'Established', 'Veteran'];

/** A DOUBLE literal DuckDB reads as exactly the JavaScript value (a string cast, so no DECIMAL literal rounds it), or NULL. */
const doubleSql = (v: number | null) => (v === null ? 'NULL::DOUBLE' : `'${String(v)}'::DOUBLE`);
const valuesSql = (values: readonly (number | null)[]) => `(VALUES ${values.map((v) => `(${doubleSql(v)})`).join(', ')})`;

describe('the SQL forms in DuckDB agree with the TypeScript forms', () => {
  test('the value lists reach DuckDB unchanged, edges and NULL included', async () => {
    for (const list of [UTILIZATION, ASSIGNMENT, TREND]) {
      const rows = await rowsOf(`SELECT v FROM ${valuesSql(list)} t(v)`);
      expect(rows.map((r) => r[0])).toEqual(list);
    }
    expect(UTILIZATION).toContain(nextDouble(0.3, -1));
    expect(TREND).toContain(nextDouble(1.05, -1));
  });

  test.each([
    ['utilization', UTILIZATION],
    ['assignment', ASSIGNMENT],
    ['arr_trend', TREND],
    ['seat_growth', TREND],
  ] as const)('steppedPointsSql(%s) over every edge value', async (id, values) => {
    const rows = await rowsOf(`SELECT v, ${steppedPointsSql(id, 'v')} FROM ${valuesSql(values)} t(v)`);
    expect(rows.map(([v, p]) => [v, p])).toEqual(values.map((v) => [v, steppedPoints(id, v)]));
  });

  test('tenurePointsSql for every stage', async () => {
    const rows = await rowsOf(`SELECT s, ${tenurePointsSql('s')} FROM (VALUES ${STAGES.map((s) => `('${s}')`).join(', ')}) t(s)`);
    expect(rows).toEqual(STAGES.map((s) => [s, tenurePoints(s)]));
  });

  test('points, score and band over every combination of edge values (the pipeline’s shape)', async () => {
    // utilization x assignment x trend x growth x stage, crossed in DuckDB; TypeScript recomputes each row.
    const rows = await rowsOf(`
      WITH grid AS (
        SELECT * FROM ${valuesSql(UTILIZATION)} u(utilization_rate)
          CROSS JOIN ${valuesSql(ASSIGNMENT)} a(assignment_rate)
          CROSS JOIN ${valuesSql(TREND)} t(arr_trend)
          CROSS JOIN ${valuesSql(TREND)} g(seat_growth)
          CROSS JOIN (VALUES ${STAGES.map((s) => `('${s}')`).join(', ')}) s(lifecycle_stage)),
      pointed AS (SELECT *, ${componentPointsSql()} FROM grid),
      scored AS (SELECT *, ${scoreSql()} AS score FROM pointed)
      SELECT utilization_rate, assignment_rate, arr_trend, seat_growth, lifecycle_stage,
        utilization_points, assignment_points, arr_trend_points, seat_growth_points, tenure_points, score, ${healthBandSql('score')} AS band
      FROM scored`);
    expect(rows.length).toBe(UTILIZATION.length * ASSIGNMENT.length * TREND.length * TREND.length * STAGES.length);
    const mismatches: string[] = [];
    const seenScores = new Set<number>();
    for (const row of rows) {
      const [u, a, t, g, stage, ...sql] = row as [number | null, number, number | null, number | null, string, ...(number | string | null)[]];
      const s = healthScore(inputs(u, a, t, g, stage));
      const points = componentPoints(inputs(u, a, t, g, stage));
      const ts = [...COMPONENT_IDS.map((id) => points[id]), s.score, s.band];
      seenScores.add(s.score);
      if (JSON.stringify(sql) !== JSON.stringify(ts) && mismatches.length < 20) {
        mismatches.push(`u=${u} a=${a} t=${t} g=${g} ${stage}: SQL ${JSON.stringify(sql)} vs TS ${JSON.stringify(ts)}`);
      }
    }
    expect(mismatches).toEqual([]);
    // The grid reaches both sides of each band edge.
    for (const score of [50, 51, 75, 76]) expect(seenScores.has(score), `score ${score} reached`).toBe(true);
  });

  test('band and retention risk over every score and a range of changes, NULL included', async () => {
    const changes = [null, -100, -50, -11, -10, -9, -1, 0, 1, 9, 10, 11, 50];
    const scores = Array.from({ length: 101 }, (_, i) => i);
    const rows = await rowsOf(`
      SELECT score, change, ${healthBandSql('score')} AS band, ${retentionRiskSql(healthBandSql('score'), 'change')} AS risk
      FROM range(0, 101) r(score) CROSS JOIN (VALUES ${changes.map((c) => `(${c === null ? 'NULL' : c}::INTEGER)`).join(', ')}) c(change)
      ORDER BY score, change NULLS FIRST`);
    const uniform = (points: number) => Object.fromEntries(COMPONENT_IDS.map((id) => [id, points])) as Record<ComponentId, number>;
    const expected = scores.flatMap((score) => {
      const { band } = scoreFromPoints(uniform(score));
      return [...changes].sort((x, y) => (x ?? -Infinity) - (y ?? -Infinity)).map((change) => [BigInt(score), change, band, retentionRisk(band, change)]);
    });
    expect(rows).toEqual(expected);
  });

  test('retentionRiskSql over a band column: each band with a fall of exactly 10, 9, and no previous month', async () => {
    const cases: [string, number | null][] = ['Red', 'Yellow', 'Green'].flatMap((band) =>
      [null, -10, -9, 0].map((change): [string, number | null] => [band, change]),
    );
    const rows = await rowsOf(
      `SELECT b, c, ${retentionRiskSql('b', 'c')} FROM (VALUES ${cases.map(([b, c]) => `('${b}', ${c === null ? 'NULL' : c}::INTEGER)`).join(', ')}) t(b, c)`,
    );
    expect(rows).toEqual(cases.map(([b, c]) => [b, c, retentionRisk(b, c)]));
    // Written out: Red High x4; Yellow Medium, High, Medium, Medium; Green Low, Medium, Low, Low.
    expect(rows.map((r) => r[2])).toEqual(['High', 'High', 'High', 'High', 'Medium', 'High', 'Medium', 'Medium', 'Low', 'Medium', 'Low', 'Low']);
  });
});
