/** The glossary as the build writes terms: each links to its one definition on the data page. */
import { glossaryEntry, glossaryHref } from '../lib/glossary.ts';
import type { GlossaryLinks } from '../lib/narrative.ts';

/** Links and names of glossary entries under the site's base path. */
export function glossaryLinks(base: string): GlossaryLinks {
  return { href: (id) => glossaryHref(base, id), name: (id) => glossaryEntry(id).term };
}
