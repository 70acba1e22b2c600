/**
 * The customer-intelligence data sets built by the pipeline from hand-made input: the small
 * fixture's synthetic orders and a Superstore-shaped CSV (tests/fixtures/superstore/orders.csv,
 * worked out by hand in tests/lib/intelligence.test.ts). Every expected value is computed by
 * hand, not by running the code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { openPublished } from './helpers/default-data.ts';
import { FIXTURES, runInto, tempDir, type Run } from './helpers/run.ts';

let run: Run;
let query: Awaited<ReturnType<typeof openPublished>>['query'];

beforeAll(async () => {
  run = await runInto(tempDir('intel'), { input: join(FIXTURES, 'small'), ordersCsv: join(FIXTURES, 'superstore', 'orders.csv') });
  ({ query } = await openPublished(
    run.out,
    run.manifest.tables.map((t) => t.name),
  ));
});

const round = (value: unknown) => (typeof value === 'number' ? Number(value.toFixed(9)) : value);
const rounded = (rows: Record<string, unknown>[]) => rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, round(v)])));

describe('intel_customers', () => {
  test('Superstore customers: features, churn risk and segment, sorted by revenue then id', async () => {
    const rows = await query(
      `SELECT customer_id, customer_name, region, market_segment, state, CAST(first_order AS VARCHAR) AS first_order, orders, revenue, aov,
         discount_share, mean_discount, recency_days, tenure_days, typical_gap_days, gap_imputed, churn_ratio, churn_band, segment
       FROM intel_customers WHERE source = 'superstore'`,
    );
    expect(rounded(rows)).toEqual([
      // biome-ignore format: one customer per line
      { customer_id: 'C1', customer_name: 'Tan & Lim', region: 'West', market_segment: 'Consumer', state: 'California', first_order: '2024-01-01', orders: 3, revenue: 1000, aov: round(1000 / 3), discount_share: 0.05, mean_discount: 0.05, recency_days: 0, tenure_days: 90, typical_gap_days: 45, gap_imputed: false, churn_ratio: 0, churn_band: 'Low', segment: 'High-Value Active' },
      {
        customer_id: 'C3',
        customer_name: '<Big> "Works" Co',
        region: 'Central',
        market_segment: 'Home Office',
        state: 'Illinois',
        first_order: '2024-02-01',
        orders: 3,
        revenue: 1000,
        aov: round(1000 / 3),
        discount_share: 0.4,
        mean_discount: round(0.1 / 3),
        recency_days: 39,
        tenure_days: 59,
        typical_gap_days: 10,
        gap_imputed: false,
        churn_ratio: 3.9,
        churn_band: 'High',
        segment: 'At-Risk/Dormant',
      },
      {
        customer_id: 'C4',
        customer_name: 'Quiet Goods',
        region: 'West',
        market_segment: 'Consumer',
        state: 'Oregon',
        first_order: '2024-03-01',
        orders: 2,
        revenue: 1000,
        aov: 500,
        discount_share: 0,
        mean_discount: 0,
        recency_days: 0,
        tenure_days: 30,
        typical_gap_days: 30,
        gap_imputed: false,
        churn_ratio: 0,
        churn_band: 'Low',
        segment: 'High-Value Active',
      },
      {
        customer_id: 'C6',
        customer_name: 'Deal Hunter',
        region: 'East',
        market_segment: 'Consumer',
        state: 'Ohio',
        first_order: '2024-03-10',
        orders: 2,
        revenue: 100,
        aov: 50,
        discount_share: 1,
        mean_discount: 0.275,
        recency_days: 11,
        tenure_days: 21,
        typical_gap_days: 10,
        gap_imputed: false,
        churn_ratio: 1.1,
        churn_band: 'Medium',
        segment: 'Discount-Driven',
      },
      {
        customer_id: 'C2',
        customer_name: "O'Brien Supply",
        region: 'East',
        market_segment: 'Corporate',
        state: 'New York',
        first_order: '2024-01-15',
        orders: 1,
        revenue: 80,
        aov: 80,
        discount_share: 1,
        mean_discount: 0.75,
        recency_days: 76,
        tenure_days: 76,
        typical_gap_days: null,
        gap_imputed: true,
        churn_ratio: 3.8,
        churn_band: 'High',
        segment: 'At-Risk/Dormant',
      },
      {
        customer_id: 'C5',
        customer_name: 'Zero Ltd',
        region: 'South',
        market_segment: 'Corporate',
        state: 'Florida',
        first_order: '2024-03-31',
        orders: 1,
        revenue: 0,
        aov: 0,
        discount_share: null,
        mean_discount: 0,
        recency_days: 0,
        tenure_days: 0,
        typical_gap_days: null,
        gap_imputed: true,
        churn_ratio: 0,
        churn_band: 'Low',
        segment: 'Steady',
      },
    ]);
  });

  test('synthetic customers: no customer has two order dates, so there is no gap to measure churn risk by', async () => {
    const rows = await query(
      `SELECT customer_id, customer_name, region, market_segment, orders, revenue, discount_share, gap_imputed, churn_ratio, churn_band, segment
       FROM intel_customers WHERE source = 'synthetic'`,
    );
    expect(rounded(rows)).toEqual([
      // Revenue quantile 150 + 0.75 * 50 = 187.5; discount-share quantile 2/3 + 0.75 * 1/3 = 11/12, above A1's 2/3.
      // biome-ignore format: one customer per line
      { customer_id: 'A2', customer_name: "O'Brien Surveying", region: 'Japan', market_segment: null, orders: 1, revenue: 200, discount_share: 1, gap_imputed: true, churn_ratio: null, churn_band: null, segment: 'High-Value Active' },
      {
        customer_id: 'A1',
        customer_name: 'Tan & Lim',
        region: 'ANZ',
        market_segment: null,
        orders: 1,
        revenue: 150,
        discount_share: round(2 / 3),
        gap_imputed: true,
        churn_ratio: null,
        churn_band: null,
        segment: 'Steady',
      },
    ]);
  });
});

describe('source-level tables', () => {
  test('intel_sources: as-of date, lines read and kept, totals and resolved thresholds', async () => {
    const rows = await query(
      `SELECT source, label, CAST(as_of AS VARCHAR) AS as_of, order_lines_read, order_lines_kept, customers, orders, revenue,
         high_value_revenue, discount_share_cut, median_gap_days, CAST(consistency_from AS VARCHAR) AS consistency_from, CAST(consistency_to AS VARCHAR) AS consistency_to
       FROM intel_sources WHERE source = 'superstore'`,
    );
    expect(rows).toEqual([
      // biome-ignore format: one source per line
      { source: 'superstore', label: 'Superstore (real, public)', as_of: '2024-03-31', order_lines_read: 14, order_lines_kept: 14, customers: 6, orders: 12, revenue: 3180, high_value_revenue: 1000, discount_share_cut: 1, median_gap_days: 20, consistency_from: '2023-10-01', consistency_to: '2024-03-31' },
    ]);
  });

  test('intel_kpis: the 90 days up to the as-of date against the 90 before, at-risk rate with features as of each period end', async () => {
    const rows = await query(
      `SELECT period, CAST(period_start AS VARCHAR) AS period_start, CAST(period_end AS VARCHAR) AS period_end, customers, revenue, orders, aov,
         at_risk_rate, at_risk_customers, known_customers
       FROM intel_kpis WHERE source = 'superstore' AND segment IS NULL`,
    );
    expect(rounded(rows)).toEqual([
      // Current: every order but O1 (01-01); at risk C2 and C3. Previous: O1 only; C1 has one order date and nobody a gap, so no risk.
      // biome-ignore format: one period per line
      { period: 'current', period_start: '2024-01-02', period_end: '2024-03-31', customers: 6, revenue: 3030, orders: 11, aov: round(3030 / 11), at_risk_rate: round(2 / 6), at_risk_customers: 2, known_customers: 6 },
      {
        period: 'previous',
        period_start: '2023-10-04',
        period_end: '2024-01-01',
        customers: 1,
        revenue: 150,
        orders: 1,
        aov: 150,
        at_risk_rate: 0,
        at_risk_customers: 0,
        known_customers: 1,
      },
    ]);
    const perSegment = await query(
      `SELECT segment, customers, at_risk_customers FROM intel_kpis WHERE source = 'superstore' AND period = 'current' AND segment IS NOT NULL`,
    );
    expect(perSegment).toEqual([
      { segment: 'At-Risk/Dormant', customers: 2, at_risk_customers: 2 },
      { segment: 'High-Value Active', customers: 2, at_risk_customers: 0 },
      { segment: 'Discount-Driven', customers: 1, at_risk_customers: 0 },
      { segment: 'Steady', customers: 1, at_risk_customers: 0 },
    ]);
  });

  test('intel_consistency: months with an order of the last six full months, every combination present', async () => {
    const rows = await query<{ segment: string; months_active: number; customers: number }>(
      `SELECT segment, months_active, customers FROM intel_consistency WHERE source = 'superstore' AND customers > 0`,
    );
    // C1 ordered in January and March; everyone else in one month.
    expect(rows).toEqual([
      { segment: 'At-Risk/Dormant', months_active: 1, customers: 2 },
      { segment: 'High-Value Active', months_active: 1, customers: 1 },
      { segment: 'High-Value Active', months_active: 2, customers: 1 },
      { segment: 'Discount-Driven', months_active: 1, customers: 1 },
      { segment: 'Steady', months_active: 1, customers: 1 },
    ]);
    const [count] = await query<{ n: number }>(`SELECT count(*) AS n FROM intel_consistency`);
    expect(count!.n).toBe(2 * 4 * 7);
  });

  test('intel_activity: every month and segment, 30-day activity up to the month end', async () => {
    const rows = await query(
      `SELECT month, CAST(month_end AS VARCHAR) AS month_end, segment, active_30d, ordering_customers, orders, revenue
       FROM intel_activity WHERE source = 'superstore' AND month = '2024-01'`,
    );
    // January: O1 on 01-01 is outside the 30 days 01-02..01-31 but in the month; O2 (C1) and O4 (C2) are in both.
    expect(rows).toEqual([
      { month: '2024-01', month_end: '2024-01-31', segment: 'At-Risk/Dormant', active_30d: 1, ordering_customers: 1, orders: 1, revenue: 80 },
      { month: '2024-01', month_end: '2024-01-31', segment: 'High-Value Active', active_30d: 1, ordering_customers: 1, orders: 2, revenue: 850 },
      { month: '2024-01', month_end: '2024-01-31', segment: 'Discount-Driven', active_30d: 0, ordering_customers: 0, orders: 0, revenue: 0 },
      { month: '2024-01', month_end: '2024-01-31', segment: 'Steady', active_30d: 0, ordering_customers: 0, orders: 0, revenue: 0 },
    ]);
    const months = await query<{ month: string }>(`SELECT DISTINCT month FROM intel_activity WHERE source = 'superstore' ORDER BY month`);
    expect(months.map((m) => m.month)).toEqual(['2024-01', '2024-02', '2024-03']);
  });

  test('intel_orders: one row per order with its lines summed', async () => {
    const rows = await query(
      `SELECT order_id, month, revenue, lines, discounted_revenue, segment FROM intel_orders WHERE source = 'superstore' AND order_id IN ('O1', 'O4')`,
    );
    expect(rows).toEqual([
      { order_id: 'O1', month: '2024-01', revenue: 150, lines: 2, discounted_revenue: 50, segment: 'High-Value Active' },
      { order_id: 'O4', month: '2024-01', revenue: 80, lines: 2, discounted_revenue: 80, segment: 'At-Risk/Dormant' },
    ]);
  });
});

test('the quality report has the Superstore lines read and kept, and the imputed gaps per source', () => {
  const quality = JSON.parse(readFileSync(join(run.out, 'quality.json'), 'utf8'));
  const lines = quality.tables.find((t: { table: string }) => t.table === 'superstore_orders');
  expect([lines.rows_read, lines.rows_kept]).toEqual([14, 14]);
  const imputed = quality.rows_flagged
    .filter((f: { table: string }) => f.table === 'intel_customers')
    .map((f: { flag: string; rows: number }) => [f.flag, f.rows]);
  expect(imputed).toEqual([
    ['typical gap imputed (synthetic)', 2],
    ['typical gap imputed (superstore)', 2],
  ]);
});
