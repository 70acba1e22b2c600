/**
 * A page's answers: the rows of every query its charts and blocks run under the page's default
 * state and under each state one choice away from it (one category value or option of one
 * parameter changed), and, under the default state, those of each view of a block one click
 * away (the account table's sorts and pages), computed at build time by the same queries the
 * browser runs (src/build/answers.ts). The page fetches them after its first paint and answers a
 * reader's first change from them while DuckDB-WASM is still starting; anything else waits for
 * the engine.
 */
import { askAccountTable } from './account-table.ts';
import { bindOptions } from './charts/chart.ts';
import { type Block, type PageDefinition, pageBlocks, pageCharts } from './page.ts';
import { type AllowedValues, type ParameterState, defaultState, neighbourStates } from './parameters.ts';
import { type BoundQuery, type BoundValue, bindQuery } from './query.ts';
import type { Cell, Row } from './rows.ts';

/** One query's answer: its text (an index into `queries`), its values, and its rows as columns and values. */
export type Answer = readonly [query: number, params: readonly BoundValue[], columns: readonly string[], values: readonly (readonly Cell[])[]];

/** The file's shape: each query's text once, then its answers. */
export interface PageAnswers {
  readonly queries: readonly string[];
  readonly answers: readonly Answer[];
}

/**
 * The most characters of JSON a page's answers may hold. On this report's pages that is at most
 * about 500 KB gzip, against the engine's own 4.3 MB gzip, so they arrive long before it on any
 * connection. A page whose answers would be larger ships none.
 */
export const ANSWERS_BUDGET = 2_500_000;

/** The URL of a page's answers below the site's base path. */
export function answersHref(base: string, pageId: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}answers/${pageId}.json`;
}

/** Runs a query and returns its rows (at build time, or through the answers being collected). */
export type Ask = (query: BoundQuery) => Promise<readonly Row[]>;

/** Each block's queries under a state (`initial`: the page's default one), asked through `ask`. */
const BLOCK_QUESTIONS: Readonly<Record<Block, (state: ParameterState, initial: boolean, ask: Ask) => Promise<void>>> = {
  'account-table': askAccountTable,
};

/** The states a page answers ahead: its default state first, then each state one choice away. */
export function answeredStates(page: PageDefinition, allowed: AllowedValues): ParameterState[] {
  const initial = defaultState(page.parameters);
  return [initial, ...neighbourStates(page.parameters, allowed, initial)];
}

/** An answer's rows. */
export function answerRows([, , columns, values]: Answer): Row[] {
  return values.map((cells) => Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? null])));
}

class OverBudget extends Error {}

/**
 * Runs every query of the page's charts and blocks for each answered state (each distinct query
 * and values once), or returns null as soon as the answers pass `budget` characters of JSON.
 */
export async function collectAnswers(page: PageDefinition, allowed: AllowedValues, run: Ask, budget: number = ANSWERS_BUDGET): Promise<PageAnswers | null> {
  const queries: string[] = [];
  const answers: Answer[] = [];
  const asked = new Map<string, readonly Row[]>();
  let size = 0;
  const ask: Ask = async (bound) => {
    const key = JSON.stringify([bound.sql, bound.params]);
    const kept = asked.get(key);
    if (kept) return kept;
    const rows = await run(bound);
    asked.set(key, rows);
    let query = queries.indexOf(bound.sql);
    if (query < 0) {
      query = queries.push(bound.sql) - 1;
      size += bound.sql.length;
    }
    const columns = Object.keys(rows[0] ?? {});
    const answer: Answer = [query, bound.params, columns, rows.map((row) => columns.map((column) => row[column] ?? null))];
    size += JSON.stringify(answer).length;
    if (size > budget) throw new OverBudget();
    answers.push(answer);
    return rows;
  };
  try {
    for (const [i, state] of answeredStates(page, allowed).entries()) {
      for (const chart of pageCharts(page)) await ask(bindQuery(chart.query, state, {}, bindOptions(chart)));
      for (const block of pageBlocks(page)) await BLOCK_QUESTIONS[block](state, i === 0, ask);
    }
  } catch (error) {
    if (error instanceof OverBudget) return null;
    throw error;
  }
  return { queries, answers };
}
