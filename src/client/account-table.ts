/**
 * The account table in the browser: runs the table's queries (src/lib/account-table.ts)
 * in DuckDB-WASM over `account_latest` and `account_monthly` and re-renders the rows, the header, the summary
 * and the pager in place, with the same markup functions the build used. Each query text
 * is prepared once; the search text, flag and page window are bound as parameters, and
 * the sort comes from the table's fixed list of columns.
 */
import {
  ACCOUNT_FIELDS,
  INITIAL_STATE,
  accountExportQuery,
  accountHeadHtml,
  accountRowsHtml,
  accountSummary,
  boundAccountCount,
  boundAccountPage,
  nextSort,
  normalizeSearch,
  pageCount,
  parseFlag,
  scopeInputs,
  type AccountTableState,
} from '../lib/account-table.ts';
import { toCsv } from '../lib/csv.ts';
import { type ParameterState, parametersToSearch, selected } from '../lib/parameters.ts';
import { SEAT_USAGE_PARAMETERS } from '../lib/seat-usage-filters.ts';
import { formatValue } from '../lib/format.ts';
import { type BoundQuery, bindQuery } from '../lib/query.ts';
import { num, type Row } from '../lib/rows.ts';
import type { BrowserEngine, PreparedQuery } from './duckdb.ts';
import { csvName, saveText } from './save-file.ts';

export interface AccountTable {
  /** Shows the first page of the table under new global filters (search, flag and sort stay). */
  update(filters: ParameterState): Promise<void>;
}

/** Typing pauses this long before the search runs, so a query does not run per keystroke. */
const SEARCH_DELAY_MS = 200;

function required<T extends Element>(root: ParentNode, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`The account table has no ${selector}.`);
  return element;
}

/** Makes the pre-rendered account table in `root` interactive over `engine`. */
export async function attachAccountTable(root: HTMLElement, engine: BrowserEngine): Promise<AccountTable> {
  const form = required<HTMLFormElement>(root, 'form[data-table-tools]');
  const fieldset = required<HTMLFieldSetElement>(form, 'fieldset');
  const search = required<HTMLInputElement>(form, 'input[name=search]');
  const flag = required<HTMLSelectElement>(form, 'select[name=flag]');
  const download = required<HTMLButtonElement>(form, '.download-accounts');
  const head = required<HTMLTableSectionElement>(root, 'thead');
  const body = required<HTMLTableSectionElement>(root, 'tbody');
  const summary = required<HTMLElement>(root, '[data-table-summary]');
  const pageStatus = required<HTMLElement>(root, '[data-page-status]');
  const pager = [...root.querySelectorAll<HTMLButtonElement>('button[data-page]')];

  const statements = new Map<string, Promise<PreparedQuery>>();
  async function run(bound: BoundQuery): Promise<Row[]> {
    let statement = statements.get(bound.sql);
    if (!statement) {
      statement = engine.prepare(bound.sql);
      statements.set(bound.sql, statement);
    }
    return (await statement).run(bound.params);
  }

  let filters: ParameterState = {};
  let state: AccountTableState = INITIAL_STATE;
  let counts: Row = {};
  let generation = 0;

  function paintPager(total: number): void {
    const last = pageCount(total) - 1;
    pageStatus.textContent = `Page ${formatValue(state.page + 1, 'integer')} of ${formatValue(last + 1, 'integer')}`;
    for (const button of pager) {
      const forward = button.dataset.page === 'next' || button.dataset.page === 'last';
      button.disabled = forward ? state.page >= last : state.page <= 0;
    }
  }

  /** Queries and shows `next`; `recount` when the rows in scope change (filters, search, flag). */
  async function show(next: AccountTableState, recount: boolean): Promise<void> {
    const current = ++generation;
    root.toggleAttribute('data-busy', true);
    const started = performance.now();
    const nextCounts = recount ? ((await run(boundAccountCount(filters, next)))[0] ?? {}) : counts;
    const total = num(nextCounts, 'accounts') ?? 0;
    const { query, view: settled, window } = boundAccountPage(filters, next, total);
    const rows = await run(query);
    if (current !== generation) return;
    if (window.reversed) rows.reverse();
    state = settled;
    counts = nextCounts;
    // Re-rendering the header replaces the focused sort button: focus its successor.
    const focused = document.activeElement?.closest('[data-sort]')?.getAttribute('data-sort');
    head.innerHTML = accountHeadHtml(state.sort, true);
    if (focused) head.querySelector<HTMLButtonElement>(`button[data-sort="${focused}"]`)?.focus();
    body.innerHTML = accountRowsHtml(rows);
    summary.textContent = accountSummary(counts, state, selected(filters, 'month') ?? undefined);
    summary.classList.remove('error');
    paintPager(total);
    root.dataset.shown = [
      parametersToSearch(SEAT_USAGE_PARAMETERS, filters),
      state.search ?? '',
      state.flag ?? '',
      `${state.sort.column}:${state.sort.direction}`,
      state.page,
    ].join('|');
    root.removeAttribute('data-busy');
    performance.measure('accounts:rows', { start: started, end: performance.now() });
  }

  /** Says in the summary that `what` failed; the rows shown stay. */
  function failed(what: string, error: unknown): void {
    root.removeAttribute('data-busy');
    summary.textContent = `${what} (${error instanceof Error ? error.message : String(error)}).`;
    summary.classList.add('error');
  }

  /** Runs a change the reader asked for. */
  function request(next: AccountTableState, recount: boolean): void {
    show(next, recount).catch((error: unknown) => failed('The table could not be updated', error));
  }

  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      const text = normalizeSearch(search.value);
      if (text !== state.search) request({ ...state, search: text, page: 0 }, true);
    }, SEARCH_DELAY_MS);
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  flag.addEventListener('change', () => request({ ...state, flag: parseFlag(flag.value), page: 0 }, true));
  head.addEventListener('click', (event) => {
    const column = (event.target as Element | null)?.closest('button[data-sort]')?.getAttribute('data-sort');
    const sort = column ? nextSort(state.sort, column) : null;
    if (sort) request({ ...state, sort, page: 0 }, false);
  });
  for (const button of pager) {
    button.addEventListener('click', () => {
      const last = pageCount(num(counts, 'accounts') ?? 0) - 1;
      const targets: Record<string, number> = { first: 0, previous: state.page - 1, next: state.page + 1, last };
      request({ ...state, page: targets[button.dataset.page ?? ''] ?? state.page }, false);
    });
  }
  download.addEventListener('click', () => {
    download.disabled = true;
    const label = download.textContent;
    download.textContent = 'Preparing CSV…';
    run(bindQuery(accountExportQuery(state.sort), filters, scopeInputs(state)))
      .then((rows) => saveText(csvName('accounts', parametersToSearch(SEAT_USAGE_PARAMETERS, filters)), toCsv(rows, ACCOUNT_FIELDS)))
      .catch((error: unknown) => failed('The download failed', error))
      .finally(() => {
        download.disabled = false;
        download.textContent = label;
      });
  });

  // The first query prepares the statements and checks the engine; then the controls go live.
  await show(INITIAL_STATE, true);
  fieldset.disabled = false;
  root.querySelector<HTMLElement>('[data-static-note]')?.setAttribute('hidden', '');

  return {
    async update(next) {
      filters = next;
      await show({ ...state, page: 0 }, true).catch((error: unknown) => failed('The table could not be updated', error));
    },
  };
}
