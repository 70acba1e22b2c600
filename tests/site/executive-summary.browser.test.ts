/**
 * The executive summary in a real headless Chromium, served under a non-root base path:
 * static content without JavaScript, filters and URL state, cross-filtering, hostile URLs,
 * a first change answered before the engine is up, failure of WebAssembly, no foreign requests, no CSP violations, accessibility, and
 * screenshots for review.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/site/browser.ts';
import { serveStatic, type StaticSite } from '../../scripts/site/static-server.ts';
import { runQuery } from '../../src/build/duckdb-node.ts';
import { pageBySlug } from '../../src/build/pages.ts';
import { healthChart, kpiChart } from '../../src/lib/charts/executive-summary.ts';
import { pageCharts } from '../../src/lib/page.ts';
import type { ParameterState } from '../../src/lib/parameters.ts';
import { formatValue } from '../../src/lib/format.ts';
import { bindQuery } from '../../src/lib/query.ts';
import { DEFAULT_DATA, openPublished } from '../helpers/default-data.ts';
import { ROWS_SHOWN, dashboardState, draftedAhead, filtersShown, holdEngine, openPage, type WatchedPage } from '../helpers/browser-page.ts';
import { SCREENSHOTS, SITE_BASE, SITE_DIR } from '../helpers/site.ts';
import { PHONE_BODY_WIDTH } from '../../src/lib/charts/fit-width.ts';

let browser: Browser;
let site: StaticSite;
let origin: string;
const pages: WatchedPage[] = [];

beforeAll(async () => {
  site = await serveStatic(SITE_DIR, SITE_BASE);
  origin = new URL(site.url).origin;
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function open(options: Parameters<typeof openPage>[2] = {}): Promise<WatchedPage> {
  const watched = await openPage(browser, origin, options);
  pages.push(watched);
  return watched;
}

/** The executive summary opened in a fresh context, once it is ready for its first change. */
async function openReady(): Promise<WatchedPage> {
  const watched = await open();
  await watched.page.goto(site.url);
  expect(await dashboardState(watched.page)).toBe('ready');
  return watched;
}

/** Drops the browser's own console report of the missing answers file (a 404): the page adds no error of its own. */
function withoutMissingAnswers(watched: WatchedPage): void {
  watched.consoleErrors.splice(0, watched.consoleErrors.length, ...watched.consoleErrors.filter((e) => !/404/.test(e)));
}

/** The page opened with its engine held back, after a first change to Japan (one its answers hold); `release` lets the engine load. */
async function japanBeforeTheEngine(): Promise<{ watched: WatchedPage; page: WatchedPage['page']; release: () => void }> {
  const watched = await open();
  const { page } = watched;
  const release = await holdEngine(page);
  await page.goto(site.url);
  expect(await dashboardState(page)).toBe('ready');
  await page.selectOption('select[name=region]', 'Japan');
  await filtersShown(page, '?region=Japan');
  return { watched, page, release };
}

/** The KPI card's value as the page shows it. */
function kpiValue(watched: WatchedPage, key: string): Promise<string> {
  return watched.page.locator(`[data-kpi="${key}"] .kpi-value`).innerText();
}

/** The KPI values for a filter state, computed in node from the cube (the build-time engine). */
async function expectedKpis(state: ParameterState): Promise<Record<string, string>> {
  const rows = await runQuery(bindQuery(kpiChart.query, state), DEFAULT_DATA);
  const month = state.month ?? rows[rows.length - 1]!.month;
  const row = rows.find((r) => r.month === month)!;
  return { utilization_rate: formatValue(row.utilization_rate, 'percent'), customers: formatValue(row.customers, 'integer') };
}

function expectCleanPage(watched: WatchedPage): void {
  expect(watched.foreignRequests).toEqual([]);
  expect(watched.cspViolations).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
}

describe('with JavaScript off', () => {
  it('shows every chart and the KPI values in the HTML', async () => {
    const watched = await open({ javaScriptEnabled: false });
    await watched.page.goto(site.url);
    for (const chart of pageCharts(pageBySlug('').definition)) {
      const figure = watched.page.locator(`#${chart.id}`);
      await expect(figure.locator('.chart-title').innerText()).resolves.toBe(chart.title);
      const kind = await figure.getAttribute('data-kind');
      if (kind === 'plot') expect(await figure.locator('.chart-body svg').count()).toBeGreaterThan(0);
      expect(await figure.locator(ROWS_SHOWN).count()).toBeGreaterThan(0);
    }
    // The KPI figures, checked against an independent query over the account-level table.
    const { query } = await openPublished(DEFAULT_DATA, ['master_usage']);
    const [truth] = await query<{ utilization: number; customers: number }>(
      `SELECT avg(utilization_rate) AS utilization, count(DISTINCT account_id) AS customers FROM master_usage WHERE month = (SELECT max(month) FROM master_usage)`,
    );
    expect(await kpiValue(watched, 'utilization_rate')).toBe(formatValue(truth!.utilization, 'percent'));
    expect(await kpiValue(watched, 'customers')).toBe(formatValue(truth!.customers, 'integer'));
    expect(await watched.page.locator('select[name=region]').isDisabled()).toBe(true);
    await watched.page.screenshot({ path: join(SCREENSHOTS, 'executive-summary-no-js.png'), fullPage: true });
    expectCleanPage(watched);
  });
});

describe('with JavaScript on', () => {
  it('filters update the charts and the URL; back and forward restore the state', async () => {
    const watched = await openReady();
    const { page } = watched;
    const staticTables = await page.locator('.table-wrap').evaluateAll((nodes) => nodes.map((n) => n.innerHTML));

    await page.selectOption('select[name=region]', 'Japan');
    await filtersShown(page, '?region=Japan');
    expect(new URL(page.url()).search).toBe('?region=Japan');
    expect(await kpiValue(watched, 'customers')).toBe((await expectedKpis({ region: 'Japan' })).customers);
    expect(await page.locator('#region-treemap .chart-body rect[data-filter]').count()).toBe(1);
    expect(await page.locator('#region-ranking .sql-params').textContent()).toContain('$1 = region: Japan');

    await page.selectOption('select[name=plan]', 'pro');
    await filtersShown(page, '?region=Japan&plan=pro');
    expect(await kpiValue(watched, 'customers')).toBe((await expectedKpis({ region: 'Japan', plan: 'pro' })).customers);

    await page.goBack();
    await filtersShown(page, '?region=Japan');
    expect(await page.locator('select[name=plan]').inputValue()).toBe('');
    expect(await page.locator('select[name=region]').inputValue()).toBe('Japan');
    await page.goForward();
    await filtersShown(page, '?region=Japan&plan=pro');

    // Reset: the browser engine's unfiltered view equals the build-time view.
    await page.click('button.reset');
    await filtersShown(page, '');
    expect(new URL(page.url()).search).toBe('');
    expect(await page.locator('.table-wrap').evaluateAll((nodes) => nodes.map((n) => n.innerHTML))).toEqual(staticTables);
    expectCleanPage(watched);
  });

  it('fetches the states one choice away while the reader looks, so a change to one of them runs no query', async () => {
    const watched = await openReady();
    const { page } = watched;
    const options = (name: string) => page.locator(`select[name=${name}] option`).evaluateAll((nodes) => nodes.map((n) => (n as HTMLOptionElement).value));
    const [, region] = await options('region');
    const [, sizeBand] = await options('size_band');
    /** How many states the n-th fetch ahead got through (they are fetched in the bar's order). */
    const fetchedAhead = async (n: number) => {
      await page.waitForFunction((count) => performance.getEntriesByName('report:fetch-ahead').length === count, n, { timeout: 60_000 });
      return page.evaluate((at) => (performance.getEntriesByName('report:fetch-ahead')[at] as PerformanceMeasure).detail.states as number, n - 1);
    };
    const queries = () => page.evaluate(() => performance.getEntriesByName('report:query').length);

    // From the first state, the first state fetched ahead is the first region.
    expect(await fetchedAhead(1)).toBeGreaterThanOrEqual(1);
    const before = await queries();
    await page.selectOption('select[name=region]', region!);
    await filtersShown(page, `?region=${encodeURIComponent(region!)}`);
    expect(await queries()).toBe(before);
    // The rows kept are those of the state shown: the same figures as the build-time engine's.
    expect(await kpiValue(watched, 'customers')).toBe((await expectedKpis({ region: region! })).customers);
    expect(await page.locator('#region-ranking .sql-params').textContent()).toContain(`$1 = region: ${region}`);

    // From there, after clearing the region and the other regions, the first size band: two choices from the first state.
    const regions = (await options('region')).length - 1;
    expect(await fetchedAhead(2)).toBeGreaterThanOrEqual(regions + 1);
    const fetched = await queries();
    expect(fetched).toBeGreaterThan(before);
    await page.selectOption('select[name=size_band]', sizeBand!);
    await filtersShown(page, `?region=${encodeURIComponent(region!)}&size_band=${encodeURIComponent(sizeBand!)}`);
    expect(await queries()).toBe(fetched);
    expect(await kpiValue(watched, 'customers')).toBe((await expectedKpis({ region: region!, size_band: sizeBand! })).customers);
    expectCleanPage(watched);
  });

  it('works out each chart while the engine answers the next query, and writes every chart to the page in one pass', async () => {
    const watched = await open();
    const { page } = watched;
    // Without its answers the page runs every change on the engine.
    await page.route('**/answers/*.json', (route) => route.fulfill({ status: 404, body: '' }));
    await page.goto(site.url);
    expect(await dashboardState(page)).toBe('ready');
    await page.evaluate(() => {
      const w = window as unknown as { chartWrites: string[][] };
      w.chartWrites = [];
      new MutationObserver((records) => {
        const charts = new Set(records.flatMap((r) => [(r.target as Element).closest?.('[data-chart]')?.id ?? ''].filter(Boolean)));
        if (charts.size) w.chartWrites.push([...charts].sort());
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
      performance.clearMeasures();
    });
    const queriesBefore = await page.evaluate(() => performance.getEntriesByName('report:query').length);
    await page.selectOption('select[name=region]', 'Japan');
    await filtersShown(page, '?region=Japan');
    const { writes, queriesEnd, paints } = await page.evaluate(() => ({
      writes: (window as unknown as { chartWrites: string[][] }).chartWrites,
      queriesEnd: performance.getEntriesByName('report:queries').map((m) => m.startTime + m.duration),
      paints: performance
        .getEntriesByType('measure')
        .filter((m) => m.name.startsWith('report:paint:'))
        .map((m) => m.startTime),
    }));
    expect(await page.evaluate(() => performance.getEntriesByName('report:query').length)).toBeGreaterThan(queriesBefore);
    // One pass: a single batch of mutations holds every chart the change repainted, the five of the page.
    expect(writes).toEqual([
      pageCharts(pageBySlug('').definition)
        .map((chart) => chart.id)
        .sort(),
    ]);
    // The first chart's painting was worked out before the last query's rows arrived.
    expect(queriesEnd).toHaveLength(1);
    expect(Math.min(...paints)).toBeLessThan(queriesEnd[0]!);
    withoutMissingAnswers(watched);
    expectCleanPage(watched);
  });

  it('drafts every chart once off the page in idle time, so a first change does not run Plot on cold code', async () => {
    const watched = await openReady();
    const { page } = watched;
    const staticCharts = await page.locator('.chart-body').evaluateAll((nodes) => nodes.map((n) => n.innerHTML));
    expect(await draftedAhead(page)).toEqual({ charts: pageCharts(pageBySlug('').definition).length, stopped: 'done' });
    // The drafts are thrown away: the page still shows the charts as built.
    expect(await page.locator('.chart-body').evaluateAll((nodes) => nodes.map((n) => n.innerHTML))).toEqual(staticCharts);
    expectCleanPage(watched);
  });

  it('drafts nothing ahead once the reader has made a change, nor in a browser without idle callbacks', async () => {
    const held = await open();
    // Idle callbacks are held until the change is shown.
    await held.page.addInitScript(() => {
      const w = window as unknown as { releaseIdle: () => void };
      const real = window.requestIdleCallback.bind(window);
      const waiting: (() => void)[] = [];
      window.requestIdleCallback = (callback, options) => {
        waiting.push(() => real(callback, options));
        return 0;
      };
      w.releaseIdle = () => {
        window.requestIdleCallback = real;
        for (const run of waiting) run();
      };
    });
    await held.page.goto(site.url);
    expect(await dashboardState(held.page)).toBe('ready');
    await held.page.selectOption('select[name=region]', 'Japan');
    await filtersShown(held.page, '?region=Japan');
    await held.page.evaluate(() => (window as unknown as { releaseIdle: () => void }).releaseIdle());
    expect(await draftedAhead(held.page)).toEqual({ charts: 0, stopped: 'reader' });
    expectCleanPage(held);

    const without = await open();
    await without.page.addInitScript(() => Reflect.deleteProperty(window, 'requestIdleCallback'));
    await without.page.goto(site.url);
    expect(await dashboardState(without.page)).toBe('ready');
    expect(await draftedAhead(without.page)).toEqual({ charts: 0, stopped: 'no idle callback' });
    expectCleanPage(without);
  });

  it('a shared URL opens filtered', async () => {
    const watched = await open();
    await watched.page.goto(`${site.url}?region=Korea&size_band=2-5&month=2026-07`);
    await filtersShown(watched.page, '?region=Korea&size_band=2-5&month=2026-07');
    const expected = await expectedKpis({ region: 'Korea', size_band: '2-5', month: '2026-07' });
    expect(await kpiValue(watched, 'utilization_rate')).toBe(expected.utilization_rate);
    expect(await kpiValue(watched, 'customers')).toBe(expected.customers);
    expect(await watched.page.locator('select[name=size_band]').inputValue()).toBe('2-5');
    await watched.page.screenshot({ path: join(SCREENSHOTS, 'executive-summary-filtered.png'), fullPage: true });
    expectCleanPage(watched);
  });

  it('clicking a region on a chart filters by it, and clicking again clears it', async () => {
    const watched = await openReady();
    const { page } = watched;
    await page.click('#region-treemap rect[data-value="ASEAN"]');
    await filtersShown(page, '?region=ASEAN');
    expect(await page.locator('select[name=region]').inputValue()).toBe('ASEAN');
    expect(await kpiValue(watched, 'customers')).toBe((await expectedKpis({ region: 'ASEAN' })).customers);
    await page.click('#region-treemap rect[data-value="ASEAN"]');
    await filtersShown(page, '');
    // Keyboard: a focused mark responds to Enter.
    await page.focus('#region-trends circle[data-value="India"]');
    await page.keyboard.press('Enter');
    await filtersShown(page, '?region=India');
    expectCleanPage(watched);
  });

  it('drops hostile URL values with a note, and nothing breaks', async () => {
    const watched = await open();
    const { page } = watched;
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    const hostile = new URLSearchParams([
      ['region', "'; DROP TABLE x; --"],
      ['plan', '<script>alert(1)</script>'],
      ['size_band', '<img src=x onerror=alert(1)>'],
      ['month', 'x'.repeat(5000)],
      ['tenure_segment', 'Q1'],
    ]);
    await page.goto(`${site.url}?${hostile}`);
    await filtersShown(page, '?tenure_segment=Q1');
    const notes = await page.locator('.notice.info').allInnerTexts();
    expect(notes).toHaveLength(4);
    expect(notes[0]).toBe(`Ignored the region value "'; DROP TABLE x; --" from the address: it is not one of the known values.`);
    expect(notes[1]).toContain('"<script>alert(1)</script>"');
    expect(await page.locator('.notices script, .notices img').count()).toBe(0);
    expect(dialogs).toBe(0);
    expect(await kpiValue(watched, 'customers')).toBe((await expectedKpis({ tenure_segment: 'Q1' })).customers);
    expectCleanPage(watched);
  });

  it('downloads the filtered rows of a chart as CSV', async () => {
    const watched = await open();
    const { page } = watched;
    await page.goto(`${site.url}?region=ANZ`);
    await filtersShown(page, '?region=ANZ');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#customer-health .download-csv')]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('movement,accounts,account_share,arr');
    const [first] = await runQuery(bindQuery(healthChart.query, { region: 'ANZ' }), DEFAULT_DATA);
    expect(csv[1]!.split(',').slice(0, 2)).toEqual([String(first!.movement), String(first!.accounts)]);
    expect(csv).toHaveLength(6);
    expectCleanPage(watched);
  });
});

describe('before the engine is up', () => {
  it("answers a first change from the page's answers, and one two choices away once the engine has started", async () => {
    const { watched, page, release } = await japanBeforeTheEngine();
    expect(await page.evaluate(() => performance.getEntriesByName('report:engine-started').length)).toBe(0);
    expect(await kpiValue(watched, 'customers')).toBe((await expectedKpis({ region: 'Japan' })).customers);
    const health = await runQuery(bindQuery(healthChart.query, { region: 'Japan' }), DEFAULT_DATA);
    expect(await page.locator(`#${healthChart.id} .table-wrap tbody tr`).count()).toBe(health.length);

    // Two choices away from the default: not among the answers, so it waits for the engine.
    await page.selectOption('select[name=plan]', 'pro');
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => document.documentElement.dataset.filters)).toBe('?region=Japan');
    await expect(page.locator('[data-filter-status]').getAttribute('data-busy')).resolves.toBe('');
    release();
    await filtersShown(page, '?region=Japan&plan=pro');
    expect(await kpiValue(watched, 'customers')).toBe((await expectedKpis({ region: 'Japan', plan: 'pro' })).customers);
    expectCleanPage(watched);
  });
});

describe('the engine of a page with answers', () => {
  it('starts once the page is ready, so its compile does not compete with the page for a core', async () => {
    const watched = await openReady();
    const { page } = watched;
    await page.waitForFunction(() => performance.getEntriesByName('report:engine-warm').length > 0, null, { timeout: 30_000 });
    const timeline = await page.evaluate(() => ({
      ready: performance.getEntriesByName('report:ready')[0]!.startTime,
      engine: performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.includes('duckdb'))
        .map((entry) => entry.startTime),
    }));
    // The engine's chunk, its worker and the probe of its module.
    expect(timeline.engine.length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...timeline.engine)).toBeGreaterThanOrEqual(timeline.ready);
    expectCleanPage(watched);
  });

  it('runs the queries of the states its answers hold before it counts as warm, even after a change they answer', async () => {
    // A change the answers hold, made before the engine is up: it needs no engine, so it does not stop the warm-up.
    const { watched, page, release } = await japanBeforeTheEngine();
    release();
    await page.waitForFunction(() => performance.getEntriesByName('report:engine-warm').length > 0, null, { timeout: 30_000 });
    const timeline = await page.evaluate(() => ({
      change: performance.getEntriesByName('report:filter').map((entry) => entry.startTime + entry.duration),
      exercises: (performance.getEntriesByName('report:engine-exercise') as PerformanceMeasure[]).map((entry) => ({
        start: entry.startTime,
        ...(entry.detail as { queries: number; stopped: string }),
      })),
    }));
    expect(timeline.change).toHaveLength(1);
    expect(timeline.exercises).toHaveLength(1);
    const [exercise] = timeline.exercises;
    expect(exercise!.start).toBeGreaterThan(timeline.change[0]!);
    // At least every chart's query under the first state one choice away (four distinct queries on this page).
    expect(exercise!.queries).toBeGreaterThanOrEqual(4);
    expect(['done', 'budget']).toContain(exercise!.stopped);
    expectCleanPage(watched);
  });

  it('starts at once when the page opens on a state its answers do not hold', async () => {
    const watched = await open();
    const { page } = watched;
    await page.goto(`${site.url}?region=Japan&plan=pro`);
    await filtersShown(page, '?region=Japan&plan=pro');
    expect(await dashboardState(page)).toBe('ready');
    const timeline = await page.evaluate(() => ({
      ready: performance.getEntriesByName('report:ready')[0]!.startTime,
      started: performance.getEntriesByName('report:engine-started')[0]!.startTime,
    }));
    expect(timeline.started).toBeLessThan(timeline.ready);
    expect(await kpiValue(watched, 'customers')).toBe((await expectedKpis({ region: 'Japan', plan: 'pro' })).customers);
    // The reader's state came first: the warm-up's exercise does not run behind it.
    await page.waitForFunction(() => performance.getEntriesByName('report:engine-warm').length > 0, null, { timeout: 30_000 });
    const exercises = await page.evaluate(() =>
      (performance.getEntriesByName('report:engine-exercise') as PerformanceMeasure[]).map((entry) => entry.detail as { queries: number; stopped: string }),
    );
    expect(exercises).toEqual([{ queries: 0, stopped: 'reader' }]);
    expectCleanPage(watched);
  });
});

describe('without its answers', () => {
  it('waits for the engine and answers every change from it', async () => {
    for (const body of [null, '{"queries": [', 'not json']) {
      const watched = await open();
      const { page } = watched;
      await page.route('**/answers/*.json', (route) =>
        body === null ? route.fulfill({ status: 404, body: '' }) : route.fulfill({ contentType: 'application/json', body }),
      );
      await page.goto(site.url);
      expect(await dashboardState(page)).toBe('ready');
      expect(await page.evaluate(() => performance.getEntriesByName('report:engine-started').length)).toBe(1);
      await page.selectOption('select[name=region]', 'Japan');
      await filtersShown(page, '?region=Japan');
      expect(await kpiValue(watched, 'customers')).toBe((await expectedKpis({ region: 'Japan' })).customers);
      // The browser itself reports a missing file; the page adds no error of its own.
      if (body === null) withoutMissingAnswers(watched);
      expectCleanPage(watched);
    }
  });
});

describe('when WebAssembly cannot load', () => {
  it('keeps the static charts, disables the filters and says why', async () => {
    const watched = await open();
    const { page } = watched;
    await page.route('**/*.wasm', (route) => route.abort());
    await page.goto(`${site.url}?region=Japan`);
    // The page may answer the address's state from its answers first; the engine's failure then switches the filters off.
    await page.waitForFunction(() => document.documentElement.dataset.report === 'failed', null, { timeout: 60_000 });
    await expect(page.locator('.notice.error').innerText()).resolves.toMatch(
      /^Interactive charts are unavailable \(.+\)\. The charts show the full data set as it was built; filters are switched off\.$/,
    );
    expect(await page.locator('select[name=region]').isDisabled()).toBe(true);
    expect(await page.locator('.chart-body svg').count()).toBeGreaterThan(2);
    expect(watched.foreignRequests).toEqual([]);
    expect(watched.cspViolations).toEqual([]);
  });
});

/** Each Plot chart's drawing (its SVG named by the chart's title: not a legend's) by chart id: the width it was drawn at, the width it shows at, its body's. */
async function plotWidths(page: Page): Promise<Record<string, { drawn: number; shown: number; body: number }>> {
  return page.evaluate(() => {
    const widths: Record<string, { drawn: number; shown: number; body: number }> = {};
    for (const figure of document.querySelectorAll<HTMLElement>('figure.chart[data-kind="plot"]')) {
      const body = figure.querySelector('.chart-body')!;
      // The drawing shown: a built page's chart carries a second one, for a phone, of which the style shows one.
      const svg = [...body.querySelectorAll<SVGSVGElement>('svg[aria-label]')].find((drawing) => drawing.getBoundingClientRect().width > 0)!;
      widths[figure.id] = { drawn: svg.width.baseVal.value, shown: svg.getBoundingClientRect().width, body: body.clientWidth };
    }
    return widths;
  });
}

describe('on a phone', () => {
  it("shows each Plot chart drawn for its card's width (the built page's phone drawing, kept), so that its text keeps its size, and draws it again when the window's width changes", async () => {
    const watched = await open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const { page } = watched;
    await page.goto(site.url);
    expect(await dashboardState(page)).toBe('ready');
    const phone = await plotWidths(page);
    // Shown at the body's width from a drawing made for it: the built page's phone drawing (345 px), which this card
    // shows at nearly its own size, so the script does not draw it again (the design, 640 px, showed at about half
    // size); the treemap, laid out in pixels before Plot draws it, laid its tiles out at that width.
    for (const id of ['region-treemap', 'customer-health', 'region-trends']) {
      expect(phone[id]!.body).toBeLessThan(400);
      expect(phone[id]!.drawn).toBe(PHONE_BODY_WIDTH);
      expect(Math.abs(phone[id]!.drawn / phone[id]!.body - 1)).toBeLessThanOrEqual(0.1);
      expect(phone[id]!.shown).toBeCloseTo(phone[id]!.body, 0);
      await expect(page.locator(`#${id} .drawing-phone svg[aria-label]`).count()).resolves.toBe(1);
    }
    // A filter change draws at the card's width too.
    await page.selectOption('select[name=region]', 'ANZ');
    await filtersShown(page, '?region=ANZ');
    expect((await plotWidths(page))['region-trends']!.drawn).toBe(phone['region-trends']!.body);
    // On a desktop-wide window each card is wide enough for the design width again.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForFunction(() => document.querySelector<SVGSVGElement>('#region-trends svg[aria-label]')?.width.baseVal.value === 640, null, {
      timeout: 10_000,
    });
    const desktop = await plotWidths(page);
    for (const id of ['region-treemap', 'customer-health', 'region-trends']) expect(desktop[id]!.drawn).toBe(640);
    expectCleanPage(watched);
  });
});

describe('accessibility and looks', () => {
  it('writes screenshots: light, dark and phone width', async () => {
    const shots = [
      { name: 'executive-summary-light.png', options: { colorScheme: 'light' as const } },
      { name: 'executive-summary-dark.png', options: { colorScheme: 'dark' as const } },
      { name: 'executive-summary-phone.png', options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
    ];
    for (const shot of shots) {
      const watched = await open(shot.options);
      await watched.page.goto(site.url);
      expect(await dashboardState(watched.page)).toBe('ready');
      await watched.page.screenshot({ path: join(SCREENSHOTS, shot.name), fullPage: true });
      expectCleanPage(watched);
    }
  });
});
