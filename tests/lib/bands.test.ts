/**
 * src/lib/bands.ts: band lookup in TypeScript (`bandOf`) and in SQL (`bandSql`) must put
 * every value of every configured band list in the same band, boundaries included.
 */
import { describe, expect, test } from 'vitest';
import { BAND_LISTS } from '../helpers/band-lists.ts';
import { useDuckDB } from '../helpers/duckdb.ts';
import { bandLabels, bandOf, bandSql, orderSql, sqlString, type Band } from '../../src/lib/bands.ts';
import { PANEL, PERFORMANCE_CATEGORIES, SIZE_BANDS, TENURE_SEGMENTS } from '../../src/lib/config.ts';

const { rowsOf } = useDuckDB();

/** Hand-written expectations at and around every boundary: [value, label]. */
const BOUNDARIES: Record<string, readonly (readonly [number, string | null])[]> = {
  SIZE_BANDS: [
    [-1, null],
    [0, null],
    [0.5, null],
    [0.9999999, null],
    [1, '1'],
    [1.5, '1'],
    [1.9999999, '1'],
    [2, '2-5'],
    [5, '2-5'],
    [5.9999999, '2-5'],
    [6, '6-10'],
    [10, '6-10'],
    [11, '11-25'],
    [25, '11-25'],
    [26, '26-50'],
    [50, '26-50'],
    [51, '51-100'],
    [100, '51-100'],
    [101, '101-500'],
    [500, '101-500'],
    [500.9999, '101-500'],
    [501, '500+'],
    [100_000, '500+'],
  ],
  TENURE_SEGMENTS: [
    [-1, null],
    [-0.0001, null],
    [0, 'Q1'],
    [2, 'Q1'],
    [2.9999, 'Q1'],
    [3, 'Q2'],
    [5, 'Q2'],
    [6, 'Q3'],
    [8, 'Q3'],
    [9, 'Q4'],
    [11, 'Q4'],
    [12, 'Year 2'],
    [23, 'Year 2'],
    [24, 'Year 3'],
    [35, 'Year 3'],
    [36, 'Year 4'],
    [47, 'Year 4'],
    [48, 'Year 5'],
    [59, 'Year 5'],
    [60, '5+ years'],
    [600, '5+ years'],
  ],
  PERFORMANCE_CATEGORIES: [
    [-0.01, null],
    [-0.0000001, null],
    [0, 'Critical'],
    [0.1, 'Critical'],
    [0.2999999, 'Critical'],
    [0.3, 'At risk'],
    [0.1 + 0.2, 'At risk'],
    [0.5999999, 'At risk'],
    [0.6, 'Stable'],
    [0.7, 'Stable'],
    [0.7999999, 'Stable'],
    [0.8, 'Stable'],
    [0.8000001, 'Growing'],
    [0.9, 'Growing'],
    [0.9999999, 'Growing'],
    [1, 'Fully used'],
    [1.5, 'Fully used'],
  ],
  'PANEL.portfolioGroups': [
    [-1, null],
    [0, '1'],
    [1, '1'],
    [1.5, '1'],
    [2, '2-5'],
    [5, '2-5'],
    [6, '6-10'],
    [10, '6-10'],
    [11, '11+'],
    [1000, '11+'],
  ],
  'PANEL.engagement': [
    [-1, null],
    [0, 'Low'],
    [14, 'Low'],
    [14.9, 'Low'],
    [15, 'Medium'],
    [30, 'Medium'],
    [30.9, 'Medium'],
    [31, 'High'],
    [10_000, 'High'],
  ],
  'PANEL.ticketRanges': [
    [-1, null],
    [0, '0'],
    [0.5, '0'],
    [1, '1'],
    [1.5, '1'],
    [2, '2-4'],
    [4, '2-4'],
    [5, '5-10'],
    [10, '5-10'],
    [11, '11+'],
    [99, '11+'],
  ],
  'PANEL.featureBreadth': [
    [-1, null],
    [0, '0-4'],
    [4, '0-4'],
    [5, '5-6'],
    [6, '5-6'],
    [7, '7+'],
    [11, '7+'],
  ],
  'PANEL.arrGroups': [
    [-0.01, null],
    [0, '<$5k'],
    [4999.99, '<$5k'],
    [5000, '$5k-$15k'],
    [5000.01, '$5k-$15k'],
    [14999.99, '$5k-$15k'],
    [15000, '$15k+'],
    [1_000_000, '$15k+'],
  ],
  'INTELLIGENCE.churnBands': [
    [-0.1, null],
    [0, 'Low'],
    [0.999, 'Low'],
    [1, 'Medium'],
    [1.999, 'Medium'],
    [2, 'High'],
    [25, 'High'],
  ],
};

const listByName = new Map(BAND_LISTS);

function bandsNamed(name: string): readonly Band[] {
  const bands = listByName.get(name);
  if (!bands) throw new Error(`no band list ${name}`);
  return bands;
}

/** Values around every boundary of `bands`, plus a regular grid over the whole range. */
function probeValues(bands: readonly Band[]): number[] {
  const mins = bands.map((b) => b.min);
  const lo = Math.min(...mins);
  const hi = Math.max(...mins);
  const span = hi - lo || 1;
  const values = new Set<number>([-1, lo - span, hi + span, hi * 10]);
  for (const min of mins) {
    for (const d of [0, 1, 0.5, 0.01, 0.0001, 0.0000001]) {
      values.add(min - d);
      values.add(min + d);
    }
  }
  const steps = 400;
  for (let i = -20; i <= steps + 20; i++) values.add(lo + (span * i) / steps);
  return [...values];
}

describe('bandOf', () => {
  for (const [name, cases] of Object.entries(BOUNDARIES)) {
    test.each(cases)(`${name}: %s -> %s`, (value, label) => {
      expect(bandOf(value, bandsNamed(name))).toBe(label);
    });
  }

  test('every configured list has its boundaries covered above', () => {
    expect(Object.keys(BOUNDARIES).sort()).toEqual(BAND_LISTS.map(([name]) => name).sort());
    for (const [name, bands] of BAND_LISTS) {
      const tested = new Set(BOUNDARIES[name]!.map(([value]) => value));
      for (const band of bands) expect(tested.has(band.min), `${name} ${band.label} min ${band.min}`).toBe(true);
    }
  });

  test('an empty band list holds nothing', () => {
    expect(bandOf(5, [])).toBeNull();
  });

  test('NaN lies in no band', () => {
    expect(bandOf(Number.NaN, SIZE_BANDS)).toBeNull();
  });

  test('an aboveMin band on its own starts strictly above its min', () => {
    const bands: Band[] = [{ label: 'over', min: 2, aboveMin: true }];
    expect(bandOf(2, bands)).toBeNull();
    expect(bandOf(2.0000001, bands)).toBe('over');
  });
});

describe('bandLabels', () => {
  test('labels of every configured list, in order', () => {
    expect(bandLabels(SIZE_BANDS)).toEqual(['1', '2-5', '6-10', '11-25', '26-50', '51-100', '101-500', '500+']);
    expect(bandLabels(TENURE_SEGMENTS)).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Year 2', 'Year 3', 'Year 4', 'Year 5', '5+ years']);
    expect(bandLabels(PERFORMANCE_CATEGORIES)).toEqual(['Critical', 'At risk', 'Stable', 'Growing', 'Fully used']);
    expect(bandLabels(PANEL.portfolioGroups)).toEqual(['1', '2-5', '6-10', '11+']);
    expect(bandLabels(PANEL.engagement)).toEqual(['Low', 'Medium', 'High']);
    expect(bandLabels(PANEL.ticketRanges)).toEqual(['0', '1', '2-4', '5-10', '11+']);
    expect(bandLabels(PANEL.featureBreadth)).toEqual(['0-4', '5-6', '7+']);
    expect(bandLabels(PANEL.arrGroups)).toEqual(['<$5k', '$5k-$15k', '$15k+']);
  });

  test('an empty list has no labels', () => {
    expect(bandLabels([])).toEqual([]);
  });
});

describe('sqlString', () => {
  test.each([
    ['plain', "'plain'"],
    ['', "''"],
    ["O'Brien", "'O''Brien'"],
    ["''", "''''''"],
    ["it's a 'test'", "'it''s a ''test'''"],
  ])('%j -> %s', (value, literal) => {
    expect(sqlString(value)).toBe(literal);
  });

  test('round-trips through DuckDB as the same string', async () => {
    const values = ["O'Brien", '', "'", "''", "x'; DROP TABLE t; --", 'back\\slash', 'tab\there', '"double"', 'Ōsaka 東京 ✓', '$5k-$15k'];
    const rows = await rowsOf(`SELECT ${values.map((v, i) => `${sqlString(v)} AS c${i}`).join(', ')}`);
    expect(rows).toEqual([values]);
  });
});

describe('bandSql', () => {
  test('is a CASE over the bands from the highest down, with > for aboveMin bands', () => {
    const bands: Band[] = [
      { label: 'low', min: 0 },
      { label: "it's high", min: 0.5, aboveMin: true },
    ];
    expect(bandSql('x', bands)).toBe("CASE WHEN x > 0.5 THEN 'it''s high' WHEN x >= 0 THEN 'low' END");
  });

  for (const [name, bands] of BAND_LISTS) {
    test(`${name}: agrees with bandOf over DOUBLE values, boundaries and a grid`, async () => {
      const values = probeValues(bands);
      const list = values.map((v, i) => `(${i}, (${v})::DOUBLE)`).join(', ');
      const rows = await rowsOf(`SELECT i, v, ${bandSql('v', bands)} AS band FROM (VALUES ${list}) t(i, v) ORDER BY i`);
      expect(rows).toHaveLength(values.length);
      // The value DuckDB read must be the value TypeScript meant, or the comparison proves nothing.
      expect(rows.map((r) => r[1])).toEqual(values);
      expect(rows.map((r) => [r[1], r[2]])).toEqual(values.map((v) => [v, bandOf(v, bands)]));
    });

    test(`${name}: agrees with bandOf on the hand-written boundaries`, async () => {
      const cases = BOUNDARIES[name]!;
      const list = cases.map(([v], i) => `(${i}, (${v})::DOUBLE)`).join(', ');
      const rows = await rowsOf(`SELECT ${bandSql('v', bands)} FROM (VALUES ${list}) t(i, v) ORDER BY i`);
      expect(rows.map((r) => r[0])).toEqual(cases.map(([, label]) => label));
    });

    test(`${name}: agrees with bandOf over INTEGER values`, async () => {
      const hi = Math.max(...bands.map((b) => b.min));
      const top = Math.ceil(hi) + 5;
      const rows = await rowsOf(`SELECT v::INTEGER, ${bandSql('v', bands)} FROM range(-5, ${top + 1}) t(v) ORDER BY v`);
      expect(rows).toHaveLength(top + 6);
      for (const [v, band] of rows) expect([v, band]).toEqual([v, bandOf(Number(v), bands)]);
    });

    test(`${name}: NULL input gives NULL`, async () => {
      const rows = await rowsOf(`SELECT ${bandSql('v', bands)} FROM (VALUES (NULL::DOUBLE)) t(v)`);
      expect(rows).toEqual([[null]]);
    });

    test(`${name}: values below the first band give NULL`, async () => {
      const first = bands[0]!.min;
      const rows = await rowsOf(`SELECT ${bandSql('v', bands)} FROM (VALUES ((${first - 1})::DOUBLE), ((${first - 0.0000001})::DOUBLE)) t(v)`);
      expect(rows).toEqual([[null], [null]]);
    });
  }

  test('PANEL.arrGroups over a DECIMAL(12,2) column', async () => {
    const rows = await rowsOf(
      `SELECT ${bandSql('v', PANEL.arrGroups)} FROM (SELECT v0::DECIMAL(12,2) AS v FROM (VALUES (0), (4999.99), (5000), (14999.99), (15000)) t(v0)) ORDER BY v`,
    );
    expect(rows).toEqual([['<$5k'], ['<$5k'], ['$5k-$15k'], ['$5k-$15k'], ['$15k+']]);
  });

  test('PERFORMANCE_CATEGORIES over rates computed in SQL (k / n), as the pipeline does', async () => {
    // 4/5 = 0.8 exactly must stay Stable; 5/5 is Fully used; 3/10 is At risk; 3/5 is Stable.
    const rows = await rowsOf(
      `SELECT k, n, ${bandSql('k::DOUBLE / n', PERFORMANCE_CATEGORIES)} FROM (VALUES (4, 5), (5, 5), (3, 10), (3, 5), (9, 10), (0, 7)) t(k, n)`,
    );
    expect(rows.map((r) => r[2])).toEqual(['Stable', 'Fully used', 'At risk', 'Stable', 'Growing', 'Critical']);
    expect(rows.map((r) => bandOf(Number(r[0]) / Number(r[1]), PERFORMANCE_CATEGORIES))).toEqual(rows.map((r) => r[2]));
  });
});

describe('orderSql', () => {
  test('is list_position over the quoted labels', () => {
    expect(orderSql('x', ['a', "b'c"])).toBe("list_position(['a', 'b''c'], x)");
  });

  test('gives the 1-based position of every label, NULL for unknown and NULL', async () => {
    const labels = bandLabels(TENURE_SEGMENTS);
    const probes = [...labels, 'nope', null];
    const list = probes.map((p, i) => `(${i}, ${p === null ? 'NULL' : sqlString(p)})`).join(', ');
    const rows = await rowsOf(`SELECT ${orderSql('v', labels)} FROM (VALUES ${list}) t(i, v) ORDER BY i`);
    expect(rows.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, null, null]);
  });

  test('orders band labels by band, not alphabetically', async () => {
    const labels = bandLabels(SIZE_BANDS);
    const shuffled = ['500+', '1', '11-25', '2-5', '101-500', '6-10', '51-100', '26-50'];
    const list = shuffled.map((l) => `(${sqlString(l)})`).join(', ');
    const rows = await rowsOf(`SELECT v FROM (VALUES ${list}) t(v) ORDER BY ${orderSql('v', labels)}`);
    expect(rows.map((r) => r[0])).toEqual(labels);
  });

  test('handles labels containing quotes', async () => {
    const labels = ["O'Brien", "it''s"];
    const rows = await rowsOf(`SELECT ${orderSql(sqlString("it''s"), labels)}, ${orderSql(sqlString("O'Brien"), labels)}`);
    expect(rows).toEqual([[2, 1]]);
  });
});
