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

/** The multiples of each power of ten a log axis is labelled at, and every multiple, for a range too short for three of them. */
const LOG_MULTIPLES = [1, 2, 5];
const ALL_MULTIPLES = [1, 2, 3, 4, 5, 6, 7, 8, 9];

/**
 * The ticks of a log axis over [low, high]: 1, 2 and 5 times each power of ten, from the last at or below `low` to the
 * first at or above `high` (the axis's ends, so that no point lies beyond a labelled tick), or every multiple when that
 * gives fewer than three. Plot's own labelled only the multiples 1 to 3 of each power ("$3K" but no "$5K"), drew a grid
 * line at every multiple and ended the axis at the data.
 */
export function logTicks(low: number, high: number): number[] {
  if (!(low > 0) || !(high >= low) || !Number.isFinite(high)) return [];
  const between = (multiples: readonly number[]) => {
    const candidates: number[] = [];
    for (let power = Math.floor(Math.log10(low)) - 1; power <= Math.ceil(Math.log10(high)) + 1; power++) {
      for (const multiple of multiples) candidates.push(Number((multiple * 10 ** power).toPrecision(12)));
    }
    const first = candidates.findLastIndex((tick) => tick <= low);
    const last = candidates.findIndex((tick) => tick >= high);
    return candidates.slice(first, last + 1);
  };
  const ticks = between(LOG_MULTIPLES);
  return ticks.length >= 3 ? ticks : between(ALL_MULTIPLES);
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
      const revenues = points.map((r) => num(r, revenue.key) ?? 0);
      const [low, high] = revenues.reduce(([a, b], v) => [Math.min(a, v), Math.max(b, v)], [Number.POSITIVE_INFINITY, 0]);
      const ticks = logTicks(low, high);
      return {
        kind: 'plot',
        options: {
          height: 360,
          marginLeft: 60,
          x: { grid: true, ...risk.axis },
          // Revenue's log10 on a linear scale, labelled at logTicks: Plot's log scale filters the labels of any ticks
          // it is given by its own rule, which dropped the 5s.
          y: {
            label: revenue.label,
            ...(ticks.length ? { domain: [Math.log10(ticks[0]!), Math.log10(ticks[ticks.length - 1]!)] } : {}),
            ticks: ticks.map(Math.log10),
            tickFormat: (d: number) => moneyTick(10 ** d),
            grid: true,
          },
          color: { domain: [...group.colors.domain], range: [...group.colors.range], legend: true },
          marks: [
            Plot.ruleX(risk.edges ?? [], { stroke: 'currentColor', strokeOpacity: 0.4, strokeDasharray: '4 3', ariaHidden: 'true' }),
            Plot.dot(points, {
              x: risk.key,
              y: (r: Row) => Math.log10(num(r, revenue.key) ?? 0),
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
