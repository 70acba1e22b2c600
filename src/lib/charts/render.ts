/** The one rendering step both engines share: rows to a rendering with its text summary. */
import type { ParameterState } from '../parameters.ts';
import type { Row } from '../rows.ts';
import { type ChartDefinition, type Rendering, WIDE_CHART_WIDTH, renderContext } from './chart.ts';
import { PHONE_BODY_WIDTH, PLOT_DEFAULT_WIDTH, drawnWidth, fitToCard, laidOutInPixels, layoutWidth } from './fit-width.ts';

export interface RenderedChart {
  readonly rendering: Rendering;
  readonly description: string;
}

/**
 * Renders a chart's rows under a state (at `width` when the page's script draws it for a narrow card); Plot charts
 * carry their title and summary as ARIA attributes. In a `wide` card (a layout row of its own) a Plot chart that sets
 * no width of its own is drawn at WIDE_CHART_WIDTH, so the layout, not the chart, decides how wide it is designed.
 */
export function renderChart(chart: ChartDefinition, rows: readonly Row[], filters: ParameterState, width?: number, wide = false): RenderedChart {
  const context = renderContext(chart, filters, width);
  const description = chart.describe(rows, context);
  const rendering = chart.render(rows, context);
  if (rendering.kind === 'html') return { rendering, description };
  const { options } = rendering;
  const designed = wide && options.width === undefined && !laidOutInPixels(options) ? { width: WIDE_CHART_WIDTH } : {};
  return { description, rendering: { ...rendering, options: { ...options, ...designed, ariaLabel: chart.title, ariaDescription: description } } };
}

/**
 * A chart's rendering for a card `available` px wide: at its design, or, on a card much narrower than that, laid out
 * at the card's width (a chart laid out in pixels) or fitted to it (any other Plot chart).
 */
export function renderForCard(chart: ChartDefinition, rows: readonly Row[], filters: ParameterState, available: number, wide = false): RenderedChart {
  const { rendering, description } = renderChart(chart, rows, filters, layoutWidth(available), wide);
  if (rendering.kind === 'html') return { rendering, description };
  return { description, rendering: { ...rendering, options: fitToCard(rendering.options, available) } };
}

/**
 * A second drawing of a Plot chart, for a phone's card, on a page without script (where no script draws it again at its
 * card's width): null for an HTML rendering, a chart that already fits a phone, or one whose `design` (its rendering at
 * its own width) is not Plot's default width, since the style's container query that swaps the drawings assumes it.
 */
export function phoneRendering(chart: ChartDefinition, rows: readonly Row[], filters: ParameterState, design: Rendering): Rendering | null {
  if (design.kind !== 'plot' || (design.options.width ?? PLOT_DEFAULT_WIDTH) !== PLOT_DEFAULT_WIDTH) return null;
  if (drawnWidth(design.options, PHONE_BODY_WIDTH) === null) return null;
  return renderForCard(chart, rows, filters, PHONE_BODY_WIDTH).rendering;
}
