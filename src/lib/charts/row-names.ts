/**
 * Names of a chart's rows on a phone. A chart with a row per category down its side (bars or intervals) names each row
 * beside it at its own width; drawn again for a narrow card (a phone: `RenderContext.width` is set), those names would
 * take half of the card from the rows, so they go above their rows instead, and each row gets the height for it.
 */
import * as Plot from '@observablehq/plot';
import type { Row } from '../rows.ts';
import type { RenderContext } from './chart.ts';

/** A row's height with its name above it. */
const ROW_HEIGHT = 44;
/** Room for the x axis and its label. */
const AXIS_HEIGHT = 50;
/** The band a bar leaves empty above and below it, as a share of its row: the name sits in the upper part. */
const BAR_PADDING = 0.5;

/** Where a chart's rows are named: its height, left margin and y-axis options, and the mark that writes names above rows. */
export interface RowNames {
  readonly height: number;
  readonly marginLeft: number;
  readonly y: { readonly axis?: null; readonly padding?: number };
  readonly names: (data: readonly Row[], y: string, text: (d: Row) => string) => Plot.Markish;
}

/**
 * At the chart's own width, its `own` height and left margin with the names on the y axis; for a narrow card, the
 * height and margin that put them above the rows, and the mark that writes them.
 */
export function rowNames(
  context: RenderContext,
  rows: number,
  kind: 'bar' | 'interval',
  own: { readonly height: number; readonly marginLeft: number },
): RowNames {
  if (context.width === undefined) return { ...own, y: {}, names: () => null };
  // Above a bar's top edge, or above an interval drawn on the row's line.
  const dy = kind === 'bar' ? -((ROW_HEIGHT * (1 - BAR_PADDING)) / 2 + 6) : -13;
  return {
    height: ROW_HEIGHT * rows + AXIS_HEIGHT,
    marginLeft: 12,
    y: kind === 'bar' ? { axis: null, padding: BAR_PADDING } : { axis: null },
    names: (data, y, text) => Plot.text(data, { y, text, frameAnchor: 'left', textAnchor: 'start', dy, ariaHidden: 'true' }),
  };
}
