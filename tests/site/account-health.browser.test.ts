/**
 * The account-health page in headless Chromium: without JavaScript (every chart, the score
 * recipe, the lowest-scoring accounts against an independent query), and with it: a search
 * by a name with & and ', the account page it leads to (its score against the published
 * account months, the components adding up to it), unknown and hostile ids dropped with a
 * note, the category choice, and the risk page's action list leading to an account page.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/site/browser.ts';
import { serveStatic, type StaticSite } from '../../scripts/site/static-server.ts';
import { pageBySlug } from '../../src/build/pages.ts';
import { formatCell, formatValue } from '../../src/lib/format.ts';
import { COMPONENT_IDS } from '../../src/lib/health.ts';
import { pageCharts } from '../../src/lib/page.ts';
import { DEFAULT_DATA, openPublished } from '../helpers/default-data.ts';
import { ROWS_SHOWN, dashboardState, filtersShown, openPage, type WatchedPage } from '../helpers/browser-page.ts';
import { SCREENSHOTS, SITE_BASE, SITE_DIR } from '../helpers/site.ts';

let browser: Browser;
let site: StaticSite;
let origin: string;
let url: string;
let query: Awaited<ReturnType<typeof openPublished>>['query'];

beforeAll(async () => {
  site = await serveStatic(SITE_DIR, SITE_BASE);
  origin = new URL(site.url).origin;
  url = `${site.url}account-health/`;
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
  ({ query } = await openPublished(DEFAULT_DATA, ['account_health', 'accounts']));
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

function expectCleanPage(watched: WatchedPage): void {
  expect(watched.foreignRequests).toEqual([]);
  expect(watched.cspViolations).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
}

/** The cells of a chart's own table, row by row. */
const tableCells = (page: Page, chartId: string) =>
  page
    .locator(`#${chartId} .chart-body tbody tr`)
    .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => (cell as HTMLElement).innerText.trim())));

describe('with JavaScript off', () => {
  it('shows every chart, the score recipe and the lowest-scoring accounts of the latest month', async () => {
    const watched = await openPage(browser, origin, { javaScriptEnabled: false });
    const { page } = watched;
    await page.goto(url);
    for (const chart of pageCharts(pageBySlug('account-health').definition)) {
      const figure = page.locator(`#${chart.id}`);
      expect(await figure.locator('.chart-title').innerText()).toBe(chart.title);
      if ((await figure.getAttribute('data-kind')) === 'plot') expect(await figure.locator('.chart-body svg').count()).toBeGreaterThan(0);
    }
    // The recipe: the score and each component, with its AUC.
    const recipe = await tableCells(page, 'health-recipe');
    expect(recipe.map((row) => row[0])).toEqual(['Health score', 'Seat utilization', 'Seat assignment', 'ARR trend', 'Seat growth', 'Tenure stage']);

    // The lowest-scoring accounts, recomputed from the published account months and accounts.
    const expected = await query<{ account_name: string; score: number; arr: number }>(`
      SELECT a.account_name, h.score, h.arr FROM account_health h JOIN accounts a USING (account_id)
      WHERE h.month = (SELECT max(month) FROM account_health)
      ORDER BY h.score, h.arr DESC NULLS LAST, h.account_id LIMIT 10`);
    const shown = await tableCells(page, 'health-lowest');
    expect(shown.map((row) => row[0])).toEqual(expected.map((row) => row.account_name));
    expect(shown.map((row) => row[3])).toEqual(expected.map((row) => String(row.score)));
    // The search and the account sections wait for a choice.
    expect(await page.locator('#health-find .chart-body').innerText()).toContain('Type a name or an id');
    expect(await page.locator('#account-summary .chart-body').innerText()).toContain('Choose an account');
    expect(await page.locator('#health-band-outcomes').locator(ROWS_SHOWN).count()).toBe(3);
    // The drill-down's root: the regions by ARR in the latest month, recomputed.
    const regions = await query<{ region: string; arr: number; n: number }>(`
      SELECT a.region, sum(h.arr) AS arr, count(*) AS n FROM account_health h JOIN accounts a USING (account_id)
      WHERE h.month = (SELECT max(month) FROM account_health) GROUP BY a.region ORDER BY arr DESC`);
    const level = await tableCells(page, 'health-drill-table');
    expect(level.map((row) => row[0])).toEqual(regions.map((r) => r.region));
    expect(level.map((row) => [row[1], row[2]])).toEqual(regions.map((r) => [formatValue(Number(r.n), 'integer'), formatCell(r.arr, 'money')]));
    expect(await page.locator('#health-drill rect[data-filter="drill"]:visible').count()).toBe(regions.length);
    await page.screenshot({ path: join(SCREENSHOTS, 'account-health-no-js.png'), fullPage: true });
    expectCleanPage(watched);
    await watched.close();
  });
});

describe('with JavaScript on', () => {
  it("finds an account by a name with & and ', opens its page, and its components add up to its score", async () => {
    const watched = await openPage(browser, origin);
    const { page } = watched;
    await page.goto(url);
    expect(await dashboardState(page)).toBe('ready');
    const name = "Kaur & D'Souza";
    await page.fill('input[name=find]', name);
    await page.locator('input[name=find]').press('Enter');
    await filtersShown(page, `?${new URLSearchParams({ find: name })}`);
    const matches = await query<{ account_id: string; account_name: string }>(`
      SELECT DISTINCT a.account_id, a.account_name FROM accounts a JOIN account_health h USING (account_id)
      WHERE contains(lower(a.account_name), lower('${name.replaceAll("'", "''")}'))`);
    expect(matches.length).toBeGreaterThan(0);
    const found = await tableCells(page, 'health-find');
    expect(found.length).toBe(Math.min(10, matches.length));
    expect(new Set(found.map((row) => row[0]))).toEqual(new Set(matches.map((m) => m.account_name)));

    // Choose the first: the page shows that account.
    const button = page.locator('#health-find .chart-body tbody th button').first();
    const id = (await button.getAttribute('data-value'))!;
    await button.click();
    await filtersShown(page, `?${new URLSearchParams({ find: name, account: id })}`);
    const months = await query<{ month: string; score: number; arr: number } & Record<string, number | null>>(
      `SELECT month, score, arr, ${COMPONENT_IDS.map((c) => `${c}_points`).join(', ')} FROM account_health WHERE account_id = '${id}' ORDER BY month`,
    );
    const latest = months[months.length - 1]!;
    expect(await page.locator('#account-summary .chart-body').innerText()).toContain(`(${id})`);
    expect(await page.locator('#account-summary [data-kpi="score"] .kpi-value').innerText()).toBe(String(latest.score));
    expect(await page.locator('#account-summary [data-kpi="arr"] .kpi-value').innerText()).toBe(formatValue(latest.arr, 'money'));

    // How the number was generated: points as published, contributions adding up to the score (before rounding).
    const components = await tableCells(page, 'account-components');
    expect(components).toHaveLength(COMPONENT_IDS.length + 1);
    COMPONENT_IDS.forEach((component, i) => {
      const points = latest[`${component}_points`];
      expect(components[i]![2]).toBe(points === null ? '–' : String(points));
    });
    const contributions = components.slice(0, -1).map((row) => Number(row[5]));
    const total = components.at(-1)!;
    expect(Math.abs(contributions.reduce((a, b) => a + b, 0) - Number(total[5]))).toBeLessThanOrEqual(0.051 * COMPONENT_IDS.length);
    expect(Math.round(Number(total[5]))).toBe(latest.score);
    expect(total[2]).toBe(String(latest.score));

    // Its history and its score against its peers, one row per month of the account.
    expect(await page.locator(`#account-history .chart-body tbody tr`).count()).toBe(months.length);
    expect(await page.locator('#account-trend .chart-summary').innerText()).toContain(`the account scores ${latest.score}`);
    await page.screenshot({ path: join(SCREENSHOTS, 'account-health-account.png'), fullPage: true });

    // Back goes to the search.
    await page.goBack();
    await filtersShown(page, `?${new URLSearchParams({ find: name })}`);
    expect(await page.locator('#account-summary .chart-body').innerText()).toContain('Choose an account');
    expectCleanPage(watched);
    await watched.close();
  });

  it('drops an unknown id and a hostile one with a note, and nothing breaks', async () => {
    const watched = await openPage(browser, origin);
    const { page } = watched;
    await page.goto(`${url}?account=A99999999`);
    expect(await dashboardState(page)).toBe('ready');
    await filtersShown(page, '');
    expect(await page.locator('.notice.info').allInnerTexts()).toEqual([
      'Ignored the account value "A99999999" from the address: no row of accounts has this account_id.',
    ]);
    await page.goto(`${url}?${new URLSearchParams({ account: "A1' OR '1'='1" })}`);
    expect(await dashboardState(page)).toBe('ready');
    await filtersShown(page, '');
    expect(await page.locator('.notice.info').allInnerTexts()).toEqual([`Ignored the account value "A1' OR '1'='1" from the address: it is not a valid id.`]);
    expect(await page.locator('#health-lowest .chart-body tbody tr').count()).toBe(10);
    expectCleanPage(watched);
    await watched.close();
  });

  it('switches the categories, and the lowest-scoring accounts open their page', async () => {
    const watched = await openPage(browser, origin);
    const { page } = watched;
    await page.goto(url);
    expect(await dashboardState(page)).toBe('ready');
    await page.selectOption('select[name=category]', 'size_band');
    await filtersShown(page, '?category=size_band');
    expect(await page.locator('#health-categories .chart-summary').innerText()).toMatch(/^By size band \(company size\), the largest red share is in /);
    const first = page.locator('#health-lowest .chart-body tbody th button').first();
    const id = (await first.getAttribute('data-value'))!;
    await first.click();
    await filtersShown(page, `?category=size_band&account=${id}`);
    expect(await page.locator('#account-summary .chart-body').innerText()).toContain(`(${id})`);
    expectCleanPage(watched);
    await watched.close();
  });

  it('drills from a region to an account, with breadcrumbs and Back going up one level', async () => {
    const watched = await openPage(browser, origin);
    const { page } = watched;
    await page.goto(url);
    expect(await dashboardState(page)).toBe('ready');
    // Down: the largest region, its largest country, its largest industry, each a tile or a row.
    const [top] = await query<{ region: string; country: string; industry: string }>(`
      WITH latest AS (SELECT h.*, a.region, a.country, a.industry FROM account_health h JOIN accounts a USING (account_id)
                      WHERE h.month = (SELECT max(month) FROM account_health)),
      r AS (SELECT region FROM latest GROUP BY region ORDER BY sum(arr) DESC LIMIT 1),
      c AS (SELECT country FROM latest WHERE region = (SELECT region FROM r) GROUP BY country ORDER BY sum(arr) DESC LIMIT 1),
      i AS (SELECT industry FROM latest WHERE region = (SELECT region FROM r) AND country = (SELECT country FROM c) GROUP BY industry ORDER BY sum(arr) DESC LIMIT 1)
      SELECT (SELECT region FROM r) AS region, (SELECT country FROM c) AS country, (SELECT industry FROM i) AS industry`);
    const { region, country, industry } = top!;
    await page.locator(`#health-drill rect[data-value="${region}"]:visible`).dispatchEvent('click');
    await filtersShown(page, `?${new URLSearchParams({ drill: region })}`);
    await page.locator('#health-drill-table tbody th button').first().click();
    await filtersShown(page, `?${new URLSearchParams({ drill: `${region}/${country}` })}`);
    expect((await tableCells(page, 'health-drill-table'))[0]![0]).toBe(industry);
    await page.locator(`#health-drill rect[data-value="${region}/${country}/${industry}"]`).dispatchEvent('click');
    await filtersShown(page, `?${new URLSearchParams({ drill: `${region}/${country}/${industry}` })}`);
    expect(await page.locator('#health-drill-table .breadcrumbs li').allTextContents()).toEqual(['All regions', region, country, industry]);

    // The leaves are accounts, largest ARR first, recomputed; one opens the account page.
    const accounts = await query<{ account_id: string; account_name: string }>(`
      SELECT h.account_id, a.account_name FROM account_health h JOIN accounts a USING (account_id)
      WHERE h.month = (SELECT max(month) FROM account_health) AND a.region = '${region}' AND a.country = '${country}' AND a.industry = '${industry}'
      ORDER BY h.arr DESC NULLS LAST, h.account_id LIMIT 3`);
    expect((await tableCells(page, 'health-drill-table')).slice(0, 3).map((row) => row[0])).toEqual(accounts.map((a) => a.account_name));
    await page.locator(`#health-drill rect[data-value="${accounts[0]!.account_id}"]`).dispatchEvent('click');
    await filtersShown(page, `?${new URLSearchParams({ account: accounts[0]!.account_id, drill: `${region}/${country}/${industry}` })}`);
    expect(await page.locator('#account-summary .chart-body').innerText()).toContain(`(${accounts[0]!.account_id})`);

    // Back: to the industry, then up one level; a breadcrumb goes to the root.
    await page.goBack();
    await filtersShown(page, `?${new URLSearchParams({ drill: `${region}/${country}/${industry}` })}`);
    await page.goBack();
    await filtersShown(page, `?${new URLSearchParams({ drill: `${region}/${country}` })}`);
    await page.locator('#health-drill-table .crumb', { hasText: 'All regions' }).click();
    await filtersShown(page, '');
    expect(await page.locator('#health-drill rect[data-filter="drill"]').count()).toBeGreaterThan(1);
    expectCleanPage(watched);
    await watched.close();
  });

  it("the risk page's action list links each account to its page", async () => {
    const watched = await openPage(browser, origin);
    const { page } = watched;
    await page.goto(`${site.url}risk/`);
    const link = page.locator('#action-list .chart-body tbody a').first();
    const name = await link.innerText();
    await link.click();
    await page.waitForURL(/account-health\/\?account=/);
    expect(await dashboardState(page)).toBe('ready');
    expect(await page.locator('#account-summary .chart-body').innerText()).toContain(name);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SCREENSHOTS, 'account-health-account-phone.png'), fullPage: true });
    expectCleanPage(watched);
    await watched.close();
  });
});
