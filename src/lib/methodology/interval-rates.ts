/**
 * Rates with their 95% intervals per group (size band, tenure segment, lifecycle stage,
 * region), over every usage row of the master data: steps 8 to 10 compare groups, and an
 * interval lets the reader tell a real gap from noise. Also the narrative phrase for one
 * estimate: the value, its 95% interval and its sample size, each a figure.
 */
import * as Plot from '@observablehq/plot';
import { orderSql } from '../bands.ts';
import type { ChartDefinition, Column } from '../charts/chart.ts';
import { formatValue } from '../format.ts';
import { intervalSql } from '../metrics.ts';
import { figure, prose, type Paragraph } from '../narrative.ts';
import { CATEGORICAL } from '../palette.ts';
import { rateOverRows, USAGE_SUMS } from '../queries/measures.ts';
import { num, text, type Row } from '../rows.ts';

/** A grouping of usage rows: an SQL expression over master_usage and its labels in order. */
export interface Grouping {
  /** Column name in the rows and in figure keys (size_band, tenure_segment, lifecycle_stage, region). */
  readonly key: string;
  readonly expr: string;
  readonly label: string;
  readonly labels: readonly string[];
}

/** The measures compared per group, with their interval columns. */
export const RATE_MEASURES = [
  { key: 'assignment_rate', label: 'Assignment', n: 'usage_rows' },
  { key: 'utilization_rate', label: 'Utilization', n: 'utilization_rows' },
  { key: 'at_risk_rate', label: 'At-risk share', n: 'utilization_rows' },
] as const;
export type RateMeasure = (typeof RATE_MEASURES)[number]['key'];

/** The rates of measures.ts per group: means with normal intervals, the at-risk rate with a Wilson interval. */
export function intervalRatesSql(group: Grouping): string {
  return `
WITH g AS (
  SELECT ${group.expr} AS ${group.key}, (${USAGE_SUMS.accounts})::INTEGER AS accounts, (${USAGE_SUMS.usage_rows})::INTEGER AS usage_rows,
    ${rateOverRows('assignment_rate')} AS assignment_rate, stddev_samp(assignment_rate) AS assignment_sd,
    (${USAGE_SUMS.utilization_rows})::INTEGER AS utilization_rows, ${rateOverRows('utilization_rate')} AS utilization_rate,
    stddev_samp(utilization_rate) AS utilization_sd, (${USAGE_SUMS.at_risk_rows})::INTEGER AS at_risk_rows,
    ${rateOverRows('at_risk_rate')} AS at_risk_rate
  FROM master_usage GROUP BY 1)
SELECT ${group.key}, accounts, usage_rows, utilization_rows,
  assignment_rate, ${intervalSql.mean('assignment_rate', 'assignment_sd', 'usage_rows', -1)} AS assignment_rate_low,
  ${intervalSql.mean('assignment_rate', 'assignment_sd', 'usage_rows', 1)} AS assignment_rate_high,
  utilization_rate, ${intervalSql.mean('utilization_rate', 'utilization_sd', 'utilization_rows', -1)} AS utilization_rate_low,
  ${intervalSql.mean('utilization_rate', 'utilization_sd', 'utilization_rows', 1)} AS utilization_rate_high,
  at_risk_rows, at_risk_rate,
  ${intervalSql.wilson('at_risk_rows', 'utilization_rows', -1)} AS at_risk_rate_low,
  ${intervalSql.wilson('at_risk_rows', 'utilization_rows', 1)} AS at_risk_rate_high
FROM g ORDER BY ${orderSql(group.key, group.labels)}`;
}

function columns(group: Grouping): Column[] {
  return [
    { key: group.key, label: group.label, format: 'text' },
    { key: 'accounts', label: 'Customers', format: 'integer' },
    { key: 'usage_rows', label: 'Usage rows', format: 'integer' },
    ...RATE_MEASURES.flatMap((m): Column[] => [
      { key: m.key, label: m.label, format: 'percent' },
      { key: `${m.key}_low`, label: `${m.label}: 95% low`, format: 'percent' },
      { key: `${m.key}_high`, label: `${m.label}: 95% high`, format: 'percent' },
    ]),
  ];
}

/** A chart of assignment and utilization per group, each a dot with its 95% interval. */
export function intervalRatesChart(options: { id: string; title: string; subtitle: string; group: Grouping; height?: number }): ChartDefinition {
  const { group } = options;
  const shown = RATE_MEASURES.slice(0, 2);
  const long = (rows: readonly Row[]) =>
    rows.flatMap((row) =>
      shown.map((m) => ({
        group: text(row, group.key),
        rate: m.label,
        value: num(row, m.key),
        low: num(row, `${m.key}_low`),
        high: num(row, `${m.key}_high`),
      })),
    );
  return {
    id: options.id,
    title: options.title,
    subtitle: options.subtitle,
    query: { tables: ['master_usage'], sql: () => intervalRatesSql(group) },
    columns: columns(group),
    describe: (rows) => {
      const parts = rows.map(
        (r) =>
          `${text(r, group.key)}: assignment ${formatValue(num(r, 'assignment_rate'), 'percent')}, utilization ${formatValue(num(r, 'utilization_rate'), 'percent')}`,
      );
      return `${group.label}: ${parts.join('; ')}.`;
    },
    render: (rows) => {
      const data = long(rows);
      const lows = data.map((d) => d.low ?? d.value ?? 1);
      return {
        kind: 'plot',
        options: {
          width: 640,
          height: options.height ?? 40 + rows.length * 44,
          marginLeft: 110,
          marginRight: 56,
          x: { label: 'Mean rate with 95% interval', tickFormat: '.0%', grid: true, domain: [Math.max(0, Math.floor(Math.min(...lows) * 10) / 10 - 0.05), 1] },
          y: { axis: null, domain: shown.map((m) => m.label) },
          fy: { label: null, domain: [...group.labels].filter((l) => rows.some((r) => text(r, group.key) === l)), padding: 0.2 },
          color: { domain: shown.map((m) => m.label), range: [CATEGORICAL[0], CATEGORICAL[1]], legend: true },
          marks: [
            Plot.ruleY(data, { fy: 'group', y: 'rate', x1: 'low', x2: 'high', stroke: 'rate', strokeWidth: 3, ariaHidden: 'true' }),
            Plot.dot(data, {
              fy: 'group',
              y: 'rate',
              x: 'value',
              fill: 'rate',
              r: 3.5,
              title: (d: (typeof data)[number]) =>
                `${d.group}, ${d.rate}: ${formatValue(d.value, 'percent')} (95% ${formatValue(d.low, 'percent')} to ${formatValue(d.high, 'percent')})`,
            }),
            Plot.text(data, {
              fy: 'group',
              y: 'rate',
              x: 'high',
              text: (d: (typeof data)[number]) => formatValue(d.value, 'percent'),
              textAnchor: 'start',
              dx: 6,
              fontSize: 9,
            }),
          ],
        },
      };
    },
  };
}

/** The row of `label` in a grouping's rows; throws when the data has no such group. */
export function groupRow(rows: readonly Row[], group: Grouping, label: string): Row {
  const row = rows.find((r) => text(r, group.key) === label);
  if (!row) throw new Error(`No ${group.key} ${label} in the data.`);
  return row;
}

/** The figure key of a measure in one group: `utilization_rate@size_band=500+`. */
export const scopedKey = (measure: string, group: Grouping, label: string) => `${measure}@${group.key}=${label}`;

/** "<value> (95% interval <low> to <high>, n = <rows> usage rows)" with every number a figure. */
export function estimate(row: Row, measure: RateMeasure, group: Grouping): Paragraph {
  const label = text(row, group.key);
  const key = scopedKey(measure, group, label);
  const nColumn = RATE_MEASURES.find((m) => m.key === measure)!.n;
  const unit = nColumn === 'usage_rows' ? 'usage rows' : 'usage rows with seats assigned';
  return prose`${figure(key, num(row, measure), 'percent')} (95% interval ${figure(`low(${key})`, num(row, `${measure}_low`), 'percent')} to ${figure(`high(${key})`, num(row, `${measure}_high`), 'percent')}, n = ${figure(`n(${key})`, num(row, nColumn), 'integer')} ${unit})`;
}

/** The distance between two groups in a measure, in percentage points, as a figure. */
export function gap(rows: readonly Row[], measure: RateMeasure, group: Grouping, a: string, b: string) {
  const value = (num(groupRow(rows, group, a), measure) ?? Number.NaN) - (num(groupRow(rows, group, b), measure) ?? Number.NaN);
  return figure(`gap(${scopedKey(measure, group, a)};${scopedKey(measure, group, b)})`, Math.abs(value), 'gap');
}

/** Whether the 95% intervals of two groups in a measure do not overlap. */
export function separated(rows: readonly Row[], measure: RateMeasure, group: Grouping, a: string, b: string): boolean {
  const ra = groupRow(rows, group, a);
  const rb = groupRow(rows, group, b);
  const [aLow, aHigh, bLow, bHigh] = [num(ra, `${measure}_low`), num(ra, `${measure}_high`), num(rb, `${measure}_low`), num(rb, `${measure}_high`)];
  if (aLow === null || aHigh === null || bLow === null || bHigh === null) return false;
  return aHigh < bLow || bHigh < aLow;
}
