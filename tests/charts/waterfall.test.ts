import { describe, expect, it } from 'vitest';
import { renderToHtml } from '../../src/build/render-static.ts';
import { PAGES } from '../../src/build/pages.ts';
import { renderChart } from '../../src/lib/charts/render.ts';
import { pageCharts } from '../../src/lib/page.ts';

const waterfall = PAGES.flatMap((p) => pageCharts(p.definition)).find((chart) => chart.id === 'm-arr-waterfall')!;
const month = (m: string, start: number) => ({
  month: m,
  arr_start: start,
  new_arr: 50,
  expansion_arr: 30,
  contraction_arr: -10,
  churn_arr: -20,
  arr_end: start + 50,
});
const rows = [month('2026-07', 1_000), month('2026-08', 1_050)];

describe('the ARR waterfall', () => {
  it('drawn narrow, names its colours in a key, since only every other bar keeps its label', () => {
    const html = renderToHtml(renderChart(waterfall, rows, {}, 345).rendering);
    const key = [...html.matchAll(/<span class="[^"]*-swatch">[\s\S]*?<\/svg>([^<]+)<\/span>/g)].map((m) => m[1]);
    expect(key).toEqual(['New', 'Expansion', 'Contraction', 'Churn', 'Start and end']);
  });

  it('at its own width labels every bar and needs no key', () => {
    const html = renderToHtml(renderChart(waterfall, rows, {}).rendering);
    expect(html).not.toContain('-swatch');
  });
});
