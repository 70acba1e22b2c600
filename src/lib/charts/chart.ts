/**
 * A chart is defined once: a query (SQL over the published tables, parameters bound) and a
 * spec (rows to Observable Plot options, or to HTML for cards and tables). The build
 * renders it to static SVG/HTML with DuckDB in node; the browser runs the same query in
 * DuckDB-WASM and the same spec re-renders into the same place.
 */
import type { PlotOptions } from '@observablehq/plot';
import type { Format } from '../format.ts';
import type { ParameterState } from '../parameters.ts';
import type { BindOptions, Query } from '../query.ts';
import type { Row } from '../rows.ts';

/** A column of a chart's rows, for "view as table" and the CSV download. */
export interface Column {
  readonly key: string;
  readonly label: string;
  readonly format: Format;
  /** The keys of the value's 95% interval bounds, shown in the same cell ("value (low–high)"). */
  readonly interval?: readonly [low: string, high: string];
  /** The key whose value the cell shows instead (a name for an id); the CSV keeps `key`. */
  readonly shows?: string;
  /** A link for the cell, relative to the page (an account's page), or null for none. */
  readonly href?: (row: Row) => string | null;
  /**
   * A column of sentences (a formula, an assumption): kept wide enough to read, so that on a narrow card the table
   * scrolls sideways rather than break each of its cells into one word per line.
   */
  readonly prose?: boolean;
}

/** The fields a download lists, in order: each column's key, and its interval bounds after it. */
export function csvFields(columns: readonly Column[]): string[] {
  return columns.flatMap((column) => [column.key, ...(column.interval ?? [])]);
}

/**
 * Cross-filtering, declared once per chart: a click on a mark sets `parameter` to the
 * mark's value of the row field of the same name. With `self: 'highlight'` the chart keeps
 * showing every value (its own filter is not applied to it) and emphasises the selected
 * one, as a crossfilter does; with `self: 'filter'` it is filtered like any other chart.
 */
export interface CrossFilter {
  readonly parameter: string;
  readonly self: 'highlight' | 'filter';
}

/**
 * The design width of a Plot chart that has its row to itself (a wide card): a 1280 px window gives such a card about
 * 1,200 px of room, and a chart drawn at Plot's default 640 px would leave half of it empty. Narrower screens draw it
 * again at the card's width (src/lib/charts/fit-width.ts).
 */
export const WIDE_CHART_WIDTH = 960;

/** What a chart needs besides its rows. */
export interface RenderContext {
  /** The parameter values the rows were queried with. */
  readonly filters: ParameterState;
  /** The chart's cross-filter declaration, if any. */
  readonly crossFilter?: CrossFilter;
  /**
   * The width the chart is drawn at for a card much narrower than its design (src/lib/charts/fit-width.ts): by the page's
   * script, or for the phone drawing of a page without script; unset for the design drawing. A chart laid out in pixels
   * before Plot draws it (a treemap) lays itself out at this width; any other Plot chart is fitted to it after rendering,
   * and may read it to shorten its labels.
   */
  readonly width?: number;
}

/**
 * A rendered chart: Plot options (drawn by Plot in either engine), with controls written
 * from the state placed before the plot if the chart has any (a Sankey's stage picker), or
 * ready HTML.
 */
export type Rendering = { readonly kind: 'plot'; readonly options: PlotOptions; readonly controls?: string } | { readonly kind: 'html'; readonly html: string };

export interface ChartDefinition {
  /** Unique on the site; names the chart's slot in the page and its CSV file. */
  readonly id: string;
  readonly title: string;
  /** What is measured and in which unit, shown under the title. */
  readonly subtitle: string;
  readonly query: Query;
  readonly columns: readonly Column[];
  /** The rows of "view as table" and the CSV when they are not the query's own (a Sankey lists its links). */
  readonly tableRows?: (rows: readonly Row[], context: RenderContext) => readonly Row[];
  /** A one-sentence text summary of the rows, for screen readers (and the figure caption). */
  readonly describe: (rows: readonly Row[], context: RenderContext) => string;
  readonly render: (rows: readonly Row[], context: RenderContext) => Rendering;
  /** The parameter a click on one of the chart's marks sets. */
  readonly crossFilter?: CrossFilter;
}

/** How a chart's query is bound: a highlighting cross-filter leaves its own parameter unset. */
export function bindOptions(chart: ChartDefinition): BindOptions {
  return chart.crossFilter?.self === 'highlight' ? { exclude: chart.crossFilter.parameter } : {};
}

/** The render context of a chart under a state. */
export function renderContext(chart: ChartDefinition, filters: ParameterState, width?: number): RenderContext {
  return { filters, ...(chart.crossFilter ? { crossFilter: chart.crossFilter } : {}), ...(width === undefined ? {} : { width }) };
}

/** The rows a chart's table and CSV show. */
export function chartTableRows(chart: ChartDefinition, rows: readonly Row[], filters: ParameterState): readonly Row[] {
  return chart.tableRows ? chart.tableRows(rows, renderContext(chart, filters)) : rows;
}
