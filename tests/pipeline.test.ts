/**
 * The pipeline on small hand-made input (tests/fixtures/small): every expected value below
 * was worked out by hand from the CSV files, not by running the code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { openPublished } from './helpers/default-data.ts';
import { FIXTURES, runInto, tempDir, type Run } from './helpers/run.ts';

let run: Run;
let query: Awaited<ReturnType<typeof openPublished>>['query'];

beforeAll(async () => {
  run = await runInto(tempDir('fixture'), { input: join(FIXTURES, 'small') });
  ({ query } = await openPublished(
    run.out,
    run.manifest.tables.map((t) => t.name),
  ));
});

const close = (actual: unknown, expected: number) => expect(actual as number).toBeCloseTo(expected, 9);

describe('derived account attributes', () => {
  test('size band from the latest month, tenure segment from the snapshot', async () => {
    const accounts = await query(
      `SELECT account_id, seats_latest, size_band, tenure_months, tenure_segment, lifecycle_stage FROM accounts ORDER BY account_id`,
    );
    expect(accounts).toEqual([
      { account_id: 'A1', seats_latest: 1, size_band: '1', tenure_months: 1, tenure_segment: 'Q1', lifecycle_stage: 'Onboarding' },
      { account_id: 'A2', seats_latest: 10, size_band: '6-10', tenure_months: 79, tenure_segment: '5+ years', lifecycle_stage: 'Veteran' },
      { account_id: 'A3', seats_latest: 700, size_band: '500+', tenure_months: 36, tenure_segment: 'Year 4', lifecycle_stage: 'Veteran' },
      { account_id: 'A4', seats_latest: 3, size_band: '2-5', tenure_months: 19, tenure_segment: 'Year 2', lifecycle_stage: 'Established' },
    ]);
  });

  test('names with HTML and SQL characters survive untouched', async () => {
    const names = await query<{ account_name: string }>(`SELECT account_name FROM accounts ORDER BY account_id`);
    expect(names.map((n) => n.account_name)).toEqual(['Tan & Lim', "O'Brien Surveying", '<Big> "Works" Co', 'Quiet Utilities']);
  });
});

describe('master usage rules', () => {
  test('rates, capping, undefined utilization, flags and unused seats', async () => {
    const rows = await query(
      `SELECT account_id, product, month, assignment_rate, utilization_raw, utilization_rate, utilization_capped,
              at_risk, expansion_candidate, high_performer, performance_category, unassigned_seats, unused_seats
       FROM master_usage WHERE account_id IN ('A2', 'A3') ORDER BY account_id, product, month`,
    );
    expect(rows).toEqual([
      {
        account_id: 'A2',
        product: 'P1',
        month: '2026-07',
        assignment_rate: 0.8,
        utilization_raw: 0.75,
        utilization_rate: 0.75,
        utilization_capped: false,
        at_risk: false,
        expansion_candidate: false,
        high_performer: false,
        performance_category: 'Stable',
        unassigned_seats: 2,
        unused_seats: 2,
      },
      {
        account_id: 'A2',
        product: 'P1',
        month: '2026-08',
        assignment_rate: 1,
        utilization_raw: 1.2,
        utilization_rate: 1,
        utilization_capped: true,
        at_risk: false,
        expansion_candidate: true,
        high_performer: true,
        performance_category: 'Fully used',
        unassigned_seats: 0,
        unused_seats: 0,
      },
      {
        account_id: 'A3',
        product: 'P1',
        month: '2026-07',
        assignment_rate: 0.5,
        utilization_raw: 100 / 300,
        utilization_rate: 100 / 300,
        utilization_capped: false,
        at_risk: true,
        expansion_candidate: false,
        high_performer: false,
        performance_category: 'At risk',
        unassigned_seats: 300,
        unused_seats: 200,
      },
      {
        account_id: 'A3',
        product: 'P1',
        month: '2026-08',
        assignment_rate: 0.75,
        utilization_raw: 0.5,
        utilization_rate: 0.5,
        utilization_capped: false,
        at_risk: true,
        expansion_candidate: false,
        high_performer: false,
        performance_category: 'At risk',
        unassigned_seats: 150,
        unused_seats: 225,
      },
      {
        account_id: 'A3',
        product: 'P2',
        month: '2026-07',
        assignment_rate: 0,
        utilization_raw: null,
        utilization_rate: null,
        utilization_capped: false,
        at_risk: false,
        expansion_candidate: false,
        high_performer: false,
        performance_category: null,
        unassigned_seats: 100,
        unused_seats: 0,
      },
      {
        account_id: 'A3',
        product: 'P2',
        month: '2026-08',
        assignment_rate: 0.5,
        utilization_raw: 1,
        utilization_rate: 1,
        utilization_capped: false,
        at_risk: false,
        expansion_candidate: true,
        high_performer: false,
        performance_category: 'Fully used',
        unassigned_seats: 50,
        unused_seats: 0,
      },
    ]);
  });
});

describe('aggregates', () => {
  test('regional summary', async () => {
    const regions = await query<Record<string, number> & { region: string }>(`SELECT * FROM regional_summary ORDER BY region`);
    expect(regions.map((r) => [r.region, r.accounts, r.usage_rows, r.seats_latest])).toEqual([
      ['ANZ', 1, 1, 1],
      ['Greater China', 1, 2, 3],
      ['Japan', 2, 6, 710],
    ]);
    const [anz, gc, japan] = regions;
    close(anz!.assignment_rate, 1);
    close(anz!.utilization_rate, 1);
    close(anz!.at_risk_rate, 0);
    close(gc!.assignment_rate, (1 + 2 / 3) / 2);
    close(gc!.utilization_rate, (1 / 3 + 1) / 2);
    close(gc!.at_risk_rate, 0.5);
    close(japan!.assignment_rate, (0.8 + 1 + 0.5 + 0 + 0.75 + 0.5) / 6);
    close(japan!.utilization_rate, (0.75 + 1 + 1 / 3 + 0.5 + 1) / 5);
    close(japan!.at_risk_rate, 2 / 5);
    close(japan!.expansion_rate, 2 / 5);
    close(japan!.seat_share, 710 / 714);
    close(japan!.arr_latest, 465_000);
    expect(regions.map((r) => [r.region, r.utilization_rank])).toEqual([
      ['ANZ', 1],
      ['Greater China', 3],
      ['Japan', 2],
    ]);
  });

  test('size bands hold only the bands present, in band order', async () => {
    const bands = await query<Record<string, number> & { size_band: string }>(`SELECT * FROM size_band_analysis`);
    expect(bands.map((b) => [b.size_band, b.accounts, b.usage_rows])).toEqual([
      ['1', 1, 1],
      ['2-5', 1, 2],
      ['6-10', 1, 2],
      ['500+', 1, 4],
    ]);
    close(bands[3]!.assignment_rate, (0.5 + 0 + 0.75 + 0.5) / 4);
    close(bands[3]!.utilization_rate, (1 / 3 + 0.5 + 1) / 3);
    close(bands[3]!.revenue_contribution, 450_000 / 469_000);
  });

  test('executive summary with month-over-month change', async () => {
    const months = await query<Record<string, number> & { month: string }>(`SELECT * FROM executive_summary ORDER BY month`);
    expect(months.map((m) => [m.month, m.accounts, m.seats_purchased, m.seats_assigned, m.seats_used, m.arr])).toEqual([
      ['2026-07', 3, 713, 311, 107, 515_000],
      ['2026-08', 4, 714, 513, 290, 469_000],
    ]);
    close(months[0]!.assignment_rate, (0.8 + 0.5 + 0 + 1) / 4);
    close(months[0]!.utilization_rate, (0.75 + 1 / 3 + 1 / 3) / 3);
    close(months[1]!.assignment_rate, (1 + 1 + 0.75 + 0.5 + 2 / 3) / 5);
    close(months[1]!.utilization_rate, 0.9);
    expect(months[0]!.accounts_change).toBeNull();
    expect(months[1]!.accounts_change).toBe(1);
    close(months[1]!.utilization_rate_change, 0.9 - (0.75 + 2 / 3) / 3);
    close(months[1]!.arr_change, 469_000 / 515_000 - 1);
  });

  test('risk matrix follows each row to the next month', async () => {
    const matrix = await query(
      `SELECT performance_category, usage_rows, followed_rows, next_contraction_rate, next_expansion_rate FROM risk_opportunity_matrix`,
    );
    expect(matrix).toEqual([
      { performance_category: 'At risk', usage_rows: 3, followed_rows: 2, next_contraction_rate: 0.5, next_expansion_rate: 0 },
      { performance_category: 'Stable', usage_rows: 1, followed_rows: 1, next_contraction_rate: 0, next_expansion_rate: 1 },
      { performance_category: 'Fully used', usage_rows: 4, followed_rows: 0, next_contraction_rate: null, next_expansion_rate: null },
    ]);
  });

  test('churn risk bands follow each account month to the next one', async () => {
    // July: A2 uses 6 of 8 (75%), then expands; A3 100 of 300 over its products (33%), then contracts;
    // A4 1 of 3 (33%), then flat. August has no next month; no account churns.
    const bands = await query(`SELECT utilization_band, followed, churned, churn_risk FROM churn_risk_bands WHERE followed > 0 ORDER BY band_order`);
    expect(bands).toEqual([
      { utilization_band: '30–40%', followed: 2, churned: 0, churn_risk: 0 },
      { utilization_band: '70–80%', followed: 1, churned: 0, churn_risk: 0 },
    ]);
    const [empty] = await query(`SELECT count(*)::INTEGER AS bands, count(churn_risk)::INTEGER AS rated FROM churn_risk_bands`);
    expect(empty).toEqual({ bands: 11, rated: 2 });
  });

  test('filter cube sums add back up to the totals', async () => {
    const [cube] = await query(
      `SELECT sum(usage_rows) AS rows, sum(seats_purchased) AS purchased, sum(utilization_rows) AS util_rows, sum(at_risk_rows) AS at_risk,
              sum(expansion_rows) AS expansion
       FROM filter_cube`,
    );
    expect(cube).toEqual({ rows: 9, purchased: 1427, util_rows: 8, at_risk: 3, expansion: 4 });
  });

  test('panel profile groups', async () => {
    const panel = await query(
      `SELECT account_id, portfolio_group, zero_portfolio, total_events, engagement, attended_training, ticket_range, arr_group FROM panel_profile`,
    );
    expect(panel).toEqual([
      {
        account_id: 'A1',
        portfolio_group: '1',
        zero_portfolio: true,
        total_events: 2,
        engagement: 'Low',
        attended_training: true,
        ticket_range: '0',
        arr_group: '<$5k',
      },
      {
        account_id: 'A2',
        portfolio_group: '11+',
        zero_portfolio: false,
        total_events: 1,
        engagement: 'Low',
        attended_training: false,
        ticket_range: '2-4',
        arr_group: '$15k+',
      },
      {
        account_id: 'A3',
        portfolio_group: '11+',
        zero_portfolio: false,
        total_events: 1,
        engagement: 'Low',
        attended_training: false,
        ticket_range: '2-4',
        arr_group: '$15k+',
      },
      {
        account_id: 'A4',
        portfolio_group: '2-5',
        zero_portfolio: false,
        total_events: 0,
        engagement: 'Low',
        attended_training: false,
        ticket_range: '1',
        arr_group: '$5k-$15k',
      },
    ]);
  });

  test('journey cube: one row per combination of stages, in the stages’ order', async () => {
    const stages = ['portfolio_group', 'plan', 'engagement', 'ticket_range', 'active_status', 'arr_group', 'feature_breadth', 'training', 'region'];
    const cube = await query(`SELECT * FROM journey_cube`);
    expect(cube.map((cell) => stages.map((stage) => cell[stage]))).toEqual([
      ['1', 'starter', 'Low', '0', 'Active', '<$5k', '0-4', 'Trained', 'ANZ'],
      ['2-5', 'pro', 'Low', '1', 'Active', '$5k-$15k', '0-4', 'Not trained', 'Greater China'],
      ['11+', 'premium', 'Low', '2-4', 'Inactive', '$15k+', '0-4', 'Not trained', 'Japan'],
    ]);
    // A1 alone (NPS 9, trained, portfolio 0); A4 alone (no events, NPS 10); A2 (no NPS answer) with A3 (ARR with cents).
    expect(
      cube.map((cell) => [cell.accounts, cell.arr, cell.arr_squares, cell.tickets, cell.nps_sum, cell.nps_count, cell.trained, cell.zero_portfolio]),
    ).toEqual([
      [1, 500, 500 ** 2, 0, 9, 1, 1, 1],
      [1, 8000, 8000 ** 2, 1, 10, 1, 0, 0],
      [2, 15000 + 20000.5, 15000 ** 2 + 20000.5 ** 2, 3 + 4, 7, 1, 0, 0],
    ]);
  });
});

describe('manifest and quality report', () => {
  test('manifest row counts and hashes match the files', async () => {
    for (const table of run.manifest.tables) {
      const [count] = await query<{ n: number }>(`SELECT count(*) AS n FROM ${table.name}`);
      expect(count!.n, table.name).toBe(table.rows);
      expect(table.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(run.manifest.source).toEqual({ kind: 'input', dir: join(FIXTURES, 'small') });
    expect(run.manifest.categories.filter_cube?.month).toEqual(['2026-07', '2026-08']);
    expect(run.manifest.period).toEqual({ first_month: '2026-07', last_month: '2026-08', snapshot_date: '2026-08-31' });
  });

  test('quality report counts what the rules did', () => {
    const quality = JSON.parse(readFileSync(join(run.out, 'quality.json'), 'utf8'));
    expect(quality.duplicates_removed).toEqual({ emails: 1, activities: 0 });
    expect(quality.values_capped[0].rows).toBe(1);
    expect(Object.fromEntries(quality.rows_flagged.map((f: { flag: string; rows: number }) => [f.flag, f.rows]))).toEqual({
      'utilization undefined': 1,
      'zero portfolio': 1,
      'no usage': 0,
      // Both synthetic customers have one order date; the default Superstore data has 12 such customers.
      'typical gap imputed (synthetic)': 2,
      'typical gap imputed (superstore)': 12,
    });
    const accounts = quality.tables.find((t: { table: string }) => t.table === 'accounts');
    expect(accounts.missing.cs_owner).toBe(2);
    const emails = quality.tables.find((t: { table: string }) => t.table === 'emails');
    expect([emails.rows_read, emails.rows_kept]).toEqual([3, 2]);
    expect(quality.coverage).toEqual({ regions: ['ANZ', 'Greater China', 'Japan'], months: ['2026-07', '2026-08'] });
  });
});
