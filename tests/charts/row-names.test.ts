/**
 * Charts with a row per category down the side (src/lib/charts/row-names.ts): at the chart's own width each row is
 * named on the y axis; drawn for a phone's card, the names go above the rows so that the rows keep the card's width.
 * The CS-operations rate ratios (intervals) and the risk page's urgency bars.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderToHtml } from '../../src/build/render-static.ts';
import { csRateRatioChart } from '../../src/lib/charts/cs-operations.ts';
import { renderChart } from '../../src/lib/charts/render.ts';
import { healthUrgencyChart } from '../../src/lib/charts/risk.ts';
import type { ChartDefinition } from '../../src/lib/charts/chart.ts';
import type { Row } from '../../src/lib/rows.ts';

const rows = [
  { term: 'log_users', reference: null, rate_ratio: 1.53, rate_ratio_low: 1.49, rate_ratio_high: 1.57, coefficient: 0.43, standard_error: 0.01 },
  { term: 'country_Japan', reference: 'China', rate_ratio: 0.9, rate_ratio_low: 0.8, rate_ratio_high: 1.02, coefficient: -0.1, standard_error: 0.05 },
];

/** The drawing at `width` (undefined: the chart's own width): the y axis's labels, the other labels, and where the x axis starts. */
function drawing(width?: number, chart: ChartDefinition = csRateRatioChart, data: Row[] = rows) {
  const { rendering } = renderChart(chart, data, {}, width);
  const { document } = parseHTML(`<div>${renderToHtml(rendering)}</div>`);
  const texts = (selector: string) => [...document.querySelectorAll(`${selector} text`)].map((t) => t.textContent ?? '');
  const xTicks = [...document.querySelectorAll('g[aria-label="x-axis tick"] path')].map((p) =>
    Number(/translate\(([\d.]+)/.exec(p.getAttribute('transform') ?? '')?.[1]),
  );
  return { yAxis: texts('g[aria-label="y-axis tick label"]'), marks: texts('g[aria-label="text"]'), xStart: Math.min(...xTicks) };
}

describe('rate ratio labels', () => {
  it('name each term on the y axis at the chart’s own width', () => {
    const { yAxis, marks, xStart } = drawing();
    expect(yAxis).toHaveLength(2);
    expect(marks).toEqual([]);
    expect(xStart).toBeGreaterThanOrEqual(250);
  });

  it('sit above the intervals on a phone’s card, which then start at its left edge', () => {
    const { yAxis, marks, xStart } = drawing(345);
    expect(yAxis).toEqual([]);
    expect(marks).toHaveLength(2);
    expect(marks.join(' ')).toContain('Japan');
    expect(xStart).toBeLessThan(40);
  });
});

describe('urgency bar names', () => {
  const movements: Row[] = ['churn', 'contraction', 'new', 'flat', 'expansion'].map((movement, i) => ({
    movement,
    accounts: 10 + i,
    account_share: 0.2,
    arr: 1000,
  }));

  it('sit beside the bars at the chart’s own width and above them on a phone’s card', () => {
    const design = drawing(undefined, healthUrgencyChart, movements);
    expect(design.yAxis).toHaveLength(5);
    expect(design.xStart).toBeGreaterThanOrEqual(160);
    const phone = drawing(345, healthUrgencyChart, movements);
    expect(phone.yAxis).toEqual([]);
    expect(phone.marks.filter((t) => t.includes('·'))).toHaveLength(5);
    expect(phone.xStart).toBeLessThan(40);
  });
});
