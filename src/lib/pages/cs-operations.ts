/** CS operations (source 004, CS workload): planned; the navigation lists it and its page says so. */
import type { PageDefinition } from '../page.ts';

const page: PageDefinition = {
  slug: 'cs-operations',
  title: 'CS operations',
  summary: 'Predicted workload, deal scores and routing of new clients to specialists.',
  status: 'planned',
  order: 80,
  kind: 'dashboard',
  parameters: [],
  layout: [],
};

export default page;
