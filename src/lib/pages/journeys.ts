/** Customer journeys (source 001): the telemetry panel's accounts from portfolio and plan through engagement to activity and ARR. */
import {
  ALL_PLANS,
  DEFAULT_STAGES,
  JOURNEY_MEASURES,
  JOURNEY_STAGES,
  OPPORTUNITIES,
  PATH_SORTS,
  accountsProfileChart,
  activeHeatmapChart,
  arrLift,
  arrProfileChart,
  breadthChart,
  breadthGapChart,
  compositionChart,
  gapReading,
  inactivePaths,
  journeySankeyChart,
  npsHeatmapChart,
  opportunitiesChart,
  portfolioSizeChart,
  segmentPathsChart,
  ticketsChart,
  trainingImpactChart,
  trainingSide,
} from '../charts/journeys.ts';
import { figure, prose, term } from '../narrative.ts';
import type { PageDefinition } from '../page.ts';
import type { Parameter } from '../parameters.ts';
import { JOURNEY_OPPORTUNITIES, PLANS, TRAINING_STATUSES } from '../config.ts';
import { num, text } from '../rows.ts';

/** A filter by a stage dimension, with its values from the journey cube's categories. */
const stageFilter = (key: string): Parameter => ({
  kind: 'category',
  name: key,
  label: JOURNEY_STAGES.find((stage) => stage.key === key)?.label ?? key,
  source: { dataset: 'journey_cube', column: key },
});

const parameters: readonly Parameter[] = [
  ...['portfolio_group', 'plan', 'engagement', 'feature_breadth', 'ticket_range', 'active_status', 'arr_group', 'region'].map(stageFilter),
  { kind: 'choice', name: 'measure', label: 'Link width', options: JOURNEY_MEASURES, default: 'accounts' },
  {
    kind: 'sequence',
    name: 'stages',
    label: 'Stages',
    min: 2,
    options: JOURNEY_STAGES.map((stage) => ({ value: stage.key, label: stage.label })),
    default: DEFAULT_STAGES,
  },
  { kind: 'choice', name: 'path_sort', label: 'Sort paths by', options: PATH_SORTS, default: 'accounts' },
];

const page: PageDefinition = {
  slug: 'journeys',
  title: 'Customer journeys',
  summary: 'Paths from portfolio and plan through engagement to activity and ARR.',
  status: 'ready',
  order: 50,
  kind: 'dashboard',
  parameters,
  layout: [
    { charts: [journeySankeyChart], wide: true },
    { charts: [accountsProfileChart, arrProfileChart] },
    { charts: [npsHeatmapChart, activeHeatmapChart] },
    { charts: [portfolioSizeChart, ticketsChart] },
    { charts: [compositionChart, breadthGapChart] },
    { charts: [trainingImpactChart], wide: true },
    { charts: [breadthChart], wide: true },
    { charts: [opportunitiesChart], wide: true },
    { charts: [segmentPathsChart], wide: true, tall: true },
  ],
  narrative: {
    lede: ({ rows }) => {
      const paths = rows(segmentPathsChart.id);
      const accounts = paths.reduce((sum, r) => sum + (num(r, 'accounts') ?? 0), 0);
      const inactive = inactivePaths(paths);
      const top = paths.find((r) => r.top_by_accounts === true);
      const training = rows(trainingImpactChart.id);
      const lift = arrLift(training, ALL_PLANS);
      const within = PLANS.map((plan) => ({ plan, lift: arrLift(training, plan) }));
      const lifts = within.map((w) => w.lift).filter((l): l is number => l !== null);
      const mix = lift !== null && lifts.length > 0 && Math.max(...lifts) < lift;
      const [trained, untrained] = TRAINING_STATUSES.map((status) => trainingSide(training, ALL_PLANS, status));
      const breadth = rows(breadthChart.id);
      const [middle, widest] = [JOURNEY_OPPORTUNITIES.featureAdoption.from, JOURNEY_OPPORTUNITIES.featureAdoption.to].map((band) =>
        breadth.find((r) => text(r, 'feature_breadth') === band),
      );
      const gap = rows(breadthGapChart.id).find((r) => text(r, 'scope') === ALL_PLANS);
      const reading = gapReading(gap);
      const estimates = rows(opportunitiesChart.id);
      const estimate = (id: string, key = 'total') =>
        figure(`opportunity_${key}@${id}`, num(estimates.find((r) => text(r, 'id') === id) ?? {}, key), key === 'accounts' ? 'integer' : 'money');
      const [premium] = OPPORTUNITIES.filter((o) => o.id === 'premium-upgrade');
      return [
        prose`The ${figure('panel_accounts', accounts, 'integer')} accounts of the product-telemetry panel, followed from the size of their portfolio (sites or projects managed, the ${term('portfolio-group')}) and their plan through how much they use the product to whether they are active and what they pay. ${figure('active_rate@panel', (accounts - inactive.accounts) / accounts, 'percent')} are active; the inactive ones carry ${figure('inactive_arr@panel', inactive.arr, 'money')} of ARR. The most common path is ${figure('top_path@panel', top ? text(top, 'path') : null, 'text')}, ${figure('top_path_share@panel', top ? num(top, 'account_share') : null, 'percent')} of accounts.`,
        prose`Trained accounts pay ${figure('training_arr_lift@plan=all', lift, 'ratio')} the mean ARR of the others (median ${figure('median_arr@training=trained', num(trained ?? {}, 'median_arr'), 'money')} against ${figure('median_arr@training=untrained', num(untrained ?? {}, 'median_arr'), 'money')}); within each plan the ratio is ${within.flatMap((w, i) => [...(i ? [i === within.length - 1 ? ' and ' : ', '] : []), figure(`training_arr_lift@plan=${w.plan}`, w.lift, 'ratio'), ` (${w.plan})`])}, ${mix ? 'smaller in every plan, so part of the overall gap reflects which plans train more' : 'so the gap holds within plans'}. Either way it is an association, not the effect of training.`,
        prose`Accounts using ${widest ? text(widest, 'feature_breadth') : '–'} event types pay ${figure('mean_arr@breadth=top', num(widest ?? {}, 'mean_arr'), 'money')} on average against ${figure('mean_arr@breadth=middle', num(middle ?? {}, 'mean_arr'), 'money')} for ${middle ? text(middle, 'feature_breadth') : '–'}. The source found its widest users less active; here the active rate of the widest users minus that of the narrowest is ${figure('breadth_active_gap@panel', num(gap ?? {}, 'gap'), 'points')} (95% interval ${figure('breadth_active_gap_low@panel', num(gap ?? {}, 'gap_low'), 'points')} to ${figure('breadth_active_gap_high@panel', num(gap ?? {}, 'gap_high'), 'points')}), ${reading === 'unclear' ? 'an interval that includes zero: the data do not show the widest users to be less active' : reading === 'lower' ? 'an interval below zero: they are less active here too' : 'an interval above zero: here they are more active'}.`,
        prose`Under strong assumptions (the table below states them): training every untrained account would add ${estimate('training-naive')} of ARR taken naively, ${estimate('training-within-plan')} within plans; upgrading the ${estimate('premium-upgrade', 'accounts')} accounts of the premium target (${premium?.estimate ?? ''}) ${estimate('premium-upgrade')}; moving the middle feature-breadth group to the top one ${estimate('adoption-naive')}, ${estimate('adoption-within-plan')} within plans. Choose the Sankey's stages and what its links measure above it, or click a node to filter the page.`,
      ];
    },
  },
};

export default page;
