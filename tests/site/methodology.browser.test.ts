/**
 * The methodology in a real browser with JavaScript off: the overview links all twelve
 * steps, each step page has its narrative, its charts as SVG or tables, working CSV
 * downloads and glossary links that land on a definition; the pages walk from step 1 to 12.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/site/browser.ts';
import { serveStatic, type StaticSite } from '../../scripts/site/static-server.ts';
import { ROWS_SHOWN, openPage, type WatchedPage } from '../helpers/browser-page.ts';
import { SCREENSHOTS, SITE_BASE, SITE_DIR } from '../helpers/site.ts';

let browser: Browser;
let site: StaticSite;
let watched: WatchedPage;

beforeAll(async () => {
  site = await serveStatic(SITE_DIR, SITE_BASE);
  browser = await launchBrowser();
  watched = await openPage(browser, new URL(site.url).origin, { javaScriptEnabled: false });
});

afterAll(async () => {
  await watched?.close();
  await browser?.close();
  await site?.close();
});

it('walks from the overview through all twelve steps to the data page, every chart drawn without JavaScript', async () => {
  const { page } = watched;
  await page.goto(`${site.url}methodology/`);
  expect(await page.locator('section.phase').count()).toBe(5);
  const steps = page.locator('ol.steps > li h3 a');
  expect(await steps.count()).toBe(12);
  await steps.first().click();
  const glossaryTargets = new Set<string>();
  for (let number = 1; number <= 12; number++) {
    await expect.poll(() => page.locator('h1').innerText()).toMatch(new RegExp(`^Step ${number}\\. `));
    for (const section of ['What we decided, and why', 'What the data shows', 'What follows']) {
      expect(await page.locator(`h2:text-is("${section}")`).count(), `step ${number}: ${section}`).toBe(1);
    }
    expect(await page.locator('.prose data[data-figure]').count(), `figures on step ${number}`).toBeGreaterThan(0);
    for (const figure of await page.locator('figure.chart').all()) {
      const body = figure.locator('.chart-body');
      expect(await body.locator('svg, table').count(), `step ${number}: chart drawn`).toBeGreaterThan(0);
      const link = figure.locator('a.download-csv-static');
      const response = await page.request.get(new URL((await link.getAttribute('href'))!, site.url).href);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain('text/csv');
      const lines = (await response.text()).trim().split('\r\n');
      const tableRows = await figure.locator(ROWS_SHOWN).count();
      expect(lines.length - 1, `step ${number}: CSV rows equal the table`).toBe(tableRows);
    }
    for (const href of await page.locator('.prose a.term').evaluateAll((links) => links.map((a) => a.getAttribute('href')!))) glossaryTargets.add(href);
    await page.locator('a[rel="next"], .step-nav a:last-child').last().click();
  }
  await expect.poll(() => page.locator('h1').innerText()).toBe('Data');
  expect(glossaryTargets.size).toBeGreaterThan(10);
  for (const href of glossaryTargets) {
    const id = href.split('#')[1]!;
    expect(await page.locator(`dl.glossary dt[id="${id}"]`).count(), `glossary entry ${id}`).toBe(1);
  }
  expect(watched.consoleErrors).toEqual([]);
  expect(watched.foreignRequests).toEqual([]);
});

it('reads on a phone (accessibility of every page: accessibility.browser.test.ts)', async () => {
  const phone = await openPage(browser, new URL(site.url).origin, { viewport: { width: 390, height: 844 }, isMobile: true, javaScriptEnabled: false });
  await phone.page.goto(`${site.url}methodology/business-health/`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await phone.page.screenshot({ path: join(SCREENSHOTS, 'methodology-phone.png'), fullPage: true });
  await phone.close();
});

it('every glossary link on the dashboards lands on a definition', async () => {
  const { page } = watched;
  const targets = new Set<string>();
  for (const path of ['', 'segmentation/', 'risk/']) {
    await page.goto(`${site.url}${path}`);
    const hrefs = await page.locator('main a.term').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    expect(hrefs.length, `terms on /${path}`).toBeGreaterThan(1);
    for (const href of hrefs) targets.add(href);
  }
  await page.goto(`${site.url}data/`);
  for (const href of targets) {
    expect(href.startsWith(`${SITE_BASE}data/#term-`), href).toBe(true);
    expect(await page.locator(`dl.glossary dt[id="${href.split('#')[1]}"]`).count(), href).toBe(1);
  }
});
