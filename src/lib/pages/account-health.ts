/** Account health (source 003, account health): planned; the navigation lists it and its page says so. */
import type { PageDefinition } from '../page.ts';

const page: PageDefinition = {
  slug: 'account-health',
  title: 'Account health',
  summary: 'A transparent health score, retention risk and the account drill-down.',
  status: 'planned',
  order: 70,
  kind: 'dashboard',
  parameters: [],
  layout: [],
};

export default page;
