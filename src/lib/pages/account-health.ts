/**
 * Account health (source 003, SPEC 4.7): a transparent health score, whether it predicts
 * next month's churn, what drives it, and where the red accounts and their ARR sit.
 */
import {
  HEALTH_CATEGORIES,
  HEALTH_FILTERS,
  bandOutcomeChart,
  categoryChart,
  componentImpactChart,
  decileOutcomeChart,
  healthKpiChart,
  lifecycleChart,
  scoreRecipeChart,
} from '../charts/account-health.ts';
import {
  accountComponentsChart,
  accountHistoryChart,
  accountSummaryChart,
  accountTrendChart,
  findAccountChart,
  lowestAccountsChart,
} from '../charts/account-page.ts';
import { DRILL, drillTableChart, drillTreemapChart } from '../charts/health-drill.ts';
import { HEALTH_BANDS } from '../health.ts';
import { figure, prose, strong, term } from '../narrative.ts';
import type { PageDefinition } from '../page.ts';
import type { CategoryParameter, Parameter } from '../parameters.ts';
import { num, type Row, text } from '../rows.ts';

const LABELS: Readonly<Record<string, string>> = {
  region: 'Region',
  size_band: 'Size band',
  plan: 'Plan',
  month: 'Month',
  industry: 'Industry',
  lifecycle_stage: 'Lifecycle stage',
};

const parameters: readonly Parameter[] = [
  ...HEALTH_FILTERS.map(
    (name): CategoryParameter => ({ kind: 'category', name, label: LABELS[name] ?? name, source: { dataset: 'health_cube', column: name } }),
  ),
  { kind: 'choice', name: 'category', label: 'Categories', options: HEALTH_CATEGORIES, default: 'industry' },
  { kind: 'text', name: 'find', label: 'Find an account (name or id)', maxLength: 60 },
  { kind: 'id', name: 'account', label: 'Account', source: { dataset: 'accounts', column: 'account_id' } },
  DRILL,
];

const [RED, , GREEN] = HEALTH_BANDS as [string, string, string];

const page: PageDefinition = {
  slug: 'account-health',
  title: 'Account health',
  summary: 'A transparent health score, whether it predicts churn, and where the red accounts sit.',
  status: 'ready',
  order: 70,
  kind: 'dashboard',
  parameters,
  layout: [
    { charts: [healthKpiChart], wide: true },
    { charts: [findAccountChart, lowestAccountsChart] },
    { charts: [accountSummaryChart], wide: true },
    { charts: [accountTrendChart, accountComponentsChart] },
    { charts: [accountHistoryChart], wide: true },
    { charts: [drillTreemapChart, drillTableChart], tall: true },
    { charts: [scoreRecipeChart], wide: true },
    { charts: [bandOutcomeChart, decileOutcomeChart] },
    { charts: [componentImpactChart, lifecycleChart] },
    { charts: [categoryChart], wide: true },
  ],
  narrative: {
    lede: ({ rows }) => {
      const months = rows(healthKpiChart.id);
      const latest: Row = months[months.length - 1] ?? {};
      const accounts = num(latest, 'accounts');
      const share = (band: string) => (accounts ? (num(latest, `accounts_${band.toLowerCase()}`) ?? 0) / accounts : null);
      const bands = rows(bandOutcomeChart.id);
      const band = (label: string): Row => bands.find((r) => text(r, 'band') === label) ?? {};
      const auc = rows(scoreRecipeChart.id);
      const aucOf = (measure: string) => num(auc.find((r) => text(r, 'measure') === measure) ?? {}, 'auc');
      const [scoreAuc, utilizationAuc] = [aucOf('score'), aucOf('utilization')];
      const comparison =
        scoreAuc === null || utilizationAuc === null
          ? ''
          : Math.abs(scoreAuc - utilizationAuc) < 0.01
            ? 'about as well as utilization does alone, so in this data the other components add little to the ranking; they stay in the score because they say why an account is weak, and their own associations are shown below'
            : scoreAuc > utilizationAuc
              ? 'better than utilization alone'
              : 'less well than utilization alone: the other components blur it, and the weights should be revisited';
      const categories = rows(categoryChart.id).filter((r) => text(r, 'band') === RED);
      const redArr = categories.reduce((sum, r) => sum + (num(r, 'arr') ?? 0), 0);
      const topRed = [...categories].sort((a, b) => (num(b, 'arr') ?? 0) - (num(a, 'arr') ?? 0))[0] ?? {};
      return [
        prose`Every account gets a ${strong(term('health-score', 'health score'))} out of a hundred each month, built from components with the weights and steps in the table below, so a reader can see how each number was generated. In ${figure('month', text(latest, 'month'), 'text')}, ${figure(`share@${GREEN}`, share(GREEN), 'percent')} of ${figure('accounts', accounts, 'integer')} accounts are ${GREEN.toLowerCase()} and ${figure(`share@${RED}`, share(RED), 'percent')} ${RED.toLowerCase()}, holding ${figure('arr_red', num(latest, 'arr_red'), 'money')} of ARR.`,
        prose`Does it predict? Of ${RED.toLowerCase()} account months, ${figure(`churn@${RED}`, num(band(RED), 'churn_rate'), 'percent')} were followed by churn the next month (95% interval ${figure(`churn_low@${RED}`, num(band(RED), 'churn_rate_low'), 'percent')} to ${figure(`churn_high@${RED}`, num(band(RED), 'churn_rate_high'), 'percent')}), against ${figure(`churn@${GREEN}`, num(band(GREEN), 'churn_rate'), 'percent')} of ${GREEN.toLowerCase()} ones (${figure(`churn_low@${GREEN}`, num(band(GREEN), 'churn_rate_low'), 'percent')} to ${figure(`churn_high@${GREEN}`, num(band(GREEN), 'churn_rate_high'), 'percent')}). The score ranks next month's churners with an AUC of ${figure('auc@score', scoreAuc, 'auc')} (one half is chance), ${comparison} (AUC ${figure('auc@utilization', utilizationAuc, 'auc')}). These are associations over the data's months, with weights set by hand rather than fitted to them.`,
        prose`By industry, ${figure('red_arr_industry', text(topRed, 'category'), 'text')} holds the most ARR in ${RED.toLowerCase()} accounts: ${figure('red_arr_industry_arr', num(topRed, 'arr'), 'money')} of ${figure('red_arr', redArr, 'money')}. Filter by region, size band, plan, industry or lifecycle stage above; the validation charts use every account month with a next one, whatever the filters. A sharp fall of the score in a month raises an account's ${term('retention-risk', 'retention risk')} by one level.`,
      ];
    },
  },
};

export default page;
