/**
 * The customer-intelligence pages in headless Chromium, on both sources: without JavaScript
 * the figures, charts and the first page of the action table are in the HTML; with it, the
 * search, sort, pager, the scatter's cross-filter and the CSV of every matching row work,
 * and the navigation switches source in one click. Counts come from the published rows.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/site/browser.ts';
import { serveStatic, type StaticSite } from '../../scripts/site/static-server.ts';
import { formatValue } from '../../src/lib/format.ts';
import { ACTION_PAGE_SIZE } from '../../src/lib/charts/intelligence.ts';
import { DEFAULT_DATA, openPublished } from '../helpers/default-data.ts';
import { dashboardState, filtersShown, openPage } from '../helpers/browser-page.ts';
import { SITE_BASE, SITE_DIR } from '../helpers/site.ts';

let browser: Browser;
let site: StaticSite;
let origin: string;
let query: Awaited<ReturnType<typeof openPublished>>['query'];
const customers: Record<string, number> = {};

beforeAll(async () => {
  site = await serveStatic(SITE_DIR, SITE_BASE);
  origin = new URL(site.url).origin;
  browser = await launchBrowser();
  ({ query } = await openPublished(DEFAULT_DATA, ['intel_orders', 'intel_customers']));
  for (const row of await query<{ source: string; n: number }>('SELECT source, count(DISTINCT customer_id) AS n FROM intel_orders GROUP BY source')) {
    customers[row.source] = Number(row.n);
  }
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const pages = [
  ['synthetic', 'intelligence/', 'intel'],
  ['superstore', 'intelligence/superstore/', 'superstore'],
] as const;

describe.each(pages)('the %s page', (source, path, prefix) => {
  it('reads without JavaScript: the figures, the charts and the first page of the action table', async () => {
    const watched = await openPage(browser, origin, { javaScriptEnabled: false });
    const { page } = watched;
    await page.goto(`${site.url}${path}`);
    expect(await page.locator(`.lede data[data-figure="customers@${source}"]`).innerText()).toBe(formatValue(customers[source]!, 'integer'));
    expect(await page.locator(`#${prefix}-kpis .kpi`).count()).toBe(5);
    expect(await page.locator(`#${prefix}-revenue-risk .chart-body svg circle`).count()).toBeGreaterThan(100);
    expect(await page.locator(`#${prefix}-actions .chart-body tbody tr`).count()).toBe(Math.min(ACTION_PAGE_SIZE, customers[source]!));
    // The footer names the page's own data: the Superstore's customers are real, not fictional.
    const footer = await page.locator('.site-footer').innerText();
    if (source === 'superstore') {
      expect(footer).toContain('Data: the Superstore sample order lines of a US office-supplies retailer, real public data');
      expect(footer).toContain("This page's customers and orders are real public sample data");
      expect(footer).not.toContain('usage rows');
    } else expect(footer).toContain('All companies, people and figures are fictional.');
    await watched.close();
  });
});

describe('the action table and the cross-filter', () => {
  it('searches names with quotes and ampersands, sorts, pages and downloads every matching row', async () => {
    const [named] = await query<{ name: string; n: number }>(
      `SELECT customer_name AS name, (SELECT count(*) FROM intel_customers c WHERE c.source = 'superstore' AND contains(lower(c.customer_name), lower(x.customer_name))) AS n
       FROM intel_customers x WHERE source = 'superstore' AND customer_name LIKE '%''%' ORDER BY customer_name LIMIT 1`,
    );
    const watched = await openPage(browser, origin);
    const { page } = watched;
    await page.goto(`${site.url}intelligence/superstore/`);
    expect(await dashboardState(page)).toBe('ready');
    const table = page.locator('#superstore-actions .chart-body');
    await page.locator('#superstore-actions button[data-filter="page"][data-value="2"]').first().click();
    await filtersShown(page, '?page=2');
    expect(await table.locator('caption').innerText()).toBe(`Customers ${ACTION_PAGE_SIZE + 1}–${2 * ACTION_PAGE_SIZE} of ${customers.superstore}`);
    await table.locator('button.sort[data-value="orders"]').click();
    // A new sort starts again from the first page.
    await filtersShown(page, '?sort=orders');
    const [most] = await query<{ n: number }>(`SELECT max(orders) AS n FROM intel_customers WHERE source = 'superstore'`);
    expect(await table.locator('tbody tr:first-child td').nth(6).innerText()).toBe(formatValue(Number(most!.n), 'integer'));
    await page.fill('input[name=q]', named!.name);
    await page.press('input[name=q]', 'Enter');
    await filtersShown(page, `?${new URLSearchParams({ q: named!.name, sort: 'orders' })}`);
    expect(await table.locator('tbody tr').count()).toBe(Number(named!.n));
    expect(await table.locator('tbody tr th').first().innerText()).toContain(named!.name);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#superstore-actions .download-csv')]);
    const lines = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(lines.length - 1).toBe(Number(named!.n));
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.cspViolations).toEqual([]);
    await watched.close();
  });

  it('a click on a point filters the page by its segment; the navigation switches source in one click', async () => {
    const watched = await openPage(browser, origin);
    const { page } = watched;
    await page.goto(`${site.url}intelligence/`);
    expect(await dashboardState(page)).toBe('ready');
    const point = page.locator('#intel-revenue-risk circle[data-filter="segment"]').first();
    const segment = (await point.getAttribute('data-value'))!;
    await point.dispatchEvent('click');
    await filtersShown(page, `?${new URLSearchParams({ segment })}`);
    expect(await page.locator('select[name=segment]').inputValue()).toBe(segment);
    const [inSegment] = await query<{ n: number }>(`SELECT count(*) AS n FROM intel_customers WHERE source = 'synthetic' AND segment = '${segment}'`);
    expect(await page.locator('#intel-actions .chart-body caption').innerText()).toContain(`of ${formatValue(Number(inSegment!.n), 'integer')}`);
    await page.click('nav a:has-text("Customer intelligence: Superstore")');
    await page.waitForURL(/intelligence\/superstore\/$/);
    expect(await page.locator('h1').innerText()).toBe('Customer intelligence: Superstore');
    await watched.close();
  });
});
