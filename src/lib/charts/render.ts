/** The one rendering step both engines share: rows to a rendering with its text summary. */
import type { ParameterState } from '../parameters.ts';
import type { Row } from '../rows.ts';
import { type ChartDefinition, type Rendering, renderContext } from './chart.ts';

export interface RenderedChart {
  readonly rendering: Rendering;
  readonly description: string;
}

/**
 * Renders a chart's rows under a state (at `width` when the page's script draws it for a narrow card); Plot charts
 * carry their title and summary as ARIA attributes.
 */
export function renderChart(chart: ChartDefinition, rows: readonly Row[], filters: ParameterState, width?: number): RenderedChart {
  const context = renderContext(chart, filters, width);
  const description = chart.describe(rows, context);
  const rendering = chart.render(rows, context);
  if (rendering.kind === 'html') return { rendering, description };
  return { description, rendering: { ...rendering, options: { ...rendering.options, ariaLabel: chart.title, ariaDescription: description } } };
}
