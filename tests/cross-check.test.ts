/**
 * Independent cross-check of published aggregates: the raw tables (written by the
 * pipeline before it de-duplicates and derives anything) are read with hyparquet and the
 * aggregates recomputed with arquero, without the pipeline's SQL, query builders or band
 * helpers. The definitions are restated here on purpose:
 *
 * - assignment rate of a usage row = seats_assigned / seats_purchased;
 * - utilization of a usage row = min(seats_used / seats_assigned, 1), undefined when no
 *   seat is assigned;
 * - the rate of a group is the mean over its usage rows (undefined utilization ignored);
 * - at-risk rate = rows with utilization < 0.6 / rows with a defined utilization;
 * - an account's size band bands the sum of its seats_purchased over its products in the
 *   account's own latest month of usage_monthly.
 */
import * as aq from 'arquero';
import { op } from 'arquero';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_DATA, DEFAULT_RAW, openPublished } from './helpers/default-data.ts';

type Table = ReturnType<typeof aq.table>;
/** A column expression of `derive` / `rollup`. */
type Expr = Parameters<Table['derive']>[0][string];
type Value = string | number | null;

/** A JavaScript row function run as-is by arquero (not parsed), typed as a table expression. */
const js = (fn: (d: Record<string, Value>) => Value): Expr => aq.escape(fn) as unknown as Expr;

/** Size bands written out independently of src/lib/config.ts: each runs from its min to the next one's. */
const SIZE_BANDS_LITERAL: readonly (readonly [label: string, min: number])[] = [
  ['1', 1],
  ['2-5', 2],
  ['6-10', 6],
  ['11-25', 11],
  ['26-50', 26],
  ['51-100', 51],
  ['101-500', 101],
  ['500+', 501],
];

function sizeBand(seats: number): string | null {
  let label: string | null = null;
  for (const [band, min] of SIZE_BANDS_LITERAL) if (seats >= min) label = band;
  return label;
}

const AT_RISK_BELOW = 0.6;
const RATE_TOLERANCE = 1e-9;
const MONEY_TOLERANCE = 0.01;

/** A raw value as a plain number (BigInt converted at the boundary, null kept). */
function num(value: unknown, where: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new Error(`${where}: ${value} is not a safe integer`);
    return n;
  }
  if (typeof value === 'number') return value;
  throw new Error(`${where}: expected a number, found ${typeof value}`);
}

function str(value: unknown, where: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  throw new Error(`${where}: expected a string, found ${typeof value}`);
}

/** Reads the given columns of a raw Parquet table into an arquero table. */
async function loadRaw(name: string, columns: Record<string, 'string' | 'number'>): Promise<Table> {
  const file = await asyncBufferFromFile(join(DEFAULT_RAW, `${name}.parquet`));
  const names = Object.keys(columns);
  const rows = await parquetReadObjects({ file, compressors, columns: names });
  const data: Record<string, Value[]> = {};
  for (const column of names) {
    const kind = columns[column];
    const values: Value[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const where = `${name}.${column} row ${i}`;
      values[i] = kind === 'number' ? num(rows[i]![column], where) : str(rows[i]![column], where);
    }
    data[column] = values;
  }
  return aq.table(data);
}

/** The rows of an arquero table as plain objects. */
const objects = <T>(table: Table): T[] => table.objects() as T[];

/** Rows keyed by one column; fails on repeated keys. */
function byKey<T extends Record<string, unknown>>(rows: readonly T[], key: keyof T & string): Map<string, T> {
  const map = new Map<string, T>();
  for (const row of rows) {
    const k = String(row[key]);
    expect(map.has(k), `repeated ${key} ${k}`).toBe(false);
    map.set(k, row);
  }
  return map;
}

function expectNear(actual: unknown, expected: unknown, tolerance: number, label: string): void {
  expect(typeof actual, `${label}: published value ${String(actual)}`).toBe('number');
  expect(typeof expected, `${label}: recomputed value ${String(expected)}`).toBe('number');
  const diff = Math.abs((actual as number) - (expected as number));
  expect(diff, `${label}: published ${String(actual)} vs recomputed ${String(expected)}`).toBeLessThanOrEqual(tolerance);
}

function expectExact(actual: unknown, expected: unknown, label: string): void {
  expect(actual, `${label}: published ${String(actual)} vs recomputed ${String(expected)}`).toBe(expected);
}

type GroupMeasures = {
  accounts: number;
  usage_rows: number;
  assignment_rate: number;
  utilization_rate: number;
  at_risk_rate: number;
};

/** The usage measures of a group, restated in arquero. */
const usageMeasures: Record<keyof GroupMeasures, Expr> = {
  accounts: (d) => op.distinct(d.account_id),
  usage_rows: () => op.count(),
  assignment_rate: (d) => op.mean(d.assignment_rate),
  utilization_rate: (d) => op.mean(d.utilization_rate),
  // at_risk is null where utilization is undefined, so the mean runs over defined rows only.
  at_risk_rate: (d) => op.mean(d.at_risk),
};

type Query = Awaited<ReturnType<typeof openPublished>>['query'];
let published: Awaited<ReturnType<typeof openPublished>>;
let query: Query;
/** Usage rows with their rates, account region and size band. */
let usage: Table;
let revenue: Table;
/** Raw usage rows (before any derivation), for the account-level checks. */
let usageRows: Table;
let latestMonth: string;

beforeAll(async () => {
  const [accounts, usageRaw, revenueRaw] = await Promise.all([
    loadRaw('accounts', { account_id: 'string', region: 'string' }),
    loadRaw('usage_monthly', {
      account_id: 'string',
      product: 'string',
      month: 'string',
      seats_purchased: 'number',
      seats_assigned: 'number',
      seats_used: 'number',
    }),
    loadRaw('revenue_monthly', { account_id: 'string', month: 'string', arr: 'number', movement: 'string' }),
  ]);
  revenue = revenueRaw;
  usageRows = usageRaw;

  // Each account's seats in its own latest month, summed over products, and its band.
  const accountSeats = usageRaw
    .groupby('account_id')
    .derive({ account_latest: (d) => op.max(d.month) })
    .filter((d) => d.month === d.account_latest)
    .rollup({ seats_latest: (d) => op.sum(d.seats_purchased) })
    .derive({ size_band: js((d) => sizeBand(d.seats_latest as number)) });

  const rated = usageRaw.derive({
    assignment_rate: js((d) => (d.seats_assigned as number) / (d.seats_purchased as number)),
    utilization_rate: js((d) => {
      const assigned = d.seats_assigned as number;
      return assigned === 0 ? null : Math.min((d.seats_used as number) / assigned, 1);
    }),
  });
  usage = rated
    .derive({ at_risk: js((d) => (d.utilization_rate === null ? null : (d.utilization_rate as number) < AT_RISK_BELOW ? 1 : 0)) })
    .join(accounts, 'account_id')
    .join(accountSeats.select('account_id', 'size_band'), 'account_id');

  // Every usage row must have found its account and its band (inner joins must not drop rows).
  expect(usage.numRows()).toBe(usageRaw.numRows());
  latestMonth = objects<{ m: string }>(usageRaw.rollup({ m: (d) => op.max(d.month) }))[0]!.m;

  published = await openPublished(DEFAULT_DATA, ['regional_summary', 'size_band_analysis', 'executive_summary', 'churn_risk_bands']);
  query = published.query;
}, 120_000);

afterAll(() => {
  published?.conn.closeSync();
});

describe('cross-check of published aggregates against an arquero recomputation from raw tables', () => {
  test('regional_summary: accounts, usage rows, seats in the latest month and rates per region', async () => {
    const expected = byKey(objects<GroupMeasures & { region: string }>(usage.groupby('region').rollup(usageMeasures)), 'region');
    const seatsLatest = byKey(
      objects<{ region: string; seats_latest: number }>(
        usage
          .params({ latest: latestMonth })
          .filter((d: Record<string, Value>, $: Record<string, Value>) => d.month === $.latest)
          .groupby('region')
          .rollup({ seats_latest: (d: Record<string, Value>) => op.sum(d.seats_purchased) }),
      ),
      'region',
    );
    const actual = byKey(
      await query<GroupMeasures & { region: string; seats_latest: number }>(
        `SELECT region, accounts, usage_rows, seats_latest, assignment_rate, utilization_rate, at_risk_rate FROM regional_summary`,
      ),
      'region',
    );
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [region, e] of expected) {
      const a = actual.get(region)!;
      expectExact(a.accounts, e.accounts, `${region} accounts`);
      expectExact(a.usage_rows, e.usage_rows, `${region} usage_rows`);
      expectExact(a.seats_latest, seatsLatest.get(region)?.seats_latest, `${region} seats_latest`);
      expectNear(a.assignment_rate, e.assignment_rate, RATE_TOLERANCE, `${region} assignment_rate`);
      expectNear(a.utilization_rate, e.utilization_rate, RATE_TOLERANCE, `${region} utilization_rate`);
      expectNear(a.at_risk_rate, e.at_risk_rate, RATE_TOLERANCE, `${region} at_risk_rate`);
    }
  });

  test('size_band_analysis: accounts, usage rows and rates per size band', async () => {
    const expected = byKey(objects<GroupMeasures & { size_band: string }>(usage.groupby('size_band').rollup(usageMeasures)), 'size_band');
    const actual = byKey(
      await query<GroupMeasures & { size_band: string }>(
        `SELECT size_band, accounts, usage_rows, assignment_rate, utilization_rate, at_risk_rate FROM size_band_analysis`,
      ),
      'size_band',
    );
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    // Every band of the literal definition is populated in the default data.
    expect([...expected.keys()].sort()).toEqual(SIZE_BANDS_LITERAL.map(([label]) => label).sort());
    for (const [band, e] of expected) {
      const a = actual.get(band)!;
      expectExact(a.accounts, e.accounts, `band ${band} accounts`);
      expectExact(a.usage_rows, e.usage_rows, `band ${band} usage_rows`);
      expectNear(a.assignment_rate, e.assignment_rate, RATE_TOLERANCE, `band ${band} assignment_rate`);
      expectNear(a.utilization_rate, e.utilization_rate, RATE_TOLERANCE, `band ${band} utilization_rate`);
      expectNear(a.at_risk_rate, e.at_risk_rate, RATE_TOLERANCE, `band ${band} at_risk_rate`);
    }
  });

  test('executive_summary: accounts, seats, rates and ARR per month', async () => {
    type Monthly = {
      month: string;
      accounts: number;
      usage_rows: number;
      seats_purchased: number;
      seats_assigned: number;
      seats_used: number;
      assignment_rate: number;
      utilization_rate: number;
      arr: number;
    };
    const expected = byKey(
      objects<Omit<Monthly, 'arr'>>(
        usage.groupby('month').rollup({
          accounts: (d) => op.distinct(d.account_id),
          usage_rows: () => op.count(),
          seats_purchased: (d) => op.sum(d.seats_purchased),
          seats_assigned: (d) => op.sum(d.seats_assigned),
          seats_used: (d) => op.sum(d.seats_used),
          assignment_rate: (d) => op.mean(d.assignment_rate),
          utilization_rate: (d) => op.mean(d.utilization_rate),
        }),
      ),
      'month',
    );
    const arr = byKey(objects<{ month: string; arr: number }>(revenue.groupby('month').rollup({ arr: (d) => op.sum(d.arr) })), 'month');
    const actual = byKey(
      await query<Monthly>(
        `SELECT month, accounts, usage_rows, seats_purchased, seats_assigned, seats_used, assignment_rate, utilization_rate, arr
         FROM executive_summary`,
      ),
      'month',
    );
    // One row per month of usage_monthly.
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [month, e] of expected) {
      const a = actual.get(month)!;
      expectExact(a.accounts, e.accounts, `${month} accounts`);
      expectExact(a.usage_rows, e.usage_rows, `${month} usage_rows`);
      expectExact(a.seats_purchased, e.seats_purchased, `${month} seats_purchased`);
      expectExact(a.seats_assigned, e.seats_assigned, `${month} seats_assigned`);
      expectExact(a.seats_used, e.seats_used, `${month} seats_used`);
      expectNear(a.assignment_rate, e.assignment_rate, RATE_TOLERANCE, `${month} assignment_rate`);
      expectNear(a.utilization_rate, e.utilization_rate, RATE_TOLERANCE, `${month} utilization_rate`);
      expectNear(a.arr, arr.get(month)?.arr, MONEY_TOLERANCE, `${month} arr`);
    }
  });

  test('churn_risk_bands: account months by utilization band, followed by a month, and those whose account churned in it', async () => {
    // An account's utilization in a month: its products' seats used over seats assigned, capped at 1; undefined with none assigned.
    // Bands of ten points, written out: a band starts at its threshold (inclusive); 100% sits in the last one.
    const starts = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
    const band = (u: number | null) => {
      if (u === null) return 'No seats assigned';
      let i = 0;
      starts.forEach((start, k) => {
        if (u >= start) i = k;
      });
      return `${i * 10}–${(i + 1) * 10}%`;
    };
    const next = (month: string) => {
      const [y, m] = month.split('-').map(Number) as [number, number];
      return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    };
    const movementOf = new Map(
      objects<{ account_id: string; month: string; movement: string }>(revenue).map((r) => [`${r.account_id} ${r.month}`, r.movement]),
    );
    const accountMonths = objects<{ account_id: string; month: string; assigned: number; used: number }>(
      usageRows.groupby('account_id', 'month').rollup({ assigned: (d) => op.sum(d.seats_assigned), used: (d) => op.sum(d.seats_used) }),
    );
    const expected = new Map<string, { followed: number; churned: number }>();
    for (const a of accountMonths) {
      const following = movementOf.get(`${a.account_id} ${next(a.month)}`);
      if (following === undefined) continue;
      const key = band(a.assigned === 0 ? null : Math.min(a.used / a.assigned, 1));
      const counts = expected.get(key) ?? { followed: 0, churned: 0 };
      counts.followed += 1;
      if (following === 'churn') counts.churned += 1;
      expected.set(key, counts);
    }
    const actual = await query<{ utilization_band: string; followed: number; churned: number; churn_risk: number | null }>(
      'SELECT utilization_band, followed, churned, churn_risk FROM churn_risk_bands ORDER BY band_order',
    );
    expect(actual.map((r) => r.utilization_band)).toEqual([...starts.map((s) => band(s)), 'No seats assigned']);
    for (const row of actual) {
      const e = expected.get(row.utilization_band) ?? { followed: 0, churned: 0 };
      expectExact(row.followed, e.followed, `${row.utilization_band} followed`);
      expectExact(row.churned, e.churned, `${row.utilization_band} churned`);
      if (e.followed) expectNear(row.churn_risk, e.churned / e.followed, RATE_TOLERANCE, `${row.utilization_band} churn_risk`);
    }
    // Every band of the default data has months with a next one.
    expect(expected.size).toBe(11);
  });
});
