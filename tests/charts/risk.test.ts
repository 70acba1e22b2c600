/**
 * The risk dashboard's chart specs on fixed rows: golden SVG files (UPDATE_GOLDEN=1
 * rewrites them), cross-filter tags on the bubbles, bubble labels that never overlap, the
 * action list's escaping, and the summaries.
 */
import { describe, expect, it } from 'vitest';
import { renderToHtml } from '../../src/build/render-static.ts';
import { renderChart } from '../../src/lib/charts/render.ts';
import type { Rendering } from '../../src/lib/charts/chart.ts';
import { accountRevenueRiskChart, actionListChart, healthUrgencyChart, regionRiskChart, riskEvolutionChart } from '../../src/lib/charts/risk.ts';
import type { Row } from '../../src/lib/rows.ts';

const apac = { apac_utilization_rate: 0.75, apac_at_risk_rate: 0.24 };
const regions: Row[] = [
  { region: 'ANZ', seats: 320, customers: 30, utilization_rate: 0.794, assignment_rate: 0.97, at_risk_rate: 0.189, ...apac },
  { region: 'Greater China', seats: 890, customers: 50, utilization_rate: 0.587, assignment_rate: 0.82, at_risk_rate: 0.405, ...apac },
  { region: 'India', seats: 375, customers: 32, utilization_rate: 0.789, assignment_rate: 0.95, at_risk_rate: 0.194, ...apac },
  { region: 'Korea', seats: 308, customers: 28, utilization_rate: 0.808, assignment_rate: 0.96, at_risk_rate: 0.175, ...apac },
];
const movements: Row[] = [
  { movement: 'churn', accounts: 2, account_share: 0.02, arr: 0 },
  { movement: 'contraction', accounts: 6, account_share: 0.06, arr: 3000 },
  { movement: 'new', accounts: 2, account_share: 0.02, arr: 1000 },
  { movement: 'flat', accounts: 75, account_share: 0.75, arr: 50000 },
  { movement: 'expansion', accounts: 15, account_share: 0.15, arr: 9000 },
];
const evolution: Row[] = ['2026-07', '2026-08'].flatMap((month, i) =>
  regions.map(
    (r): Row => ({ month, region: r.region ?? null, at_risk_rate: (r.at_risk_rate as number) + i / 100, customers: 10, apac_at_risk_rate: 0.24 + i / 200 }),
  ),
);

describe('static SVG of the risk charts', () => {
  it('customer health by urgency names each movement with its action', () => {
    expect(renderToHtml(renderChart(healthUrgencyChart, movements, {}).rendering)).toContain('churn · Win back');
  });
  it('risk evolution draws a line per region', () => {
    expect(renderToHtml(renderChart(riskEvolutionChart, evolution, {}).rendering)).toContain('<svg');
  });
});

describe('regional risk bubbles', () => {
  const html = renderToHtml(renderChart(regionRiskChart, regions, {}).rendering);

  it('tags each bubble with its region for cross-filtering', () => {
    const circles = [...html.matchAll(/<circle [^>]*>/g)].map((m) => m[0]).filter((tag) => tag.includes('data-filter="region"'));
    const tagged = circles.map((tag) => /data-value="([^"]+)"/.exec(tag)?.[1]);
    expect(tagged.sort()).toEqual(['ANZ', 'Greater China', 'India', 'Korea']);
  });

  it('lays the labels out without overlaps, even for crowded bubbles', () => {
    const labels = [...html.matchAll(/<text [^>]*transform="translate\(([\d.]+),([\d.]+)\)"[^>]*>(ANZ|Greater China|India|Korea)<\/text>/g)];
    expect(labels.map((m) => m[3]).sort()).toEqual(['ANZ', 'Greater China', 'India', 'Korea']);
    const ys = labels.map((m) => Number(m[2])).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(14.9);
  });

  it('fades the regions that are not selected', () => {
    const selected = renderToHtml(renderChart(regionRiskChart, regions, { region: 'India' }).rendering);
    expect(selected).toContain('fill-opacity="0.24"');
  });
});

describe('action list', () => {
  it('escapes account names', () => {
    const row: Row = {
      account_name: `Kaur & D'Souza <Engineering>`,
      account_id: 'A1',
      region: 'India',
      seats_purchased: 40,
      utilization_rate: 0.3,
      arr: 250_000,
      movement: 'contraction',
    };
    const { rendering } = renderChart(actionListChart, [row], {});
    const html = rendering.kind === 'html' ? rendering.html : '';
    expect(html).toContain('<th scope="row"><a href="../account-health/?account=A1">Kaur &amp; D&#39;Souza &lt;Engineering&gt;</a></th>');
    expect(html).toContain('<td class="num">$250,000</td>');
  });
});

describe('summaries follow the data', () => {
  it('name the accounts calling for intervention, the riskiest region and the largest change', () => {
    expect(healthUrgencyChart.describe(movements, { filters: {} })).toBe(
      '8 accounts (8.0%) call for intervention now (churn, contraction); churn 2.0%, contraction 6.0%, new 2.0%, flat 75.0%, expansion 15.0%.',
    );
    expect(regionRiskChart.describe(regions, { filters: {} })).toBe(
      'Highest risk: Greater China (40.5% at risk, 58.7% utilization); lowest: Korea (17.5% at risk, 80.8% utilization).',
    );
    expect(riskEvolutionChart.describe(evolution, { filters: {} })).toBe(
      'All regions: 24.5% at risk in 2026-08; the largest change from 2026-07 to 2026-08 is in ANZ (+1.0 pts).',
    );
    expect(actionListChart.describe([], { filters: {} })).toBe('No account at risk matches the filters.');
  });

  it('name the largest change either way: with every region falling, the largest fall', () => {
    const falls: Record<string, number> = { ANZ: -0.009, 'Greater China': -0.016, India: -0.008, Korea: -0.011 };
    const falling = evolution.map((r) =>
      r.month === '2026-08' ? { ...r, at_risk_rate: (regions.find((g) => g.region === r.region)!.at_risk_rate as number) + falls[r.region as string]! } : r,
    );
    expect(riskEvolutionChart.describe(falling, { filters: {} })).toBe(
      'All regions: 24.5% at risk in 2026-08; the largest change from 2026-07 to 2026-08 is in Greater China (-1.6 pts).',
    );
  });
});

describe('revenue against churn risk on the risk page', () => {
  const totals = { matching_accounts: 10, matching_arr: 1_000_000, matching_expected_churn_arr: 25_000 };
  const account = (id: string, region: string, arr: number, churn_risk: number | null, at_risk: boolean): Row => ({
    account_id: id,
    account_name: `Account ${id}`,
    region,
    arr,
    utilization_rate: at_risk ? 0.3 : 0.9,
    at_risk,
    utilization_band: at_risk ? '30–40%' : '90–100%',
    churn_risk,
    expected_churn_arr: churn_risk === null ? null : arr * churn_risk,
    ...totals,
  });
  const rows = [
    account('A1', 'Japan', 400_000, 0.04, true),
    account('A2', 'India', 200_000, 0.01, false),
    account('A3', 'India', 100_000, null, false),
    account('A4', 'Korea', 0, 0.04, true),
  ];

  it('draws one point per account with ARR and a churn risk, tagged with its region', () => {
    const html = renderToHtml(renderChart(accountRevenueRiskChart, rows, {}).rendering);
    const tagged = [...html.matchAll(/<circle data-value="([^"]+)" data-filter="region"/g)].map((m) => m[1]);
    expect(tagged).toEqual(['Japan', 'India']);
    expect(html).toContain('Account A1 (Japan): $400K ARR, 30.0% utilization, churn risk 4.0%');
  });

  it('labels its log ARR axis at 1, 2 and 5 times each power of ten within the points', () => {
    const spread = [...rows, account('A5', 'ANZ', 1_500, 0.02, false)];
    const labels = (options: Rendering) => [...renderToHtml(options).matchAll(/<text[^>]*>(\$[^<]+)<\/text>/g)].map((m) => m[1]);
    // Plot's own labels here were $2K, $3K, $10K, $20K, $30K, $100K, $200K and $300K: every 5 left bare, and the
    // points at $1.5K and $400K beyond the last labels.
    expect(labels(renderChart(accountRevenueRiskChart, spread, {}).rendering)).toEqual([
      '$1K',
      '$2K',
      '$5K',
      '$10K',
      '$20K',
      '$50K',
      '$100K',
      '$200K',
      '$500K',
    ]);
    // Within one power of ten, every multiple: three labels rather than one.
    expect(labels(renderChart(accountRevenueRiskChart, rows, {}).rendering)).toEqual(['$200K', '$300K', '$400K']);
  });

  it('fades the regions that are not selected', () => {
    const html = renderToHtml(renderChart(accountRevenueRiskChart, rows, { region: 'India' }).rendering);
    const opacities = [...html.matchAll(/<circle data-value="([^"]+)" data-filter="region" fill-opacity="([\d.]+)"/g)].map((m) => [m[1], Number(m[2])]);
    expect(opacities).toEqual([
      ['Japan', 0.21],
      ['India', 0.7],
    ]);
  });

  it('sums the ARR expected to churn over the accounts with a churn risk, and says how many have none', () => {
    // 400,000 x 0.04 + 200,000 x 0.01 + 0 x 0.04 = 18,000; A3's band has no next month.
    expect(renderChart(accountRevenueRiskChart, rows, {}).description).toBe(
      "The 4 largest of 10 accounts hold 70.0% of their ARR; 2 of them are below 60.0% utilization. At their bands' churn rates, $18,000 of their ARR would churn next month, of $25,000 over all the matching accounts (1 of the 4 have a band with no next month, so no churn risk).",
    );
  });
});
