/**
 * Monthly CS performance (source 004, phase 3): `cs_performance` on the default data against
 * a recount from the RAW Parquet files in plain TypeScript (read with hyparquet, repeated ids
 * dropped here, months taken from the timestamps' text), without the pipeline's SQL:
 *
 * - one row per cs_team member and month, every month from the first to the last with an
 *   email, an activity or a concluded deal (a completed deal with an owner and an end date);
 * - emails and activities of the specialist in the month, each id counted once;
 * - deals the specialist owns, completed, with the end date in the month.
 *
 * The charts' queries run on the published data and are checked against the same recount;
 * their text, cards and ranking are checked on small hand-made rows whose answers are
 * worked out by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runQuery } from '../src/build/duckdb-node.ts';
import { renderToHtml } from '../src/build/render-static.ts';
import { bindOptions, type ChartDefinition } from '../src/lib/charts/chart.ts';
import {
  CS_PERFORMANCE_CHARTS,
  csPerformanceKpiChart,
  csPerformanceMonthlyChart,
  csRankingChart,
  csTrendChart,
  niceCeiling,
} from '../src/lib/charts/cs-performance.ts';
import { renderChart } from '../src/lib/charts/render.ts';
import type { ParameterState } from '../src/lib/parameters.ts';
import type { Manifest } from '../src/lib/published.ts';
import { bindQuery } from '../src/lib/query.ts';
import { type Row, toCell } from '../src/lib/rows.ts';
import { DEFAULT_DATA, DEFAULT_RAW } from './helpers/default-data.ts';

interface PerformanceRow {
  cs_name: string;
  month: string;
  emails: number;
  activities: number;
  deals_concluded: number;
}

async function readParquet(path: string, columns?: string[]): Promise<Record<string, unknown>[]> {
  return parquetReadObjects({ file: await asyncBufferFromFile(path), compressors, columns });
}
const readRaw = (table: string, columns: string[]) => readParquet(join(DEFAULT_RAW, `${table}.parquet`), columns);

/** The YYYY-MM of a date or timestamp as hyparquet returns it (a Date at the same wall-clock time in UTC). */
function monthOf(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 7);
  return String(value).slice(0, 7);
}

/** The rows of `rows` with the first occurrence of each id. */
function firstOfEachId(rows: Record<string, unknown>[], id: string): Record<string, unknown>[] {
  const seen = new Set<unknown>();
  return rows.filter((row) => {
    if (seen.has(row[id])) return false;
    seen.add(row[id]);
    return true;
  });
}

/** Every month from `first` to `last`, both included. */
function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (let m = first; m <= last; m = `${year}-${String(month).padStart(2, '0')}`) {
    months.push(m);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

let published: PerformanceRow[];
let expected: PerformanceRow[];
let specialists: string[];
let months: string[];
let distinctEmails: number;
let distinctActivities: number;
let concludedDeals: number;
const rawCounts = { emails: 0, activities: 0 };

beforeAll(async () => {
  const [team, deals, rawEmails, rawActivities] = await Promise.all([
    readRaw('cs_team', ['cs_name']),
    readRaw('deals', ['deal_id', 'status', 'end_date', 'cs_owner']),
    readRaw('emails', ['email_id', 'cs_name', 'sent_at']),
    readRaw('activities', ['activity_id', 'cs_name', 'completed_at']),
  ]);
  rawCounts.emails = rawEmails.length;
  rawCounts.activities = rawActivities.length;
  const emails = firstOfEachId(rawEmails, 'email_id');
  const activities = firstOfEachId(rawActivities, 'activity_id');
  const concluded = deals.filter(
    (d) => d.status === 'completed' && d.cs_owner !== null && d.cs_owner !== undefined && d.end_date !== null && d.end_date !== undefined,
  );
  distinctEmails = emails.length;
  distinctActivities = activities.length;
  concludedDeals = concluded.length;

  const counts = new Map<string, PerformanceRow>();
  const key = (cs: string, month: string) => `${cs}|${month}`;
  const bump = (cs: unknown, month: string, measure: 'emails' | 'activities' | 'deals_concluded') => {
    const k = key(String(cs), month);
    const row = counts.get(k) ?? { cs_name: String(cs), month, emails: 0, activities: 0, deals_concluded: 0 };
    row[measure] += 1;
    counts.set(k, row);
  };
  for (const e of emails) bump(e.cs_name, monthOf(e.sent_at), 'emails');
  for (const a of activities) bump(a.cs_name, monthOf(a.completed_at), 'activities');
  for (const d of concluded) bump(d.cs_owner, monthOf(d.end_date), 'deals_concluded');

  const active = [...counts.values()].map((r) => r.month).sort();
  months = monthsBetween(active[0]!, active[active.length - 1]!);
  specialists = team.map((t) => String(t.cs_name)).sort();
  expected = specialists.flatMap((cs) =>
    months.map((month) => counts.get(key(cs, month)) ?? { cs_name: cs, month, emails: 0, activities: 0, deals_concluded: 0 }),
  );

  published = (await readParquet(join(DEFAULT_DATA, 'cs_performance.parquet'))) as unknown as PerformanceRow[];
}, 60_000);

describe('cs_performance against a recount from the raw tables', () => {
  test('the raw tables repeat ids, so the de-duplication is exercised', () => {
    expect(rawCounts.emails).toBeGreaterThan(distinctEmails);
    expect(rawCounts.activities).toBeGreaterThan(distinctActivities);
  });

  test('a full grid: every specialist of cs_team times every month from the first to the last with any event', () => {
    expect(specialists.length).toBeGreaterThan(1);
    expect(months.length).toBeGreaterThan(12);
    expect(published.length).toBe(specialists.length * months.length);
    expect([...new Set(published.map((r) => r.cs_name))].sort()).toEqual(specialists);
    expect([...new Set(published.map((r) => r.month))].sort()).toEqual(months);
  });

  test('every row has the recounted emails, activities and deals concluded, in specialist and month order', () => {
    expect(published.map((r) => ({ ...r }))).toEqual(expected);
  });

  test('the totals are the de-duplicated emails and activities and the concluded deals', () => {
    const total = (measure: keyof Omit<PerformanceRow, 'cs_name' | 'month'>) => published.reduce((sum, r) => sum + r[measure], 0);
    expect(total('emails')).toBe(distinctEmails);
    expect(total('activities')).toBe(distinctActivities);
    expect(total('deals_concluded')).toBe(concludedDeals);
    const quality = JSON.parse(readFileSync(join(DEFAULT_DATA, 'quality.json'), 'utf8')) as { duplicates_removed: Record<string, number> };
    expect(total('emails')).toBe(rawCounts.emails - quality.duplicates_removed.emails!);
    expect(total('activities')).toBe(rawCounts.activities - quality.duplicates_removed.activities!);
  });

  test('the manifest lists the specialists and the months as the categories a page filters by', () => {
    const manifest = JSON.parse(readFileSync(join(DEFAULT_DATA, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.categories.cs_performance).toEqual({ cs_name: specialists, month: months });
  });
});

/** A chart's rows on the default data under a state, bound as the page binds them. */
const chartRows = (chart: ChartDefinition, state: ParameterState) => runQuery(bindQuery(chart.query, state, {}, bindOptions(chart)), DEFAULT_DATA);

describe('the charts’ queries on the default data', () => {
  test('the monthly totals of one specialist and of the team, with running totals', async () => {
    const cs = specialists[1]!;
    for (const [state, pick] of [
      [{ cs }, (r: PerformanceRow) => r.cs_name === cs],
      [{}, () => true],
    ] as const) {
      const rows = await chartRows(csPerformanceMonthlyChart, state);
      const running = { emails: 0, activities: 0, deals_concluded: 0 };
      const want = months.map((month) => {
        const inMonth = expected.filter((r) => r.month === month && pick(r));
        const sum = (measure: keyof typeof running) => inMonth.reduce((s, r) => s + r[measure], 0);
        for (const measure of Object.keys(running) as (keyof typeof running)[]) running[measure] += sum(measure);
        return {
          month,
          emails: sum('emails'),
          activities: sum('activities'),
          deals_concluded: sum('deals_concluded'),
          emails_to_date: running.emails,
          activities_to_date: running.activities,
          deals_concluded_to_date: running.deals_concluded,
        };
      });
      expect(rows).toEqual(want);
    }
  });

  test('the ranking of a selected month ignores the selected specialist and ranks by emails plus activities', async () => {
    const month = months[months.length - 3]!;
    const rows = await chartRows(csRankingChart, { month, cs: specialists[0]! });
    expect(rows).toHaveLength(specialists.length);
    const interactions = (cs: string, upTo: (m: string) => boolean) =>
      expected.filter((r) => r.cs_name === cs && upTo(r.month)).reduce((s, r) => s + r.emails + r.activities, 0);
    for (const row of rows) {
      const cs = String(row.cs_name);
      expect(row.month).toBe(month);
      expect(row.first_month).toBe(months[0]);
      expect(row.interactions).toBe(interactions(cs, (m) => m === month));
      expect(row.interactions_to_date).toBe(interactions(cs, (m) => m <= month));
      // Rank: one more than the specialists with more interactions in the month.
      expect(row.rank).toBe(1 + rows.filter((other) => (other.interactions as number) > (row.interactions as number)).length);
    }
    const latest = await chartRows(csRankingChart, {});
    expect(latest[0]!.month).toBe(months[months.length - 1]);
  });

  test('the trend lists every row of the data set with its interactions', async () => {
    const rows = await chartRows(csTrendChart, { cs: specialists[0]! });
    expect(rows).toEqual(
      expected.map((r) => ({ cs_name: r.cs_name, month: r.month, emails: r.emails, activities: r.activities, interactions: r.emails + r.activities })),
    );
  });

  test('every chart renders the default data under no selection and under a selection', async () => {
    for (const chart of CS_PERFORMANCE_CHARTS) {
      for (const state of [{}, { cs: specialists[2]!, month: months[5]! }] as ParameterState[]) {
        const rows = await chartRows(chart, state);
        const { rendering, description } = renderChart(chart, rows, state);
        expect(description, chart.id).toMatch(/^(In|From|Interactions) /);
        expect(renderToHtml(rendering), chart.id).not.toContain('No data');
      }
    }
  });
});

// ---------------------------------------------------------------------------------------
// Hand-made rows

/** Three months of one specialist's totals as the monthly query returns them. */
const MONTHLY: Row[] = [
  { month: '2026-01', emails: 10, activities: 4, deals_concluded: 0, emails_to_date: 10, activities_to_date: 4, deals_concluded_to_date: 0 },
  { month: '2026-02', emails: 20, activities: 5, deals_concluded: 2, emails_to_date: 30, activities_to_date: 9, deals_concluded_to_date: 2 },
  { month: '2026-03', emails: 15, activities: 5, deals_concluded: 1, emails_to_date: 45, activities_to_date: 14, deals_concluded_to_date: 3 },
];

const htmlOf = (chart: ChartDefinition, rows: readonly Row[], state: ParameterState) => {
  const { rendering } = renderChart(chart, rows, state);
  return rendering.kind === 'html' ? rendering.html : renderToHtml(rendering);
};

describe('the KPI cards', () => {
  test('the latest month against the month before, and the totals to date', () => {
    const html = htmlOf(csPerformanceKpiChart, MONTHLY, { cs: 'Ana' });
    // Emails 20 -> 15: -25.0%; activities 5 -> 5: flat; deals 2 -> 1: -50.0%.
    expect(html).toContain(
      '<dt>Emails sent</dt><dd><span class="kpi-value">15</span><span class="kpi-change bad">▼ -25.0%</span> <span class="kpi-note">vs <span class="unbroken">2026-02</span></span>',
    );
    expect(html).toContain('<dt>Activities completed</dt><dd><span class="kpi-value">5</span><span class="kpi-change flat">0.0%</span>');
    expect(html).toContain('<dt>Deals concluded</dt><dd><span class="kpi-value">1</span><span class="kpi-change bad">▼ -50.0%</span>');
    expect(html).toContain('<dt>Emails sent to date</dt><dd><span class="kpi-value">45</span><span class="kpi-note">2026-01 to 2026-03</span>');
    expect(html).toContain('<dt>Activities completed to date</dt><dd><span class="kpi-value">14</span>');
    expect(html).toContain('<dt>Deals concluded to date</dt><dd><span class="kpi-value">3</span>');
    expect(html).toContain('aria-label="Performance of Ana in 2026-03"');
    expect(csPerformanceKpiChart.describe(MONTHLY, { filters: { cs: 'Ana' } })).toBe(
      'In 2026-03, Ana: emails sent 15, activities completed 5 and deals concluded 1; from 2026-01 to 2026-03: emails sent 45, activities completed 14 and deals concluded 3.',
    );
  });

  test('a selected month: its change and its totals; the first month has no change', () => {
    const february = htmlOf(csPerformanceKpiChart, MONTHLY, { month: '2026-02' });
    // Emails 10 -> 20: +100.0%; activities 4 -> 5: +25.0%; deals 0 -> 2: no relative change.
    expect(february).toContain('<span class="kpi-value">20</span><span class="kpi-change good">▲ +100.0%</span>');
    expect(february).toContain('<span class="kpi-value">5</span><span class="kpi-change good">▲ +25.0%</span>');
    expect(february).toContain('<dt>Deals concluded</dt><dd><span class="kpi-value">2</span><span class="kpi-change flat">–</span>');
    expect(february).toContain('<dt>Emails sent to date</dt><dd><span class="kpi-value">30</span><span class="kpi-note">2026-01 to 2026-02</span>');
    expect(february).toContain('aria-label="Performance of all specialists in 2026-02"');
    expect(htmlOf(csPerformanceKpiChart, MONTHLY, { month: '2026-01' })).toContain('first month: no change');
  });
});

describe('the monthly panels', () => {
  test('the summary names the span, the totals and the busiest month', () => {
    expect(csPerformanceMonthlyChart.describe(MONTHLY, { filters: {}, crossFilter: csPerformanceMonthlyChart.crossFilter })).toBe(
      'From 2026-01 to 2026-03 (3 months), all specialists: emails sent 45, activities completed 14 and deals concluded 3; the busiest month was 2026-02 with 25 emails and activities.',
    );
  });

  test('each panel ends on its own round maximum, and every bar selects its month', () => {
    expect([1, 3, 7, 10, 11, 26, 149, 151, 999, 1001].map(niceCeiling)).toEqual([1, 3, 8, 10, 15, 30, 150, 200, 1000, 1500]);
    const html = htmlOf(csPerformanceMonthlyChart, MONTHLY, { month: '2026-02' });
    const bars = [...html.matchAll(/<rect [^>]*>/g)].map((m) => m[0]);
    expect(bars).toHaveLength(9);
    expect(bars.map((bar) => /data-value="([^"]+)"/.exec(bar)?.[1])).toEqual(Array.from({ length: 3 }, () => ['2026-01', '2026-02', '2026-03']).flat());
    expect(bars.filter((bar) => bar.includes('fill-opacity="1"'))).toHaveLength(3);
    // The emails panel ends on 20 (its maximum), the activities panel on 5, the deals panel on 2.
    expect(html).toMatch(/<text[^>]*>20<\/text>/);
    expect(html).toContain('<title>Emails sent, 2026-02: 20</title>');
  });
});

describe('the ranking', () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    conn = await (await DuckDBInstance.create(':memory:')).connect();
    // Four specialists over two months; in 2026-02 Bea and Cid tie on 9 interactions.
    await conn.run(`CREATE TABLE cs_performance AS SELECT * FROM (VALUES
      ('Ana', '2026-01', 5, 5, 1), ('Ana', '2026-02', 4, 1, 0),
      ('Bea', '2026-01', 1, 0, 0), ('Bea', '2026-02', 6, 3, 1),
      ('Cid', '2026-01', 2, 2, 0), ('Cid', '2026-02', 4, 5, 2),
      ('Dan', '2026-01', 0, 0, 0), ('Dan', '2026-02', 10, 2, 0)
    ) t(cs_name, month, emails, activities, deals_concluded)`);
  });
  afterAll(() => conn.closeSync());

  const ranking = async (state: ParameterState) => {
    const bound = bindQuery(csRankingChart.query, state, {}, bindOptions(csRankingChart));
    const reader = await conn.runAndReadAll(bound.sql, [...bound.params]);
    const names = reader.columnNames();
    return reader.getRows().map((values) => Object.fromEntries(names.map((name, i) => [name, toCell(values[i])])));
  };

  test('ties share a rank and the next rank is skipped; totals run from the first month', async () => {
    const rows = await ranking({});
    expect(rows.map((r) => [r.cs_name, r.rank, r.interactions, r.deals_concluded, r.interactions_to_date, r.deals_concluded_to_date])).toEqual([
      ['Dan', 1, 12, 0, 12, 0],
      ['Bea', 2, 9, 1, 10, 1],
      ['Cid', 2, 9, 2, 13, 2],
      ['Ana', 4, 5, 0, 15, 1],
    ]);
    expect(csRankingChart.describe(rows, { filters: {} })).toBe(
      'In 2026-02, Dan ranks first with 12 interactions and Ana ranks last with 5 interactions; from 2026-01 to 2026-02, Ana leads with 15.',
    );
  });

  test('a selected month ranks that month only; a first place shared is said so', async () => {
    const rows = await ranking({ month: '2026-01', cs: 'Bea' });
    expect(rows.map((r) => [r.cs_name, r.rank, r.interactions_to_date])).toEqual([
      ['Ana', 1, 10],
      ['Cid', 2, 4],
      ['Bea', 3, 1],
      ['Dan', 4, 0],
    ]);
    const tied = rows.map((r) => (r.cs_name === 'Cid' ? { ...r, rank: 1, interactions: 10, interactions_to_date: 10 } : r));
    expect(csRankingChart.describe(tied, { filters: {} })).toBe(
      'In 2026-01, Ana and Cid share first place with 10 interactions and Dan ranks last with 0 interactions; from 2026-01 to 2026-01, Ana and Cid lead with 10.',
    );
  });

  test('the selected specialist’s row is highlighted, and each row sets the specialist', async () => {
    const rows = await ranking({ cs: 'Cid' });
    const html = htmlOf(csRankingChart, rows, { cs: 'Cid' });
    expect(html).toContain('<caption>Specialists by interactions in 2026-02, with totals from 2026-01</caption>');
    expect([...html.matchAll(/<tr class="selected">.*?data-value="([^"]+)"/g)].map((m) => m[1])).toEqual(['Cid']);
    expect([...html.matchAll(/data-filter="cs" data-value="([^"]+)"/g)].map((m) => m[1])).toEqual(['Dan', 'Bea', 'Cid', 'Ana']);
  });
});

describe('the trend', () => {
  const rows: Row[] = [
    { cs_name: 'Ana', month: '2026-01', emails: 5, activities: 5, interactions: 10 },
    { cs_name: 'Ana', month: '2026-02', emails: 4, activities: 1, interactions: 5 },
    { cs_name: 'Bea', month: '2026-01', emails: 1, activities: 0, interactions: 1 },
    { cs_name: 'Bea', month: '2026-02', emails: 6, activities: 3, interactions: 9 },
  ];

  test('the summary names the most and fewest interactions of the month, and the selected specialist', () => {
    expect(csTrendChart.describe(rows, { filters: {} })).toBe(
      'Interactions of 2 specialists over 2 months; in 2026-02 the most were Bea’s (9), the fewest Ana’s (5).',
    );
    expect(csTrendChart.describe(rows, { filters: { cs: 'Ana', month: '2026-01' } })).toBe(
      'Interactions of 2 specialists over 2 months; in 2026-01 the most were Ana’s (10), the fewest Bea’s (1); Ana had 10.',
    );
  });

  test('the selected specialist stands out, the others fade, and every point selects its specialist', () => {
    const html = htmlOf(csTrendChart, rows, { cs: 'Bea' });
    const dots = [...html.matchAll(/<circle [^>]*>/g)].map((m) => m[0]);
    expect(dots.map((dot) => [/data-value="([^"]+)"/.exec(dot)?.[1], /fill-opacity="([^"]+)"/.exec(dot)?.[1]])).toEqual([
      ['Ana', '0.2'],
      ['Ana', '0.2'],
      ['Bea', '1'],
      ['Bea', '1'],
    ]);
    expect(html).toContain('stroke-width="3" stroke="#D55E00"');
    expect(html).toMatch(/<text[^>]*>Bea<\/text>/);
  });
});

test('every chart says there is no data, without throwing, when there are no rows', () => {
  for (const chart of CS_PERFORMANCE_CHARTS) {
    for (const state of [{}, { cs: 'Ana', month: '2026-01' }] as ParameterState[]) {
      const { rendering, description } = renderChart(chart, [], state);
      expect(description, chart.id).toBe('No data: no email, activity or concluded deal in the data.');
      expect(rendering, chart.id).toEqual({ kind: 'html', html: '<p class="empty">No data: no email, activity or concluded deal in the data.</p>' });
    }
  }
});
