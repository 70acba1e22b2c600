/**
 * The page's first script, kept small and the same size whatever the page declares: it
 * enables the filter bar and loads the interactive side (src/client/interactive.ts: the
 * page's parameters, DuckDB-WASM, the dashboard and this page's own module) when the
 * browser is idle, at once when the address sets parameters, or at the first
 * interaction, which it hands over once the interactive side is up. If that fails, the
 * static charts stay and a notice says why.
 */
import { PAGE_CONTEXT_ID, type PageContext } from '../lib/page-context.ts';
import type { InteractivePage } from './interactive.ts';

const context = JSON.parse(document.getElementById(PAGE_CONTEXT_ID)?.textContent ?? '{}') as PageContext;
const bar = document.querySelector<HTMLFormElement>('[data-filter-bar]');
const fieldset = bar?.querySelector('fieldset');
const status = document.querySelector<HTMLElement>('[data-filter-status]');
let started: Promise<InteractivePage> | null = null;
let failed = false;

function fail(error: unknown): never {
  failed = true;
  if (fieldset) fieldset.disabled = true;
  const reason = error instanceof Error ? error.message : String(error);
  const p = document.createElement('p');
  p.className = 'notice error';
  p.textContent = `Interactive charts are unavailable (${reason}). The charts show the full data set as it was built; filters are switched off.`;
  document.querySelector('[data-notices]')?.append(p);
  if (status) status.textContent = 'Filters unavailable';
  document.documentElement.dataset.report = 'failed';
  throw error;
}

function start(): Promise<InteractivePage> {
  started ??= import('./interactive.ts')
    .then(({ startInteractive }) => startInteractive(context))
    .then((page) => {
      document.documentElement.dataset.report = 'ready';
      performance.mark('report:ready');
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
if (location.search) void start();
else if ('requestIdleCallback' in window) requestIdleCallback(() => void start(), { timeout: 2000 });
else setTimeout(() => void start(), 200);
