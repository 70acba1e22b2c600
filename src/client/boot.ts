/**
 * The page's first script, kept small: reads the page's parameters from the URL (dropping
 * invalid values with a note), wires the filter bar, cross-filtering, history and the chart
 * tools, and loads the interactive dashboard (DuckDB-WASM and this page's chart module)
 * when the browser is idle or at the first interaction, whichever comes first.
 */
import { loaders } from 'virtual:report/page-loaders';
import { PAGE_CONTEXT_ID, type PageContext } from '../lib/page-context.ts';
import {
  type DroppedValue,
  type Parameter,
  type ParameterState,
  defaultState,
  describeState,
  droppedNote,
  parametersToSearch,
  parseParameters,
  parseValue,
  sameState,
  valueText,
  withValue,
} from '../lib/parameters.ts';
import type { Dashboard } from './dashboard.ts';
import { csvName, saveText } from './save-file.ts';

const context = JSON.parse(document.getElementById(PAGE_CONTEXT_ID)?.textContent ?? '{}') as PageContext;
const parameters: readonly Parameter[] = context.parameters;
const bar = document.querySelector<HTMLFormElement>('[data-filter-bar]');
const fieldset = bar?.querySelector('fieldset');
const status = document.querySelector<HTMLElement>('[data-filter-status]');
const notices = document.querySelector<HTMLElement>('[data-notices]');

let state: ParameterState = defaultState(parameters);
let dashboard: Promise<Dashboard> | null = null;
let failed = false;

function notice(kind: 'info' | 'error', message: string): void {
  const p = document.createElement('p');
  p.className = `notice ${kind}`;
  p.textContent = message;
  notices?.append(p);
}

function noteDropped(dropped: readonly DroppedValue[]): void {
  for (const value of dropped) notice('info', droppedNote(value));
}

function setStatus(text: string, busy = false): void {
  if (!status) return;
  status.textContent = text;
  status.toggleAttribute('data-busy', busy);
}

function syncControls(next: ParameterState): void {
  for (const parameter of parameters) {
    const control = bar?.elements.namedItem(parameter.name);
    const value = next[parameter.name];
    if (control instanceof HTMLSelectElement || control instanceof HTMLInputElement) control.value = value === undefined ? '' : valueText(value);
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
  const load = loaders[context.page];
  // The engine starts loading at once, in parallel with the (larger) chart code.
  dashboard ??= Promise.all([
    import('./duckdb.ts').then(({ openBrowserEngine }) => openBrowserEngine(context.files)),
    import('./dashboard.ts'),
    load ? load() : Promise.reject(new Error(`no page module ${context.page}`)),
  ])
    .then(([engine, { createDashboard }, page]) => createDashboard(engine, page.default))
    .then((ready) => {
      for (const button of document.querySelectorAll<HTMLButtonElement>('.download-csv')) button.hidden = false;
      document.documentElement.dataset.report = 'ready';
      performance.mark('report:ready');
      return ready;
    })
    .catch(fail);
  return dashboard;
}

async function show(next: ParameterState, history: 'push' | 'keep'): Promise<void> {
  state = next;
  if (history === 'push') window.history.pushState(null, '', `${location.pathname}${parametersToSearch(parameters, next)}`);
  syncControls(next);
  if (failed) return;
  setStatus('Updating…', true);
  const started = performance.now();
  const ready = await loadDashboard();
  // Ids are checked against the data before any query uses them.
  const checked = await ready.checkIds(next);
  if (checked.dropped.length) {
    noteDropped(checked.dropped);
    state = checked.state;
    window.history.replaceState(null, '', `${location.pathname}${parametersToSearch(parameters, state)}`);
    syncControls(state);
  }
  const current = await ready.render(state);
  if (!current) return;
  performance.measure('report:filter', { start: started, end: performance.now() });
  setStatus(describeState(parameters, state));
  document.documentElement.dataset.filters = parametersToSearch(parameters, state);
}

function onControl(event: Event): void {
  const control = event.target;
  if (!(control instanceof HTMLSelectElement || control instanceof HTMLInputElement)) return;
  const parameter = parameters.find((p) => p.name === control.name);
  if (!parameter) return;
  if (control.value === '') {
    void show(withValue(state, parameter.name, parameter.kind === 'number' ? parameter.default : null), 'push');
    return;
  }
  const parsed = parseValue(parameter, control.value, context.allowed);
  if ('value' in parsed) void show(withValue(state, parameter.name, parsed.value), 'push');
  else {
    noteDropped([{ name: parameter.name, label: parameter.label, value: control.value.slice(0, 40), reason: parsed.reason }]);
    syncControls(state);
  }
}

/** Clicking a tagged mark sets its parameter; clicking it again clears it. */
function onMark(event: Event): void {
  const mark = (event.target as Element | null)?.closest?.('[data-filter]');
  if (!mark || failed) return;
  if (event instanceof KeyboardEvent && event.key !== 'Enter' && event.key !== ' ') return;
  event.preventDefault();
  const name = mark.getAttribute('data-filter') ?? '';
  const value = mark.getAttribute('data-value');
  if (!parameters.some((p) => p.name === name)) return;
  void show(withValue(state, name, state[name] === value ? null : value), 'push');
}

function start(): void {
  const parsed = parseParameters(location.search, parameters, context.allowed);
  noteDropped(parsed.dropped);
  const initial = { ...defaultState(parameters), ...parsed.state };
  syncControls(initial);
  if (fieldset) fieldset.disabled = false;
  setStatus(describeState(parameters, initial));
  bar?.addEventListener('change', onControl);
  bar?.addEventListener('reset', (event) => {
    event.preventDefault();
    void show(defaultState(parameters), 'push');
  });
  bar?.addEventListener('pointerdown', () => void loadDashboard(), { once: true });
  bar?.addEventListener('focusin', () => void loadDashboard(), { once: true });
  document.addEventListener('click', onMark);
  document.addEventListener('keydown', onMark);
  document.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest?.('.download-csv');
    const chartId = button?.closest('[data-chart]')?.getAttribute('data-chart');
    if (chartId) void loadDashboard().then(async (ready) => saveText(csvName(chartId, parametersToSearch(parameters, state)), await ready.csv(chartId, state)));
  });
  window.addEventListener('popstate', () => {
    const next = { ...defaultState(parameters), ...parseParameters(location.search, parameters, context.allowed).state };
    if (!sameState(parameters, next, state)) void show(next, 'keep');
  });
  if (parametersToSearch(parameters, initial)) void show(initial, 'keep');
  else {
    state = initial;
    if ('requestIdleCallback' in window) requestIdleCallback(() => void loadDashboard(), { timeout: 2000 });
    else setTimeout(() => void loadDashboard(), 200);
  }
}

start();
