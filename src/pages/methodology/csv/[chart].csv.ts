/** The rows of each methodology chart as a static CSV file (the methodology pages load no engine). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { runQuery } from '../../../build/duckdb-node.ts';
import { type ChartDefinition, chartTableRows, csvFields } from '../../../lib/charts/chart.ts';
import { toCsv } from '../../../lib/csv.ts';
import { METHODOLOGY_CHARTS } from '../../../lib/methodology/steps.ts';
import { bindQuery } from '../../../lib/query.ts';

export const getStaticPaths = (() => METHODOLOGY_CHARTS.map((chart) => ({ params: { chart: chart.id }, props: { chart } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ chart: ChartDefinition }> = async ({ props }) => {
  const rows = await runQuery(bindQuery(props.chart.query, {}));
  return new Response(toCsv(chartTableRows(props.chart, rows, {}), csvFields(props.chart.columns)), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
