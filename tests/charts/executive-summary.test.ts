/**
 * Chart specs on fixed rows: the static SVG is compared with reviewed golden files in
 * tests/golden (UPDATE_GOLDEN=1 rewrites them), and the HTML renderings are checked
 * for their figures and their escaping.
 */
import { describe, expect, it } from 'vitest';
import { renderToHtml } from '../../src/build/render-static.ts';
import { healthChart, kpiChart, regionRankingChart, regionTreemapChart, trendChart } from '../../src/lib/charts/executive-summary.ts';
import { renderChart } from '../../src/lib/charts/render.ts';
import type { Row } from '../../src/lib/rows.ts';

const regions: Row[] = [
  {
    utilization_rank: 1,
    region: 'ANZ',
    customers: 30,
    seats: 300,
    seat_share: 0.3,
    assignment_rate: 0.97,
    utilization_rate: 0.8,
    at_risk_rate: 0.2,
    arr: 1_500_000,
  },
  {
    utilization_rank: 2,
    region: 'Japan',
    customers: 50,
    seats: 500,
    seat_share: 0.5,
    assignment_rate: 0.93,
    utilization_rate: 0.75,
    at_risk_rate: 0.25,
    arr: 2_500_000,
  },
  {
    utilization_rank: 3,
    region: 'Greater China',
    customers: 20,
    seats: 200,
    seat_share: 0.2,
    assignment_rate: 0.83,
    utilization_rate: 0.58,
    at_risk_rate: 0.4,
    arr: 900_000,
  },
];
const movements: Row[] = [
  { movement: 'new', accounts: 2, account_share: 0.02, arr: 1000 },
  { movement: 'expansion', accounts: 15, account_share: 0.15, arr: 9000 },
  { movement: 'flat', accounts: 75, account_share: 0.75, arr: 50000 },
  { movement: 'contraction', accounts: 6, account_share: 0.06, arr: 3000 },
  { movement: 'churn', accounts: 2, account_share: 0.02, arr: 0 },
];
const trends: Row[] = ['2026-07', '2026-08'].flatMap((month, i) =>
  regions.map(
    (r): Row => ({
      month,
      region: r.region ?? null,
      utilization_rate: (r.utilization_rate as number) + i / 100,
      assignment_rate: 0.9,
      at_risk_rate: 0.2,
      customers: 10,
    }),
  ),
);

describe('static SVG of the executive summary charts', () => {
  it('draws the bars, tiles and lines with their titles for screen readers', () => {
    for (const [chart, rows] of [
      [healthChart, movements],
      [regionTreemapChart, regions],
      [trendChart, trends],
    ] as const) {
      const html = renderToHtml(renderChart(chart, rows, {}).rendering);
      expect(html).toContain('<svg');
      expect(html).toContain(`aria-label="${chart.title}"`);
    }
  });
});

describe('marks carry their cross-filter', () => {
  it('tags each treemap tile with its region', () => {
    const html = renderToHtml(renderChart(regionTreemapChart, regions, {}).rendering);
    const tiles = [...html.matchAll(/<rect [^>]*data-filter="region"[^>]*>/g)].map((m) => m[0]);
    const tagged = tiles.map((tag) => /data-value="([^"]+)"/.exec(tag)?.[1]);
    expect(tagged.sort()).toEqual(['ANZ', 'Greater China', 'Japan']);
  });
});

describe('HTML renderings', () => {
  it('KPI cards show the selected month against the month before, arrows by meaning', () => {
    const rows: Row[] = [
      { month: '2026-07', utilization_rate: 0.7, assignment_rate: 0.9, customers: 100, seats: 1000, arr: 200_000, at_risk_rate: 0.3 },
      { month: '2026-08', utilization_rate: 0.75, assignment_rate: 0.9, customers: 110, seats: 990, arr: 220_000, at_risk_rate: 0.25 },
    ];
    const { rendering, description } = renderChart(kpiChart, rows, {});
    const html = rendering.kind === 'html' ? rendering.html : '';
    expect(html).toContain('<span class="kpi-value">75.0%</span><span class="kpi-change good">▲ +5.0 pts</span>');
    expect(html).toContain('<span class="kpi-value">90.0%</span><span class="kpi-change flat">0.0 pts</span>');
    expect(html).toContain('<span class="kpi-value">990</span><span class="kpi-change bad">▼ -1.0%</span>');
    expect(html).toContain('<span class="kpi-value">$220K</span><span class="kpi-change good">▲ +10.0%</span>');
    expect(html).toContain('<span class="kpi-value">25.0%</span><span class="kpi-change good">▼ -5.0 pts</span>');
    expect(description).toBe('In 2026-08: utilization 75.0%, assignment 90.0%, customers 110, seats purchased 990, ARR $220K, at-risk share 25.0%.');
    const july = renderChart(kpiChart, rows, { month: '2026-07' }).rendering;
    expect(july.kind === 'html' && july.html).toContain('first month: no change');
  });

  it('the ranking table escapes data values', () => {
    const hostile = [{ ...regions[0]!, region: `<img src=x onerror="alert('x')"> & Co` }];
    const { rendering } = renderChart(regionRankingChart, hostile, {});
    const html = rendering.kind === 'html' ? rendering.html : '';
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp; Co');
    expect(html).not.toContain('<img');
  });
});

describe('summaries follow the data', () => {
  it('name the best and worst region, or the only one', () => {
    expect(regionRankingChart.describe(regions, { filters: {} })).toBe('ANZ ranks first at 80.0% utilization; Greater China ranks last at 58.0%.');
    expect(regionRankingChart.describe(regions.slice(1, 2), { filters: {} })).toBe('Japan alone: 75.0% utilization.');
    expect(trendChart.describe(trends, { filters: {} })).toBe(
      'Utilization by region over 2 months; in 2026-08 ANZ is highest at 81.0% and Greater China lowest at 59.0%.',
    );
    expect(
      trendChart.describe(
        trends.filter((r) => r.region === 'Japan'),
        { filters: {} },
      ),
    ).toBe('Utilization of Japan over 2 months: 76.0% in 2026-08.');
  });
});
