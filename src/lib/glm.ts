/**
 * A Poisson generalised linear model with log link, fitted by iteratively reweighted least
 * squares (IRLS), for the CS-operations model of client interactions (source 004). A small
 * pure module run both at build time (the fit) and in the browser (predictions): no kept,
 * dependency-free GLM library exists on npm for this, and the method fits in a page.
 *
 * Categories are treatment-coded against a reference level (the most frequent one, ties to
 * the first in the declared order); terms are named `column=level`, numeric terms by their
 * column. The fit follows R's glm(): start at mu = y + 0.1, stop when the deviance changes by
 * less than 1e-8 relative, standard errors from the inverse of X'WX, scaled by the Pearson
 * dispersion when the model is fitted as quasi-Poisson.
 */
import { Z95 } from './metrics.ts';

/** The columns of a design: numeric ones as they are, categorical ones treatment-coded. */
export interface DesignSpec {
  readonly numeric: readonly string[];
  /** Each categorical column, with its levels in display order (ties for the reference go to the first). */
  readonly categorical: readonly { readonly column: string; readonly levels?: readonly string[] }[];
}

export interface Design {
  /** "(Intercept)", then numeric columns, then `column=level` for each non-reference level. */
  readonly terms: readonly string[];
  readonly numeric: readonly string[];
  /** Per categorical column: its reference level and the levels that have a term. */
  readonly categories: readonly { readonly column: string; readonly reference: string; readonly levels: readonly string[] }[];
}

export type DataRow = Readonly<Record<string, unknown>>;

export const INTERCEPT = '(Intercept)';

/** The design of `rows`: each category's reference is its most frequent level. */
export function designOf(rows: readonly DataRow[], spec: DesignSpec): Design {
  const categories = spec.categorical.map(({ column, levels }) => {
    const counts = new Map<string, number>();
    for (const level of levels ?? []) counts.set(level, 0);
    for (const row of rows) {
      const value = row[column];
      if (typeof value !== 'string') throw new Error(`The column ${column} must hold text levels; found ${JSON.stringify(value)}.`);
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const ordered = [...counts.keys()];
    const reference = ordered.reduce((best, level) => (counts.get(level)! > counts.get(best)! ? level : best), ordered[0]!);
    return { column, reference, levels: ordered.filter((level) => level !== reference && counts.get(level)! > 0) };
  });
  const terms = [INTERCEPT, ...spec.numeric, ...categories.flatMap((c) => c.levels.map((level) => `${c.column}=${level}`))];
  return { terms, numeric: spec.numeric, categories };
}

/** A row's design vector: 1, the numeric values, then a 0/1 indicator per non-reference level. */
export function designRow(design: Design, row: DataRow): number[] {
  const values = [1];
  for (const column of design.numeric) {
    const value = row[column];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`The column ${column} must hold finite numbers; found ${JSON.stringify(value)}.`);
    values.push(value);
  }
  for (const { column, levels } of design.categories) for (const level of levels) values.push(row[column] === level ? 1 : 0);
  return values;
}

export interface PoissonFit {
  readonly terms: readonly string[];
  readonly coefficients: readonly number[];
  /** Standard errors, scaled by the dispersion when quasi-Poisson. */
  readonly standardErrors: readonly number[];
  readonly deviance: number;
  readonly nullDeviance: number;
  /** Pearson chi-square over the residual degrees of freedom. */
  readonly dispersion: number;
  /** Whether the standard errors are scaled by the dispersion. */
  readonly quasi: boolean;
  readonly residualDf: number;
  readonly iterations: number;
}

/** Solves the symmetric positive definite system A x = b (Cholesky); also returns A's inverse. */
function solveSpd(a: number[][], b: number[]): { x: number[]; inverse: number[][] } {
  const n = a.length;
  const l = a.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(sum > 1e-12)) throw new Error('The model cannot be fitted: its design is singular (a term is constant or duplicates others).');
        l[i]![i] = Math.sqrt(sum);
      } else l[i]![j] = sum / l[j]![j]!;
    }
  }
  const solve = (rhs: readonly number[]): number[] => {
    const y = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let sum = rhs[i]!;
      for (let k = 0; k < i; k++) sum -= l[i]![k]! * y[k]!;
      y[i] = sum / l[i]![i]!;
    }
    const x = new Array<number>(n).fill(0);
    for (let i = n - 1; i >= 0; i--) {
      let sum = y[i]!;
      for (let k = i + 1; k < n; k++) sum -= l[k]![i]! * x[k]!;
      x[i] = sum / l[i]![i]!;
    }
    return x;
  };
  const inverse = a.map((_, j) => solve(a.map((__, i) => (i === j ? 1 : 0))));
  return { x: solve(b), inverse };
}

/** The Poisson deviance of counts `y` under means `mu` (y log(y / mu) taken as 0 at y = 0). */
export function poissonDeviance(y: readonly number[], mu: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += 2 * ((y[i]! > 0 ? y[i]! * Math.log(y[i]! / mu[i]!) : 0) - (y[i]! - mu[i]!));
  return sum;
}

/** Fits log E[y] = X b by IRLS. `quasi` scales the standard errors by the Pearson dispersion. */
export function fitPoisson(
  x: readonly (readonly number[])[],
  y: readonly number[],
  terms: readonly string[],
  options: { quasi?: boolean; maxIterations?: number } = {},
): PoissonFit {
  const n = y.length;
  const p = terms.length;
  if (n !== x.length) throw new Error(`The design has ${x.length} rows but there are ${n} counts.`);
  if (n <= p) throw new Error(`The model has ${p} terms but only ${n} rows: it needs more rows than terms.`);
  for (const value of y) if (!(Number.isInteger(value) && value >= 0)) throw new Error(`Counts must be whole numbers of at least 0; found ${value}.`);
  const maxIterations = options.maxIterations ?? 50;
  let mu = y.map((v) => v + 0.1);
  let eta = mu.map(Math.log);
  let deviance = poissonDeviance(y, mu);
  let beta = new Array<number>(p).fill(0);
  let iterations = 0;
  for (; iterations < maxIterations; ) {
    iterations++;
    // Weighted least squares of the working response z = eta + (y - mu) / mu with weights mu.
    const xtwx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    const xtwz = new Array<number>(p).fill(0);
    for (let i = 0; i < n; i++) {
      const row = x[i]!;
      const w = mu[i]!;
      const z = eta[i]! + (y[i]! - mu[i]!) / mu[i]!;
      for (let j = 0; j < p; j++) {
        const wx = w * row[j]!;
        xtwz[j]! += wx * z;
        for (let k = 0; k <= j; k++) xtwx[j]![k]! += wx * row[k]!;
      }
    }
    for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) xtwx[k]![j] = xtwx[j]![k]!;
    beta = solveSpd(xtwx, xtwz).x;
    eta = x.map((row) => row.reduce((sum, v, j) => sum + v * beta[j]!, 0));
    mu = eta.map(Math.exp);
    const previous = deviance;
    deviance = poissonDeviance(y, mu);
    if (Math.abs(deviance - previous) / (Math.abs(deviance) + 0.1) < 1e-8) break;
  }
  if (iterations >= maxIterations) throw new Error(`The model did not converge in ${maxIterations} iterations.`);
  // The covariance is the inverse of X'WX at the final means.
  const xtwx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) xtwx[j]![k]! += mu[i]! * x[i]![j]! * x[i]![k]!;
  const { inverse } = solveSpd(xtwx, new Array<number>(p).fill(0));
  const residualDf = n - p;
  const pearson = y.reduce((sum, v, i) => sum + (v - mu[i]!) ** 2 / mu[i]!, 0);
  const dispersion = pearson / residualDf;
  const quasi = options.quasi ?? false;
  const scale = quasi ? dispersion : 1;
  const mean = y.reduce((a, b) => a + b, 0) / n;
  return {
    terms,
    coefficients: beta,
    standardErrors: inverse.map((row, j) => Math.sqrt(row[j]! * scale)),
    deviance,
    nullDeviance: poissonDeviance(
      y,
      y.map(() => mean),
    ),
    dispersion,
    quasi,
    residualDf,
    iterations,
  };
}

/** The expected count of a design vector under a fit. */
export function predictCount(fit: Pick<PoissonFit, 'coefficients'>, row: readonly number[]): number {
  return Math.exp(row.reduce((sum, v, j) => sum + v * fit.coefficients[j]!, 0));
}

/** How far predictions are from counts: mean absolute error, root mean squared error and mean Poisson deviance. */
export function predictionErrors(y: readonly number[], predicted: readonly number[]): { mae: number; rmse: number; meanDeviance: number } {
  const n = y.length;
  const mae = y.reduce((sum, v, i) => sum + Math.abs(v - predicted[i]!), 0) / n;
  const rmse = Math.sqrt(y.reduce((sum, v, i) => sum + (v - predicted[i]!) ** 2, 0) / n);
  return { mae, rmse, meanDeviance: poissonDeviance(y, predicted) / n };
}

/** The rate ratio of a term and its 95% interval: exp(b) and exp(b ± 1.96 se). */
export function rateRatio(coefficient: number, standardError: number): { ratio: number; low: number; high: number } {
  return { ratio: Math.exp(coefficient), low: Math.exp(coefficient - Z95 * standardError), high: Math.exp(coefficient + Z95 * standardError) };
}
