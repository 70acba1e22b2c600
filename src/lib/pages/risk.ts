/** Risk and opportunity (source 000 dashboard page 3, source 002 page 3): who needs customer success now. */
import { ACCOUNT_TABLE_TABLES } from '../account-table.ts';
import { accountRevenueRiskChart, actionListChart, churnRiskBandsChart, healthUrgencyChart, regionRiskChart, riskEvolutionChart } from '../charts/risk.ts';
import { threshold } from '../methodology/figures.ts';
import { prose, strong, term } from '../narrative.ts';
import type { PageDefinition } from '../page.ts';
import { SEAT_USAGE_PARAMETERS } from '../seat-usage-filters.ts';

const page: PageDefinition = {
  slug: 'risk',
  title: 'Risk and opportunity',
  summary: 'Which accounts are at risk or ready to expand, down to the account.',
  status: 'ready',
  order: 40,
  kind: 'dashboard',
  parameters: SEAT_USAGE_PARAMETERS,
  layout: [
    { charts: [healthUrgencyChart, regionRiskChart] },
    { charts: [riskEvolutionChart, accountRevenueRiskChart] },
    { charts: [actionListChart, churnRiskBandsChart] },
    { block: 'account-table' },
  ],
  tables: ACCOUNT_TABLE_TABLES,
  narrative: {
    lede: () => [
      prose`Which customers need customer success now, and where? An account is ${strong(term('at-risk', 'at risk'))} when it uses fewer than ${threshold('atRiskBelow')} of its assigned seats, an ${strong(term('expansion-candidate', 'expansion candidate'))} above ${threshold('expansionAbove')}, and a ${strong(term('high-performer', 'high performer'))} when both assignment and utilization reach ${threshold('highPerformerMin')}. Its ${strong(term('account-churn-risk', 'churn risk'))} is how often accounts that used their seats as it does churned the following month. The regional charts count usage rows (one per account and product); the action list and the account table count accounts, with each account's seats summed over its products before the thresholds apply. Click a region on a chart to filter the whole page by it.`,
    ],
  },
};

export default page;
