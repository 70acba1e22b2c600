/** Segmentation (source 000 dashboard page 2): size bands and tenure against assignment and utilization. */
import { lifecycleJourneyChart, performanceMatrixChart, sizeBandGapChart, sizeBandTreemapChart } from '../charts/segmentation.ts';
import { prose, term } from '../narrative.ts';
import type { PageDefinition } from '../page.ts';
import { SEAT_USAGE_PARAMETERS } from '../seat-usage-filters.ts';

const page: PageDefinition = {
  slug: 'segmentation',
  title: 'Segmentation',
  summary: 'How size, tenure and plan shape assignment and utilization.',
  status: 'ready',
  order: 30,
  kind: 'dashboard',
  parameters: SEAT_USAGE_PARAMETERS,
  layout: [{ charts: [sizeBandGapChart, sizeBandTreemapChart] }, { charts: [lifecycleJourneyChart, performanceMatrixChart] }],
  narrative: {
    lede: () => [
      prose`Do bigger customers use a smaller share of what they buy (${term('assignment-rate', 'assignment')} and ${term('utilization-rate', 'utilization')}), and does use fade with tenure? Each chart shows every ${term('size-band', 'size band')} or ${term('tenure-segment', 'tenure segment')} and applies the other filters; a selected band is highlighted. Click a band or a tenure point to filter the whole page by it.`,
    ],
  },
};

export default page;
