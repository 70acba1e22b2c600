/**
 * Phase 3, strategic segmentation (source 000 steps 6 and 7): the baselines every segment
 * is compared with, and the eight size bands.
 */
import * as Plot from '@observablehq/plot';
import { bandLabels, orderSql } from '../bands.ts';
import type { ChartDefinition } from '../charts/chart.ts';
import { htmlTable } from '../charts/html-table.ts';
import { SIZE_BANDS } from '../config.ts';
import { formatValue, seatsText } from '../format.ts';
import { intervalSql } from '../metrics.ts';
import { compareWord, figure, prose, term } from '../narrative.ts';
import { CATEGORICAL } from '../palette.ts';
import { rateOverRows, USAGE_SUMS } from '../queries/measures.ts';
import { num, text } from '../rows.ts';
import { groupFigure, rowWhere, threshold } from './figures.ts';
import type { MethodologyStep } from './step.ts';

const SIZE_LABELS = bandLabels(SIZE_BANDS);

const baselineChart: ChartDefinition = {
  id: 'm-baselines',
  title: 'Baselines of the two rates',
  subtitle: 'Over every usage row of the period (utilization: rows with seats assigned)',
  query: {
    tables: ['master_usage'],
    sql: () =>
      (['assignment_rate', 'utilization_rate'] as const)
        .map(
          (column) => `
SELECT '${column === 'assignment_rate' ? 'Assignment' : 'Utilization'}' AS rate, count(${column})::INTEGER AS usage_rows, ${rateOverRows(column)} AS mean,
  quantile_cont(${column}, 0.25) AS p25, median(${column}) AS median, quantile_cont(${column}, 0.75) AS p75
FROM master_usage`,
        )
        .join('\nUNION ALL')
        .concat('\nORDER BY rate'),
  },
  columns: [
    { key: 'rate', label: 'Rate', format: 'text' },
    { key: 'usage_rows', label: 'Usage rows', format: 'integer' },
    { key: 'mean', label: 'Mean', format: 'percent' },
    { key: 'p25', label: '25th percentile', format: 'percent' },
    { key: 'median', label: 'Median', format: 'percent' },
    { key: 'p75', label: '75th percentile', format: 'percent' },
  ],
  describe: (rows) =>
    rows.map((r) => `${text(r, 'rate')}: mean ${formatValue(num(r, 'mean'), 'percent')}, median ${formatValue(num(r, 'median'), 'percent')}`).join('; '),
  render: (rows) => ({ kind: 'html', html: htmlTable(rows, baselineChart.columns, 'Baselines') }),
};

const flagChart: ChartDefinition = {
  id: 'm-flag-shares',
  title: 'Rows flagged by the thresholds',
  subtitle: 'Share of usage rows with seats assigned, with 95% Wilson intervals',
  query: {
    tables: ['master_usage'],
    sql: () => `
WITH f AS (
  SELECT (${USAGE_SUMS.utilization_rows})::INTEGER AS n, (${USAGE_SUMS.at_risk_rows})::INTEGER AS at_risk,
    (${USAGE_SUMS.expansion_rows})::INTEGER AS expansion, (${USAGE_SUMS.high_performer_rows})::INTEGER AS high
  FROM master_usage),
flags AS (
  SELECT 'At risk' AS flag, at_risk AS usage_rows, n FROM f UNION ALL
  SELECT 'Expansion candidate', expansion, n FROM f UNION ALL
  SELECT 'High performer', high, n FROM f)
SELECT flag, usage_rows, usage_rows::DOUBLE / n AS share,
  ${intervalSql.wilson('usage_rows', 'n', -1)} AS share_low, ${intervalSql.wilson('usage_rows', 'n', 1)} AS share_high
FROM flags ORDER BY flag`,
  },
  columns: [
    { key: 'flag', label: 'Flag', format: 'text' },
    { key: 'usage_rows', label: 'Usage rows', format: 'integer' },
    { key: 'share', label: 'Share', format: 'percent' },
    { key: 'share_low', label: '95% low', format: 'percent' },
    { key: 'share_high', label: '95% high', format: 'percent' },
  ],
  describe: (rows) => rows.map((r) => `${text(r, 'flag')}: ${formatValue(num(r, 'share'), 'percent')}`).join('; '),
  render: (rows) => ({ kind: 'html', html: htmlTable(rows, flagChart.columns, 'Flagged rows') }),
};

const sizeDistributionChart: ChartDefinition = {
  id: 'm-size-distribution',
  title: 'Customers, seats and revenue by size band',
  subtitle: 'Share of customers, of seats purchased and of ARR in the latest month, per size band',
  query: {
    tables: ['accounts', 'size_band_analysis'],
    sql: () => `
WITH c AS (SELECT size_band, count(*)::INTEGER AS customers, sum(seats_latest) AS seats FROM accounts WHERE size_band IS NOT NULL GROUP BY size_band)
SELECT c.size_band, customers, customers::DOUBLE / sum(customers) OVER () AS customer_share,
  seats::BIGINT AS seats, seats / sum(seats) OVER () AS seat_share, s.revenue_contribution AS revenue_share
FROM c LEFT JOIN size_band_analysis s USING (size_band) ORDER BY ${orderSql('c.size_band', SIZE_LABELS)}`,
  },
  columns: [
    { key: 'size_band', label: 'Size band (seats)', format: 'text' },
    { key: 'customers', label: 'Customers', format: 'integer' },
    { key: 'customer_share', label: 'Share of customers', format: 'percent' },
    { key: 'seats', label: 'Seats (latest month)', format: 'integer' },
    { key: 'seat_share', label: 'Share of seats', format: 'percent' },
    { key: 'revenue_share', label: 'Share of ARR', format: 'percent' },
  ],
  describe: (rows) =>
    rows
      .map(
        (r) =>
          `${text(r, 'size_band')}: ${formatValue(num(r, 'customer_share'), 'percent')} of customers, ${formatValue(num(r, 'seat_share'), 'percent')} of seats`,
      )
      .join('; '),
  render: (rows) => {
    const measures = [
      { key: 'customer_share', label: 'Customers' },
      { key: 'seat_share', label: 'Seats' },
      { key: 'revenue_share', label: 'ARR' },
    ];
    const long = rows.flatMap((r) => measures.map((m) => ({ size_band: text(r, 'size_band'), measure: m.label, value: num(r, m.key) })));
    return {
      kind: 'plot',
      options: {
        width: 640,
        height: 300,
        fx: { label: 'Seats purchased (size band)', domain: SIZE_LABELS },
        x: { axis: null, domain: measures.map((m) => m.label) },
        y: { label: 'Share (%)', percent: true, grid: true },
        color: { domain: measures.map((m) => m.label), range: [CATEGORICAL[0], CATEGORICAL[2], CATEGORICAL[3]], legend: true },
        marks: [
          Plot.barY(long, {
            fx: 'size_band',
            x: 'measure',
            y: 'value',
            fill: 'measure',
            title: (d: (typeof long)[number]) => `${seatsText(d.size_band)}, ${d.measure}: ${formatValue(d.value, 'percent')}`,
          }),
          Plot.ruleY([0], { ariaHidden: 'true' }),
        ],
      },
    };
  },
};

const step6: MethodologyStep = {
  number: 6,
  slug: 'baselines',
  phase: 'segmentation',
  title: 'Performance baseline establishment',
  question: 'What is a normal assignment and utilization rate for this customer base?',
  charts: [baselineChart, flagChart],
  explore: { slug: '', title: 'Executive summary' },
  narrate: ({ rows }) => {
    const base = rows('m-baselines');
    const flags = rows('m-flag-shares');
    const assignment = rowWhere(base, 'rate', 'Assignment');
    const utilization = rowWhere(base, 'rate', 'Utilization');
    return {
      finding: prose`The ${term('baseline', 'baselines')}: assignment ${figure('assignment_rate', num(assignment, 'mean'), 'percent')} on average (median ${figure('assignment_median', num(assignment, 'median'), 'percent')}), utilization ${figure('utilization_rate', num(utilization, 'mean'), 'percent')} (median ${figure('utilization_median', num(utilization, 'median'), 'percent')}).`,
      decision: [
        prose`Every segment is judged against the whole: the mean and median of each rate over all usage rows of the period are the baselines, and the thresholds that flag a row were fixed against them: ${term('at-risk')} below ${threshold('atRiskBelow')} utilization, ${term('expansion-candidate')} above ${threshold('expansionAbove')}, ${term('high-performer')} at ${threshold('highPerformerMin')} or more on both rates.`,
      ],
      evidence: [
        prose`Customers assign ${figure('assignment_rate', num(assignment, 'mean'), 'percent')} of the seats they buy on average, and the people with seats use ${figure('utilization_rate', num(utilization, 'mean'), 'percent')} of them. The medians (${figure('assignment_median', num(assignment, 'median'), 'percent')} and ${figure('utilization_median', num(utilization, 'median'), 'percent')}) sit ${compareWord(num(utilization, 'median'), num(utilization, 'mean'), { above: 'above', below: 'below', same: 'at' })} the means: ${num(utilization, 'median') === 1 ? 'a typical row is fully used, and the mean is pulled down by a minority of rows with low use' : 'the mean is pulled away from the typical row by rows at the extremes'}. A quarter of rows with seats assigned use ${figure('p25@rate=Utilization', num(utilization, 'p25'), 'percent')} or less.`,
        prose`Against the thresholds, ${groupFigure(flags, 'share', 'flag', 'At risk')} of rows with seats assigned are at risk and ${groupFigure(flags, 'share', 'flag', 'Expansion candidate')} are expansion candidates.`,
      ],
      consequence: [
        prose`From here on, a segment is good or bad only relative to these figures. Because the distribution is so lopsided, segments are compared on means, with their intervals, rather than medians.`,
      ],
    };
  },
};

const step7: MethodologyStep = {
  number: 7,
  slug: 'size-segmentation',
  phase: 'segmentation',
  title: 'Customer size segmentation strategy',
  question: 'How should customers be grouped by size so that differences are not averaged away?',
  charts: [sizeDistributionChart],
  explore: { slug: 'segmentation', title: 'Segmentation dashboard' },
  narrate: ({ rows }) => {
    const size = rows('m-size-distribution');
    const first = SIZE_LABELS[0]!;
    const last = SIZE_LABELS[SIZE_LABELS.length - 1]!;
    const share = (measure: string, band: string) => num(rowWhere(size, 'size_band', band), measure) ?? 0;
    const concentrated = share('customer_share', first) > share('customer_share', last) && share('seat_share', last) > share('customer_share', last);
    return {
      finding: prose`${groupFigure(size, 'customer_share', 'size_band', first)} of customers have a single seat, while the ${last} band holds ${groupFigure(size, 'customer_share', 'size_band', last)} of customers but ${groupFigure(size, 'seat_share', 'size_band', last)} of seats.`,
      decision: [
        prose`Instead of small, medium and large, customers were split into ${figure('bands@size_band', size.length, 'integer')} ${term('size-band', 'size bands')} by the seats they bought in their latest month. Fine bands cost little and can be merged later; coarse bands can hide a pattern that only shows at one end of the range.`,
      ],
      evidence: [
        prose`${concentrated ? 'The base is made of many small customers and a few very large ones' : 'Customers and seats are spread across the bands'}: ${groupFigure(size, 'customer_share', 'size_band', first)} of customers have a single seat, while the ${last} band holds only ${groupFigure(size, 'customer_share', 'size_band', last)} of customers, yet ${groupFigure(size, 'seat_share', 'size_band', last)} of all seats and ${groupFigure(size, 'revenue_share', 'size_band', last)} of ARR.`,
      ],
      consequence: [
        prose`A mean over all customers is therefore a mean over small customers, while seats and revenue sit with large ones. Size has to be looked at band by band, which is what step 8 does.`,
      ],
    };
  },
};

export const SEGMENTATION_STEPS = [step6, step7] as const;
