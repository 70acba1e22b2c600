/** The data page: the catalogue of published data sets, the data-quality report and the glossary. */
import type { PageDefinition } from '../page.ts';

const page: PageDefinition = {
  slug: 'data',
  title: 'Data',
  summary: 'The published data sets, the data-quality report and the glossary.',
  status: 'ready',
  order: 90,
  kind: 'document',
  parameters: [],
  layout: [],
};

export default page;
