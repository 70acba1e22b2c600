/** Customer journeys (source 001, the telemetry panel): planned; the navigation lists it and its page says so. */
import type { PageDefinition } from '../page.ts';

const page: PageDefinition = {
  slug: 'journeys',
  title: 'Customer journeys',
  summary: 'Paths from seats and plan through engagement to activity and ARR.',
  status: 'planned',
  order: 50,
  kind: 'dashboard',
  parameters: [],
  layout: [],
};

export default page;
