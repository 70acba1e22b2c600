/**
 * The risk and opportunity dashboard in headless Chromium: the charts and the first page
 * of the account table without JavaScript (figures checked against independent queries
 * over master_usage), filters and cross-filtering from a bubble, and the account table's
 * search (names with & and '), literal hostile search, sorting, paging and the CSV of
 * every filtered row; a first filter and sort answered before the engine is up;
 * accessibility and screenshots for review.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/site/browser.ts';
import { serveStatic, type StaticSite } from '../../scripts/site/static-server.ts';
import { ACCOUNT_COLUMNS, ACCOUNT_FIELDS, PAGE_SIZE } from '../../src/lib/account-table.ts';
import { pageBySlug } from '../../src/build/pages.ts';
import { pageCharts } from '../../src/lib/page.ts';
import { ACCOUNT_CHURN_RISK } from '../../src/lib/config.ts';
import { formatCell, formatValue } from '../../src/lib/format.ts';
import { DEFAULT_DATA, openPublished } from '../helpers/default-data.ts';
import { ROWS_SHOWN, dashboardState, draftedAhead, filtersShown, holdEngine, openPage, tableShown, type WatchedPage } from '../helpers/browser-page.ts';
import { SCREENSHOTS, SITE_BASE, SITE_DIR } from '../helpers/site.ts';

let browser: Browser;
let site: StaticSite;
let origin: string;
let url: string;
let query: Awaited<ReturnType<typeof openPublished>>['query'];

beforeAll(async () => {
  site = await serveStatic(SITE_DIR, SITE_BASE);
  origin = new URL(site.url).origin;
  url = `${site.url}risk/`;
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
  ({ query } = await openPublished(DEFAULT_DATA, ['master_usage', 'accounts', 'revenue_monthly']));
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

/** The risk page with JavaScript, once its charts and its account table are interactive. */
async function openReady(): Promise<WatchedPage> {
  const watched = await openPage(browser, origin);
  await watched.page.goto(url);
  expect(await dashboardState(watched.page)).toBe('ready');
  await tableShown(watched.page, '|||arr:desc|0');
  return watched;
}

/** Where a column's cell is in a table row (the name is the row header, then the columns in order). */
const cellIndex = (key: string) => ACCOUNT_COLUMNS.findIndex((column) => column.key === key);

/** The cells of the account table's rows as the page shows them. */
async function tableRows(page: Page): Promise<string[][]> {
  return page
    .locator('[data-account-table] tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell as HTMLElement).innerText.trim())));
}

function summary(page: Page): Promise<string> {
  return page.locator('[data-table-summary]').innerText();
}

/** Accounts with usage, each counted once (the table's rows when no month is selected), computed from master_usage. */
async function accountsWithUsage(where = 'true'): Promise<number> {
  const [row] = await query<{ n: number }>(`SELECT count(DISTINCT account_id) AS n FROM master_usage WHERE ${where}`);
  return row!.n;
}

/** A percentage cell back as a number (for order checks). */
const percentOf = (cell: string) => (cell === '–' ? Number.NaN : Number(cell.replace('%', '')));

describe('with JavaScript off', () => {
  it('shows every chart and the first page of accounts, with figures that match master_usage', async () => {
    const watched = await openPage(browser, origin, { javaScriptEnabled: false });
    const { page } = watched;
    await page.goto(url);
    for (const chart of pageCharts(pageBySlug('risk').definition)) {
      const figure = page.locator(`#${chart.id}`);
      expect(await figure.locator('.chart-title').innerText()).toBe(chart.title);
      if ((await figure.getAttribute('data-kind')) === 'plot') expect(await figure.locator('.chart-body svg').count()).toBeGreaterThan(0);
      expect(await figure.locator(ROWS_SHOWN).count()).toBeGreaterThan(0);
    }
    expect(await page.locator('#region-risk circle[data-filter="region"]:visible').count()).toBe(6);

    // The account table: its first page, the note, and controls that wait for JavaScript.
    const rows = await tableRows(page);
    expect(rows).toHaveLength(PAGE_SIZE);
    expect(await page.locator('[data-static-note]').isVisible()).toBe(true);
    expect(await page.locator('[data-account-table] input[name=search]').isDisabled()).toBe(true);
    expect(await page.locator('[data-account-table] th button[data-sort="arr"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-page-status]').innerText()).toBe(
      `Page 1 of ${formatValue(Math.ceil((await accountsWithUsage()) / PAGE_SIZE), 'integer')}`,
    );
    expect(await summary(page)).toMatch(new RegExp(`^${formatValue(await accountsWithUsage(), 'integer')} accounts in each account’s latest month with usage`));

    // The first row (largest ARR), recomputed from master_usage: seats and rates of its latest month, summed over products.
    const first = rows[0]!;
    const accountId = first[0]!.split('\n').at(-1)!;
    const [truth] = await query<{ month: string; purchased: number; assigned: number; used: number }>(`
      SELECT month, sum(seats_purchased) AS purchased, sum(seats_assigned) AS assigned, sum(seats_used) AS used
      FROM master_usage WHERE account_id = '${accountId}'
      GROUP BY month ORDER BY month DESC LIMIT 1`);
    const utilization = truth!.assigned === 0 ? null : Math.min(truth!.used / truth!.assigned, 1);
    expect(first[cellIndex('month')]).toBe(truth!.month);
    expect(first[cellIndex('seats_purchased')]).toBe(formatValue(truth!.purchased, 'integer'));
    expect(first[cellIndex('assignment_rate')]).toBe(formatValue(truth!.assigned / truth!.purchased, 'percent'));
    expect(first[cellIndex('utilization_rate')]).toBe(formatValue(utilization, 'percent'));
    expect(first[cellIndex('at_risk')]).toBe(utilization !== null && utilization < 0.6 ? 'Yes' : 'No');

    // The action list's first account, recomputed from master_usage, revenue_monthly and accounts.
    const [top] = await query<{ account_name: string; arr: number }>(`
      WITH latest AS (SELECT max(month) AS month FROM master_usage),
      pooled AS (
        SELECT account_id, sum(seats_assigned) AS assigned, sum(seats_used) AS used
        FROM master_usage WHERE month = (SELECT month FROM latest) GROUP BY account_id)
      SELECT a.account_name, r.arr
      FROM pooled p JOIN accounts a USING (account_id)
        JOIN revenue_monthly r ON r.account_id = p.account_id AND r.month = (SELECT month FROM latest)
      WHERE p.assigned > 0 AND least(p.used / p.assigned, 1) < 0.6
      ORDER BY r.arr DESC, p.account_id LIMIT 1`);
    const action = await page.locator('#action-list .chart-body tbody tr').first().locator('th, td').allInnerTexts();
    expect(action[0]).toBe(top!.account_name);
    expect(action[4]).toBe(formatCell(top!.arr, 'money'));

    // Revenue against churn risk: the largest accounts by ARR, the first at its utilization band's next-month churn rate,
    // both recomputed from master_usage and revenue_monthly (bands of ten points, no seat assigned on its own).
    expect(await page.locator('#revenue-risk circle[data-filter="region"]:visible').count()).toBe(ACCOUNT_CHURN_RISK.scatterAccounts);
    const [largest] = await query<{ account_name: string; region: string; arr: number; churn_risk: number }>(`
      WITH pooled AS (
        SELECT account_id, month, sum(seats_assigned) AS assigned, sum(seats_used) AS used FROM master_usage GROUP BY account_id, month),
      banded AS (
        SELECT account_id, month, CASE WHEN assigned = 0 THEN -1 ELSE least(floor(least(used / assigned, 1) * 10), 9) END AS band FROM pooled),
      rates AS (
        SELECT b.band, avg(CASE WHEN r.movement = 'churn' THEN 1 ELSE 0 END) AS churn_risk
        FROM banded b JOIN revenue_monthly r
          ON r.account_id = b.account_id AND r.month = strftime(CAST(b.month || '-01' AS DATE) + INTERVAL 1 MONTH, '%Y-%m')
        GROUP BY b.band)
      SELECT a.account_name, a.region, r.arr, rates.churn_risk
      FROM banded b JOIN accounts a USING (account_id) JOIN rates USING (band)
        JOIN revenue_monthly r ON r.account_id = b.account_id AND r.month = b.month
      WHERE b.month = (SELECT max(month) FROM master_usage) AND r.arr > 0
      ORDER BY r.arr DESC, b.account_id LIMIT 1`);
    const scatterRow = await page.locator('#revenue-risk table tbody tr').first().locator('th, td').allTextContents();
    expect([scatterRow[0], scatterRow[2], scatterRow[3], scatterRow[6]]).toEqual([
      largest!.account_name,
      largest!.region,
      formatCell(largest!.arr, 'money'),
      formatValue(largest!.churn_risk, 'percent'),
    ]);

    await page.screenshot({ path: join(SCREENSHOTS, 'risk-no-js.png'), fullPage: true });
    expectCleanPage(watched);
    await watched.close();
  });
});

describe('before the engine is up', () => {
  it("answers a first filter and a first sort from the page's answers; a search waits for the engine", async () => {
    const watched = await openPage(browser, origin);
    const { page } = watched;
    const release = await holdEngine(page);
    await page.goto(url);
    expect(await dashboardState(page)).toBe('ready');
    await tableShown(page, '|||arr:desc|0');

    // A region, one choice away: the charts and the table.
    await page.selectOption('select[name=region]', 'Korea');
    await filtersShown(page, '?region=Korea');
    await tableShown(page, '?region=Korea|||arr:desc|0');
    expect(await summary(page)).toMatch(new RegExp(`^${formatValue(await accountsWithUsage("region = 'Korea'"), 'integer')} accounts `));
    expect(new Set((await tableRows(page)).map((row) => row[cellIndex('region')]))).toEqual(new Set(['Korea']));

    // Back to all regions, then a sort by name, one click away: the alphabetically first account with usage leads.
    await page.selectOption('select[name=region]', '');
    await tableShown(page, '|||arr:desc|0');
    await page.click('[data-account-table] th button[data-sort="account_name"]');
    await tableShown(page, '|||account_name:asc|0');
    const [first] = await query<{ account_name: string }>(
      'SELECT account_name FROM accounts WHERE account_id IN (SELECT account_id FROM master_usage) ORDER BY account_name, account_id LIMIT 1',
    );
    expect((await tableRows(page))[0]![0]!.split('\n')[0]).toBe(first!.account_name);
    expect(await page.evaluate(() => performance.getEntriesByName('report:engine-started').length)).toBe(0);

    // A search is not among the answers: it waits for the engine.
    await page.fill('[data-account-table] input[name=search]', 'a');
    await page.waitForTimeout(700);
    expect(await page.locator('[data-account-table]').getAttribute('data-shown')).toBe('|||account_name:asc|0');
    release();
    await tableShown(page, '|a||account_name:asc|0');
    expectCleanPage(watched);
    await watched.close();
  });
});

describe('with JavaScript on', () => {
  it('a filter changes the charts and the table; clicking a bubble filters by its region', async () => {
    const watched = await openReady();
    const { page } = watched;
    const health = await page.locator('#health-urgency .chart-summary').innerText();
    const actionRegions = () =>
      page.locator('#action-list .chart-body tbody tr').evaluateAll((rows) => rows.map((row) => (row.children[1] as HTMLElement).innerText));

    await page.selectOption('select[name=region]', 'Korea');
    await filtersShown(page, '?region=Korea');
    await tableShown(page, '?region=Korea|||arr:desc|0');
    expect(await page.locator('#health-urgency .chart-summary').innerText()).not.toBe(health);
    expect(new Set(await actionRegions())).toEqual(new Set(['Korea']));
    expect(await summary(page)).toMatch(new RegExp(`^${formatValue(await accountsWithUsage("region = 'Korea'"), 'integer')} accounts `));
    expect(new Set((await tableRows(page)).map((row) => row[cellIndex('region')]))).toEqual(new Set(['Korea']));
    // The bubble chart keeps every region and highlights the selected one.
    expect(await page.locator('#region-risk circle[data-filter="region"]').count()).toBe(6);

    await page.click('#region-risk circle[data-value="Greater China"]');
    await filtersShown(page, '?region=Greater+China');
    await tableShown(page, '?region=Greater+China|||arr:desc|0');
    expect(await page.locator('select[name=region]').inputValue()).toBe('Greater China');
    expect(await summary(page)).toMatch(new RegExp(`^${formatValue(await accountsWithUsage("region = 'Greater China'"), 'integer')} accounts `));
    expect(new Set(await actionRegions())).toEqual(new Set(['Greater China']));

    // A point of the revenue against churn risk scatter filters by its account's region.
    const point = page.locator('#revenue-risk circle[data-filter="region"]:not([data-value="Greater China"])').first();
    const pointRegion = (await point.getAttribute('data-value'))!;
    await point.dispatchEvent('click');
    await filtersShown(page, `?${new URLSearchParams({ region: pointRegion })}`);
    expect(new Set(await actionRegions())).toEqual(new Set([pointRegion]));
    await page.selectOption('select[name=region]', 'Greater China');
    await filtersShown(page, '?region=Greater+China');

    // A month: the table shows that month's rows.
    await page.selectOption('select[name=month]', '2026-06');
    await tableShown(page, '?region=Greater+China&month=2026-06|||arr:desc|0');
    expect(await summary(page)).toMatch(
      new RegExp(`^${formatValue(await accountsWithUsage("region = 'Greater China' AND month = '2026-06'"), 'integer')} accounts in 2026-06`),
    );
    expectCleanPage(watched);
    await watched.close();
  });

  it("searches (names with & and '), treats hostile text literally, sorts and pages", async () => {
    const watched = await openReady();
    const { page } = watched;
    const search = page.locator('[data-account-table] input[name=search]');

    await search.fill("kaur & d'souza");
    await tableShown(page, "|kaur & d'souza||arr:desc|0");
    const [expected] = await query<{ n: number }>(`SELECT count(*) AS n FROM accounts WHERE contains(lower(account_name), 'kaur & d''souza')`);
    const found = await tableRows(page);
    expect(found).toHaveLength(expected!.n);
    expect(new Set(found.map((row) => row[0]!.split('\n')[0]))).toEqual(new Set(["Kaur & D'Souza Engineering"]));
    expect(await page.locator('[data-account-table] tbody').innerHTML()).toContain("Kaur &amp; D'Souza Engineering");

    for (const hostile of ["%' OR 1=1 --", '%', '_']) {
      await search.fill(hostile);
      await tableShown(page, `|${hostile}||arr:desc|0`);
      expect(await summary(page)).toMatch(/^0 accounts /);
      expect(await page.locator('[data-account-table] tbody').innerText()).toBe('No accounts match.');
    }
    await search.fill('');
    await tableShown(page, '|||arr:desc|0');

    // Sorting: a figure starts highest first, a second click reverses it.
    await page.click('[data-account-table] th button[data-sort="utilization_rate"]');
    await tableShown(page, '|||utilization_rate:desc|0');
    const descending = (await tableRows(page)).map((row) => percentOf(row[cellIndex('utilization_rate')]!));
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    expect(await page.locator('[data-account-table] th[aria-sort="descending"]').innerText()).toContain('Utilization');
    await page.click('[data-account-table] th button[data-sort="utilization_rate"]');
    await tableShown(page, '|||utilization_rate:asc|0');
    const ascending = (await tableRows(page)).map((row) => percentOf(row[cellIndex('utilization_rate')]!));
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await page.click('[data-account-table] th button[data-sort="account_name"]');
    await tableShown(page, '|||account_name:asc|0');

    // Paging: next, last (read from the end), previous.
    const total = await accountsWithUsage();
    const pages = Math.ceil(total / PAGE_SIZE);
    const firstPage = await tableRows(page);
    await page.click('[data-account-table] button[data-page="next"]');
    await tableShown(page, '|||account_name:asc|1');
    expect(await page.locator('[data-page-status]').innerText()).toBe(`Page 2 of ${formatValue(pages, 'integer')}`);
    expect((await tableRows(page))[0]).not.toEqual(firstPage[0]);
    await page.click('[data-account-table] button[data-page="last"]');
    await tableShown(page, `|||account_name:asc|${pages - 1}`);
    const lastPage = await tableRows(page);
    expect(lastPage).toHaveLength(total - (pages - 1) * PAGE_SIZE);
    const [lastName] = await query<{ account_name: string }>('SELECT account_name FROM accounts ORDER BY account_name DESC, account_id DESC LIMIT 1');
    expect(lastPage.at(-1)![0]!.split('\n')[0]).toBe(lastName!.account_name);
    expect(await page.locator('[data-account-table] button[data-page="next"]').isDisabled()).toBe(true);
    await page.click('[data-account-table] button[data-page="previous"]');
    await tableShown(page, `|||account_name:asc|${pages - 2}`);
    expectCleanPage(watched);
    await watched.close();
  });

  it("drafts every chart once ahead in idle time: the table's own first view is not a reader's action", async () => {
    const { page } = await openReady();
    expect(await draftedAhead(page)).toEqual({
      charts: pageCharts(pageBySlug('risk').definition).length,
      stopped: 'done',
    });
  });

  it('downloads every filtered row as CSV, not only the page', async () => {
    const watched = await openPage(browser, origin);
    const { page } = watched;
    await page.goto(`${url}?region=Japan`);
    await filtersShown(page, '?region=Japan');
    await page.selectOption('[data-account-table] select[name=flag]', 'at_risk');
    await tableShown(page, '?region=Japan||at_risk|arr:desc|0');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-account-table] .download-accounts')]);
    const lines = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(download.suggestedFilename()).toBe('accounts_region_Japan.csv');
    expect(lines[0]).toBe(ACCOUNT_FIELDS.join(','));
    const [expected] = await query<{ n: number }>(`
      WITH latest AS (
        SELECT account_id, month, sum(seats_assigned) AS assigned, sum(seats_used) AS used,
          row_number() OVER (PARTITION BY account_id ORDER BY month DESC) AS recency
        FROM master_usage WHERE region = 'Japan' GROUP BY account_id, month)
      SELECT count(*) AS n FROM latest WHERE recency = 1 AND assigned > 0 AND least(used / assigned, 1) < 0.6`);
    expect(lines.length - 1).toBe(expected!.n);
    expect(lines.length - 1).toBeGreaterThan(PAGE_SIZE);
    expect(await summary(page)).toMatch(new RegExp(`^${formatValue(expected!.n, 'integer')} accounts `));
    const header = lines[0]!.split(',');
    const sample = lines.slice(1, 200).map((line) => line.split(','));
    expect(sample.every((cells) => cells[header.indexOf('region')] === 'Japan' && cells[header.indexOf('at_risk')] === 'true')).toBe(true);
    expectCleanPage(watched);
    await watched.close();
  });
});

describe('accessibility and looks', () => {
  it('writes screenshots: light, dark and phone width', async () => {
    const shots = [
      { name: 'risk-light.png', options: { colorScheme: 'light' as const } },
      { name: 'risk-dark.png', options: { colorScheme: 'dark' as const } },
      { name: 'risk-phone.png', options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
    ];
    for (const shot of shots) {
      const watched = await openPage(browser, origin, shot.options);
      await watched.page.goto(url);
      expect(await dashboardState(watched.page)).toBe('ready');
      await watched.page.screenshot({ path: join(SCREENSHOTS, shot.name), fullPage: true });
      expectCleanPage(watched);
      await watched.close();
    }
  });
});
