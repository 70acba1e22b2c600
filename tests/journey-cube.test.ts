/**
 * The journey cube on the default data, against an independent recomputation from the
 * published panel profile and accounts: the stages are restated here as plain SQL (no
 * query builder of src/lib), and every total, path and stage of the cube must match them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { bandLabels } from '../src/lib/bands.ts';
import { ACTIVE_STATUSES, PANEL, PLANS, REGIONS, TRAINING_STATUSES } from '../src/lib/config.ts';
import type { Manifest } from '../src/lib/published.ts';
import { DEFAULT_DATA, openPublished } from './helpers/default-data.ts';
import { runQuery } from '../src/build/duckdb-node.ts';
import { bindOptions } from '../src/lib/charts/chart.ts';
import { opportunitiesChart } from '../src/lib/charts/journeys.ts';
import journeys from '../src/lib/pages/journeys.ts';
import { defaultState } from '../src/lib/parameters.ts';
import { bindQuery } from '../src/lib/query.ts';

let query: Awaited<ReturnType<typeof openPublished>>['query'];

/** Each panel account with its stages, written out independently of the cube's SQL. */
const PANEL_STAGES = `(
  SELECT p.portfolio_group, p.plan, p.engagement, p.ticket_range,
    CASE WHEN p.is_active THEN 'Active' ELSE 'Inactive' END AS active_status,
    p.arr_group, p.feature_breadth,
    CASE WHEN p.attended_training THEN 'Trained' ELSE 'Not trained' END AS training,
    a.region, p.arr, p.support_tickets_90d, p.nps_score, p.attended_training, p.zero_portfolio
  FROM panel_profile p JOIN accounts a ON a.account_id = p.account_id)`;

const STAGES = ['portfolio_group', 'plan', 'engagement', 'ticket_range', 'active_status', 'arr_group', 'feature_breadth', 'training', 'region'];

type Totals = {
  accounts: number;
  arr: number;
  tickets: number;
  nps_sum: number;
  nps_count: number;
  trained: number;
  zero_portfolio: number;
};

/** The totals of the cube's cells, per value of `by` (or overall). */
const cubeTotals = (by = "'all'") =>
  query<Totals & { key: string }>(
    `SELECT ${by} AS key, sum(accounts)::INTEGER AS accounts, sum(arr) AS arr, sum(tickets)::INTEGER AS tickets, sum(nps_sum)::INTEGER AS nps_sum,
       sum(nps_count)::INTEGER AS nps_count, sum(trained)::INTEGER AS trained, sum(zero_portfolio)::INTEGER AS zero_portfolio
     FROM journey_cube GROUP BY key ORDER BY key`,
  );

/** The same totals over the panel's accounts. */
const panelTotals = (by = "'all'") =>
  query<Totals & { key: string }>(
    `SELECT ${by} AS key, count(*)::INTEGER AS accounts, sum(arr) AS arr, sum(support_tickets_90d)::INTEGER AS tickets,
       coalesce(sum(nps_score), 0)::INTEGER AS nps_sum, count(nps_score)::INTEGER AS nps_count,
       count(*) FILTER (WHERE attended_training)::INTEGER AS trained, count(*) FILTER (WHERE zero_portfolio)::INTEGER AS zero_portfolio
     FROM ${PANEL_STAGES} GROUP BY key ORDER BY key`,
  );

/** Totals with ARR compared to the cent and everything else exactly. */
function expectSameTotals(actual: Totals[], expected: Totals[], what: string) {
  expect(
    actual.map(({ arr: _, ...counts }) => counts),
    what,
  ).toEqual(expected.map(({ arr: _, ...counts }) => counts));
  for (const [i, row] of actual.entries()) expect(Math.abs(row.arr - expected[i]!.arr), what).toBeLessThan(0.01);
}

/** Whether the positions `a` sort strictly before `b`, the first stage first. */
function sortsBefore(a: readonly number[], b: readonly number[]): boolean {
  const i = a.findIndex((position, stage) => position !== b[stage]);
  return i >= 0 && a[i]! < b[i]!;
}

const manifest = () => JSON.parse(readFileSync(join(DEFAULT_DATA, 'manifest.json'), 'utf8')) as Manifest;

beforeAll(async () => {
  ({ query } = await openPublished(DEFAULT_DATA, ['journey_cube', 'panel_profile', 'accounts']));
});

describe('journey cube on the default data', () => {
  test('totals: every panel account once, with its ARR, tickets, NPS and training', async () => {
    const [cube] = await cubeTotals();
    expect(cube!.accounts).toBe(10_000);
    expectSameTotals(await cubeTotals(), await panelTotals(), 'totals');
    const [squares] = await query<{ cube: number; panel: number }>(
      `SELECT (SELECT sum(arr_squares) FROM journey_cube) AS cube, (SELECT sum(arr * arr) FROM panel_profile) AS panel`,
    );
    expect(squares!.cube / squares!.panel).toBeCloseTo(1, 12);
  });

  test('accounts per portfolio group, plan, engagement and activity path', async () => {
    const path = 'portfolio_group, plan, engagement, active_status';
    const fromCube = await query(`SELECT ${path}, sum(accounts)::INTEGER AS accounts FROM journey_cube GROUP BY ALL ORDER BY ALL`);
    const fromPanel = await query(`SELECT ${path}, count(*)::INTEGER AS accounts FROM ${PANEL_STAGES} GROUP BY ALL ORDER BY ALL`);
    expect(fromCube.length).toBeGreaterThan(1);
    expect(fromCube).toEqual(fromPanel);
  });

  test('every stage’s totals equal the panel’s', async () => {
    for (const stage of STAGES) expectSameTotals(await cubeTotals(stage), await panelTotals(stage), stage);
  });

  test('one row per non-empty combination of stages, sorted by the stages’ order', async () => {
    const cells = await query<Record<string, string | number>>(`SELECT * FROM journey_cube`);
    const keys = cells.map((cell) => STAGES.map((stage) => cell[stage]).join('|'));
    expect(new Set(keys).size).toBe(cells.length);
    expect(cells.filter((cell) => (cell.accounts as number) < 1)).toEqual([]);
    const categories = manifest().categories.journey_cube!;
    const positions = cells.map((cell) => STAGES.map((stage) => categories[stage]!.indexOf(cell[stage] as string)));
    expect(positions.flat().filter((position) => position < 0)).toEqual([]);
    expect(positions.slice(1).filter((cell, i) => !sortsBefore(positions[i]!, cell))).toEqual([]);
  });

  test('the manifest lists each stage’s values in config order', () => {
    expect(manifest().categories.journey_cube).toEqual({
      portfolio_group: bandLabels(PANEL.portfolioGroups),
      plan: PLANS,
      engagement: bandLabels(PANEL.engagement),
      ticket_range: bandLabels(PANEL.ticketRanges),
      active_status: ACTIVE_STATUSES,
      arr_group: bandLabels(PANEL.arrGroups),
      feature_breadth: bandLabels(PANEL.featureBreadth),
      training: TRAINING_STATUSES,
      region: REGIONS,
    });
  });
});

describe('quantified opportunities on the default data', () => {
  /** The page's estimates, as the journeys page shows them with no filter set. */
  const estimates = async () => {
    const bound = bindQuery(opportunitiesChart.query, defaultState(journeys.parameters), {}, bindOptions(opportunitiesChart));
    return (await runQuery(bound, DEFAULT_DATA)) as { id: string; accounts: number; lift_per_account: number; total: number }[];
  };

  test('each estimate’s lift per account is its total over its accounts', async () => {
    const rows = await estimates();
    expect(rows.map((r) => r.id)).toEqual(['training-naive', 'training-within-plan', 'premium-upgrade', 'adoption-naive', 'adoption-within-plan']);
    for (const row of rows) expect(row.lift_per_account * row.accounts, row.id).toBeCloseTo(row.total, 2);
  });

  test('the premium upgrade: the target accounts priced at the mean ARR of premium accounts of the same profile', async () => {
    // Restated from the panel: portfolio 11+, active, medium or high engagement; starter or pro are the targets.
    const [ref] = await query<{ n: number; arr: number; reference: number }>(
      `SELECT count(*) FILTER (WHERE plan IN ('starter', 'pro'))::INTEGER AS n, sum(arr) FILTER (WHERE plan IN ('starter', 'pro')) AS arr,
        avg(arr) FILTER (WHERE plan = 'premium') AS reference
       FROM ${PANEL_STAGES} WHERE portfolio_group = '11+' AND active_status = 'Active' AND engagement IN ('Medium', 'High')`,
    );
    const premium = (await estimates()).find((r) => r.id === 'premium-upgrade')!;
    const total = ref!.n * ref!.reference - ref!.arr;
    expect(premium.accounts).toBe(ref!.n);
    expect(premium.total).toBeCloseTo(total, 0);
    expect(premium.lift_per_account).toBeCloseTo(total / ref!.n, 2);
  });
});
