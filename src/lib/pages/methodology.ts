/** The methodology (source 000's twelve steps): a document with its own routes, one page per step. */
import { METHODOLOGY_CHARTS } from '../methodology/steps.ts';
import type { PageDefinition } from '../page.ts';

const page: PageDefinition = {
  slug: 'methodology',
  title: 'Methodology',
  summary: 'The twelve steps from raw seat data to risk thresholds, each with its evidence.',
  status: 'ready',
  order: 20,
  kind: 'document',
  parameters: [],
  layout: [],
  documentCharts: METHODOLOGY_CHARTS,
};

export default page;
