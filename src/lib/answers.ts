/**
 * A page's answers: every chart's rows under the page's default state and under each state one
 * choice away from it (one category value or option of one parameter changed), computed at build
 * time by the same queries the browser runs (src/build/answers.ts). The page fetches them after its
 * first paint and answers a reader's first change from them while DuckDB-WASM is still starting;
 * any other state waits for the engine.
 */
import { bindOptions } from './charts/chart.ts';
import { type PageDefinition, pageCharts } from './page.ts';
import { type AllowedValues, type ParameterState, defaultState, neighbourStates } from './parameters.ts';
import { type BoundQuery, type BoundValue, bindQuery } from './query.ts';
import type { Row } from './rows.ts';

/** The file's shape: each query's text once, then its values and rows for every answer. */
export interface PageAnswers {
  readonly queries: readonly string[];
  readonly answers: readonly (readonly [query: number, params: readonly BoundValue[], rows: readonly Row[]])[];
}

/**
 * The most characters of JSON a page's answers may hold (about 70 KB gzip), so that what the first
 * change saves is not spent fetching them: a page whose answers would be larger ships none.
 */
export const ANSWERS_BUDGET = 600_000;

/** The URL of a page's answers below the site's base path. */
export function answersHref(base: string, pageId: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}answers/${pageId}.json`;
}

/** The states a page answers ahead: its default state first, then each state one choice away. */
export function answeredStates(page: PageDefinition, allowed: AllowedValues): ParameterState[] {
  const initial = defaultState(page.parameters);
  return [initial, ...neighbourStates(page.parameters, allowed, initial)];
}

/**
 * Runs every chart's query for each answered state (each distinct query and values once), or
 * returns null as soon as the answers pass `budget` characters of JSON.
 */
export async function collectAnswers(
  page: PageDefinition,
  allowed: AllowedValues,
  run: (query: BoundQuery) => Promise<readonly Row[]>,
  budget: number = ANSWERS_BUDGET,
): Promise<PageAnswers | null> {
  const queries: string[] = [];
  const answers: [number, readonly BoundValue[], readonly Row[]][] = [];
  const seen = new Set<string>();
  let size = 0;
  for (const state of answeredStates(page, allowed)) {
    for (const chart of pageCharts(page)) {
      const bound = bindQuery(chart.query, state, {}, bindOptions(chart));
      const key = JSON.stringify([bound.sql, bound.params]);
      if (seen.has(key)) continue;
      seen.add(key);
      let query = queries.indexOf(bound.sql);
      if (query < 0) {
        query = queries.push(bound.sql) - 1;
        size += bound.sql.length;
      }
      const rows = await run(bound);
      size += JSON.stringify([query, bound.params, rows]).length;
      if (size > budget) return null;
      answers.push([query, bound.params, rows]);
    }
  }
  return { queries, answers };
}
