/**
 * Golden SVG files: a chart's static rendering on fixed rows is compared with a reviewed
 * file in tests/golden; UPDATE_GOLDEN=1 (or a missing file) writes it instead.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { renderToHtml } from '../../src/build/render-static.ts';
import type { ChartDefinition } from '../../src/lib/charts/chart.ts';
import { renderChart } from '../../src/lib/charts/render.ts';
import type { Row } from '../../src/lib/rows.ts';

const GOLDEN = join(import.meta.dirname, '..', 'golden');

/** Checks the chart's unfiltered static HTML against its golden file and returns the HTML. */
export function expectGolden(chart: ChartDefinition, rows: Row[]): string {
  const html = renderToHtml(renderChart(chart, rows, {}).rendering);
  const file = join(GOLDEN, `${chart.id}.svg.html`);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, `${html}\n`);
  }
  expect(`${html}\n`).toBe(readFileSync(file, 'utf8'));
  return html;
}
