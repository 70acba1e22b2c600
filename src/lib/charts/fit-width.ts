/**
 * A Plot chart drawn again for a card narrower than the width it was designed at. The built
 * page draws every chart at its design width (640 px for most), and the browser scales the SVG
 * down to fit its card: on a phone that made 10 px text about 5 px tall. The page's script draws
 * such a chart at its card's width instead, so its text keeps its size.
 */
import type { PlotOptions } from '@observablehq/plot';

/** Plot's width when a chart does not set one. */
export const PLOT_DEFAULT_WIDTH = 640;

/** A chart is drawn again only when its card is narrower than this share of its design width: on a desktop it is not. */
export const REFIT_BELOW = 0.8;

/** The narrowest drawing: below it a chart's margins and labels leave no room for its marks. */
export const MIN_FITTED_WIDTH = 280;

/** About the room one label of a listed tick (a month such as 2026-05) needs on the x axis. */
export const TICK_LABEL_PX = 64;

/** About the room one character of a categorical tick label needs at Plot's 10 px font, and the gap between two labels. */
export const TICK_CHAR_PX = 6.5;
export const TICK_GAP_PX = 8;

/** The width to draw a chart designed `design` px wide at on a card `available` px wide, or null to keep its design. */
export function fittedWidth(design: number, available: number, minWidth = MIN_FITTED_WIDTH): number | null {
  if (!(available > 0) || available >= design * REFIT_BELOW) return null;
  const width = Math.max(minWidth, Math.floor(available));
  return width < design ? width : null;
}

/**
 * The width a chart's rendering is asked to lay itself out at on a card `available` px wide (RenderContext.width), or
 * undefined on a card wide enough for Plot's default width. Only a chart laid out in pixels before Plot draws it reads it.
 */
export function layoutWidth(available: number, minWidth?: number): number | undefined {
  return fittedWidth(PLOT_DEFAULT_WIDTH, available, minWidth) ?? undefined;
}

/** Whether Plot draws the chart over a layout worked out in pixels (a treemap, a Sankey: its x scale maps pixels to pixels). */
export const laidOutInPixels = (options: Pick<PlotOptions, 'x'>): boolean => options.x?.range !== undefined;

/**
 * The width a Plot chart rendered with `layoutWidth` is drawn at on its card, or null when it keeps its own: a chart
 * laid out in pixels laid itself out at the layout width; any other is fitted to the card.
 */
export function drawnWidth(options: Pick<PlotOptions, 'width' | 'x'>, available: number, minWidth?: number): number | null {
  if (laidOutInPixels(options)) return layoutWidth(available, minWidth) ?? null;
  return fittedWidth(options.width ?? PLOT_DEFAULT_WIDTH, available, minWidth);
}

/** A Plot chart's options for a card `available` px wide: fitted to the card when it is much narrower than the design. */
export function fitToCard(options: PlotOptions, available: number, minWidth?: number): PlotOptions {
  const width = laidOutInPixels(options) ? null : fittedWidth(options.width ?? PLOT_DEFAULT_WIDTH, available, minWidth);
  return width === null ? options : fitPlotOptions(options, width);
}

/**
 * `options` drawn `width` px wide. Plot picks fewer ticks for a narrower continuous scale by itself, but labels
 * every tick of a scale given its ticks as a list (the month axes) and every value of a categorical x axis: those
 * keep every k-th tick, from the first, so that their labels do not run into each other.
 */
export function fitPlotOptions(options: PlotOptions, width: number): PlotOptions {
  const x = options.x;
  const listed = Array.isArray(x?.ticks) ? (x.ticks as readonly unknown[]) : null;
  const categories =
    !listed && x?.ticks === undefined && Array.isArray(x?.domain) && x.domain.every((v) => typeof v === 'string') ? (x.domain as string[]) : null;
  const ticks = listed ?? categories;
  if (!x || !ticks?.length) return { ...options, width };
  const label = listed ? TICK_LABEL_PX : Math.max(...ticks.map((t) => String(t).length)) * TICK_CHAR_PX + TICK_GAP_PX;
  const room = Math.max(2, Math.floor((width - (options.marginLeft ?? 40) - (options.marginRight ?? 20)) / label));
  const step = Math.ceil(ticks.length / room);
  if (step === 1) return { ...options, width };
  return { ...options, width, x: { ...x, ticks: ticks.filter((_, i) => i % step === 0) } };
}
