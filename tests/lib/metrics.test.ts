/**
 * src/lib/metrics.ts: the seat-usage rates and flags, and their SQL twins in `metricSql`,
 * which the pipeline runs and which must agree with the TypeScript functions row for row.
 */
import { describe, expect, test } from 'vitest';
import { useDuckDB } from '../helpers/duckdb.ts';
import { bandOf, bandSql } from '../../src/lib/bands.ts';
import { PERFORMANCE_CATEGORIES } from '../../src/lib/config.ts';
import {
  assignmentRate,
  differenceInterval,
  intervalSql,
  meanInterval,
  medianRanks,
  metricSql,
  rawUtilization,
  usageFlags,
  utilizationRate,
  wilsonInterval,
} from '../../src/lib/metrics.ts';

const { rowsOf } = useDuckDB();

describe('assignmentRate', () => {
  test.each([
    [1, 1, 1],
    [10, 9, 0.9],
    [4, 0, 0],
    [4, 1, 0.25],
    [3, 2, 2 / 3],
    [5, 6, 1.2],
  ])('purchased %i, assigned %i -> %d', (purchased, assigned, rate) => {
    expect(assignmentRate(purchased, assigned)).toBe(rate);
  });
});

describe('rawUtilization', () => {
  test.each([
    [0, 0, null],
    [0, 5, null],
    [4, 0, 0],
    [4, 2, 0.5],
    [4, 4, 1],
    [4, 6, 1.5],
    [3, 1, 1 / 3],
  ])('assigned %i, used %i -> %s', (assigned, used, rate) => {
    expect(rawUtilization(assigned, used)).toBe(rate);
  });
});

describe('utilizationRate', () => {
  test.each([
    [0, 0, null],
    [0, 3, null],
    [4, 0, 0],
    [5, 4, 0.8],
    [4, 4, 1],
    [4, 5, 1],
    [4, 400, 1],
    [10, 9, 0.9],
  ])('assigned %i, used %i -> %s (capped at 1)', (assigned, used, rate) => {
    expect(utilizationRate(assigned, used)).toBe(rate);
  });
});

describe('usageFlags', () => {
  const none = { atRisk: false, expansionCandidate: false, highPerformer: false };

  test.each([
    // at risk: strictly below 0.6
    [1, 0, { ...none, atRisk: true }],
    [1, 0.5999999, { ...none, atRisk: true }],
    [1, 0.6, none],
    [1, 0.7, none],
    // expansion: strictly above 0.8
    [1, 0.8, none],
    [1, 0.8000001, { ...none, expansionCandidate: true }],
    [0.5, 0.85, { ...none, expansionCandidate: true }],
    // high performer: assignment and utilization both >= 0.9
    [0.9, 0.9, { ...none, expansionCandidate: true, highPerformer: true }],
    [1, 1, { ...none, expansionCandidate: true, highPerformer: true }],
    [0.8999999, 1, { ...none, expansionCandidate: true }],
    [1, 0.8999999, { ...none, expansionCandidate: true }],
    [0.95, 0.5, { ...none, atRisk: true }],
    [0, 1, { ...none, expansionCandidate: true }],
  ] as const)('assignment %d, utilization %d', (assignment, utilization, flags) => {
    expect(usageFlags(assignment, utilization)).toEqual(flags);
  });

  test.each([0, 0.5, 0.9, 1])('null utilization sets no flag (assignment %d)', (assignment) => {
    expect(usageFlags(assignment, null)).toEqual(none);
  });
});

/** The grid of (purchased, assigned, used): assigned from 0 up to purchased, used from 0 to past assigned. */
function grid(): [number, number, number][] {
  const rows: [number, number, number][] = [];
  for (const purchased of [1, 2, 3, 4, 5, 7, 10, 12, 20, 100]) {
    for (let assigned = 0; assigned <= purchased; assigned++) {
      for (let used = 0; used <= assigned + 3; used++) rows.push([purchased, assigned, used]);
    }
  }
  return rows;
}

/** SQL and TypeScript evaluation of every metric over the grid, as [sql, ts] pairs per row. */
async function evaluateGrid(cells: readonly [number, number, number][]) {
  const list = cells.map(([p, a, u], i) => `(${i}, ${p}, ${a}, ${u})`).join(', ');
  const assignment = metricSql.assignmentRate('p', 'a');
  const utilization = metricSql.utilizationRate('a', 'u');
  const rows = await rowsOf(
    `SELECT i, ${assignment}, ${metricSql.rawUtilization('a', 'u')}, ${utilization},
            ${metricSql.atRisk(utilization)}, ${metricSql.expansionCandidate(utilization)},
            ${metricSql.highPerformer(assignment, utilization)}, ${bandSql(utilization, PERFORMANCE_CATEGORIES)}
     FROM (VALUES ${list}) t(i, p, a, u) ORDER BY i`,
  );
  expect(rows).toHaveLength(cells.length);
  return rows.map((row, i) => {
    const [p, a, u] = cells[i]!;
    const assignmentTs = assignmentRate(p, a);
    const utilizationTs = utilizationRate(a, u);
    const flags = usageFlags(assignmentTs, utilizationTs);
    const cell = `p=${p} a=${a} u=${u}`;
    return {
      sql: { cell, assignment: row[1], raw: row[2], utilization: row[3], atRisk: row[4], expansion: row[5], high: row[6], category: row[7] },
      ts: {
        cell,
        assignment: assignmentTs,
        raw: rawUtilization(a, u),
        utilization: utilizationTs,
        atRisk: flags.atRisk,
        expansion: flags.expansionCandidate,
        high: flags.highPerformer,
        category: utilizationTs === null ? null : bandOf(utilizationTs, PERFORMANCE_CATEGORIES),
      },
    };
  });
}

describe('metricSql in DuckDB agrees with the TypeScript metrics', () => {
  test('the grid covers used > assigned and assigned = 0', () => {
    const cells = grid();
    expect(cells.some(([, a, u]) => u > a && a > 0)).toBe(true);
    expect(cells.filter(([, a]) => a === 0).length).toBeGreaterThan(0);
    expect(cells.length).toBe(6152);
  });

  test('every metric, flag and performance category over rows with seats assigned', async () => {
    const results = await evaluateGrid(grid().filter(([, a]) => a > 0));
    expect(results.map((r) => r.sql)).toEqual(results.map((r) => r.ts));
  });

  test('every metric, flag and performance category over the whole grid (assigned = 0 included)', async () => {
    const results = await evaluateGrid(grid());
    expect(results.map((r) => r.sql)).toEqual(results.map((r) => r.ts));
  });

  test('utilizationRate is NULL in SQL when no seat is assigned, as in TypeScript', async () => {
    const rows = await rowsOf(
      `SELECT u, ${metricSql.rawUtilization('a', 'u')}, ${metricSql.utilizationRate('a', 'u')}
       FROM (VALUES (0, 0), (0, 1), (0, 5)) t(a, u) ORDER BY u`,
    );
    expect(rows).toEqual([
      [0, null, utilizationRate(0, 0)],
      [1, null, utilizationRate(0, 1)],
      [5, null, utilizationRate(0, 5)],
    ]);
    expect(rows.map((r) => r[2])).toEqual([null, null, null]);
  });

  test('no flag and no performance category for a row with no seat assigned', async () => {
    const utilization = metricSql.utilizationRate('a', 'u');
    const assignment = metricSql.assignmentRate('p', 'a');
    const rows = await rowsOf(
      `SELECT ${metricSql.atRisk(utilization)}, ${metricSql.expansionCandidate(utilization)},
              ${metricSql.highPerformer(assignment, utilization)}, ${bandSql(utilization, PERFORMANCE_CATEGORIES)}
       FROM (VALUES (5, 0, 0), (5, 0, 3)) t(p, a, u)`,
    );
    expect(rows).toEqual([
      [false, false, false, null],
      [false, false, false, null],
    ]);
  });

  test('flag expressions over a NULL utilization are false, not NULL', async () => {
    const rows = await rowsOf(
      `SELECT ${metricSql.atRisk('x')}, ${metricSql.expansionCandidate('x')}, ${metricSql.highPerformer('1.0', 'x')}
       FROM (VALUES (NULL::DOUBLE)) t(x)`,
    );
    expect(rows).toEqual([[false, false, false]]);
  });

  test('flag expressions at their thresholds', async () => {
    const values = [0.5999999, 0.6, 0.8, 0.8000001, 0.8999999, 0.9, 1];
    const list = values.map((v, i) => `(${i}, ${v}::DOUBLE)`).join(', ');
    const rows = await rowsOf(
      `SELECT ${metricSql.atRisk('x')}, ${metricSql.expansionCandidate('x')}, ${metricSql.highPerformer('x', 'x')}
       FROM (VALUES ${list}) t(i, x) ORDER BY i`,
    );
    expect(rows).toEqual([
      [true, false, false],
      [false, false, false],
      [false, false, false],
      [false, true, false],
      [false, true, false],
      [false, true, true],
      [false, true, true],
    ]);
    expect(rows).toEqual(values.map((v) => Object.values(usageFlags(v, v))));
  });
});

describe('wilsonInterval', () => {
  test('k = 43, n = 100 matches the hand-computed 95% interval', () => {
    // Roots in p of (p - 0.43)^2 = z^2 p (1 - p) / 100 with z = 1.959964: 0.337333 and 0.527846.
    const [lo, hi] = wilsonInterval(43, 100);
    expect(lo).toBeCloseTo(0.3373329852, 9);
    expect(hi).toBeCloseTo(0.5278461045, 9);
  });

  test('n = 0 gives [0, 1]', () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });

  test('k = 0 starts at 0 and k = n ends at 1', () => {
    const [lo0, hi0] = wilsonInterval(0, 10);
    expect(lo0).toBeCloseTo(0, 12);
    expect(lo0).toBeGreaterThanOrEqual(0);
    expect(hi0).toBeCloseTo(0.2775327999, 9);
    const [loN, hiN] = wilsonInterval(10, 10);
    expect(loN).toBeCloseTo(0.7224672001, 9);
    expect(hiN).toBeCloseTo(1, 12);
    expect(hiN).toBeLessThanOrEqual(1);
  });

  test('k = 500, n = 1000 is symmetric around 0.5', () => {
    const [lo, hi] = wilsonInterval(500, 1000);
    expect(lo).toBeCloseTo(0.4690696004, 9);
    expect(hi).toBeCloseTo(0.5309303996, 9);
  });

  test('a share and its complement give mirrored intervals', () => {
    const [lo, hi] = wilsonInterval(7, 30);
    const [cLo, cHi] = wilsonInterval(23, 30);
    expect(lo).toBeCloseTo(1 - cHi, 12);
    expect(hi).toBeCloseTo(1 - cLo, 12);
  });

  test('z = 1 gives the 68% interval', () => {
    // Roots of (p - 0.5)^2 = p (1 - p) / 4 for k = 2, n = 4: 0.5 -/+ sqrt(0.05).
    const [lo, hi] = wilsonInterval(2, 4, 1);
    expect(lo).toBeCloseTo(0.5 - Math.sqrt(0.05), 12);
    expect(hi).toBeCloseTo(0.5 + Math.sqrt(0.05), 12);
  });
});

describe('meanInterval and intervalSql', () => {
  test('a mean of 0.5 with sd 0.2 over 100 rows spans 0.5 ± 1.96 × 0.02', () => {
    const [lo, hi] = meanInterval(0.5, 0.2, 100);
    expect(lo).toBeCloseTo(0.5 - 0.0392, 4);
    expect(hi).toBeCloseTo(0.5 + 0.0392, 4);
    expect(meanInterval(0.5, 0, 1).every(Number.isNaN)).toBe(true);
  });

  test.each([
    [43, 100],
    [0, 10],
    [10, 10],
    [1, 3],
    [5000, 12345],
  ])('the SQL Wilson bounds of %i / %i equal the TypeScript ones', async (k, n) => {
    const [[lo, hi]] = (await rowsOf(`SELECT ${intervalSql.wilson(String(k), String(n), -1)}, ${intervalSql.wilson(String(k), String(n), 1)}`)) as [
      [number, number],
    ];
    const [tsLo, tsHi] = wilsonInterval(k, n);
    expect(lo).toBeCloseTo(tsLo, 12);
    expect(hi).toBeCloseTo(tsHi, 12);
  });

  test('the SQL mean bounds equal the TypeScript ones, and are NULL below two rows', async () => {
    const [[lo, hi, none]] = (await rowsOf(
      `SELECT ${intervalSql.mean('0.74', '0.3', '400', -1)}, ${intervalSql.mean('0.74', '0.3', '400', 1)}, ${intervalSql.mean('0.74', '0.3', '1', 1)}`,
    )) as [[number, number, null]];
    const [tsLo, tsHi] = meanInterval(0.74, 0.3, 400);
    expect(lo).toBeCloseTo(tsLo, 12);
    expect(hi).toBeCloseTo(tsHi, 12);
    expect(none).toBeNull();
  });
});

describe('differenceInterval (Newcombe, hybrid score)', () => {
  test.each([
    // Newcombe (1998), Statistics in Medicine 17:873, table II, method 10.
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
  ])('%i/%i minus %i/%i spans %f to %f', (k1, n1, k2, n2, low, high) => {
    const [lo, hi] = differenceInterval(k1, n1, k2, n2);
    expect(lo).toBeCloseTo(low, 4);
    expect(hi).toBeCloseTo(high, 3);
  });

  test('the SQL bounds equal the TypeScript ones', async () => {
    const [[lo, hi]] = (await rowsOf(`SELECT ${intervalSql.difference('56', '70', '48', '80', -1)}, ${intervalSql.difference('56', '70', '48', '80', 1)}`)) as [
      [number, number],
    ];
    const [tsLo, tsHi] = differenceInterval(56, 70, 48, 80);
    expect(lo).toBeCloseTo(tsLo, 12);
    expect(hi).toBeCloseTo(tsHi, 12);
  });
});

describe('medianRanks and the SQL median bounds', () => {
  test('100 values: the 40th and the 61st (the tabulated ranks of the distribution-free interval)', () => {
    expect(medianRanks(100)).toEqual([40, 61]);
  });

  test('small samples clamp to the first and last value', () => {
    expect(medianRanks(1)).toEqual([1, 1]);
    expect(medianRanks(4)).toEqual([1, 4]);
  });

  test.each([1, 7, 100, 1001])('over the values 1..%i, the SQL picks the values at those ranks', async (n) => {
    const sorted = `list_sort(list_transform(range(${n}), x -> (${n} - x)::DOUBLE))`;
    const [[lo, hi, none]] = (await rowsOf(
      `SELECT ${intervalSql.median(sorted, String(n), -1)}, ${intervalSql.median(sorted, String(n), 1)}, ${intervalSql.median('[]::DOUBLE[]', '0', 1)}`,
    )) as [[number, number, null]];
    expect([lo, hi]).toEqual(medianRanks(n));
    expect(none).toBeNull();
  });
});
