/**
 * The Poisson GLM (src/lib/glm.ts) against a published reference fit, R's
 * glm(breaks ~ wool + tension, family = poisson) on the warpbreaks data (R 4.x, summary()
 * printed to 5 decimals: coefficients and standard errors, null and residual deviance),
 * against data simulated from known coefficients, and on bad input.
 */
import { describe, expect, it } from 'vitest';
import { designOf, designRow, fitPoisson, INTERCEPT, poissonDeviance, predictCount, predictionErrors, rateRatio } from '../../src/lib/glm.ts';

/** R's warpbreaks: breaks per loom for wool A/B at tension L/M/H, nine looms each. */
const BREAKS: Record<string, readonly number[]> = {
  'A L': [26, 30, 54, 25, 70, 52, 51, 26, 67],
  'A M': [18, 21, 29, 17, 12, 18, 35, 30, 36],
  'A H': [36, 21, 24, 18, 10, 43, 28, 15, 26],
  'B L': [27, 14, 29, 19, 29, 31, 41, 20, 44],
  'B M': [42, 26, 19, 16, 39, 28, 21, 39, 29],
  'B H': [20, 21, 24, 17, 13, 15, 15, 16, 28],
};
const warpbreaks = Object.entries(BREAKS).flatMap(([cell, counts]) => {
  const [wool, tension] = cell.split(' ') as [string, string];
  return counts.map((breaks) => ({ wool, tension, breaks }));
});

describe('the reference fit: glm(breaks ~ wool + tension, family = poisson) on warpbreaks', () => {
  // Every level is equally frequent here, so the references are the first declared (R's factor order).
  const design = designOf(warpbreaks, {
    numeric: [],
    categorical: [
      { column: 'wool', levels: ['A', 'B'] },
      { column: 'tension', levels: ['L', 'M', 'H'] },
    ],
  });
  const fit = fitPoisson(
    warpbreaks.map((row) => designRow(design, row)),
    warpbreaks.map((row) => row.breaks),
    design.terms,
  );

  it('names the terms column=level against the first level when levels are equally frequent', () => {
    expect(design.terms).toEqual([INTERCEPT, 'wool=B', 'tension=M', 'tension=H']);
    expect(design.categories.map((c) => c.reference)).toEqual(['A', 'L']);
  });

  it('matches R to 4 decimals: coefficients, standard errors and deviances', () => {
    const round = (values: readonly number[], places: number) => values.map((v) => Number(v.toFixed(places)));
    expect(round(fit.coefficients, 4)).toEqual([3.692, -0.206, -0.3213, -0.5185]);
    expect(round(fit.standardErrors, 4)).toEqual([0.0454, 0.0516, 0.0603, 0.064]);
    expect(Number(fit.nullDeviance.toFixed(2))).toBe(297.37);
    expect(Number(fit.deviance.toFixed(2))).toBe(210.39);
    expect(fit.residualDf).toBe(50);
  });

  it('reports overdispersion, and quasi-Poisson scales the standard errors by its square root', () => {
    // Pearson chi-square over the residual degrees of freedom, from the fitted means (each cell's fitted mean is
    // exp of its linear predictor); well above 1, so the plain Poisson standard errors are too small.
    const pearson = warpbreaks.reduce((sum, row) => {
      const mu = predictCount(fit, designRow(design, row));
      return sum + (row.breaks - mu) ** 2 / mu;
    }, 0);
    expect(fit.dispersion).toBeCloseTo(pearson / 50, 12);
    expect(fit.dispersion).toBeGreaterThan(4);
    const quasi = fitPoisson(
      warpbreaks.map((row) => designRow(design, row)),
      warpbreaks.map((row) => row.breaks),
      design.terms,
      { quasi: true },
    );
    for (const [j, se] of quasi.standardErrors.entries()) expect(se).toBeCloseTo(fit.standardErrors[j]! * Math.sqrt(fit.dispersion), 12);
    expect(quasi.coefficients).toEqual(fit.coefficients);
  });

  it('predicts the fitted means: with main effects only, each wool and tension total is matched', () => {
    const predicted = warpbreaks.map((row) => predictCount(fit, designRow(design, row)));
    for (const [column, level] of [
      ['wool', 'B'],
      ['tension', 'H'],
    ] as const) {
      const rows = warpbreaks.map((row, i) => [row, i] as const).filter(([row]) => row[column] === level);
      const observed = rows.reduce((sum, [row]) => sum + row.breaks, 0);
      const fitted = rows.reduce((sum, [, i]) => sum + predicted[i]!, 0);
      expect(fitted).toBeCloseTo(observed, 6);
    }
    const { mae, rmse, meanDeviance } = predictionErrors(
      warpbreaks.map((row) => row.breaks),
      predicted,
    );
    expect(meanDeviance).toBeCloseTo(fit.deviance / warpbreaks.length, 12);
    expect(rmse).toBeGreaterThanOrEqual(mae);
  });

  it('gives rate ratios with 95% intervals', () => {
    const { ratio, low, high } = rateRatio(fit.coefficients[3]!, fit.standardErrors[3]!);
    // exp(-0.51849) = 0.5954; exp(-0.51849 -+ 1.96 x 0.06396).
    expect(ratio).toBeCloseTo(0.5954, 4);
    expect(low).toBeCloseTo(Math.exp(-0.51849 - 1.959964 * 0.06396), 3);
    expect(high).toBeCloseTo(Math.exp(-0.51849 + 1.959964 * 0.06396), 3);
  });
});

/** A seeded generator (mulberry32) and Poisson draws by inversion, for simulated data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function poisson(mean: number, random: () => number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let cumulative = p;
  const u = random();
  while (u > cumulative) {
    k++;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}

describe('data simulated from known coefficients', () => {
  it('recovers them within their standard errors, with the most frequent level as reference', () => {
    const random = rng(7);
    const truth = { intercept: 0.8, log_n_users: 0.45, 'country=DE': 0.3, 'country=JP': -0.25, 'scope=full': 0.5 };
    const rows = Array.from({ length: 20_000 }, () => {
      const log_n_users = Math.log(1 + Math.floor(random() * 200));
      const draw = random();
      const country = draw < 0.5 ? 'FR' : draw < 0.8 ? 'DE' : 'JP';
      const scope = random() < 0.4 ? 'full' : 'core';
      const eta =
        truth.intercept +
        truth.log_n_users * log_n_users +
        (country === 'DE' ? truth['country=DE'] : country === 'JP' ? truth['country=JP'] : 0) +
        (scope === 'full' ? truth['scope=full'] : 0);
      return { log_n_users, country, scope, y: poisson(Math.exp(eta), random) };
    });
    const design = designOf(rows, { numeric: ['log_n_users'], categorical: [{ column: 'country' }, { column: 'scope' }] });
    expect(design.terms).toEqual([INTERCEPT, 'log_n_users', 'country=DE', 'country=JP', 'scope=full']);
    const fit = fitPoisson(
      rows.map((row) => designRow(design, row)),
      rows.map((row) => row.y),
      design.terms,
    );
    for (const [j, value] of Object.values(truth).entries()) expect(Math.abs(fit.coefficients[j]! - value)).toBeLessThan(4 * fit.standardErrors[j]!);
    // Poisson data: the dispersion is close to 1.
    expect(Math.abs(fit.dispersion - 1)).toBeLessThan(0.05);
  });
});

describe('bad input', () => {
  it('says what is wrong', () => {
    expect(() => fitPoisson([[1], [1]], [1, 2.5], [INTERCEPT])).toThrow('Counts must be whole numbers of at least 0; found 2.5.');
    expect(() => fitPoisson([[1]], [1], [INTERCEPT])).toThrow('The model has 1 terms but only 1 rows: it needs more rows than terms.');
    expect(() =>
      fitPoisson(
        [
          [1, 2],
          [1, 2],
          [1, 2],
        ],
        [1, 2, 3],
        [INTERCEPT, 'x'],
      ),
    ).toThrow('The model cannot be fitted: its design is singular (a term is constant or duplicates others).');
    expect(() => designRow(designOf([{ n: 'x' }], { numeric: ['n'], categorical: [] }), { n: 'x' })).toThrow(
      'The column n must hold finite numbers; found "x".',
    );
    expect(() => designOf([{ c: 3 }], { numeric: [], categorical: [{ column: 'c' }] })).toThrow('The column c must hold text levels; found 3.');
  });

  it('counts a zero as contributing only its mean to the deviance', () => {
    expect(poissonDeviance([0, 2], [0.5, 2])).toBeCloseTo(2 * 0.5, 12);
  });
});
