/**
 * CS operations (source 004, SPEC 4.8): how many interactions a deal will need (a Poisson
 * model, checked on later deals against a baseline), the deal and portfolio scores, the
 * routing of new clients with its justification under weights a reader moves, and the
 * specialists' monthly performance.
 */
import {
  WEIGHT_PARAMETERS,
  csBandsChart,
  csHeatmapChart,
  csKpiChart,
  csModelFitChart,
  csPortfolioTrendChart,
  csRateRatioChart,
  csRoutingChart,
  csTopClientsChart,
  csUsersBoxChart,
  csWorkloadChart,
} from '../charts/cs-operations.ts';
import { routingOf, termLabel } from '../charts/cs-operations.ts';
import { csPerformanceKpiChart, csPerformanceMonthlyChart, csRankingChart, csTrendChart } from '../charts/cs-performance.ts';
import { figure, prose, strong, term } from '../narrative.ts';
import type { PageDefinition } from '../page.ts';
import type { Parameter } from '../parameters.ts';
import { num, type Row, text } from '../rows.ts';

const parameters: readonly Parameter[] = [
  ...WEIGHT_PARAMETERS,
  { kind: 'category', name: 'cs', label: 'Specialist', source: { dataset: 'cs_performance', column: 'cs_name' } },
  { kind: 'category', name: 'month', label: 'Month', source: { dataset: 'cs_performance', column: 'month' } },
];

const page: PageDefinition = {
  slug: 'cs-operations',
  title: 'CS operations',
  summary: 'Predicted workload, deal scores and routing of new clients to specialists.',
  status: 'ready',
  order: 80,
  kind: 'dashboard',
  parameters,
  layout: [
    { charts: [csKpiChart], wide: true },
    { charts: [csWorkloadChart, csPortfolioTrendChart] },
    { charts: [csRoutingChart], wide: true },
    { charts: [csModelFitChart, csRateRatioChart] },
    { charts: [csBandsChart, csUsersBoxChart] },
    { charts: [csTopClientsChart], wide: true },
    { charts: [csHeatmapChart], wide: true },
    { charts: [csPerformanceKpiChart], wide: true },
    { charts: [csPerformanceMonthlyChart], wide: true },
    // The ranking's eight columns need the row to themselves; the trend's 16 lines read better wide too.
    { charts: [csRankingChart], wide: true },
    { charts: [csTrendChart], wide: true },
  ],
  narrative: {
    lede: ({ rows }) => {
      const fit = rows(csModelFitChart.id);
      const model: Row = fit.find((r) => r.predictor === 'model') ?? {};
      const baseline: Row = fit.find((r) => r.predictor === 'baseline') ?? {};
      const terms = rows(csRateRatioChart.id);
      const users = num(terms.find((r) => r.term === 'log_n_users') ?? {}, 'coefficient');
      const categorical = terms.filter((r) => text(r, 'term')?.includes('='));
      const strongest: Row = [...categorical].sort((a, b) => Math.abs(num(b, 'coefficient') ?? 0) - Math.abs(num(a, 'coefficient') ?? 0))[0] ?? {};
      const routing = routingOf(rows(csKpiChart.id), {});
      const assigned = routing.assignments.filter((a) => a.winner !== null).length;
      const { routed, historical } = routing.imbalance;
      const quasi = text(model, 'family') === 'quasipoisson';
      if (!fit.length) return [prose`The deals are too few to fit the interaction model, so no deal has a predicted workload yet.`];
      return [
        prose`How many emails and activities will a new client need? A ${strong('Poisson model')} of each deal's interactions on its users to onboard, country, product scope and contract category was fitted on the ${figure('train_rows', num(model, 'train_rows'), 'integer')} earliest completed deals and checked on the ${figure('test_rows', num(model, 'test_rows'), 'integer')} later ones. On those it misses by ${figure('mae@model', num(model, 'mae'), 'decimal')} interactions on average, against ${figure('mae@baseline', num(baseline, 'mae'), 'decimal')} for a baseline that predicts the train mean for every deal (mean Poisson deviance ${figure('deviance@model', num(model, 'mean_deviance'), 'decimal')} against ${figure('deviance@baseline', num(baseline, 'mean_deviance'), 'decimal')}). ${quasi ? 'The counts vary more than a Poisson model assumes (dispersion ' : 'The counts vary about as a Poisson model assumes (dispersion '}${figure('dispersion', num(model, 'dispersion'), 'decimal')}${quasi ? '), so the intervals are widened by it (quasi-Poisson).' : ').'}`,
        prose`Interactions grow with the users to onboard: twice the users go with ${figure('doubling', users === null ? null : 2 ** users, 'factor')} the interactions, other things equal. The largest difference between levels is ${figure('strongest_term', termLabel(text(strongest, 'term') ?? '', text(strongest, 'reference')), 'text')}: ${figure('strongest_ratio', num(strongest, 'rate_ratio'), 'factor')} the interactions. These are associations in past deals, which is what a workload forecast needs.`,
        prose`Each deal gets a ${term('deal-score', 'deal score')} from its predicted interactions and its users to onboard, and each specialist a ${term('portfolio-score', 'portfolio score')}, the sum over their open deals. Routing the ${figure('new_clients', routing.assignments.length, 'integer')} newest clients one by one to the least-loaded specialist who speaks their language and covers their product scope assigns ${figure('assigned', assigned, 'integer')} of them, and the coefficient of variation of the portfolio scores is ${figure('cv@routed', routed.cv, 'auc')}, against ${figure('cv@historical', historical.cv, 'auc')} with the specialists these clients actually got; the largest portfolio is ${figure('max_min@routed', routed.maxMin, 'factor')} the smallest, against ${figure('max_min@historical', historical.maxMin, 'factor')}. Move the weights above to re-score the deals and re-route the clients.`,
      ];
    },
  },
};

export default page;
