/** The client's page context, built from a page definition and the manifest. */
import { answersHref } from '../lib/answers.ts';
import { dataFileHref, pageTables } from '../lib/page.ts';
import type { PageContext } from '../lib/page-context.ts';
import type { AllowedValues, Parameter } from '../lib/parameters.ts';
import { type Manifest, manifestTable } from '../lib/published.ts';
import type { RegisteredPage } from './pages.ts';

/** The allowed values of each category parameter, from the manifest's categories of its source. */
export function allowedValues(manifest: Manifest, parameters: readonly Parameter[]): AllowedValues {
  return Object.fromEntries(
    parameters.flatMap((parameter) => {
      if (parameter.kind !== 'category') return [];
      const values = manifest.categories[parameter.source.dataset]?.[parameter.source.column];
      if (!values) throw new Error(`The manifest lists no values for ${parameter.source.dataset}.${parameter.source.column} (parameter ${parameter.name}).`);
      return [[parameter.name, values] as const];
    }),
  );
}

/** `withAnswers`: whether the page ships its answers to a first change (src/build/answers.ts). */
export function pageContext(page: RegisteredPage, base: string, manifest: Manifest, withAnswers: boolean): PageContext {
  return {
    base,
    page: page.id,
    parameters: page.definition.parameters,
    allowed: allowedValues(manifest, page.definition.parameters),
    files: Object.fromEntries(
      pageTables(page.definition).map((name) => {
        const entry = manifestTable(manifest, name);
        return [name, { url: dataFileHref(base, entry.file), bytes: entry.bytes }];
      }),
    ),
    answers: withAnswers ? answersHref(base, page.id) : null,
  };
}
