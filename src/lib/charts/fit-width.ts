/**
 * A Plot chart drawn again for a card narrower than the width it was designed at. The built
 * page draws every chart at its design width (640 px for most), and the browser scales the SVG
 * down to fit its card: on a phone that made 10 px text about 5 px tall. The page's script draws
 * such a chart at its card's width instead, so its text keeps its size.
 */
import type { PlotOptions } from '@observablehq/plot';

/** Plot's width when a chart does not set one. */
export const PLOT_DEFAULT_WIDTH = 640;

/**
 * A chart is drawn again only when its card is narrower than this share of its design width: on a desktop it is not.
 * report.css's container query for a page without script (`.chart-body.phone-drawn`) holds the same bound for 640 px.
 */
export const REFIT_BELOW = 0.8;

/**
 * The body of a chart's card on a 390 px phone: a page without script (a methodology step) carries a second drawing
 * of each Plot chart at this width, which its style shows on a card that narrow (see phoneRendering in render.ts).
 */
export const PHONE_BODY_WIDTH = 345;

/**
 * Whether a card `available` px wide shows a built page's phone drawing (drawn at PHONE_BODY_WIDTH and stretched to its
 * card by report.css) at 0.9 to 1.1 of its size: the dashboards' script then keeps it rather than draw the chart again.
 */
export function phoneDrawingSuits(available: number): boolean {
  return Math.abs(available / PHONE_BODY_WIDTH - 1) <= 0.1;
}

/** The narrowest drawing: below it a chart's margins and labels leave no room for its marks. */
export const MIN_FITTED_WIDTH = 280;

/** About the room one label of a listed tick (a month such as 2026-05) needs on the x axis. */
const TICK_LABEL_PX = 64;

/** About the room one character of a categorical tick label needs at Plot's 10 px font, and the gap between two labels. */
const TICK_CHAR_PX = 6.5;
const TICK_GAP_PX = 8;

/** The width to draw a chart designed `design` px wide at on a card `available` px wide, or null to keep its design. */
export function fittedWidth(design: number, available: number): number | null {
  if (!(available > 0) || available >= design * REFIT_BELOW) return null;
  const width = Math.max(MIN_FITTED_WIDTH, Math.floor(available));
  return width < design ? width : null;
}

/**
 * The width a chart's rendering is asked to lay itself out at on a card `available` px wide (RenderContext.width), or
 * undefined on a card wide enough for Plot's default width. A chart laid out in pixels before Plot draws it lays itself out
 * at it; any other may read it to shorten its own labels (the consistency heatmaps).
 */
export function layoutWidth(available: number): number | undefined {
  return fittedWidth(PLOT_DEFAULT_WIDTH, available) ?? undefined;
}

/** Whether Plot draws the chart over a layout worked out in pixels (a treemap, a Sankey: its x scale maps pixels to pixels). */
export const laidOutInPixels = (options: Pick<PlotOptions, 'x'>): boolean => options.x?.range !== undefined;

/**
 * The width a Plot chart rendered with `layoutWidth` is drawn at on its card, or null when it keeps its own: a chart
 * laid out in pixels laid itself out at the layout width; any other is fitted to the card.
 */
export function drawnWidth(options: Pick<PlotOptions, 'width' | 'x'>, available: number): number | null {
  if (laidOutInPixels(options)) return layoutWidth(available) ?? null;
  return fittedWidth(options.width ?? PLOT_DEFAULT_WIDTH, available);
}

/** A Plot chart's options for a card `available` px wide: fitted to the card when it is much narrower than the design. */
export function fitToCard(options: PlotOptions, available: number): PlotOptions {
  const width = laidOutInPixels(options) ? null : fittedWidth(options.width ?? PLOT_DEFAULT_WIDTH, available);
  return width === null ? options : fitPlotOptions(options, width);
}

/**
 * The fewest labelled ticks of an x axis drawn narrow, continuous or listed: Plot gives one per 80 px, so a narrow panel
 * showed only 0, and a listed month axis kept two ticks (the monthly CS performance on a phone: "Sep 2024", "Sep 2025").
 */
const MIN_X_TICKS = 3;

/** About the room one character of an axis title needs at Plot's 10 px font, and the height of one of its lines. */
const TITLE_CHAR_PX = 6.2;
const TITLE_LINE_PX = 11;

/** Plot's margins beside an x axis below and above the chart when a chart does not set them. */
const PLOT_MARGIN_BOTTOM = 30;
const PLOT_MARGIN_TOP = 30;

/** `text` in lines of at most `chars` characters, broken between words (a longer word keeps its own line). */
export function wrapWords(text: string, chars: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= chars) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** About the room a label turned 45° needs along the axis (a 10 px line, slanted). */
const ROTATED_LABEL_PX = 16;

/** How a categorical axis's labels fit: as they are, turned 45° (with the room they then take), or every k-th. */
type CategoryFit =
  | { readonly kind: 'as is' }
  | { readonly kind: 'turned'; readonly below: number; readonly leftOfFirst: number }
  | { readonly kind: 'thinned'; readonly ticks: readonly unknown[] };

/**
 * How the labels of `categories` fit `room` px along their axis: flat if they can; else turned 45° if `turnable` and
 * each then has its ROTATED_LABEL_PX; else every k-th, from the first. Labels the chart turned itself (`turned`) keep
 * their angle and are thinned only when even turned they would not fit.
 */
function fitCategories(categories: readonly unknown[], room: number, turnable: boolean, turned: boolean): CategoryFit {
  const every = (label: number) => Math.ceil(categories.length / Math.max(2, Math.floor(room / label)));
  const thinned = (step: number): CategoryFit => (step > 1 ? { kind: 'thinned', ticks: categories.filter((_, i) => i % step === 0) } : { kind: 'as is' });
  if (turned) return thinned(every(ROTATED_LABEL_PX));
  const longest = Math.max(...categories.map((c) => String(c).length));
  const step = every(longest * TICK_CHAR_PX + TICK_GAP_PX);
  if (step > 1 && turnable && categories.length * ROTATED_LABEL_PX <= room) {
    return {
      kind: 'turned',
      below: Math.ceil(longest * TICK_CHAR_PX * Math.SQRT1_2),
      leftOfFirst: Math.ceil(String(categories[0]).length * TICK_CHAR_PX * Math.SQRT1_2),
    };
  }
  return thinned(step);
}

/**
 * `options` drawn `width` px wide, with its x axis kept legible:
 * - Plot labels every value of a categorical axis: when their labels would run into each other, they are turned 45°
 *   (each category keeps its label, and the bottom margin, and the left one if the first label needs it, grow to hold
 *   them), or, with too many categories even for that or an axis on top, every k-th is kept, from the first; labels
 *   the chart turned itself keep their angle. The same holds for the facets' labels (`fx`) of a chart that shows them
 *   in place of a hidden x axis;
 * - a scale given its ticks as a list (the month axes) keeps every k-th tick, from the first;
 * - a continuous axis asks for at least MIN_X_TICKS ticks (Plot picks fewer for a narrower scale by itself);
 * - an axis title longer than the chart is wide is broken into lines, and the margin on the axis's side grows to hold them.
 * In facets, each facet has the chart's room divided by the number of its `fx` domain; facets whose number the chart
 * does not give leave the x axis's ticks as they are.
 */
export function fitPlotOptions(options: PlotOptions, width: number): PlotOptions {
  const x = options.x;
  if (!x) return { ...options, width };
  const fx = options.fx;
  const facets = fx === undefined ? 1 : Array.isArray(fx.domain) ? fx.domain.length : 0;
  const marginLeft = options.marginLeft ?? options.margin ?? 40;
  const plotRoom = width - marginLeft - (options.marginRight ?? options.margin ?? 20);
  const inner = plotRoom / Math.max(facets, 1);
  const listed = Array.isArray(x.ticks) ? (x.ticks as readonly unknown[]) : null;
  const categorical = x.type === 'band' || x.type === 'point' || (Array.isArray(x.domain) && x.domain.every((v) => typeof v === 'string'));
  const categories = !listed && x.ticks === undefined && categorical && Array.isArray(x.domain) ? (x.domain as string[]) : null;
  const top = x.axis === 'top';
  let fitted: PlotOptions['x'] = x;
  let fittedFx: PlotOptions['fx'] = fx;
  let extra = 0;
  let left = marginLeft;
  const apply = <T extends PlotOptions['x']>(axis: T, fit: CategoryFit): T => {
    if (fit.kind === 'thinned') return { ...axis, ticks: fit.ticks };
    if (fit.kind === 'as is') return axis;
    extra += fit.below;
    // A turned label ends at its tick and reaches left of it: the first one must not be cut at the chart's edge.
    left = Math.max(left, fit.leftOfFirst + TICK_GAP_PX);
    return { ...axis, tickRotate: -45 };
  };
  if (x.axis !== null && facets > 0 && listed?.length) {
    const step = Math.ceil(listed.length / Math.max(MIN_X_TICKS, Math.floor(inner / TICK_LABEL_PX)));
    if (step > 1) fitted = { ...fitted, ticks: listed.filter((_, i) => i % step === 0) };
  } else if (x.axis !== null && facets > 0 && categories?.length) {
    fitted = apply(fitted, fitCategories(categories, inner, !top, x.tickRotate !== undefined));
  } else if (!categorical && x.ticks === undefined && x.interval === undefined && x.axis !== null) {
    fitted = { ...fitted, ticks: Math.max(MIN_X_TICKS, Math.floor(inner / 80)) };
  }
  if (x.axis === null && fx && facets > 0 && fx.axis !== null && fx.axis !== 'top' && fx.ticks === undefined) {
    fittedFx = apply(fx, fitCategories(fx.domain as readonly unknown[], plotRoom, true, fx.tickRotate !== undefined));
  }
  const title = typeof x.label === 'string' ? wrapWords(x.label, Math.floor((width - 6) / TITLE_CHAR_PX)) : [];
  if (title.length > 1) {
    extra += (title.length - 1) * TITLE_LINE_PX;
    fitted = { ...fitted, label: title.join('\n') };
  }
  const margins = {
    ...(left !== marginLeft ? { marginLeft: left } : {}),
    ...(extra && top ? { marginTop: (options.marginTop ?? options.margin ?? PLOT_MARGIN_TOP) + extra } : {}),
    ...(extra && !top ? { marginBottom: (options.marginBottom ?? options.margin ?? PLOT_MARGIN_BOTTOM) + extra } : {}),
  };
  return { ...options, width, ...margins, ...(fitted === x ? {} : { x: fitted }), ...(fittedFx === fx ? {} : { fx: fittedFx }) };
}
