/**
 * Phase 2, technical optimisation (source 000 steps 4 and 5): rates defined once and shown
 * as percentages, and the capping rule for utilization above 100%.
 */
import * as Plot from '@observablehq/plot';
import type { ChartDefinition } from '../charts/chart.ts';
import { htmlTable } from '../charts/html-table.ts';
import { THRESHOLDS } from '../config.ts';
import { formatValue } from '../format.ts';
import { compareWord, figure, prose, term } from '../narrative.ts';
import { CATEGORICAL } from '../palette.ts';
import { rateOverRows } from '../queries/measures.ts';
import { num, text, type Row } from '../rows.ts';
import { rowWhere, threshold, total } from './figures.ts';
import type { MethodologyStep } from './step.ts';

/** Ten bins of ten points below 100%, and exactly 100% on its own. */
const BIN_LABELS = [...Array.from({ length: 10 }, (_, i) => `${i * 10}-${i * 10 + 10}%`), '100%'];

const distributionChart: ChartDefinition = {
  id: 'm-rate-distribution',
  title: 'How rates are distributed',
  subtitle: 'Share of usage rows in each band of ten points; 100% is its own bar',
  query: {
    tables: ['master_usage'],
    sql: () => `
WITH rates AS (
  SELECT 'Assignment' AS rate, assignment_rate AS v FROM master_usage
  UNION ALL SELECT 'Utilization', utilization_rate FROM master_usage WHERE utilization_rate IS NOT NULL),
binned AS (SELECT rate, least(floor(v * 10), 10)::INTEGER AS bin FROM rates)
SELECT rate, bin, CASE WHEN bin = 10 THEN '100%' ELSE (bin * 10) || '-' || (bin * 10 + 10) || '%' END AS rate_band,
  count(*)::INTEGER AS usage_rows, count(*)::DOUBLE / sum(count(*)) OVER (PARTITION BY rate) AS share,
  sum(count(*)) OVER (PARTITION BY rate)::INTEGER AS rate_rows
FROM binned GROUP BY rate, bin ORDER BY rate, bin`,
  },
  columns: [
    { key: 'rate', label: 'Rate', format: 'text' },
    { key: 'rate_band', label: 'Band', format: 'text' },
    { key: 'usage_rows', label: 'Usage rows', format: 'integer' },
    { key: 'share', label: 'Share of rows', format: 'percent' },
  ],
  describe: (rows) => {
    const full = rows.filter((r) => num(r, 'bin') === 10);
    return full.map((r) => `${text(r, 'rate')}: ${formatValue(num(r, 'share'), 'percent')} of rows at exactly 100%`).join('; ');
  },
  render: (rows) => ({
    kind: 'plot',
    options: {
      width: 640,
      height: 300,
      marginBottom: 50,
      fx: { label: null, domain: [...new Set(rows.map((r) => text(r, 'rate')))] },
      x: { domain: BIN_LABELS, label: null, tickRotate: -45 },
      y: { label: 'Share of usage rows (%)', percent: true, grid: true },
      color: { domain: ['Assignment', 'Utilization'], range: [CATEGORICAL[0], CATEGORICAL[1]], legend: true },
      marks: [
        Plot.barY(rows, {
          fx: 'rate',
          x: 'rate_band',
          y: 'share',
          fill: 'rate',
          title: (d: Row) => `${text(d, 'rate')} ${text(d, 'rate_band')}: ${formatValue(num(d, 'share'), 'percent')}`,
        }),
        Plot.ruleY([0], { ariaHidden: 'true' }),
      ],
    },
  }),
};

const cappingChart: ChartDefinition = {
  id: 'm-capping',
  title: 'Utilization before and after capping',
  subtitle: 'Usage rows with seats assigned; raw utilization is seats used over seats assigned',
  query: {
    tables: ['master_usage'],
    sql: () => `
SELECT 'Before capping' AS version, count(utilization_raw)::INTEGER AS usage_rows, avg(utilization_raw) AS mean,
  median(utilization_raw) AS median, max(utilization_raw) AS maximum,
  (count(*) FILTER (WHERE utilization_raw > ${THRESHOLDS.utilizationCap}))::INTEGER AS above_cap
FROM master_usage
UNION ALL
SELECT 'After capping', count(utilization_rate)::INTEGER, ${rateOverRows('utilization_rate')}, median(utilization_rate), max(utilization_rate),
  (count(*) FILTER (WHERE utilization_rate > ${THRESHOLDS.utilizationCap}))::INTEGER
FROM master_usage
ORDER BY version DESC`,
  },
  columns: [
    { key: 'version', label: 'Utilization', format: 'text' },
    { key: 'usage_rows', label: 'Usage rows', format: 'integer' },
    { key: 'mean', label: 'Mean', format: 'percent' },
    { key: 'median', label: 'Median', format: 'percent' },
    { key: 'maximum', label: 'Maximum', format: 'percent' },
    { key: 'above_cap', label: 'Rows above 100%', format: 'integer' },
  ],
  describe: (rows) => rows.map((r) => `${text(r, 'version')}: mean ${formatValue(num(r, 'mean'), 'percent')}`).join('; '),
  render: (rows) => ({ kind: 'html', html: htmlTable(rows, cappingChart.columns, 'Utilization before and after capping') }),
};

const OVERUSE_BANDS = [
  { label: '100-110%', max: 1.1 },
  { label: '110-125%', max: 1.25 },
  { label: '125-150%', max: 1.5 },
  { label: '150%+', max: null },
] as const;

const overuseChart: ChartDefinition = {
  id: 'm-overuse',
  title: 'How far over-use goes',
  subtitle: 'Usage rows whose raw utilization is above 100%, by how far above',
  query: {
    tables: ['master_usage'],
    sql: () => `
SELECT CASE ${OVERUSE_BANDS.map((b, i) => (b.max === null ? `ELSE ${i}` : `WHEN utilization_raw <= ${b.max} THEN ${i}`)).join(' ')} END AS band_order,
  CASE ${OVERUSE_BANDS.map((b) => (b.max === null ? `ELSE '${b.label}'` : `WHEN utilization_raw <= ${b.max} THEN '${b.label}'`)).join(' ')} END AS overuse,
  count(*)::INTEGER AS usage_rows
FROM master_usage WHERE utilization_raw > ${THRESHOLDS.utilizationCap}
GROUP BY ALL ORDER BY band_order`,
  },
  columns: [
    { key: 'overuse', label: 'Raw utilization', format: 'text' },
    { key: 'usage_rows', label: 'Usage rows', format: 'integer' },
  ],
  describe: (rows) => rows.map((r) => `${text(r, 'overuse')}: ${formatValue(num(r, 'usage_rows'), 'integer')} rows`).join('; '),
  render: (rows) => ({
    kind: 'plot',
    options: {
      width: 640,
      height: 200,
      marginLeft: 80,
      // Room for the longest bar's count beyond its end, and a round domain so the bar ends inside the grid.
      marginRight: 48,
      x: { label: 'Usage rows', grid: true, nice: true },
      y: { label: null, domain: OVERUSE_BANDS.map((b) => b.label) },
      marks: [
        Plot.barX(rows, {
          y: 'overuse',
          x: 'usage_rows',
          fill: CATEGORICAL[5],
          title: (d: Row) => `${text(d, 'overuse')}: ${formatValue(num(d, 'usage_rows'), 'integer')} usage rows`,
        }),
        Plot.text(rows, {
          y: 'overuse',
          x: 'usage_rows',
          text: (d: Row) => formatValue(num(d, 'usage_rows'), 'integer'),
          textAnchor: 'start',
          dx: 4,
          fontSize: 9,
        }),
        Plot.ruleX([0], { ariaHidden: 'true' }),
      ],
    },
  }),
};

const step4: MethodologyStep = {
  number: 4,
  slug: 'metric-standardisation',
  phase: 'technical',
  title: 'Metric validation and standardisation',
  question: 'What exactly do the rates measure, and are they comparable across customers?',
  charts: [distributionChart],
  narrate: ({ rows }) => {
    const dist = rows('m-rate-distribution');
    const full = (rate: string) => dist.find((r) => text(r, 'rate') === rate && num(r, 'bin') === 10);
    const rateRows = (rate: string) => num(dist.find((r) => text(r, 'rate') === rate) ?? {}, 'rate_rows') ?? 0;
    const undefinedRows = rateRows('Assignment') - rateRows('Utilization');
    return {
      finding: prose`Two rates, each defined once: ${figure('full_share@rate=Utilization', num(full('Utilization') ?? {}, 'share'), 'percent')} of usage rows use every assigned seat, and ${figure('undefined_utilization_rows', undefinedRows, 'integer')} rows with no seat assigned have no utilization at all.`,
      decision: [
        prose`The raw data carries counts, not rates. Two rates were defined once and used everywhere: the ${term('assignment-rate')} (assigned over purchased: is the customer handing out what it pays for?) and the ${term('utilization-rate')} (used over assigned: do the people who have a seat use it?). Both are computed per ${term('usage-row', 'usage row')} as fractions and always shown as percentages with one decimal, so that a reader never has to guess whether a value is a fraction or a percentage.`,
        prose`A row with no seat assigned has no utilization: dividing by zero is undefined, and treating it as no use or as full use would bias every mean. Such rows keep their assignment rate and are left out of utilization averages.`,
      ],
      evidence: [
        prose`Both rates pile up at the top: ${figure('full_share@rate=Assignment', num(full('Assignment') ?? {}, 'share'), 'percent')} of rows have every purchased seat assigned and ${figure('full_share@rate=Utilization', num(full('Utilization') ?? {}, 'share'), 'percent')} of rows with seats assigned use all of them. ${figure('undefined_utilization_rows', undefinedRows, 'integer')} rows have no seat assigned and therefore no utilization.`,
      ],
      consequence: [
        (num(full('Assignment') ?? {}, 'share') ?? 0) > 0.5 && (num(full('Utilization') ?? {}, 'share') ?? 0) > 0.5
          ? prose`Because more than half of the rows sit at the maximum, the median of both rates is the maximum itself and says little; means carry the comparison, and the tail of low rates is where the risk lies. Before the means could be trusted, one more rule was needed (step 5).`
          : prose`Medians and means both matter here: the tail of low rates is where the risk lies. Before the means could be trusted, one more rule was needed (step 5).`,
      ],
    };
  },
};

const step5: MethodologyStep = {
  number: 5,
  slug: 'capping-rule',
  phase: 'technical',
  title: 'Business rule implementation: capping',
  question: 'What should a utilization above 100% count as?',
  charts: [cappingChart, overuseChart],
  reads: [distributionChart],
  narrate: ({ rows }) => {
    const capping = rows('m-capping');
    const before = rowWhere(capping, 'version', 'Before capping');
    const after = rowWhere(capping, 'version', 'After capping');
    const capped = num(before, 'above_cap') ?? 0;
    const usageRows = total(
      rows('m-rate-distribution').filter((r) => text(r, 'rate') === 'Assignment'),
      'usage_rows',
    );
    const meanBefore = num(before, 'mean');
    const meanAfter = num(after, 'mean');
    return {
      finding: prose`${figure('capped_rows', capped, 'integer')} usage rows (${figure('capped_share', capped / usageRows, 'percent')}) used more seats than were assigned; capping them at ${threshold('utilizationCap')} moves mean utilization by ${figure('gap(raw_utilization_mean;utilization_rate)', Math.abs((meanBefore ?? 0) - (meanAfter ?? 0)), 'gap')}.`,
      decision: [
        prose`Some customers use more seats than they assigned (shared logins, rotating users, a lag in assignment). Dropping those rows would remove real, heavily used customers; keeping the raw ratio would let a few extreme rows lift every average. The ${term('capping')} keeps every row and bounds its utilization at ${threshold('utilizationCap')}: a customer cannot use more than everything it assigned. Each capped row is counted in the data-quality report.`,
      ],
      evidence: [
        prose`${figure('capped_rows', capped, 'integer')} of ${figure('usage_rows', usageRows, 'integer')} usage rows (${figure('capped_share', capped / usageRows, 'percent')}) were above ${threshold('utilizationCap')}, the highest at ${figure('raw_utilization_max', num(before, 'maximum'), 'percent')}. Capping lowers the mean utilization from ${figure('raw_utilization_mean', meanBefore, 'percent')} to ${figure('utilization_rate', meanAfter, 'percent')}; the median ${num(before, 'median') === num(after, 'median') ? 'stays at' : 'moves to'} ${figure('utilization_median', num(after, 'median'), 'percent')}.`,
      ],
      consequence: [
        prose`The effect on the mean is ${compareWord(Math.abs((meanBefore ?? 0) - (meanAfter ?? 0)), 0.01, { above: 'noticeable', below: 'small', same: 'small' })}, but it is in the right direction: without the cap, over-use in a few accounts would hide under-use in others. Every later figure uses the capped rate.`,
      ],
    };
  },
};

export const TECHNICAL_STEPS = [step4, step5] as const;
