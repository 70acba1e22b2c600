/**
 * The customer journeys page in headless Chromium: the Sankey, its link table and the
 * figures in the HTML without JavaScript; with it, the stage picker, the measure and a node
 * click change the URL and the charts, and back restores them.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/site/browser.ts';
import { serveStatic, type StaticSite } from '../../scripts/site/static-server.ts';
import { formatValue } from '../../src/lib/format.ts';
import { DEFAULT_DATA, openPublished } from '../helpers/default-data.ts';
import { ROWS_SHOWN, dashboardState, filtersShown, openPage } from '../helpers/browser-page.ts';
import { SITE_BASE, SITE_DIR } from '../helpers/site.ts';

let browser: Browser;
let site: StaticSite;
let url: string;
let origin: string;
/** Links of the default journey, counted from the panel profile (not the cube the page reads). */
let defaultLinks: number;
let proAccounts: number;
let allTickets: number;
/** The path with the most ARR and the ARR of inactive accounts, from the panel profile. */
let richestPath: string;
let inactiveArr: number;

beforeAll(async () => {
  site = await serveStatic(SITE_DIR, SITE_BASE);
  url = `${site.url}journeys/`;
  origin = new URL(site.url).origin;
  browser = await launchBrowser();
  const { query } = await openPublished(DEFAULT_DATA, ['panel_profile']);
  const stages = ['portfolio_group', 'plan', 'engagement', 'ticket_range', "CASE WHEN is_active THEN 'Active' ELSE 'Inactive' END", 'arr_group'];
  let links = 0;
  for (let i = 0; i + 1 < stages.length; i++) {
    const [row] = await query<{ n: number }>(`SELECT count(*) AS n FROM (SELECT DISTINCT ${stages[i]} AS a, ${stages[i + 1]} AS b FROM panel_profile)`);
    links += Number(row!.n);
  }
  defaultLinks = links;
  const [pro] = await query<{ n: number }>(`SELECT count(*) AS n FROM panel_profile WHERE plan = 'pro'`);
  proAccounts = Number(pro!.n);
  const [tickets] = await query<{ n: number }>(`SELECT sum(support_tickets_90d) AS n FROM panel_profile`);
  allTickets = Number(tickets!.n);
  const [richest] = await query<{ path: string }>(
    `SELECT portfolio_group || ' › ' || plan || ' › ' || engagement || ' › ' || CASE WHEN is_active THEN 'Active' ELSE 'Inactive' END AS path
     FROM panel_profile GROUP BY ALL ORDER BY sum(arr) DESC LIMIT 1`,
  );
  richestPath = richest!.path;
  const [inactive] = await query<{ arr: number }>(`SELECT sum(arr) AS arr FROM panel_profile WHERE NOT is_active`);
  inactiveArr = Number(inactive!.arr);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('the journeys page', () => {
  it('reads without JavaScript: the Sankey with a node per stage value, every link in its table, the narrative', async () => {
    const watched = await openPage(browser, origin, { javaScriptEnabled: false });
    const { page } = watched;
    await page.goto(url);
    const sankey = page.locator('#journey-sankey');
    expect(await sankey.locator('.chart-body svg rect[data-filter="plan"]').count()).toBe(3);
    expect(await sankey.locator('.chart-body svg rect[data-filter="portfolio_group"]').count()).toBe(4);
    expect(await sankey.locator('.table-wrap tbody tr').count()).toBe(defaultLinks);
    expect(await sankey.locator('.stage-picker ol.stages li').count()).toBe(6);
    expect(await page.locator('.lede data[data-figure="panel_accounts"]').innerText()).toBe(formatValue(10_000, 'integer'));
    for (const id of [
      'journey-accounts-profile',
      'journey-arr-profile',
      'journey-nps-heatmap',
      'journey-active-heatmap',
      'journey-breadth',
      'journey-tickets',
      'journey-training',
      'journey-paths',
      'journey-breadth-gap',
      'journey-portfolio-size',
      'journey-composition',
      'journey-opportunities',
    ])
      expect(await page.locator(`#${id}`).locator(ROWS_SHOWN).count(), id).toBeGreaterThan(0);
    // The tickets add up: the total row is the panel's own total.
    const totalRow = await page.locator('#journey-tickets .chart-body tbody tr:last-child td').allInnerTexts();
    expect(totalRow[1]).toBe(formatValue(allTickets, 'integer'));
    await watched.close();
  });

  it('the stage picker, the measure and a node click change the URL and the charts; back restores', async () => {
    const watched = await openPage(browser, origin);
    const { page } = watched;
    await page.goto(url);
    expect(await dashboardState(page)).toBe('ready');
    // From the keyboard: the chart is redrawn, and focus stays in the stage picker (the removed button's neighbour).
    await page.locator('#journey-sankey button[aria-label="Remove ARR group"]').focus();
    await page.keyboard.press('Enter');
    await filtersShown(page, '?stages=portfolio_group%2Fplan%2Fengagement%2Fticket_range%2Factive_status');
    expect(await page.locator('#journey-sankey .stage-picker ol.stages li').count()).toBe(5);
    expect(await page.evaluate(() => document.activeElement?.matches('#journey-sankey .stage-picker button[data-filter="stages"]'))).toBe(true);
    await page.click('#journey-sankey button[aria-label="Show Portfolio › active"]');
    await filtersShown(page, '?stages=portfolio_group%2Factive_status');
    expect(await page.locator('#journey-sankey .chart-body svg rect[data-filter]').count()).toBe(6);
    await page.selectOption('select[name=measure]', 'arr');
    await filtersShown(page, '?measure=arr&stages=portfolio_group%2Factive_status');
    // A node sets its own stage's filter, from the keyboard too.
    await page.locator('#journey-sankey rect[data-filter="portfolio_group"][data-value="1"]').focus();
    await page.keyboard.press('Enter');
    await filtersShown(page, '?portfolio_group=1&measure=arr&stages=portfolio_group%2Factive_status');
    // The redrawn node has the focus again.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Filter by Portfolio group: 1');
    expect(await page.locator('select[name=portfolio_group]').inputValue()).toBe('1');
    await page.goBack();
    await filtersShown(page, '?measure=arr&stages=portfolio_group%2Factive_status');
    await page.goBack();
    await page.goBack();
    await page.goBack();
    await filtersShown(page, '');
    // The text's figures are for all the data: with no filter set no note says so, with one a note does.
    await expect(page.locator('.lede-scope').isVisible()).resolves.toBe(false);
    await page.click('#journey-sankey rect[data-filter="plan"][data-value="pro"]');
    await filtersShown(page, '?plan=pro');
    await expect(page.locator('.lede-scope').innerText()).resolves.toBe('The figures in this text are for all the data; the charts below follow the filters.');
    expect(await page.locator('#journey-accounts-profile .chart-summary').innerText()).toContain('of accounts');
    const total = await page.locator('#journey-paths .chart-body tbody tr td:nth-child(2)').allInnerTexts();
    expect(total.reduce((sum, cell) => sum + Number(cell.replaceAll(',', '')), 0)).toBe(proAccounts);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.cspViolations).toEqual([]);
    await watched.close();
  });

  it('drops a hostile stage list and measure with a note', async () => {
    const watched = await openPage(browser, origin);
    const { page } = watched;
    await page.goto(`${url}?stages=plan%2Fplan&measure=seats`);
    expect(await dashboardState(page)).toBe('ready');
    await filtersShown(page, '');
    expect(await page.locator('.notice.info').allInnerTexts()).toEqual([
      'Ignored the stages value "plan/plan" from the address: it is not a list of at least 2 different stages.',
      'Ignored the link width value "seats" from the address: it is not one of the choices.',
    ]);
    await watched.close();
  });

  it('sorts the segment paths by a header click, keeps the top paths highlighted and states the ARR at risk', async () => {
    const watched = await openPage(browser, origin);
    const { page } = watched;
    await page.goto(url);
    expect(await dashboardState(page)).toBe('ready');
    const paths = page.locator('#journey-paths .chart-body');
    expect(await paths.locator('.path-summary').innerText()).toContain(formatValue(inactiveArr, 'money'));
    await paths.locator('button.sort[data-value="arr"]').click();
    await filtersShown(page, '?path_sort=arr');
    expect(await paths.locator('th[aria-sort="descending"]').innerText()).toBe('Total ARR');
    expect(await paths.locator('tbody tr:first-child th').innerText()).toBe(richestPath);
    expect(await paths.locator('tbody tr:first-child').getAttribute('class')).toContain('top');
    expect(await page.locator('select[name=path_sort]').inputValue()).toBe('arr');
    expect(watched.consoleErrors).toEqual([]);
    await watched.close();
  });
});
