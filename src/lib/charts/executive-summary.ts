/**
 * The executive summary (source 000 dashboard page 1, with source 002's KPI set): KPI
 * cards with month-over-month change, the regional market treemap, the regional ranking,
 * the customer health distribution and performance trends by region.
 */
import * as Plot from '@observablehq/plot';
import { MOVEMENTS } from '../config.ts';
import { formatValue, inSentence } from '../format.ts';
import { MOVEMENT_COLORS, regionColorsOf } from '../palette.ts';
import type { Query } from '../query.ts';
import { REVENUE, USAGE } from '../queries/measures.ts';
import { num, text, type Row } from '../rows.ts';
import type { ChartDefinition, Column } from './chart.ts';
import { filterOnClick } from './cross-filter.ts';
import { MOVEMENT_COLUMNS, movementShares } from './customer-health.ts';
import { htmlTable } from './html-table.ts';
import { type Kpi, monthlyKpiCardsHtml, snapshotMonth } from './kpi-cards.ts';
import { treemapRendering } from './treemap.ts';
import { SEAT_USAGE_FILTERS } from '../seat-usage-filters.ts';

// ---------------------------------------------------------------------------------------
// KPI cards

const monthlyKpis: Query = {
  tables: ['filter_cube', 'revenue_cube'],
  filters: SEAT_USAGE_FILTERS,
  sql: (p) => `
WITH usage AS (
  SELECT month, ${USAGE.utilizationRate} AS utilization_rate, ${USAGE.assignmentRate} AS assignment_rate,
    ${USAGE.customers} AS customers, ${USAGE.seatsPurchased} AS seats, ${USAGE.atRiskRate} AS at_risk_rate
  FROM filter_cube WHERE ${p.filters({ except: ['month'] })} GROUP BY month),
revenue AS (
  SELECT month, ${REVENUE.arr} AS arr
  FROM revenue_cube WHERE ${p.filters({ except: ['month'] })} GROUP BY month)
SELECT month, utilization_rate, assignment_rate, customers, seats, arr, at_risk_rate
FROM usage LEFT JOIN revenue USING (month) ORDER BY month`,
};

const KPIS: readonly Kpi[] = [
  { key: 'utilization_rate', label: 'Utilization', format: 'percent', higherIsBetter: true },
  { key: 'assignment_rate', label: 'Assignment', format: 'percent', higherIsBetter: true },
  { key: 'customers', label: 'Customers', format: 'integer', higherIsBetter: true },
  { key: 'seats', label: 'Seats purchased', format: 'integer', higherIsBetter: true },
  { key: 'arr', label: 'ARR', format: 'money', higherIsBetter: true },
  { key: 'at_risk_rate', label: 'At-risk share', format: 'percent', higherIsBetter: false },
];

export const kpiChart: ChartDefinition = {
  id: 'kpi-cards',
  title: 'Key figures',
  subtitle: 'The selected month (or the latest), with the change from the month before',
  query: monthlyKpis,
  columns: [{ key: 'month', label: 'Month', format: 'text' }, ...KPIS.map(({ key, label, format }): Column => ({ key, label, format }))],
  describe: (rows, context) => {
    const month = snapshotMonth(rows, context);
    const row = rows.find((r) => r.month === month);
    if (!row) return 'No rows match the filters.';
    return `In ${month}: ${KPIS.map((kpi) => `${inSentence(kpi.label)} ${formatValue(num(row, kpi.key), kpi.format)}`).join(', ')}.`;
  },
  render: (rows, context) => ({
    kind: 'html',
    html: monthlyKpiCardsHtml(rows, context, KPIS, (month) => `Key figures for ${month}`, 'No rows match the filters.'),
  }),
};

// ---------------------------------------------------------------------------------------
// Regions in the snapshot month: treemap and ranking table share one query

const regionSnapshot: Query = {
  tables: ['filter_cube', 'revenue_cube'],
  filters: SEAT_USAGE_FILTERS,
  sql: (p) => `
WITH usage AS (
  SELECT region, ${USAGE.customers} AS customers, ${USAGE.seatsPurchased} AS seats,
    ${USAGE.assignmentRate} AS assignment_rate, ${USAGE.utilizationRate} AS utilization_rate,
    ${USAGE.atRiskRate} AS at_risk_rate
  FROM filter_cube
  WHERE ${p.filters({ except: ['month'] })} AND ${p.inSnapshot('filter_cube')}
  GROUP BY region),
revenue AS (
  SELECT region, ${REVENUE.arr} AS arr
  FROM revenue_cube
  WHERE ${p.filters({ except: ['month'] })} AND ${p.inSnapshot('revenue_cube')}
  GROUP BY region)
SELECT CAST(rank() OVER (ORDER BY utilization_rate DESC NULLS LAST, region) AS INTEGER) AS utilization_rank,
  region, customers, seats, seats / sum(seats) OVER () AS seat_share,
  assignment_rate, utilization_rate, at_risk_rate, arr
FROM usage LEFT JOIN revenue USING (region)
ORDER BY utilization_rank`,
};

const REGION_COLUMNS: readonly Column[] = [
  { key: 'utilization_rank', label: 'Rank', format: 'integer' },
  { key: 'region', label: 'Region', format: 'text' },
  { key: 'customers', label: 'Customers', format: 'integer' },
  { key: 'seats', label: 'Seats', format: 'integer' },
  { key: 'seat_share', label: 'Seat share', format: 'percent' },
  { key: 'assignment_rate', label: 'Assignment', format: 'percent' },
  { key: 'utilization_rate', label: 'Utilization', format: 'percent' },
  { key: 'at_risk_rate', label: 'At-risk share', format: 'percent' },
  { key: 'arr', label: 'ARR', format: 'money' },
];

/** The ranking shows the comparison columns; customers and seat share stay in "view as table". */
const RANKING_COLUMNS = REGION_COLUMNS.filter((column) => column.key !== 'customers' && column.key !== 'seat_share');

export const regionTreemapChart: ChartDefinition = {
  id: 'region-treemap',
  title: 'Regional market',
  subtitle: 'Tile area: seats purchased in the month; colour: mean utilization',
  query: regionSnapshot,
  columns: REGION_COLUMNS,
  crossFilter: { parameter: 'region', self: 'filter' },
  describe: (rows) => {
    const largest = [...rows].sort((a, b) => (num(b, 'seats') ?? 0) - (num(a, 'seats') ?? 0)).slice(0, 2);
    if (!largest.length) return 'No rows match the filters.';
    return `Seats by region: ${largest.map((r) => `${text(r, 'region')} holds ${formatValue(num(r, 'seat_share'), 'percent')} of seats`).join(' and ')}.`;
  },
  render: (rows, context) =>
    treemapRendering(
      rows,
      {
        size: 'seats',
        color: 'utilization_rate',
        colorLabel: 'Mean utilization',
        label: (t) =>
          `${text(t, 'region')}\n${formatValue(num(t, 'seat_share'), 'percent')} of seats\n${formatValue(num(t, 'utilization_rate'), 'percent')} used`,
      },
      context,
    ),
};

export const regionRankingChart: ChartDefinition = {
  id: 'region-ranking',
  title: 'Regional ranking',
  subtitle: 'Regions ranked by mean utilization in the month',
  query: regionSnapshot,
  columns: REGION_COLUMNS,
  describe: (rows) => {
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (!first || !last) return 'No rows match the filters.';
    if (first === last) return `${text(first, 'region')} alone: ${formatValue(num(first, 'utilization_rate'), 'percent')} utilization.`;
    return `${text(first, 'region')} ranks first at ${formatValue(num(first, 'utilization_rate'), 'percent')} utilization; ${text(last, 'region')} ranks last at ${formatValue(num(last, 'utilization_rate'), 'percent')}.`;
  },
  render: (rows) => ({ kind: 'html', html: htmlTable(rows, RANKING_COLUMNS, 'Regions ranked by utilization') }),
};

// ---------------------------------------------------------------------------------------
// Customer health: ARR movements of the month

export const healthChart: ChartDefinition = {
  id: 'customer-health',
  title: 'Customer health',
  subtitle: 'Share of accounts by ARR movement in the month (new, expansion, flat, contraction, churn)',
  query: movementShares(MOVEMENTS),
  columns: MOVEMENT_COLUMNS,
  describe: (rows) => {
    if (!rows.length) return 'No rows match the filters.';
    return `Accounts by movement: ${rows.map((r) => `${text(r, 'movement')} ${formatValue(num(r, 'account_share'), 'percent')}`).join(', ')}.`;
  },
  render: (rows) => ({
    kind: 'plot',
    options: {
      width: 640,
      height: 220,
      marginLeft: 90,
      marginRight: 48,
      x: { label: 'Share of accounts (%)', percent: true, grid: true },
      y: { label: null, domain: [...MOVEMENTS] },
      color: MOVEMENT_COLORS,
      marks: [
        Plot.barX(rows, {
          x: 'account_share',
          y: 'movement',
          fill: 'movement',
          title: (r: Row) => `${text(r, 'movement')}: ${formatValue(num(r, 'accounts'), 'integer')} accounts`,
        }),
        Plot.text(rows, { x: 'account_share', y: 'movement', text: (r: Row) => formatValue(num(r, 'account_share'), 'percent'), textAnchor: 'start', dx: 4 }),
        Plot.ruleX([0], { ariaHidden: 'true' }),
      ],
    },
  }),
};

// ---------------------------------------------------------------------------------------
// Performance trends by region

const trendQuery: Query = {
  tables: ['filter_cube'],
  filters: SEAT_USAGE_FILTERS,
  sql: (p) => `
SELECT month, region, ${USAGE.utilizationRate} AS utilization_rate, ${USAGE.assignmentRate} AS assignment_rate,
  ${USAGE.atRiskRate} AS at_risk_rate, ${USAGE.customers} AS customers
FROM filter_cube WHERE ${p.filters({ except: ['month'] })}
GROUP BY month, region ORDER BY month, region`,
};

export const trendChart: ChartDefinition = {
  id: 'region-trends',
  title: 'Performance trends by region',
  subtitle: 'Mean utilization per month; a month chosen in the filter bar is marked',
  query: trendQuery,
  columns: [
    { key: 'month', label: 'Month', format: 'text' },
    { key: 'region', label: 'Region', format: 'text' },
    { key: 'utilization_rate', label: 'Utilization', format: 'percent' },
    { key: 'assignment_rate', label: 'Assignment', format: 'percent' },
    { key: 'at_risk_rate', label: 'At-risk share', format: 'percent' },
    { key: 'customers', label: 'Customers', format: 'integer' },
  ],
  crossFilter: { parameter: 'region', self: 'filter' },
  describe: (rows) => {
    const months = [...new Set(rows.map((r) => text(r, 'month')))];
    const last = months[months.length - 1];
    const latest = rows.filter((r) => r.month === last).sort((a, b) => (num(b, 'utilization_rate') ?? 0) - (num(a, 'utilization_rate') ?? 0));
    const top = latest[0];
    const bottom = latest[latest.length - 1];
    if (!top || !bottom) return 'No rows match the filters.';
    if (top === bottom)
      return `Utilization of ${text(top, 'region')} over ${months.length} months: ${formatValue(num(top, 'utilization_rate'), 'percent')} in ${last}.`;
    return `Utilization by region over ${months.length} months; in ${last} ${text(top, 'region')} is highest at ${formatValue(num(top, 'utilization_rate'), 'percent')} and ${text(bottom, 'region')} lowest at ${formatValue(num(bottom, 'utilization_rate'), 'percent')}.`;
  },
  render: (rows, context) => ({
    kind: 'plot',
    options: {
      width: 640,
      height: 300,
      marginRight: 24,
      x: { type: 'point', label: 'Month' },
      // Ends on ticks (nice for the axis's own count of ticks), so that no line lies beyond the last labelled one.
      y: { label: 'Utilization (%)', percent: true, grid: true, ticks: 6, nice: 6 },
      // Filtered to some regions, the legend lists only theirs.
      color: { ...regionColorsOf(rows.map((r) => text(r, 'region'))), legend: true },
      marks: [
        ...(context.filters.month
          ? [Plot.ruleX([context.filters.month], { stroke: 'currentColor', strokeOpacity: 0.3, strokeWidth: 8, ariaHidden: 'true' })]
          : []),
        Plot.line(rows, { x: 'month', y: 'utilization_rate', stroke: 'region', strokeWidth: 2, ariaHidden: 'true' }),
        Plot.dot(rows, {
          x: 'month',
          y: 'utilization_rate',
          fill: 'region',
          r: 4,
          title: (r: Row) => `${text(r, 'region')}, ${text(r, 'month')}: ${formatValue(num(r, 'utilization_rate'), 'percent')}`,
          render: filterOnClick(rows, context),
        }),
      ],
    },
  }),
};
