/** The data page: the catalogue lists every published data set with a working download, and the quality report matches quality.json. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/site/browser.ts';
import { serveStatic, type StaticSite } from '../../scripts/site/static-server.ts';
import { formatValue } from '../../src/lib/format.ts';
import type { Manifest } from '../../src/lib/published.ts';
import { DEFAULT_DATA } from '../helpers/default-data.ts';
import { openPage } from '../helpers/browser-page.ts';
import { SITE_BASE, SITE_DIR } from '../helpers/site.ts';

let browser: Browser;
let site: StaticSite;

beforeAll(async () => {
  site = await serveStatic(SITE_DIR, SITE_BASE);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

it('lists every data set with its rows and a download that works, without JavaScript', async () => {
  const manifest = JSON.parse(readFileSync(join(DEFAULT_DATA, 'manifest.json'), 'utf8')) as Manifest;
  const watched = await openPage(browser, new URL(site.url).origin, { javaScriptEnabled: false });
  const { page } = watched;
  await page.goto(`${site.url}data/`);
  for (const table of manifest.tables) {
    const row = page.locator(`#table-${table.name}`);
    expect(await row.locator('td.num').first().innerText()).toBe(formatValue(table.rows, 'integer'));
    const href = await row.locator('a').getAttribute('href');
    expect(href).toBe(`${SITE_BASE}data/${table.file}`);
    const response = await page.request.get(new URL(href!, site.url).href);
    expect(response.status()).toBe(200);
    expect((await response.body()).length).toBe(table.bytes);
  }
  const quality = JSON.parse(readFileSync(join(DEFAULT_DATA, 'quality.json'), 'utf8')) as { rows_rejected: { table: string; rows: number }[] };
  const rules = await page.locator('table:has(caption:text-is("What the documented rules changed")) tbody').innerText();
  for (const rejected of quality.rows_rejected) expect(rules).toContain(formatValue(rejected.rows, 'integer'));
  expect(watched.consoleErrors).toEqual([]);
  await watched.close();
});
