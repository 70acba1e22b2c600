/**
 * Phase 1, foundation and discovery (source 000 steps 1 to 3): is the data sound, how long
 * have customers been with us, and is the revenue base growing or shrinking?
 */
import * as Plot from '@observablehq/plot';
import { bandLabels, orderSql } from '../bands.ts';
import type { ChartDefinition } from '../charts/chart.ts';
import { healthChart } from '../charts/executive-summary.ts';
import { htmlTable } from '../charts/html-table.ts';
import { LIFECYCLE_STAGES, MOVEMENTS, TENURE_SEGMENTS } from '../config.ts';
import { countTick, formatValue, moneyTick } from '../format.ts';
import { compareWord, figure, prose, term } from '../narrative.ts';
import { CATEGORICAL, MOVEMENT_COLORS, REGION_COLORS } from '../palette.ts';
import { num, text, type Row } from '../rows.ts';
import { extremeRow, groupFigure, rowWhere, total } from './figures.ts';
import type { MethodologyStep } from './step.ts';

const TENURE_LABELS = bandLabels(TENURE_SEGMENTS);
/**
 * The lifecycle stages in four of the report's categorical colours: the Blues scheme drew Onboarding near white, which the
 * light card hardly set off and the dark one made glare, and its steps were hard to tell apart.
 */
const STAGE_COLORS = { domain: LIFECYCLE_STAGES.map((s) => s.label), range: CATEGORICAL.slice(0, LIFECYCLE_STAGES.length), legend: true };

const coverageChart: ChartDefinition = {
  id: 'm-coverage',
  title: 'Usage rows by month and region',
  subtitle: 'Rows of seat data (account x product x month) in each month, stacked by region',
  query: {
    tables: ['filter_cube'],
    sql: () => `
SELECT month, region, CAST(sum(usage_rows) AS INTEGER) AS usage_rows, CAST(sum(accounts) AS INTEGER) AS customers
FROM filter_cube GROUP BY month, region ORDER BY month, region`,
  },
  columns: [
    { key: 'month', label: 'Month', format: 'text' },
    { key: 'region', label: 'Region', format: 'text' },
    { key: 'usage_rows', label: 'Usage rows', format: 'integer' },
    { key: 'customers', label: 'Customers', format: 'integer' },
  ],
  describe: (rows) =>
    `${formatValue(total(rows, 'usage_rows'), 'integer')} usage rows over ${new Set(rows.map((r) => text(r, 'month'))).size} months and ${new Set(rows.map((r) => text(r, 'region'))).size} regions.`,
  render: (rows) => ({
    kind: 'plot',
    options: {
      width: 640,
      height: 280,
      marginLeft: 60,
      x: { label: 'Month', type: 'band' },
      y: { label: 'Usage rows', grid: true, tickFormat: countTick },
      color: { ...REGION_COLORS, legend: true },
      marks: [
        Plot.barY(rows, {
          x: 'month',
          y: 'usage_rows',
          fill: 'region',
          title: (d: Row) => `${text(d, 'month')}, ${text(d, 'region')}: ${formatValue(num(d, 'usage_rows'), 'integer')} rows`,
        }),
        Plot.ruleY([0], { ariaHidden: 'true' }),
      ],
    },
  }),
};

const tenureChart: ChartDefinition = {
  id: 'm-tenure',
  title: 'Customers by tenure segment',
  subtitle: 'Customers with seat data, by time since first purchase; colour: lifecycle stage',
  query: {
    tables: ['accounts'],
    sql: () => `
SELECT tenure_segment, lifecycle_stage, count(*)::INTEGER AS customers, count(*)::DOUBLE / sum(count(*)) OVER () AS customer_share
FROM accounts WHERE size_band IS NOT NULL
GROUP BY tenure_segment, lifecycle_stage ORDER BY ${orderSql('tenure_segment', TENURE_LABELS)}`,
  },
  columns: [
    { key: 'tenure_segment', label: 'Tenure segment', format: 'text' },
    { key: 'lifecycle_stage', label: 'Lifecycle stage', format: 'text' },
    { key: 'customers', label: 'Customers', format: 'integer' },
    { key: 'customer_share', label: 'Share of customers', format: 'percent' },
  ],
  describe: (rows) => {
    const top = extremeRow(rows, 'customers', 'max');
    return `The largest tenure segment is ${text(top, 'tenure_segment')} with ${formatValue(num(top, 'customer_share'), 'percent')} of customers.`;
  },
  render: (rows) => ({
    kind: 'plot',
    options: {
      width: 640,
      height: 280,
      x: { label: 'Tenure segment', domain: TENURE_LABELS },
      y: { label: 'Share of customers (%)', percent: true, grid: true },
      color: STAGE_COLORS,
      marks: [
        Plot.barY(rows, {
          x: 'tenure_segment',
          y: 'customer_share',
          fill: 'lifecycle_stage',
          title: (d: Row) => `${text(d, 'tenure_segment')}: ${formatValue(num(d, 'customers'), 'integer')} customers`,
        }),
        Plot.text(rows, { x: 'tenure_segment', y: 'customer_share', text: (d: Row) => formatValue(num(d, 'customer_share'), 'percent'), dy: -6, fontSize: 9 }),
        Plot.ruleY([0], { ariaHidden: 'true' }),
      ],
    },
  }),
};

const movementMixChart: ChartDefinition = {
  id: 'm-movement-mix',
  title: 'Account-months by ARR movement',
  subtitle: 'Share of all account-months in each movement against the previous month',
  query: {
    tables: ['revenue_cube'],
    sql: () => `
SELECT movement, CAST(sum(accounts) AS INTEGER) AS accounts, sum(accounts)::DOUBLE / sum(sum(accounts)) OVER () AS account_share
FROM revenue_cube GROUP BY movement ORDER BY ${orderSql('movement', MOVEMENTS)}`,
  },
  columns: [
    { key: 'movement', label: 'Movement', format: 'text' },
    { key: 'accounts', label: 'Account-months', format: 'integer' },
    { key: 'account_share', label: 'Share', format: 'percent' },
  ],
  describe: (rows) => rows.map((r) => `${text(r, 'movement')} ${formatValue(num(r, 'account_share'), 'percent')}`).join(', '),
  // The same bars as the executive summary's customer health, over every month.
  render: healthChart.render,
};

/** ARR bridge per month from the revenue cube: start, the four movements, end, and retention. */
const bridgeQuery = {
  tables: ['revenue_cube'] as const,
  sql: () => `
WITH m AS (
  SELECT month, sum(arr) AS arr_end,
    coalesce(sum(arr) FILTER (WHERE movement = 'new'), 0) AS new_arr,
    coalesce(sum(arr - arr_previous) FILTER (WHERE movement = 'expansion'), 0) AS expansion_arr,
    coalesce(sum(arr - arr_previous) FILTER (WHERE movement = 'contraction'), 0) AS contraction_arr,
    -coalesce(sum(arr_previous) FILTER (WHERE movement = 'churn'), 0) AS churn_arr,
    CAST(coalesce(sum(accounts) FILTER (WHERE movement = 'churn'), 0) AS INTEGER) AS churned,
    CAST(sum(accounts) FILTER (WHERE movement <> 'churn') AS INTEGER) AS active
  FROM revenue_cube GROUP BY month),
bridge AS (
  SELECT month, lag(arr_end) OVER w AS arr_start, new_arr, expansion_arr, contraction_arr, churn_arr, arr_end,
    lag(active) OVER w AS active_start, churned
  FROM m WINDOW w AS (ORDER BY month))
SELECT *, churned::DOUBLE / active_start AS churn_rate,
  (arr_start + expansion_arr + contraction_arr + churn_arr) / arr_start AS nrr,
  (arr_start + contraction_arr + churn_arr) / arr_start AS grr
FROM bridge WHERE arr_start IS NOT NULL ORDER BY month`,
};

const BRIDGE_STEPS = [
  { key: 'arr_start', label: 'Start', kind: 'total' },
  { key: 'new_arr', label: 'New', kind: 'change' },
  { key: 'expansion_arr', label: 'Expansion', kind: 'change' },
  { key: 'contraction_arr', label: 'Contraction', kind: 'change' },
  { key: 'churn_arr', label: 'Churn', kind: 'change' },
  { key: 'arr_end', label: 'End', kind: 'total' },
] as const;

/** The waterfall's colours: each movement's as on every page, grey for the totals; and their names, for its key. */
const WATERFALL_MOVEMENTS = [...BRIDGE_STEPS.filter((s) => s.kind === 'change').map((s) => s.label.toLowerCase()), 'total'];
const WATERFALL_COLORS = {
  domain: WATERFALL_MOVEMENTS,
  range: WATERFALL_MOVEMENTS.map((m) => MOVEMENT_COLORS.range[MOVEMENT_COLORS.domain.indexOf(m as (typeof MOVEMENT_COLORS.domain)[number])] ?? '#888888'),
};
const WATERFALL_KEY = new Map<string, string>([...BRIDGE_STEPS.map((s) => [s.label.toLowerCase(), s.label] as const), ['total', 'Start and end']]);

const waterfallChart: ChartDefinition = {
  id: 'm-arr-waterfall',
  title: 'ARR waterfall by month',
  subtitle:
    'ARR at the start of each month, what new accounts, expansion, contraction and churn added or removed, and the end; the axis does not start at zero',
  query: bridgeQuery,
  columns: [{ key: 'month', label: 'Month', format: 'text' }, ...BRIDGE_STEPS.map((s) => ({ key: s.key, label: s.label, format: 'money' as const }))],
  describe: (rows) =>
    rows.map((r) => `${text(r, 'month')}: ${formatValue(num(r, 'arr_start'), 'money')} to ${formatValue(num(r, 'arr_end'), 'money')}`).join('; '),
  render: (rows, context) => {
    const bars = rows.flatMap((row) => {
      let level = 0;
      return BRIDGE_STEPS.map((s) => {
        const value = num(row, s.key) ?? 0;
        const from = s.kind === 'total' ? 0 : level;
        level = s.kind === 'total' ? value : level + value;
        const movement = s.kind === 'total' ? 'total' : s.label.toLowerCase();
        return { month: text(row, 'month'), step: s.label, from, to: s.kind === 'total' ? value : level, value, movement };
      });
    });
    const levels = bars.flatMap((b) => [b.from, b.to]).filter((v) => v > 0);
    const low = Math.min(...levels);
    const high = Math.max(...levels);
    const pad = (high - low) * 0.15;
    return {
      kind: 'plot',
      options: {
        width: 640,
        height: 300,
        marginLeft: 64,
        marginBottom: 50,
        // The months listed, so that a narrow drawing knows each facet's room (src/lib/charts/fit-width.ts).
        fx: { label: null, domain: rows.map((r) => text(r, 'month')) },
        x: { domain: BRIDGE_STEPS.map((s) => s.label), label: null, tickRotate: -40 },
        y: { label: 'ARR (USD)', grid: true, domain: [low - pad, high + pad], tickFormat: moneyTick },
        color: {
          ...WATERFALL_COLORS,
          // Drawn narrow (a phone), only every other bar keeps its label: a key names the colours.
          ...(context.width ? { legend: true, tickFormat: (movement: string) => WATERFALL_KEY.get(movement) ?? movement } : {}),
        },
        marks: [
          Plot.barY(bars, {
            fx: 'month',
            x: 'step',
            y1: (d: (typeof bars)[number]) => Math.max(d.from, low - pad),
            y2: 'to',
            fill: 'movement',
            clip: true,
            title: (d: (typeof bars)[number]) => `${d.month}, ${d.step}: ${formatValue(d.value, 'money')}`,
          }),
        ],
      },
    };
  },
};

const retentionChart: ChartDefinition = {
  id: 'm-retention',
  title: 'Churn and revenue retention by month',
  subtitle: 'Monthly churn rate of accounts, net and gross revenue retention of ARR',
  query: bridgeQuery,
  columns: [
    { key: 'month', label: 'Month', format: 'text' },
    { key: 'active_start', label: 'Active accounts at start', format: 'integer' },
    { key: 'churned', label: 'Churned accounts', format: 'integer' },
    { key: 'churn_rate', label: 'Monthly churn rate', format: 'percent' },
    { key: 'nrr', label: 'Net revenue retention', format: 'percent' },
    { key: 'grr', label: 'Gross revenue retention', format: 'percent' },
  ],
  describe: (rows) =>
    rows
      .map(
        (r) =>
          `${text(r, 'month')}: churn ${formatValue(num(r, 'churn_rate'), 'percent')}, NRR ${formatValue(num(r, 'nrr'), 'percent')}, GRR ${formatValue(num(r, 'grr'), 'percent')}`,
      )
      .join('; '),
  render: (rows) => ({ kind: 'html', html: htmlTable(rows, retentionChart.columns, 'Churn and retention by month') }),
};

const step1: MethodologyStep = {
  number: 1,
  slug: 'data-assessment',
  phase: 'foundation',
  title: 'Data architecture assessment',
  question: 'Is the data complete and consistent enough to build on, and what does it cover?',
  charts: [coverageChart],
  narrate: ({ rows, quality }) => {
    const coverage = rows('m-coverage');
    const months = [...new Set(coverage.map((r) => text(r, 'month')))].sort();
    const regions = new Set(coverage.map((r) => text(r, 'region')));
    const table = (name: string) => quality.tables.find((t) => t.table === name);
    const usageMissing = Object.values(table('usage_monthly')?.missing ?? {}).reduce((a, b) => a + b, 0);
    const ownerMissing = table('accounts')?.missing.cs_owner ?? 0;
    const perMonth = months.map((m) =>
      total(
        coverage.filter((r) => text(r, 'month') === m),
        'usage_rows',
      ),
    );
    const steady = Math.max(...perMonth) / Math.min(...perMonth) < 1.1;
    const low = perMonth.indexOf(Math.min(...perMonth));
    const high = perMonth.indexOf(Math.max(...perMonth));
    return {
      finding: prose`${figure('usage_rows', total(coverage, 'usage_rows'), 'integer')} usage rows from ${figure('accounts@table=accounts', table('accounts')?.rows_read ?? null, 'integer')} accounts over ${figure('months', months.length, 'integer')} months and ${figure('regions', regions.size, 'integer')} regions, with ${figure('missing@table=usage_monthly', usageMissing, 'integer')} missing values in the seat data.`,
      decision: [
        prose`Before any rate was computed, every raw table was checked against the schema: columns, types, allowed values, ranges, unique keys and the references between tables. A value that breaks a rule stops the run with the file, row and column; a problem the method expects (over-use, rows without assigned seats, repeated message ids) is handled by a documented rule and counted instead. Only a complete, consistent input is worth a baseline.`,
      ],
      evidence: [
        prose`The seat data holds ${figure('usage_rows', total(coverage, 'usage_rows'), 'integer')} ${term('usage-row', 'usage rows')} (one per account, product and month) for ${figure('accounts@table=accounts', table('accounts')?.rows_read ?? null, 'integer')} accounts, from ${figure('first_month', months[0] ?? null, 'text')} to ${figure('last_month', months[months.length - 1] ?? null, 'text')}: ${figure('months', months.length, 'integer')} months and ${figure('regions', regions.size, 'integer')} regions. ${coverage.length === months.length * regions.size ? 'Every region has rows in every month' : 'Some regions have no rows in some months'}, and the monthly row counts are ${steady ? 'steady' : 'uneven'}: from ${figure(`usage_rows@month=${months[low]}`, perMonth[low] ?? null, 'integer')} in ${figure('min(usage_rows@month)', months[low] ?? null, 'text')} to ${figure(`usage_rows@month=${months[high]}`, perMonth[high] ?? null, 'integer')} in ${figure('max(usage_rows@month)', months[high] ?? null, 'text')}.`,
        prose`The seat table has ${figure('missing@table=usage_monthly', usageMissing, 'integer')} missing values. In the accounts table the only gaps are in the optional customer-success owner: ${figure('missing@table=accounts.cs_owner', ownerMissing, 'integer')} accounts have no named owner, which is a fact about coverage, not an error. Repeated ids were removed from the customer-success logs: ${figure('duplicates@table=emails', quality.duplicates_removed.emails ?? 0, 'integer')} emails and ${figure('duplicates@table=activities', quality.duplicates_removed.activities ?? 0, 'integer')} activities.`,
      ],
      consequence: [
        usageMissing === 0 && coverage.length === months.length * regions.size
          ? prose`With no gaps in the seat data and full coverage of regions and months, differences between segments later on can be read as differences in behaviour rather than in data collection. The full report of what was checked, capped, flagged and removed is on the data page.`
          : prose`The gaps above must be kept in mind: a segment with missing rows or months can differ because of data collection rather than behaviour. The full report of what was checked, capped, flagged and removed is on the data page.`,
      ],
    };
  },
};

const step2: MethodologyStep = {
  number: 2,
  slug: 'customer-lifecycle',
  phase: 'foundation',
  title: 'Customer lifecycle mapping',
  question: 'How long have our customers been with us, and is the base young or mature?',
  charts: [tenureChart],
  narrate: ({ rows }) => {
    const tenure = rows('m-tenure');
    const stageShare = (label: string) =>
      total(
        tenure.filter((r) => text(r, 'lifecycle_stage') === label),
        'customer_share',
      );
    const veteran = LIFECYCLE_STAGES[LIFECYCLE_STAGES.length - 1]!.label;
    const onboarding = LIFECYCLE_STAGES[0]!.label;
    const top = extremeRow(tenure, 'customer_share', 'max');
    const veteranShare = stageShare(veteran);
    return {
      finding: prose`${figure(`customer_share@lifecycle_stage=${veteran}`, veteranShare, 'percent')} of customers are ${term('veteran', 'veterans')} of three years or more.`,
      decision: [
        prose`Tenure was mapped before any usage metric because how long a customer has used the product often explains how well it uses it. Tenure is counted in whole months from the first purchase to the end of the latest month and cut into ${term('tenure-segment', 'tenure segments')}: quarters in the first year, then years. The segments are grouped into ${term('lifecycle-stage', 'lifecycle stages')} for the journey view.`,
      ],
      evidence: [
        prose`Of the ${figure('customers', total(tenure, 'customers'), 'integer')} customers with seat data, ${figure(`customer_share@lifecycle_stage=${veteran}`, veteranShare, 'percent')} are in the ${veteran} stage (three years or more) and ${figure(`customer_share@lifecycle_stage=${onboarding}`, stageShare(onboarding), 'percent')} are in the ${onboarding} stage. The largest single segment is ${figure('max(customer_share@tenure_segment)', text(top, 'tenure_segment'), 'text')}, with ${groupFigure(tenure, 'customer_share', 'tenure_segment', text(top, 'tenure_segment'))} of customers.`,
      ],
      consequence: [
        prose`A base ${compareWord(veteranShare, 0.5, { above: 'dominated by', below: 'with a large minority of', same: 'split evenly with' })} veterans retains well, but it also means that any decline in use with age affects ${compareWord(veteranShare, 0.5, { above: 'most', below: 'a large part', same: 'half' })} of the revenue base. Lifecycle therefore became one of the main segmentations (step 9).`,
      ],
    };
  },
};

const step3: MethodologyStep = {
  number: 3,
  slug: 'business-health',
  phase: 'foundation',
  title: 'Business health indicators',
  question: 'Before looking at seats: is the revenue base growing, and how fast do accounts leave?',
  charts: [movementMixChart, waterfallChart, retentionChart],
  explore: { slug: '', title: 'Executive summary' },
  narrate: ({ rows }) => {
    const mix = rows('m-movement-mix');
    const bridge = rows('m-arr-waterfall');
    const count = (movement: string) => num(rowWhere(mix, 'movement', movement), 'accounts') ?? 0;
    const ratio = count('expansion') / count('contraction');
    const churn = total(bridge, 'churn_rate') / bridge.length;
    const last = bridge[bridge.length - 1]!;
    const month = text(last, 'month');
    const nrr = num(last, 'nrr');
    return {
      finding: prose`Expansions outnumber contractions ${figure('expansion_contraction_ratio', ratio, 'ratio')} and ${figure('mean(churn_rate@month)', churn, 'percent')} of accounts churn in an average month.`,
      decision: [
        prose`The health of the revenue base was fixed first, so that later usage findings could be checked against it. Each account-month carries an ${term('arr-movement')}; from these come two ratios of the source analysis, the ${term('expansion-contraction-ratio')} and the ${term('monthly-churn-rate')}, and two standard retention measures the source did not have: ${term('nrr')} and ${term('grr')}, shown with an ${term('arr-waterfall')} per month.`,
      ],
      evidence: [
        prose`${groupFigure(mix, 'account_share', 'movement', 'flat')} of account-months are flat and ${groupFigure(mix, 'account_share', 'movement', 'expansion')} expand, against ${groupFigure(mix, 'account_share', 'movement', 'contraction')} that contract and ${groupFigure(mix, 'account_share', 'movement', 'churn')} that churn: ${figure('expansion_contraction_ratio', ratio, 'ratio')} as many expansions as contractions. On average ${figure('mean(churn_rate@month)', churn, 'percent')} of the accounts active at the start of a month churn during it.`,
        prose`In ${figure('last_month', month, 'text')}, ARR went from ${groupFigure(bridge, 'arr_start', 'month', month, 'money')} to ${groupFigure(bridge, 'arr_end', 'month', month, 'money')}. Net revenue retention was ${groupFigure(bridge, 'nrr', 'month', month)} and gross revenue retention ${groupFigure(bridge, 'grr', 'month', month)}: existing accounts ${compareWord(nrr, 1, { above: 'grew', below: 'shrank', same: 'held' })} their ARR before any new business is counted.`,
      ],
      consequence: [
        prose`These ratios are the yardstick for the usage analysis: if low utilization signals risk, it should come before churn and contraction, and high utilization before expansion. Step 11 tests exactly that.`,
      ],
    };
  },
};

export const FOUNDATION_STEPS = [step1, step2, step3] as const;
