/** Each interactive page's answers (src/lib/answers.ts), worked out once per build for the page's context and its file. */
import { type PageAnswers, collectAnswers } from '../lib/answers.ts';
import { isInteractive } from '../lib/page.ts';
import type { Manifest } from '../lib/published.ts';
import { runQuery } from './duckdb-node.ts';
import { allowedValues } from './page-context.ts';
import type { RegisteredPage } from './pages.ts';

const worked = new Map<string, Promise<PageAnswers | null>>();

/** The page's answers, or null for a page that is not interactive or whose answers pass the budget. */
export function pageAnswers(page: RegisteredPage, manifest: Manifest): Promise<PageAnswers | null> {
  let answers = worked.get(page.id);
  if (!answers) {
    answers = isInteractive(page.definition)
      ? collectAnswers(page.definition, allowedValues(manifest, page.definition.parameters), runQuery)
      : Promise.resolve(null);
    worked.set(page.id, answers);
  }
  return answers;
}
