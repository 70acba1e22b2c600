/**
 * The customer journeys of the telemetry panel (source 001): the multi-stage Sankey with
 * stages a reader chooses, the profile by portfolio group and plan, and training impact,
 * all over the journey cube (one row per combination of the stage dimensions).
 */
import * as Plot from '@observablehq/plot';
import { bandLabels, orderSql, sqlString } from '../bands.ts';
import { ACTIVE_STATUSES, PANEL, PLANS, REGIONS, TRAINING_STATUSES } from '../config.ts';
import { type Format, formatValue } from '../format.ts';
import { escapeHtml } from '../html.ts';
import { intervalSql } from '../metrics.ts';
import type { ParameterOption, ParameterState } from '../parameters.ts';
import { CATEGORICAL } from '../palette.ts';
import type { Query } from '../query.ts';
import { num, type Row, text } from '../rows.ts';
import { type SankeyStage, sankeyGraph, sankeyLinkColumns, sankeyLinkRows } from '../sankey-graph.ts';
import type { ChartDefinition, Column } from './chart.ts';
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
      width: 760,
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
        y: { grid: true, label: measure === 'arr' ? 'ARR' : 'Accounts', tickFormat: measure === 'arr' ? '~s' : undefined },
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
    render: (rows) => ({
      kind: 'plot',
      options: {
        height: 260,
        marginLeft: 70,
        x: { domain: PORTFOLIO, label: 'Portfolio group' },
        y: { domain: [...PLANS], label: null },
        // Quantized: a continuous ramp legend needs a canvas, which the build-time DOM has not.
        color: {
          type: 'quantize',
          n: 6,
          scheme: value === 'mean_nps' ? 'BuGn' : 'YlGnBu',
          legend: true,
          label: value === 'mean_nps' ? 'Mean NPS' : 'Active rate',
          tickFormat: value === 'active_rate' ? '.0%' : undefined,
        },
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
            fill: 'currentColor',
            stroke: 'var(--bg, white)',
            strokeWidth: 3,
            paintOrder: 'stroke',
            ariaHidden: 'true',
          }),
        ],
      },
    }),
  };
}

export const npsHeatmapChart = heatmap('journey-nps-heatmap', 'Mean NPS by portfolio group and plan', 'mean_nps', 'decimal', 'nps_answers');
export const activeHeatmapChart = heatmap('journey-active-heatmap', 'Active rate by portfolio group and plan', 'active_rate', 'percent', 'accounts');

// ---------------------------------------------------------------------------------------
// Outcomes of a group of accounts, with 95% intervals (training impact, feature breadth)

/** A group's sums from the cube: accounts (n), ARR and its squares, active accounts. */
const GROUP_SUMS = `sum(accounts)::INTEGER AS n, sum(arr)::DOUBLE AS arr_sum, sum(arr_squares)::DOUBLE AS arr_squares,
    sum(accounts) FILTER (WHERE active_status = ${sqlString(ACTIVE)})::INTEGER AS active`;

/** Mean ARR (its standard deviation from the sums of ARR and of its squares) of each group. */
const MEAN_ARR = `arr_sum / n AS mean_arr, sqrt(greatest(arr_squares - arr_sum * arr_sum / n, 0) / nullif(n - 1, 0)) AS sd_arr`;

/** Mean ARR with its normal interval and the active rate with its Wilson interval. */
const OUTCOMES = `mean_arr,
  ${intervalSql.mean('mean_arr', 'sd_arr', 'n', -1)} AS mean_arr_low, ${intervalSql.mean('mean_arr', 'sd_arr', 'n', 1)} AS mean_arr_high,
  active::DOUBLE / n AS active_rate,
  ${intervalSql.wilson('active', 'n', -1)} AS active_rate_low, ${intervalSql.wilson('active', 'n', 1)} AS active_rate_high`;

/** The columns of OUTCOMES, for tables and CSV. */
const OUTCOME_COLUMNS: readonly Column[] = [
  { key: 'mean_arr', label: 'Mean ARR', format: 'money' },
  { key: 'mean_arr_low', label: 'Mean ARR, 95% low', format: 'money' },
  { key: 'mean_arr_high', label: 'Mean ARR, 95% high', format: 'money' },
  { key: 'active_rate', label: 'Active rate', format: 'percent' },
  { key: 'active_rate_low', label: 'Active rate, 95% low', format: 'percent' },
  { key: 'active_rate_high', label: 'Active rate, 95% high', format: 'percent' },
];

// ---------------------------------------------------------------------------------------
// Training impact: overall and within each plan, with 95% intervals

const trainingImpact: Query = {
  tables: ['journey_cube'],
  filters: JOURNEY_FILTERS,
  sql: (p) => `
WITH groups AS (
  SELECT coalesce(plan, 'All plans') AS scope, training, ${GROUP_SUMS}
  FROM journey_cube WHERE ${p.filters()}
  GROUP BY GROUPING SETS ((training), (plan, training))),
stats AS (SELECT *, ${MEAN_ARR} FROM groups)
SELECT scope, training, n, ${OUTCOMES}
FROM stats
ORDER BY CASE scope WHEN 'All plans' THEN 0 ${PLANS.map((plan, i) => `WHEN '${plan}' THEN ${i + 1}`).join(' ')} END, training DESC`,
};

const TRAINING_COLUMNS: readonly Column[] = [
  { key: 'scope', label: 'Plan', format: 'text' },
  { key: 'training', label: 'Training', format: 'text' },
  { key: 'n', label: 'Accounts (n)', format: 'integer' },
  ...OUTCOME_COLUMNS,
];

/** Trained over not-trained mean ARR in a scope (null when a side is missing). */
export function arrLift(rows: readonly Row[], scope: string): number | null {
  const side = (training: string) => rows.find((r) => text(r, 'scope') === scope && text(r, 'training') === training);
  const trained = num(side(TRAINING_STATUSES[0]) ?? {}, 'mean_arr');
  const untrained = num(side(TRAINING_STATUSES[1]) ?? {}, 'mean_arr');
  return trained !== null && untrained ? trained / untrained : null;
}

export const trainingImpactChart: ChartDefinition = {
  id: 'journey-training',
  title: 'Training and ARR, overall and within each plan',
  subtitle: 'Mean ARR and active rate of accounts with and without training, with 95% intervals; an association, not an effect',
  query: trainingImpact,
  columns: TRAINING_COLUMNS,
  describe: (rows) => {
    const overall = arrLift(rows, 'All plans');
    const within = PLANS.map((plan) => arrLift(rows, plan)).filter((lift): lift is number => lift !== null);
    if (overall === null) return 'Too few accounts to compare.';
    const range = within.length ? `; within plans it is ${formatValue(Math.min(...within), 'ratio')} to ${formatValue(Math.max(...within), 'ratio')}` : '';
    return `Trained accounts have ${formatValue(overall, 'ratio')} the mean ARR of the others overall${range}.`;
  },
  render: (rows) => ({
    kind: 'html',
    html: htmlTable(rows, TRAINING_COLUMNS, 'Accounts with and without training: mean ARR and active rate with 95% intervals'),
  }),
};

// ---------------------------------------------------------------------------------------
// Segment paths: portfolio group > plan > engagement > active status

const segmentPaths: Query = {
  tables: ['journey_cube'],
  filters: JOURNEY_FILTERS,
  sql: (p) => `
SELECT portfolio_group || ' › ' || plan || ' › ' || engagement || ' › ' || active_status AS path,
  active_status, sum(accounts)::INTEGER AS accounts, sum(accounts)::DOUBLE / sum(sum(accounts)) OVER () AS account_share,
  sum(arr)::DOUBLE AS arr, sum(arr)::DOUBLE / sum(accounts) AS mean_arr
FROM journey_cube WHERE ${p.filters()}
GROUP BY portfolio_group, plan, engagement, active_status
ORDER BY accounts DESC, path`,
};

const PATH_COLUMNS: readonly Column[] = [
  { key: 'path', label: 'Path (portfolio › plan › engagement › status)', format: 'text' },
  { key: 'accounts', label: 'Accounts', format: 'integer' },
  { key: 'account_share', label: 'Share', format: 'percent' },
  { key: 'arr', label: 'Total ARR', format: 'money' },
  { key: 'mean_arr', label: 'Mean ARR', format: 'money' },
];

export const segmentPathsChart: ChartDefinition = {
  id: 'journey-paths',
  title: 'Segment paths',
  subtitle: 'Every path portfolio group › plan › engagement › active status, largest first; the inactive paths carry the ARR at risk',
  query: segmentPaths,
  columns: [...PATH_COLUMNS, { key: 'active_status', label: 'Active status', format: 'text' }],
  describe: (rows) => {
    const top = rows[0];
    const richest = [...rows].sort((a, b) => (num(b, 'arr') ?? 0) - (num(a, 'arr') ?? 0))[0];
    const atRisk = rows.filter((r) => text(r, 'active_status') === INACTIVE).reduce((sum, r) => sum + (num(r, 'arr') ?? 0), 0);
    if (!top || !richest) return 'No accounts match the filters.';
    return `Most accounts: ${text(top, 'path')} (${formatValue(num(top, 'account_share'), 'percent')}); most ARR: ${text(richest, 'path')}; ARR of inactive paths ${formatValue(atRisk, 'money')}.`;
  },
  render: (rows) => ({ kind: 'html', html: htmlTable(rows, PATH_COLUMNS, 'Segment paths by accounts, with their ARR') }),
};

// ---------------------------------------------------------------------------------------
// Feature breadth: ARR, active rate and NPS by the number of event types an account used

const breadthOutcomes: Query = {
  tables: ['journey_cube'],
  filters: JOURNEY_FILTERS,
  sql: (p) => `
WITH groups AS (
  SELECT feature_breadth, ${GROUP_SUMS}, sum(nps_sum)::DOUBLE AS nps_sum, sum(nps_count)::INTEGER AS nps_answers
  FROM journey_cube WHERE ${p.filters()} GROUP BY feature_breadth),
stats AS (SELECT *, ${MEAN_ARR} FROM groups)
SELECT feature_breadth, n, ${OUTCOMES},
  nps_sum / nullif(nps_answers, 0) AS mean_nps, nps_answers
FROM stats
ORDER BY ${orderSql('feature_breadth', bandLabels(PANEL.featureBreadth))}`,
};

const BREADTH_COLUMNS: readonly Column[] = [
  { key: 'feature_breadth', label: 'Event types used', format: 'text' },
  { key: 'n', label: 'Accounts (n)', format: 'integer' },
  ...OUTCOME_COLUMNS,
  { key: 'mean_nps', label: 'Mean NPS', format: 'decimal' },
  { key: 'nps_answers', label: 'NPS answers', format: 'integer' },
];

export const breadthChart: ChartDefinition = {
  id: 'journey-breadth',
  title: 'Feature breadth: ARR, activity and NPS',
  subtitle: 'By the number of distinct event types an account used, with 95% intervals for mean ARR and the active rate',
  query: breadthOutcomes,
  columns: BREADTH_COLUMNS,
  describe: (rows) => {
    const widest = rows[rows.length - 1];
    const middle = rows[rows.length - 2];
    if (!widest || !middle) return 'Too few accounts to compare.';
    const rate = (r: Row, k: string) => num(r, k) ?? 0;
    // Intervals that do not overlap: the gap is unlikely to be noise.
    const apart = rate(widest, 'active_rate_high') < rate(middle, 'active_rate_low') || rate(widest, 'active_rate_low') > rate(middle, 'active_rate_high');
    const word = rate(widest, 'active_rate') < rate(middle, 'active_rate') ? 'less' : 'more';
    return `Accounts using ${text(widest, 'feature_breadth')} event types have ${formatValue(num(widest, 'mean_arr'), 'money')} mean ARR against ${formatValue(num(middle, 'mean_arr'), 'money')} for ${text(middle, 'feature_breadth')}, and are ${word} often active (${formatValue(num(widest, 'active_rate'), 'percent')} against ${formatValue(num(middle, 'active_rate'), 'percent')}; the intervals ${apart ? 'do not overlap' : 'overlap, so the difference may be noise'}).`;
  },
  render: (rows) => ({ kind: 'html', html: htmlTable(rows, BREADTH_COLUMNS, 'Feature breadth: mean ARR, active rate and NPS with 95% intervals') }),
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
  render: (rows) => ({ kind: 'html', html: htmlTable(rows, TICKET_COLUMNS, 'Support tickets per engagement level, with the total') }),
};
