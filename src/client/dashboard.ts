/**
 * The interactive side of a page, loaded lazily: runs each chart's query in DuckDB-WASM
 * with the current filters bound and re-renders the chart, its table, its summary and its
 * SQL parameters in place. Loaded after first paint, so the page never waits for it.
 */
import * as Plot from '@observablehq/plot';
import type { ChartDefinition } from '../lib/charts/chart.ts';
import { htmlTable } from '../lib/charts/html-table.ts';
import { chartById } from '../lib/charts/registry.ts';
import { renderChart } from '../lib/charts/render.ts';
import { toCsv } from '../lib/csv.ts';
import type { FilterState } from '../lib/filters.ts';
import type { PageContext } from '../lib/page-context.ts';
import { bindQuery, type BoundQuery } from '../lib/query.ts';
import type { Row } from '../lib/rows.ts';
import { openBrowserEngine, type PreparedQuery } from './duckdb.ts';

export interface Dashboard {
  /** Re-renders every chart for `filters`; false when a newer call overtook this one. */
  render(filters: FilterState): Promise<boolean>;
  /** The CSV of a chart's rows under `filters`. */
  csv(chartId: string, filters: FilterState): Promise<string>;
}

/** Text of the parameters a query ran with, one per line. */
export function describeParams(bound: BoundQuery): string {
  if (!bound.params.length) return 'No parameters.';
  return bound.dimensions.map((dimension, i) => `$${i + 1} = ${dimension}: ${bound.params[i] ?? 'all'}`).join('\n');
}

function paint(chart: ChartDefinition, rows: readonly Row[], bound: BoundQuery, filters: FilterState): void {
  const figure = document.getElementById(chart.id);
  if (!figure) return;
  const { rendering, description } = renderChart(chart, rows, { filters });
  const body = figure.querySelector('.chart-body');
  if (body && rendering.kind === 'plot') body.replaceChildren(Plot.plot(rendering.options));
  else if (body && rendering.kind === 'html') body.innerHTML = rendering.html;
  const summary = figure.querySelector('.chart-summary');
  if (summary) summary.textContent = description;
  const table = figure.querySelector('.table-wrap');
  if (table) table.innerHTML = htmlTable(rows, chart.columns, `${chart.title}: the rows behind the chart`);
  const params = figure.querySelector('.sql-params');
  if (params) params.textContent = describeParams(bound);
}

export async function createDashboard(context: PageContext): Promise<Dashboard> {
  const charts = context.charts.map(chartById);
  const engine = await openBrowserEngine(context.files as Record<string, NonNullable<PageContext['files'][keyof PageContext['files']]>>);
  const statements = new Map<string, PreparedQuery>();
  for (const chart of charts) {
    const sql = bindQuery(chart.query, {}).sql;
    if (!statements.has(sql)) statements.set(sql, await engine.prepare(sql));
  }
  let generation = 0;
  const run = (query: BoundQuery) => statements.get(query.sql)!.run(query.params);

  return {
    async render(filters) {
      const current = ++generation;
      const bound = charts.map((chart) => bindQuery(chart.query, filters));
      // Charts that share a query (text and values) run it once.
      const runs = new Map<string, Promise<Row[]>>();
      const results = await Promise.all(
        bound.map((query) => {
          const key = JSON.stringify([query.sql, query.params]);
          let rows = runs.get(key);
          if (!rows) {
            rows = run(query);
            runs.set(key, rows);
          }
          return rows;
        }),
      );
      if (current !== generation) return false;
      charts.forEach((chart, i) => paint(chart, results[i]!, bound[i]!, filters));
      return true;
    },
    async csv(chartId, filters) {
      const chart = chartById(chartId);
      const rows = await run(bindQuery(chart.query, filters));
      return toCsv(rows, chart.columns.map((column) => column.key));
    },
  };
}
