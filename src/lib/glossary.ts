/**
 * The glossary: every metric, band, segment and threshold of the report defined once, in
 * words built from the definitions in config.ts (so a changed threshold changes its
 * definition too). The data page lists it; page text links each term to its entry.
 */
import type { Band } from './bands.ts';
import { ACCOUNT_CHURN_RISK, CS_SCORING, HEALTH, LIFECYCLE_STAGES, PANEL, PERFORMANCE_CATEGORIES, SIZE_BANDS, TENURE_SEGMENTS, THRESHOLDS } from './config.ts';
import { inSentence, wholePercent as pct } from './format.ts';
import { CHURN_RISK_FORMULA, SEGMENTS, churnBandsSentence, segmentRuleSentence } from './intelligence.ts';
import { pageHref } from './page.ts';
import { COMPONENT_IDS, HEALTH_BANDS, RETENTION_RISKS } from './health.ts';

export interface GlossaryEntry {
  readonly id: string;
  readonly term: string;
  readonly definition: string;
}

/** "1, 2-5, ... and 500+" */
function labelList(bands: readonly Band[]): string {
  const labels = bands.map((band) => band.label);
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

const ENTRIES = [
  { id: 'account', term: 'customer (account)', definition: 'One customer company, identified by its account id. Counts of customers count distinct accounts.' },
  {
    id: 'usage-row',
    term: 'usage row',
    definition: 'One account, product and month of seat data: seats purchased, assigned and used. Means of rates are taken over usage rows.',
  },
  { id: 'seats-purchased', term: 'seats purchased', definition: 'Seats the customer pays for in the month (at least 1).' },
  { id: 'seats-assigned', term: 'seats assigned', definition: 'Purchased seats given to a named user (0 up to seats purchased).' },
  { id: 'seats-used', term: 'seats used', definition: 'Seats active in the month; can exceed seats assigned when users share or rotate seats.' },
  { id: 'unassigned-seats', term: 'unassigned seats', definition: 'Seats purchased minus seats assigned: paid for but not given to anyone.' },
  { id: 'unused-seats', term: 'unused seats', definition: 'Seats assigned minus seats used, never below 0: given to a user who did not use them.' },
  {
    id: 'assignment-rate',
    term: 'assignment rate',
    definition: 'Seats assigned divided by seats purchased, per usage row; shown as a percentage. A group’s assignment rate is the mean over its usage rows.',
  },
  {
    id: 'utilization-rate',
    term: 'utilization rate',
    definition: `Seats used divided by seats assigned, per usage row, capped at ${pct(THRESHOLDS.utilizationCap)}; undefined (left empty) when no seat is assigned. A group’s utilization is the mean over its usage rows with seats assigned.`,
  },
  {
    id: 'capping',
    term: 'capping rule',
    definition: `A utilization above ${pct(THRESHOLDS.utilizationCap)} (more seats used than assigned) is set to ${pct(THRESHOLDS.utilizationCap)}; the row is kept and counted as capped in the data-quality report.`,
  },
  {
    id: 'at-risk',
    term: 'at risk',
    definition: `A usage row whose utilization is below ${pct(THRESHOLDS.atRiskBelow)}. The at-risk share of a group is its at-risk rows over its rows with a defined utilization.`,
  },
  {
    id: 'expansion-candidate',
    term: 'expansion candidate',
    definition: `A usage row whose utilization is above ${pct(THRESHOLDS.expansionAbove)}: the customer uses nearly everything it assigned and may need more seats.`,
  },
  {
    id: 'high-performer',
    term: 'high performer',
    definition: `A usage row whose assignment rate and utilization are both at least ${pct(THRESHOLDS.highPerformerMin)}.`,
  },
  {
    id: 'size-band',
    term: 'size band',
    definition: `A customer’s size by its total seats purchased in its latest month, in ${SIZE_BANDS.length} bands: ${labelList(SIZE_BANDS)} seats.`,
  },
  {
    id: 'tenure-segment',
    term: 'tenure segment',
    definition: `Whole months from the first purchase to the last day of the latest month, in ${TENURE_SEGMENTS.length} segments: quarters of the first year (${labelList(TENURE_SEGMENTS.slice(0, 4))}), then years (${labelList(TENURE_SEGMENTS.slice(4))}).`,
  },
  {
    id: 'lifecycle-stage',
    term: 'lifecycle stage',
    definition: `Tenure segments grouped for journey mapping: ${LIFECYCLE_STAGES.map((s) => `${s.label} (${s.segments.join(', ')})`).join('; ')}.`,
  },
  {
    id: 'veteran',
    term: 'veteran',
    definition: `A customer in the Veteran lifecycle stage: ${LIFECYCLE_STAGES[LIFECYCLE_STAGES.length - 1]!.segments.join(', ')}, that is three years or more since the first purchase.`,
  },
  {
    id: 'performance-category',
    term: 'performance category',
    definition: `Utilization in ${PERFORMANCE_CATEGORIES.length} categories: ${PERFORMANCE_CATEGORIES.map((c, i) => `${c.label} (${c.aboveMin ? 'above' : 'from'} ${pct(c.min)}${PERFORMANCE_CATEGORIES[i + 1] ? ` up to ${pct(PERFORMANCE_CATEGORIES[i + 1]!.min)}` : ''})`).join(', ')}.`,
  },
  {
    id: 'baseline',
    term: 'baseline',
    definition: 'The mean (and median) of a rate over every usage row of the period: the benchmark each segment is compared with.',
  },
  { id: 'arr', term: 'ARR', definition: 'Annual recurring revenue of an account at the end of a month, in US dollars.' },
  {
    id: 'arr-movement',
    term: 'ARR movement',
    definition: 'How an account’s ARR changed against the previous month: new, expansion, flat, contraction or churn.',
  },
  {
    id: 'monthly-churn-rate',
    term: 'monthly churn rate',
    definition: 'Accounts that churned in a month over the accounts active (not churned) in the month before.',
  },
  {
    id: 'expansion-contraction-ratio',
    term: 'expansion/contraction ratio',
    definition: 'Account-months with an expansion over account-months with a contraction.',
  },
  {
    id: 'nrr',
    term: 'net revenue retention (NRR)',
    definition:
      'ARR at the end of a month from the accounts that had ARR at its start (expansion, contraction and churn included, new accounts left out), over the ARR at its start.',
  },
  {
    id: 'grr',
    term: 'gross revenue retention (GRR)',
    definition: 'Like NRR but without expansion: the start ARR minus contraction and churn, over the start ARR. It cannot exceed 100%.',
  },
  {
    id: 'arr-waterfall',
    term: 'ARR waterfall',
    definition: 'A month’s ARR from start to end: start, plus new and expansion, minus contraction and churn, gives the end.',
  },
  {
    id: 'confidence-interval',
    term: '95% interval',
    definition:
      'The range that would contain the true value in 95% of samples like this one: a Wilson score interval for shares, a normal interval (mean ± 1.96 standard errors) for means. Non-overlapping intervals mean a gap is unlikely to be noise.',
  },
  {
    id: 'association',
    term: 'association',
    definition: 'Two measures moving together in this data. It does not show that one causes the other: other differences between the groups may explain both.',
  },
  {
    id: 'snapshot-month',
    term: 'snapshot month',
    definition: 'The month a point-in-time figure (customers, seats, ARR) is read from: the selected month, or the latest month when none is selected.',
  },
  {
    id: 'filter-cube',
    term: 'filter cube',
    definition: 'Sums and counts per region, size band, tenure segment, plan and month, so any filter combination’s rates are one small query.',
  },
  {
    id: 'portfolio-group',
    term: 'portfolio group',
    definition: `Portfolio size of a telemetry-panel account (sites or projects managed): ${labelList(PANEL.portfolioGroups)}; a portfolio of 0 is kept in the first group and flagged.`,
  },
  {
    id: 'engagement',
    term: 'engagement level',
    definition: `Total telemetry events of a panel account: ${PANEL.engagement.map((b, i) => `${b.label} (${b.min}${PANEL.engagement[i + 1] ? `-${PANEL.engagement[i + 1]!.min - 1}` : '+'})`).join(', ')}.`,
  },
  { id: 'ticket-range', term: 'support-ticket range', definition: `Support tickets in the last 90 days: ${labelList(PANEL.ticketRanges)}.` },
  { id: 'feature-breadth', term: 'feature breadth', definition: `Distinct event types a panel account used: ${labelList(PANEL.featureBreadth)}.` },
  { id: 'arr-group', term: 'ARR group', definition: `ARR of a panel account: ${labelList(PANEL.arrGroups)}.` },
  {
    id: 'churn-risk',
    term: 'churn risk',
    definition: `How many of its own usual gaps between orders a customer has gone without ordering, as of its source’s last order date: ${CHURN_RISK_FORMULA}. Bands: ${churnBandsSentence()}.`,
  },
  {
    id: 'account-churn-risk',
    term: 'account churn risk',
    definition: `The churn risk of a seat-usage account in a month: the share of accounts in its utilization band (${labelList(ACCOUNT_CHURN_RISK.utilizationBands)}, capped utilization of its products together; accounts with no seat assigned form a band of their own) that churned the following month, over every month of the data that has a next one.`,
  },
  {
    id: 'health-score',
    term: 'health score',
    definition: `An account's health in a month, 0 to 100: the weighted mean of the points of its components (${COMPONENT_IDS.map((id) => `${inSentence(HEALTH.components[id].label)} ${HEALTH.components[id].weight}`).join(', ')}; weights add up to 100), each earning points by steps; a trend without an earlier month is absent and the other weights are renormalised. Bands: ${labelList(HEALTH.bands)} from ${HEALTH.bands.map((b) => b.min).join(', ')}.`,
  },
  {
    id: 'retention-risk',
    term: 'retention risk',
    definition: `${RETENTION_RISKS.join(', ')}: the level of the account's health band (${HEALTH_BANDS.join(', ')} in that order), one level higher when the score fell by ${HEALTH.retentionDropPoints} points or more since the previous month.`,
  },
  {
    id: 'deal-score',
    term: 'deal score',
    definition: `How much work a client deal is expected to be: w1 × its interaction band + w2 × its complexity band (w1 = ${CS_SCORING.weights.interactions}, w2 = ${CS_SCORING.weights.complexity} by default). The interaction band (1 to ${CS_SCORING.interactionBands}) is the quintile of the emails and activities the model predicts for it, the complexity band (1 to ${CS_SCORING.complexityBands}) the quintile of its users to onboard, both cut on the deals the model was fitted on.`,
  },
  {
    id: 'portfolio-score',
    term: 'portfolio score',
    definition:
      'A specialist’s workload: the sum of the deal scores of their open deals. Lower means more available; routing gives each new client to the eligible specialist with the lowest.',
  },
  { id: 'customer-segment', term: 'customer segment', definition: segmentRuleSentence() },
  ...SEGMENTS.map((segment) => ({ id: segment.id, term: segment.label, definition: segment.description })),
] as const satisfies readonly GlossaryEntry[];

export type GlossaryId = (typeof ENTRIES)[number]['id'];

/** Every entry, in reading order. */
export const GLOSSARY: readonly GlossaryEntry[] = ENTRIES;

/** The entry with this id. */
export function glossaryEntry(id: GlossaryId): GlossaryEntry {
  return ENTRIES.find((entry) => entry.id === id)!;
}

/** The anchor of an entry on the data page. */
export const glossaryAnchor = (id: GlossaryId) => `term-${id}`;

/** The link to an entry on the data page, below the site's base path. */
export const glossaryHref = (base: string, id: GlossaryId) => `${pageHref(base, 'data')}#${glossaryAnchor(id)}`;
