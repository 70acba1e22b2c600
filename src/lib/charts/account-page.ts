/**
 * The account page on the health page (`?account=<id>`, source 003's stakeholders: "show
 * not only the number, but also how the number was generated", "compare the individual's
 * score through time against an aggregated score for the population or a comparable
 * segment"): finding an account, the lowest-scoring accounts, and the chosen account's
 * summary, score against its peers, components and history. The id is a typed parameter,
 * checked against the data before use and bound into every query.
 */
import * as Plot from '@observablehq/plot';
import { HEALTH, THRESHOLDS } from '../config.ts';
import { formatValue, wholePercent } from '../format.ts';
import { COMPONENT_IDS, type ComponentId, HEALTH_BANDS, LIFETIME_VALUE_FORMULA, lifetimeValue, scoreFromPoints } from '../health.ts';
import { escapeHtml } from '../html.ts';
import { usageFlags } from '../metrics.ts';
import type { Query } from '../query.ts';
import { num, type Row, text } from '../rows.ts';
import { HEALTH_FILTERS } from './account-health.ts';
import type { ChartDefinition, Column } from './chart.ts';
import { htmlTable } from './html-table.ts';
import { type Kpi, kpiCardsHtml } from './kpi-cards.ts';

/** Rows listed by the search and the lowest-scoring table. */
export const ACCOUNTS_LISTED = 10;

const NO_ACCOUNT = 'Choose an account: search by name or id, or pick one from the lowest-scoring accounts.';
/** The summary under a chart of the chosen account while none is chosen: its body already says how to choose one. */
const NONE_CHOSEN = 'No account chosen yet.';
/** The body of a chart of the chosen account while none is chosen (instead of empty axes or an empty table). */
const noAccountBody = () => ({ kind: 'html', html: `<p class="empty">${escapeHtml(NO_ACCOUNT)}</p>` }) as const;

const ACCOUNT_LIST_COLUMNS: readonly Column[] = [
  { key: 'account_id', label: 'Account', format: 'text', shows: 'account_name' },
  { key: 'region', label: 'Region', format: 'text' },
  { key: 'industry', label: 'Industry', format: 'text' },
  { key: 'size_band', label: 'Size band', format: 'text' },
  { key: 'arr', label: 'ARR', format: 'money' },
  { key: 'score', label: 'Score', format: 'integer' },
  { key: 'band', label: 'Band', format: 'text' },
  { key: 'retention_risk', label: 'Retention risk', format: 'text' },
];

/** What the lists show beside a chart (industry and size band stay in "view as table" and the CSV). */
const ACCOUNT_LIST_SHOWN = ACCOUNT_LIST_COLUMNS.filter((column) => column.key !== 'industry' && column.key !== 'size_band');

/** The health of listed accounts in the month (selected or latest: `inMonth`). */
const listedSql = (where: string, order: string, inMonth: string) => `
SELECT h.account_id, a.account_name, a.region, a.industry, a.size_band, h.arr, h.score, h.band, h.retention_risk
FROM account_health h JOIN accounts a USING (account_id)
WHERE ${inMonth} AND ${where}
ORDER BY ${order}, h.account_id
LIMIT ${ACCOUNTS_LISTED}`;

export const findAccountChart: ChartDefinition = {
  id: 'health-find',
  title: 'Find an account',
  subtitle: `Accounts whose name contains the search text (or whose id it is), largest ARR first, up to ${ACCOUNTS_LISTED}; choose one to open its page`,
  query: {
    tables: ['account_health', 'accounts'],
    // Each matching account (none without a search) at its latest month, marked in the data (`is_latest`): picking
    // that month per account with a window over the matches' months took two to three times as long in DuckDB-WASM.
    sql: (p) => `
SELECT h.account_id, a.account_name, a.region, a.industry, a.size_band, h.arr, h.score, h.band, h.retention_risk
FROM account_health h JOIN accounts a USING (account_id)
WHERE h.is_latest AND ${p.value('find')} IS NOT NULL
  AND (contains(lower(a.account_name), lower(CAST(${p.value('find')} AS VARCHAR))) OR a.account_id = CAST(${p.value('find')} AS VARCHAR))
ORDER BY h.arr DESC NULLS LAST, h.account_id
LIMIT ${ACCOUNTS_LISTED}`,
  },
  columns: ACCOUNT_LIST_COLUMNS,
  crossFilter: { parameter: 'account', self: 'filter' },
  describe: (rows, context) => {
    // The body says how to search; the summary under it does not say it again.
    if (context.filters.find === undefined) return 'No search yet.';
    return rows.length
      ? `${rows.length} account${rows.length === 1 ? '' : 's'} found; the first is ${text(rows[0]!, 'account_name')}.`
      : 'No account matches the search.';
  },
  render: (rows, context) => ({
    kind: 'html',
    html:
      context.filters.find === undefined
        ? `<p class="empty">Type a name or an id in the search box above.</p>`
        : htmlTable(rows, ACCOUNT_LIST_SHOWN, 'Accounts found, largest ARR first', context),
  }),
};

export const lowestAccountsChart: ChartDefinition = {
  id: 'health-lowest',
  title: 'Lowest-scoring accounts',
  subtitle: `The ${ACCOUNTS_LISTED} accounts with the lowest score in the month (selected or latest), largest ARR first among equals; the filters apply. Choose one to open its page`,
  query: {
    tables: ['account_health', 'accounts'],
    filters: HEALTH_FILTERS,
    sql: (p) =>
      listedSql(
        `${p.match('region', 'a.region')} AND ${p.match('size_band', 'a.size_band')} AND ${p.match('plan', 'a.plan')} AND ${p.match('industry', 'a.industry')} AND ${p.match('lifecycle_stage', 'h.lifecycle_stage')}`,
        'h.score, h.arr DESC NULLS LAST',
        p.inSnapshot('account_health', 'h.'),
      ),
  },
  columns: ACCOUNT_LIST_COLUMNS,
  crossFilter: { parameter: 'account', self: 'filter' },
  describe: (rows) => {
    const first = rows[0];
    return first
      ? `The lowest score is ${num(first, 'score')}, held by ${text(first, 'account_name')} (${formatValue(num(first, 'arr'), 'money')} ARR).`
      : 'No account matches the filters.';
  },
  render: (rows, context) => ({ kind: 'html', html: htmlTable(rows, ACCOUNT_LIST_SHOWN, 'Lowest-scoring accounts', context) }),
};

// ---------------------------------------------------------------------------------------
// The chosen account

/** The account's months with its attributes, and its size band's monthly churn rate (for the lifetime value). */
const accountMonths: Query = {
  tables: ['account_health', 'accounts', 'health_validation'],
  sql: (p) => `
WITH acct AS (SELECT * FROM accounts WHERE account_id = CAST(${p.value('account')} AS VARCHAR)),
band_churn AS (
  SELECT max(churn_rate) AS size_band_churn, max(followed)::INTEGER AS size_band_followed
  FROM health_validation WHERE grouping = 'size_band' AND group_label = (SELECT size_band FROM acct))
SELECT h.account_id, acct.account_name, acct.region, acct.country, acct.industry, acct.size_band, acct.plan, h.month, h.lifecycle_stage,
  h.seats_purchased, h.arr, h.movement, h.utilization_rate, h.assignment_rate, h.arr_trend, h.seat_growth,
  ${COMPONENT_IDS.map((id) => `h.${id}_points`).join(', ')},
  h.score, h.band, h.score_change, h.retention_risk, band_churn.size_band_churn, band_churn.size_band_followed
FROM account_health h JOIN acct USING (account_id), band_churn
ORDER BY h.month`,
};

/** The month shown: the selected one if the account has it, else its latest. */
function shownMonth(rows: readonly Row[], month: unknown): Row | undefined {
  return rows.find((r) => r.month === month) ?? rows[rows.length - 1];
}

const ACCOUNT_KPIS: readonly Kpi[] = [
  { key: 'score', label: 'Health score', format: 'integer', higherIsBetter: true },
  { key: 'arr', label: 'ARR', format: 'money', higherIsBetter: true },
  { key: 'seats_purchased', label: 'Seats', format: 'integer', higherIsBetter: true },
  { key: 'utilization_rate', label: 'Utilization', format: 'percent', higherIsBetter: true },
  { key: 'lifetime_value', label: 'Lifetime value (estimate)', format: 'money', higherIsBetter: true },
];

/** A row with its lifetime value: ARR x margin / annual churn of its size band. */
const withLifetimeValue = (row: Row): Row => {
  const arr = num(row, 'arr');
  const churn = num(row, 'size_band_churn');
  return { ...row, lifetime_value: arr === null || churn === null ? null : lifetimeValue(arr, churn) };
};

/** The account's usage flags in the month, from its utilization and assignment (the thresholds of config). */
function flagsText(row: Row): string {
  const utilization = num(row, 'utilization_rate');
  const flags = usageFlags(num(row, 'assignment_rate') ?? 0, utilization);
  const named = [
    flags.atRisk ? `at risk (utilization below ${wholePercent(THRESHOLDS.atRiskBelow)})` : null,
    flags.expansionCandidate ? `expansion candidate (utilization above ${wholePercent(THRESHOLDS.expansionAbove)})` : null,
    flags.highPerformer ? `high performer (assignment and utilization at least ${wholePercent(THRESHOLDS.highPerformerMin)})` : null,
  ].filter((flag) => flag !== null);
  if (utilization === null) return 'no seat assigned';
  return named.length ? named.join('; ') : 'none';
}

export const accountSummaryChart: ChartDefinition = {
  id: 'account-summary',
  title: 'The account',
  subtitle: `The chosen account in the month (selected or its latest), with the change from its month before; lifetime value = ${LIFETIME_VALUE_FORMULA}`,
  query: accountMonths,
  columns: [
    { key: 'month', label: 'Month', format: 'text' },
    { key: 'score', label: 'Score', format: 'integer' },
    { key: 'band', label: 'Band', format: 'text' },
    { key: 'retention_risk', label: 'Retention risk', format: 'text' },
    { key: 'arr', label: 'ARR', format: 'money' },
    { key: 'seats_purchased', label: 'Seats', format: 'integer' },
    { key: 'utilization_rate', label: 'Utilization', format: 'percent' },
    { key: 'size_band_churn', label: 'Monthly churn of its size band', format: 'percent' },
    { key: 'lifetime_value', label: 'Lifetime value (estimate)', format: 'money' },
  ],
  tableRows: (rows) => rows.map(withLifetimeValue),
  describe: (rows, context) => {
    const row = shownMonth(rows, context.filters.month);
    if (!row) return NONE_CHOSEN;
    return `${text(row, 'account_name')} in ${text(row, 'month')}: score ${num(row, 'score')} (${text(row, 'band')}), ${text(row, 'retention_risk')?.toLowerCase()} retention risk, ${formatValue(num(row, 'arr'), 'money')} ARR.`;
  },
  render: (rows, context) => {
    const index = rows.indexOf(shownMonth(rows, context.filters.month) as Row);
    const row = rows[index];
    if (!row) return noAccountBody();
    const previous = index > 0 ? rows[index - 1] : undefined;
    const facts = [
      ['Account', `${text(row, 'account_name')} (${text(row, 'account_id')})`],
      ['Where', `${text(row, 'region')}, ${text(row, 'country')}; ${text(row, 'industry')}`],
      ['Size band and plan', `size band ${text(row, 'size_band')}, ${text(row, 'plan')} plan`],
      ['Lifecycle stage', text(row, 'lifecycle_stage') ?? '–'],
      ['Band and retention risk', `${text(row, 'band')}; ${text(row, 'retention_risk')} retention risk`],
      ['ARR movement', text(row, 'movement') ?? '–'],
      ['Flags', flagsText(row)],
    ]
      .map(([term, value]) => `<div><dt>${escapeHtml(term!)}</dt><dd>${escapeHtml(value!)}</dd></div>`)
      .join('');
    const cards = kpiCardsHtml(
      ACCOUNT_KPIS,
      withLifetimeValue(row),
      previous ? { row: withLifetimeValue(previous), label: text(previous, 'month') ?? '' } : null,
      `The account in ${text(row, 'month')}`,
      'its first month: no change',
    );
    return { kind: 'html', html: `<dl class="account-facts">${facts}</dl>${cards}` };
  },
};

export const accountTrendChart: ChartDefinition = {
  id: 'account-trend',
  title: 'Score over time against its peers',
  subtitle: 'The account’s score each month against the mean score of its peers (same size band and region) and of all accounts',
  query: {
    tables: ['account_health', 'accounts', 'health_cube'],
    sql: (p) => `
WITH acct AS (SELECT region, size_band FROM accounts WHERE account_id = CAST(${p.value('account')} AS VARCHAR)),
own AS (SELECT month, score FROM account_health WHERE account_id = CAST(${p.value('account')} AS VARCHAR)),
peers AS (
  SELECT c.month, sum(c.score_sum)::DOUBLE / sum(c.accounts) AS peer_score, sum(c.accounts)::INTEGER AS peers
  FROM health_cube c JOIN acct ON c.region = acct.region AND c.size_band = acct.size_band GROUP BY c.month),
everyone AS (SELECT month, sum(score_sum)::DOUBLE / sum(accounts) AS population_score FROM health_cube GROUP BY month)
SELECT own.month, own.score, peers.peer_score, peers.peers, everyone.population_score
FROM own LEFT JOIN peers USING (month) LEFT JOIN everyone USING (month)
ORDER BY own.month`,
  },
  columns: [
    { key: 'month', label: 'Month', format: 'text' },
    { key: 'score', label: 'Account', format: 'integer' },
    { key: 'peer_score', label: 'Peers (mean)', format: 'decimal' },
    { key: 'peers', label: 'Peer accounts', format: 'integer' },
    { key: 'population_score', label: 'All accounts (mean)', format: 'decimal' },
  ],
  describe: (rows) => {
    const last = rows[rows.length - 1];
    if (!last) return NONE_CHOSEN;
    return `In ${text(last, 'month')} the account scores ${num(last, 'score')}, against ${formatValue(num(last, 'peer_score'), 'decimal')} for its ${formatValue(num(last, 'peers'), 'integer')} peers and ${formatValue(num(last, 'population_score'), 'decimal')} for all accounts.`;
  },
  render: (rows) => {
    if (!rows.length) return noAccountBody();
    const long = rows.flatMap((r) => [
      { month: text(r, 'month'), series: 'This account', score: num(r, 'score') },
      { month: text(r, 'month'), series: 'Peers (same size band and region)', score: num(r, 'peer_score') },
      { month: text(r, 'month'), series: 'All accounts', score: num(r, 'population_score') },
    ]);
    const series = ['This account', 'Peers (same size band and region)', 'All accounts'];
    return {
      kind: 'plot',
      options: {
        width: 640,
        height: 280,
        x: { type: 'point', label: 'Month', inset: 20 },
        y: { label: 'Health score', domain: [0, 100], grid: true },
        color: { domain: series, range: ['#0072B2', '#E69F00', '#999999'], legend: true },
        marks: [
          ...HEALTH.bands
            .slice(1)
            .map((band) => Plot.ruleY([band.min], { stroke: 'currentColor', strokeOpacity: 0.3, strokeDasharray: '4 3', ariaHidden: 'true' })),
          Plot.line(long, { x: 'month', y: 'score', stroke: 'series', strokeWidth: 2, ariaHidden: 'true' }),
          Plot.dot(long, {
            x: 'month',
            y: 'score',
            fill: 'series',
            r: 4,
            title: (d: (typeof long)[number]) => `${d.series}, ${d.month}: ${formatValue(d.score, 'decimal')}`,
          }),
        ],
      },
    };
  },
};

/** A component's value as the page shows it. */
function componentValue(id: (typeof COMPONENT_IDS)[number], row: Row): string {
  switch (id) {
    case 'utilization':
      return num(row, 'utilization_rate') === null ? 'no seat assigned' : formatValue(num(row, 'utilization_rate'), 'percent');
    case 'assignment':
      return formatValue(num(row, 'assignment_rate'), 'percent');
    case 'arr_trend':
    case 'seat_growth':
      return num(row, id) === null ? 'no earlier month: absent' : `${formatValue(num(row, id), 'decimal')}×`;
    case 'tenure':
      return text(row, 'lifecycle_stage') ?? '–';
  }
}

const COMPONENT_COLUMNS: readonly Column[] = [
  { key: 'component', label: 'Component', format: 'text' },
  { key: 'value', label: 'Value', format: 'text' },
  { key: 'points', label: 'Points', format: 'integer' },
  { key: 'weight', label: 'Weight', format: 'integer' },
  { key: 'effective_weight', label: 'Weight over the components present', format: 'decimal' },
  { key: 'contribution', label: 'Contribution', format: 'decimal' },
];

/** The components of the shown month, and a total row that adds them up to the score. */
function componentRows(rows: readonly Row[], month: unknown): Row[] {
  const row = shownMonth(rows, month);
  if (!row) return [];
  // The published points, weighted by the score's own definition (health.ts), so the page shows the pipeline's arithmetic.
  const points = Object.fromEntries(COMPONENT_IDS.map((id) => [id, num(row, `${id}_points`)])) as Record<ComponentId, number | null>;
  const parts = scoreFromPoints(points).components.map(
    (component): Row => ({
      component: component.label,
      value: componentValue(component.id, row),
      points: component.points,
      weight: component.weight,
      effective_weight: component.effectiveWeight,
      contribution: component.contribution,
    }),
  );
  const total = parts.reduce((sum, r) => sum + (num(r, 'contribution') ?? 0), 0);
  return [
    ...parts,
    {
      component: `Score in ${text(row, 'month')} (rounded)`,
      value: text(row, 'band'),
      points: num(row, 'score'),
      weight: 100,
      effective_weight: 100,
      contribution: total,
    },
  ];
}

export const accountComponentsChart: ChartDefinition = {
  id: 'account-components',
  title: 'How the number was generated',
  subtitle:
    'Each component’s value in the month (selected or the account’s latest), its points, its weight (renormalised over the components the account has) and its contribution; the contributions add up to the score',
  query: accountMonths,
  columns: COMPONENT_COLUMNS,
  tableRows: (rows, context) => componentRows(rows, context.filters.month),
  describe: (rows, context) => {
    const parts = componentRows(rows, context.filters.month);
    const total = parts[parts.length - 1];
    if (!total) return NONE_CHOSEN;
    return `${parts
      .slice(0, -1)
      .map((r) => `${text(r, 'component')} ${formatValue(num(r, 'contribution'), 'decimal')}`)
      .join(' + ')} = ${formatValue(num(total, 'contribution'), 'decimal')}, rounded to ${num(total, 'points')}.`;
  },
  render: (rows, context) => {
    const parts = componentRows(rows, context.filters.month);
    if (!parts.length) return noAccountBody();
    return { kind: 'html', html: htmlTable(parts, COMPONENT_COLUMNS, 'Components of the score') };
  },
};

const HISTORY_COLUMNS: readonly Column[] = [
  { key: 'month', label: 'Month', format: 'text' },
  { key: 'seats_purchased', label: 'Seats', format: 'integer' },
  { key: 'arr', label: 'ARR', format: 'money' },
  { key: 'movement', label: 'Movement', format: 'text' },
  { key: 'utilization_rate', label: 'Utilization', format: 'percent' },
  { key: 'score', label: 'Score', format: 'integer' },
  { key: 'score_change', label: 'Change', format: 'integer' },
  { key: 'band', label: 'Band', format: 'text' },
  { key: 'retention_risk', label: 'Retention risk', format: 'text' },
];

export const accountHistoryChart: ChartDefinition = {
  id: 'account-history',
  title: 'Seats, ARR and score over time',
  subtitle: 'The account’s months: seats, ARR and its movement, utilization, score and band, retention risk',
  query: accountMonths,
  columns: HISTORY_COLUMNS,
  describe: (rows) => {
    const [first, last] = [rows[0], rows[rows.length - 1]];
    if (!first || !last) return NONE_CHOSEN;
    return `From ${text(first, 'month')} to ${text(last, 'month')}: ARR ${formatValue(num(first, 'arr'), 'money')} to ${formatValue(num(last, 'arr'), 'money')}, score ${num(first, 'score')} to ${num(last, 'score')}.`;
  },
  render: (rows) => {
    if (!rows.length) return noAccountBody();
    const red = HEALTH_BANDS[0];
    return {
      kind: 'html',
      html: htmlTable(rows, HISTORY_COLUMNS, 'The account month by month', undefined, { rowClass: (r) => (text(r, 'band') === red ? 'at-risk' : undefined) }),
    };
  },
};
