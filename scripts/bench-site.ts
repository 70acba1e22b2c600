/**
 * Benchmark of the site in headless Chromium: builds the default data and the site under a
 * base path, serves it on 127.0.0.1 and, over several cold-cache page loads, measures
 *  - first contentful paint, and whether the charts' SVG is in the HTML (no JavaScript needed),
 *  - time from navigation until the first filter change can be answered (from the page's answers,
 *    or from DuckDB-WASM on a page without them), a first change made then, and the time until
 *    the engine is up and warm, so that every change can be answered,
 *  - filter change to re-rendered charts (p50 and p95 over many changes), back to back and
 *    each after the reader looks at the page for `--look` ms (while the page fetches the
 *    rows of the states one choice away),
 *  - bytes transferred before the engine loads and after,
 *  - JavaScript shipped (gzip) before the first interaction, excluding WebAssembly;
 * on the risk page, the account table over every account: time to its first rows once
 * the page asks for them, sort and page latency (p50 and p95 over many clicks), and a
 * filter change re-rendering the charts and the table; and on the customer journeys page,
 * a click in the Sankey's stage picker and a filter change to the re-drawn Sankey (p50, p95).
 * Prints medians (and writes them to bench/output/site-*.json); timings on shared machines
 * are noisy, so read ratios and medians.
 *
 *   npm run bench:site -- --runs 5 --changes 30 --clicks 40 --look 1500
 */
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ACCOUNT_COLUMNS } from '../src/lib/account-table.ts';
import { BENCH_DATA, SITE_BENCH_BUILD, buildBenchData } from './lib/bench-data.ts';
import { BenchReport, type Measure, kb, ms, option } from './lib/bench-report.ts';
import { median, percentile } from './lib/statistics.ts';
import { launchBrowser } from './site/browser.ts';
import { buildSite } from './site/build-site.ts';
import { serveStatic } from './site/static-server.ts';

const BASE = '/cs-report/';
/** The data and the site the benchmark builds (emptied first; the JSON results sit beside it in bench/output). */
const OUT = SITE_BENCH_BUILD;

const runs = Number(option('--runs', '5'));
const changes = Number(option('--changes', '30'));
const clicks = Number(option('--clicks', '40'));
/** How long the reader looks at the page before each of the paced filter changes (the page fetches ahead meanwhile). */
const look = Number(option('--look', '1500'));

/** Gzipped size of the scripts a page loads before any interaction (its module graph, minus dynamic imports). */
function initialScriptBytes(siteDir: string, html: string): { files: string[]; gzip: number } {
  const assets = join(siteDir, '_assets');
  const seen = new Set<string>();
  const queue = [...html.matchAll(/<script[^>]+src="[^"]*\/_assets\/([^"]+)"/g)].map((m) => m[1]!);
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(assets, file), 'utf8');
    // Static imports only: `import ... from "./x.js"` and `import "./x.js"`, not `import("./x.js")`.
    for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) queue.push(m[1]!);
  }
  const gzip = [...seen].reduce((sum, file) => sum + gzipSync(readFileSync(join(assets, file))).length, 0);
  return { files: [...seen], gzip };
}

/** Gzipped size of the given script files of the site, leaving out those listed in `except`. */
function scriptBytes(siteDir: string, files: Iterable<string>, except: readonly string[]): number {
  const assets = join(siteDir, '_assets');
  return [...new Set(files)]
    .filter((file) => file.endsWith('.js') && !except.includes(file))
    .reduce((sum, file) => sum + gzipSync(readFileSync(join(assets, file))).length, 0);
}

/**
 * In-page code that runs `act` (statements that change the page's state) and resolves with
 * the milliseconds until the charts show the new state and the next frame is painted. A
 * string, because tsx's name helpers do not exist in the page.
 */
function timeCharts(act: string): string {
  return `new Promise((resolve) => {
    const started = performance.now();
    const before = document.documentElement.dataset.filters;
    const observer = new MutationObserver(() => {
      if (document.documentElement.dataset.filters !== before || document.querySelector('[data-filter-status]:not([data-busy])')) {
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - started));
      }
    });
    observer.observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: ['data-filters', 'data-busy'] });
    ${act}
  })`;
}

/** In-page code: sets a filter of the bar, timed until the charts show it. */
function timeFilterChange(name: string, value: string): string {
  return timeCharts(`const select = document.querySelector('select[name=${name}]');
    select.value = ${JSON.stringify(value)};
    select.dispatchEvent(new Event('change', { bubbles: true }));`);
}

/**
 * In-page code: clicks the n-th (modulo their count) enabled button of the Sankey's stage
 * picker (move, remove, add or a preset), timed until the charts show the new stages.
 */
function timeStageClick(n: number): string {
  return timeCharts(`const buttons = document.querySelectorAll('#journey-sankey .stage-picker button[data-filter="stages"]');
    buttons[${n} % buttons.length].click();`);
}

/** In-page code: clicks the n-th (modulo their count) element matching `selector`, timed until the charts show the new state. */
function timeClick(selector: string, n: number): string {
  return timeCharts(`const marks = document.querySelectorAll(${JSON.stringify(selector)});
    marks[${n} % marks.length].dispatchEvent(new MouseEvent('click', { bubbles: true }));`);
}

/** In-page code: types `value` into the number field `name` of the filter bar, timed until the charts show it. */
function timeNumberChange(name: string, value: number): string {
  return timeCharts(`const input = document.querySelector('input[name=${name}]');
    input.value = ${JSON.stringify(String(value))};
    input.dispatchEvent(new Event('change', { bubbles: true }));`);
}

/** In-page code: goes back one step in the history, timed until the charts show it. */
const timeBack = timeCharts('history.back();');

/**
 * In-page code that clicks `selector` in the account table and resolves with the
 * milliseconds until the table shows a new state and the next frame is painted.
 */
function timeTableClick(selector: string): string {
  return `new Promise((resolve) => {
    const table = document.querySelector('[data-account-table]');
    const before = table.dataset.shown;
    const started = performance.now();
    const observer = new MutationObserver(() => {
      if (table.dataset.shown !== before) {
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - started));
      }
    });
    observer.observe(table, { attributes: true, attributeFilter: ['data-shown'] });
    table.querySelector(${JSON.stringify(selector)}).click();
  })`;
}

/** A fresh browser context on `url`, once the page is ready for its first filter change. */
async function readyPage(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => document.documentElement.dataset.report === 'ready', null, { timeout: 60_000 });
  return { context, page };
}

/**
 * Milliseconds from navigation until the engine is up and warm (`report:engine-warm`): until then a change that the
 * page's answers do not hold waits for it. The timed changes start after it, so they measure the engine, not its start.
 */
async function engineWarmAt(page: Page): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName('report:engine-warm').length > 0, null, { timeout: 60_000 });
  return (await page.evaluate(() => performance.getEntriesByName('report:engine-warm')[0]?.startTime ?? Number.NaN)) as number;
}

/** Every [name, value] of the page's region, size band and plan filters (those it has), for filter changes. */
async function filterValues(page: Page): Promise<[string, string][]> {
  return (await page.evaluate(
    `[...document.querySelectorAll('select[name=region], select[name=size_band], select[name=plan]')].flatMap((s) => [...s.options].map((o) => [s.name, o.value]))`,
  )) as [string, string][];
}

/**
 * `changes` filter changes over `values` (spread over them), each timed until the charts show
 * it: back to back, or each after the reader looks at the page for `pause` ms.
 */
async function timeFilterChanges(page: Page, values: readonly [string, string][], pause = 0): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < changes; i++) {
    const [name, value] = values[(i * 7) % values.length]!;
    if (pause) await page.waitForTimeout(pause);
    times.push((await page.evaluate(timeFilterChange(name, value))) as number);
  }
  return times;
}

const sortColumns = ACCOUNT_COLUMNS.map((column) => column.key);

rmSync(OUT, { recursive: true, force: true });
process.stderr.write('Building the default data and the site...\n');
const dataDir = BENCH_DATA;
await buildBenchData();
const siteDir = join(OUT, 'site');
await buildSite({ base: BASE, dataDir, outDir: siteDir });
const html = readFileSync(join(siteDir, 'index.html'), 'utf8');
// Charts drawn in the HTML as SVG (each counted once: a chart may carry a second drawing for a phone's card).
const svgInHtml = (html.match(/data-kind="plot"/g) ?? []).length;
const initial = initialScriptBytes(siteDir, html);

const site = await serveStatic(siteDir, BASE);
const browser = await launchBrowser();
const fcp: number[] = [];
const ready: number[] = [];
const firstChangeTimes: number[] = [];
const warm: number[] = [];
const bytesBefore: number[] = [];
const bytesAfter: number[] = [];
const filterTimes: number[] = [];
const lookedFilterTimes: number[] = [];
const riskReady: number[] = [];
const riskWarm: number[] = [];
const firstSortTimes: number[] = [];
const firstRows: number[] = [];
const sortTimes: number[] = [];
const pageTimes: number[] = [];
const riskFilterTimes: number[] = [];
const riskChartTimes: number[] = [];
const journeysReady: number[] = [];
const journeysWarm: number[] = [];
const stageTimes: number[] = [];
const journeysFilterTimes: number[] = [];
const journeysLookedTimes: number[] = [];
const healthReady: number[] = [];
const healthWarm: number[] = [];
const accountOpenTimes: number[] = [];
const drillTimes: number[] = [];
const csReady: number[] = [];
const csWarm: number[] = [];
const weightTimes: number[] = [];
/** Scripts the executive summary fetched, up to and after its first filter changes (one page load). */
const fetchedScripts = new Set<string>();
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    if (run === 0) page.on('request', (request) => fetchedScripts.add(new URL(request.url()).pathname.split('/_assets/')[1] ?? ''));
    const sentBefore = site.bytesSent();
    await page.goto(site.url, { waitUntil: 'load' });
    const loaded = site.bytesSent() - sentBefore;
    await page.waitForFunction(() => document.documentElement.dataset.report === 'ready', null, { timeout: 60_000 });
    const timing = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      ready: performance.getEntriesByName('report:ready')[0]?.startTime ?? Number.NaN,
    }));
    fcp.push(timing.fcp);
    ready.push(timing.ready);
    bytesBefore.push(loaded);
    const values = await filterValues(page);
    // A reader's first change, made as soon as the page is ready: one region (one choice away from the default).
    const [region, value] = values.find(([name, v]) => name === 'region' && v !== '')!;
    firstChangeTimes.push((await page.evaluate(timeFilterChange(region, value))) as number);
    warm.push(await engineWarmAt(page));
    bytesAfter.push(site.bytesSent() - sentBefore);
    // Filter changes: set a select, wait until the charts show it and the frame is painted.
    filterTimes.push(...(await timeFilterChanges(page, values)));
    lookedFilterTimes.push(...(await timeFilterChanges(page, values.toReversed(), look)));
    await context.close();
    process.stderr.write(`  run ${run + 1}/${runs}: first paint ${ms(timing.fcp).text}, ready ${ms(timing.ready).text}\n`);
  }
  // The risk page: the account table over every account, and filter changes that re-render it with the charts.
  for (let run = 0; run < runs; run++) {
    const { context, page } = await readyPage(browser, `${site.url}risk/`);
    const timing = await page.evaluate(() => ({
      ready: performance.getEntriesByName('report:ready')[0]?.startTime ?? Number.NaN,
      firstRows: performance.getEntriesByName('accounts:rows')[0]?.duration ?? Number.NaN,
    }));
    riskReady.push(timing.ready);
    firstRows.push(timing.firstRows);
    // A reader's first sort, made as soon as the page is ready (one click away: from the page's answers).
    firstSortTimes.push((await page.evaluate(timeTableClick('th button[data-sort="account_name"]'))) as number);
    riskWarm.push(await engineWarmAt(page));
    // The timed sorts, pages and filter changes run under a search, which the page's answers do not hold: they measure the engine.
    await page.fill('[data-account-table] input[name=search]', 'e');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-account-table]')?.dataset.shown?.split('|')[1] === 'e', null, {
      timeout: 60_000,
    });
    // Every column in turn (its first direction), then each again (the other direction), and so on.
    for (let i = 0; i < clicks; i++) {
      sortTimes.push((await page.evaluate(timeTableClick(`th button[data-sort="${sortColumns[i % sortColumns.length]}"]`))) as number);
    }
    // Paging as a reader pages: forward, to the end, back, to the start (the enabled buttons only).
    for (let i = 0; i < clicks; i++) {
      const moves = ['next', 'next', 'last', 'previous', 'previous', 'first'];
      let move = moves[i % moves.length]!;
      if (await page.locator(`[data-account-table] button[data-page="${move}"]`).isDisabled())
        move = move === 'previous' || move === 'first' ? 'next' : 'previous';
      pageTimes.push((await page.evaluate(timeTableClick(`button[data-page="${move}"]`))) as number);
    }
    riskFilterTimes.push(...(await timeFilterChanges(page, await filterValues(page))));
    riskChartTimes.push(...((await page.evaluate(() => performance.getEntriesByName('report:charts').map((entry) => entry.duration))) as number[]));
    await context.close();
    process.stderr.write(`  risk page run ${run + 1}/${runs}: ready ${ms(timing.ready).text}, first rows ${ms(timing.firstRows).text}\n`);
  }
  // The journeys page: clicks in the Sankey's stage picker, then filter changes, each re-drawing the Sankey with the other charts.
  for (let run = 0; run < runs; run++) {
    const { context, page } = await readyPage(browser, `${site.url}journeys/`);
    const ready = (await page.evaluate(() => performance.getEntriesByName('report:ready')[0]?.startTime ?? Number.NaN)) as number;
    journeysReady.push(ready);
    journeysWarm.push(await engineWarmAt(page));
    for (let i = 0; i < changes; i++) stageTimes.push((await page.evaluate(timeStageClick(i * 7))) as number);
    const values = await filterValues(page);
    journeysFilterTimes.push(...(await timeFilterChanges(page, values)));
    journeysLookedTimes.push(...(await timeFilterChanges(page, values.toReversed(), look)));
    await context.close();
    process.stderr.write(`  journeys page run ${run + 1}/${runs}: ready ${ms(ready).text}\n`);
  }
  // The account-health page: a search's results, then accounts opened from them (and Back), then drill steps down and Back up.
  for (let run = 0; run < runs; run++) {
    const { context, page } = await readyPage(browser, `${site.url}account-health/?find=harbor`);
    const ready = (await page.evaluate(() => performance.getEntriesByName('report:ready')[0]?.startTime ?? Number.NaN)) as number;
    healthReady.push(ready);
    healthWarm.push(await engineWarmAt(page));
    for (let i = 0; i < clicks; i++) {
      accountOpenTimes.push((await page.evaluate(timeClick('#health-find tbody th button', i))) as number);
      await page.evaluate(timeBack);
    }
    for (let i = 0; i < clicks; i++) {
      drillTimes.push((await page.evaluate(timeClick('#health-drill rect[data-filter="drill"]', i))) as number);
      drillTimes.push((await page.evaluate(timeBack)) as number);
    }
    await context.close();
    process.stderr.write(`  account-health page run ${run + 1}/${runs}: ready ${ms(ready).text}\n`);
  }
  // The CS-operations page: the deal-score weights moved in turn (each change re-scores, re-routes and re-renders).
  for (let run = 0; run < runs; run++) {
    const { context, page } = await readyPage(browser, `${site.url}cs-operations/`);
    const ready = (await page.evaluate(() => performance.getEntriesByName('report:ready')[0]?.startTime ?? Number.NaN)) as number;
    csReady.push(ready);
    csWarm.push(await engineWarmAt(page));
    for (let i = 0; i < changes; i++) {
      // w1 and w2 alternate, each over the steps 0 to 1, never repeating the value shown.
      const value = ((i * 7) % 21) / 20;
      weightTimes.push((await page.evaluate(timeNumberChange(i % 2 ? 'w2' : 'w1', value === 0.7 ? 0.75 : value))) as number);
    }
    await context.close();
    process.stderr.write(`  cs-operations page run ${run + 1}/${runs}: ready ${ms(ready).text}\n`);
  }
} finally {
  await browser.close();
  await site.close();
}

const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');
/** The p-th percentile of `times`, in ms. */
const p = (times: readonly number[], at: number): Measure => ms(percentile(times, at));
/** The target column of a p95 row: `under LIMIT ms: met` or `MISSED`. */
const under = (times: readonly number[], limit: number, label = '') => `under ${limit} ms${label}: ${mark(percentile(times, 95) < limit)}`;
const report = new BenchReport('site', { runs, changes, clicks, look });
// The back-to-back rows keep their names, so bench:compare matches them with runs from before the paced ones.
const looked = `after the reader looks at the page for ${look} ms (rows fetched ahead)`;
report.table({
  name: 'executive summary',
  title: `Site benchmark (${report.result.date}): ${runs} cold-cache loads, ${filterTimes.length} filter changes back to back and ${lookedFilterTimes.length} paced`,
  columns: ['measure', 'median', 'target'],
  rows: [
    ['charts drawn in the HTML (SVG, no JavaScript needed)', svgInHtml, `charts at first paint: ${mark(svgInHtml > 0)}`],
    ['first contentful paint', ms(median(fcp)), ''],
    ['ready for the first filter change (from navigation)', ms(median(ready)), `under 1500 ms: ${mark(median(ready) < 1500)}`],
    ["a first filter change made at ready (one region: from the page's answers)", ms(median(firstChangeTimes)), ''],
    ['engine up and warm, every change answerable (from navigation)', ms(median(warm)), ''],
    ['filter change to re-rendered charts, p50', p(filterTimes, 50), ''],
    ['filter change to re-rendered charts, p95', p(filterTimes, 95), under(filterTimes, 50)],
    [`filter change to re-rendered charts ${looked}, p50`, p(lookedFilterTimes, 50), ''],
    [`filter change to re-rendered charts ${looked}, p95`, p(lookedFilterTimes, 95), under(lookedFilterTimes, 50)],
    ['bytes served until the load event (before the engine)', kb(median(bytesBefore)), ''],
    ['bytes served until the engine is warm (engine and data; uncompressed)', kb(median(bytesAfter)), ''],
    ['JavaScript before the first interaction (gzip, no WebAssembly)', kb(initial.gzip), `under 150 KB: ${mark(initial.gzip < 150 * 1024)}`],
    [
      'JavaScript fetched lazily by the page, up to and after its first filter changes (gzip, no WebAssembly)',
      kb(scriptBytes(siteDir, fetchedScripts, initial.files)),
      '',
    ],
    ['(every lazy script of the site, all pages: gzip)', kb(scriptBytes(siteDir, readdirSync(join(siteDir, '_assets')), initial.files)), ''],
  ],
});

const accountRows = (
  JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8')) as { tables: { name: string; rows: number; bytes: number }[] }
).tables.find((t) => t.name === 'account_monthly');
report.table({
  name: 'risk page',
  title: `Account table on the risk page (${runs} cold-cache loads; ${sortTimes.length} sorts, ${pageTimes.length} page changes, ${riskFilterTimes.length} filter changes; account_monthly: ${accountRows?.rows.toLocaleString('en-US')} rows, ${kb(accountRows?.bytes ?? 0).text})`,
  columns: ['measure', 'median / percentile', 'target'],
  rows: [
    ['ready (charts and table interactive, from navigation)', ms(median(riskReady)), `under 2500 ms: ${mark(median(riskReady) < 2500)}`],
    ["a first sort made at ready (by name: from the page's answers)", ms(median(firstSortTimes)), ''],
    ['engine up and warm, every change answerable (from navigation)', ms(median(riskWarm)), ''],
    ['first rows once the page asks for them (count + first page, statements prepared)', ms(median(firstRows)), ''],
    ['sort to re-rendered rows (under a search: from the engine), p50', p(sortTimes, 50), ''],
    ['sort to re-rendered rows (under a search: from the engine), p95', p(sortTimes, 95), under(sortTimes, 300)],
    ['page change to re-rendered rows (under a search), p50', p(pageTimes, 50), ''],
    ['page change to re-rendered rows (under a search), p95', p(pageTimes, 95), under(pageTimes, 300)],
    ['filter change to re-rendered charts (queries and paint, table still updating), p50', p(riskChartTimes, 50), ''],
    ['filter change to re-rendered charts (queries and paint, table still updating), p95', p(riskChartTimes, 95), under(riskChartTimes, 100)],
    ['filter change to re-rendered charts and table, p50', p(riskFilterTimes, 50), ''],
    ['filter change to re-rendered charts and table, p95', p(riskFilterTimes, 95), under(riskFilterTimes, 300, ' (account-level)')],
  ],
});

report.table({
  name: 'journeys page',
  title: `The customer journeys page (${runs} cold-cache loads; ${stageTimes.length} clicks in the Sankey's stage picker, then ${journeysFilterTimes.length} filter changes; every chart of the page is re-drawn with the Sankey)`,
  columns: ['measure', 'median / percentile', 'target'],
  rows: [
    ['ready for the first change (from navigation)', ms(median(journeysReady)), ''],
    ['engine up and warm (from navigation)', ms(median(journeysWarm)), ''],
    ['stage change to re-drawn Sankey, p50', p(stageTimes, 50), ''],
    ['stage change to re-drawn Sankey, p95', p(stageTimes, 95), under(stageTimes, 100)],
    ['filter change to re-drawn Sankey, p50', p(journeysFilterTimes, 50), ''],
    ['filter change to re-drawn Sankey, p95', p(journeysFilterTimes, 95), under(journeysFilterTimes, 50)],
    [`filter change to re-drawn Sankey ${looked}, p50`, p(journeysLookedTimes, 50), ''],
    [`filter change to re-drawn Sankey ${looked}, p95`, p(journeysLookedTimes, 95), under(journeysLookedTimes, 50)],
  ],
});

report.table({
  name: 'account-health page',
  title: `The account-health page (${runs} cold-cache loads with a search in the address; ${accountOpenTimes.length} accounts opened from the search results, ${drillTimes.length} drill steps down and back up)`,
  columns: ['measure', 'median / percentile', 'target'],
  rows: [
    ['ready for the first change (from navigation)', ms(median(healthReady)), ''],
    ['engine up and warm (from navigation)', ms(median(healthWarm)), ''],
    ['account opened to its page rendered, p50', p(accountOpenTimes, 50), ''],
    ['account opened to its page rendered, p95', p(accountOpenTimes, 95), under(accountOpenTimes, 300)],
    ['drill step, p50', p(drillTimes, 50), ''],
    ['drill step, p95', p(drillTimes, 95), under(drillTimes, 300)],
  ],
});

report.table({
  name: 'cs-operations page',
  title: `The CS-operations page (${runs} cold-cache loads; ${weightTimes.length} changes of a deal-score weight, each re-scoring and re-routing)`,
  columns: ['measure', 'median / percentile', 'target'],
  rows: [
    ['ready for the first change (from navigation)', ms(median(csReady)), ''],
    ['engine up and warm (from navigation)', ms(median(csWarm)), ''],
    ['weight change to re-routed and re-rendered page, p50', p(weightTimes, 50), ''],
    ['weight change to re-routed and re-rendered page, p95', p(weightTimes, 95), under(weightTimes, 100)],
  ],
});
report.save();
