/** The page definitions at build time (and in tests), in navigation order. */
import { pages } from 'virtual:report/pages';
import type { PageDefinition } from '../lib/page.ts';

export interface RegisteredPage {
  /** The definition's file name: the key of its lazy module in the browser. */
  readonly id: string;
  readonly definition: PageDefinition;
}

/** Every page, lowest `order` first. */
export const PAGES: readonly RegisteredPage[] = [...pages].sort((a, b) => a.definition.order - b.definition.order);

for (const [i, page] of PAGES.entries()) {
  const clash = PAGES.findIndex((other) => other.definition.slug === page.definition.slug);
  if (clash !== i) throw new Error(`The pages ${PAGES[clash]!.id} and ${page.id} share the slug "${page.definition.slug}".`);
}

/** The page with this slug; throws for an unknown one. */
export function pageBySlug(slug: string): RegisteredPage {
  const page = PAGES.find((p) => p.definition.slug === slug);
  if (!page) throw new Error(`No page has the slug "${slug}".`);
  return page;
}
