/**
 * Monthly CS performance (source 004, phase 3): the month's figures and the figures to date
 * as KPI cards, the emails, activities and concluded deals per month, the ranking of the
 * specialists in the month and each specialist's interactions over time. Every chart reads
 * `cs_performance`. The page's `cs` parameter (a specialist) filters the cards and the
 * monthly panels and is highlighted in the ranking and the trend; `month` is the month the
 * cards and the ranking describe (the latest when none is selected).
 */
import * as Plot from '@observablehq/plot';
import { formatValue, inSentence } from '../format.ts';
import { escapeHtml } from '../html.ts';
import { selected } from '../parameters.ts';
import { CATEGORICAL, TREND_LINE_OPACITY } from '../palette.ts';
import type { Query } from '../query.ts';
import { num, type Row, text } from '../rows.ts';
import type { ChartDefinition, Column, RenderContext, Rendering } from './chart.ts';
import { emphasis, filterOnClick } from './cross-filter.ts';
import { htmlTable } from './html-table.ts';
import { lineEnds, monthDate, monthTicks } from './month-axis.ts';
import { type Kpi, kpiCardsHtml, monthlyKpiCardsHtml, snapshotMonth } from './kpi-cards.ts';

/** The three monthly measures of source 004 phase 3, in the order every chart lists them. */
export const CS_MEASURES = [
  { key: 'emails', label: 'Emails sent', color: CATEGORICAL[0] },
  { key: 'activities', label: 'Activities completed', color: CATEGORICAL[1] },
  { key: 'deals_concluded', label: 'Deals concluded', color: CATEGORICAL[2] },
] as const;

const NO_DATA = 'No data: no email, activity or concluded deal in the data.';

/** Whom the figures are for: the selected specialist, or the whole team. */
const specialistOf = (context: RenderContext) => selected(context.filters, 'cs') ?? 'all specialists';

const emptyHtml = (message: string): Rendering => ({ kind: 'html', html: `<p class="empty">${escapeHtml(message)}</p>` });

/** "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The measures' values in a row as "emails sent 12, activities completed 30 and deals concluded 2". */
function measuresText(row: Row, suffix = ''): string {
  return listed(CS_MEASURES.map((m) => `${inSentence(m.label)} ${formatValue(num(row, `${m.key}${suffix}`), 'integer')}`));
}

// ---------------------------------------------------------------------------------------
// The team (or one specialist) month by month, with running totals

/** One row per month: the measures summed over the specialists (or the selected one), and their totals from the first month. */
const monthlyTotals: Query = {
  tables: ['cs_performance'],
  filters: ['cs'],
  sql: (p) => `
SELECT month,
  ${CS_MEASURES.map((m) => `sum(${m.key})::INTEGER AS ${m.key}`).join(', ')},
  ${CS_MEASURES.map((m) => `(sum(sum(${m.key})) OVER (ORDER BY month))::INTEGER AS ${m.key}_to_date`).join(', ')}
FROM cs_performance WHERE ${p.match('cs', 'cs_name')}
GROUP BY month ORDER BY month`,
};

const MONTH_KPIS: readonly Kpi[] = CS_MEASURES.map((m) => ({ key: m.key, label: m.label, format: 'integer', higherIsBetter: true }));
const TO_DATE_KPIS: readonly Kpi[] = CS_MEASURES.map((m) => ({
  key: `${m.key}_to_date`,
  label: `${m.label} to date`,
  format: 'integer',
  higherIsBetter: true,
}));

const MONTHLY_COLUMNS: readonly Column[] = [
  { key: 'month', label: 'Month', format: 'text' },
  ...CS_MEASURES.map((m): Column => ({ key: m.key, label: m.label, format: 'integer' })),
  ...CS_MEASURES.map((m): Column => ({ key: `${m.key}_to_date`, label: `${m.label} to date`, format: 'integer' })),
];

export const csPerformanceKpiChart: ChartDefinition = {
  id: 'cs-performance-kpis',
  title: 'Performance at a glance',
  subtitle:
    'Emails sent, activities completed and deals concluded in the month (selected or latest) with the change from the month before, and their totals from the first month of the data to it; one specialist when selected, else the whole team',
  query: monthlyTotals,
  columns: MONTHLY_COLUMNS,
  describe: (rows, context) => {
    const month = snapshotMonth(rows, context);
    const row = rows.find((r) => r.month === month);
    if (!row || !rows[0]) return NO_DATA;
    return `In ${month}, ${specialistOf(context)}: ${measuresText(row)}; from ${text(rows[0], 'month')} to ${month}: ${measuresText(row, '_to_date')}.`;
  },
  render: (rows, context) => {
    const month = snapshotMonth(rows, context);
    const row = rows.find((r) => r.month === month);
    if (!row || !rows[0] || month === null) return emptyHtml(NO_DATA);
    const who = specialistOf(context);
    const span = `${text(rows[0], 'month')} to ${month}`;
    return {
      kind: 'html',
      html:
        monthlyKpiCardsHtml(rows, context, MONTH_KPIS, (m) => `Performance of ${who} in ${m}`, NO_DATA) +
        kpiCardsHtml(TO_DATE_KPIS, row, null, `Performance of ${who} from ${span}`, span),
    };
  },
};

/** The smallest round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at or above `value`: each panel's scale ends on it. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * power).find((c) => c >= value * (1 - 1e-12)) ?? 10 * power;
}

export const csPerformanceMonthlyChart: ChartDefinition = {
  id: 'cs-performance-monthly',
  title: 'Emails, activities and deals per month',
  subtitle: 'Each measure in its own panel with its own scale; one specialist when selected, else the whole team; click a month to select it',
  query: monthlyTotals,
  columns: MONTHLY_COLUMNS,
  crossFilter: { parameter: 'month', self: 'highlight' },
  describe: (rows, context) => {
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (!first || !last) return NO_DATA;
    const interactions = (r: Row) => (num(r, 'emails') ?? 0) + (num(r, 'activities') ?? 0);
    const busiest = rows.reduce((top, r) => (interactions(r) > interactions(top) ? r : top));
    return `From ${text(first, 'month')} to ${text(last, 'month')} (${rows.length} month${rows.length === 1 ? '' : 's'}), ${specialistOf(context)}: ${measuresText(last, '_to_date')}; the busiest month was ${text(busiest, 'month')} with ${formatValue(interactions(busiest), 'integer')} emails and activities.`;
  },
  render: (rows, context) => {
    if (!rows.length) return emptyHtml(NO_DATA);
    // Plot's facets share one y scale, and deals run far below emails: each panel is drawn on
    // [0, 1] of its own round maximum, with its own tick labels.
    const panels = CS_MEASURES.map((m) => ({ ...m, top: niceCeiling(Math.max(...rows.map((r) => num(r, m.key) ?? 0))) }));
    const long = panels.flatMap((m) =>
      rows.map(
        (r): Row => ({
          month: text(r, 'month'),
          measure: m.label,
          value: num(r, m.key) ?? 0,
          position: (num(r, m.key) ?? 0) / m.top,
        }),
      ),
    );
    const ticks = panels.flatMap((m) =>
      [0, m.top / 2, m.top]
        .filter((value) => Number.isInteger(value))
        .map((value) => ({ measure: m.label, position: value / m.top, label: formatValue(value, 'integer') })),
    );
    return {
      kind: 'plot',
      options: {
        height: 380,
        marginLeft: 48,
        marginRight: 130,
        x: { type: 'utc', label: null, ticks: monthTicks(rows) },
        y: { domain: [0, 1], axis: null },
        fy: { label: null, domain: panels.map((m) => m.label), axis: 'right', padding: 0.2 },
        color: { domain: panels.map((m) => m.label), range: panels.map((m) => m.color) },
        marks: [
          Plot.ruleY(ticks, { y: 'position', fy: 'measure', strokeOpacity: 0.15, ariaHidden: 'true' }),
          Plot.text(ticks, { y: 'position', fy: 'measure', text: 'label', frameAnchor: 'left', textAnchor: 'end', dx: -6, ariaHidden: 'true' }),
          Plot.rectY(long, {
            x: (d: Row) => monthDate(text(d, 'month')),
            interval: 'month',
            y: 'position',
            fy: 'measure',
            fill: 'measure',
            fillOpacity: emphasis(context),
            inset: 1,
            title: (d: Row) => `${text(d, 'measure')}, ${text(d, 'month')}: ${formatValue(num(d, 'value'), 'integer')}`,
            // Three bars per month: too many tab stops; the month filter does the same from the keyboard.
            render: filterOnClick(long, context, 'month', false),
          }),
        ],
      },
    };
  },
};

// ---------------------------------------------------------------------------------------
// Ranking of the specialists in the month, with their totals to date

const rankingQuery: Query = {
  tables: ['cs_performance'],
  filters: ['month'],
  sql: (p) => `
WITH snapshot AS (SELECT ${p.snapshotMonth('cs_performance')} AS month, (SELECT min(month) FROM cs_performance) AS first_month),
per_cs AS (
  SELECT c.cs_name, s.month, s.first_month,
    ${CS_MEASURES.map((m) => `coalesce(sum(c.${m.key}) FILTER (WHERE c.month = s.month), 0)::INTEGER AS ${m.key}`).join(',\n    ')},
    ${CS_MEASURES.map((m) => `sum(c.${m.key})::INTEGER AS ${m.key}_to_date`).join(',\n    ')}
  FROM cs_performance c, snapshot s WHERE c.month <= s.month
  GROUP BY c.cs_name, s.month, s.first_month)
SELECT cs_name, rank() OVER (ORDER BY emails + activities DESC)::INTEGER AS rank, month, first_month,
  emails + activities AS interactions, emails, activities, deals_concluded,
  emails_to_date + activities_to_date AS interactions_to_date, emails_to_date, activities_to_date, deals_concluded_to_date
FROM per_cs
ORDER BY rank, cs_name`,
};

const RANKING_COLUMNS: readonly Column[] = [
  { key: 'cs_name', label: 'Specialist', format: 'text' },
  { key: 'rank', label: 'Rank', format: 'integer' },
  { key: 'interactions', label: 'Interactions', format: 'integer' },
  { key: 'emails', label: 'Emails', format: 'integer' },
  { key: 'activities', label: 'Activities', format: 'integer' },
  { key: 'deals_concluded', label: 'Deals concluded', format: 'integer' },
  { key: 'emails_to_date', label: 'Emails to date', format: 'integer' },
  { key: 'activities_to_date', label: 'Activities to date', format: 'integer' },
  { key: 'deals_concluded_to_date', label: 'Deals to date', format: 'integer' },
];

/** "A ranks", or "A and B share" when several hold the place. */
function holders(rows: readonly Row[], one: string, several: string): string {
  const names = rows.map((r) => text(r, 'cs_name'));
  return `${listed(names)} ${names.length > 1 ? several : one}`;
}

export const csRankingChart: ChartDefinition = {
  id: 'cs-ranking',
  title: 'Ranking of the specialists',
  subtitle:
    'Specialists ranked by interactions (emails sent plus activities completed) in the month (selected or latest); equal interactions share a rank; the month’s deals concluded and the totals to date beside them. Choose a specialist to filter the page',
  query: rankingQuery,
  columns: [
    { key: 'month', label: 'Month', format: 'text' },
    ...RANKING_COLUMNS,
    { key: 'interactions_to_date', label: 'Interactions to date', format: 'integer' },
  ],
  crossFilter: { parameter: 'cs', self: 'highlight' },
  describe: (rows) => {
    const first = rows[0];
    if (!first) return NO_DATA;
    const month = text(first, 'month');
    const top = rows.filter((r) => num(r, 'rank') === 1);
    const lastRank = num(rows[rows.length - 1]!, 'rank');
    const bottom = rows.filter((r) => num(r, 'rank') === lastRank);
    const most = Math.max(...rows.map((r) => num(r, 'interactions_to_date') ?? 0));
    const leaders = rows.filter((r) => num(r, 'interactions_to_date') === most);
    const interactions = (r: Row) => `${formatValue(num(r, 'interactions'), 'integer')} interactions`;
    const toDate = `from ${text(first, 'first_month')} to ${month}, ${holders(leaders, 'leads', 'lead')} with ${formatValue(most, 'integer')}`;
    if (lastRank === 1) return `In ${month}, ${holders(top, 'ranks first', 'share first place')} with ${interactions(first)}; ${toDate}.`;
    return `In ${month}, ${holders(top, 'ranks first', 'share first place')} with ${interactions(first)} and ${holders(bottom, 'ranks last', 'share last place')} with ${interactions(bottom[0]!)}; ${toDate}.`;
  },
  render: (rows, context) => {
    const first = rows[0];
    if (!first) return emptyHtml(NO_DATA);
    const caption = `Specialists by interactions in ${text(first, 'month')}, with totals from ${text(first, 'first_month')}`;
    return { kind: 'html', html: htmlTable(rows, RANKING_COLUMNS, caption, context) };
  },
};

// ---------------------------------------------------------------------------------------
// Each specialist's interactions over the months

export const csTrendChart: ChartDefinition = {
  id: 'cs-trend',
  title: 'Interactions per specialist',
  subtitle:
    'Emails sent plus activities completed per month, one line per specialist; the selected specialist stands out, a month chosen in the filter bar is marked. Click a point to select its specialist',
  query: {
    tables: ['cs_performance'],
    sql: () => `
SELECT cs_name, month, emails, activities, emails + activities AS interactions
FROM cs_performance ORDER BY cs_name, month`,
  },
  columns: [
    { key: 'cs_name', label: 'Specialist', format: 'text' },
    { key: 'month', label: 'Month', format: 'text' },
    { key: 'emails', label: 'Emails', format: 'integer' },
    { key: 'activities', label: 'Activities', format: 'integer' },
    { key: 'interactions', label: 'Interactions', format: 'integer' },
  ],
  crossFilter: { parameter: 'cs', self: 'highlight' },
  describe: (rows, context) => {
    const months = [...new Set(rows.map((r) => text(r, 'month')))].sort();
    const month = selected(context.filters, 'month') ?? months[months.length - 1];
    const inMonth = rows.filter((r) => r.month === month).sort((a, b) => (num(b, 'interactions') ?? 0) - (num(a, 'interactions') ?? 0));
    const [top, bottom] = [inMonth[0], inMonth[inMonth.length - 1]];
    if (!top || !bottom) return NO_DATA;
    const specialists = new Set(rows.map((r) => text(r, 'cs_name'))).size;
    const count = (r: Row) => formatValue(num(r, 'interactions'), 'integer');
    const overview = `Interactions of ${specialists} specialist${specialists === 1 ? '' : 's'} over ${months.length} month${months.length === 1 ? '' : 's'}; in ${month} the most were ${text(top, 'cs_name')}’s (${count(top)}), the fewest ${text(bottom, 'cs_name')}’s (${count(bottom)})`;
    const cs = selected(context.filters, 'cs');
    const mine = inMonth.find((r) => r.cs_name === cs);
    return mine ? `${overview}; ${cs} had ${count(mine)}.` : `${overview}.`;
  },
  render: (rows, context) => {
    if (!rows.length) return emptyHtml(NO_DATA);
    const cs = selected(context.filters, 'cs');
    const month = selected(context.filters, 'month');
    const isChosen = (r: Row) => cs === null || r.cs_name === cs;
    const chosen = rows.filter((r) => cs !== null && r.cs_name === cs);
    const date = (r: Row) => monthDate(text(r, 'month'));
    return {
      kind: 'plot',
      options: {
        height: 320,
        // Room for the names at the lines' ends.
        marginRight: 110,
        x: { type: 'utc', label: null, ticks: monthTicks(rows) },
        y: { label: 'Interactions (emails + activities)', grid: true, zero: true },
        marks: [
          ...(month ? [Plot.ruleX([monthDate(month)], { stroke: 'currentColor', strokeOpacity: 0.2, strokeWidth: 8, ariaHidden: 'true' })] : []),
          Plot.line(
            rows.filter((r) => r.cs_name !== cs),
            {
              x: date,
              y: 'interactions',
              z: 'cs_name',
              title: 'cs_name',
              stroke: 'currentColor',
              strokeOpacity: cs === null ? TREND_LINE_OPACITY : 0.2,
              ariaHidden: 'true',
            },
          ),
          Plot.line(chosen, { x: date, y: 'interactions', stroke: CATEGORICAL[5], strokeWidth: 3, ariaHidden: 'true' }),
          Plot.dot(rows, {
            x: date,
            y: 'interactions',
            r: 2.5,
            fill: (r: Row) => (cs === null ? CATEGORICAL[0] : isChosen(r) ? CATEGORICAL[5] : 'currentColor'),
            fillOpacity: (r: Row) => (isChosen(r) ? 1 : 0.2),
            title: (r: Row) =>
              `${text(r, 'cs_name')}, ${text(r, 'month')}: ${formatValue(num(r, 'interactions'), 'integer')} interactions (${formatValue(num(r, 'emails'), 'integer')} emails, ${formatValue(num(r, 'activities'), 'integer')} activities)`,
            // A point per specialist and month: too many tab stops; the ranking's rows and the specialist filter do the same from the keyboard.
            render: filterOnClick(rows, context, 'cs_name', false),
          }),
          // The chosen specialist's name at the end of their line, or else the most and the fewest in the last month.
          Plot.text(lineEnds(rows, 'cs_name', 'interactions', cs), {
            x: date,
            y: 'interactions',
            text: 'cs_name',
            textAnchor: 'start',
            dx: 8,
            fontWeight: cs === null ? 'normal' : 'bold',
            ariaHidden: 'true',
          }),
        ],
      },
    };
  },
};

/** The four charts of the monthly performance view, in reading order. */
export const CS_PERFORMANCE_CHARTS: readonly ChartDefinition[] = [csPerformanceKpiChart, csPerformanceMonthlyChart, csRankingChart, csTrendChart];
