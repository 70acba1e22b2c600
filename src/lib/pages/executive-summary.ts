/** The executive summary (source 000 dashboard page 1, with source 002's KPI set). */
import { healthChart, kpiChart, regionRankingChart, regionTreemapChart, trendChart } from '../charts/executive-summary.ts';
import { prose, term } from '../narrative.ts';
import type { PageDefinition } from '../page.ts';
import { SEAT_USAGE_PARAMETERS } from '../seat-usage-filters.ts';

const page: PageDefinition = {
  slug: '',
  title: 'Executive summary',
  summary: 'Key figures, the regional market, customer health and trends by region.',
  status: 'ready',
  order: 10,
  kind: 'dashboard',
  parameters: SEAT_USAGE_PARAMETERS,
  layout: [{ charts: [kpiChart], wide: true }, { charts: [regionTreemapChart, healthChart] }, { charts: [regionRankingChart, trendChart] }],
  narrative: {
    lede: () => [
      prose`How well customers use the seats they pay for (${term('utilization-rate', 'utilization')}), region by region, and how much of what they buy they hand out (${term('assignment-rate', 'assignment')}). Every figure is computed from the published data; choose a region, size band, tenure, plan or month above, or click a region on a chart, to filter the whole page.`,
    ],
  },
};

export default page;
