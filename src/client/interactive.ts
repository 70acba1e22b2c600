/**
 * The interactive side of a page, loaded lazily by the boot script: the page's parameters
 * (read from the URL, validated, written back, kept in history), the filter bar's controls
 * and status, cross-filtering clicks, and the dashboard over DuckDB-WASM with the current
 * page's own module (its charts). The dashboard code is part of this chunk; the engine
 * (its start is the boot script's, src/client/boot.ts) and the page module load in parallel. The map of page modules
 * lives here, so the boot script does not grow with the number of pages.
 */
import { loaders } from 'virtual:report/page-loaders';
import type { PageAnswers } from '../lib/answers.ts';
import type { PageContext } from '../lib/page-context.ts';
import { createDashboard } from './dashboard.ts';
import type { EngineHandle } from './duckdb.ts';
import { rememberControl } from './focus-return.ts';
import {
  type DroppedValue,
  type ParameterState,
  defaultState,
  describeState,
  droppedNote,
  neighbourStates,
  neighbourStatesInTurns,
  parametersToSearch,
  parseParameters,
  sameState,
  valueText,
  withChange,
} from '../lib/parameters.ts';

/** How long the page waits after showing a state before it fetches the states one choice away (a quick run of changes skips it). */
const FETCH_AHEAD_DELAY_MS = 500;

export interface InteractivePage {
  /** Acts on an event the boot script caught: a control's change, a reset, a mark's click, a history step. */
  handle(event: Event): void;
}

/**
 * Loads the page module and, with the page's answers (fetched by the boot script) and over the engine, the dashboard;
 * shows the state of the URL and returns the event handler. A page with answers does not wait for the engine.
 */
export async function startInteractive(context: PageContext, engine: EngineHandle, answersFetched: Promise<PageAnswers | null>): Promise<InteractivePage> {
  const { parameters, allowed } = context;
  const bar = document.querySelector<HTMLFormElement>('[data-filter-bar]');
  const status = document.querySelector<HTMLElement>('[data-filter-status]');

  const notice = (dropped: readonly DroppedValue[]) => {
    for (const value of dropped) {
      const p = document.createElement('p');
      p.className = 'notice info';
      p.textContent = droppedNote(value);
      document.querySelector('[data-notices]')?.append(p);
    }
  };
  const setStatus = (text: string, busy = false) => {
    if (!status) return;
    status.textContent = text;
    status.toggleAttribute('data-busy', busy);
  };
  const syncControls = (next: ParameterState) => {
    for (const parameter of parameters) {
      const control = bar?.elements.namedItem(parameter.name);
      const value = next[parameter.name];
      if (control instanceof HTMLSelectElement || control instanceof HTMLInputElement) control.value = value === undefined ? '' : valueText(value);
    }
  };
  const fromAddress = (withNotes: boolean): ParameterState => {
    const parsed = parseParameters(location.search, parameters, allowed);
    const next = { ...defaultState(parameters), ...parsed.state };
    if (withNotes && parsed.dropped.length) {
      notice(parsed.dropped);
      // A dropped value leaves the address too, as a dropped id does, so a reload does not bring its note back.
      window.history.replaceState(null, '', `${location.pathname}${parametersToSearch(parameters, next)}`);
    }
    return next;
  };

  // The URL is read before the engine is up, so its notes and the controls show at once.
  let state = fromAddress(true);
  syncControls(state);
  const load = loaders[context.page];
  if (!load) throw new Error(`no page module ${context.page}`);
  const [page, answers] = await Promise.all([load(), answersFetched]);
  // The engine's warm-up runs the queries of the states one choice away from the default one (their rows are in the
  // answers): a few of them change every filter.
  const warmUpStates = neighbourStatesInTurns(parameters, allowed, defaultState(parameters));
  const dashboard = await createDashboard(engine, page.default, () => state, answers, warmUpStates);

  // While the reader looks at a state, the charts' rows of every state one choice away are fetched, so the next
  // change from the filter bar or a chart's mark finds them kept and only paints.
  let ahead: ReturnType<typeof setTimeout> | undefined;
  const fetchAheadSoon = () => {
    clearTimeout(ahead);
    ahead = setTimeout(() => void dashboard.fetchAhead(neighbourStates(parameters, allowed, state)), FETCH_AHEAD_DELAY_MS);
  };

  /** Shows `next`; false when a newer state overtook it before its charts were drawn. */
  async function show(next: ParameterState, history: 'push' | 'keep'): Promise<boolean> {
    state = next;
    if (history === 'push') window.history.pushState(null, '', `${location.pathname}${parametersToSearch(parameters, next)}`);
    syncControls(next);
    setStatus('Updating…', true);
    const started = performance.now();
    // Ids are checked against the data before any chart query uses them.
    const checked = await dashboard.checkIds(next);
    if (checked.dropped.length) {
      notice(checked.dropped);
      state = checked.state;
      window.history.replaceState(null, '', `${location.pathname}${parametersToSearch(parameters, state)}`);
      syncControls(state);
    }
    clearTimeout(ahead);
    if (!(await dashboard.render(state))) return false;
    performance.measure('report:filter', { start: started, end: performance.now() });
    setStatus(describeState(parameters, state));
    document.documentElement.dataset.filters = parametersToSearch(parameters, state);
    fetchAheadSoon();
    return true;
  }

  function onControl(control: EventTarget | null): void {
    if (!(control instanceof HTMLSelectElement || control instanceof HTMLInputElement)) return;
    const parameter = parameters.find((p) => p.name === control.name);
    if (!parameter) return;
    if (control.value === '') {
      void show(withChange(parameters, state, parameter.name, defaultState([parameter])[parameter.name] ?? null), 'push');
      return;
    }
    // A typed value is as untrusted as one from the address: the same parser checks it.
    const parsed = parseParameters(new URLSearchParams([[parameter.name, control.value]]), [parameter], allowed);
    const value = parsed.state[parameter.name];
    if (value !== undefined) void show(withChange(parameters, state, parameter.name, value), 'push');
    else {
      notice(parsed.dropped);
      syncControls(state);
    }
  }

  /**
   * A tagged mark sets its parameter: a category toggles (clicking the selected value
   * again clears it); any other kind (a stage order, a measure) takes the mark's value,
   * checked by the same parser as the address. A mark inside a chart is redrawn with it,
   * so focus then returns to its equivalent in the new drawing.
   */
  function onMark(target: EventTarget | null): void {
    const mark = (target as Element | null)?.closest?.('[data-filter]');
    const parameter = parameters.find((p) => p.name === mark?.getAttribute('data-filter'));
    const value = mark?.getAttribute('data-value') ?? null;
    if (!mark || !parameter || value === null) return;
    const toggled = state[parameter.name] === value ? null : value;
    const next =
      parameter.kind === 'category' ? toggled : parseParameters(new URLSearchParams([[parameter.name, value]]), [parameter], allowed).state[parameter.name];
    if (next === undefined) return;
    const focus = rememberControl(mark);
    void show(withChange(parameters, state, parameter.name, next), 'push').then((shown) => {
      if (shown) focus?.restore();
    });
  }

  if (parametersToSearch(parameters, state)) await show(state, 'keep');
  else {
    // The charts built into the page already show this state.
    setStatus(describeState(parameters, state));
    document.documentElement.dataset.filters = '';
    fetchAheadSoon();
  }

  return {
    handle(event) {
      if (event.type === 'change') onControl(event.target);
      else if (event.type === 'reset') void show(defaultState(parameters), 'push');
      else if (event.type === 'popstate') {
        const next = fromAddress(false);
        if (!sameState(parameters, next, state)) void show(next, 'keep');
      } else onMark(event.target);
    },
  };
}
