/** The segmentation dashboard in headless Chromium: static content, filters and cross-filtering from a band. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/site/browser.ts';
import { serveStatic, type StaticSite } from '../../scripts/site/static-server.ts';
import { pageBySlug } from '../../src/build/pages.ts';
import { pageCharts } from '../../src/lib/page.ts';
import { formatValue } from '../../src/lib/format.ts';
import { DEFAULT_DATA, openPublished } from '../helpers/default-data.ts';
import { ROWS_SHOWN, dashboardState, filtersShown, openPage } from '../helpers/browser-page.ts';
import { SITE_BASE, SITE_DIR } from '../helpers/site.ts';

let browser: Browser;
let site: StaticSite;
let url: string;

beforeAll(async () => {
  site = await serveStatic(SITE_DIR, SITE_BASE);
  url = `${site.url}segmentation/`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** The matrix row of a band as the page shows it: [band, customer-months, assignment, utilization, at-risk]. */
async function matrixRow(page: import('playwright-core').Page, band: string): Promise<string[]> {
  const header = page.locator('th[scope=row]', { hasText: new RegExp(`^\\s*${band.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });
  const row = page.locator('#performance-matrix .chart-body tbody tr').filter({ has: header });
  return row.locator('th, td').allInnerTexts();
}

describe('segmentation dashboard', () => {
  it('shows every chart without JavaScript, with figures that match the account-level data', async () => {
    const watched = await openPage(browser, new URL(site.url).origin, { javaScriptEnabled: false });
    await watched.page.goto(url);
    for (const chart of pageCharts(pageBySlug('segmentation').definition)) {
      const figure = watched.page.locator(`#${chart.id}`);
      expect(await figure.locator(ROWS_SHOWN).count()).toBeGreaterThan(0);
      if ((await figure.getAttribute('data-kind')) === 'plot') expect(await figure.locator('.chart-body svg').count()).toBeGreaterThan(0);
    }
    // Independent recomputation from master_usage, not through the cube.
    const { query } = await openPublished(DEFAULT_DATA, ['master_usage']);
    const [truth] = await query<{ rows: number; assignment: number; utilization: number; at_risk: number }>(
      `SELECT count(DISTINCT (account_id, month)) AS rows, avg(assignment_rate) AS assignment, avg(utilization_rate) AS utilization,
         count(*) FILTER (WHERE at_risk)::DOUBLE / count(utilization_rate) AS at_risk FROM master_usage WHERE size_band = '500+'`,
    );
    expect(await matrixRow(watched.page, '500+')).toEqual([
      '500+',
      formatValue(truth!.rows, 'integer'),
      formatValue(truth!.assignment, 'percent'),
      formatValue(truth!.utilization, 'percent'),
      formatValue(truth!.at_risk, 'percent'),
    ]);
    expect(watched.consoleErrors).toEqual([]);
    await watched.close();
  });

  it('a filter changes the charts; clicking a band filters the page by it', async () => {
    const watched = await openPage(browser, new URL(site.url).origin);
    const { page } = watched;
    await page.goto(url);
    expect(await dashboardState(page)).toBe('ready');
    const before = await matrixRow(page, '500+');
    await page.selectOption('select[name=region]', 'Greater China');
    await filtersShown(page, '?region=Greater+China');
    const after = await matrixRow(page, '500+');
    expect(after[0]).toBe('500+');
    expect(after[1]).not.toBe(before[1]);

    await page.click('#size-band-gap rect[data-value="500+"]');
    await filtersShown(page, '?region=Greater+China&size_band=500%2B');
    expect(await page.locator('select[name=size_band]').inputValue()).toBe('500+');
    // The band's own chart keeps every band (highlighting the selected one); the treemap too.
    expect(await page.locator('#performance-matrix .chart-body tbody tr').count()).toBe(8);
    await page.click('#lifecycle-journey circle[data-value="Q1"] >> nth=0');
    await filtersShown(page, '?region=Greater+China&size_band=500%2B&tenure_segment=Q1');
    // A band's row in the matrix sets the band too, and is marked as the selected one.
    await page.click('#performance-matrix button[data-value="1"]');
    await filtersShown(page, '?region=Greater+China&size_band=1&tenure_segment=Q1');
    expect(await page.locator('#performance-matrix tbody tr.selected th').innerText()).toBe('1');
    expect(watched.foreignRequests).toEqual([]);
    expect(watched.cspViolations).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    await watched.close();
  });
});
