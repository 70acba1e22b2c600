/// <reference types="astro/client" />

declare module 'virtual:report/pages' {
  import type { PageDefinition } from './lib/page.ts';
  /** Every page definition with its id (its file name), in file order. */
  export const pages: readonly { readonly id: string; readonly definition: PageDefinition }[];
}

declare module 'virtual:report/page-loaders' {
  import type { PageDefinition } from './lib/page.ts';
  /** A lazy import of each page's definition module, by page id. */
  export const loaders: Readonly<Record<string, () => Promise<{ default: PageDefinition }>>>;
}
