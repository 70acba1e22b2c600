/**
 * The segmentation dashboard (source 000 dashboard page 2): how assignment and utilization
 * change with customer size and tenure. Each chart shows every band of its own dimension
 * (the band filter highlights one instead of hiding the rest) and applies the other filters.
 */
import * as Plot from '@observablehq/plot';
import { bandLabels, orderSql } from '../bands.ts';
import { SIZE_BANDS, TENURE_SEGMENTS } from '../config.ts';
import { formatValue, seatsText } from '../format.ts';
import { CATEGORICAL } from '../palette.ts';
import type { Query } from '../query.ts';
import { USAGE } from '../queries/measures.ts';
import { num, text, type Row } from '../rows.ts';
import type { ChartDefinition, Column } from './chart.ts';
import { emphasis, filterOnClick } from './cross-filter.ts';
import { htmlTable } from './html-table.ts';
import { treemapRendering } from './treemap.ts';
import { SEAT_USAGE_FILTERS } from '../seat-usage-filters.ts';

const SIZE_LABELS = bandLabels(SIZE_BANDS);
const TENURE_LABELS = bandLabels(TENURE_SEGMENTS);

/** The two rates compared on this page, with one colour each on every chart. */
const RATES = [
  { key: 'assignment_rate', label: 'Assignment' },
  { key: 'utilization_rate', label: 'Utilization' },
] as const;
const RATE_COLORS = { domain: RATES.map((r) => r.label), range: [CATEGORICAL[0], CATEGORICAL[1]], legend: true };

/** Rates of every band of `dimension`, filtered (the chart's own dimension is left unset by its cross-filter declaration). */
function perBand(dimension: string, labels: readonly string[]): Query {
  return {
    tables: ['filter_cube'],
    filters: SEAT_USAGE_FILTERS,
    sql: (p) => `
SELECT ${dimension}, ${USAGE.customers} AS customers, ${USAGE.usageRows} AS usage_rows,
  ${USAGE.seatsPurchased} AS seats, ${USAGE.assignmentRate} AS assignment_rate,
  ${USAGE.utilizationRate} AS utilization_rate, ${USAGE.atRiskRate} AS at_risk_rate,
  ${USAGE.expansionRate} AS expansion_rate
FROM filter_cube WHERE ${p.filters()}
GROUP BY ${dimension} ORDER BY ${orderSql(dimension, labels)}`,
  };
}

/** One row per band and rate, for grouped bars and lines. */
function longRates(rows: readonly Row[], dimension: string): Row[] {
  return rows.flatMap((row) => RATES.map((rate) => ({ [dimension]: row[dimension] ?? null, rate: rate.label, value: row[rate.key] ?? null })));
}

const BAND_COLUMNS: readonly Column[] = [
  { key: 'size_band', label: 'Size band (seats)', format: 'text' },
  { key: 'customers', label: 'Customer-months', format: 'integer' },
  { key: 'seats', label: 'Seats (sum over months)', format: 'integer' },
  { key: 'assignment_rate', label: 'Assignment', format: 'percent' },
  { key: 'utilization_rate', label: 'Utilization', format: 'percent' },
  { key: 'at_risk_rate', label: 'At-risk share', format: 'percent' },
  { key: 'expansion_rate', label: 'Expansion share', format: 'percent' },
];

/** The matrix shows the comparison columns; every column stays in "view as table". */
const MATRIX_COLUMNS = BAND_COLUMNS.filter((column) => column.key !== 'expansion_rate' && column.key !== 'seats');

const sizeBandRates = perBand('size_band', SIZE_LABELS);

/** The widest gap between two bands in a rate, for the summaries. */
function extremes(rows: readonly Row[], key: string, dimension: string): string {
  const sorted = [...rows].filter((r) => num(r, key) !== null).sort((a, b) => (num(b, key) ?? 0) - (num(a, key) ?? 0));
  const high = sorted[0];
  const low = sorted[sorted.length - 1];
  if (!high || !low) return 'no rows match the filters';
  if (high === low) return `${formatValue(num(high, key), 'percent')} in ${text(high, dimension)}`;
  return `from ${formatValue(num(high, key), 'percent')} (${text(high, dimension)}) to ${formatValue(num(low, key), 'percent')} (${text(low, dimension)})`;
}

export const sizeBandGapChart: ChartDefinition = {
  id: 'size-band-gap',
  title: 'Performance gap by customer size',
  subtitle: 'Mean assignment and utilization per size band (seats purchased); click a band to filter by it',
  query: sizeBandRates,
  columns: BAND_COLUMNS,
  crossFilter: { parameter: 'size_band', self: 'highlight' },
  describe: (rows) => `Assignment runs ${extremes(rows, 'assignment_rate', 'size_band')}; utilization ${extremes(rows, 'utilization_rate', 'size_band')}.`,
  render: (rows, context) => {
    const long = longRates(rows, 'size_band');
    return {
      kind: 'plot',
      options: {
        width: 640,
        height: 380,
        marginLeft: 70,
        marginRight: 48,
        x: { label: 'Mean rate (%)', percent: true, grid: true, nice: true },
        y: { axis: null, domain: RATES.map((r) => r.label) },
        fy: { label: 'Seats purchased', domain: SIZE_LABELS, padding: 0.15 },
        color: RATE_COLORS,
        marks: [
          Plot.barX(long, {
            x: 'value',
            y: 'rate',
            fy: 'size_band',
            fill: 'rate',
            fillOpacity: emphasis(context),
            title: (d: Row) => `${seatsText(text(d, 'size_band'))}, ${text(d, 'rate')}: ${formatValue(num(d, 'value'), 'percent')}`,
            render: filterOnClick(long, context),
          }),
          Plot.text(long, {
            x: 'value',
            y: 'rate',
            fy: 'size_band',
            text: (d: Row) => formatValue(num(d, 'value'), 'percent'),
            textAnchor: 'start',
            dx: 4,
            fontSize: 9,
            pointerEvents: 'none',
          }),
          Plot.ruleX([0], { ariaHidden: 'true' }),
        ],
      },
    };
  },
};

export const sizeBandTreemapChart: ChartDefinition = {
  id: 'size-band-treemap',
  title: 'Customer distribution by size',
  subtitle: 'Tile area: customers in the month (selected or latest); colour: mean utilization',
  query: {
    tables: ['filter_cube'],
    filters: SEAT_USAGE_FILTERS,
    sql: (p) => `
SELECT size_band, ${USAGE.customers} AS customers, ${USAGE.customers} / sum(${USAGE.customers}) OVER () AS customer_share,
  ${USAGE.utilizationRate} AS utilization_rate
FROM filter_cube
WHERE ${p.filters({ except: ['month'] })} AND ${p.inSnapshot('filter_cube')}
GROUP BY size_band ORDER BY ${orderSql('size_band', SIZE_LABELS)}`,
  },
  columns: [
    { key: 'size_band', label: 'Size band (seats)', format: 'text' },
    { key: 'customers', label: 'Customers', format: 'integer' },
    { key: 'customer_share', label: 'Share of customers', format: 'percent' },
    { key: 'utilization_rate', label: 'Utilization', format: 'percent' },
  ],
  crossFilter: { parameter: 'size_band', self: 'highlight' },
  describe: (rows) => {
    const largest = [...rows].sort((a, b) => (num(b, 'customers') ?? 0) - (num(a, 'customers') ?? 0))[0];
    if (!largest) return 'No rows match the filters.';
    return `The largest group is ${seatsText(text(largest, 'size_band'))}: ${formatValue(num(largest, 'customer_share'), 'percent')} of customers.`;
  },
  render: (rows, context) =>
    treemapRendering(
      rows,
      {
        size: 'customers',
        color: 'utilization_rate',
        colorLabel: 'Mean utilization',
        label: (t) =>
          `${seatsText(text(t, 'size_band'))}\n${formatValue(num(t, 'customer_share'), 'percent')} of customers\n${formatValue(num(t, 'utilization_rate'), 'percent')} used`,
      },
      context,
    ),
};

export const lifecycleJourneyChart: ChartDefinition = {
  id: 'lifecycle-journey',
  title: 'Lifecycle journey',
  subtitle: 'Mean assignment and utilization across the nine tenure segments; click a point to filter by its segment',
  query: perBand('tenure_segment', TENURE_LABELS),
  columns: [{ key: 'tenure_segment', label: 'Tenure segment', format: 'text' }, ...BAND_COLUMNS.slice(1)],
  crossFilter: { parameter: 'tenure_segment', self: 'highlight' },
  describe: (rows) =>
    `Utilization runs ${extremes(rows, 'utilization_rate', 'tenure_segment')}; assignment ${extremes(rows, 'assignment_rate', 'tenure_segment')}.`,
  render: (rows, context) => {
    const long = longRates(rows, 'tenure_segment');
    return {
      kind: 'plot',
      options: {
        width: 640,
        height: 300,
        x: { type: 'point', domain: TENURE_LABELS, label: 'Tenure (time since first purchase)' },
        y: { label: 'Mean rate (%)', percent: true, grid: true, ticks: 6, nice: 6 },
        color: RATE_COLORS,
        marks: [
          ...(context.filters.tenure_segment
            ? [Plot.ruleX([context.filters.tenure_segment], { stroke: 'currentColor', strokeOpacity: 0.3, strokeWidth: 12, ariaHidden: 'true' })]
            : []),
          Plot.line(long, { x: 'tenure_segment', y: 'value', stroke: 'rate', strokeWidth: 2, ariaHidden: 'true' }),
          Plot.dot(long, {
            x: 'tenure_segment',
            y: 'value',
            fill: 'rate',
            r: 4,
            title: (d: Row) => `${text(d, 'tenure_segment')}, ${text(d, 'rate')}: ${formatValue(num(d, 'value'), 'percent')}`,
            render: filterOnClick(long, context),
          }),
        ],
      },
    };
  },
};

export const performanceMatrixChart: ChartDefinition = {
  id: 'performance-matrix',
  title: 'Performance matrix by size band',
  subtitle: 'Customer-months, seats and rates per size band over the selected months',
  query: sizeBandRates,
  columns: BAND_COLUMNS,
  describe: (rows) => {
    const risky = [...rows].sort((a, b) => (num(b, 'at_risk_rate') ?? 0) - (num(a, 'at_risk_rate') ?? 0))[0];
    if (!risky) return 'No rows match the filters.';
    return `The highest at-risk share is in the ${text(risky, 'size_band')} band: ${formatValue(num(risky, 'at_risk_rate'), 'percent')} of usage rows below the at-risk threshold.`;
  },
  crossFilter: { parameter: 'size_band', self: 'highlight' },
  render: (rows, context) => ({ kind: 'html', html: htmlTable(rows, MATRIX_COLUMNS, 'Size bands: customers, seats and rates', context) }),
};
