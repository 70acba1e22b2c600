/**
 * The risk and opportunity dashboard (source 000 dashboard page 3, SPEC 4.4): customer
 * health in order of intervention urgency, regional risk against performance, the
 * evolution of risk by region, and the action list of high-value accounts at risk. The
 * regional charts show every region (a selected one is highlighted) and apply the other
 * filters; the health chart and the action list apply every filter.
 */
import * as Plot from '@observablehq/plot';
import { ACCOUNT_CHURN_RISK, MOVEMENT_URGENCY, THRESHOLDS } from '../config.ts';
import { formatValue } from '../format.ts';
import { MOVEMENT_COLORS, REGION_COLORS } from '../palette.ts';
import type { Query } from '../query.ts';
import { churnRiskBandSql } from '../queries/account-churn-risk.ts';
import { accountMonthsSql } from '../queries/account-monthly.ts';
import { USAGE } from '../queries/measures.ts';
import { num, text, type Row } from '../rows.ts';
import type { ChartDefinition, Column } from './chart.ts';
import { emphasis, filterOnClick } from './cross-filter.ts';
import { MOVEMENT_COLUMNS, movementShares } from './customer-health.ts';
import { rowNames } from './row-names.ts';
import { htmlTable } from './html-table.ts';
import { spreadPositions } from './label-layout.ts';
import { revenueRiskChart } from './revenue-risk.ts';
import { SEAT_USAGE_FILTERS } from '../seat-usage-filters.ts';

const AT_RISK_BELOW = formatValue(THRESHOLDS.atRiskBelow, 'percent');

/** The bubble chart's frame: fixed margins, so labels can be laid out in pixels. */
const BUBBLES = { width: 640, height: 380, marginLeft: 56, marginRight: 120, marginTop: 28, marginBottom: 44 };

/** A scale domain around `values` with room for the bubbles at its edges. */
function paddedDomain(values: readonly number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = Math.max((high - low) * 0.15, 0.02);
  return [Math.max(0, low - pad), Math.min(1, high + pad)];
}

/** "churn · Win back": a movement with the action it calls for. */
const URGENCY_LABELS = new Map<string, string>(MOVEMENT_URGENCY.map(({ movement, action }) => [movement, `${movement} · ${action}`]));

/** Movements that call for intervention now. */
const INTERVENE = new Set<string>(MOVEMENT_URGENCY.filter((m) => m.intervene).map((m) => m.movement));

// ---------------------------------------------------------------------------------------
// Customer health by intervention urgency

export const healthUrgencyChart: ChartDefinition = {
  id: 'health-urgency',
  title: 'Customer health by urgency',
  subtitle: 'Share of accounts by ARR movement in the month (selected or latest), most urgent first, with the action each calls for',
  query: movementShares(MOVEMENT_URGENCY.map((m) => m.movement)),
  columns: MOVEMENT_COLUMNS,
  describe: (rows) => {
    if (!rows.length) return 'No rows match the filters.';
    const urgent = rows.filter((r) => INTERVENE.has(text(r, 'movement')));
    const accounts = urgent.reduce((sum, r) => sum + (num(r, 'accounts') ?? 0), 0);
    const share = urgent.reduce((sum, r) => sum + (num(r, 'account_share') ?? 0), 0);
    return `${formatValue(accounts, 'integer')} accounts (${formatValue(share, 'percent')}) call for intervention now (${[...INTERVENE].join(', ')}); ${rows.map((r) => `${text(r, 'movement')} ${formatValue(num(r, 'account_share'), 'percent')}`).join(', ')}.`;
  },
  render: (rows, context) => {
    const names = rowNames(context, MOVEMENT_URGENCY.length, 'bar', { height: 240, marginLeft: 160 });
    const name = (m: string) => URGENCY_LABELS.get(m) ?? m;
    return {
      kind: 'plot',
      options: {
        width: 640,
        height: names.height,
        marginLeft: names.marginLeft,
        marginRight: 110,
        x: { label: 'Share of accounts (%)', percent: true, grid: true, nice: true },
        y: { label: null, domain: MOVEMENT_URGENCY.map((m) => m.movement), tickFormat: name, ...names.y },
        color: MOVEMENT_COLORS,
        marks: [
          names.names(rows, 'movement', (r) => name(text(r, 'movement') ?? '')),
          Plot.barX(rows, {
            x: 'account_share',
            y: 'movement',
            fill: 'movement',
            title: (r: Row) => `${text(r, 'movement')}: ${formatValue(num(r, 'accounts'), 'integer')} accounts, ${formatValue(num(r, 'arr'), 'money')} ARR`,
          }),
          Plot.text(rows, {
            x: 'account_share',
            y: 'movement',
            text: (r: Row) => `${formatValue(num(r, 'account_share'), 'percent')} (${formatValue(num(r, 'accounts'), 'integer')})`,
            textAnchor: 'start',
            dx: 4,
          }),
          Plot.ruleX([0], { ariaHidden: 'true' }),
        ],
      },
    };
  },
};

// ---------------------------------------------------------------------------------------
// Regional risk vs performance

const regionRisk: Query = {
  tables: ['filter_cube'],
  filters: SEAT_USAGE_FILTERS,
  sql: (p) => `
WITH regions AS (
  SELECT region, ${USAGE.seatsPurchased} AS seats, ${USAGE.customers} AS customers,
    ${USAGE.utilizationRate} AS utilization_rate, ${USAGE.assignmentRate} AS assignment_rate,
    ${USAGE.atRiskRate} AS at_risk_rate
  FROM filter_cube
  WHERE ${p.filters({ except: ['month'] })} AND ${p.inSnapshot('filter_cube')}
  GROUP BY region),
apac AS (
  SELECT ${USAGE.utilizationRate} AS apac_utilization_rate, ${USAGE.atRiskRate} AS apac_at_risk_rate
  FROM filter_cube
  WHERE ${p.filters({ except: ['month'] })} AND ${p.inSnapshot('filter_cube')})
SELECT regions.*, apac.* FROM regions, apac ORDER BY region`,
};

export const regionRiskChart: ChartDefinition = {
  id: 'region-risk',
  title: 'Regional risk vs performance',
  subtitle: `Mean utilization against the share of usage rows below ${AT_RISK_BELOW} utilization in the month (selected or latest); bubble area: seats purchased; dashed lines: all regions. Click a bubble to filter by its region`,
  query: regionRisk,
  columns: [
    { key: 'region', label: 'Region', format: 'text' },
    { key: 'seats', label: 'Seats', format: 'integer' },
    { key: 'customers', label: 'Customers', format: 'integer' },
    { key: 'utilization_rate', label: 'Utilization', format: 'percent' },
    { key: 'assignment_rate', label: 'Assignment', format: 'percent' },
    { key: 'at_risk_rate', label: 'At-risk share', format: 'percent' },
    { key: 'apac_utilization_rate', label: 'Utilization, all regions', format: 'percent' },
    { key: 'apac_at_risk_rate', label: 'At-risk share, all regions', format: 'percent' },
  ],
  crossFilter: { parameter: 'region', self: 'highlight' },
  describe: (rows) => {
    const sorted = [...rows].sort((a, b) => (num(b, 'at_risk_rate') ?? 0) - (num(a, 'at_risk_rate') ?? 0));
    const riskiest = sorted[0];
    const safest = sorted[sorted.length - 1];
    if (!riskiest || !safest) return 'No rows match the filters.';
    const line = (r: Row) =>
      `${text(r, 'region')} (${formatValue(num(r, 'at_risk_rate'), 'percent')} at risk, ${formatValue(num(r, 'utilization_rate'), 'percent')} utilization)`;
    if (riskiest === safest) return `${line(riskiest)}.`;
    return `Highest risk: ${line(riskiest)}; lowest: ${line(safest)}.`;
  },
  render: (rows, context) => {
    const { width, height, marginLeft, marginRight, marginTop, marginBottom } = BUBBLES;
    const apac = rows[0];
    const references = apac ? [apac] : [];
    const xs = [...rows.map((r) => num(r, 'utilization_rate')), apac ? num(apac, 'apac_utilization_rate') : null].filter((v): v is number => v !== null);
    const ys = [...rows.map((r) => num(r, 'at_risk_rate')), apac ? num(apac, 'apac_at_risk_rate') : null].filter((v): v is number => v !== null);
    const x = paddedDomain(xs);
    const y = paddedDomain(ys);
    // Labels sit in a column right of the frame, spread so they never overlap, with leader lines.
    const [top, bottom] = [marginTop, height - marginBottom];
    const toPixel = (v: number) => top + ((y[1] - v) / (y[1] - y[0])) * (bottom - top);
    const toData = (px: number) => y[1] - ((px - top) / (bottom - top)) * (y[1] - y[0]);
    const labelled = rows.filter((r) => num(r, 'utilization_rate') !== null && num(r, 'at_risk_rate') !== null);
    const spread = spreadPositions(
      labelled.map((r) => toPixel(num(r, 'at_risk_rate')!)),
      15,
      top + 6,
      bottom - 6,
    );
    const labelX = x[1] + ((x[1] - x[0]) * 14) / (width - marginLeft - marginRight);
    const labels = labelled.map((r, i) => ({ ...r, label_x: labelX, label_y: toData(spread[i]!) }));
    return {
      kind: 'plot',
      options: {
        ...BUBBLES,
        // Domains in fractions (not Plot's percent option, which would rescale the values but not the domain).
        x: { domain: x, label: 'Mean utilization → higher is better', tickFormat: '.0%', grid: true },
        y: { domain: y, label: '↑ At-risk share: lower is better', tickFormat: '.0%', grid: true },
        r: { range: [4, 22] },
        color: REGION_COLORS,
        marks: [
          Plot.ruleX(references, { x: 'apac_utilization_rate', strokeDasharray: '4 3', strokeOpacity: 0.6, ariaHidden: 'true' }),
          Plot.ruleY(references, { y: 'apac_at_risk_rate', strokeDasharray: '4 3', strokeOpacity: 0.6, ariaHidden: 'true' }),
          Plot.text(references, {
            x: x[0],
            y: 'apac_at_risk_rate',
            text: () => 'all regions',
            textAnchor: 'start',
            dx: 4,
            dy: -7,
            fontSize: 10,
            fillOpacity: 0.7,
            ariaHidden: 'true',
          }),
          Plot.link(labels, {
            x1: 'utilization_rate',
            y1: 'at_risk_rate',
            x2: 'label_x',
            y2: 'label_y',
            stroke: 'currentColor',
            strokeOpacity: 0.35,
            ariaHidden: 'true',
          }),
          Plot.dot(rows, {
            x: 'utilization_rate',
            y: 'at_risk_rate',
            r: 'seats',
            fill: 'region',
            fillOpacity: (r: Row) => 0.8 * emphasis(context)(r),
            stroke: 'currentColor',
            strokeOpacity: emphasis(context),
            title: (r: Row) =>
              `${text(r, 'region')}: ${formatValue(num(r, 'utilization_rate'), 'percent')} utilization, ${formatValue(num(r, 'at_risk_rate'), 'percent')} at risk, ${formatValue(num(r, 'seats'), 'integer')} seats`,
            render: filterOnClick(rows, context),
          }),
          Plot.text(labels, {
            x: 'label_x',
            y: 'label_y',
            text: 'region',
            textAnchor: 'start',
            dx: 3,
            fontSize: 11,
            fontWeight: 600,
            fillOpacity: emphasis(context),
            ariaHidden: 'true',
          }),
        ],
      },
    };
  },
};

// ---------------------------------------------------------------------------------------
// Risk evolution by region

const riskByMonth: Query = {
  tables: ['filter_cube'],
  filters: SEAT_USAGE_FILTERS,
  sql: (p) => `
WITH regions AS (
  SELECT month, region, ${USAGE.atRiskRate} AS at_risk_rate, ${USAGE.customers} AS customers
  FROM filter_cube WHERE ${p.filters({ except: ['month'] })}
  GROUP BY month, region),
apac AS (
  SELECT month, ${USAGE.atRiskRate} AS apac_at_risk_rate
  FROM filter_cube WHERE ${p.filters({ except: ['month'] })}
  GROUP BY month)
SELECT regions.*, apac.apac_at_risk_rate FROM regions JOIN apac USING (month) ORDER BY month, region`,
};

export const riskEvolutionChart: ChartDefinition = {
  id: 'risk-evolution',
  title: 'Risk evolution by region',
  subtitle: `Share of usage rows below ${AT_RISK_BELOW} utilization per month; dashed: all regions. Click a point to filter by its region`,
  query: riskByMonth,
  columns: [
    { key: 'month', label: 'Month', format: 'text' },
    { key: 'region', label: 'Region', format: 'text' },
    { key: 'at_risk_rate', label: 'At-risk share', format: 'percent' },
    { key: 'customers', label: 'Customers', format: 'integer' },
    { key: 'apac_at_risk_rate', label: 'At-risk share, all regions', format: 'percent' },
  ],
  crossFilter: { parameter: 'region', self: 'highlight' },
  describe: (rows) => {
    const months = [...new Set(rows.map((r) => text(r, 'month')))];
    const first = months[0];
    const last = months[months.length - 1];
    if (!first || !last) return 'No rows match the filters.';
    const change = (region: string) => {
      const a = rows.find((r) => r.month === first && r.region === region);
      const b = rows.find((r) => r.month === last && r.region === region);
      return a && b ? (num(b, 'at_risk_rate') ?? 0) - (num(a, 'at_risk_rate') ?? 0) : null;
    };
    const changes = [...new Set(rows.map((r) => text(r, 'region')))].map((region) => ({ region, change: change(region) })).filter((c) => c.change !== null);
    // The largest change either way: with every region falling, the largest signed value was the smallest fall.
    const worst = changes.sort((a, b) => Math.abs(b.change ?? 0) - Math.abs(a.change ?? 0))[0];
    const apacLast = rows.find((r) => r.month === last);
    const overall = `All regions: ${formatValue(apacLast ? num(apacLast, 'apac_at_risk_rate') : null, 'percent')} at risk in ${last}`;
    if (!worst || months.length < 2) return `${overall}.`;
    return `${overall}; the largest change from ${first} to ${last} is in ${worst.region} (${formatValue(worst.change, 'points')}).`;
  },
  render: (rows, context) => {
    const apac = [...new Map(rows.map((r) => [text(r, 'month'), r])).values()];
    return {
      kind: 'plot',
      options: {
        width: 640,
        height: 320,
        marginRight: 24,
        x: { type: 'point', label: 'Month', inset: 16 },
        y: { label: 'At-risk share (%)', percent: true, grid: true, zero: true },
        color: { ...REGION_COLORS, legend: true },
        marks: [
          ...(context.filters.month
            ? [Plot.ruleX([context.filters.month], { stroke: 'currentColor', strokeOpacity: 0.3, strokeWidth: 8, ariaHidden: 'true' })]
            : []),
          Plot.line(apac, { x: 'month', y: 'apac_at_risk_rate', stroke: 'currentColor', strokeDasharray: '5 4', strokeWidth: 1.5, ariaHidden: 'true' }),
          Plot.line(rows, { x: 'month', y: 'at_risk_rate', stroke: 'region', strokeWidth: 2, strokeOpacity: emphasis(context), ariaHidden: 'true' }),
          Plot.dot(rows, {
            x: 'month',
            y: 'at_risk_rate',
            fill: 'region',
            fillOpacity: emphasis(context),
            r: 4,
            title: (r: Row) => `${text(r, 'region')}, ${text(r, 'month')}: ${formatValue(num(r, 'at_risk_rate'), 'percent')} at risk`,
            render: filterOnClick(rows, context),
          }),
        ],
      },
    };
  },
};

// ---------------------------------------------------------------------------------------
// Action list: the high-value accounts at risk

/** The account columns the action list and the revenue scatter read from the month's accounts. */
const SNAPSHOT_COLUMNS = [
  'account_id',
  'account_name',
  'region',
  'size_band',
  'tenure_segment',
  'plan',
  'seats_purchased',
  'utilization_rate',
  'arr',
  'movement',
  'at_risk',
];

/** Accounts in the action list. */
export const ACTION_LIST_SIZE = 10;

/** An account's page on the account-health page (the risk page sits beside it below the site's base). */
const accountPage = (row: Row) => `../account-health/?account=${encodeURIComponent(text(row, 'account_id') ?? '')}`;

const ACTION_COLUMNS: readonly Column[] = [
  { key: 'account_name', label: 'Account', format: 'text', href: accountPage },
  { key: 'account_id', label: 'ID', format: 'text' },
  { key: 'region', label: 'Region', format: 'text' },
  { key: 'seats_purchased', label: 'Seats', format: 'integer' },
  { key: 'utilization_rate', label: 'Utilization', format: 'percent' },
  { key: 'arr', label: 'ARR', format: 'money' },
  { key: 'movement', label: 'Movement', format: 'text' },
];

/** The list shows names (the id stays in "view as table" and the CSV), so it fits beside a chart. */
const ACTION_LIST_SHOWN = ACTION_COLUMNS.filter((column) => column.key !== 'account_id');

export const actionListChart: ChartDefinition = {
  id: 'action-list',
  title: 'Action list: high-value accounts at risk',
  subtitle: `The ${ACTION_LIST_SIZE} at-risk accounts (utilization below ${AT_RISK_BELOW}, seats summed over products) with the highest ARR in the month (selected or latest)`,
  query: {
    tables: ['account_monthly', 'account_latest'],
    filters: SEAT_USAGE_FILTERS,
    sql: (p) => `
SELECT ${ACTION_COLUMNS.map((c) => c.key).join(', ')}
FROM ${accountMonthsSql(p, SNAPSHOT_COLUMNS, 'last month')}
WHERE ${p.filters({ except: ['month'] })} AND at_risk
ORDER BY arr DESC NULLS LAST, account_id
LIMIT ${ACTION_LIST_SIZE}`,
  },
  columns: ACTION_COLUMNS,
  describe: (rows) => {
    const top = rows[0];
    if (!top) return 'No account at risk matches the filters.';
    const arr = rows.reduce((sum, r) => sum + (num(r, 'arr') ?? 0), 0);
    return `The ${rows.length} listed accounts hold ${formatValue(arr, 'money')} of ARR; the largest is ${text(top, 'account_name')} (${formatValue(num(top, 'arr'), 'money')}, ${formatValue(num(top, 'utilization_rate'), 'percent')} utilization).`;
  },
  render: (rows) => ({ kind: 'html', html: htmlTable(rows, ACTION_LIST_SHOWN, 'High-value accounts at risk, largest ARR first') }),
};

// ---------------------------------------------------------------------------------------
// Revenue against churn risk: the largest accounts, each at its utilization band's churn rate

const SCATTER_ACCOUNTS = ACCOUNT_CHURN_RISK.scatterAccounts;

export const accountRevenueRiskChart = revenueRiskChart({
  id: 'revenue-risk',
  title: 'Revenue against churn risk',
  subtitle: `The ${SCATTER_ACCOUNTS} largest accounts by ARR in the month (selected or latest), each at its churn risk: the share of accounts at its utilization that churned the next month. Click a point to filter by its region`,
  query: {
    tables: ['account_monthly', 'account_latest', 'churn_risk_bands'],
    filters: SEAT_USAGE_FILTERS,
    // Every matching account is weighed (ARR and expected churned ARR over all of them); the chart keeps the largest.
    // Each account's band is worked out before the join, which is then on equal columns (a join on the band
    // expression itself ran as a nested loop in DuckDB 0.9, the browser's: 2-4 s against 0.2 s), and the matching
    // accounts are worked out once for both uses.
    sql: (p) => `
WITH matching AS MATERIALIZED (
  SELECT a.account_id, a.account_name, a.region, a.seats_purchased, a.utilization_rate, a.arr, a.at_risk,
    b.utilization_band, b.churn_risk, a.arr * b.churn_risk AS expected_churn_arr
  FROM (SELECT *, ${churnRiskBandSql('utilization_rate')} AS utilization_band FROM ${accountMonthsSql(p, SNAPSHOT_COLUMNS, 'last month')}
        WHERE ${p.filters({ except: ['month'] })} AND arr > 0) a
  JOIN churn_risk_bands b ON b.utilization_band = a.utilization_band),
totals AS (
  SELECT count(*)::INTEGER AS matching_accounts, sum(CAST(arr AS DECIMAL(18, 2)))::DOUBLE AS matching_arr,
    sum(CAST(expected_churn_arr AS DECIMAL(18, 4)))::DOUBLE AS matching_expected_churn_arr
  FROM matching)
SELECT matching.*, totals.* FROM (SELECT * FROM matching ORDER BY arr DESC, account_id LIMIT ${SCATTER_ACCOUNTS}) matching, totals
ORDER BY arr DESC, account_id`,
  },
  columns: [
    { key: 'account_name', label: 'Account', format: 'text' },
    { key: 'account_id', label: 'ID', format: 'text' },
    { key: 'region', label: 'Region', format: 'text' },
    { key: 'arr', label: 'ARR', format: 'money' },
    { key: 'utilization_rate', label: 'Utilization', format: 'percent' },
    { key: 'utilization_band', label: 'Utilization band', format: 'text' },
    { key: 'churn_risk', label: 'Churn risk (next month)', format: 'percent' },
    { key: 'expected_churn_arr', label: 'ARR × churn risk', format: 'money' },
  ],
  group: { key: 'region', colors: REGION_COLORS },
  risk: { key: 'churn_risk', axis: { label: 'Churn risk (%): share of accounts at this utilization that churned the next month', percent: true, zero: true } },
  revenue: { key: 'arr', label: 'ARR' },
  pointTitle: (r) =>
    `${text(r, 'account_name')} (${text(r, 'region')}): ${formatValue(num(r, 'arr'), 'money')} ARR, ${formatValue(num(r, 'utilization_rate'), 'percent')} utilization, churn risk ${formatValue(num(r, 'churn_risk'), 'percent')}`,
  describe: (rows) => {
    const first = rows[0];
    if (!first) return 'No account with ARR matches the filters.';
    const sum = (key: string) => rows.reduce((total, r) => total + (num(r, key) ?? 0), 0);
    const atRisk = rows.filter((r) => r.at_risk === true).length;
    const rated = rows.filter((r) => num(r, 'churn_risk') !== null).length;
    const largest = `The ${formatValue(rows.length, 'integer')} largest of ${formatValue(num(first, 'matching_accounts'), 'integer')} accounts hold ${formatValue(sum('arr') / (num(first, 'matching_arr') ?? Number.NaN), 'percent')} of their ARR; ${formatValue(atRisk, 'integer')} of them ${atRisk === 1 ? 'is' : 'are'} below ${AT_RISK_BELOW} utilization.`;
    if (rated === 0) return `${largest} No month of their utilization bands has a next one in the data, so their churn risk is unknown.`;
    const unrated = rows.length - rated;
    return `${largest} At their bands' churn rates, ${formatValue(sum('expected_churn_arr'), 'money')} of their ARR would churn next month, of ${formatValue(num(first, 'matching_expected_churn_arr'), 'money')} over all the matching accounts${unrated ? ` (${formatValue(unrated, 'integer')} of the ${formatValue(rows.length, 'integer')} have a band with no next month, so no churn risk)` : ''}.`;
  },
});

/** The churn risk of each utilization band: the measure the scatter places accounts by, with its n and interval. */
export const churnRiskBandsChart: ChartDefinition = {
  id: 'churn-risk-bands',
  title: 'Churn risk by utilization',
  subtitle:
    'Share of account months followed by churn the next month, by the account’s utilization band, over every month with a next one (all accounts: the filters do not apply); 95% Wilson intervals',
  query: {
    tables: ['churn_risk_bands'],
    sql: () => `SELECT utilization_band, followed, churned, churn_risk, churn_risk_low, churn_risk_high FROM churn_risk_bands ORDER BY band_order`,
  },
  columns: [
    { key: 'utilization_band', label: 'Utilization', format: 'text' },
    { key: 'followed', label: 'Account months followed', format: 'integer' },
    { key: 'churned', label: 'Churned next month', format: 'integer' },
    { key: 'churn_risk', label: 'Churn risk', format: 'percent', interval: ['churn_risk_low', 'churn_risk_high'] },
  ],
  describe: (rows) => {
    const rated = rows.filter((r) => num(r, 'churn_risk') !== null);
    const sorted = [...rated].sort((a, b) => (num(b, 'churn_risk') ?? 0) - (num(a, 'churn_risk') ?? 0));
    const [high, low] = [sorted[0], sorted[sorted.length - 1]];
    if (!high || !low) return 'No account month has a next month in the data.';
    const line = (r: Row) =>
      `${text(r, 'utilization_band')} (${formatValue(num(r, 'churn_risk'), 'percent')}, 95% ${formatValue(num(r, 'churn_risk_low'), 'percent')}–${formatValue(num(r, 'churn_risk_high'), 'percent')}, n ${formatValue(num(r, 'followed'), 'integer')})`;
    return `Highest churn risk: ${line(high)}; lowest: ${line(low)}.`;
  },
  render: (rows) => ({
    kind: 'plot',
    options: {
      width: 640,
      height: 300,
      marginLeft: 130,
      marginRight: 90,
      x: { label: 'Churned the next month (%)', percent: true, grid: true, zero: true },
      y: { label: null, domain: rows.map((r) => text(r, 'utilization_band')) },
      marks: [
        Plot.ruleY(rows, { y: 'utilization_band', x1: 'churn_risk_low', x2: 'churn_risk_high', stroke: 'currentColor', strokeWidth: 2, ariaHidden: 'true' }),
        Plot.dot(rows, {
          y: 'utilization_band',
          x: 'churn_risk',
          fill: 'currentColor',
          r: 4,
          title: (r: Row) =>
            `${text(r, 'utilization_band')}: ${formatValue(num(r, 'churned'), 'integer')} of ${formatValue(num(r, 'followed'), 'integer')} churned the next month (${formatValue(num(r, 'churn_risk'), 'percent')})`,
        }),
        Plot.text(rows, {
          y: 'utilization_band',
          x: 'churn_risk_high',
          text: (r: Row) => `${formatValue(num(r, 'churn_risk'), 'percent')} (n ${formatValue(num(r, 'followed'), 'integer')})`,
          textAnchor: 'start',
          dx: 6,
          fontSize: 10,
        }),
      ],
    },
  }),
};
