/**
 * The interactive side of a page, loaded lazily with the page's own definition module:
 * runs each chart's query in DuckDB-WASM with the page's parameters bound and re-renders
 * the chart, its table, its summary and its SQL parameters in place. Loaded after first
 * paint, so the page never waits for it. A page that ships its answers (src/lib/answers.ts)
 * starts from them: its first change is answered while the engine is still starting.
 */
import * as Plot from '@observablehq/plot';
import { type ChartDefinition, bindOptions, chartTableRows, csvFields } from '../lib/charts/chart.ts';
import { drawnWidth, phoneDrawingSuits } from '../lib/charts/fit-width.ts';
import { htmlTable } from '../lib/charts/html-table.ts';
import { renderChart, renderForCard } from '../lib/charts/render.ts';
import { type PageAnswers, answerRows } from '../lib/answers.ts';
import { toCsv } from '../lib/csv.ts';
import { type PageDefinition, isWideChart, pageBlocks, pageCharts } from '../lib/page.ts';
import { type DroppedValue, type ParameterState, defaultState, parametersToSearch, selected, withValue } from '../lib/parameters.ts';
import { type BoundQuery, type BoundValue, bindQuery, describeParams } from '../lib/query.ts';
import { ResultCache } from '../lib/result-cache.ts';
import type { Row } from '../lib/rows.ts';
import type { BrowserEngine, EngineHandle, PreparedQuery } from './duckdb.ts';
import { csvName, saveText } from './save-file.ts';

export interface Dashboard {
  /** The state with every id that the published data does not hold removed, and a note for each. */
  checkIds(state: ParameterState): Promise<{ state: ParameterState; dropped: DroppedValue[] }>;
  /** Re-renders every chart for `state`; false when a newer call overtook this one. */
  render(state: ParameterState): Promise<boolean>;
  /**
   * Runs the charts' queries for each of `states` in turn, one query at a time, keeping the
   * results for a later change; stops as soon as a rendering, a query of the account table
   * or another fetch starts, or when its time budget is spent. A query that proves slow is
   * not fetched ahead again.
   */
  fetchAhead(states: readonly ParameterState[]): Promise<void>;
}

/** How long one fetch ahead may keep the engine busy: on pages with heavy queries it covers the first neighbours only. */
const FETCH_AHEAD_BUDGET_MS = 3_000;

/**
 * How long the warm-up may spend running the queries of the states one choice away, whose rows the page's answers
 * hold already (so they are not kept). WebAssembly compiles the engine's code as it first runs, and a state that
 * sets a filter runs code that the default state does not: without this, a reader's first changes ran at a
 * fraction of the engine's speed. In bench:site (two runs of each build), back-to-back filter changes' p95 went
 * from 78-84 to 46 ms on the executive summary and from 125-150 to 96-100 ms on the journeys page. V8 keeps
 * optimizing the engine's hot functions for a dozen or more runs of each query, so the budget covers every such
 * state of the executive summary (112 queries in about 0.8 s) and of the journeys page (294 queries in about 2.3 s,
 * where 1 s ran 98): with it the journeys page's back-to-back p95 went from 105-115 to 86-96 ms.
 */
const EXERCISE_BUDGET_MS = 3_000;

/** A query that takes longer than this when fetched ahead is not fetched ahead again: a reader's change could wait behind it. */
const FETCH_AHEAD_QUERY_LIMIT_MS = 100;

/** The weight of the results a page keeps (rows, plus one per result): a few MB of plain rows at most. */
const RESULT_LIMIT = 100_000;

/** How long the window's width must hold still before the charts are drawn again for it. */
const RESIZE_SETTLE_MS = 200;

/** The parameters a rendering read from the state, or 'all' when it went through every one. */
type Reads = Set<string> | 'all';

/** The state as a rendering sees it, recording which parameters it reads. */
function tracked(state: ParameterState): { view: ParameterState; reads: () => Reads } {
  const names = new Set<string>();
  let all = false;
  const view = new Proxy(state, {
    get(target, name, receiver) {
      if (typeof name === 'string') names.add(name);
      return Reflect.get(target, name, receiver);
    },
    has(target, name) {
      if (typeof name === 'string') names.add(name);
      return Reflect.has(target, name);
    },
    ownKeys(target) {
      all = true;
      return Reflect.ownKeys(target);
    },
  });
  return { view, reads: () => (all ? 'all' : names) };
}

/** What a chart shows: its bound query's key and rows, and the values of the parameters its rendering read. */
interface Shown {
  readonly key: string;
  readonly rows: readonly Row[];
  readonly reads: Reads;
  readonly values: string;
}

const valuesOf = (state: ParameterState, reads: Reads) =>
  JSON.stringify(reads === 'all' ? state : [...reads].sort().map((name) => [name, state[name] ?? null]));

/** Resolves in the browser's next idle period. */
const idle = () => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 1_000 }));

/** The width of each chart's body on the page, by chart id (none for a chart the page does not show). */
function bodyWidths(charts: readonly ChartDefinition[]): Map<string, number> {
  const widths = new Map<string, number>();
  for (const chart of charts) {
    const body = document.getElementById(chart.id)?.querySelector('.chart-body');
    if (body) widths.set(chart.id, body.clientWidth);
  }
  return widths;
}

/** A chart's new look, worked out off the page: `write` puts it in place; `reads` are the parameters its rendering read. */
interface Draft {
  readonly write: () => void;
  readonly reads: Reads;
}

/**
 * Works out a chart's new look (its rendering, Plot's SVG, its table, summary and SQL parameters) without touching
 * the page, so that it can run while the engine answers the next query; null when the page has no such chart.
 */
/** A chart's card: its body's width on the page, and whether the layout gives it a row of its own. */
interface Card {
  readonly available: number;
  readonly wide: boolean;
}

function draft(chart: ChartDefinition, rows: readonly Row[], bound: BoundQuery, shownState: ParameterState, card: Card): Draft | null {
  const { view: state, reads } = tracked(shownState);
  const figure = document.getElementById(chart.id);
  if (!figure) return null;
  const { rendering, description } = renderForCard(chart, rows, state, card.available, card.wide);
  const plot = rendering.kind === 'plot' ? { svg: Plot.plot(rendering.options), controls: rendering.controls ?? '' } : null;
  const table = htmlTable(chartTableRows(chart, rows, state), chart.columns, `${chart.title}: the rows behind the chart`);
  const params = describeParams(bound);
  const write = () => {
    const body = figure.querySelector('.chart-body');
    if (body && plot) {
      body.innerHTML = plot.controls;
      body.append(plot.svg);
    } else if (body && rendering.kind === 'html') body.innerHTML = rendering.html;
    const summary = figure.querySelector('.chart-summary');
    if (summary) summary.textContent = description;
    const tableWrap = figure.querySelector('.table-wrap');
    if (tableWrap) tableWrap.innerHTML = table;
    const sqlParams = figure.querySelector('.sql-params');
    if (sqlParams) sqlParams.textContent = params;
  };
  return { write, reads: reads() };
}

/**
 * The page's dashboard over the engine (started by the first query that needs it, if nothing started it before) and
 * the page's answers, if it ships them; `shownState` reads the state the page shows. It is up once every chart's
 * rendering under the default state is worked out: from the answers without the engine, or else from the engine.
 */
export async function createDashboard(
  engine: EngineHandle,
  page: PageDefinition,
  shownState: () => ParameterState,
  answers: PageAnswers | null,
  warmUpStates: readonly ParameterState[] = [],
): Promise<Dashboard> {
  const charts = pageCharts(page);
  const byId = new Map(charts.map((chart) => [chart.id, chart]));
  const statements = new Map<string, Promise<PreparedQuery>>();
  /** Counts fetches ahead and table queries: a fetch ahead stops when a rendering, a table query or a later fetch starts. */
  let fetches = 0;
  /** Counts the table's queries (its views, whether answered or run): a fetch ahead is not one. */
  let tableQueries = 0;
  /** Counts renderings: one overtaken by a later one is not painted. */
  let generation = 0;
  /** The table's queries answered from the page's answers, one per text, to run once when the engine is up. */
  const answeredTable = new Map<string, readonly BoundValue[]>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = engine.start().then((started) => started.prepare(sql));
      statements.set(sql, statement);
    }
    return statement;
  };
  // Every result by its query's text (as a short number) and values: charts that share a query, a change back to
  // a state seen before, and a state fetched ahead all read the rows kept here.
  const results = new ResultCache<Row>(RESULT_LIMIT);
  const queryNumbers = new Map<string, number>();
  const resultKey = (query: Pick<BoundQuery, 'sql' | 'params'>) => {
    if (!queryNumbers.has(query.sql)) queryNumbers.set(query.sql, queryNumbers.size);
    return `${queryNumbers.get(query.sql)} ${JSON.stringify(query.params)}`;
  };
  /**
   * Counts the queries run on the engine for the page (a change's charts, the table's views, an id check, a CSV, a
   * fetch ahead), not those answered from kept rows: the warm-up stops at the first. A fetch ahead starts only once
   * the warm-up is over, so each one counted before is one a reader waits for.
   */
  let engineRuns = 0;
  const run = (query: BoundQuery) =>
    results.get(resultKey(query), async () => {
      engineRuns++;
      // Each query the engine runs (`report:query` in the performance timeline), to see what a change costs.
      performance.mark('report:query');
      return (await prepare(query.sql)).run(query.params);
    });
  for (const answer of answers?.answers ?? []) {
    const [query, params] = answer;
    results.get(resultKey({ sql: answers!.queries[query]!, params }), async () => answerRows(answer));
  }
  // The account table (risk page) shares the engine; its code loads only where it is, while the charts warm up.
  const tableRoot = pageBlocks(page).includes('account-table') ? document.querySelector<HTMLElement>('[data-account-table]') : null;
  // A reader sorting or paging the table is not kept waiting behind the charts' fetch ahead: a table query stops it.
  // A view among the page's answers is read from them; any other runs on the engine and is not kept (a download
  // holds every matching row).
  const tableEngine: BrowserEngine = {
    prepare: async (sql) => {
      const statement = prepare(sql);
      statement.catch(() => {});
      return {
        run: async (params) => {
          fetches++;
          tableQueries++;
          const key = resultKey({ sql, params });
          if (results.has(key)) {
            if (!answeredTable.has(sql)) answeredTable.set(sql, params);
            return [...(await results.get(key, () => Promise.resolve([])))];
          }
          engineRuns++;
          return (await statement).run(params);
        },
      };
    },
  };
  const attaching = tableRoot ? import('./account-table.ts').then(({ attachAccountTable }) => attachAccountTable(tableRoot, tableEngine)) : null;
  attaching?.catch(() => {});
  /** What each chart shows since it was last painted (or built: see below). */
  const shown = new Map<string, Shown>();
  // The built page shows every chart under the default state. Each chart's rendering is worked out here without
  // painting, to learn which parameters it reads: a change then repaints only the charts it touches, the first one
  // included. The rows come from the page's answers or, without them, from the engine: each query runs once, which
  // warms the engine (WebAssembly tiers up on first use), and all are sent at once, so the engine works through them
  // while the page works out each rendering.
  const initial = defaultState(page.parameters);
  const warming = charts.map((chart) => {
    const bound = bindQuery(chart.query, initial, {}, bindOptions(chart));
    const rows = run(bound);
    // A failure surfaces where the loop below awaits it; until then it must not count as unhandled.
    rows.catch(() => {});
    return { chart, bound, key: resultKey(bound), rows };
  });
  // On a narrow screen the built page's charts are scaled down to fit their cards, and so is their text: each Plot
  // chart whose card is much narrower than its design is drawn again at the card's width (src/lib/charts/fit-width.ts),
  // unless the built page carries a phone drawing that its card shows at nearly its own size.
  let widths = bodyWidths(charts);
  const cardOf = (chart: ChartDefinition): Card => ({ available: widths.get(chart.id) ?? 0, wide: isWideChart(page, chart) });
  const phoneDrawn = (chart: ChartDefinition) =>
    (document.getElementById(chart.id)?.querySelector('.chart-body.phone-drawn') ?? null) !== null && phoneDrawingSuits(widths.get(chart.id) ?? 0);
  const narrow: ChartDefinition[] = [];
  for (const { chart, key, rows: pending } of warming) {
    const rows = await pending;
    const { view, reads } = tracked(initial);
    const { rendering } = renderChart(chart, rows, view, undefined, isWideChart(page, chart));
    shown.set(chart.id, { key, rows, reads: reads(), values: valuesOf(initial, reads()) });
    if (rendering.kind === 'plot' && drawnWidth(rendering.options, widths.get(chart.id) ?? 0) !== null && !phoneDrawn(chart)) narrow.push(chart);
  }
  /** Draws `chart` again from the rows it shows, under `state` (the one they are for), at its card's width. */
  const redraw = (chart: ChartDefinition, state: ParameterState) => {
    const last = shown.get(chart.id);
    if (last) draft(chart, last.rows, bindQuery(chart.query, state, {}, bindOptions(chart)), state, cardOf(chart))?.write();
  };
  for (const chart of narrow) redraw(chart, initial);
  // A window that changes width (a phone turned, a window resized) draws its Plot charts again at their new widths.
  let resizing: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      const before = widths;
      widths = bodyWidths(charts);
      for (const chart of charts) {
        if (document.getElementById(chart.id)?.dataset.kind === 'plot' && widths.get(chart.id) !== before.get(chart.id)) redraw(chart, shownState());
      }
    }, RESIZE_SETTLE_MS);
  });
  /** The table queries counted once the account table showed its first view: any after it are the reader's. */
  let tableFirstView: number | null = null;
  // Plot compiles its code for a chart's marks as it first runs them, and the built page drew every chart at build
  // time, so the first change to repaint a chart ran its rendering on cold code: on the journeys page, 25 ms for the
  // Sankey against 6 ms at the next change. Each chart is drafted once off the page under the default state (the one
  // the built page shows), one per idle period of the browser, and the draft is thrown away. It stops when a change
  // starts rendering or the account table asks for rows; a browser without idle callbacks drafts nothing ahead.
  void (async () => {
    const started = performance.now();
    let drafts = 0;
    let stopped: 'done' | 'reader' | 'failed' | 'no idle callback' = 'done';
    try {
      if (typeof requestIdleCallback !== 'function') {
        stopped = 'no idle callback';
        return;
      }
      for (const { chart, bound } of warming) {
        await idle();
        if (generation > 0 || (tableFirstView !== null && tableQueries > tableFirstView)) {
          stopped = 'reader';
          return;
        }
        if (draft(chart, shown.get(chart.id)?.rows ?? [], bound, initial, cardOf(chart))) drafts++;
      }
    } catch {
      stopped = 'failed';
    } finally {
      // How many charts were drafted ahead and why it stopped (`report:draft-ahead` in the performance timeline).
      performance.measure('report:draft-ahead', { start: started, end: performance.now(), detail: { charts: drafts, stopped } });
    }
  })();
  // With answers, no query has run yet. Once the engine is up, each chart's query and each of the table's runs once
  // as the page first showed it (its statement prepared, and the engine's code for it compiled: a first run is
  // several times slower than the next), then each chart's query under the `warmUpStates` (those the answers hold,
  // so their rows are not kept), starting none once EXERCISE_BUDGET_MS has passed. One query at a time, and only until the
  // charts or the table need the engine: a change the answers do not hold, or a page opened on such a state, runs
  // what it needs itself and must not wait behind these (a change the answers hold needs no engine). A fetch ahead
  // waits for the warm-up: for up to EXERCISE_BUDGET_MS after the engine is up, the states around one the reader
  // chose are not fetched ahead.
  const warm = answers
    ? engine.up.then(async () => {
        const readerNeedsEngine = () => engineRuns > 0;
        // What the exercise ran, and why it stopped (`report:engine-exercise` in the performance timeline).
        let started = performance.now();
        let queries = 0;
        let stopped: 'done' | 'budget' | 'reader' | 'failed' = 'done';
        try {
          const first = warming.map(({ bound }) => bound);
          for (const { sql, params } of [...first, ...[...answeredTable].map(([sql, params]) => ({ sql, params }))]) {
            if (readerNeedsEngine()) {
              stopped = 'reader';
              return;
            }
            await (await prepare(sql)).run(params);
          }
          started = performance.now();
          const ran = new Set(first.map(resultKey));
          exercise: for (const state of warmUpStates) {
            for (const chart of charts) {
              const query = bindQuery(chart.query, state, {}, bindOptions(chart));
              const key = resultKey(query);
              if (ran.has(key)) continue;
              if (readerNeedsEngine()) stopped = 'reader';
              else if (performance.now() - started > EXERCISE_BUDGET_MS) stopped = 'budget';
              if (stopped !== 'done') break exercise;
              ran.add(key);
              // A query that fails here costs the reader nothing: its rows were to be thrown away.
              try {
                await (await prepare(query.sql)).run(query.params);
              } catch {
                stopped = 'failed';
                break exercise;
              }
              queries++;
            }
          }
        } finally {
          performance.measure('report:engine-exercise', { start: started, end: performance.now(), detail: { queries, stopped } });
        }
      })
    : engine.up;
  // From here any change can be answered by the engine, up and warm (`report:engine-warm`).
  warm.then(() => performance.mark('report:engine-warm')).catch(() => {});
  const table = await attaching;
  tableFirstView = tableQueries;
  /** The queries (by text) too slow to fetch ahead, learnt by fetching each once. */
  const slowAhead = new Set<string>();

  // Each chart's CSV holds its rows under the state shown; the buttons appear once it can be made.
  for (const button of document.querySelectorAll<HTMLButtonElement>('.download-csv')) {
    const chart = byId.get(button.closest('[data-chart]')?.getAttribute('data-chart') ?? '');
    if (!chart) continue;
    button.addEventListener('click', async () => {
      const state = shownState();
      const rows = await run(bindQuery(chart.query, state, {}, bindOptions(chart)));
      saveText(csvName(chart.id, parametersToSearch(page.parameters, state)), toCsv(chartTableRows(chart, rows, state), csvFields(chart.columns)));
    });
    button.hidden = false;
  }

  return {
    async checkIds(state) {
      let checked = state;
      const dropped: DroppedValue[] = [];
      for (const parameter of page.parameters) {
        const id = selected(state, parameter.name);
        if (parameter.kind !== 'id' || id === null) continue;
        const { dataset, column } = parameter.source;
        const [found] = await run({ sql: `SELECT count(*)::INTEGER AS n FROM ${dataset} WHERE ${column} = $1`, params: [id], names: [parameter.name] });
        if (found?.n) continue;
        checked = withValue(checked, parameter.name, null);
        dropped.push({ name: parameter.name, label: parameter.label, value: id, reason: `no row of ${dataset} has this ${column}` });
      }
      return { state: checked, dropped };
    },
    async render(state) {
      const current = ++generation;
      const started = performance.now();
      const bound = charts.map((chart) => bindQuery(chart.query, state, {}, bindOptions(chart)));
      const keys = bound.map(resultKey);
      // A chart whose query and whose rendering's parameters are as shown already is left as it is (the data never change).
      const stale = charts.map((chart, i) => {
        const last = shown.get(chart.id);
        return !last || last.key !== keys[i] || last.values !== valuesOf(state, last.reads);
      });
      // Charts that share a query (text and values) run it once; a chart whose query is unchanged (only its
      // rendering's parameters moved, such as the account highlighted in a list) repaints from the rows it has.
      const pending = bound.map((query, i) => {
        const last = shown.get(charts[i]!.id);
        return !stale[i] || last?.key === keys[i] ? Promise.resolve(last?.rows ?? []) : run(query);
      });
      // The engine answers in order: the charts' queries go first, so they repaint without waiting for the table.
      const tableShown = table?.update(state);
      // Each stale chart is drafted as soon as its rows arrive, while the engine runs the next queries; none is
      // written to the page until every chart's draft is ready, so the page changes in one pass. Once a query has
      // failed (the rendering fails with it) or a newer rendering started, no more drafts are made.
      let failed = false;
      let lastRows = started;
      const drafted = await Promise.all(
        pending.map(async (rows, i) => {
          let got: readonly Row[];
          try {
            got = await rows;
          } catch (error) {
            failed = true;
            throw error;
          }
          lastRows = Math.max(lastRows, performance.now());
          if (!stale[i] || failed || current !== generation) return null;
          const drafting = performance.now();
          const chartDraft = draft(charts[i]!, got, bound[i]!, state, cardOf(charts[i]!));
          // Each chart's draft (its rendering worked out off the page), for profiling a page (`report:paint:<id>`).
          performance.measure(`report:paint:${charts[i]!.id}`, { start: drafting, end: performance.now() });
          return { chartDraft, rows: got };
        }),
      );
      if (current !== generation) return false;
      const writing = performance.now();
      drafted.forEach((done, i) => {
        if (!done) return;
        done.chartDraft?.write();
        const reads = done.chartDraft?.reads ?? 'all';
        shown.set(charts[i]!.id, { key: keys[i]!, rows: done.rows, reads, values: valuesOf(state, reads) });
      });
      // Until the main thread took in the last rows (it drafts the first charts meanwhile, so this includes them),
      // then what was left: the last drafts and the writes (`report:write` alone).
      performance.measure('report:queries', { start: started, end: lastRows });
      performance.measure('report:paint', { start: lastRows, end: performance.now() });
      performance.measure('report:write', { start: writing, end: performance.now() });
      performance.measure('report:charts', { start: started, end: performance.now() });
      await tableShown;
      return current === generation;
    },
    async fetchAhead(states) {
      const rendering = generation;
      // Until the engine is warm, a query's time would be the wait for it: nothing is fetched before (or learnt slow).
      await warm.catch(() => {});
      const current = ++fetches;
      if (rendering !== generation) return;
      const started = performance.now();
      let fetched = 0;
      for (const state of states) {
        for (const chart of charts) {
          const query = bindQuery(chart.query, state, {}, bindOptions(chart));
          if (slowAhead.has(query.sql) || results.has(resultKey(query))) continue;
          // One query at a time, so a reader's change waits behind at most one fetched ahead.
          const began = performance.now();
          await run(query).catch(() => {});
          if (performance.now() - began > FETCH_AHEAD_QUERY_LIMIT_MS) slowAhead.add(query.sql);
          if (rendering !== generation || current !== fetches) return;
        }
        fetched++;
        if (performance.now() - started > FETCH_AHEAD_BUDGET_MS) break;
      }
      // How far a fetch ahead got and how long it took (`report:fetch-ahead` in the performance timeline).
      performance.measure('report:fetch-ahead', { start: started, end: performance.now(), detail: { states: fetched, of: states.length } });
    },
  };
}
