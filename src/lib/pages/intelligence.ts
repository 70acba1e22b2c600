/** Customer intelligence (source 002, orders): planned; the navigation lists it and its page says so. */
import type { PageDefinition } from '../page.ts';

const page: PageDefinition = {
  slug: 'intelligence',
  title: 'Customer intelligence',
  summary: 'Order-based segments: high-value, discount-driven and dormant customers.',
  status: 'planned',
  order: 60,
  kind: 'dashboard',
  parameters: [],
  layout: [],
};

export default page;
