/**
 * SPEC 3.2: the default data, through the pipeline's own published outputs, reproduces
 * the source documents' headline figures within the stated tolerances.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_DATA, openPublished } from './helpers/default-data.ts';

type Query = Awaited<ReturnType<typeof openPublished>>['query'];
let query: Query;

beforeAll(async () => {
  ({ query } = await openPublished(DEFAULT_DATA, [
    'master_usage',
    'accounts',
    'regional_summary',
    'size_band_analysis',
    'revenue_monthly',
    'revenue_cube',
    'panel_profile',
  ]));
});

/** Percent values keyed by the first column. */
async function percents(sql: string): Promise<Record<string, number>> {
  const result = await query<{ k: string; v: number }>(sql);
  return Object.fromEntries(result.map((r) => [r.k, r.v * 100]));
}

const near = (actual: number | undefined, expected: number, tolerance: number) => {
  expect(actual).toBeDefined();
  expect(Math.abs(actual! - expected), `${actual} should be ${expected} ± ${tolerance}`).toBeLessThanOrEqual(tolerance);
};

describe('usage population (source 000)', () => {
  test('size of the data: rows, accounts, months, regions', async () => {
    const [m] = await query<{ rows: number; months: number; regions: number }>(
      `SELECT count(*) AS rows, count(DISTINCT month) AS months, count(DISTINCT region) AS regions FROM master_usage`,
    );
    expect(m).toEqual({ rows: 955_033, months: 4, regions: 6 });
    const [a] = await query<{ n: number }>(`SELECT count(*) AS n FROM accounts`);
    near(a!.n, 242_000, 242_000 * 0.03);
    const top = await query<{ region: string }>(`SELECT region FROM regional_summary ORDER BY seats_latest DESC LIMIT 2`);
    expect(top.map((r) => r.region).sort()).toEqual(['Greater China', 'Japan']);
  });

  test('baselines, capping, tenure and single-seat shares', async () => {
    const [b] = await query<Record<string, number>>(
      `SELECT avg(assignment_rate) * 100 AS assign_mean, median(assignment_rate) * 100 AS assign_median,
              avg(utilization_rate) * 100 AS util_mean, median(utilization_rate) * 100 AS util_median,
              avg(utilization_capped::INT) * 100 AS capped
       FROM master_usage`,
    );
    near(b!.assign_mean, 92.9, 1);
    expect(b!.assign_median).toBe(100);
    near(b!.util_mean, 74.0, 1);
    expect(b!.util_median).toBe(100);
    near(b!.capped, 2.69, 0.2);
    const [s] = await query<Record<string, number>>(
      `SELECT avg((tenure_months >= 36)::INT) * 100 AS veterans, avg((size_band = '1')::INT) * 100 AS single
       FROM accounts WHERE size_band IS NOT NULL`,
    );
    near(s!.veterans, 47.1, 1);
    near(s!.single, 54.7, 1);
  });

  test('size bands: the enterprise paradox', async () => {
    const bands = await query<{ size_band: string; assignment_rate: number; utilization_rate: number; at_risk_rate: number }>(
      `SELECT * FROM size_band_analysis ORDER BY band_order`,
    );
    expect(bands.map((b) => b.size_band)).toEqual(['1', '2-5', '6-10', '11-25', '26-50', '51-100', '101-500', '500+']);
    const one = bands[0]!;
    const top = bands[7]!;
    near(one.assignment_rate * 100, 98.3, 1.5);
    near(top.assignment_rate * 100, 58.5, 1.5);
    near(top.utilization_rate * 100, 46.4, 2);
    near(top.at_risk_rate * 100, 43.3, 2);
  });

  test('tenure and regions', async () => {
    const [q1] = await query<Record<string, number>>(
      `SELECT avg(assignment_rate) * 100 AS a, avg(utilization_rate) * 100 AS u FROM master_usage WHERE tenure_segment = 'Q1'`,
    );
    near(q1!.a, 94.4, 1);
    near(q1!.u, 88.9, 1);
    const [vet] = await query<Record<string, number>>(
      `SELECT avg(utilization_rate) * 100 AS u FROM master_usage WHERE tenure_segment IN ('Year 4', 'Year 5', '5+ years')`,
    );
    near(vet!.u, 74.9, 1);
    const regions = await query<{ region: string; a: number; u: number }>(
      `SELECT region, assignment_rate * 100 AS a, utilization_rate * 100 AS u FROM regional_summary`,
    );
    const anz = regions.find((r) => r.region === 'ANZ')!;
    const gc = regions.find((r) => r.region === 'Greater China')!;
    near(anz.a, 97.2, 1);
    near(anz.u, 79.4, 1);
    near(gc.a, 82.8, 1);
    near(gc.u, 57.6, 1);
  });

  test('business health: movements, ratio and monthly churn', async () => {
    const share = await percents(`SELECT movement AS k, sum(accounts) / (SELECT sum(accounts) FROM revenue_cube) AS v FROM revenue_cube GROUP BY movement`);
    near(share.flat, 75.1, 1);
    near(share.expansion, 15, 1);
    near(share.expansion! / share.contraction!, 2.6, 0.2);
    const [churn] = await query<{ rate: number }>(
      `WITH m AS (SELECT month, sum(accounts) FILTER (WHERE movement = 'churn') AS churned,
                         sum(accounts) FILTER (WHERE movement <> 'churn') AS active
                  FROM revenue_cube GROUP BY month)
       SELECT avg(churned / prev) * 100 AS rate
       FROM (SELECT churned, lag(active) OVER (ORDER BY month) AS prev FROM m) WHERE prev IS NOT NULL`,
    );
    near(churn!.rate, 1.6, 0.2);
  });

  test('low utilization leads to churn, high utilization to expansion', async () => {
    const groups = await query<{ g: string; churn: number; expansion: number }>(
      `WITH account_month AS (
         SELECT account_id, month, avg(utilization_rate) AS u FROM master_usage GROUP BY ALL),
       next AS (
         SELECT CASE WHEN u IS NULL OR u < 0.6 THEN 'low' WHEN u > 0.8 THEN 'high' ELSE 'mid' END AS g, r.movement
         FROM account_month a JOIN revenue_monthly r
           ON r.account_id = a.account_id AND r.month = strftime(CAST(a.month || '-01' AS DATE) + INTERVAL 1 MONTH, '%Y-%m'))
       SELECT g, avg((movement = 'churn')::INT) AS churn, avg((movement = 'expansion')::INT) AS expansion FROM next GROUP BY g`,
    );
    const low = groups.find((g) => g.g === 'low')!;
    const high = groups.find((g) => g.g === 'high')!;
    expect(low.churn).toBeGreaterThanOrEqual(3 * high.churn);
    expect(high.expansion).toBeGreaterThanOrEqual(2 * low.expansion);
  });
});

describe('telemetry panel (source 001)', () => {
  test('panel size, events and active share', async () => {
    const [p] = await query<Record<string, number>>(
      `SELECT count(*) AS accounts, sum(total_events) AS events, avg(is_active::INT) * 100 AS active,
              count(*) FILTER (WHERE zero_portfolio) AS zeros
       FROM panel_profile`,
    );
    expect(p!.accounts).toBe(10_000);
    near(p!.events, 228_731, 2287);
    near(p!.active, 70.4, 1);
    near(p!.zeros, 199, 40);
  });

  test('portfolio groups, plans and engagement', async () => {
    const portfolio = await percents(`SELECT portfolio_group AS k, count(*) / 10000 AS v FROM panel_profile GROUP BY 1`);
    near(portfolio['1'], 9.1, 1);
    near(portfolio['2-5'], 33.6, 1);
    near(portfolio['6-10'], 8.8, 1);
    near(portfolio['11+'], 48.5, 1);
    const plans = await percents(`SELECT plan AS k, count(*) / 10000 AS v FROM panel_profile GROUP BY 1`);
    near(plans.starter, 52.1, 1);
    near(plans.pro, 32.9, 1);
    near(plans.premium, 15.1, 1);
    const arr = Object.fromEntries(
      (await query<{ plan: string; arr: number }>(`SELECT plan, avg(arr) AS arr FROM panel_profile GROUP BY 1`)).map((r) => [r.plan, r.arr]),
    );
    near(arr.starter, 413, 413 * 0.05);
    near(arr.pro, 1819, 1819 * 0.05);
    near(arr.premium, 13_580, 13_580 * 0.05);
    const engagement = await percents(`SELECT engagement AS k, count(*) / 10000 AS v FROM panel_profile GROUP BY 1`);
    near(engagement.Low, 13.3, 1.5);
    near(engagement.Medium, 73.3, 1.5);
    near(engagement.High, 13.4, 1.5);
  });

  test('tickets, training and feature breadth', async () => {
    const tickets = await percents(`SELECT ticket_range AS k, count(*) / 10000 AS v FROM panel_profile GROUP BY 1`);
    near(tickets['0'], 48.9, 1);
    near(tickets['1'], 22.4, 1);
    near(tickets['2-4'], 21.8, 1);
    near(tickets['5-10'], 6.8, 1);
    near(tickets['11+'], 0.1, 1);
    const training = await query<{ t: boolean; share: number; arr: number; active: number }>(
      `SELECT attended_training AS t, count(*) / 10000 * 100 AS share, avg(arr) AS arr, avg(is_active::INT) * 100 AS active
       FROM panel_profile GROUP BY 1`,
    );
    const yes = training.find((r) => r.t)!;
    const no = training.find((r) => !r.t)!;
    near(yes.share, 32.3, 1);
    near(yes.arr, 4941, 4941 * 0.08);
    near(no.arr, 2177, 2177 * 0.08);
    near(yes.active, 76.0, 1.5);
    near(no.active, 68.0, 1.5);
    const breadth = await percents(`SELECT feature_breadth AS k, count(*) / 10000 AS v FROM panel_profile GROUP BY 1`);
    near(breadth['0-4'], 4.4, 1.5);
    near(breadth['5-6'], 63.9, 1.5);
    near(breadth['7+'], 31.7, 1.5);
  });

  test('inactive ARR and the most common path', async () => {
    const [inactive] = await query<{ arr: number }>(`SELECT sum(arr) AS arr FROM panel_profile WHERE NOT is_active`);
    near(inactive!.arr, 7_400_000, 740_000);
    const [path] = await query<{ k: string; share: number }>(
      `SELECT portfolio_group || ' > ' || plan || ' > ' || engagement || ' > ' || CASE WHEN is_active THEN 'active' ELSE 'inactive' END AS k,
              count(*) / 10000 * 100 AS share
       FROM panel_profile GROUP BY 1 ORDER BY share DESC LIMIT 1`,
    );
    expect(path!.k).toBe('11+ > starter > Medium > active');
    near(path!.share, 13.7, 1.5);
  });
});
