/** The one rendering step both engines share: rows to a rendering with its text summary. */
import type { Row } from '../rows.ts';
import type { ChartDefinition, RenderContext, Rendering } from './chart.ts';

export interface RenderedChart {
  readonly rendering: Rendering;
  readonly description: string;
}

/** Renders a chart's rows; Plot charts carry their title and summary as ARIA attributes. */
export function renderChart(chart: ChartDefinition, rows: readonly Row[], context: RenderContext): RenderedChart {
  const description = chart.describe(rows, context);
  const rendering = chart.render(rows, context);
  if (rendering.kind === 'html') return { rendering, description };
  return { description, rendering: { kind: 'plot', options: { ...rendering.options, ariaLabel: chart.title, ariaDescription: description } } };
}
