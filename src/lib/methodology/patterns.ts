/**
 * Phase 4, pattern recognition (source 000 steps 8 to 11): rates by size, tenure and
 * region with their 95% intervals, and whether the usage thresholds separate what happens
 * to an account the next month. All of these are associations, and the text says so.
 */
import * as Plot from '@observablehq/plot';
import { bandLabels } from '../bands.ts';
import { nextMonthSql } from '../calendar.ts';
import type { ChartDefinition } from '../charts/chart.ts';
import { LIFECYCLE_STAGES, REGIONS, SIZE_BANDS, TENURE_SEGMENTS, THRESHOLDS } from '../config.ts';
import { formatValue, wholePercent } from '../format.ts';
import { intervalSql } from '../metrics.ts';
import { compareWord, figure, prose, term, type Paragraph } from '../narrative.ts';
import { CATEGORICAL } from '../palette.ts';
import { lifecycleStageSql } from '../queries/usage-aggregates.ts';
import { num, text } from '../rows.ts';
import { extremeFigure, extremeRow, groupFigure, rowWhere, threshold } from './figures.ts';
import { estimate, gap, groupRow, intervalRatesChart, separated, type Grouping } from './interval-rates.ts';
import type { MethodologyStep } from './step.ts';

const BY_SIZE: Grouping = { key: 'size_band', expr: 'size_band', label: 'Size band (seats)', labels: bandLabels(SIZE_BANDS) };
const BY_TENURE: Grouping = { key: 'tenure_segment', expr: 'tenure_segment', label: 'Tenure segment', labels: bandLabels(TENURE_SEGMENTS) };
const BY_STAGE: Grouping = {
  key: 'lifecycle_stage',
  expr: lifecycleStageSql('tenure_segment'),
  label: 'Lifecycle stage',
  labels: LIFECYCLE_STAGES.map((s) => s.label),
};
const BY_REGION: Grouping = { key: 'region', expr: 'region', label: 'Region', labels: [...REGIONS] };

const ASSOCIATION: Paragraph = prose`These are ${term('association', 'associations')} in the data of this period, not causes: customers in one group differ from those in another in more than the one trait compared here.`;

/** "a real gap" or "within noise", from whether the two 95% intervals overlap. */
function noiseVerdict(isSeparated: boolean): string {
  return isSeparated ? 'their 95% intervals do not overlap, so the gap is not sampling noise' : 'their 95% intervals overlap, so the gap may be sampling noise';
}

const sizeChart = intervalRatesChart({
  id: 'm-size-performance',
  title: 'Rates by size band',
  subtitle: 'Mean assignment and utilization per size band, with 95% intervals',
  group: BY_SIZE,
});
const tenureChart = intervalRatesChart({
  id: 'm-tenure-performance',
  title: 'Rates by tenure segment',
  subtitle: 'Mean assignment and utilization per tenure segment, with 95% intervals',
  group: BY_TENURE,
});
const stageChart = intervalRatesChart({
  id: 'm-stage-performance',
  title: 'Rates by lifecycle stage',
  subtitle: 'Tenure segments grouped into lifecycle stages, with 95% intervals',
  group: BY_STAGE,
});
const regionChart = intervalRatesChart({
  id: 'm-region-performance',
  title: 'Rates by region',
  subtitle: 'Mean assignment and utilization per region, with 95% intervals',
  group: BY_REGION,
});

/** Utilization groups of step 11, from the two thresholds. */
const UTILIZATION_GROUPS = [
  { label: `Below ${wholePercent(THRESHOLDS.atRiskBelow)}`, sql: 'at_risk' },
  { label: `${wholePercent(THRESHOLDS.atRiskBelow)} to ${wholePercent(THRESHOLDS.expansionAbove)}`, sql: 'NOT at_risk AND NOT expansion_candidate' },
  { label: `Above ${wholePercent(THRESHOLDS.expansionAbove)}`, sql: 'expansion_candidate' },
] as const;
const [LOW_GROUP, , HIGH_GROUP] = UTILIZATION_GROUPS.map((g) => g.label) as [string, string, string];

const outcomeChart: ChartDefinition = {
  id: 'm-threshold-outcomes',
  title: 'What happens the next month, by utilization',
  subtitle: 'Share of usage rows whose account churned or expanded in the following month, with 95% Wilson intervals',
  query: {
    tables: ['master_usage', 'revenue_monthly'],
    sql: () => `
WITH followed AS (
  SELECT CASE ${UTILIZATION_GROUPS.map((g, i) => `WHEN ${g.sql} THEN ${i}`).join(' ')} END AS group_order, r.movement
  FROM master_usage m JOIN revenue_monthly r
    ON r.account_id = m.account_id AND r.month = ${nextMonthSql('m.month')}
  WHERE m.utilization_rate IS NOT NULL),
g AS (
  SELECT group_order, count(*)::INTEGER AS followed_rows,
    (count(*) FILTER (WHERE movement = 'churn'))::INTEGER AS churned,
    (count(*) FILTER (WHERE movement = 'expansion'))::INTEGER AS expanded
  FROM followed GROUP BY group_order)
SELECT [${UTILIZATION_GROUPS.map((g) => `'${g.label}'`).join(', ')}][group_order + 1] AS utilization_group, followed_rows,
  churned, churned::DOUBLE / followed_rows AS next_churn_rate,
  ${intervalSql.wilson('churned', 'followed_rows', -1)} AS next_churn_rate_low, ${intervalSql.wilson('churned', 'followed_rows', 1)} AS next_churn_rate_high,
  expanded, expanded::DOUBLE / followed_rows AS next_expansion_rate,
  ${intervalSql.wilson('expanded', 'followed_rows', -1)} AS next_expansion_rate_low, ${intervalSql.wilson('expanded', 'followed_rows', 1)} AS next_expansion_rate_high
FROM g ORDER BY group_order`,
  },
  columns: [
    { key: 'utilization_group', label: 'Utilization', format: 'text' },
    { key: 'followed_rows', label: 'Usage rows with a next month', format: 'integer' },
    { key: 'next_churn_rate', label: 'Churned next month', format: 'percent' },
    { key: 'next_churn_rate_low', label: 'Churn: 95% low', format: 'percent' },
    { key: 'next_churn_rate_high', label: 'Churn: 95% high', format: 'percent' },
    { key: 'next_expansion_rate', label: 'Expanded next month', format: 'percent' },
    { key: 'next_expansion_rate_low', label: 'Expansion: 95% low', format: 'percent' },
    { key: 'next_expansion_rate_high', label: 'Expansion: 95% high', format: 'percent' },
  ],
  describe: (rows) =>
    rows
      .map(
        (r) =>
          `${text(r, 'utilization_group')}: churn ${formatValue(num(r, 'next_churn_rate'), 'percent')}, expansion ${formatValue(num(r, 'next_expansion_rate'), 'percent')}`,
      )
      .join('; '),
  render: (rows) => {
    const outcomes = [
      { key: 'next_churn_rate', label: 'Churned' },
      { key: 'next_expansion_rate', label: 'Expanded' },
    ];
    const long = rows.flatMap((r) =>
      outcomes.map((o) => ({
        group: text(r, 'utilization_group'),
        outcome: o.label,
        value: num(r, o.key),
        low: num(r, `${o.key}_low`),
        high: num(r, `${o.key}_high`),
      })),
    );
    return {
      kind: 'plot',
      options: {
        width: 640,
        height: 280,
        fx: { label: 'Utilization this month', domain: UTILIZATION_GROUPS.map((g) => g.label) },
        x: { axis: null, domain: outcomes.map((o) => o.label) },
        y: { label: 'Share of rows, next month (%)', percent: true, grid: true },
        color: { domain: outcomes.map((o) => o.label), range: [CATEGORICAL[5], CATEGORICAL[2]], legend: true },
        marks: [
          Plot.barY(long, {
            fx: 'group',
            x: 'outcome',
            y: 'value',
            fill: 'outcome',
            title: (d: (typeof long)[number]) => `${d.group}, ${d.outcome}: ${formatValue(d.value, 'percent')}`,
          }),
          Plot.ruleX(long, { fx: 'group', x: 'outcome', y1: 'low', y2: 'high', stroke: 'currentColor', strokeWidth: 1.5, ariaHidden: 'true' }),
          Plot.ruleY([0], { ariaHidden: 'true' }),
        ],
      },
    };
  },
};

const step8: MethodologyStep = {
  number: 8,
  slug: 'size-performance',
  phase: 'patterns',
  title: 'Customer size performance analysis',
  question: 'Do larger customers make better use of the seats they buy?',
  charts: [sizeChart],
  explore: { slug: 'segmentation', title: 'Segmentation dashboard' },
  narrate: ({ rows }) => {
    const size = rows('m-size-performance');
    const small = BY_SIZE.labels[0]!;
    const large = BY_SIZE.labels[BY_SIZE.labels.length - 1]!;
    const a = num(groupRow(size, BY_SIZE, small), 'assignment_rate');
    const b = num(groupRow(size, BY_SIZE, large), 'assignment_rate');
    const smallerBetter = (a ?? 0) > (b ?? 0);
    return {
      finding: prose`Assignment ${smallerBetter ? 'falls' : 'rises'} from ${estimate(groupRow(size, BY_SIZE, small), 'assignment_rate', BY_SIZE).slice(0, 1)} for single-seat customers to ${estimate(groupRow(size, BY_SIZE, large), 'assignment_rate', BY_SIZE).slice(0, 1)} in the ${large} band: a gap of ${gap(size, 'assignment_rate', BY_SIZE, small, large)}.`,
      decision: [
        prose`Each size band's rates were given a ${term('confidence-interval')}, so that a gap between bands can be told apart from the noise of a small band. The largest bands hold few customers, so their intervals are the widest.`,
      ],
      evidence: [
        prose`Single-seat customers assign ${estimate(groupRow(size, BY_SIZE, small), 'assignment_rate', BY_SIZE)} of their seats; customers in the ${large} band assign ${estimate(groupRow(size, BY_SIZE, large), 'assignment_rate', BY_SIZE)}. The gap of ${gap(size, 'assignment_rate', BY_SIZE, small, large)} is ${smallerBetter ? 'in favour of the smallest' : 'in favour of the largest'} customers, and ${noiseVerdict(separated(size, 'assignment_rate', BY_SIZE, small, large))}. The band with the lowest assignment is ${extremeFigure(size, 'assignment_rate', 'size_band', 'min')}.`,
        prose`The ${large} band's utilization is ${estimate(groupRow(size, BY_SIZE, large), 'utilization_rate', BY_SIZE)}. Below the at-risk threshold of ${threshold('atRiskBelow')} are ${estimate(groupRow(size, BY_SIZE, large), 'at_risk_rate', BY_SIZE)} of its rows, against ${estimate(groupRow(size, BY_SIZE, small), 'at_risk_rate', BY_SIZE)} for single-seat customers.`,
        ASSOCIATION,
      ],
      consequence: [
        smallerBetter
          ? prose`This is the enterprise paradox of the source analysis: the customers who buy the most seats leave the largest share unassigned and unused. A plausible reading is deployment complexity (more teams, more onboarding), which points to a dedicated enterprise onboarding programme rather than more seats.`
          : prose`Unlike the source analysis, larger customers here do not use a smaller share of their seats; the enterprise paradox does not show in this data.`,
      ],
    };
  },
};

const step9: MethodologyStep = {
  number: 9,
  slug: 'lifecycle-performance',
  phase: 'patterns',
  title: 'Customer lifecycle performance tracking',
  question: 'Do customers use the product better the longer they have it?',
  charts: [tenureChart, stageChart],
  explore: { slug: 'segmentation', title: 'Segmentation dashboard' },
  narrate: ({ rows }) => {
    const tenure = rows('m-tenure-performance');
    const stages = rows('m-stage-performance');
    const first = BY_TENURE.labels[0]!;
    const veteran = BY_STAGE.labels[BY_STAGE.labels.length - 1]!;
    const newUse = num(groupRow(tenure, BY_TENURE, first), 'utilization_rate');
    const oldUse = num(groupRow(stages, BY_STAGE, veteran), 'utilization_rate');
    const declines = (newUse ?? 0) > (oldUse ?? 0);
    const trough = extremeRow(tenure, 'utilization_rate', 'min');
    const lowestStage = text(extremeRow(stages, 'utilization_rate', 'min'), 'lifecycle_stage');
    const gapFigure = figure(
      `gap(utilization_rate@tenure_segment=${first};utilization_rate@lifecycle_stage=${veteran})`,
      Math.abs((newUse ?? 0) - (oldUse ?? 0)),
      'gap',
    );
    return {
      finding: prose`Customers in their first quarter use ${estimate(groupRow(tenure, BY_TENURE, first), 'utilization_rate', BY_TENURE).slice(0, 1)} of their assigned seats, ${veteran.toLowerCase()}s ${estimate(groupRow(stages, BY_STAGE, veteran), 'utilization_rate', BY_STAGE).slice(0, 1)}: ${gapFigure} ${compareWord(newUse, oldUse, { above: 'in favour of new customers', below: 'in favour of veterans', same: 'apart' })}.`,
      decision: [
        prose`The working hypothesis was that use improves with experience. It was tested on every tenure segment and on the lifecycle stages that group them, each rate with its 95% interval.`,
      ],
      evidence: [
        prose`In their first quarter (${first}), customers assign ${estimate(groupRow(tenure, BY_TENURE, first), 'assignment_rate', BY_TENURE)} of their seats and use ${estimate(groupRow(tenure, BY_TENURE, first), 'utilization_rate', BY_TENURE)} of those assigned. ${veteran} customers (three years or more) use ${estimate(groupRow(stages, BY_STAGE, veteran), 'utilization_rate', BY_STAGE)}: ${gapFigure} ${declines ? 'lower' : 'higher'}. The tenure segment with the highest utilization is ${extremeFigure(tenure, 'utilization_rate', 'tenure_segment', 'max')} and the lowest ${extremeFigure(tenure, 'utilization_rate', 'tenure_segment', 'min')}.`,
        lowestStage !== veteran && (num(trough, 'utilization_rate') ?? 0) < (oldUse ?? 0)
          ? prose`The decline is not steady: utilization bottoms out at ${groupFigure(tenure, 'utilization_rate', 'tenure_segment', text(trough, 'tenure_segment'))} in ${extremeFigure(tenure, 'utilization_rate', 'tenure_segment', 'min')} and partly recovers among the customers who stay longer, whose use is ${gap(stages, 'utilization_rate', BY_STAGE, veteran, lowestStage)} above the weakest stage, ${extremeFigure(stages, 'utilization_rate', 'lifecycle_stage', 'min')}.`
          : prose`Utilization falls from stage to stage, with ${extremeFigure(stages, 'utilization_rate', 'lifecycle_stage', 'min')} the weakest lifecycle stage.`,
        ASSOCIATION,
      ],
      consequence: [
        declines
          ? prose`The hypothesis was wrong: use fades with tenure. Customers who stay do not automatically stay engaged, which argues for re-engagement and refresher training for veterans rather than putting every effort into new logos.`
          : prose`The hypothesis holds in this data: use does not fade with tenure, so re-engaging veterans is not the first priority.`,
      ],
    };
  },
};

const step10: MethodologyStep = {
  number: 10,
  slug: 'regional-comparison',
  phase: 'patterns',
  title: 'Regional performance comparative analysis',
  question: 'Is APAC one market, or do regions differ enough to need their own plans?',
  charts: [regionChart],
  explore: { slug: '', title: 'Executive summary' },
  narrate: ({ rows }) => {
    const regions = rows('m-region-performance');
    const best = text(extremeRow(regions, 'utilization_rate', 'max'), 'region');
    const worst = text(extremeRow(regions, 'utilization_rate', 'min'), 'region');
    return {
      finding: prose`${extremeFigure(regions, 'utilization_rate', 'region', 'max')} leads on utilization and ${extremeFigure(regions, 'utilization_rate', 'region', 'min')} trails it by ${gap(regions, 'utilization_rate', BY_REGION, best, worst)}.`,
      decision: [
        prose`Each region was analysed on its own against the baselines rather than as part of one APAC average, to find where practice could be copied and where help is needed.`,
      ],
      evidence: [
        prose`The best region by utilization, ${extremeFigure(regions, 'utilization_rate', 'region', 'max')}, assigns ${estimate(rowWhere(regions, 'region', best), 'assignment_rate', BY_REGION)} of seats and uses ${estimate(rowWhere(regions, 'region', best), 'utilization_rate', BY_REGION)}. The weakest, ${extremeFigure(regions, 'utilization_rate', 'region', 'min')}, assigns ${estimate(rowWhere(regions, 'region', worst), 'assignment_rate', BY_REGION)} and uses ${estimate(rowWhere(regions, 'region', worst), 'utilization_rate', BY_REGION)}: a utilization gap of ${gap(regions, 'utilization_rate', BY_REGION, best, worst)}, and ${noiseVerdict(separated(regions, 'utilization_rate', BY_REGION, best, worst))}. The region with the most customers is ${extremeFigure(regions, 'accounts', 'region', 'max')}.`,
        ASSOCIATION,
      ],
      consequence: [
        separated(regions, 'utilization_rate', BY_REGION, best, worst)
          ? prose`Regions differ by more than noise, so one APAC plan would fit none of them well. The weakest region needs a local customer-success approach (language, support model, onboarding), and the best one is the place to learn from.`
          : prose`The regional gap is within noise: one APAC plan can serve every region for now.`,
      ],
    };
  },
};

const step11: MethodologyStep = {
  number: 11,
  slug: 'risk-thresholds',
  phase: 'patterns',
  title: 'Predictive risk and opportunity thresholds',
  question: 'Does low utilization come before churn, and high utilization before expansion?',
  charts: [outcomeChart],
  explore: { slug: 'risk', title: 'Risk and opportunity dashboard' },
  narrate: ({ rows }) => {
    const outcomes = rows('m-threshold-outcomes');
    const low = rowWhere(outcomes, 'utilization_group', LOW_GROUP);
    const high = rowWhere(outcomes, 'utilization_group', HIGH_GROUP);
    const rate = (row: typeof low, measure: 'next_churn_rate' | 'next_expansion_rate') => {
      const key = `${measure}@utilization_group=${text(row, 'utilization_group')}`;
      return prose`${figure(key, num(row, measure), 'percent')} (95% interval ${figure(`low(${key})`, num(row, `${measure}_low`), 'percent')} to ${figure(`high(${key})`, num(row, `${measure}_high`), 'percent')})`;
    };
    const churnRatio = (num(low, 'next_churn_rate') ?? 0) / (num(high, 'next_churn_rate') ?? Number.NaN);
    const expansionRatio = (num(high, 'next_expansion_rate') ?? 0) / (num(low, 'next_expansion_rate') ?? Number.NaN);
    const lowKey = (m: string) => `${m}@utilization_group=${LOW_GROUP}`;
    const highKey = (m: string) => `${m}@utilization_group=${HIGH_GROUP}`;
    const holds = churnRatio > 1 && expansionRatio > 1;
    return {
      finding: prose`Rows below ${threshold('atRiskBelow')} utilization are followed by churn ${figure(`ratio(${lowKey('next_churn_rate')};${highKey('next_churn_rate')})`, churnRatio, 'ratio')} as often as rows above ${threshold('expansionAbove')}; rows above ${threshold('expansionAbove')} expand ${figure(`ratio(${highKey('next_expansion_rate')};${lowKey('next_expansion_rate')})`, expansionRatio, 'ratio')} as often.`,
      decision: [
        prose`To turn usage into an early warning, each usage row was linked to what happened to its account in the following month. Two thresholds split the rows: ${term('at-risk')} below ${threshold('atRiskBelow')} and ${term('expansion-candidate')} above ${threshold('expansionAbove')}, with the band between them as the reference.`,
      ],
      evidence: [
        prose`Of the ${figure(`n(${lowKey('next_churn_rate')})`, num(low, 'followed_rows'), 'integer')} rows below ${threshold('atRiskBelow')} that have a next month, ${rate(low, 'next_churn_rate')} belong to accounts that churned the next month; of the ${figure(`n(${highKey('next_churn_rate')})`, num(high, 'followed_rows'), 'integer')} rows above ${threshold('expansionAbove')}, ${rate(high, 'next_churn_rate')}. Expansion runs the other way: ${rate(high, 'next_expansion_rate')} above the upper threshold against ${rate(low, 'next_expansion_rate')} below the lower one.`,
        ASSOCIATION,
      ],
      consequence: [
        holds
          ? prose`The two thresholds separate risk from opportunity clearly enough to act on: accounts that drop below ${threshold('atRiskBelow')} go to customer success for outreach, and accounts above ${threshold('expansionAbove')} to account managers for an expansion conversation. The risk dashboard lists both, account by account.`
          : prose`In this data the thresholds do not separate risk from opportunity: utilization alone is not a usable early warning here, and the thresholds should be revisited before they drive outreach.`,
      ],
    };
  },
};

export const PATTERN_STEPS = [step8, step9, step10, step11] as const;
