/**
 * Where the telemetry-panel write-up (source 001) contradicts itself, and what the report
 * does instead, written for the data page from the published journey cube: every count and
 * share is a figure of the data, every band bound comes from config.ts. Also the panel's
 * data-quality note on accounts with a portfolio of 0.
 */
import { type Band, bandLabels } from './bands.ts';
import { ACTIVE_STATUSES, PANEL } from './config.ts';
import { figure, list, type Paragraph, prose, term } from './narrative.ts';
import type { Query } from './query.ts';
import { num, type Row, text } from './rows.ts';

/** One contradiction: what the source does and what the report chose. */
export interface SourceChoice {
  readonly topic: string;
  readonly source: Paragraph;
  readonly choice: Paragraph;
}

/**
 * Accounts, tickets and zero-portfolio accounts of the whole panel (the row with no group)
 * and per active status, engagement level and ARR group (a row per value, the other
 * columns NULL). The cube holds each account once, so every grouping sums to the panel.
 */
export const panelTotalsQuery: Query = {
  tables: ['journey_cube'],
  sql: () => `
SELECT active_status, engagement, arr_group,
  sum(accounts)::BIGINT AS accounts, sum(tickets)::BIGINT AS tickets, sum(zero_portfolio)::BIGINT AS zero_portfolio
FROM journey_cube
GROUP BY GROUPING SETS ((), (active_status), (engagement), (arr_group))`,
};

/** The row of one group (`column` = `label`), or of the whole panel when no column is given. */
function groupRow(rows: readonly Row[], column?: string, label?: string): Row {
  const grouped = ['active_status', 'engagement', 'arr_group'];
  const row = rows.find((r) => grouped.every((c) => (c === column ? text(r, c) === label : r[c] === null)));
  if (!row) throw new Error(`No panel totals for ${column ?? 'the panel'}${label === undefined ? '' : ` = ${label}`}.`);
  return row;
}

/** "“Low” from 0, “Medium” from 15 and “High” from 31": each band with its lower bound. */
function lowerBounds(bands: readonly Band[]): Paragraph {
  return list(bands.map((band) => [`“${band.label}” from ${band.min}`]));
}

/** Tickets of each value of a grouping, as "1,234 (Low)" figures in display order. */
function ticketsBy(rows: readonly Row[], column: string, labels: readonly string[]): Paragraph {
  return list(labels.map((label) => prose`${figure(`tickets@${column}=${label}`, num(groupRow(rows, column, label), 'tickets'), 'integer')} (${label})`));
}

/** The source's three contradictions with the report's choices, from the rows of `panelTotalsQuery`. */
export function panelSourceChoices(rows: readonly Row[]): readonly SourceChoice[] {
  const panel = groupRow(rows);
  const accounts = num(panel, 'accounts') ?? 0;
  const arrGroups = bandLabels(PANEL.arrGroups);
  const shares = arrGroups.map((label) => ({ label, share: accounts ? (num(groupRow(rows, 'arr_group', label), 'accounts') ?? 0) / accounts : null }));
  const shareSum = shares.reduce((sum, s) => sum + (s.share ?? 0), 0);
  return [
    {
      topic: 'Support-ticket totals',
      source: prose`The write-up states a total of support tickets that is twice what its own breakdowns give: its tickets of active plus inactive accounts, and its tickets of the three engagement levels, each come to exactly half of that total, as if every ticket had been counted twice.`,
      choice: prose`Each account's tickets of the last 90 days are counted once, from the panel table: ${figure('tickets@panel', num(panel, 'tickets'), 'integer')} tickets, of which ${ticketsBy(rows, 'active_status', ACTIVE_STATUSES)} by active status, and ${ticketsBy(rows, 'engagement', bandLabels(PANEL.engagement))} by ${term('engagement')}; both splits add up to the total.`,
    },
    {
      topic: 'Bins that overlap at their edges',
      source: prose`Neighbouring bins share an edge value. Engagement is binned as “<15”, “15-30” and “30+”, yet the low level is said to reach 15 events, so an account with 15 or with 30 events fits two levels; the event-type groups “5-7” and “7+” both claim 7 types, and the portfolio groups “6-10” and “10+” both claim 10.`,
      choice: prose`Every band starts at its lower bound and stops just before the next band's, so each value falls in exactly one band: ${term('engagement')} (total events) ${lowerBounds(PANEL.engagement)}; ${term('feature-breadth')} (event types used) ${lowerBounds(PANEL.featureBreadth)}; ${term('portfolio-group', 'portfolio groups')} (sites or projects) ${lowerBounds(PANEL.portfolioGroups)}.`,
    },
    {
      topic: 'ARR-group shares',
      source: prose`The ARR distribution lists three ARR bands and, beside them, a group of inactive accounts without ARR; the four shares add up to well over 100%, so some accounts sit in two groups.`,
      choice: prose`Each account is in exactly one ${term('arr-group')}, by its ARR; whether it is active is a separate stage of its journey. The shares are ${list(shares.map((s) => prose`${figure(`account_share@arr_group=${s.label}`, s.share, 'percent')} (${s.label})`))}, which add up to ${figure('account_share_sum@arr_group', shareSum, 'percent')}.`,
    },
  ];
}

/** The data-quality note on panel accounts with a portfolio size of 0, from the rows of `panelTotalsQuery`. */
export function zeroPortfolioNote(rows: readonly Row[]): Paragraph {
  const first = PANEL.portfolioGroups[0]!.label;
  return prose`${figure('zero_portfolio@panel', num(groupRow(rows), 'zero_portfolio'), 'integer')} accounts of the telemetry panel report a portfolio size of 0 (no site or project). They are kept: they count in the first ${term('portfolio-group')}, “${first}”, and are flagged in the zero_portfolio column of panel_profile and journey_cube, so an analysis can set them apart.`;
}
