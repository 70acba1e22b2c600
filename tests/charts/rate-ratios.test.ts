/**
 * The CS-operations rate ratios: at the chart's own width each term is named on the y axis beside its interval; drawn
 * for a phone's card, the names go above the intervals so that the intervals keep the card's width.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderToHtml } from '../../src/build/render-static.ts';
import { csRateRatioChart } from '../../src/lib/charts/cs-operations.ts';
import { renderChart } from '../../src/lib/charts/render.ts';

const rows = [
  { term: 'log_users', reference: null, rate_ratio: 1.53, rate_ratio_low: 1.49, rate_ratio_high: 1.57, coefficient: 0.43, standard_error: 0.01 },
  { term: 'country_Japan', reference: 'China', rate_ratio: 0.9, rate_ratio_low: 0.8, rate_ratio_high: 1.02, coefficient: -0.1, standard_error: 0.05 },
];

/** The drawing at `width` (undefined: the chart's own width): the y axis's labels, the other labels, and where the x axis starts. */
function drawing(width?: number) {
  const { rendering } = renderChart(csRateRatioChart, rows, {}, width);
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
