/**
 * The customer journeys of the telemetry panel (source 001): the multi-stage Sankey with
 * stages a reader chooses, the profile by portfolio group and plan, and training impact,
 * all over the journey cube (one row per combination of the stage dimensions).
 */
import * as Plot from '@observablehq/plot';
import { bandLabels, orderSql, sqlString } from '../bands.ts';
import { ACTIVE_STATUSES, JOURNEY_OPPORTUNITIES, PANEL, PLANS, REGIONS, TRAINING_STATUSES } from '../config.ts';
import { type Format, formatValue, moneyTick } from '../format.ts';
import { escapeHtml } from '../html.ts';
import { intervalSql } from '../metrics.ts';
import type { ParameterOption, ParameterState } from '../parameters.ts';
import { CATEGORICAL, labelColorsOf } from '../palette.ts';
import type { Query } from '../query.ts';
import { num, type Row, text } from '../rows.ts';
import { type SankeyStage, sankeyGraph, sankeyLinkColumns, sankeyLinkRows } from '../sankey-graph.ts';
import { WIDE_CHART_WIDTH, type ChartDefinition, type Column } from './chart.ts';
import { htmlTable } from './html-table.ts';
import { sankeyRendering } from './sankey.ts';

/** The two active statuses of the panel, as the cube writes them. */
export const [ACTIVE, INACTIVE] = ACTIVE_STATUSES;

/** Accounts behind a cell below this are too few to read a mean or a rate from (marked in the heatmaps). */
export const SMALL_CELL = 30;

/** The stages a Sankey can show, in the order of the source's main journey, each with its band order. */
export const JOURNEY_STAGES: readonly SankeyStage[] = [
  { key: 'portfolio_group', label: 'Portfolio group', order: bandLabels(PANEL.portfolioGroups) },
  { key: 'plan', label: 'Plan', order: PLANS },
  { key: 'engagement', label: 'Engagement', order: bandLabels(PANEL.engagement) },
  { key: 'ticket_range', label: 'Tickets (90 days)', order: bandLabels(PANEL.ticketRanges) },
  { key: 'active_status', label: 'Active status', order: ACTIVE_STATUSES },
  { key: 'arr_group', label: 'ARR group', order: bandLabels(PANEL.arrGroups) },
  { key: 'feature_breadth', label: 'Feature breadth', order: bandLabels(PANEL.featureBreadth) },
  { key: 'training', label: 'Training', order: TRAINING_STATUSES },
  { key: 'region', label: 'Region', order: REGIONS },
];

/** The main journey of the source: portfolio group > plan > engagement > tickets > active status > ARR group. */
export const DEFAULT_STAGES = ['portfolio_group', 'plan', 'engagement', 'ticket_range', 'active_status', 'arr_group'];

/** The three smaller Sankeys of the source, one click each, and the main one. */
export const STAGE_PRESETS: readonly { readonly label: string; readonly stages: readonly string[] }[] = [
  { label: 'Main journey', stages: DEFAULT_STAGES },
  { label: 'Engagement › tickets › active', stages: ['engagement', 'ticket_range', 'active_status'] },
  { label: 'Portfolio › ARR group', stages: ['portfolio_group', 'arr_group'] },
  { label: 'Portfolio › active', stages: ['portfolio_group', 'active_status'] },
];

/** What a link's width can measure: the cube column summed, and how it reads. */
export const JOURNEY_MEASURES: readonly (ParameterOption & { readonly format: Format; readonly unit: string })[] = [
  { value: 'accounts', label: 'Accounts', format: 'integer', unit: 'accounts' },
  { value: 'arr', label: 'ARR', format: 'money', unit: 'ARR' },
  { value: 'tickets', label: 'Support tickets', format: 'integer', unit: 'tickets' },
];

/** The stages chosen in `state` (the default journey when none is). */
export function chosenStages(state: ParameterState): SankeyStage[] {
  const chosen = state.stages;
  const keys = typeof chosen === 'object' ? chosen : DEFAULT_STAGES;
  return keys.flatMap((key) => JOURNEY_STAGES.filter((stage) => stage.key === key));
}

function chosenMeasure(state: ParameterState) {
  return JOURNEY_MEASURES.find((measure) => measure.value === state.measure) ?? JOURNEY_MEASURES[0]!;
}

/** The filters of the journeys page: each stage dimension but training, as a column of the cube. */
export const JOURNEY_FILTERS = JOURNEY_STAGES.map((stage) => stage.key).filter((key) => key !== 'training');

// ---------------------------------------------------------------------------------------
// The Sankey: one row per combination of the chosen stages' values (each stage in a slot)

/** The column of slot `i`: the stage the reader put there, from the fixed list (the name is bound, never pasted). */
function slotSql(p: Parameters<Query['sql']>[0], i: number): string {
  const stage = p.level('stages', i);
  return `CASE CAST(${stage} AS VARCHAR) ${JOURNEY_STAGES.map((s) => `WHEN '${s.key}' THEN ${s.key}`).join(' ')} END`;
}

const journeyFlows: Query = {
  tables: ['journey_cube'],
  filters: JOURNEY_FILTERS,
  sql: (p) => `
SELECT ${JOURNEY_STAGES.map((_, i) => `${slotSql(p, i)} AS s${i}`).join(',\n  ')},
  sum(CASE CAST(${p.value('measure')} AS VARCHAR) WHEN 'arr' THEN arr WHEN 'tickets' THEN tickets ELSE accounts END)::DOUBLE AS value
FROM journey_cube
WHERE ${p.filters()}
GROUP BY ALL
ORDER BY ALL`,
};

/** Rows keyed by stage (slot i holds the i-th chosen stage). */
function stageRows(rows: readonly Row[], stages: readonly SankeyStage[]): Row[] {
  return rows.map((row) => ({ ...Object.fromEntries(stages.map((stage, i) => [stage.key, row[`s${i}`] ?? null])), value: row.value ?? null }));
}

/** One button that sets the stages to `stages`. */
function stageButton(label: string, stages: readonly string[], title: string, disabled = false): string {
  const value = escapeHtml(stages.join('/'));
  return disabled
    ? `<button type="button" class="stage-button" disabled aria-label="${escapeHtml(title)}">${escapeHtml(label)}</button>`
    : `<button type="button" class="stage-button" data-filter="stages" data-value="${value}" aria-label="${escapeHtml(title)}">${escapeHtml(label)}</button>`;
}

/** The stage picker: each chosen stage with move and remove buttons, the stages to add, and the presets. */
export function stagePicker(state: ParameterState): string {
  const keys = chosenStages(state).map((stage) => stage.key);
  const label = (key: string) => JOURNEY_STAGES.find((stage) => stage.key === key)?.label ?? key;
  const swap = (i: number, j: number) => keys.map((key, k) => (k === i ? keys[j]! : k === j ? keys[i]! : key));
  const chosen = keys.map((key, i) => {
    const name = label(key);
    return `<li><span class="stage-name">${escapeHtml(name)}</span>${stageButton('←', swap(i, i - 1), `Move ${name} earlier`, i === 0)}${stageButton('→', swap(i, i + 1), `Move ${name} later`, i === keys.length - 1)}${stageButton(
      '×',
      keys.filter((k) => k !== key),
      `Remove ${name}`,
      keys.length <= 2,
    )}</li>`;
  });
  const addable = JOURNEY_STAGES.filter((stage) => !keys.includes(stage.key)).map((stage) =>
    stageButton(`+ ${stage.label}`, [...keys, stage.key], `Add ${stage.label}`),
  );
  const presets = STAGE_PRESETS.map((preset) => stageButton(preset.label, preset.stages, `Show ${preset.label}`));
  return `<div class="stage-picker"><ol class="stages" aria-label="Stages, in order">${chosen.join('')}</ol><p class="stage-add">${addable.join(' ')}</p><p class="stage-presets"><span>Presets:</span> ${presets.join(' ')}</p></div>`;
}

export const journeySankeyChart: ChartDefinition = {
  id: 'journey-sankey',
  title: 'Customer journeys',
  subtitle: 'Accounts (or ARR, or tickets) flowing through the stages you choose; click a node to filter the page by it',
  query: journeyFlows,
  columns: sankeyLinkColumns('Value', 'integer'),
  tableRows: (rows, context) => journeyLinkRows(rows, context.filters),
  describe: (rows, context) => {
    const stages = chosenStages(context.filters);
    const measure = chosenMeasure(context.filters);
    const graph = sankeyGraph(stageRows(rows, stages), stages);
    const widest = [...graph.links].sort((a, b) => b.value - a.value)[0];
    if (!widest) return 'No accounts match the filters.';
    const label = (id: string) => graph.nodes.find((node) => node.id === id)?.label ?? id;
    return `${formatValue(graph.total, measure.format)} ${measure.unit} through ${stages.map((s) => s.label).join(' › ')}; the widest flow is ${label(widest.source)} to ${label(widest.target)} (${formatValue(widest.shareOfTotal, 'percent')} of all).`;
  },
  render: (rows, context) => {
    const stages = chosenStages(context.filters);
    const measure = chosenMeasure(context.filters);
    // Each node sets its own stage's filter (a category of the page), so the chart declares no single crossFilter.
    const rendering = sankeyRendering(sankeyGraph(stageRows(rows, stages), stages), {
      measureLabel: measure.unit,
      format: measure.format,
      // A wide card's width, so each gap between columns has room for its labels.
      width: WIDE_CHART_WIDTH,
      height: 440,
      filterByStage: true,
    });
    return rendering.kind === 'plot' ? { ...rendering, controls: stagePicker(context.filters) } : rendering;
  },
};

/** The Sankey's links as rows (its "view as table" and CSV): every link with its shares. */
export function journeyLinkRows(rows: readonly Row[], state: ParameterState): Row[] {
  const stages = chosenStages(state);
  return sankeyLinkRows(sankeyGraph(stageRows(rows, stages), stages));
}

// ---------------------------------------------------------------------------------------
// Profile: portfolio group x plan

const PORTFOLIO = bandLabels(PANEL.portfolioGroups);

const profileCells: Query = {
  tables: ['journey_cube'],
  filters: JOURNEY_FILTERS,
  sql: (p) => `
SELECT portfolio_group, plan, sum(accounts)::INTEGER AS accounts, sum(arr)::DOUBLE AS arr,
  sum(nps_sum)::DOUBLE / nullif(sum(nps_count), 0) AS mean_nps, sum(nps_count)::INTEGER AS nps_answers,
  sum(accounts) FILTER (WHERE active_status = ${sqlString(ACTIVE)})::DOUBLE / nullif(sum(accounts), 0) AS active_rate
FROM journey_cube WHERE ${p.filters()}
GROUP BY portfolio_group, plan ORDER BY portfolio_group, plan`,
};

const PROFILE_COLUMNS: readonly Column[] = [
  { key: 'portfolio_group', label: 'Portfolio group', format: 'text' },
  { key: 'plan', label: 'Plan', format: 'text' },
  { key: 'accounts', label: 'Accounts', format: 'integer' },
  { key: 'arr', label: 'ARR', format: 'money' },
  { key: 'mean_nps', label: 'Mean NPS', format: 'decimal' },
  { key: 'nps_answers', label: 'NPS answers', format: 'integer' },
  { key: 'active_rate', label: 'Active rate', format: 'percent' },
];

const PLAN_COLORS = { domain: [...PLANS], range: CATEGORICAL.slice(0, PLANS.length), legend: true };

function profileBars(id: string, title: string, measure: 'accounts' | 'arr', format: Format): ChartDefinition {
  return {
    id,
    title,
    subtitle: `${measure === 'arr' ? 'ARR' : 'Accounts'} per portfolio group (sites or projects managed), stacked by plan`,
    query: profileCells,
    columns: PROFILE_COLUMNS,
    describe: (rows) => {
      const byGroup = PORTFOLIO.map((group) => ({
        group,
        value: rows.filter((r) => text(r, 'portfolio_group') === group).reduce((sum, r) => sum + (num(r, measure) ?? 0), 0),
      }));
      const top = [...byGroup].sort((a, b) => b.value - a.value)[0];
      const total = byGroup.reduce((sum, g) => sum + g.value, 0);
      return top && total
        ? `The ${top.group} portfolio group holds ${formatValue(top.value / total, 'percent')} of ${measure === 'arr' ? 'ARR' : 'accounts'}.`
        : 'No accounts match the filters.';
    },
    render: (rows) => ({
      kind: 'plot',
      options: {
        marginLeft: 60,
        x: { domain: PORTFOLIO, label: 'Portfolio group' },
        y: { grid: true, label: measure === 'arr' ? 'ARR' : 'Accounts', tickFormat: measure === 'arr' ? moneyTick : undefined },
        color: PLAN_COLORS,
        marks: [
          Plot.barY(rows, {
            x: 'portfolio_group',
            y: measure,
            fill: 'plan',
            order: [...PLANS],
            title: (r: Row) => `${text(r, 'portfolio_group')}, ${text(r, 'plan')}: ${formatValue(num(r, measure), format)}`,
          }),
          Plot.ruleY([0], { ariaHidden: 'true' }),
        ],
      },
    }),
  };
}

export const accountsProfileChart = profileBars('journey-accounts-profile', 'Accounts by portfolio group and plan', 'accounts', 'integer');
export const arrProfileChart = profileBars('journey-arr-profile', 'ARR by portfolio group and plan', 'arr', 'money');

/** Steps between rates (fractions) that the legend of a rate heatmap can label: whole percents first. */
const RATE_STEPS = [0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2] as const;

/**
 * The colour steps of a rate heatmap over `values`: the finest of `RATE_STEPS` that puts at most five
 * thresholds inside their range, with a legend format that tells every threshold apart. A filter can narrow
 * the range to a few points (66.7 to 70.8% in one portfolio group), where steps of a sixth of it fell on half
 * percents and read "68%" twice.
 */
export function rateSteps(values: readonly (number | null)[]): { domain: number[]; tickFormat: string } {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const [lo, hi] = present.length ? [Math.min(...present), Math.max(...present)] : [0, 1];
  const inside = (step: number) => {
    const thresholds: number[] = [];
    for (let k = Math.floor(lo / step) + 1; k * step < hi - 1e-12; k++) thresholds.push(Math.round(k * step * 1e6) / 1e6);
    return thresholds;
  };
  const step = RATE_STEPS.find((s) => inside(s).length <= 5) ?? RATE_STEPS[RATE_STEPS.length - 1]!;
  const domain = inside(step);
  // Every value within one step: one threshold at the lowest, so the scale still has two colours.
  return { domain: domain.length ? domain : [lo], tickFormat: step < 0.01 ? '.1%' : '.0%' };
}

function heatmap(id: string, title: string, value: 'mean_nps' | 'active_rate', format: Format, n: 'nps_answers' | 'accounts'): ChartDefinition {
  return {
    id,
    title,
    subtitle: `Each cell: the value and the accounts behind it (n); cells under ${SMALL_CELL} accounts are marked with an asterisk`,
    query: profileCells,
    columns: PROFILE_COLUMNS,
    describe: (rows) => {
      const read = rows.filter((r) => (num(r, n) ?? 0) >= SMALL_CELL && num(r, value) !== null);
      const sorted = [...read].sort((a, b) => (num(b, value) ?? 0) - (num(a, value) ?? 0));
      const high = sorted[0];
      const low = sorted[sorted.length - 1];
      if (!high || !low) return 'Too few accounts in every cell to read a value.';
      return `Highest: ${text(high, 'portfolio_group')} ${text(high, 'plan')} (${formatValue(num(high, value), format)}); lowest: ${text(low, 'portfolio_group')} ${text(low, 'plan')} (${formatValue(num(low, value), format)}).`;
    },
    render: (rows) => {
      const values = rows.map((r) => num(r, value));
      const present = values.filter((v): v is number => v !== null);
      // Stepped: a continuous ramp legend needs a canvas, which the build-time DOM has not. The NPS steps span the
      // values (as Plot's own default would), so each cell's colour is known here and its label set against it.
      const colors =
        value === 'active_rate'
          ? ({ type: 'threshold', scheme: 'YlGnBu', ...rateSteps(values) } as const)
          : ({ type: 'quantize', n: 6, scheme: 'BuGn', domain: present.length ? [Math.min(...present), Math.max(...present)] : [0, 1] } as const);
      const labelColor = labelColorsOf(colors);
      return {
        kind: 'plot',
        options: {
          height: 260,
          marginLeft: 70,
          x: { domain: PORTFOLIO, label: 'Portfolio group' },
          y: { domain: [...PLANS], label: null },
          color: { ...colors, legend: true, label: value === 'active_rate' ? 'Active rate' : 'Mean NPS' },
          marks: [
            Plot.cell(rows, {
              x: 'portfolio_group',
              y: 'plan',
              fill: value,
              inset: 1,
              title: (r: Row) =>
                `${text(r, 'portfolio_group')}, ${text(r, 'plan')}: ${formatValue(num(r, value), format)} (n = ${formatValue(num(r, n), 'integer')})`,
            }),
            Plot.text(rows, {
              x: 'portfolio_group',
              y: 'plan',
              text: (r: Row) => `${formatValue(num(r, value), format)}${(num(r, n) ?? 0) < SMALL_CELL ? '*' : ''}\nn = ${formatValue(num(r, n), 'integer')}`,
              // Black or white, whichever reads better on the cell's colour; a cell without a value has none.
              fill: (r: Row) => {
                const v = num(r, value);
                return v === null ? 'currentColor' : labelColor(v);
              },
              ariaHidden: 'true',
            }),
          ],
        },
      };
    },
  };
}

export const npsHeatmapChart = heatmap('journey-nps-heatmap', 'Mean NPS by portfolio group and plan', 'mean_nps', 'decimal', 'nps_answers');
export const activeHeatmapChart = heatmap('journey-active-heatmap', 'Active rate by portfolio group and plan', 'active_rate', 'percent', 'accounts');

// ---------------------------------------------------------------------------------------
// Outcomes of a group of accounts, from their rows (journey_accounts), with 95% intervals

/** A group's rows summarised: n, mean and median ARR (with the sorted values for the median's interval), active accounts, NPS. */
const GROUP_STATS = `count(*)::INTEGER AS n, avg(arr) AS mean_arr, stddev_samp(arr) AS sd_arr, median(arr) AS median_arr,
    list_sort(list(arr)) AS sorted_arr, count(*) FILTER (WHERE active_status = ${sqlString(ACTIVE)})::INTEGER AS active,
    avg(nps_score) AS mean_nps, stddev_samp(nps_score) AS sd_nps, count(nps_score)::INTEGER AS nps_answers`;

/** Mean ARR (normal interval), median ARR (rank interval) and the active rate (Wilson interval) of each group. */
const OUTCOMES = `mean_arr,
  ${intervalSql.mean('mean_arr', 'sd_arr', 'n', -1)} AS mean_arr_low, ${intervalSql.mean('mean_arr', 'sd_arr', 'n', 1)} AS mean_arr_high,
  median_arr, ${intervalSql.median('sorted_arr', 'n', -1)} AS median_arr_low, ${intervalSql.median('sorted_arr', 'n', 1)} AS median_arr_high,
  active::DOUBLE / n AS active_rate,
  ${intervalSql.wilson('active', 'n', -1)} AS active_rate_low, ${intervalSql.wilson('active', 'n', 1)} AS active_rate_high`;

/** The columns of OUTCOMES, each with its interval. */
const OUTCOME_COLUMNS: readonly Column[] = [
  { key: 'mean_arr', label: 'Mean ARR', format: 'money', interval: ['mean_arr_low', 'mean_arr_high'] },
  { key: 'median_arr', label: 'Median ARR', format: 'money', interval: ['median_arr_low', 'median_arr_high'] },
  { key: 'active_rate', label: 'Active rate', format: 'percent', interval: ['active_rate_low', 'active_rate_high'] },
];

/** The scope of a row of a comparison within plans: every plan together, then each plan. */
export const ALL_PLANS = 'All plans';
const SCOPE_ORDER = `CASE scope WHEN ${sqlString(ALL_PLANS)} THEN 0 ${PLANS.map((plan, i) => `WHEN ${sqlString(plan)} THEN ${i + 1}`).join(' ')} END`;

// ---------------------------------------------------------------------------------------
// Training impact: overall and within each plan, with 95% intervals

const trainingImpact: Query = {
  tables: ['journey_accounts'],
  filters: JOURNEY_FILTERS,
  sql: (p) => `
WITH stats AS (
  SELECT coalesce(plan, ${sqlString(ALL_PLANS)}) AS scope, training, ${GROUP_STATS}
  FROM journey_accounts WHERE ${p.filters()}
  GROUP BY GROUPING SETS ((training), (plan, training)))
SELECT scope, training, n, ${OUTCOMES}
FROM stats
ORDER BY ${SCOPE_ORDER}, training DESC`,
};

const TRAINING_COLUMNS: readonly Column[] = [
  { key: 'scope', label: 'Plan', format: 'text' },
  { key: 'training', label: 'Training', format: 'text' },
  { key: 'n', label: 'Accounts (n)', format: 'integer' },
  ...OUTCOME_COLUMNS,
];

/** Trained over not-trained mean ARR in a scope (null when a side is missing). */
export function arrLift(rows: readonly Row[], scope: string): number | null {
  const [trained, untrained] = TRAINING_STATUSES.map((status) => trainingSide(rows, scope, status));
  const [a, b] = [num(trained ?? {}, 'mean_arr'), num(untrained ?? {}, 'mean_arr')];
  return a !== null && b ? a / b : null;
}

/** The row of one side of the training comparison in a scope. */
export function trainingSide(rows: readonly Row[], scope: string, training: string): Row | undefined {
  return rows.find((r) => text(r, 'scope') === scope && text(r, 'training') === training);
}

export const trainingImpactChart: ChartDefinition = {
  id: 'journey-training',
  title: 'Training and ARR, overall and within each plan',
  subtitle: 'Mean and median ARR and the active rate of accounts with and without training, with 95% intervals; an association, not an effect',
  query: trainingImpact,
  columns: TRAINING_COLUMNS,
  describe: (rows) => {
    const overall = arrLift(rows, ALL_PLANS);
    const within = PLANS.map((plan) => arrLift(rows, plan)).filter((lift): lift is number => lift !== null);
    if (overall === null) return 'Too few accounts to compare.';
    const range = within.length ? `; within plans it is ${formatValue(Math.min(...within), 'ratio')} to ${formatValue(Math.max(...within), 'ratio')}` : '';
    return `Trained accounts have ${formatValue(overall, 'ratio')} the mean ARR of the others overall${range}.`;
  },
  render: (rows, context) => ({
    kind: 'html',
    html: htmlTable(rows, TRAINING_COLUMNS, 'Accounts with and without training: ARR and active rate with 95% intervals', context, {
      rowClass: (row) => (text(row, 'scope') === ALL_PLANS ? 'total' : undefined),
    }),
  }),
};

// ---------------------------------------------------------------------------------------
// Segment paths: portfolio group > plan > engagement > active status

/** What the path table can be sorted by (always largest first). */
export const PATH_SORTS: readonly ParameterOption[] = [
  { value: 'accounts', label: 'Accounts' },
  { value: 'arr', label: 'Total ARR' },
  { value: 'mean_arr', label: 'Mean ARR' },
];

const segmentPaths: Query = {
  tables: ['journey_cube'],
  filters: JOURNEY_FILTERS,
  sql: (p) => `
WITH paths AS (
  SELECT portfolio_group || ' › ' || plan || ' › ' || engagement || ' › ' || active_status AS path,
    active_status, sum(accounts)::INTEGER AS accounts, sum(accounts)::DOUBLE / sum(sum(accounts)) OVER () AS account_share,
    sum(arr)::DOUBLE AS arr, sum(arr)::DOUBLE / sum(accounts) AS mean_arr
  FROM journey_cube WHERE ${p.filters()}
  GROUP BY portfolio_group, plan, engagement, active_status)
SELECT *, row_number() OVER (ORDER BY accounts DESC, path) = 1 AS top_by_accounts, row_number() OVER (ORDER BY arr DESC, path) = 1 AS top_by_arr
FROM paths
ORDER BY CASE CAST(${p.value('path_sort')} AS VARCHAR) WHEN 'arr' THEN arr WHEN 'mean_arr' THEN mean_arr ELSE accounts END DESC, path`,
};

const PATH_COLUMNS: readonly Column[] = [
  { key: 'path', label: 'Path (portfolio › plan › engagement › status)', format: 'text' },
  { key: 'accounts', label: 'Accounts', format: 'integer' },
  { key: 'account_share', label: 'Share', format: 'percent' },
  { key: 'arr', label: 'Total ARR', format: 'money' },
  { key: 'mean_arr', label: 'Mean ARR', format: 'money' },
];

/** The inactive paths: how many, their accounts and the ARR they carry (the ARR at risk). */
export function inactivePaths(rows: readonly Row[]): { paths: number; accounts: number; arr: number } {
  const inactive = rows.filter((r) => text(r, 'active_status') === INACTIVE);
  return {
    paths: inactive.length,
    accounts: inactive.reduce((sum, r) => sum + (num(r, 'accounts') ?? 0), 0),
    arr: inactive.reduce((sum, r) => sum + (num(r, 'arr') ?? 0), 0),
  };
}

/** The class of a path's row: the top path by accounts and by ARR are highlighted, inactive paths marked. */
function pathClass(row: Row): string | undefined {
  const classes = [row.top_by_accounts === true ? 'top' : '', row.top_by_arr === true ? 'top' : '', text(row, 'active_status') === INACTIVE ? 'at-risk' : ''];
  return [...new Set(classes.filter(Boolean))].join(' ') || undefined;
}

export const segmentPathsChart: ChartDefinition = {
  id: 'journey-paths',
  title: 'Segment paths',
  subtitle:
    'Every path portfolio group › plan › engagement › active status; the top path by accounts and by ARR highlighted, the inactive paths carry the ARR at risk',
  query: segmentPaths,
  columns: [
    ...PATH_COLUMNS,
    { key: 'active_status', label: 'Active status', format: 'text' },
    { key: 'top_by_accounts', label: 'Top by accounts', format: 'text' },
    { key: 'top_by_arr', label: 'Top by ARR', format: 'text' },
  ],
  describe: (rows) => {
    const top = rows.find((r) => r.top_by_accounts === true);
    const richest = rows.find((r) => r.top_by_arr === true);
    if (!top || !richest) return 'No accounts match the filters.';
    const inactive = inactivePaths(rows);
    return `Most accounts: ${text(top, 'path')} (${formatValue(num(top, 'account_share'), 'percent')}); most ARR: ${text(richest, 'path')} (${formatValue(num(richest, 'arr'), 'money')}); ${formatValue(inactive.paths, 'integer')} inactive paths hold ${formatValue(inactive.accounts, 'integer')} accounts and ${formatValue(inactive.arr, 'money')} of ARR at risk.`;
  },
  render: (rows, context) => {
    const top = rows.find((r) => r.top_by_accounts === true);
    const richest = rows.find((r) => r.top_by_arr === true);
    const inactive = inactivePaths(rows);
    const summary =
      top && richest
        ? `<ul class="path-summary"><li><span class="key top">Top by accounts</span> ${escapeHtml(text(top, 'path') ?? '')}</li><li><span class="key top">Top by ARR</span> ${escapeHtml(text(richest, 'path') ?? '')}</li><li><span class="key at-risk">Inactive</span> ${escapeHtml(`${formatValue(inactive.paths, 'integer')} paths, ${formatValue(inactive.accounts, 'integer')} accounts, ${formatValue(inactive.arr, 'money')} of ARR at risk`)}</li></ul>`
        : '';
    const sort = context.filters.path_sort;
    // The box scrolls (a tall card): the caption says how many rows it holds.
    const caption = `${formatValue(rows.length, 'integer')} segment paths, sorted by ${PATH_SORTS.find((s) => s.value === sort)?.label ?? PATH_SORTS[0]!.label} (largest first); the table scrolls`;
    return {
      kind: 'html',
      html: `${summary}${htmlTable(rows, PATH_COLUMNS, caption, context, { rowClass: pathClass, sort: { parameter: 'path_sort', columns: PATH_SORTS.map((s) => s.value) } })}`,
    };
  },
};

// ---------------------------------------------------------------------------------------
// Feature breadth: ARR, active rate and NPS by the number of event types an account used

const BREADTH = bandLabels(PANEL.featureBreadth);

const breadthOutcomes: Query = {
  tables: ['journey_accounts'],
  filters: JOURNEY_FILTERS,
  sql: (p) => `
WITH stats AS (
  SELECT feature_breadth, ${GROUP_STATS}
  FROM journey_accounts WHERE ${p.filters()} GROUP BY feature_breadth)
SELECT feature_breadth, n, ${OUTCOMES}, mean_nps,
  ${intervalSql.mean('mean_nps', 'sd_nps', 'nps_answers', -1)} AS mean_nps_low, ${intervalSql.mean('mean_nps', 'sd_nps', 'nps_answers', 1)} AS mean_nps_high, nps_answers
FROM stats
ORDER BY ${orderSql('feature_breadth', BREADTH)}`,
};

const BREADTH_COLUMNS: readonly Column[] = [
  { key: 'feature_breadth', label: 'Event types used', format: 'text' },
  { key: 'n', label: 'Accounts (n)', format: 'integer' },
  ...OUTCOME_COLUMNS,
  { key: 'mean_nps', label: 'Mean NPS', format: 'decimal', interval: ['mean_nps_low', 'mean_nps_high'] },
  { key: 'nps_answers', label: 'NPS answers', format: 'integer' },
];

export const breadthChart: ChartDefinition = {
  id: 'journey-breadth',
  title: 'Feature breadth: ARR, activity and NPS',
  subtitle: 'By the number of distinct event types an account used, with 95% intervals',
  query: breadthOutcomes,
  columns: BREADTH_COLUMNS,
  describe: (rows) => {
    const top = rows.find((r) => text(r, 'feature_breadth') === JOURNEY_OPPORTUNITIES.featureAdoption.to);
    const middle = rows.find((r) => text(r, 'feature_breadth') === JOURNEY_OPPORTUNITIES.featureAdoption.from);
    if (!top || !middle) return 'Too few accounts to compare.';
    return `Accounts using ${text(top, 'feature_breadth')} event types have ${formatValue(num(top, 'mean_arr'), 'money')} mean ARR against ${formatValue(num(middle, 'mean_arr'), 'money')} for ${text(middle, 'feature_breadth')}; their active rates are ${formatValue(num(top, 'active_rate'), 'percent')} and ${formatValue(num(middle, 'active_rate'), 'percent')}.`;
  },
  render: (rows, context) => ({
    kind: 'html',
    html: htmlTable(rows, BREADTH_COLUMNS, 'Feature breadth: ARR, active rate and NPS with 95% intervals', context),
  }),
};

// ---------------------------------------------------------------------------------------
// Are the widest users less active? The active-rate gap of the top and bottom breadth groups, within plans

const [NARROWEST, WIDEST] = [BREADTH[0]!, BREADTH[BREADTH.length - 1]!];

const breadthGap: Query = {
  tables: ['journey_accounts'],
  filters: JOURNEY_FILTERS,
  sql: (p) => `
WITH sides AS (
  SELECT coalesce(plan, ${sqlString(ALL_PLANS)}) AS scope,
    count(*) FILTER (WHERE feature_breadth = ${sqlString(WIDEST)})::INTEGER AS n_widest,
    count(*) FILTER (WHERE feature_breadth = ${sqlString(WIDEST)} AND active_status = ${sqlString(ACTIVE)})::INTEGER AS active_widest,
    count(*) FILTER (WHERE feature_breadth = ${sqlString(NARROWEST)})::INTEGER AS n_narrowest,
    count(*) FILTER (WHERE feature_breadth = ${sqlString(NARROWEST)} AND active_status = ${sqlString(ACTIVE)})::INTEGER AS active_narrowest
  FROM journey_accounts WHERE ${p.filters()}
  GROUP BY GROUPING SETS ((), (plan)))
SELECT scope, n_widest, active_widest::DOUBLE / nullif(n_widest, 0) AS rate_widest,
  n_narrowest, active_narrowest::DOUBLE / nullif(n_narrowest, 0) AS rate_narrowest,
  CASE WHEN n_widest > 0 AND n_narrowest > 0 THEN active_widest::DOUBLE / n_widest - active_narrowest::DOUBLE / n_narrowest END AS gap,
  CASE WHEN n_widest > 0 AND n_narrowest > 0 THEN ${intervalSql.difference('active_widest', 'n_widest', 'active_narrowest', 'n_narrowest', -1)} END AS gap_low,
  CASE WHEN n_widest > 0 AND n_narrowest > 0 THEN ${intervalSql.difference('active_widest', 'n_widest', 'active_narrowest', 'n_narrowest', 1)} END AS gap_high
FROM sides
ORDER BY ${SCOPE_ORDER}`,
};

const GAP_COLUMNS: readonly Column[] = [
  { key: 'scope', label: 'Plan', format: 'text' },
  { key: 'n_widest', label: `Accounts using ${WIDEST}`, format: 'integer' },
  { key: 'rate_widest', label: `Active rate, ${WIDEST}`, format: 'percent' },
  { key: 'n_narrowest', label: `Accounts using ${NARROWEST}`, format: 'integer' },
  { key: 'rate_narrowest', label: `Active rate, ${NARROWEST}`, format: 'percent' },
  { key: 'gap', label: 'Difference', format: 'points', interval: ['gap_low', 'gap_high'] },
];

/** What the gap of a scope says: below zero, above zero, or not told apart from zero (its interval holds 0). */
export function gapReading(row: Row | undefined): 'lower' | 'higher' | 'unclear' | null {
  const [low, high] = [num(row ?? {}, 'gap_low'), num(row ?? {}, 'gap_high')];
  if (low === null || high === null) return null;
  return high < 0 ? 'lower' : low > 0 ? 'higher' : 'unclear';
}

export const breadthGapChart: ChartDefinition = {
  id: 'journey-breadth-gap',
  title: `Are accounts using ${WIDEST} event types less active?`,
  subtitle: `Active rate of the widest users (${WIDEST} event types) minus that of the narrowest (${NARROWEST}), overall and within each plan, with 95% intervals (Newcombe)`,
  query: breadthGap,
  columns: GAP_COLUMNS,
  describe: (rows) => {
    const overall = rows.find((r) => text(r, 'scope') === ALL_PLANS);
    const reading = gapReading(overall);
    if (!overall || reading === null) return 'Too few accounts in one of the groups to compare.';
    const within = rows.filter((r) => text(r, 'scope') !== ALL_PLANS).map(gapReading);
    const verdict =
      reading === 'unclear'
        ? 'the interval includes zero, so the data do not show a difference'
        : `the interval excludes zero, so the widest users are ${reading === 'lower' ? 'less' : 'more'} active${within.every((w) => w === reading) ? ' within every plan too' : ', though not clearly within every plan'}`;
    return `Overall the difference is ${formatValue(num(overall, 'gap'), 'points')} (${formatValue(num(overall, 'gap_low'), 'points')} to ${formatValue(num(overall, 'gap_high'), 'points')}): ${verdict}.`;
  },
  render: (rows) => {
    const shown = rows.filter((r) => num(r, 'gap') !== null);
    return {
      kind: 'plot',
      options: {
        height: 60 + 34 * Math.max(shown.length, 1),
        marginLeft: 80,
        // A round domain and a little room inside the frame, so no interval ends on the axis's edge.
        x: {
          label: `Active-rate difference, ${WIDEST} minus ${NARROWEST} (points)`,
          tickFormat: (d: number) => `${Math.round(d * 100)}`,
          grid: true,
          nice: true,
          inset: 6,
        },
        y: { domain: shown.map((r) => text(r, 'scope')), label: null },
        marks: [
          Plot.ruleX([0], { stroke: 'currentColor', strokeOpacity: 0.6, ariaHidden: 'true' }),
          Plot.link(shown, { x1: 'gap_low', x2: 'gap_high', y1: 'scope', y2: 'scope', stroke: CATEGORICAL[0], strokeWidth: 2, ariaHidden: 'true' }),
          Plot.dot(shown, {
            x: 'gap',
            y: 'scope',
            r: 5,
            fill: CATEGORICAL[0],
            title: (r: Row) =>
              `${text(r, 'scope')}: ${formatValue(num(r, 'gap'), 'points')} (95% ${formatValue(num(r, 'gap_low'), 'points')} to ${formatValue(num(r, 'gap_high'), 'points')}), n = ${formatValue(num(r, 'n_widest'), 'integer')} and ${formatValue(num(r, 'n_narrowest'), 'integer')}`,
          }),
        ],
      },
    };
  },
};

// ---------------------------------------------------------------------------------------
// Who is in the panel: portfolio size, and the accounts per plan, engagement, breadth and tickets

/** The portfolio sizes shown one by one; larger ones are gathered in the last bar. */
const PORTFOLIO_CAP = 40;

const portfolioSizes: Query = {
  tables: ['journey_accounts'],
  filters: JOURNEY_FILTERS,
  sql: (p) => `
SELECT least(portfolio_size, ${PORTFOLIO_CAP})::INTEGER AS portfolio_size, count(*)::INTEGER AS accounts,
  count(*)::DOUBLE / sum(count(*)) OVER () AS account_share
FROM journey_accounts WHERE ${p.filters()}
GROUP BY ALL ORDER BY 1`,
};

export const portfolioSizeChart: ChartDefinition = {
  id: 'journey-portfolio-size',
  title: 'Portfolio size',
  subtitle: `Accounts by the number of sites or projects they manage; ${PORTFOLIO_CAP} stands for ${PORTFOLIO_CAP} or more, and 0 (a data-quality flag) is shaded apart`,
  query: portfolioSizes,
  columns: [
    { key: 'portfolio_size', label: 'Portfolio size', format: 'integer' },
    { key: 'accounts', label: 'Accounts', format: 'integer' },
    { key: 'account_share', label: 'Share', format: 'percent' },
  ],
  describe: (rows) => {
    const total = rows.reduce((sum, r) => sum + (num(r, 'accounts') ?? 0), 0);
    if (!total) return 'No accounts match the filters.';
    const share = (pick: (size: number) => boolean) =>
      rows.filter((r) => pick(num(r, 'portfolio_size') ?? 0)).reduce((sum, r) => sum + (num(r, 'accounts') ?? 0), 0) / total;
    const zero = rows.find((r) => num(r, 'portfolio_size') === 0);
    return `${formatValue(
      share((size) => size <= 5),
      'percent',
    )} of accounts manage 5 or fewer; ${formatValue(
      share((size) => size >= PORTFOLIO_CAP),
      'percent',
    )} manage ${PORTFOLIO_CAP} or more; ${formatValue(num(zero ?? {}, 'accounts') ?? 0, 'integer')} report 0.`;
  },
  render: (rows) => ({
    kind: 'plot',
    options: {
      height: 240,
      x: { label: 'Portfolio size (sites or projects)', tickFormat: (d: number) => (d === PORTFOLIO_CAP ? `${d}+` : `${d}`) },
      y: { grid: true, label: 'Accounts' },
      marks: [
        Plot.rectY(rows, {
          x1: (r: Row) => (num(r, 'portfolio_size') ?? 0) - 0.45,
          x2: (r: Row) => (num(r, 'portfolio_size') ?? 0) + 0.45,
          y: 'accounts',
          fill: (r: Row) => (num(r, 'portfolio_size') === 0 ? CATEGORICAL[3] : CATEGORICAL[0]),
          title: (r: Row) =>
            `Portfolio ${num(r, 'portfolio_size') === PORTFOLIO_CAP ? `${PORTFOLIO_CAP}+` : num(r, 'portfolio_size')}: ${formatValue(num(r, 'accounts'), 'integer')} accounts (${formatValue(num(r, 'account_share'), 'percent')})`,
        }),
        Plot.ruleY([0], { ariaHidden: 'true' }),
      ],
    },
  }),
};

/** The panel's composition by these stages, in this order. */
const COMPOSITION_STAGES = ['plan', 'engagement', 'feature_breadth', 'ticket_range'] as const;

const composition: Query = {
  tables: ['journey_cube'],
  filters: JOURNEY_FILTERS,
  // Materialized: DuckDB 0.9 (the browser's engine) would otherwise bind and plan the filtered cube once per stage.
  sql: (p) => `
WITH filtered AS MATERIALIZED (SELECT * FROM journey_cube WHERE ${p.filters()})
${COMPOSITION_STAGES.map(
  (key, i) =>
    `SELECT ${sqlString(stageLabel(key))} AS stage, ${key} AS band, ${i} AS stage_order, ${orderSql(key, stageOrder(key))} AS band_order, sum(accounts)::INTEGER AS accounts, sum(tickets)::INTEGER AS tickets
FROM filtered GROUP BY ${key}`,
).join('\nUNION ALL\n')}
ORDER BY stage_order, band_order`,
};

function stageLabel(key: string): string {
  return JOURNEY_STAGES.find((stage) => stage.key === key)?.label ?? key;
}

function stageOrder(key: string): readonly string[] {
  return JOURNEY_STAGES.find((stage) => stage.key === key)?.order ?? [];
}

/** The composition rows with each band's share of its stage's accounts. */
function compositionShares(rows: readonly Row[]): Row[] {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(text(r, 'stage') ?? '', (totals.get(text(r, 'stage') ?? '') ?? 0) + (num(r, 'accounts') ?? 0));
  return rows.map((r) => ({
    ...r,
    share: (num(r, 'accounts') ?? 0) / (totals.get(text(r, 'stage') ?? '') || 1),
    key: `${text(r, 'stage')}: ${text(r, 'band')}`,
  }));
}

export const compositionChart: ChartDefinition = {
  id: 'journey-composition',
  title: 'Accounts by plan, engagement, feature breadth and tickets',
  subtitle: 'Share of the filtered accounts in each band of each stage (each stage adds up to 100%)',
  query: composition,
  columns: [
    { key: 'stage', label: 'Stage', format: 'text' },
    { key: 'band', label: 'Band', format: 'text' },
    { key: 'accounts', label: 'Accounts', format: 'integer' },
    { key: 'share', label: 'Share of the stage', format: 'percent' },
    { key: 'tickets', label: 'Tickets (90 days)', format: 'integer' },
  ],
  tableRows: (rows) => compositionShares(rows),
  describe: (rows) => {
    const shares = compositionShares(rows);
    if (!shares.length) return 'No accounts match the filters.';
    return COMPOSITION_STAGES.map((key) => {
      const largest = shares.filter((r) => text(r, 'stage') === stageLabel(key)).sort((a, b) => (num(b, 'share') ?? 0) - (num(a, 'share') ?? 0))[0];
      return largest ? `${stageLabel(key)}: ${text(largest, 'band')} ${formatValue(num(largest, 'share'), 'percent')}` : '';
    })
      .filter(Boolean)
      .join('; ')
      .concat('.');
  },
  render: (rows) => {
    const shares = compositionShares(rows);
    return {
      kind: 'plot',
      options: {
        height: 60 + 22 * shares.length,
        marginLeft: 170,
        x: { label: 'Share of accounts', tickFormat: '.0%', grid: true, domain: [0, 1] },
        y: { domain: shares.map((r) => r.key as string), label: null },
        color: { domain: COMPOSITION_STAGES.map(stageLabel), range: CATEGORICAL.slice(0, COMPOSITION_STAGES.length) },
        marks: [
          Plot.barX(shares, {
            x: 'share',
            y: 'key',
            fill: 'stage',
            title: (r: Row) => `${r.key}: ${formatValue(num(r, 'accounts'), 'integer')} accounts (${formatValue(num(r, 'share'), 'percent')})`,
          }),
          Plot.text(shares, {
            x: 'share',
            y: 'key',
            text: (r: Row) => formatValue(num(r, 'share'), 'percent'),
            dx: 4,
            textAnchor: 'start',
            fill: 'currentColor',
            ariaHidden: 'true',
          }),
          Plot.ruleX([0], { ariaHidden: 'true' }),
        ],
      },
    };
  },
};

// ---------------------------------------------------------------------------------------
// Support tickets: how many accounts raise how many, and tickets per account by engagement

const ticketsByEngagement: Query = {
  tables: ['journey_cube'],
  filters: JOURNEY_FILTERS,
  sql: (p) => `
SELECT coalesce(engagement, 'All accounts') AS engagement, sum(accounts)::INTEGER AS accounts, sum(tickets)::INTEGER AS tickets,
  sum(tickets)::DOUBLE / nullif(sum(accounts), 0) AS tickets_per_account
FROM journey_cube WHERE ${p.filters()}
GROUP BY ROLLUP (engagement)
ORDER BY engagement IS NULL, ${orderSql('engagement', bandLabels(PANEL.engagement))}`,
};

const TICKET_COLUMNS: readonly Column[] = [
  { key: 'engagement', label: 'Engagement', format: 'text' },
  { key: 'accounts', label: 'Accounts', format: 'integer' },
  { key: 'tickets', label: 'Tickets (90 days)', format: 'integer' },
  { key: 'tickets_per_account', label: 'Tickets per account', format: 'decimal' },
];

export const ticketsChart: ChartDefinition = {
  id: 'journey-tickets',
  title: 'Support tickets by engagement',
  subtitle: 'Tickets raised in the last 90 days; the last row is the total of the rows above it',
  query: ticketsByEngagement,
  columns: TICKET_COLUMNS,
  describe: (rows) => {
    const groups = rows.filter((r) => text(r, 'engagement') !== 'All accounts');
    const total = rows.find((r) => text(r, 'engagement') === 'All accounts');
    const busiest = [...groups].sort((a, b) => (num(b, 'tickets_per_account') ?? 0) - (num(a, 'tickets_per_account') ?? 0))[0];
    if (!total || !busiest) return 'No accounts match the filters.';
    return `${formatValue(num(total, 'tickets'), 'integer')} tickets from ${formatValue(num(total, 'accounts'), 'integer')} accounts; ${text(busiest, 'engagement')} engagement raises the most per account (${formatValue(num(busiest, 'tickets_per_account'), 'decimal')}).`;
  },
  render: (rows, context) => ({
    kind: 'html',
    html: htmlTable(rows, TICKET_COLUMNS, 'Support tickets per engagement level, with the total', context, {
      rowClass: (row) => (text(row, 'engagement') === 'All accounts' ? 'total' : undefined),
    }),
  }),
};

// ---------------------------------------------------------------------------------------
// Quantified opportunities, each with its formula and what it assumes

const [TRAINED, UNTRAINED] = TRAINING_STATUSES;
const { premiumUpgrade: PREMIUM, featureAdoption: ADOPTION } = JOURNEY_OPPORTUNITIES;
const inList = (values: readonly string[]) => values.map(sqlString).join(', ');

/** The accounts a premium upgrade targets, and the premium accounts of the same profile whose ARR they are assumed to reach. */
const PREMIUM_TARGET = `portfolio_group = ${sqlString(PREMIUM.portfolioGroup)} AND plan IN (${inList(PREMIUM.fromPlans)}) AND engagement IN (${inList(PREMIUM.engagement)}) AND active_status = ${sqlString(PREMIUM.activeStatus)}`;
const PREMIUM_REFERENCE = `portfolio_group = ${sqlString(PREMIUM.portfolioGroup)} AND plan = ${sqlString(PREMIUM.toPlan)} AND engagement IN (${inList(PREMIUM.engagement)}) AND active_status = ${sqlString(PREMIUM.activeStatus)}`;

/** Each estimate: what it is, its formula and what it needs to hold. */
export const OPPORTUNITIES = [
  {
    id: 'training-naive',
    opportunity: 'Training expansion',
    estimate: 'Naive (all plans together)',
    formula: 'untrained accounts × (mean ARR trained − mean ARR not trained)',
    assumes: 'Training causes the whole gap, and every untrained account attends and then pays what trained accounts pay today, plan mix included.',
  },
  {
    id: 'training-within-plan',
    opportunity: 'Training expansion',
    estimate: 'Within each plan',
    formula: 'Σ over plans of untrained accounts × (mean ARR trained − mean ARR not trained) in that plan',
    assumes:
      'Training causes the gap within each plan and accounts stay on their plan; the part of the naive figure that comes from trained accounts being on dearer plans is left out.',
  },
  {
    id: 'premium-upgrade',
    opportunity: 'Premium upgrade',
    estimate: `Portfolio ${PREMIUM.portfolioGroup}, ${PREMIUM.fromPlans.join(' or ')}, ${PREMIUM.engagement.join(' or ').toLowerCase()} engagement, ${PREMIUM.activeStatus.toLowerCase()}`,
    formula: `target accounts × mean ARR of ${PREMIUM.toPlan} accounts of the same portfolio group, engagement and status − the targets’ current ARR`,
    assumes: `Every target account upgrades and then pays what today’s ${PREMIUM.toPlan} accounts of the same profile pay; those who chose ${PREMIUM.toPlan} may differ from those who did not.`,
  },
  {
    id: 'adoption-naive',
    opportunity: 'Feature adoption',
    estimate: `Naive (${ADOPTION.from} to ${ADOPTION.to} event types)`,
    formula: `accounts using ${ADOPTION.from} × (mean ARR at ${ADOPTION.to} − mean ARR at ${ADOPTION.from})`,
    assumes: 'Using more features raises ARR by the whole gap between the groups; the gap may as well run the other way (larger accounts use more features).',
  },
  {
    id: 'adoption-within-plan',
    opportunity: 'Feature adoption',
    estimate: 'Within each plan',
    formula: `Σ over plans of accounts using ${ADOPTION.from} × (mean ARR at ${ADOPTION.to} − mean ARR at ${ADOPTION.from}) in that plan`,
    assumes: 'As the naive estimate, but accounts stay on their plan, so the gap that plan mix explains is left out.',
  },
] as const;

/** An estimate's row: its id, the accounts it targets, the ARR lift per account and in total. */
/** One estimate's row: the total in parentheses, so that a total such as `n * reference - arr` is divided whole. */
const estimateSql = (id: string, accounts: string, total: string, from: string) =>
  `SELECT ${sqlString(id)} AS id, ${accounts} AS accounts, (${total}) / nullif(${accounts}, 0) AS lift_per_account, ${total} AS total FROM ${from}`;

const opportunities: Query = {
  tables: ['journey_cube'],
  filters: JOURNEY_FILTERS,
  // ARR is summed as DECIMAL so that both engines add the same cents and agree to the last digit. The tables read
  // more than once are materialized: DuckDB 0.9 (the browser's engine) would otherwise bind and plan each once per
  // reference: materialized, the query takes about 30% less time there.
  sql: (p) => `
WITH filtered AS MATERIALIZED (SELECT * FROM journey_cube WHERE ${p.filters()}),
by_plan AS MATERIALIZED (
  SELECT plan,
    sum(accounts) FILTER (WHERE training = ${sqlString(TRAINED)}) AS n_trained, sum(arr::DECIMAL(18, 2)) FILTER (WHERE training = ${sqlString(TRAINED)}) AS arr_trained,
    sum(accounts) FILTER (WHERE training = ${sqlString(UNTRAINED)}) AS n_untrained, sum(arr::DECIMAL(18, 2)) FILTER (WHERE training = ${sqlString(UNTRAINED)}) AS arr_untrained,
    sum(accounts) FILTER (WHERE feature_breadth = ${sqlString(ADOPTION.to)}) AS n_top, sum(arr::DECIMAL(18, 2)) FILTER (WHERE feature_breadth = ${sqlString(ADOPTION.to)}) AS arr_top,
    sum(accounts) FILTER (WHERE feature_breadth = ${sqlString(ADOPTION.from)}) AS n_middle, sum(arr::DECIMAL(18, 2)) FILTER (WHERE feature_breadth = ${sqlString(ADOPTION.from)}) AS arr_middle
  FROM filtered GROUP BY plan),
overall AS MATERIALIZED (
  SELECT sum(n_trained) AS n_trained, sum(arr_trained) AS arr_trained, sum(n_untrained) AS n_untrained, sum(arr_untrained) AS arr_untrained,
    sum(n_top) AS n_top, sum(arr_top) AS arr_top, sum(n_middle) AS n_middle, sum(arr_middle) AS arr_middle
  FROM by_plan),
training_within AS (
  SELECT sum(n_untrained) AS n, sum(n_untrained * (arr_trained / n_trained - arr_untrained / n_untrained)) AS total
  FROM by_plan WHERE n_trained > 0 AND n_untrained > 0),
adoption_within AS (
  SELECT sum(n_middle) AS n, sum(n_middle * (arr_top / n_top - arr_middle / n_middle)) AS total
  FROM by_plan WHERE n_top > 0 AND n_middle > 0),
premium AS (
  SELECT sum(accounts) FILTER (WHERE ${PREMIUM_TARGET}) AS n, sum(arr::DECIMAL(18, 2)) FILTER (WHERE ${PREMIUM_TARGET}) AS arr,
    sum(arr::DECIMAL(18, 2)) FILTER (WHERE ${PREMIUM_REFERENCE}) / nullif(sum(accounts) FILTER (WHERE ${PREMIUM_REFERENCE}), 0) AS reference
  FROM filtered),
estimates AS (
  ${estimateSql('training-naive', 'n_untrained', 'n_untrained * (arr_trained / nullif(n_trained, 0) - arr_untrained / nullif(n_untrained, 0))', 'overall')}
  UNION ALL ${estimateSql('training-within-plan', 'n', 'total', 'training_within')}
  UNION ALL ${estimateSql('premium-upgrade', 'n', 'n * reference - arr', 'premium')}
  UNION ALL ${estimateSql('adoption-naive', 'n_middle', 'n_middle * (arr_top / nullif(n_top, 0) - arr_middle / nullif(n_middle, 0))', 'overall')}
  UNION ALL ${estimateSql('adoption-within-plan', 'n', 'total', 'adoption_within')})
SELECT id, coalesce(accounts, 0)::INTEGER AS accounts, lift_per_account::DOUBLE AS lift_per_account, total::DOUBLE AS total
FROM estimates
ORDER BY list_position([${OPPORTUNITIES.map((o) => sqlString(o.id)).join(', ')}], id)`,
};

/** The estimates' rows with what each is, its formula and its assumptions (for the table and the download). */
export function opportunityRows(rows: readonly Row[]): Row[] {
  return rows.map((row) => {
    const found = OPPORTUNITIES.find((o) => o.id === text(row, 'id'));
    if (!found) throw new Error(`The opportunities query returned an unknown estimate ${text(row, 'id')}.`);
    const { id, ...words } = found;
    return { ...row, ...words, id };
  });
}

const OPPORTUNITY_COLUMNS: readonly Column[] = [
  { key: 'opportunity', label: 'Opportunity', format: 'text' },
  { key: 'estimate', label: 'Estimate', format: 'text' },
  { key: 'accounts', label: 'Accounts targeted', format: 'integer' },
  { key: 'lift_per_account', label: 'ARR lift per account', format: 'money' },
  { key: 'total', label: 'ARR lift in total', format: 'money' },
  { key: 'formula', label: 'Formula', format: 'text', prose: true },
  { key: 'assumes', label: 'Holds only if', format: 'text', prose: true },
];

export const opportunitiesChart: ChartDefinition = {
  id: 'journey-opportunities',
  title: 'Quantified opportunities',
  subtitle: 'Upper bounds under strong assumptions, each with its formula; the within-plan estimates remove what plan mix explains',
  query: opportunities,
  columns: [{ key: 'id', label: 'Estimate id', format: 'text' }, ...OPPORTUNITY_COLUMNS],
  tableRows: (rows) => opportunityRows(rows),
  describe: (rows) => {
    const shown = opportunityRows(rows);
    const total = (id: string) => num(shown.find((r) => text(r, 'id') === id) ?? {}, 'total');
    return `Training expansion ${formatValue(total('training-naive'), 'money')} naively, ${formatValue(total('training-within-plan'), 'money')} within plans; premium upgrade ${formatValue(total('premium-upgrade'), 'money')}; feature adoption ${formatValue(total('adoption-naive'), 'money')} naively, ${formatValue(total('adoption-within-plan'), 'money')} within plans.`;
  },
  render: (rows, context) => ({
    kind: 'html',
    html: htmlTable(opportunityRows(rows), OPPORTUNITY_COLUMNS, 'Opportunities: the ARR each would add, its formula and its assumptions', context),
  }),
};
