/**
 * The page's first script, kept small: reads the filters from the URL (dropping unknown
 * values with a note), wires the filter bar, cross-filtering, history and the chart tools,
 * and loads the interactive dashboard (DuckDB-WASM) when the browser is idle or at the
 * first interaction, whichever comes first.
 */
import {
  FILTER_DIMENSIONS,
  FILTER_LABELS,
  filtersToSearch,
  parseFilters,
  sameFilters,
  withFilter,
  type DroppedValue,
  type FilterDimension,
  type FilterState,
} from '../lib/filters.ts';
import { PAGE_CONTEXT_ID, type PageContext } from '../lib/page-context.ts';
import type { Dashboard } from './dashboard.ts';
import { csvName, saveText } from './save-file.ts';

const context = JSON.parse(document.getElementById(PAGE_CONTEXT_ID)?.textContent ?? '{}') as PageContext;
const bar = document.querySelector<HTMLFormElement>('[data-filter-bar]');
const fieldset = bar?.querySelector('fieldset');
const status = document.querySelector<HTMLElement>('[data-filter-status]');
const notices = document.querySelector<HTMLElement>('[data-notices]');

let filters: FilterState = {};
let dashboard: Promise<Dashboard> | null = null;
let failed = false;

function notice(kind: 'info' | 'error', message: string): void {
  const p = document.createElement('p');
  p.className = `notice ${kind}`;
  p.textContent = message;
  notices?.append(p);
}

function noteDropped(dropped: readonly DroppedValue[]): void {
  for (const { dimension, value } of dropped)
    notice('info', `Ignored the ${dimension.replace('_', ' ')} value "${value}" from the address: it is not one of the known values.`);
}

function describe(state: FilterState): string {
  const parts = FILTER_DIMENSIONS.filter((d) => state[d] !== undefined).map((d) => `${FILTER_LABELS[d]}: ${state[d]}`);
  return parts.length ? `Showing ${parts.join(' · ')}` : 'Showing all data';
}

function setStatus(text: string, busy = false): void {
  if (!status) return;
  status.textContent = text;
  status.toggleAttribute('data-busy', busy);
}

function syncControls(state: FilterState): void {
  for (const dimension of FILTER_DIMENSIONS) {
    const select = bar?.elements.namedItem(dimension);
    if (select instanceof HTMLSelectElement) select.value = state[dimension] ?? '';
  }
}

function fail(error: unknown): never {
  failed = true;
  if (fieldset) fieldset.disabled = true;
  const reason = error instanceof Error ? error.message : String(error);
  notice('error', `Interactive charts are unavailable (${reason}). The charts show the full data set as it was built; filters are switched off.`);
  setStatus('Filters unavailable');
  document.documentElement.dataset.report = 'failed';
  throw error;
}

function loadDashboard(): Promise<Dashboard> {
  // The engine starts loading at once, in parallel with the (larger) chart code.
  dashboard ??= Promise.all([import('./duckdb.ts').then(({ openBrowserEngine }) => openBrowserEngine(context.files)), import('./dashboard.ts')])
    .then(([engine, { createDashboard }]) => createDashboard(context, engine))
    .then((ready) => {
      for (const button of document.querySelectorAll<HTMLButtonElement>('.download-csv')) button.hidden = false;
      document.documentElement.dataset.report = 'ready';
      performance.mark('report:ready');
      return ready;
    })
    .catch(fail);
  return dashboard;
}

async function show(state: FilterState, history: 'push' | 'keep'): Promise<void> {
  filters = state;
  if (history === 'push') window.history.pushState(null, '', `${location.pathname}${filtersToSearch(state)}`);
  syncControls(state);
  if (failed) return;
  setStatus('Updating…', true);
  const started = performance.now();
  const ready = await loadDashboard();
  const current = await ready.render(state);
  if (!current) return;
  performance.measure('report:filter', { start: started, end: performance.now() });
  setStatus(describe(state));
  document.documentElement.dataset.filters = filtersToSearch(state);
}

function onSelect(event: Event): void {
  const select = event.target;
  if (!(select instanceof HTMLSelectElement)) return;
  void show(withFilter(filters, select.name as FilterDimension, select.value || null), 'push');
}

/** Clicking a tagged mark sets its filter; clicking it again clears it. */
function onMark(event: Event): void {
  const mark = (event.target as Element | null)?.closest?.('[data-filter]');
  if (!mark || failed) return;
  if (event instanceof KeyboardEvent && event.key !== 'Enter' && event.key !== ' ') return;
  event.preventDefault();
  const dimension = mark.getAttribute('data-filter') as FilterDimension;
  const value = mark.getAttribute('data-value');
  void show(withFilter(filters, dimension, filters[dimension] === value ? null : value), 'push');
}

function start(): void {
  const parsed = parseFilters(location.search, context.allowed);
  noteDropped(parsed.dropped);
  if (fieldset) fieldset.disabled = false;
  setStatus(describe(parsed.state));
  bar?.addEventListener('change', onSelect);
  bar?.addEventListener('reset', (event) => {
    event.preventDefault();
    void show({}, 'push');
  });
  bar?.addEventListener('pointerdown', () => void loadDashboard(), { once: true });
  bar?.addEventListener('focusin', () => void loadDashboard(), { once: true });
  document.addEventListener('click', onMark);
  document.addEventListener('keydown', onMark);
  document.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest?.('.download-csv');
    const chartId = button?.closest('[data-chart]')?.getAttribute('data-chart');
    if (chartId) void loadDashboard().then(async (ready) => saveText(csvName(chartId, filtersToSearch(filters)), await ready.csv(chartId, filters)));
  });
  window.addEventListener('popstate', () => {
    const next = parseFilters(location.search, context.allowed).state;
    if (!sameFilters(next, filters)) void show(next, 'keep');
  });
  if (Object.keys(parsed.state).length) void show(parsed.state, 'keep');
  else if ('requestIdleCallback' in window) requestIdleCallback(() => void loadDashboard(), { timeout: 2000 });
  else setTimeout(() => void loadDashboard(), 200);
}

start();
