/**
 * A chart is defined once: a query (SQL over the published tables, filters bound as
 * parameters) and a spec (rows to Observable Plot options, or to HTML for cards and
 * tables). The build renders it to static SVG/HTML with DuckDB in node; the browser runs
 * the same query in DuckDB-WASM and the same spec re-renders into the same place.
 */
import type { PlotOptions } from '@observablehq/plot';
import type { FilterDimension, FilterState } from '../filters.ts';
import type { Format } from '../format.ts';
import type { Query } from '../query.ts';
import type { Row } from '../rows.ts';

/** A column of a chart's rows, for "view as table" and the CSV download. */
export interface Column {
  readonly key: string;
  readonly label: string;
  readonly format: Format;
}

/** What a chart needs besides its rows. */
export interface RenderContext {
  readonly filters: FilterState;
}

/** A rendered chart: Plot options (drawn by Plot in either engine) or ready HTML. */
export type Rendering = { readonly kind: 'plot'; readonly options: PlotOptions } | { readonly kind: 'html'; readonly html: string };

export interface ChartDefinition {
  /** Unique on the site; names the chart's slot in the page and its CSV file. */
  readonly id: string;
  readonly title: string;
  /** What is measured and in which unit, shown under the title. */
  readonly subtitle: string;
  readonly query: Query;
  readonly columns: readonly Column[];
  /** A one-sentence text summary of the rows, for screen readers (and the figure caption). */
  readonly describe: (rows: readonly Row[], context: RenderContext) => string;
  readonly render: (rows: readonly Row[], context: RenderContext) => Rendering;
  /** The filter a click on one of the chart's marks sets (cross-filtering). */
  readonly crossFilter?: FilterDimension;
}
