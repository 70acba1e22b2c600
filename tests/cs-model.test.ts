/**
 * The CS-operations deal table and interaction model (source 004) on the default data,
 * checked against the raw tables and a second fit:
 *
 * - every deal's emails, activities and y recounted from the RAW Parquet files (before the
 *   pipeline removes repeated ids), counting distinct ids here;
 * - the split is time-ordered with the configured share;
 * - the published train rows refitted by a plain Newton-Raphson written here (own design
 *   coding, own linear solver) give the same coefficients;
 * - the model beats the mean-only baseline on the test deals, and more users mean more interactions;
 * - the published y_pred is predictCount on the design rows of cs_model.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rows, type Row } from '../scripts/lib/duck.ts';
import { CS_MODEL } from '../src/lib/config.ts';
import { CS_MODEL_FILE, type CsModel, type CsModelFitted } from '../src/lib/cs-model.ts';
import { designRow, predictCount } from '../src/lib/glm.ts';
import { DEFAULT_DATA, DEFAULT_RAW } from './helpers/default-data.ts';
import { FIXTURES, runInto, tempDir } from './helpers/run.ts';

interface Deal extends Row {
  deal_id: string;
  product_scope: string;
  contract_category: string;
  country: string;
  n_users: number;
  log_n_users: number;
  start_date: string;
  status: string;
  emails: number;
  activities: number;
  y: number;
  split: string;
  y_pred: number;
}

let conn: DuckDBConnection;
let deals: Deal[];
const model = JSON.parse(readFileSync(join(DEFAULT_DATA, CS_MODEL_FILE), 'utf8')) as CsModel;
const fitted = (): CsModelFitted => {
  if (!model.fitted) throw new Error(`The model was not fitted: ${model.reason}`);
  return model;
};
const query = <T extends Row = Row>(sql: string) => rows<T>(conn, sql);
const raw = (table: string) => `read_parquet('${join(DEFAULT_RAW, `${table}.parquet`)}')`;

beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  deals = await query<Deal>(
    `SELECT * EXCLUDE (start_date), CAST(start_date AS VARCHAR) AS start_date FROM '${join(DEFAULT_DATA, 'cs_deals.parquet')}' ORDER BY deal_id`,
  );
});
afterAll(() => conn.closeSync());

describe('cs_deals against the raw tables', () => {
  test('one row per deal that is not suspended, with emails and activities counted on distinct ids', async () => {
    const expected = await query<{ deal_id: string; emails: number; activities: number }>(`
      SELECT d.deal_id,
        (SELECT count(DISTINCT email_id) FROM ${raw('emails')} e WHERE e.deal_id = d.deal_id) AS emails,
        (SELECT count(DISTINCT activity_id) FROM ${raw('activities')} a WHERE a.deal_id = d.deal_id) AS activities
      FROM ${raw('deals')} d WHERE d.status IN ('open', 'completed') ORDER BY d.deal_id`);
    expect(deals.length).toBe(expected.length);
    expect(deals.length).toBeGreaterThan(1000);
    deals.forEach((deal, i) => {
      const want = expected[i]!;
      expect(deal.deal_id).toBe(want.deal_id);
      expect([deal.emails, deal.activities, deal.y]).toEqual([want.emails, want.activities, want.emails + want.activities]);
      expect(deal.log_n_users).toBeCloseTo(Math.log(deal.n_users), 12);
    });
  });

  test('the raw tables do repeat ids, and the quality report counts what was removed and the suspended deals', async () => {
    const quality = JSON.parse(readFileSync(join(DEFAULT_DATA, 'quality.json'), 'utf8')) as {
      duplicates_removed: Record<string, number>;
      rows_rejected: { table: string; rows: number; reason: string }[];
    };
    for (const [table, id] of [
      ['emails', 'email_id'],
      ['activities', 'activity_id'],
    ] as const) {
      const [counts] = await query<{ n: number; distinct_ids: number }>(`SELECT count(*) AS n, count(DISTINCT ${id}) AS distinct_ids FROM ${raw(table)}`);
      expect(counts!.n).toBeGreaterThan(counts!.distinct_ids);
      expect(quality.duplicates_removed[table]).toBe(counts!.n - counts!.distinct_ids);
    }
    const [suspended] = await query<{ n: number }>(`SELECT count(*) AS n FROM ${raw('deals')} WHERE status = 'suspended'`);
    expect(suspended!.n).toBeGreaterThan(0);
    expect(quality.rows_rejected.find((r) => r.table === 'cs_deals')?.rows).toBe(suspended!.n);
  });
});

describe('the time-ordered split', () => {
  test('open deals are open; the first share of completed deals by start date are train, the rest test', () => {
    for (const deal of deals) expect(deal.split).toBe(deal.status === 'open' ? 'open' : deal.split === 'train' ? 'train' : 'test');
    const completed = deals.filter((d) => d.status === 'completed');
    const train = completed.filter((d) => d.split === 'train');
    const test = completed.filter((d) => d.split === 'test');
    expect(train.length).toBe(Math.round(CS_MODEL.trainShare * completed.length));
    expect(test.length).toBe(completed.length - train.length);
    expect(test.length).toBeGreaterThan(100);
    const lastTrain = train
      .map((d) => d.start_date)
      .sort()
      .at(-1)!;
    const firstTest = test.map((d) => d.start_date).sort()[0]!;
    expect(lastTrain <= firstTest).toBe(true);
    const m = fitted();
    expect([m.train_rows, m.test_rows]).toEqual([train.length, test.length]);
  });
});

/** Solves A x = b by Gaussian elimination with partial pivoting. */
function gaussSolve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r]![n]!;
    for (let k = r + 1; k < n; k++) sum -= m[r]![k]! * x[k]!;
    x[r] = sum / m[r]![r]!;
  }
  return x;
}

describe('the model', () => {
  test('a Newton-Raphson refit of the published train rows, with its own coding, gives the same coefficients', () => {
    const train = deals.filter((d) => d.split === 'train');
    // Treatment coding against the most frequent level of each category in the train rows (restated here).
    const columns: { name: string; value: (d: Deal) => number }[] = [
      { name: '(Intercept)', value: () => 1 },
      { name: 'log_n_users', value: (d) => d.log_n_users },
    ];
    for (const category of ['country', 'product_scope', 'contract_category'] as const) {
      const counts = new Map<string, number>();
      for (const d of train) counts.set(d[category], (counts.get(d[category]) ?? 0) + 1);
      const top = Math.max(...counts.values());
      const levels = [...counts.keys()].sort();
      expect(levels.filter((l) => counts.get(l) === top)).toHaveLength(1);
      for (const level of levels.filter((l) => counts.get(l) !== top))
        columns.push({ name: `${category}=${level}`, value: (d) => (d[category] === level ? 1 : 0) });
    }
    const x = train.map((d) => columns.map((c) => c.value(d)));
    const p = columns.length;
    // Newton-Raphson on the Poisson log-likelihood from b = (log mean y, 0, ...).
    let b = new Array<number>(p).fill(0);
    b[0] = Math.log(train.reduce((s, d) => s + d.y, 0) / train.length);
    for (let iteration = 0; iteration < 100; iteration++) {
      const gradient = new Array<number>(p).fill(0);
      const hessian = Array.from({ length: p }, () => new Array<number>(p).fill(0));
      train.forEach((d, i) => {
        const mu = Math.exp(x[i]!.reduce((s, v, j) => s + v * b[j]!, 0));
        for (let j = 0; j < p; j++) {
          gradient[j]! += (d.y - mu) * x[i]![j]!;
          for (let k = 0; k < p; k++) hessian[j]![k]! += mu * x[i]![j]! * x[i]![k]!;
        }
      });
      const step = gaussSolve(hessian, gradient);
      b = b.map((v, j) => v + step[j]!);
      if (Math.max(...step.map(Math.abs)) < 1e-12) break;
    }
    const m = fitted();
    expect([...m.terms].sort()).toEqual(columns.map((c) => c.name).sort());
    columns.forEach((c, j) => {
      expect(Math.abs(m.coefficients[m.terms.indexOf(c.name)]! - b[j]!)).toBeLessThan(1e-6);
    });
  });

  test('beats the mean-only baseline on the test deals; more users, more interactions', () => {
    const m = fitted();
    const test = deals.filter((d) => d.split === 'test');
    const train = deals.filter((d) => d.split === 'train');
    const trainMean = train.reduce((s, d) => s + d.y, 0) / train.length;
    const meanDeviance = (predict: (d: Deal) => number) =>
      (2 * test.reduce((s, d) => s + (d.y > 0 ? d.y * Math.log(d.y / predict(d)) : 0) - (d.y - predict(d)), 0)) / test.length;
    const model = meanDeviance((d) => d.y_pred);
    const baseline = meanDeviance(() => trainMean);
    expect(m.train_mean).toBeCloseTo(trainMean, 10);
    expect(m.test!.model.mean_deviance).toBeCloseTo(model, 10);
    expect(m.test!.baseline.mean_deviance).toBeCloseTo(baseline, 10);
    expect(model).toBeLessThan(baseline);
    expect(m.test!.model.mae).toBeLessThan(m.test!.baseline.mae);
    expect(m.coefficients[m.terms.indexOf('log_n_users')]!).toBeGreaterThan(0);
    // Quasi-Poisson exactly when the dispersion is above the configured limit.
    expect(m.quasi).toBe(m.dispersion > CS_MODEL.quasiAbove);
    m.rate_ratios.forEach((r, j) => {
      expect(r.term).toBe(m.terms[j]);
      expect(r.low).toBeLessThan(r.ratio);
      expect(r.ratio).toBeLessThan(r.high);
    });
  });

  test('y_pred of every deal is predictCount of its design row under cs_model.json', () => {
    const m = fitted();
    const design = { terms: m.terms, numeric: m.numeric, categories: m.categories };
    for (const deal of deals) {
      const want = predictCount(m, designRow(design, deal));
      expect(Math.abs(deal.y_pred - want)).toBeLessThan(1e-9 * want);
    }
  });
});

test('too few deals to fit (the one-deal fixture): the run succeeds, cs_model.json says why and y_pred is empty', async () => {
  const run = await runInto(tempDir('cs-model-small'), { input: join(FIXTURES, 'small') });
  const small = JSON.parse(readFileSync(join(run.out, CS_MODEL_FILE), 'utf8')) as CsModel;
  expect(small.fitted).toBe(false);
  expect(small.train_rows).toBe(0);
  if (!small.fitted) expect(small.reason).toMatch(/rows/);
  const published = await query<{ deal_id: string; split: string; y_pred: number | null }>(
    `SELECT deal_id, split, y_pred FROM '${join(run.out, 'cs_deals.parquet')}'`,
  );
  expect(published).toEqual([{ deal_id: 'D1', split: 'open', y_pred: null }]);
});
