/**
 * Account health (source 003, SPEC 4.7): the KPI cards, whether the score predicts (next
 * month's churn and contraction by band and by score decile, the AUC), what impacts it
 * (each component's association with churn), the score across categories and through the
 * lifecycle. The score is defined in src/lib/health.ts; the dashboard reads the health
 * cube (filtered) and the validation tables (every account month with a next one).
 */
import * as Plot from '@observablehq/plot';
import { bandLabels, orderSql, sqlString } from '../bands.ts';
import { HEALTH, SIZE_BANDS } from '../config.ts';
import { formatValue, inSentence, wholePercent } from '../format.ts';
import { COMPONENT_IDS, HEALTH_BANDS } from '../health.ts';
import type { ParameterOption } from '../parameters.ts';
import { ABSENT_LEVEL, ARR_BAND_LABELS, LIFECYCLE_LABELS } from '../queries/account-health.ts';
import { CATEGORICAL } from '../palette.ts';
import type { Query } from '../query.ts';
import { num, type Row, text } from '../rows.ts';
import type { ChartDefinition, Column } from './chart.ts';
import { rowNames } from './row-names.ts';
import { htmlTable } from './html-table.ts';
import { type Kpi, monthlyKpiCardsHtml, snapshotMonth } from './kpi-cards.ts';

/** The filters the health cube answers. */
export const HEALTH_FILTERS = ['region', 'size_band', 'plan', 'month', 'industry', 'lifecycle_stage'];

/** Red, yellow, green in a colour-blind-safe order (vermilion, yellow-orange, bluish green). */
export const HEALTH_BAND_COLORS = { domain: [...HEALTH_BANDS], range: ['#D55E00', '#E69F00', '#009E73'] };

const [RED] = HEALTH_BANDS as [string, ...string[]];

/** The categories the score's distribution is shown across, each a column of the cube with its display order. */
export const HEALTH_CATEGORIES: readonly (ParameterOption & { readonly order: readonly string[] | null })[] = [
  { value: 'industry', label: 'Industry', order: null },
  { value: 'size_band', label: 'Size band (company size)', order: bandLabels(SIZE_BANDS) },
  { value: 'arr_band', label: 'ARR band (billing size)', order: ARR_BAND_LABELS },
  { value: 'lifecycle_stage', label: 'Lifecycle stage', order: LIFECYCLE_LABELS },
];

const percentRange = (low: string, high: string) => (r: Row) => `${formatValue(num(r, low), 'percent')}–${formatValue(num(r, high), 'percent')}`;

// ---------------------------------------------------------------------------------------
// KPI cards: the month (selected or latest) against the month before

const monthly: Query = {
  tables: ['health_cube', 'health_validation'],
  filters: HEALTH_FILTERS,
  sql: (p) => `
WITH bands AS (SELECT group_label AS band, churn_rate FROM health_validation WHERE grouping = 'band'),
m AS (
  SELECT month, band, sum(accounts)::INTEGER AS accounts, sum(arr)::DOUBLE AS arr, sum(score_sum)::DOUBLE AS score_sum
  FROM health_cube WHERE ${p.filters({ except: ['month'] })} GROUP BY month, band)
SELECT month, sum(accounts)::INTEGER AS accounts, sum(score_sum) / sum(accounts) AS mean_score,
  ${HEALTH_BANDS.map((band) => `coalesce(sum(accounts) FILTER (WHERE band = ${sqlString(band)}), 0)::INTEGER AS accounts_${band.toLowerCase()}`).join(',\n  ')},
  coalesce(sum(arr) FILTER (WHERE band = ${sqlString(RED)}), 0)::DOUBLE AS arr_red,
  -- Over the accounts whose band has an observed churn rate (a band with no account month followed has none).
  sum(accounts * (1 - churn_rate)) / sum(accounts) FILTER (WHERE churn_rate IS NOT NULL) AS predicted_retention
FROM m LEFT JOIN bands USING (band)
GROUP BY month ORDER BY month`,
};

const KPIS: readonly Kpi[] = [
  { key: 'mean_score', label: 'Mean health score', format: 'decimal', higherIsBetter: true },
  ...HEALTH_BANDS.map((band): Kpi => ({ key: `accounts_${band.toLowerCase()}`, label: `${band} accounts`, format: 'integer', higherIsBetter: band !== RED })),
  { key: 'arr_red', label: `ARR in ${RED.toLowerCase()} accounts`, format: 'money', higherIsBetter: false },
  { key: 'predicted_retention', label: 'Predicted retention next month', format: 'percent', higherIsBetter: true },
];

export const healthKpiChart: ChartDefinition = {
  id: 'health-kpis',
  title: 'Health at a glance',
  subtitle: `The month (selected or latest) with the change from the month before; predicted retention weighs each band’s accounts by the share of its account months that did not churn the next month`,
  query: monthly,
  columns: [
    { key: 'month', label: 'Month', format: 'text' },
    { key: 'accounts', label: 'Accounts', format: 'integer' },
    ...KPIS.map(({ key, label, format }): Column => ({ key, label, format })),
  ],
  describe: (rows, context) => {
    const month = snapshotMonth(rows, context);
    const row = rows.find((r) => r.month === month);
    if (!row) return 'No account matches the filters.';
    return `In ${month}: ${KPIS.map((kpi) => `${inSentence(kpi.label)} ${formatValue(num(row, kpi.key), kpi.format)}`).join(', ')}.`;
  },
  render: (rows, context) => ({
    kind: 'html',
    html: monthlyKpiCardsHtml(rows, context, KPIS, (month) => `Account health in ${month}`, 'No account matches the filters.'),
  }),
};

// ---------------------------------------------------------------------------------------
// Does the score predict? Next month's churn and contraction by band and by decile

const OUTCOME_COLUMNS: readonly Column[] = [
  { key: 'followed', label: 'Account months followed', format: 'integer' },
  { key: 'churn_rate', label: 'Churned next month', format: 'percent', interval: ['churn_rate_low', 'churn_rate_high'] },
  { key: 'contraction_rate', label: 'Contracted next month', format: 'percent', interval: ['contraction_rate_low', 'contraction_rate_high'] },
];

const OUTCOMES = [
  { key: 'churn_rate', label: 'Churned' },
  { key: 'contraction_rate', label: 'Contracted' },
] as const;

/** Dots with 95% interval rules, one panel per outcome, the groups down the side. */
function outcomeDots(rows: readonly Row[], labelOf: (r: Row) => string, colorBy?: (r: Row) => string) {
  const long = rows.flatMap((r) =>
    OUTCOMES.map((o) => ({
      group: labelOf(r),
      outcome: o.label,
      rate: num(r, o.key),
      low: num(r, `${o.key}_low`),
      high: num(r, `${o.key}_high`),
      n: num(r, 'followed'),
      color: colorBy ? colorBy(r) : 'currentColor',
    })),
  );
  return {
    kind: 'plot' as const,
    options: {
      width: 640,
      height: Math.max(200, 28 * rows.length + 70),
      marginLeft: 130,
      marginRight: 20,
      fx: { label: null, domain: OUTCOMES.map((o) => o.label) },
      // A round domain with room inside each panel's frame, and enough ticks to read a rate off: with Plot's defaults
      // the panels were labelled 0 and 5 only, and a 9% dot sat on the frame.
      x: { label: 'Next month (%)', percent: true, grid: true, zero: true, nice: true, ticks: 5, insetRight: 6 },
      y: { label: null, domain: rows.map(labelOf) },
      color: colorBy ? HEALTH_BAND_COLORS : undefined,
      marks: [
        Plot.ruleY(long, {
          fx: 'outcome',
          y: 'group',
          x1: 'low',
          x2: 'high',
          stroke: colorBy ? { value: 'color', scale: 'color' } : 'currentColor',
          strokeWidth: 2,
          ariaHidden: 'true',
        }),
        Plot.dot(long, {
          fx: 'outcome',
          y: 'group',
          x: 'rate',
          r: 4,
          // Band names are CSS colour words too: the scale must be asked for, or Plot paints them literally.
          fill: colorBy ? { value: 'color', scale: 'color' } : 'currentColor',
          title: (d: (typeof long)[number]) =>
            `${d.group}: ${formatValue(d.rate, 'percent')} ${d.outcome.toLowerCase()} the next month (95% ${formatValue(d.low, 'percent')}–${formatValue(d.high, 'percent')}, n ${formatValue(d.n, 'integer')})`,
        }),
        Plot.frame({ strokeOpacity: 0.2, ariaHidden: 'true' }),
      ],
    },
  };
}

export const bandOutcomeChart: ChartDefinition = {
  id: 'health-band-outcomes',
  title: 'Does the score predict? By health band',
  subtitle: `Share of account months followed by churn or contraction the next month, by band (${HEALTH.bands.map((b, i) => `${b.label} ${b.min}–${HEALTH.bands[i + 1] ? HEALTH.bands[i + 1]!.min - 1 : 100}`).join(', ')}); every account month with a next one (the filters do not apply); 95% Wilson intervals`,
  query: {
    tables: ['health_validation'],
    sql: () => `SELECT group_label AS band, score_min, score_max, followed, churned, contracted, churn_rate, churn_rate_low, churn_rate_high, contraction_rate, contraction_rate_low, contraction_rate_high
FROM health_validation WHERE grouping = 'band' ORDER BY group_order`,
  },
  columns: [{ key: 'band', label: 'Band', format: 'text' }, ...OUTCOME_COLUMNS],
  describe: (rows) => {
    if (!rows.length) return 'No account month has a next month in the data.';
    return `${rows.map((r) => `${text(r, 'band')}: ${formatValue(num(r, 'churn_rate'), 'percent')} churned (95% ${percentRange('churn_rate_low', 'churn_rate_high')(r)}), ${formatValue(num(r, 'contraction_rate'), 'percent')} contracted`).join('; ')}.`;
  },
  render: (rows) =>
    outcomeDots(
      rows,
      (r) => text(r, 'band') ?? '',
      (r) => text(r, 'band') ?? '',
    ),
};

export const decileOutcomeChart: ChartDefinition = {
  id: 'health-decile-outcomes',
  title: 'By score decile',
  subtitle:
    'Account months with a next one in ten equal groups by score, lowest first (scores shown; ties split by account and month); share followed by churn or contraction the next month, 95% Wilson intervals',
  query: {
    tables: ['health_validation'],
    sql: () => `SELECT group_label AS decile, score_min, score_max, followed, churned, contracted, churn_rate, churn_rate_low, churn_rate_high, contraction_rate, contraction_rate_low, contraction_rate_high
FROM health_validation WHERE grouping = 'decile' ORDER BY group_order`,
  },
  columns: [
    { key: 'decile', label: 'Decile', format: 'text' },
    { key: 'score_min', label: 'Lowest score', format: 'integer' },
    { key: 'score_max', label: 'Highest score', format: 'integer' },
    ...OUTCOME_COLUMNS,
  ],
  describe: (rows) => {
    const [first, last] = [rows[0], rows[rows.length - 1]];
    if (!first || !last) return 'No account month has a next month in the data.';
    return `The lowest-scoring tenth (scores ${num(first, 'score_min')}–${num(first, 'score_max')}) churned at ${formatValue(num(first, 'churn_rate'), 'percent')} the next month, the highest (${num(last, 'score_min')}–${num(last, 'score_max')}) at ${formatValue(num(last, 'churn_rate'), 'percent')}.`;
  },
  render: (rows) => outcomeDots(rows, (r) => `${text(r, 'decile')} (${num(r, 'score_min')}–${num(r, 'score_max')})`),
};

// ---------------------------------------------------------------------------------------
// What impacts the retention score: each component's levels against next month's churn

export const componentImpactChart: ChartDefinition = {
  id: 'health-components',
  title: 'What impacts the retention score',
  subtitle:
    'Each component’s points against the share of account months followed by churn the next month (95% Wilson intervals), with how well the component alone ranks churners (AUC; 0.5 is chance); every account month with a next one',
  query: {
    tables: ['health_validation', 'health_auc'],
    sql: () => `SELECT v.grouping AS component, v.group_label AS points, v.followed, v.churned, v.churn_rate, v.churn_rate_low, v.churn_rate_high, a.auc
FROM health_validation v JOIN health_auc a ON a.measure = v.grouping
ORDER BY ${orderSql('v.grouping', COMPONENT_IDS)}, v.group_order`,
  },
  columns: [
    { key: 'component_label', label: 'Component', format: 'text' },
    { key: 'weight', label: 'Weight', format: 'integer' },
    { key: 'points', label: 'Points', format: 'text' },
    { key: 'followed', label: 'Account months followed', format: 'integer' },
    { key: 'churn_rate', label: 'Churned next month', format: 'percent', interval: ['churn_rate_low', 'churn_rate_high'] },
    { key: 'auc', label: 'AUC of the component alone', format: 'auc' },
  ],
  tableRows: (rows) =>
    rows.map((r) => {
      const id = text(r, 'component') as (typeof COMPONENT_IDS)[number];
      return { ...r, component_label: HEALTH.components[id]?.label ?? id, weight: HEALTH.components[id]?.weight ?? null };
    }),
  describe: (rows) => {
    const byComponent = [...new Map(rows.map((r) => [text(r, 'component'), r])).values()];
    if (!byComponent.length) return 'No account month has a next month in the data.';
    return `AUC of each component alone: ${byComponent.map((r) => `${inSentence(HEALTH.components[text(r, 'component') as (typeof COMPONENT_IDS)[number]]?.label)} ${formatValue(num(r, 'auc'), 'auc')}`).join(', ')}.`;
  },
  render: (rows) => {
    const labelled = rows.map((r) => {
      const id = text(r, 'component') as (typeof COMPONENT_IDS)[number];
      return { ...r, level: `${HEALTH.components[id]?.label ?? id} · ${text(r, 'points')}${text(r, 'points') === ABSENT_LEVEL ? '' : ' pts'}` };
    });
    return {
      kind: 'plot',
      options: {
        width: 640,
        height: 22 * rows.length + 60,
        marginLeft: 170,
        marginRight: 20,
        x: { label: 'Churned the next month (%)', percent: true, grid: true, zero: true },
        y: { label: null, domain: labelled.map((r) => r.level) },
        color: { domain: COMPONENT_IDS.map((id) => HEALTH.components[id].label), range: CATEGORICAL.slice(0, COMPONENT_IDS.length) },
        marks: [
          Plot.ruleY(labelled, {
            y: 'level',
            x1: 'churn_rate_low',
            x2: 'churn_rate_high',
            stroke: (r: Row) => componentLabel(r),
            strokeWidth: 2,
            ariaHidden: 'true',
          }),
          Plot.dot(labelled, {
            y: 'level',
            x: 'churn_rate',
            r: 4,
            fill: (r: Row) => componentLabel(r),
            title: (r: Row) =>
              `${text(r, 'level')}: ${formatValue(num(r, 'churn_rate'), 'percent')} churned the next month (95% ${percentRange('churn_rate_low', 'churn_rate_high')(r)}, n ${formatValue(num(r, 'followed'), 'integer')}); AUC of the component alone ${formatValue(num(r, 'auc'), 'auc')}`,
          }),
        ],
      },
    };
  },
};

/** A component's label from its id in a row. */
const componentLabel = (r: Row) => {
  const id = text(r, 'component') as (typeof COMPONENT_IDS)[number];
  return HEALTH.components[id]?.label ?? id;
};

// ---------------------------------------------------------------------------------------
// Across categories: band shares and mean score

export const categoryChart: ChartDefinition = {
  id: 'health-categories',
  title: 'Health across categories',
  subtitle: 'Share of accounts in each band, with the mean score, in the month (selected or latest); choose the category above the chart',
  query: {
    tables: ['health_cube'],
    filters: HEALTH_FILTERS,
    sql: (p) => `
WITH c AS (
  SELECT CASE CAST(${p.value('category')} AS VARCHAR) ${HEALTH_CATEGORIES.map((c) => `WHEN ${sqlString(c.value)} THEN ${c.value}`).join(' ')} END AS category,
    band, sum(accounts)::INTEGER AS accounts, sum(score_sum)::DOUBLE AS score_sum, sum(arr)::DOUBLE AS arr
  FROM health_cube
  WHERE ${p.filters({ except: ['month'] })} AND ${p.inSnapshot('health_cube')}
  GROUP BY ALL)
SELECT category, band, accounts, accounts / sum(accounts) OVER (PARTITION BY category) AS share,
  sum(score_sum) OVER (PARTITION BY category) / sum(accounts) OVER (PARTITION BY category) AS mean_score,
  (sum(accounts) OVER (PARTITION BY category))::INTEGER AS category_accounts, arr
FROM c
ORDER BY CASE CAST(${p.value('category')} AS VARCHAR) ${HEALTH_CATEGORIES.filter((c) => c.order)
      .map((c) => `WHEN ${sqlString(c.value)} THEN ${orderSql('category', c.order!)}`)
      .join(' ')} ELSE 0 END, category, ${orderSql('band', HEALTH_BANDS)}`,
  },
  columns: [
    { key: 'category', label: 'Category', format: 'text' },
    { key: 'band', label: 'Band', format: 'text' },
    { key: 'accounts', label: 'Accounts', format: 'integer' },
    { key: 'share', label: 'Share of the category', format: 'percent' },
    { key: 'arr', label: 'ARR', format: 'money' },
    { key: 'mean_score', label: 'Mean score of the category', format: 'decimal' },
  ],
  describe: (rows, context) => {
    const reds = rows.filter((r) => text(r, 'band') === RED).sort((a, b) => (num(b, 'share') ?? 0) - (num(a, 'share') ?? 0));
    const [worst, best] = [reds[0], reds[reds.length - 1]];
    const by = inSentence(HEALTH_CATEGORIES.find((c) => c.value === context.filters.category)?.label) ?? 'category';
    if (!worst || !best) return 'No account matches the filters.';
    return `By ${by}, the largest ${RED.toLowerCase()} share is in ${text(worst, 'category')} (${formatValue(num(worst, 'share'), 'percent')} of ${formatValue(num(worst, 'category_accounts'), 'integer')} accounts), the smallest in ${text(best, 'category')} (${formatValue(num(best, 'share'), 'percent')}).`;
  },
  render: (rows) => {
    const categories = [...new Set(rows.map((r) => text(r, 'category')))];
    const means = [...new Map(rows.map((r) => [text(r, 'category'), r])).values()];
    return {
      kind: 'plot',
      options: {
        height: Math.max(160, 30 * categories.length + 80),
        marginLeft: 150,
        marginRight: 70,
        x: { label: 'Share of accounts (%)', percent: true, domain: [0, 100] },
        y: { label: null, domain: categories },
        color: { ...HEALTH_BAND_COLORS, legend: true },
        marks: [
          Plot.barX(rows, {
            x: 'share',
            y: 'category',
            fill: { value: 'band', scale: 'color' },
            order: [...HEALTH_BANDS],
            title: (r: Row) =>
              `${text(r, 'category')}, ${text(r, 'band')}: ${formatValue(num(r, 'share'), 'percent')} (${formatValue(num(r, 'accounts'), 'integer')} accounts)`,
          }),
          Plot.text(means, {
            x: 1,
            y: 'category',
            text: (r: Row) => `mean ${formatValue(num(r, 'mean_score'), 'decimal')}`,
            textAnchor: 'start',
            dx: 6,
            ariaHidden: 'true',
          }),
        ],
      },
    };
  },
};

// ---------------------------------------------------------------------------------------
// Through the lifecycle: mean score and its mean monthly change by stage

export const lifecycleChart: ChartDefinition = {
  id: 'health-lifecycle',
  title: 'The score through the lifecycle',
  subtitle: 'Mean score by lifecycle stage in the month (selected or latest), with the mean change since the previous month of the accounts that had one',
  query: {
    tables: ['health_cube'],
    filters: HEALTH_FILTERS,
    sql: (p) => `
SELECT lifecycle_stage, sum(accounts)::INTEGER AS accounts, sum(score_sum)::DOUBLE / sum(accounts) AS mean_score,
  sum(score_change_n)::INTEGER AS changed, sum(score_change_sum)::DOUBLE / nullif(sum(score_change_n), 0) AS mean_change,
  (sum(accounts) FILTER (WHERE band = ${sqlString(RED)}))::DOUBLE / sum(accounts) AS red_share
FROM health_cube
WHERE ${p.filters({ except: ['month'] })} AND ${p.inSnapshot('health_cube')}
GROUP BY lifecycle_stage ORDER BY ${orderSql('lifecycle_stage', LIFECYCLE_LABELS)}`,
  },
  columns: [
    { key: 'lifecycle_stage', label: 'Lifecycle stage', format: 'text' },
    { key: 'accounts', label: 'Accounts', format: 'integer' },
    { key: 'mean_score', label: 'Mean score', format: 'decimal' },
    { key: 'red_share', label: `${RED} share`, format: 'percent' },
    { key: 'changed', label: 'Accounts with a previous month', format: 'integer' },
    { key: 'mean_change', label: 'Mean change since the previous month', format: 'decimal' },
  ],
  describe: (rows) => {
    if (!rows.length) return 'No account matches the filters.';
    return `${rows.map((r) => `${text(r, 'lifecycle_stage')}: mean ${formatValue(num(r, 'mean_score'), 'decimal')} (${formatValue(num(r, 'accounts'), 'integer')} accounts, change ${formatValue(num(r, 'mean_change'), 'decimal')})`).join('; ')}.`;
  },
  render: (rows, context) => {
    const names = rowNames(context, LIFECYCLE_LABELS.length, 'bar', { height: 260, marginLeft: 110 });
    return {
      kind: 'plot',
      options: {
        width: 640,
        height: names.height,
        marginLeft: names.marginLeft,
        marginRight: 150,
        x: { label: 'Mean health score', domain: [0, 100], grid: true },
        y: { label: null, domain: LIFECYCLE_LABELS, ...names.y },
        marks: [
          names.names(rows, 'lifecycle_stage', (r) => text(r, 'lifecycle_stage') ?? ''),
          Plot.barX(rows, {
            x: 'mean_score',
            y: 'lifecycle_stage',
            fill: CATEGORICAL[0],
            title: (r: Row) => `${text(r, 'lifecycle_stage')}: mean ${formatValue(num(r, 'mean_score'), 'decimal')}`,
          }),
          Plot.text(rows, {
            x: 'mean_score',
            y: 'lifecycle_stage',
            text: (r: Row) => {
              const change = num(r, 'mean_change');
              return `${formatValue(num(r, 'mean_score'), 'decimal')} (${change === null ? 'no change yet' : `${change >= 0 ? '+' : ''}${formatValue(change, 'decimal')} a month`})`;
            },
            textAnchor: 'start',
            dx: 5,
          }),
        ],
      },
    };
  },
};

/** A component's points as words, from config: "0 from 0%, 30 from 30%, ..." or the points of each stage. */
function stepsText(id: (typeof COMPONENT_IDS)[number]): string {
  const component = HEALTH.components[id];
  if (!('steps' in component))
    return Object.entries(component.stagePoints)
      .map(([stage, points]) => `${stage} ${points}`)
      .join(', ');
  const value = (min: number) => (id === 'utilization' || id === 'assignment' ? wholePercent(min) : `${min}×`);
  return component.steps.map((step) => `${step.points} from ${value(step.min)}`).join(', ');
}

const RECIPE_COLUMNS: readonly Column[] = [
  { key: 'component', label: 'Component', format: 'text' },
  { key: 'weight', label: 'Weight', format: 'integer' },
  { key: 'steps', label: 'Points (for a value at or above)', format: 'text' },
  { key: 'followed', label: 'Account months followed', format: 'integer' },
  { key: 'auc', label: 'AUC against next-month churn', format: 'auc' },
];

/** How the score is made (every weight and step from config) and how well it, and each part alone, ranks next month's churners. */
export const scoreRecipeChart: ChartDefinition = {
  id: 'health-recipe',
  title: 'How the score is made',
  subtitle: `Each component earns points by steps; the score is the weighted mean of the points of the components an account has (weights add up to 100 and are renormalised when a trend has no earlier month), rounded. AUC: the chance that a random churner scored lower than a random account month that did not churn (0.5 is chance)`,
  query: {
    tables: ['health_auc'],
    sql: () => `SELECT measure, followed, churners, auc FROM health_auc ORDER BY ${orderSql('measure', ['score', ...COMPONENT_IDS])}`,
  },
  columns: RECIPE_COLUMNS,
  tableRows: (rows) =>
    rows.map((r): Row => {
      const measure = text(r, 'measure');
      const id = COMPONENT_IDS.find((c) => c === measure);
      return id
        ? {
            component: HEALTH.components[id].label,
            weight: HEALTH.components[id].weight,
            steps: stepsText(id),
            followed: num(r, 'followed'),
            auc: num(r, 'auc'),
          }
        : {
            component: 'Health score',
            weight: 100,
            steps: `the weighted mean, rounded; bands ${HEALTH.bands.map((b) => `${b.label} from ${b.min}`).join(', ')}`,
            followed: num(r, 'followed'),
            auc: num(r, 'auc'),
          };
    }),
  describe: (rows) => {
    const score = rows.find((r) => text(r, 'measure') === 'score');
    const best = rows.filter((r) => text(r, 'measure') !== 'score').sort((a, b) => (num(b, 'auc') ?? 0) - (num(a, 'auc') ?? 0))[0];
    if (!score || !best) return 'No account month has a next month in the data.';
    const id = text(best, 'measure') as (typeof COMPONENT_IDS)[number];
    return `The score ranks next month's churners with an AUC of ${formatValue(num(score, 'auc'), 'auc')} over ${formatValue(num(score, 'followed'), 'integer')} account months; the best single component, ${inSentence(HEALTH.components[id].label)}, has ${formatValue(num(best, 'auc'), 'auc')}.`;
  },
  render: (rows, context) => ({
    kind: 'html',
    html: htmlTable(scoreRecipeChart.tableRows!(rows, context), RECIPE_COLUMNS, 'Components, weights, points and AUC'),
  }),
};
