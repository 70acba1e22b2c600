/**
 * The report's pages (SPEC section 4), in navigation order. A page not built yet is listed
 * as planned: the navigation marks it so and its page says so plainly.
 */

export interface SitePage {
  /** Path below the base, without slashes ("" is the home page). */
  readonly slug: string;
  readonly title: string;
  /** One sentence on what the page answers. */
  readonly summary: string;
  readonly status: 'ready' | 'planned';
}

export const PAGES: readonly SitePage[] = [
  { slug: '', title: 'Executive summary', summary: 'Key figures, the regional market, customer health and trends by region.', status: 'ready' },
  { slug: 'methodology', title: 'Methodology', summary: 'The twelve steps from raw seat data to risk thresholds, each with its evidence.', status: 'ready' },
  { slug: 'segmentation', title: 'Segmentation', summary: 'How size, tenure and plan shape assignment and utilization.', status: 'ready' },
  { slug: 'risk', title: 'Risk and opportunity', summary: 'Which accounts are at risk or ready to expand, down to the account.', status: 'ready' },
  { slug: 'journeys', title: 'Customer journeys', summary: 'Paths from seats and plan through engagement to activity and ARR.', status: 'planned' },
  {
    slug: 'intelligence',
    title: 'Customer intelligence',
    summary: 'Order-based segments: high-value, discount-driven and dormant customers.',
    status: 'planned',
  },
  { slug: 'account-health', title: 'Account health', summary: 'A transparent health score, retention risk and the account drill-down.', status: 'planned' },
  { slug: 'cs-operations', title: 'CS operations', summary: 'Predicted workload, deal scores and routing of new clients to specialists.', status: 'planned' },
  { slug: 'data', title: 'Data', summary: 'The published data sets, the data-quality report and the glossary.', status: 'ready' },
];

/** A page's URL below the site's base path. */
export function pageHref(base: string, slug: string): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  return slug ? `${root}${slug}/` : root;
}

/** A published data file's URL below the site's base path. */
export function dataFileHref(base: string, file: string): string {
  return `${pageHref(base, '')}data/${file}`;
}
