/**
 * CS operations (source 004, SPEC 4.8): the interaction model (how well it predicts against
 * the mean-only baseline, what drives interactions), the deal scores and the specialists'
 * portfolios, the client analysis, and the automatic distribution of new clients with its
 * justification. Scores and routing are defined in src/lib/cs-scoring.ts; the weights are
 * page parameters, and the charts that depend on them score and route in TypeScript from
 * rows that do not, so moving a weight re-routes without a query.
 */
import * as Plot from '@observablehq/plot';
import { CS_SCORING } from '../config.ts';
import {
  type Assignment,
  type NewClient,
  type Routing,
  type ScoreWeights,
  type Specialist,
  dealScore,
  portfolioScore,
  routeClients,
  skillList,
} from '../cs-scoring.ts';
import { formatValue } from '../format.ts';
import { escapeHtml } from '../html.ts';
import { CATEGORICAL, RATE_SCHEME, TREND_LINE_OPACITY } from '../palette.ts';
import { type NumberParameter, type ParameterState, selected } from '../parameters.ts';
import type { Query } from '../query.ts';
import { num, type Row, text } from '../rows.ts';
import type { ChartDefinition, Column, RenderContext } from './chart.ts';
import { emphasis, filterOnClick } from './cross-filter.ts';
import { htmlTable } from './html-table.ts';
import { rowNames } from './row-names.ts';
import { lineEnds, monthDate, monthTicks } from './month-axis.ts';
import { type Kpi, kpiCardsHtml } from './kpi-cards.ts';

// ---------------------------------------------------------------------------------------
// Weights: page parameters, always set (their defaults from config)

const WEIGHT_STEP = 0.05;

/** w1 and w2 of the deal score, as the page's number parameters. */
export const WEIGHT_PARAMETERS: readonly NumberParameter[] = [
  { kind: 'number', name: 'w1', label: 'Weight of the interaction band (w1)', min: 0, max: 1, step: WEIGHT_STEP, default: CS_SCORING.weights.interactions },
  { kind: 'number', name: 'w2', label: 'Weight of the complexity band (w2)', min: 0, max: 1, step: WEIGHT_STEP, default: CS_SCORING.weights.complexity },
];

/** The deal-score weights a state sets (the defaults where it sets none). */
export function weightsOf(filters: ParameterState): ScoreWeights {
  const value = (name: string, fallback: number) => (typeof filters[name] === 'number' ? (filters[name] as number) : fallback);
  return { interactions: value('w1', CS_SCORING.weights.interactions), complexity: value('w2', CS_SCORING.weights.complexity) };
}

/** The deal-score formula with the weights shown. */
export const scoreFormula = (weights: ScoreWeights) =>
  `deal score = ${weights.interactions.toFixed(2)} × interaction band + ${weights.complexity.toFixed(2)} × complexity band`;

// ---------------------------------------------------------------------------------------
// Routing: the specialists with the band points of the open deals they hold, and the new clients

/** One row per specialist (kind `specialist`) and per new client in arrival order (kind `client`). */
export const routingQuery: Query = {
  tables: ['cs_deals', 'cs_team'],
  sql: () => `
WITH held AS (
  SELECT cs_owner AS cs_name, count(*)::INTEGER AS open_deals,
    sum(interaction_band)::INTEGER AS interaction_points, sum(complexity_band)::INTEGER AS complexity_points
  FROM cs_deals
  WHERE status = 'open' AND arrival IS NULL AND cs_owner IS NOT NULL AND interaction_band IS NOT NULL
  GROUP BY cs_owner)
SELECT 'specialist' AS kind, NULL::INTEGER AS arrival, t.cs_name AS name, NULL::VARCHAR AS deal_id, t.languages, t.product_scopes,
  coalesce(h.open_deals, 0)::INTEGER AS open_deals, coalesce(h.interaction_points, 0)::INTEGER AS interaction_points,
  coalesce(h.complexity_points, 0)::INTEGER AS complexity_points, NULL::VARCHAR AS language, NULL::VARCHAR AS product_scope,
  NULL::DOUBLE AS y_pred, NULL::INTEGER AS interaction_band, NULL::INTEGER AS complexity_band, NULL::VARCHAR AS cs_owner
FROM cs_team t LEFT JOIN held h USING (cs_name)
UNION ALL
SELECT 'client', arrival, coalesce(account_name, deal_id), deal_id, NULL, NULL, NULL, NULL, NULL,
  language, product_scope, y_pred, interaction_band, complexity_band, cs_owner
FROM cs_deals WHERE arrival IS NOT NULL
ORDER BY kind DESC, arrival, name`,
};

/** The specialists and the new clients of the routing query's rows. */
export function routingInputs(rows: readonly Row[]): { specialists: Specialist[]; clients: NewClient[] } {
  const specialists = rows
    .filter((r) => r.kind === 'specialist')
    .map(
      (r): Specialist => ({
        name: text(r, 'name') ?? '',
        languages: skillList(text(r, 'languages')),
        scopes: skillList(text(r, 'product_scopes')),
        deals: num(r, 'open_deals') ?? 0,
        interactionPoints: num(r, 'interaction_points') ?? 0,
        complexityPoints: num(r, 'complexity_points') ?? 0,
      }),
    );
  const clients = rows
    .filter((r) => r.kind === 'client')
    .map(
      (r): NewClient => ({
        id: text(r, 'deal_id') ?? '',
        name: text(r, 'name') ?? '',
        language: text(r, 'language') ?? '',
        scope: text(r, 'product_scope') ?? '',
        predicted: num(r, 'y_pred') ?? 0,
        interactionBand: num(r, 'interaction_band') ?? 0,
        complexityBand: num(r, 'complexity_band') ?? 0,
        historicalOwner: text(r, 'cs_owner') || null,
      }),
    );
  return { specialists, clients };
}

/** Routings already worked out, per rows and weights: the charts that share the query route once per state. */
const routings = new WeakMap<readonly Row[], Map<string, Routing>>();

/** The routing of the query's rows under the state's weights. */
export function routingOf(rows: readonly Row[], filters: ParameterState): Routing {
  const weights = weightsOf(filters);
  const key = `${weights.interactions}/${weights.complexity}`;
  let byWeights = routings.get(rows);
  if (!byWeights) {
    byWeights = new Map();
    routings.set(rows, byWeights);
  }
  let routing = byWeights.get(key);
  if (!routing) {
    const { specialists, clients } = routingInputs(rows);
    routing = routeClients(specialists, clients, weights);
    byWeights.set(key, routing);
  }
  return routing;
}

// ---------------------------------------------------------------------------------------
// KPI cards: the workload after routing against the historical assignment

const KPIS: readonly Kpi[] = [
  { key: 'open_deals', label: 'Open clients', format: 'integer', higherIsBetter: true },
  { key: 'deal_scores', label: 'Sum of deal scores', format: 'decimal', higherIsBetter: false },
  { key: 'mean_portfolio', label: 'Mean portfolio score per specialist', format: 'decimal', higherIsBetter: false },
  { key: 'max_min', label: 'Largest over smallest portfolio', format: 'factor', higherIsBetter: false },
  { key: 'cv', label: 'Coefficient of variation of portfolios', format: 'auc', higherIsBetter: false },
];

/** The workload figures of an assignment (routed or historical). */
function assignmentRows(routing: Routing): Row[] {
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  const team = routing.workloads.length;
  const row = (assignment: string, scores: number[], deals: number[], imbalance: Routing['imbalance']['routed']): Row => ({
    assignment,
    open_deals: sum(deals),
    deal_scores: sum(scores),
    mean_portfolio: team ? sum(scores) / team : null,
    max_min: imbalance.maxMin,
    cv: imbalance.cv,
  });
  return [
    row(
      'Routed',
      routing.workloads.map((w) => w.routed),
      routing.workloads.map((w) => w.routedDeals),
      routing.imbalance.routed,
    ),
    row(
      'Historical',
      routing.workloads.map((w) => w.historical),
      routing.workloads.map((w) => w.historicalDeals),
      routing.imbalance.historical,
    ),
  ];
}

export const csKpiChart: ChartDefinition = {
  id: 'cs-kpis',
  title: 'Workload after routing the new clients',
  subtitle: `The open clients and the portfolio scores once the ${CS_SCORING.newClients} newest clients are routed, each against the historical assignment of the same clients`,
  query: routingQuery,
  columns: [
    { key: 'assignment', label: 'Assignment of the new clients', format: 'text' },
    ...KPIS.map((kpi): Column => ({ key: kpi.key, label: kpi.label, format: kpi.format })),
  ],
  tableRows: (rows, context) => assignmentRows(routingOf(rows, context.filters)),
  describe: (rows, context) => {
    const [routed, historical] = assignmentRows(routingOf(rows, context.filters)) as [Row, Row];
    if (!num(routed, 'mean_portfolio')) return 'No open deal has a portfolio score.';
    return `Routed, the portfolios vary with a coefficient of variation of ${formatValue(num(routed, 'cv'), 'auc')} (historical assignment ${formatValue(num(historical, 'cv'), 'auc')}); the largest is ${formatValue(num(routed, 'max_min'), 'factor')} the smallest (historical ${formatValue(num(historical, 'max_min'), 'factor')}).`;
  },
  render: (rows, context) => {
    const [routed, historical] = assignmentRows(routingOf(rows, context.filters)) as [Row, Row];
    return {
      kind: 'html',
      html: kpiCardsHtml(KPIS, routed, { row: historical, label: 'historical assignment' }, 'Workload after routing, against the historical assignment', ''),
    };
  },
};

// ---------------------------------------------------------------------------------------
// Portfolio by specialist

const WORKLOAD_COLUMNS: readonly Column[] = [
  { key: 'cs', label: 'Specialist', format: 'text' },
  { key: 'deals_before', label: 'Open deals held', format: 'integer' },
  { key: 'before', label: 'Portfolio score held', format: 'decimal' },
  { key: 'routed_deals', label: 'New clients routed', format: 'integer' },
  { key: 'routed', label: 'Portfolio score after routing', format: 'decimal' },
  { key: 'historical', label: 'Portfolio score, historical assignment', format: 'decimal' },
];

function workloadRows(routing: Routing, specialists: readonly Specialist[]): Row[] {
  const held = new Map(specialists.map((s) => [s.name, s.deals]));
  return routing.workloads.map((w) => ({
    cs: w.name,
    deals_before: held.get(w.name) ?? 0,
    before: w.before,
    routed_deals: w.routedDeals - (held.get(w.name) ?? 0),
    routed: w.routed,
    historical: w.historical,
  }));
}

const SEGMENTS = ['Held', 'Routed new clients'];

export const csWorkloadChart: ChartDefinition = {
  id: 'cs-workload',
  title: 'Portfolio score by specialist',
  subtitle:
    'The sum of the deal scores of each specialist’s open deals (lower is more available): held, plus the new clients routing gives them; the tick marks the historical assignment. Click a bar to pick the specialist',
  query: routingQuery,
  columns: WORKLOAD_COLUMNS,
  crossFilter: { parameter: 'cs', self: 'highlight' },
  tableRows: (rows, context) => workloadRows(routingOf(rows, context.filters), routingInputs(rows).specialists),
  describe: (rows, context) => {
    const workloads = [...routingOf(rows, context.filters).workloads].sort((a, b) => a.routed - b.routed);
    const low = workloads[0];
    const high = workloads[workloads.length - 1];
    if (!low || !high) return 'No specialist in the data.';
    return `After routing, ${high.name} carries the highest portfolio score (${formatValue(high.routed, 'decimal')}) and ${low.name} the lowest (${formatValue(low.routed, 'decimal')}).`;
  },
  render: (rows, context) => {
    const table = workloadRows(routingOf(rows, context.filters), routingInputs(rows).specialists);
    const order = [...table].sort((a, b) => (num(b, 'routed') ?? 0) - (num(a, 'routed') ?? 0)).map((r) => text(r, 'cs') ?? '');
    const [held, routed] = SEGMENTS as [string, string];
    const stacked: Row[] = table.flatMap((r) => [
      { cs: text(r, 'cs'), segment: held, value: num(r, 'before') ?? 0 },
      { cs: text(r, 'cs'), segment: routed, value: (num(r, 'routed') ?? 0) - (num(r, 'before') ?? 0) },
    ]);
    return {
      kind: 'plot',
      options: {
        width: 640,
        height: Math.max(160, 26 * table.length + 60),
        marginLeft: 110,
        x: { label: 'Portfolio score', grid: true },
        y: { label: null, domain: order },
        color: { domain: SEGMENTS, range: [CATEGORICAL[0], CATEGORICAL[1]], legend: true },
        marks: [
          Plot.barX(stacked, {
            x: 'value',
            y: 'cs',
            fill: 'segment',
            fillOpacity: emphasis(context),
            title: (d: Row) => `${text(d, 'cs')}, ${text(d, 'segment')?.toLowerCase()}: ${formatValue(num(d, 'value'), 'decimal')}`,
            render: filterOnClick(stacked, context),
          }),
          Plot.tickX(table, { x: 'historical', y: 'cs', stroke: 'currentColor', strokeWidth: 2, ariaHidden: 'true' }),
          Plot.ruleX([0], { ariaHidden: 'true' }),
        ],
      },
    };
  },
};

export const csPortfolioTrendChart: ChartDefinition = {
  id: 'cs-portfolio-trend',
  title: 'Portfolio score over time',
  subtitle: 'Each specialist’s portfolio score at the end of each month under the weights above (historical assignment); the chosen specialist stands out',
  query: {
    tables: ['cs_portfolio_monthly'],
    sql: () => `SELECT month, cs_name AS cs, open_deals, interaction_points, complexity_points FROM cs_portfolio_monthly ORDER BY month, cs`,
  },
  columns: [
    { key: 'month', label: 'Month', format: 'text' },
    { key: 'cs', label: 'Specialist', format: 'text' },
    { key: 'open_deals', label: 'Open deals', format: 'integer' },
    { key: 'portfolio_score', label: 'Portfolio score', format: 'decimal' },
  ],
  tableRows: (rows, context) => scoredMonths(rows, context),
  describe: (rows, context) => {
    const scored = scoredMonths(rows, context);
    const last = scored[scored.length - 1];
    if (!last) return 'No month has open deals.';
    const month = text(last, 'month');
    const total = scored.filter((r) => r.month === month).reduce((sum, r) => sum + (num(r, 'portfolio_score') ?? 0), 0);
    return `In ${month} the specialists’ portfolio scores add up to ${formatValue(total, 'decimal')} over ${formatValue(
      scored.filter((r) => r.month === month).reduce((sum, r) => sum + (num(r, 'open_deals') ?? 0), 0),
      'integer',
    )} open deals.`;
  },
  render: (rows, context) => {
    const scored = scoredMonths(rows, context);
    const chosen = context.filters.cs;
    return {
      kind: 'plot',
      options: {
        width: 640,
        height: 320,
        marginLeft: 50,
        // Room for the names at the lines' ends.
        marginRight: 90,
        x: { type: 'utc', label: null, ticks: monthTicks(scored) },
        y: { label: 'Portfolio score', grid: true, zero: true },
        marks: [
          Plot.lineY(scored, {
            x: (d: Row) => monthDate(text(d, 'month')),
            y: 'portfolio_score',
            z: 'cs',
            title: 'cs',
            // The text colour, half transparent, for every specialist's line: 3:1 or more against either theme's
            // background, where the palette's blue at 0.6 was 2:1 in the dark theme.
            stroke: (d: Row) => (d.cs === chosen ? CATEGORICAL[0] : 'currentColor'),
            strokeOpacity: (d: Row) => (chosen === undefined ? TREND_LINE_OPACITY : d.cs === chosen ? 1 : 0.15),
            strokeWidth: (d: Row) => (d.cs === chosen ? 2.5 : 1.2),
            ariaHidden: 'true',
          }),
          // Points only for the chosen specialist: a point per specialist and month would cost more to draw than it tells.
          Plot.dot(
            scored.filter((d) => d.cs === chosen),
            {
              x: (d: Row) => monthDate(text(d, 'month')),
              y: 'portfolio_score',
              r: 3,
              fill: CATEGORICAL[0],
              title: (d: Row) =>
                `${text(d, 'cs')}, ${text(d, 'month')}: ${formatValue(num(d, 'portfolio_score'), 'decimal')} (${num(d, 'open_deals')} open deals)`,
            },
          ),
          // The chosen specialist's name at the end of their line, or else the highest and the lowest in the last month.
          Plot.text(lineEnds(scored, 'cs', 'portfolio_score', selected(context.filters, 'cs')), {
            x: (d: Row) => monthDate(text(d, 'month')),
            y: 'portfolio_score',
            text: 'cs',
            textAnchor: 'start',
            dx: 6,
            ariaHidden: 'true',
          }),
        ],
      },
    };
  },
};

/** The monthly portfolio rows with their scores under the state's weights. */
function scoredMonths(rows: readonly Row[], context: RenderContext): Row[] {
  const weights = weightsOf(context.filters);
  return rows.map((r) => ({
    month: text(r, 'month'),
    cs: text(r, 'cs'),
    open_deals: num(r, 'open_deals'),
    portfolio_score: portfolioScore(
      { deals: num(r, 'open_deals') ?? 0, interactionPoints: num(r, 'interaction_points') ?? 0, complexityPoints: num(r, 'complexity_points') ?? 0 },
      weights,
    ),
  }));
}

// ---------------------------------------------------------------------------------------
// Client analysis

const TOP_CLIENTS = 10;

export const csTopClientsChart: ChartDefinition = {
  id: 'cs-top-clients',
  title: `Top ${TOP_CLIENTS} open clients by deal score`,
  subtitle: 'The open deals with the highest deal score under the weights above, most predicted interactions first among equals',
  // Every open deal with its bands (no weight in the query): the scores and the order are worked out in the rendering,
  // so moving a weight re-ranks without a query.
  query: {
    tables: ['cs_deals'],
    sql: () => `
SELECT deal_id, coalesce(account_name, deal_id) AS client, country, product_scope, contract_category, n_users, y_pred,
  interaction_band, complexity_band, cs_owner
FROM cs_deals WHERE status = 'open' AND interaction_band IS NOT NULL
ORDER BY deal_id`,
  },
  columns: [
    { key: 'client', label: 'Client', format: 'text' },
    { key: 'country', label: 'Country', format: 'text' },
    { key: 'product_scope', label: 'Scope', format: 'text' },
    { key: 'contract_category', label: 'Contract', format: 'text' },
    { key: 'n_users', label: 'Users', format: 'integer' },
    { key: 'y_pred', label: 'Predicted interactions', format: 'decimal' },
    { key: 'interaction_band', label: 'Interaction band', format: 'integer' },
    { key: 'complexity_band', label: 'Complexity band', format: 'integer' },
    { key: 'deal_score', label: 'Deal score', format: 'decimal' },
    { key: 'cs_owner', label: 'Specialist', format: 'text' },
  ],
  tableRows: (rows, context) => topClients(rows, context.filters),
  describe: (rows, context) => {
    const first = topClients(rows, context.filters)[0];
    return first
      ? `${text(first, 'client')} leads with a deal score of ${formatValue(num(first, 'deal_score'), 'decimal')} (${formatValue(num(first, 'y_pred'), 'decimal')} predicted interactions, ${formatValue(num(first, 'n_users'), 'integer')} users).`
      : 'No open deal has a score.';
  },
  render: (rows, context) => ({
    kind: 'html',
    html: htmlTable(topClients(rows, context.filters), csTopClientsChart.columns, `Top ${TOP_CLIENTS} open clients by deal score`),
  }),
};

/** The open deals with the highest deal score under the state's weights, most predicted interactions first among equals. */
function topClients(rows: readonly Row[], filters: ParameterState): Row[] {
  const weights = weightsOf(filters);
  return rows
    .map((r) => ({ ...r, deal_score: dealScore(num(r, 'interaction_band') ?? 0, num(r, 'complexity_band') ?? 0, weights) }))
    .sort(
      (a, b) =>
        b.deal_score - a.deal_score || (num(b, 'y_pred') ?? 0) - (num(a, 'y_pred') ?? 0) || ((text(a, 'deal_id') ?? '') < (text(b, 'deal_id') ?? '') ? -1 : 1),
    )
    .slice(0, TOP_CLIENTS);
}

/** The mean prediction above which a heatmap cell is dark enough for light text. */
function darkFrom(rows: readonly Row[]): number {
  const values = rows.map((r) => num(r, 'mean_predicted')).filter((v): v is number => v !== null);
  return Math.min(...values) + 0.6 * (Math.max(...values) - Math.min(...values));
}

export const csHeatmapChart: ChartDefinition = {
  id: 'cs-heatmap',
  title: 'Predicted interactions by country and product scope',
  subtitle: 'Mean interactions the model predicts per open deal, with the number of deals in each cell',
  query: {
    tables: ['cs_deals'],
    sql: () => `
SELECT country, product_scope, count(*)::INTEGER AS deals, avg(y_pred) AS mean_predicted
FROM cs_deals WHERE status = 'open' AND y_pred IS NOT NULL
GROUP BY country, product_scope ORDER BY country, product_scope`,
  },
  columns: [
    { key: 'country', label: 'Country', format: 'text' },
    { key: 'product_scope', label: 'Product scope', format: 'text' },
    { key: 'deals', label: 'Open deals', format: 'integer' },
    { key: 'mean_predicted', label: 'Mean predicted interactions', format: 'decimal' },
  ],
  describe: (rows) => {
    const sorted = [...rows].sort((a, b) => (num(b, 'mean_predicted') ?? 0) - (num(a, 'mean_predicted') ?? 0));
    const high = sorted[0];
    const low = sorted[sorted.length - 1];
    if (!high || !low) return 'No open deal has a prediction.';
    const cell = (r: Row) => `${text(r, 'product_scope')} in ${text(r, 'country')} (${formatValue(num(r, 'mean_predicted'), 'decimal')})`;
    return `The most interactions per deal are expected for ${cell(high)}, the fewest for ${cell(low)}.`;
  },
  render: (rows) => {
    // Light text on the darker cells (the upper part of the range), dark on the rest.
    const dark = darkFrom(rows);
    return {
      kind: 'plot',
      options: {
        height: 340,
        marginLeft: 90,
        padding: 0.04,
        x: { label: 'Product scope', axis: 'top' },
        y: { label: null },
        // Quantized: a legend of swatches renders without a canvas, in the HTML as in the browser.
        color: { type: 'quantize', n: 5, scheme: RATE_SCHEME, legend: true, label: 'Mean predicted interactions' },
        marks: [
          Plot.cell(rows, {
            x: 'product_scope',
            y: 'country',
            fill: 'mean_predicted',
            title: (d: Row) =>
              `${text(d, 'country')}, ${text(d, 'product_scope')}: ${formatValue(num(d, 'mean_predicted'), 'decimal')} interactions (${num(d, 'deals')} open deals)`,
          }),
          Plot.text(rows, {
            x: 'product_scope',
            y: 'country',
            text: (d: Row) => `${formatValue(num(d, 'mean_predicted'), 'decimal')}\nn=${num(d, 'deals')}`,
            fill: (d: Row) => ((num(d, 'mean_predicted') ?? 0) > dark ? 'white' : 'black'),
            fontSize: 10,
            pointerEvents: 'none',
          }),
        ],
      },
    };
  },
};

/** Quartiles of predicted interactions per complexity band, for the box plot's table. */
function boxStats(rows: readonly Row[]): Row[] {
  const bands = [...new Set(rows.map((r) => num(r, 'complexity_band')))].filter((b): b is number => b !== null).sort((a, b) => a - b);
  return bands.map((band) => {
    const values = rows
      .filter((r) => num(r, 'complexity_band') === band)
      .map((r) => num(r, 'y_pred') ?? 0)
      .sort((a, b) => a - b);
    const at = (q: number) => {
      const position = (values.length - 1) * q;
      const low = Math.floor(position);
      return values[low]! + (values[Math.min(low + 1, values.length - 1)]! - values[low]!) * (position - low);
    };
    return { complexity_band: band, deals: values.length, min: at(0), q1: at(0.25), median: at(0.5), q3: at(0.75), max: at(1) };
  });
}

export const csUsersBoxChart: ChartDefinition = {
  id: 'cs-users-box',
  title: 'Users to onboard against predicted interactions',
  subtitle:
    'Predicted interactions of the open deals in each complexity band (quintiles of users to onboard): box from the first to the third quartile, line at the median',
  query: {
    tables: ['cs_deals'],
    sql: () => `
SELECT deal_id, complexity_band, n_users, y_pred FROM cs_deals
WHERE status = 'open' AND y_pred IS NOT NULL ORDER BY complexity_band, deal_id`,
  },
  columns: [
    { key: 'complexity_band', label: 'Complexity band', format: 'integer' },
    { key: 'deals', label: 'Open deals', format: 'integer' },
    { key: 'min', label: 'Lowest', format: 'decimal' },
    { key: 'q1', label: 'First quartile', format: 'decimal' },
    { key: 'median', label: 'Median', format: 'decimal' },
    { key: 'q3', label: 'Third quartile', format: 'decimal' },
    { key: 'max', label: 'Highest', format: 'decimal' },
  ],
  tableRows: (rows) => boxStats(rows),
  describe: (rows) => {
    const stats = boxStats(rows);
    const first = stats[0];
    const last = stats[stats.length - 1];
    if (!first || !last) return 'No open deal has a prediction.';
    return `The median prediction rises from ${formatValue(num(first, 'median'), 'decimal')} interactions in complexity band ${num(first, 'complexity_band')} to ${formatValue(num(last, 'median'), 'decimal')} in band ${num(last, 'complexity_band')}.`;
  },
  render: (rows) => ({
    kind: 'plot',
    options: {
      width: 640,
      height: 320,
      x: { label: 'Complexity band (users to onboard)' },
      y: { label: 'Predicted interactions', grid: true, zero: true },
      // The boxes' figures are in the summary and the table; the marks themselves are hidden from assistive technology.
      marks: [Plot.boxY(rows, { x: 'complexity_band', y: 'y_pred', fill: CATEGORICAL[4], stroke: 'currentColor', ariaHidden: 'true' })],
    },
  }),
};

// ---------------------------------------------------------------------------------------
// Automatic distribution: each new client's routing and why

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/** One client's card: the decision, then what it was decided on. */
function assignmentCard(a: Assignment, weights: ScoreWeights): string {
  const c = a.client;
  const decision = a.winner ? `${escapeHtml(c.name)} → ${escapeHtml(a.winner)}` : `${escapeHtml(c.name)}: no specialist can take this client`;
  const rows = a.candidates
    .filter((k) => k.languageMatch || k.scopeMatch)
    .map((k) => {
      const eligible = k.languageMatch && k.scopeMatch;
      const cls = k.name === a.winner ? ' class="selected"' : eligible ? '' : ' class="ineligible"';
      return `<tr${cls}><th scope="row">${escapeHtml(k.name)}</th><td>${yesNo(k.languageMatch)}</td><td>${yesNo(k.scopeMatch)}</td><td class="num">${eligible ? escapeHtml(formatValue(k.scoreBefore, 'decimal')) : '–'}</td><td class="num">${eligible ? k.dealsBefore : '–'}</td></tr>`;
    })
    .join('');
  const after = a.winner
    ? `<p>${escapeHtml(a.winner)}’s portfolio score after: ${escapeHtml(formatValue(a.winnerAfter, 'decimal'))}.</p>`
    : `<p>${escapeHtml(a.reason ?? '')}</p>`;
  const historical = c.historicalOwner ? `historically ${escapeHtml(c.historicalOwner)}` : 'historically unassigned';
  return `<li class="route${a.winner ? '' : ' unassigned'}"><p class="route-decision">${decision}</p>
<p class="route-facts">${escapeHtml(c.language)}, ${escapeHtml(c.scope)}; ${escapeHtml(formatValue(c.predicted, 'decimal'))} predicted interactions (band ${c.interactionBand}), complexity band ${c.complexityBand}; deal score ${escapeHtml(formatValue(dealScore(c.interactionBand, c.complexityBand, weights), 'decimal'))}; ${historical}.</p>
<details><summary>Why ${a.winner ? escapeHtml(a.winner) : 'nobody'}</summary>
<table><caption>Specialists who speak the language or cover the scope; the eligible ones do both</caption><thead><tr><th scope="col">Specialist</th><th scope="col">Language</th><th scope="col">Scope</th><th scope="col" class="num">Score before</th><th scope="col" class="num">Open deals before</th></tr></thead><tbody>${rows}</tbody></table>
${after}</details></li>`;
}

function assignmentRowsOf(routing: Routing): Row[] {
  return routing.assignments.map((a, i) => ({
    arrival: i + 1,
    client: a.client.name,
    language: a.client.language,
    product_scope: a.client.scope,
    y_pred: a.client.predicted,
    deal_score: a.score,
    eligible: a.candidates.filter((k) => k.languageMatch && k.scopeMatch).length,
    assigned_to: a.winner ?? 'unassignable',
    score_after: a.winnerAfter,
    historical_owner: a.client.historicalOwner,
  }));
}

export const csRoutingChart: ChartDefinition = {
  id: 'cs-routing',
  title: 'Automatic distribution of the new clients',
  subtitle: `The ${CS_SCORING.newClients} newest open deals in arrival order, each given to the eligible specialist (speaks the client’s language and covers its product scope) with the lowest portfolio score, ties to the fewest open deals, then by name; open a client for the justification`,
  query: routingQuery,
  columns: [
    { key: 'arrival', label: 'Arrival', format: 'integer' },
    { key: 'client', label: 'Client', format: 'text' },
    { key: 'language', label: 'Language', format: 'text' },
    { key: 'product_scope', label: 'Scope', format: 'text' },
    { key: 'y_pred', label: 'Predicted interactions', format: 'decimal' },
    { key: 'deal_score', label: 'Deal score', format: 'decimal' },
    { key: 'eligible', label: 'Eligible specialists', format: 'integer' },
    { key: 'assigned_to', label: 'Assigned to', format: 'text' },
    { key: 'score_after', label: 'Their score after', format: 'decimal' },
    { key: 'historical_owner', label: 'Historical owner', format: 'text' },
  ],
  tableRows: (rows, context) => assignmentRowsOf(routingOf(rows, context.filters)),
  describe: (rows, context) => {
    const routing = routingOf(rows, context.filters);
    const assigned = routing.assignments.filter((a) => a.winner !== null).length;
    const moved = routing.assignments.filter((a) => a.winner !== null && a.winner !== a.client.historicalOwner).length;
    if (routing.assignments.length === 0) return 'No new client to route.';
    return `${assigned} of ${routing.assignments.length} new clients are assigned under ${scoreFormula(weightsOf(context.filters))}; ${moved} go to another specialist than they historically had.`;
  },
  render: (rows, context) => {
    const routing = routingOf(rows, context.filters);
    const weights = weightsOf(context.filters);
    if (routing.assignments.length === 0) return { kind: 'html', html: '<p class="empty">No new client to route.</p>' };
    return {
      kind: 'html',
      html: `<p class="route-rule">${escapeHtml(scoreFormula(weights))}.</p><ol class="routes">${routing.assignments.map((a) => assignmentCard(a, weights)).join('')}</ol>`,
    };
  },
};

// ---------------------------------------------------------------------------------------
// The model: how well it predicts, what drives interactions, the bands

const ERROR_MEASURES = [
  { key: 'mae', label: 'Mean absolute error' },
  { key: 'rmse', label: 'Root mean squared error' },
  { key: 'mean_deviance', label: 'Mean Poisson deviance' },
] as const;

export const csModelFitChart: ChartDefinition = {
  id: 'cs-model-fit',
  title: 'Does the model predict interactions?',
  subtitle:
    'Errors on the test deals (the later completed ones, not used in the fit) of the model and of the mean-only baseline, which predicts the train mean for every deal; lower is better',
  query: {
    tables: ['cs_model_fit'],
    sql: () =>
      `SELECT predictor, mae, rmse, mean_deviance, family, dispersion, deviance, null_deviance, train_rows, test_rows FROM cs_model_fit ORDER BY predictor DESC`,
  },
  columns: [
    { key: 'predictor', label: 'Predictor', format: 'text' },
    { key: 'mae', label: 'Mean absolute error', format: 'decimal' },
    { key: 'rmse', label: 'Root mean squared error', format: 'decimal' },
    { key: 'mean_deviance', label: 'Mean Poisson deviance', format: 'decimal' },
    { key: 'test_rows', label: 'Test deals', format: 'integer' },
    { key: 'train_rows', label: 'Train deals', format: 'integer' },
    { key: 'dispersion', label: 'Dispersion', format: 'decimal' },
  ],
  describe: (rows) => {
    const model = rows.find((r) => r.predictor === 'model');
    const baseline = rows.find((r) => r.predictor === 'baseline');
    if (!model || !baseline) return 'The data are too few to fit and test the model.';
    return `On ${num(model, 'test_rows')} test deals the model’s mean absolute error is ${formatValue(num(model, 'mae'), 'decimal')} interactions against ${formatValue(num(baseline, 'mae'), 'decimal')} for the baseline.`;
  },
  render: (rows) => {
    const long = rows.flatMap((r) => ERROR_MEASURES.map((m) => ({ predictor: r.predictor, measure: m.label, value: num(r, m.key) })));
    return {
      kind: 'plot',
      options: {
        width: 640,
        height: 260,
        marginLeft: 170,
        marginRight: 40,
        x: { label: 'Error on the test deals', grid: true },
        y: { axis: null, domain: ['model', 'baseline'] },
        fy: { label: null, axis: 'left', domain: ERROR_MEASURES.map((m) => m.label) },
        color: { domain: ['model', 'baseline'], range: [CATEGORICAL[0], '#8c8c8c'], legend: true },
        marks: [
          Plot.barX(long, {
            x: 'value',
            y: 'predictor',
            fy: 'measure',
            fill: 'predictor',
            title: (d: Row) => `${text(d, 'measure')}, ${text(d, 'predictor')}: ${formatValue(num(d, 'value'), 'decimal')}`,
          }),
          Plot.text(long, {
            x: 'value',
            y: 'predictor',
            fy: 'measure',
            text: (d: Row) => formatValue(num(d, 'value'), 'decimal'),
            textAnchor: 'start',
            dx: 4,
            fontSize: 10,
          }),
          Plot.ruleX([0], { ariaHidden: 'true' }),
        ],
      },
    };
  },
};

/** Round ticks for a log axis of rate ratios: the steps of 0.1 below 1 and 0.25 above that the intervals reach. */
function ratioTicks(rows: readonly Row[]): number[] {
  const lows = rows.map((r) => num(r, 'rate_ratio_low')).filter((v): v is number => v !== null);
  const highs = rows.map((r) => num(r, 'rate_ratio_high')).filter((v): v is number => v !== null);
  const [min, max] = [Math.min(1, ...lows), Math.max(1, ...highs)];
  // One step beyond the widest interval on each side, so no interval touches the frame.
  const below = Array.from({ length: 9 }, (_, i) => (i + 1) / 10).filter((v) => v > min - 0.1);
  const above = Array.from({ length: 20 }, (_, i) => 1 + (i + 1) / 4).filter((v) => v < max + 0.25);
  return [...below, 1, ...above];
}

/** A term's label: a column's level against its reference level, or what the numeric term means. */
export function termLabel(term: string, reference: string | null): string {
  if (term === 'log_n_users') return 'Users to onboard (×e)';
  const [column, level] = term.split('=');
  if (level === undefined) return term;
  return `${(column ?? '').replaceAll('_', ' ')}: ${level}${reference ? ` vs ${reference}` : ''}`;
}

export const csRateRatioChart: ChartDefinition = {
  id: 'cs-rate-ratios',
  title: 'What drives interactions',
  subtitle:
    'Rate ratios of the model with 95% intervals: the factor on expected interactions for each level against its column’s reference level (the most frequent), and for each e-fold (×2.72) of users to onboard; 1 means no difference',
  query: {
    tables: ['cs_model_terms'],
    sql: () =>
      `SELECT term, reference, rate_ratio, rate_ratio_low, rate_ratio_high, coefficient, standard_error FROM cs_model_terms WHERE term <> '(Intercept)' ORDER BY position`,
  },
  columns: [
    { key: 'term', label: 'Term', format: 'text' },
    { key: 'reference', label: 'Against', format: 'text' },
    { key: 'rate_ratio', label: 'Rate ratio', format: 'factor', interval: ['rate_ratio_low', 'rate_ratio_high'] },
    { key: 'coefficient', label: 'Coefficient', format: 'auc' },
    { key: 'standard_error', label: 'Standard error', format: 'auc' },
  ],
  describe: (rows) => {
    const sorted = [...rows].sort((a, b) => Math.abs(Math.log(num(b, 'rate_ratio') ?? 1)) - Math.abs(Math.log(num(a, 'rate_ratio') ?? 1)));
    const top = sorted[0];
    if (!top) return 'The data are too few to fit the model.';
    return `The largest effect is ${termLabel(text(top, 'term') ?? '', text(top, 'reference'))}: ${formatValue(num(top, 'rate_ratio'), 'factor')} the interactions (95% ${formatValue(num(top, 'rate_ratio_low'), 'factor')} to ${formatValue(num(top, 'rate_ratio_high'), 'factor')}).`;
  },
  render: (rows, context) => {
    const labelled = rows.map((r) => ({ ...r, label: termLabel(text(r, 'term') ?? '', text(r, 'reference')) }));
    const ticks = ratioTicks(labelled);
    // On a phone the terms' names go above their intervals: beside them they took 250 px and left the intervals a strip.
    const names = rowNames(context, labelled.length, 'interval', { height: Math.max(160, 24 * labelled.length + 50), marginLeft: 250 });
    return {
      kind: 'plot',
      options: {
        width: 640,
        height: names.height,
        marginLeft: names.marginLeft,
        x: {
          type: 'log',
          label: 'Rate ratio (log scale)',
          grid: true,
          domain: [ticks[0], ticks[ticks.length - 1]],
          ticks,
          tickFormat: (v: number) => String(v),
        },
        y: { label: null, domain: labelled.map((r) => r.label), ...names.y },
        marks: [
          names.names(labelled, 'label', (d) => text(d, 'label') ?? ''),
          Plot.ruleX([1], { stroke: 'currentColor', strokeDasharray: '4,3', ariaHidden: 'true' }),
          Plot.ruleY(labelled, { y: 'label', x1: 'rate_ratio_low', x2: 'rate_ratio_high', stroke: CATEGORICAL[0], strokeWidth: 2, ariaHidden: 'true' }),
          Plot.dot(labelled, {
            y: 'label',
            x: 'rate_ratio',
            fill: CATEGORICAL[0],
            r: 4,
            title: (d: Row) =>
              `${text(d, 'label')}: ${formatValue(num(d, 'rate_ratio'), 'factor')} (95% ${formatValue(num(d, 'rate_ratio_low'), 'factor')} to ${formatValue(num(d, 'rate_ratio_high'), 'factor')})`,
          }),
        ],
      },
    };
  },
};

export const csBandsChart: ChartDefinition = {
  id: 'cs-bands',
  title: 'How a deal is scored',
  subtitle: 'The bands of predicted interactions and of users to onboard (quintiles of the train deals), and the deal score they make under the weights above',
  query: {
    tables: ['cs_bands'],
    sql: () => `SELECT kind, band, low, high, train_deals FROM cs_bands ORDER BY kind, band`,
  },
  columns: [
    { key: 'kind', label: 'Band of', format: 'text' },
    { key: 'band', label: 'Band', format: 'integer' },
    { key: 'low', label: 'Above', format: 'decimal' },
    { key: 'high', label: 'Up to', format: 'decimal' },
    { key: 'train_deals', label: 'Train deals', format: 'integer' },
  ],
  describe: (rows, context) => `${scoreFormula(weightsOf(context.filters))}; ${rows.length} bands in all.`,
  render: (rows, context) => ({
    kind: 'html',
    html: `<p class="route-rule">${escapeHtml(scoreFormula(weightsOf(context.filters)))}; a portfolio score is the sum of its open deals’ scores.</p>${htmlTable(
      rows.map((r) => ({ ...r, kind: r.kind === 'interactions' ? 'Predicted interactions (interaction band)' : 'Users to onboard (complexity band)' })),
      csBandsChart.columns,
      'The bands and their cut points',
    )}`,
  }),
};
