/**
 * The intelligence pages' consistency heatmap: a cell shows its share to one decimal at the chart's own width, and as a
 * whole percentage when the page draws it for a phone's card (RenderContext.width under 430 px).
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderChart } from '../../src/lib/charts/render.ts';
import { pageCharts } from '../../src/lib/page.ts';
import intelligence from '../../src/lib/pages/intelligence.ts';
import { renderToHtml } from '../../src/build/render-static.ts';

const chart = pageCharts(intelligence).find((c) => c.id === 'intel-consistency')!;
const rows = [
  { segment: 'Steady', months_active: 0, customers: 11, share: 0.5549 },
  { segment: 'Steady', months_active: 1, customers: 9, share: 0.4451 },
];

/** The cell labels a rendering at `width` shows (undefined: the chart's own width). */
function cellLabels(width?: number): string[] {
  const { rendering } = renderChart(chart, rows, {}, width);
  const { document } = parseHTML(`<div>${renderToHtml(rendering)}</div>`);
  return [...document.querySelectorAll('g[aria-hidden="true"] text')].map((t) => t.textContent ?? '');
}

describe('consistency heatmap labels', () => {
  it('shows each share to one decimal at its own width and on a card of 430 px', () => {
    expect(cellLabels()).toEqual(['55.5%', '44.5%']);
    expect(cellLabels(430)).toEqual(['55.5%', '44.5%']);
  });

  it('shows whole percentages when drawn for a narrower card', () => {
    expect(cellLabels(345)).toEqual(['55%', '45%']);
    expect(cellLabels(429)).toEqual(['55%', '45%']);
  });
});
