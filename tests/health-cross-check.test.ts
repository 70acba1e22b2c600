/**
 * Independent cross-check of the account health data sets (account_health, health_validation,
 * health_auc): the raw tables are read with hyparquet and every account month is scored in
 * plain TypeScript, without the pipeline's SQL, src/lib/health.ts, config.ts or the calendar
 * helpers. The rules are restated here with literal numbers on purpose:
 *
 * - an account month is an (account, month) of usage_monthly; its seats are summed over its products;
 * - utilization = min(seats used / seats assigned, 1), undefined when no seat is assigned (it then earns 0 points);
 * - assignment = seats assigned / seats purchased;
 * - ARR trend = ARR / ARR two months before, or of the month before when the account has no month two
 *   months before; absent when it has neither (ARR from revenue_monthly for the account and month);
 * - seat growth = seats purchased / seats purchased the month before; absent without a month before;
 * - lifecycle stage from the whole months between first_purchase_date and the last day of the month
 *   (a month counts once its day is reached): under 6 Onboarding (Q1, Q2), under 12 Adoption (Q3, Q4),
 *   under 36 Established (Year 2, Year 3), else Veteran;
 * - points by steps (a value at or above a step's min earns it): utilization 0/0.3/0.6/0.8 -> 0/30/70/100,
 *   assignment 0/0.5/0.75/0.9 -> 0/40/70/100, trend and growth 0/0.95/1/1.05 -> 0/50/80/100,
 *   tenure Onboarding 60, Adoption 70, Established 90, Veteran 100;
 * - score = round(sum(points x weight) / sum(weights present)), weights 45, 15, 20, 10, 10;
 * - band: Red up to 50, Yellow 51-75, Green from 76;
 * - retention risk: Red High, Yellow Medium, Green Low, one level up (High at most) when the score fell
 *   by 10 or more since the account's previous month;
 * - next-month outcome: the movement of the account's revenue_monthly row in the following month;
 *   account months without such a row are not followed.
 *
 * The pipeline de-duplicates raw rows; the default raw data has none (checked below), so the raw rows
 * are used as they are.
 */
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_DATA, DEFAULT_RAW, openPublished } from './helpers/default-data.ts';

const RATE_TOLERANCE = 1e-12;

const UTILIZATION_STEPS = [
  [0, 0],
  [0.3, 30],
  [0.6, 70],
  [0.8, 100],
] as const;
const ASSIGNMENT_STEPS = [
  [0, 0],
  [0.5, 40],
  [0.75, 70],
  [0.9, 100],
] as const;
const RATIO_STEPS = [
  [0, 0],
  [0.95, 50],
  [1, 80],
  [1.05, 100],
] as const;
const STAGE_POINTS: Record<string, number> = { Onboarding: 60, Adoption: 70, Established: 90, Veteran: 100 };
const WEIGHTS = { utilization: 45, assignment: 15, arr_trend: 20, seat_growth: 10, tenure: 10 } as const;
type Component = keyof typeof WEIGHTS;
const COMPONENTS = Object.keys(WEIGHTS) as Component[];

function stepPoints(steps: readonly (readonly [number, number])[], value: number): number {
  let points = steps[0]![1];
  for (const [min, p] of steps) if (value >= min) points = p;
  return points;
}

const bandOf = (score: number) => (score >= 76 ? 'Green' : score >= 51 ? 'Yellow' : 'Red');
const LEVELS = ['High', 'Medium', 'Low'];
function riskOf(band: string, change: number | null): string {
  const level = band === 'Red' ? 0 : band === 'Yellow' ? 1 : 2;
  return LEVELS[Math.max(0, level - (change !== null && change <= -10 ? 1 : 0))]!;
}

/** A YYYY-MM month as a month number (year * 12 + month - 1), and back. */
function monthIndex(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y * 12 + m - 1;
}
const monthLabel = (n: number) => `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;

/** The month `offset` months after a YYYY-MM month. */
const shift = (month: string, offset: number) => monthLabel(monthIndex(month) + offset);

/** The lifecycle stage in a month of an account first bought on `firstPurchase` (YYYY-MM-DD). */
function stageOf(firstPurchase: string, month: number): string {
  const [fy, fm, fd] = firstPurchase.split('-').map(Number) as [number, number, number];
  // The last day of the month: day 0 of the next month.
  const lastDay = new Date(Date.UTC(Math.floor(month / 12), (month % 12) + 1, 0)).getUTCDate();
  const months = Math.max(0, month - (fy * 12 + fm - 1) - (lastDay < fd ? 1 : 0));
  return months < 6 ? 'Onboarding' : months < 12 ? 'Adoption' : months < 36 ? 'Established' : 'Veteran';
}

interface Recomputed {
  account_id: string;
  month: string;
  is_latest: boolean;
  lifecycle_stage: string;
  utilization_rate: number | null;
  assignment_rate: number;
  arr_trend: number | null;
  seat_growth: number | null;
  utilization_points: number;
  assignment_points: number;
  arr_trend_points: number | null;
  seat_growth_points: number | null;
  tenure_points: number;
  score: number;
  band: string;
  score_change: number | null;
  retention_risk: string;
  next_movement: string | null;
}

/** A raw integer (BigInt in Parquet INT64) as a number. */
function int(value: unknown): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`not a safe integer: ${String(value)}`);
  return n;
}

function isoDate(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') return value.slice(0, 10);
  throw new Error(`not a date: ${String(value)}`);
}

async function readRaw(name: string, columns: string[]): Promise<Record<string, unknown>[]> {
  const file = await asyncBufferFromFile(join(DEFAULT_RAW, `${name}.parquet`));
  return parquetReadObjects({ file, compressors, columns });
}

type Published = Awaited<ReturnType<typeof openPublished>>;
let published: Published;
/** Every account month, recomputed, in account and month order. */
let recomputed: Recomputed[];
const duplicates = { usage: 0, revenue: 0, accounts: 0 };
let usageMonthsWithoutRevenue = 0;
let usageAccountsWithoutAccount = 0;

beforeAll(async () => {
  const [accountRows, usageRows, revenueRows] = await Promise.all([
    readRaw('accounts', ['account_id', 'first_purchase_date']),
    readRaw('usage_monthly', ['account_id', 'product', 'month', 'seats_purchased', 'seats_assigned', 'seats_used']),
    readRaw('revenue_monthly', ['account_id', 'month', 'arr', 'movement']),
  ]);

  const firstPurchase = new Map<string, string>();
  for (const row of accountRows) {
    const id = row.account_id as string;
    if (firstPurchase.has(id)) duplicates.accounts++;
    firstPurchase.set(id, isoDate(row.first_purchase_date));
  }

  // Per account, keyed by month number (year * 12 + month - 1): its revenue row and its seats summed over products.
  type Seats = { purchased: number; assigned: number; used: number };
  const accounts = new Map<string, { seats: Map<number, Seats>; revenue: Map<number, { arr: number; movement: string }>; products: Set<string> }>();
  const accountOf = (id: string) => {
    let account = accounts.get(id);
    if (!account) {
      account = { seats: new Map(), revenue: new Map(), products: new Set() };
      accounts.set(id, account);
    }
    return account;
  };
  const monthNumbers = new Map<string, number>();
  const monthNumber = (month: string) => {
    let n = monthNumbers.get(month);
    if (n === undefined) {
      n = monthIndex(month);
      monthNumbers.set(month, n);
    }
    return n;
  };
  for (const r of revenueRows) {
    const revenue = accountOf(r.account_id as string).revenue;
    const m = monthNumber(r.month as string);
    if (revenue.has(m)) duplicates.revenue++;
    revenue.set(m, { arr: r.arr as number, movement: r.movement as string });
  }
  for (const u of usageRows) {
    const account = accountOf(u.account_id as string);
    const productKey = `${u.product}|${u.month}`;
    if (account.products.has(productKey)) duplicates.usage++;
    account.products.add(productKey);
    const m = monthNumber(u.month as string);
    const s = account.seats.get(m) ?? { purchased: 0, assigned: 0, used: 0 };
    s.purchased += int(u.seats_purchased);
    s.assigned += int(u.seats_assigned);
    s.used += int(u.seats_used);
    account.seats.set(m, s);
  }

  recomputed = [];
  for (const id of [...accounts.keys()].sort()) {
    const { seats, revenue } = accounts.get(id)!;
    if (seats.size === 0) continue;
    const first = firstPurchase.get(id);
    if (first === undefined) {
      usageAccountsWithoutAccount++;
      continue;
    }
    const scores = new Map<number, number>();
    const latest = Math.max(...seats.keys());
    // In month order, so an account's previous month is scored before the month.
    for (const m of [...seats.keys()].sort((x, y) => x - y)) {
      const s = seats.get(m)!;
      const month = monthLabel(m);
      const prev = seats.get(m - 1);
      const arr = revenue.get(m)?.arr;
      if (arr === undefined) usageMonthsWithoutRevenue++;
      const baseMonth = seats.has(m - 2) ? m - 2 : prev ? m - 1 : null;
      const base = baseMonth === null ? undefined : revenue.get(baseMonth)?.arr;

      const utilization = s.assigned === 0 ? null : Math.min(s.used / s.assigned, 1);
      const assignment = s.assigned / s.purchased;
      const trend = arr === undefined || base === undefined || base === 0 ? null : arr / base;
      const growth = prev ? s.purchased / prev.purchased : null;
      const stage = stageOf(first, m);

      const points: Record<Component, number | null> = {
        utilization: utilization === null ? 0 : stepPoints(UTILIZATION_STEPS, utilization),
        assignment: stepPoints(ASSIGNMENT_STEPS, assignment),
        arr_trend: trend === null ? null : stepPoints(RATIO_STEPS, trend),
        seat_growth: growth === null ? null : stepPoints(RATIO_STEPS, growth),
        tenure: STAGE_POINTS[stage]!,
      };
      let weighted = 0;
      let present = 0;
      for (const c of COMPONENTS) {
        const p = points[c];
        if (p === null) continue;
        weighted += p * WEIGHTS[c];
        present += WEIGHTS[c];
      }
      const score = Math.round(weighted / present);
      scores.set(m, score);
      const prevScore = scores.get(m - 1);
      const change = prevScore === undefined ? null : score - prevScore;
      const band = bandOf(score);
      recomputed.push({
        account_id: id,
        month,
        is_latest: m === latest,
        lifecycle_stage: stage,
        utilization_rate: utilization,
        assignment_rate: assignment,
        arr_trend: trend,
        seat_growth: growth,
        utilization_points: points.utilization!,
        assignment_points: points.assignment!,
        arr_trend_points: points.arr_trend,
        seat_growth_points: points.seat_growth,
        tenure_points: points.tenure!,
        score,
        band,
        score_change: change,
        retention_risk: riskOf(band, change),
        next_movement: revenue.get(m + 1)?.movement ?? null,
      });
    }
  }

  published = await openPublished(DEFAULT_DATA, ['account_health', 'health_validation', 'health_auc']);
}, 120_000);

afterAll(() => {
  published?.conn.closeSync();
});

/** The followed account months (with a next-month revenue row). */
const followed = () => recomputed.filter((r) => r.next_movement !== null);

/**
 * The area under the ROC curve, computed from ranks (Mann-Whitney): rank every value ascending
 * with midranks for ties; the churners' rank sum minus its minimum counts the (churner, stayer)
 * pairs where the churner is higher, ties half. The published AUC is the chance a churner is
 * lower, so it is one minus that share.
 */
function rankAuc(values: readonly number[], churned: readonly boolean[]): { n: number; churners: number; auc: number } {
  const order = Array.from(values.keys()).sort((a, b) => values[a]! - values[b]!);
  let rankSum = 0;
  let churners = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1]!] === values[order[start]!]) end++;
    const midrank = (start + 1 + end + 1) / 2;
    for (let k = start; k <= end; k++) {
      if (churned[order[k]!]) {
        rankSum += midrank;
        churners++;
      }
    }
    start = end + 1;
  }
  const stayers = values.length - churners;
  const higher = rankSum - (churners * (churners + 1)) / 2;
  return { n: values.length, churners, auc: 1 - higher / (churners * stayers) };
}

describe('account health cross-check against a plain recomputation from the raw tables', () => {
  test('the raw tables hold no duplicate rows, and every usage month has its account and revenue row', () => {
    expect(duplicates).toEqual({ usage: 0, revenue: 0, accounts: 0 });
    expect(usageMonthsWithoutRevenue).toBe(0);
    expect(usageAccountsWithoutAccount).toBe(0);
    expect(recomputed.length).toBeGreaterThan(100_000);
  });

  test('the restated tenure rule on hand-worked dates', () => {
    const m = monthIndex;
    // First bought 2026-01-31: at 2026-02-28, 1 month less 1 (day 28 < 31) = 0 whole months.
    expect(stageOf('2026-01-31', m('2026-02'))).toBe('Onboarding');
    // 2025-08-31 -> 2026-02-28: 6 - 1 = 5 months (Q2); -> 2026-03-31: 7 months (Q3).
    expect(stageOf('2025-08-31', m('2026-02'))).toBe('Onboarding');
    expect(stageOf('2025-08-31', m('2026-03'))).toBe('Adoption');
    // 2025-05-15 -> 2026-05-31: 12 months (Year 2); 2023-06-01 -> 2026-05-31: 35 months (Year 3); -> 2026-06-30: 36 (Year 4).
    expect(stageOf('2025-05-15', m('2026-05'))).toBe('Established');
    expect(stageOf('2023-06-01', m('2026-05'))).toBe('Established');
    expect(stageOf('2023-06-01', m('2026-06'))).toBe('Veteran');
    // A first purchase after the month's end counts 0 months.
    expect(stageOf('2026-09-01', m('2026-08'))).toBe('Onboarding');
  });

  test('account_health: every column of the score for a deterministic sample of accounts, all their months', async () => {
    const accounts = [...new Set(recomputed.map((r) => r.account_id))].sort();
    // Every 4500th account (about 55 accounts, 200 account months) ...
    const sample = new Set(accounts.filter((_, i) => i % 4500 === 0));
    // ... and, for the rules' edges, the first accounts (in id order) with months of each kind.
    const accountMonths = new Set(recomputed.map((r) => `${r.account_id}|${r.month}`));
    const kinds: [string, (r: Recomputed) => boolean][] = [
      ['no seat assigned', (r) => r.utilization_rate === null],
      ['a trend over one month (no month two months before)', (r) => r.arr_trend !== null && !accountMonths.has(`${r.account_id}|${shift(r.month, -2)}`)],
      ['no trend', (r) => r.arr_trend === null],
      ['score 50', (r) => r.score === 50],
      ['score 51', (r) => r.score === 51],
      ['score 75', (r) => r.score === 75],
      ['score 76', (r) => r.score === 76],
      ['a fall of exactly 10, Yellow', (r) => r.score_change === -10 && r.band === 'Yellow'],
      ['a fall of exactly 10, Green', (r) => r.score_change === -10 && r.band === 'Green'],
      ['a fall of 9, Yellow', (r) => r.score_change === -9 && r.band === 'Yellow'],
      ['a fall of 9, Green', (r) => r.score_change === -9 && r.band === 'Green'],
      ['assignment exactly at a step (0.9)', (r) => r.assignment_rate === 0.9],
      ['utilization exactly at a step (0.8)', (r) => r.utilization_rate === 0.8],
      ['seat growth exactly at a step (1.05)', (r) => r.seat_growth === 1.05],
      ...['Onboarding', 'Adoption', 'Established', 'Veteran'].map((stage): [string, (r: Recomputed) => boolean] => [stage, (r) => r.lifecycle_stage === stage]),
      ['churn the next month', (r) => r.next_movement === 'churn'],
    ];
    for (const [kind, is] of kinds) {
      const found = recomputed.filter(is).slice(0, 3);
      expect(found.length, `the default data has account months with ${kind}`).toBeGreaterThan(0);
      for (const r of found) sample.add(r.account_id);
    }

    const expected = recomputed.filter((r) => sample.has(r.account_id));
    const columns = Object.keys(expected[0]!) as (keyof Recomputed)[];
    const actual = await published.query<Record<string, string | number | null>>(
      `SELECT ${columns.join(', ')} FROM account_health
       WHERE account_id IN (${[...sample].map((id) => `'${id}'`).join(', ')}) ORDER BY account_id, month`,
    );
    expect(expected.length).toBeGreaterThanOrEqual(200);
    expect(actual.map((r) => `${r.account_id} ${r.month}`)).toEqual(expected.map((r) => `${r.account_id} ${r.month}`));
    const mismatches: string[] = [];
    actual.forEach((a, i) => {
      const e = expected[i]!;
      for (const column of columns) {
        const got = a[column];
        const want = e[column];
        const same = typeof got === 'number' && typeof want === 'number' ? Math.abs(got - want) <= RATE_TOLERANCE : got === want;
        if (!same) mismatches.push(`${e.account_id} ${e.month} ${column}: published ${String(got)}, recomputed ${String(want)}`);
      }
    });
    expect(mismatches).toEqual([]);
  });

  test('account_health: every account month, counted by band and retention risk with its score sum', async () => {
    type Cell = { band: string; retention_risk: string; n: number; score_sum: number; changes: number; falls: number };
    const expected = new Map<string, Cell>();
    for (const r of recomputed) {
      const key = `${r.band} ${r.retention_risk}`;
      const cell = expected.get(key) ?? { band: r.band, retention_risk: r.retention_risk, n: 0, score_sum: 0, changes: 0, falls: 0 };
      cell.n++;
      cell.score_sum += r.score;
      if (r.score_change !== null) cell.changes++;
      if (r.score_change !== null && r.score_change <= -10) cell.falls++;
      expected.set(key, cell);
    }
    const actual = await published.query<Cell>(
      `SELECT band, retention_risk, count(*) AS n, sum(score) AS score_sum, count(score_change) AS changes,
         count(*) FILTER (WHERE score_change <= -10) AS falls
       FROM account_health GROUP BY ALL ORDER BY band, retention_risk`,
    );
    const sortKey = (c: Cell) => `${c.band} ${c.retention_risk}`;
    expect(actual).toEqual([...expected.values()].sort((x, y) => (sortKey(x) < sortKey(y) ? -1 : 1)));
    // Green falls are Medium; Yellow falls High; Red is always High.
    expect(expected.get('Green Medium')?.n).toBe(expected.get('Green Medium')?.falls);
  });

  test('health_validation: churn and contraction rates of each band over the followed account months', async () => {
    type Group = { group_label: string; followed: number; churned: number; contracted: number; score_min: number; score_max: number };
    const groups = new Map<string, Group>();
    for (const r of followed()) {
      const g = groups.get(r.band) ?? { group_label: r.band, followed: 0, churned: 0, contracted: 0, score_min: 100, score_max: 0 };
      g.followed++;
      if (r.next_movement === 'churn') g.churned++;
      if (r.next_movement === 'contraction') g.contracted++;
      g.score_min = Math.min(g.score_min, r.score);
      g.score_max = Math.max(g.score_max, r.score);
      groups.set(r.band, g);
    }
    const actual = await published.query<Group & { churn_rate: number; contraction_rate: number }>(
      `SELECT group_label, followed, churned, contracted, score_min, score_max, churn_rate, contraction_rate
       FROM health_validation WHERE grouping = 'band' ORDER BY group_order`,
    );
    expect(actual.map((a) => a.group_label)).toEqual(['Red', 'Yellow', 'Green']);
    for (const a of actual) {
      const e = groups.get(a.group_label)!;
      expect({ ...a, churn_rate: undefined, contraction_rate: undefined }, a.group_label).toEqual({ ...e, churn_rate: undefined, contraction_rate: undefined });
      expect(Math.abs(a.churn_rate - e.churned / e.followed), `${a.group_label} churn rate`).toBeLessThanOrEqual(RATE_TOLERANCE);
      expect(Math.abs(a.contraction_rate - e.contracted / e.followed), `${a.group_label} contraction rate`).toBeLessThanOrEqual(RATE_TOLERANCE);
    }
    // The score separates next-month churn: Red churns more than Yellow, Yellow more than Green.
    const rate = (band: string) => groups.get(band)!.churned / groups.get(band)!.followed;
    expect(rate('Red')).toBeGreaterThan(rate('Yellow'));
    expect(rate('Yellow')).toBeGreaterThan(rate('Green'));
  });

  test('health_auc: the AUC of the score and of each component against next-month churn, from ranks', async () => {
    const rows = followed();
    const measures: [string, (r: Recomputed) => number | null][] = [
      ['score', (r) => r.score],
      ['utilization', (r) => r.utilization_points],
      ['assignment', (r) => r.assignment_points],
      ['arr_trend', (r) => r.arr_trend_points],
      ['seat_growth', (r) => r.seat_growth_points],
      ['tenure', (r) => r.tenure_points],
    ];
    const actual = await published.query<{ measure: string; followed: number; churners: number; auc: number }>(
      'SELECT measure, followed, churners, auc FROM health_auc',
    );
    expect(actual.map((a) => a.measure)).toEqual(measures.map(([m]) => m));
    for (const [measure, measureOf] of measures) {
      const present = rows.filter((r) => measureOf(r) !== null);
      const e = rankAuc(
        present.map((r) => measureOf(r)!),
        present.map((r) => r.next_movement === 'churn'),
      );
      const a = actual.find((x) => x.measure === measure)!;
      expect([a.followed, a.churners], `${measure} followed, churners`).toEqual([e.n, e.churners]);
      expect(Math.abs(a.auc - e.auc), `${measure} AUC: published ${a.auc}, recomputed ${e.auc}`).toBeLessThanOrEqual(1e-9);
    }
  });
});
