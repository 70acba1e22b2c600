/** Customer journeys (source 001): the telemetry panel's accounts from portfolio and plan through engagement to activity and ARR. */
import {
  ACTIVE,
  DEFAULT_STAGES,
  INACTIVE,
  JOURNEY_MEASURES,
  JOURNEY_STAGES,
  accountsProfileChart,
  activeHeatmapChart,
  arrLift,
  arrProfileChart,
  breadthChart,
  journeySankeyChart,
  npsHeatmapChart,
  segmentPathsChart,
  ticketsChart,
  trainingImpactChart,
} from '../charts/journeys.ts';
import { figure, prose, term } from '../narrative.ts';
import type { PageDefinition } from '../page.ts';
import type { Parameter } from '../parameters.ts';
import { PLANS } from '../config.ts';
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
    { charts: [breadthChart, ticketsChart] },
    { charts: [trainingImpactChart, segmentPathsChart], tall: true },
  ],
  narrative: {
    lede: ({ rows }) => {
      const paths = rows(segmentPathsChart.id);
      const accounts = paths.reduce((sum, r) => sum + (num(r, 'accounts') ?? 0), 0);
      const active = paths.filter((r) => text(r, 'active_status') === ACTIVE).reduce((sum, r) => sum + (num(r, 'accounts') ?? 0), 0);
      const atRisk = paths.filter((r) => text(r, 'active_status') === INACTIVE).reduce((sum, r) => sum + (num(r, 'arr') ?? 0), 0);
      const top = paths[0];
      const training = rows(trainingImpactChart.id);
      const lift = arrLift(training, 'All plans');
      const within = PLANS.map((plan) => ({ plan, lift: arrLift(training, plan) }));
      const lifts = within.map((w) => w.lift).filter((l): l is number => l !== null);
      const mix = lift !== null && lifts.length > 0 && Math.max(...lifts) < lift;
      return [
        prose`The ${figure('panel_accounts', accounts, 'integer')} accounts of the product-telemetry panel, followed from the size of their portfolio (sites or projects managed, the ${term('portfolio-group')}) and their plan through how much they use the product to whether they are active and what they pay. ${figure('active_rate@panel', active / accounts, 'percent')} are active; the inactive ones carry ${figure('inactive_arr@panel', atRisk, 'money')} of ARR. The most common path is ${figure('top_path@panel', top ? text(top, 'path') : null, 'text')}, ${figure('top_path_share@panel', top ? num(top, 'account_share') : null, 'percent')} of accounts.`,
        prose`Trained accounts pay ${figure('training_arr_lift@plan=all', lift, 'ratio')} the mean ARR of the others; within each plan the ratio is ${within.flatMap((w, i) => [...(i ? [i === within.length - 1 ? ' and ' : ', '] : []), figure(`training_arr_lift@plan=${w.plan}`, w.lift, 'ratio'), ` (${w.plan})`])}, ${mix ? 'smaller in every plan, so part of the overall gap reflects which plans train more' : 'so the gap holds within plans'}. Either way it is an association, not the effect of training. Choose the Sankey's stages and what its links measure above it, or click a node to filter the page.`,
      ];
    },
  },
};

export default page;
