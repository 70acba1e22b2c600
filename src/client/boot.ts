/**
 * The page's first script, kept small and the same size whatever the page declares: it
 * enables the filter bar and, once the first frame is painted (at once when the address sets
 * parameters), starts the rest of the interactive side (src/client/interactive.ts: the page's
 * parameters, the dashboard and this page's own module) with the page's answers to a first
 * change (src/lib/answers.ts). The query engine (src/client/duckdb.ts: DuckDB-WASM and the
 * page's tables, loaded and compiled in a worker) starts with it on a page without answers;
 * a page with answers starts it once it is ready, or earlier if a query needs it. An
 * interaction before the page is up is handed over once it is. If any of it fails, the
 * static charts stay and a notice says why.
 */
import { PAGE_CONTEXT_ID, type PageContext } from '../lib/page-context.ts';
import type { PageAnswers } from '../lib/answers.ts';
import type { BrowserEngine, EngineHandle } from './duckdb.ts';
import type { InteractivePage } from './interactive.ts';

const context = JSON.parse(document.getElementById(PAGE_CONTEXT_ID)?.textContent ?? '{}') as PageContext;
const bar = document.querySelector<HTMLFormElement>('[data-filter-bar]');
const fieldset = bar?.querySelector('fieldset');
const status = document.querySelector<HTMLElement>('[data-filter-status]');
let started: Promise<InteractivePage> | null = null;
let engine: Promise<BrowserEngine> | null = null;
let engineStarted: (engine: Promise<BrowserEngine>) => void = () => {};
/** Settles once the engine is up (or has failed), whatever started it. */
const engineUp = new Promise<BrowserEngine>((resolve) => (engineStarted = resolve));
// A failure is reported once, by report() below; whoever waits on `engineUp` sees it too.
engineUp.catch(() => {});
let failed = false;

/** Switches the filters off and says why; once, whichever part failed first. */
function report(error: unknown): void {
  if (failed) return;
  failed = true;
  if (fieldset) fieldset.disabled = true;
  const reason = error instanceof Error ? error.message : String(error);
  const p = document.createElement('p');
  p.className = 'notice error';
  p.textContent = `Interactive charts are unavailable (${reason}). The charts show the full data set as it was built; filters are switched off.`;
  document.querySelector('[data-notices]')?.append(p);
  if (status) status.textContent = 'Filters unavailable';
  document.documentElement.dataset.report = 'failed';
}

function fail(error: unknown): never {
  report(error);
  throw error;
}

/**
 * The engine is most of the wait before a change can be answered without answers (an 18 MB WebAssembly module to
 * fetch, compile and instantiate, then the page's tables to load). It works off the main thread, but on a machine of
 * two cores its compile takes one while the page is being laid out and its first script run, so a page that answers
 * its first change from its answers starts it only once it is ready, or when a query first needs it.
 */
function startEngine(): Promise<BrowserEngine> {
  if (!engine) {
    engine = import('./duckdb.ts').then(({ openBrowserEngine }) => openBrowserEngine(context.files));
    // A page that answers its first change from its answers is up before the engine: its failure is reported here.
    engine.catch(report);
    engineStarted(engine);
  }
  return engine;
}

const engineHandle: EngineHandle = { start: startEngine, up: engineUp };

/**
 * Resolves once what the page changed so far is on screen: the frame after the next has begun (a frame
 * starts only once the one before it is drawn). A hidden page draws no frames, so it resolves at once.
 */
function onScreen(): Promise<void> {
  if (document.visibilityState === 'hidden') return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/** The page's answers to a first change (src/lib/answers.ts), or null: without them every change waits for the engine. */
async function fetchAnswers(url: string | null): Promise<PageAnswers | null> {
  if (!url) return null;
  const response = await fetch(url).catch(() => null);
  // A missing or unreadable file costs speed only: the engine answers everything.
  const answers = response?.ok ? ((await response.json().catch(() => null)) as PageAnswers | null) : null;
  if (!answers) console.warn(`Could not load ${url}: every change waits for the query engine.`);
  return answers;
}

function start(): Promise<InteractivePage> {
  if (started) return started;
  const answers = fetchAnswers(context.answers);
  started = import('./interactive.ts')
    .then(({ startInteractive }) => startInteractive(context, engineHandle, answers))
    .then((page) => {
      void onScreen().then(() => {
        // An engine that failed meanwhile has switched the filters off.
        if (failed) return;
        document.documentElement.dataset.report = 'ready';
        performance.mark('report:ready');
        void startEngine();
      });
      return page;
    })
    .catch(fail);
  return started;
}

/** Hands an event to the interactive side once it is up. */
function forward(event: Event): void {
  if (!failed) void start().then((page) => page.handle(event));
}

/** Marks tagged for cross-filtering act on a click, or on Enter or Space. */
function onMark(event: Event): void {
  const mark = (event.target as Element | null)?.closest?.('[data-filter]');
  if (!mark || (event instanceof KeyboardEvent && event.key !== 'Enter' && event.key !== ' ')) return;
  event.preventDefault();
  forward(event);
}

if (fieldset) fieldset.disabled = false;
if (status) status.textContent = location.search ? 'Loading…' : 'Showing all data';
bar?.addEventListener('change', forward);
// Enter in a field must not submit the bar as a form (a page load): the change event does the work.
bar?.addEventListener('submit', (event) => event.preventDefault());
bar?.addEventListener('reset', (event) => {
  event.preventDefault();
  forward(event);
});
bar?.addEventListener('pointerdown', () => void start(), { once: true });
bar?.addEventListener('focusin', () => void start(), { once: true });
document.addEventListener('click', onMark);
document.addEventListener('keydown', onMark);
window.addEventListener('popstate', forward);
// After the first frame, so that nothing holds up the first paint: the interactive side with the page's answers (at
// once when the address sets parameters), and the engine on a page without answers.
requestAnimationFrame(() =>
  setTimeout(() => {
    if (!context.answers) void startEngine();
    void start();
  }, 0),
);
if (location.search) void start();
