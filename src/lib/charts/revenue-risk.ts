/**
 * Revenue against churn risk (SPEC 4.4 and 4.6), one definition for every population: one
 * point per customer, its revenue on a log scale against its churn risk, coloured by a
 * group that a click on the point filters the page by (the others fade). The
 * customer-intelligence pages draw their order customers (risk: days since the last order
 * over the customer's typical gap); the risk page draws its seat-usage accounts (risk: the
 * next-month churn rate of the account's utilization band).
 */
import * as Plot from '@observablehq/plot';
import { moneyTick } from '../format.ts';
import { num, type Row } from '../rows.ts';
import type { ChartDefinition, Column } from './chart.ts';
import { emphasis, filterOnClick } from './cross-filter.ts';

export interface RevenueRiskSpec {
  readonly id: string;
  readonly title: string;
  readonly subtitle: string;
  readonly query: ChartDefinition['query'];
  readonly columns: readonly Column[];
  /** The column points are coloured by; a click sets the page parameter of the same name. */
  readonly group: { readonly key: string; readonly colors: { readonly domain: readonly string[]; readonly range: readonly string[] } };
  /** The churn-risk column, its axis (scale options) and where to draw dashed band edges. */
  readonly risk: { readonly key: string; readonly axis: Plot.ScaleOptions; readonly edges?: readonly number[] };
  /** The revenue column and its axis label. */
  readonly revenue: { readonly key: string; readonly label: string };
  /** A point's tooltip: its name and the figures behind its position. */
  readonly pointTitle: (row: Row) => string;
  readonly describe: ChartDefinition['describe'];
}

/** The scatter as a chart definition (its query binds every filter but the group's, which it highlights). */
export function revenueRiskChart(spec: RevenueRiskSpec): ChartDefinition {
  const { group, risk, revenue } = spec;
  return {
    id: spec.id,
    title: spec.title,
    subtitle: spec.subtitle,
    query: spec.query,
    columns: spec.columns,
    crossFilter: { parameter: group.key, self: 'highlight' },
    describe: spec.describe,
    render: (rows, context) => {
      // A log scale has no place for 0: points without revenue are left out of the drawing (not of the table).
      const points = rows.filter((r) => (num(r, revenue.key) ?? 0) > 0 && num(r, risk.key) !== null);
      const faded = emphasis(context);
      return {
        kind: 'plot',
        options: {
          height: 360,
          marginLeft: 60,
          x: { grid: true, ...risk.axis },
          y: { type: 'log', label: revenue.label, tickFormat: moneyTick, grid: true },
          color: { domain: [...group.colors.domain], range: [...group.colors.range], legend: true },
          marks: [
            Plot.ruleX(risk.edges ?? [], { stroke: 'currentColor', strokeOpacity: 0.4, strokeDasharray: '4 3', ariaHidden: 'true' }),
            Plot.dot(points, {
              x: risk.key,
              y: revenue.key,
              fill: group.key,
              r: 2.5,
              fillOpacity: (r: Row) => 0.7 * faded(r),
              render: filterOnClick(points, context, group.key, false),
              title: spec.pointTitle,
            }),
          ],
        },
      };
    },
  };
}
