/**
 * A page of the report is one definition: what it is (slug, title, status, summary), what
 * a reader can set (its parameters), what it shows (its charts in layout order, and blocks
 * such as the account table), the published tables it reads and its narrative. The
 * navigation, the page frame, the filter bar, the client script and the tests are all
 * driven by these definitions (one module per page under src/lib/pages/).
 */
import type { ChartDefinition } from './charts/chart.ts';
import type { NarrativeData, Paragraph } from './narrative.ts';
import { defaultState, type Parameter } from './parameters.ts';
import { bindQuery } from './query.ts';
import type { DatasetName } from './datasets.ts';

/** Parts of a page that are not charts, rendered by their own component and client code. */
export type Block = 'account-table';

/**
 * One row of a dashboard's layout: charts side by side (a wide one fills the row; a tall
 * one's long table scrolls inside its box), or a block.
 */
export type LayoutRow = { readonly charts: readonly ChartDefinition[]; readonly wide?: boolean; readonly tall?: boolean } | { readonly block: Block };

/** Text written from the rows of the page's charts at build time; every figure a `<data>` element. */
export interface PageNarrative {
  /** Charts whose rows the text reads besides the page's own (unfiltered). */
  readonly reads?: readonly ChartDefinition[];
  /** The paragraphs under the title. */
  readonly lede: (data: NarrativeData) => readonly Paragraph[];
}

export interface PageDefinition {
  /** Path below the base, without slashes ("" is the home page). */
  readonly slug: string;
  readonly title: string;
  /** One sentence on what the page answers (navigation, meta description). */
  readonly summary: string;
  readonly status: 'ready' | 'planned';
  /** Position in the navigation, lowest first. */
  readonly order: number;
  /**
   * A dashboard is rendered from its layout by the shared page route; a document
   * (methodology, data) has its own route and only uses the frame.
   */
  readonly kind: 'dashboard' | 'document';
  /** What a reader can set on the page, in the order the filter bar shows them. */
  readonly parameters: readonly Parameter[];
  readonly layout: readonly LayoutRow[];
  /** Real public data the page shows in place of the synthetic customers, named in its footer (the Superstore page). */
  readonly realData?: string;
  /** Charts a document shows on its own pages (the methodology's steps). */
  readonly documentCharts?: readonly ChartDefinition[];
  /** Published tables the page's blocks read besides its charts' (the account table's). */
  readonly tables?: readonly DatasetName[];
  readonly narrative?: PageNarrative;
}

/** The charts of a page, in layout order (a document's own charts after them). */
export function pageCharts(page: PageDefinition): readonly ChartDefinition[] {
  return [...page.layout.flatMap((row) => ('charts' in row ? row.charts : [])), ...(page.documentCharts ?? [])];
}

/** Whether the page lays `chart` out in a row of its own (a wide card), where a Plot chart is drawn at WIDE_CHART_WIDTH. */
export function isWideChart(page: PageDefinition, chart: ChartDefinition): boolean {
  return page.layout.some((row) => 'charts' in row && row.wide === true && row.charts.includes(chart));
}

/** The blocks of a page. */
export function pageBlocks(page: PageDefinition): readonly Block[] {
  return page.layout.flatMap((row) => ('block' in row ? [row.block] : []));
}

/** Every published table the page's client loads: its charts' and its blocks'. */
export function pageTables(page: PageDefinition): readonly DatasetName[] {
  return [...new Set([...pageCharts(page).flatMap((chart) => chart.query.tables), ...(page.tables ?? [])])];
}

/** The parameter names a page's queries may bind: its parameters, each level of a path and each place of a sequence. */
function declaredNames(parameters: readonly Parameter[]): Set<string> {
  return new Set(
    parameters.flatMap((p) => {
      if (p.kind === 'path') return p.levels.map((_, i) => `${p.name}[${i}]`);
      if (p.kind === 'sequence') return p.options.map((_, i) => `${p.name}[${i}]`);
      return [p.name];
    }),
  );
}

/** "chart: parameter" for every parameter a chart's query binds that its page does not declare. */
export function undeclaredParameters(page: PageDefinition): string[] {
  const declared = declaredNames(page.parameters);
  const state = defaultState(page.parameters);
  return pageCharts(page).flatMap((chart) =>
    bindQuery(chart.query, state)
      .names.filter((name) => !declared.has(name))
      .map((name) => `${chart.id}: ${name}`),
  );
}

/** Whether the page is interactive (it has parameters and loads the engine). */
export function isInteractive(page: PageDefinition): boolean {
  return page.kind === 'dashboard' && page.status === 'ready' && page.parameters.length > 0;
}

/** A page's URL below the site's base path. */
export function pageHref(base: string, slug: string): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  return slug ? `${root}${slug}/` : root;
}

/** A published data file's URL below the site's base path. */
export function dataFileHref(base: string, file: string): string {
  return `${pageHref(base, '')}data/${file}`;
}
