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
import type { BrowserEngine, PreparedQuery } from './duckdb.ts';

export interface Dashboard {
  /** Re-renders every chart for `filters`; false when a newer call overtook this one. */
  render(filters: FilterState): Promise<boolean>;
  /** The CSV of a chart's rows under `filters`. */
  csv(chartId: string, filters: FilterState): Promise<string>;
}

/** Text of the parameters a query ran with, one per line. */
export function describeParams(bound: BoundQuery): string {
  if (!bound.params.length) return 'No parameters.';
  return bound.names.map((name, i) => `$${i + 1} = ${name}: ${bound.params[i] ?? 'all'}`).join('\n');
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

/** The page's dashboard over an engine that has the page's tables loaded. */
export async function createDashboard(context: PageContext, engine: BrowserEngine): Promise<Dashboard> {
  const charts = context.charts.map(chartById);
  const statements = new Map<string, PreparedQuery>();
  for (const chart of charts) {
    const bound = bindQuery(chart.query, {});
    if (statements.has(bound.sql)) continue;
    const statement = await engine.prepare(bound.sql);
    // One run warms the engine (WebAssembly tiers up on first use), so the reader's first filter is as quick as the rest.
    await statement.run(bound.params);
    statements.set(bound.sql, statement);
  }
  // The account table (risk page) shares the engine; its code loads only where it is.
  const tableRoot = document.querySelector<HTMLElement>('[data-account-table]');
  const table = tableRoot ? await import('./account-table.ts').then(({ attachAccountTable }) => attachAccountTable(tableRoot, engine)) : null;
  let generation = 0;
  const run = (query: BoundQuery) => statements.get(query.sql)!.run(query.params);

  return {
    async render(filters) {
      const current = ++generation;
      const started = performance.now();
      const bound = charts.map((chart) => bindQuery(chart.query, filters));
      // Charts that share a query (text and values) run it once.
      const runs = new Map<string, Promise<Row[]>>();
      const results = Promise.all(
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
      // The engine answers in order: the charts' queries go first, so they repaint without waiting for the table.
      const tableShown = table?.update(filters);
      const rows = await results;
      if (current !== generation) return false;
      const queried = performance.now();
      charts.forEach((chart, i) => {
        paint(chart, rows[i]!, bound[i]!, filters);
      });
      performance.measure('report:queries', { start: started, end: queried });
      performance.measure('report:paint', { start: queried, end: performance.now() });
      performance.measure('report:charts', { start: started, end: performance.now() });
      await tableShown;
      return current === generation;
    },
    async csv(chartId, filters) {
      const chart = chartById(chartId);
      const rows = await run(bindQuery(chart.query, filters));
      return toCsv(
        rows,
        chart.columns.map((column) => column.key),
      );
    },
  };
}
