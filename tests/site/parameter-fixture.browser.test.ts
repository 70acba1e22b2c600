/**
 * A page defined only by a definition in tests/fixtures/pages (its own category filter, a
 * number and an id) builds into the test site, reads without JavaScript, and in Chromium
 * keeps all three in the URL, re-renders on a change, restores on back, and drops a
 * hostile value of each with a note.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/site/browser.ts';
import { serveStatic, type StaticSite } from '../../scripts/site/static-server.ts';
import { formatValue } from '../../src/lib/format.ts';
import { DEFAULT_DATA, openPublished } from '../helpers/default-data.ts';
import { dashboardState, filtersShown, openPage } from '../helpers/browser-page.ts';
import { SITE_BASE, SITE_DIR } from '../helpers/site.ts';

let browser: Browser;
let site: StaticSite;
let url: string;
let origin: string;
/** Accounts per plan with at least so many seats, from the published accounts (not through the page's query). */
let count: (plan: string | null, minSeats: number) => Promise<number>;
let knownAccount: { account_id: string; region: string; plan: string };

beforeAll(async () => {
  site = await serveStatic(SITE_DIR, SITE_BASE);
  url = `${site.url}parameter-fixture/`;
  origin = new URL(site.url).origin;
  browser = await launchBrowser();
  const { query } = await openPublished(DEFAULT_DATA, ['accounts']);
  count = async (plan, minSeats) => {
    const where = plan ? `plan = '${plan}' AND ` : '';
    const [row] = await query<{ n: number }>(`SELECT count(*) AS n FROM accounts WHERE ${where}seats_latest >= ${minSeats}`);
    return Number(row!.n);
  };
  const [account] = await query<{ account_id: string; region: string; plan: string }>(
    `SELECT account_id, region, plan FROM accounts WHERE plan = 'pro' AND seats_latest >= 20 ORDER BY account_id LIMIT 1`,
  );
  knownAccount = account!;
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const summary = (page: Page) => page.locator('#fixture-accounts-by-region .chart-summary').innerText();

async function setField(page: Page, name: string, value: string): Promise<void> {
  const field = page.locator(`[data-filter-bar] [name=${name}]`);
  if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
  else {
    await field.fill(value);
    await field.press('Tab');
  }
}

describe('a page from a fixture definition', () => {
  it('reads without JavaScript: its chart, its table, its narrative and its own filters', async () => {
    const watched = await openPage(browser, origin, { javaScriptEnabled: false });
    await watched.page.goto(url);
    expect(await watched.page.locator('h1').innerText()).toBe('Parameter fixture');
    expect(await watched.page.locator('#fixture-accounts-by-region .chart-body svg').count()).toBeGreaterThan(0);
    expect(await summary(watched.page)).toBe(`${formatValue(await count(null, 1), 'integer')} accounts.`);
    expect(await watched.page.locator('.lede data[data-figure="accounts"]').getAttribute('value')).toBe(String(await count(null, 1)));
    // Its own three controls, none of the seat-usage filters.
    const names = await watched.page.locator('[data-filter-bar] [name]').evaluateAll((els) => els.map((el) => el.getAttribute('name')));
    expect(names).toEqual(['tier', 'min_seats', 'account']);
    await watched.close();
  });

  it('re-renders when the number changes, carries all three in the URL, and back restores', async () => {
    const watched = await openPage(browser, origin);
    const { page } = watched;
    await page.goto(url);
    expect(await dashboardState(page)).toBe('ready');
    await setField(page, 'min_seats', '20');
    await filtersShown(page, '?min_seats=20');
    expect(await summary(page)).toBe(`${formatValue(await count(null, 20), 'integer')} accounts.`);
    await setField(page, 'tier', 'pro');
    await filtersShown(page, '?tier=pro&min_seats=20');
    await setField(page, 'account', knownAccount.account_id);
    await filtersShown(page, `?tier=pro&min_seats=20&account=${knownAccount.account_id}`);
    expect(new URL(page.url()).search).toBe(`?tier=pro&min_seats=20&account=${knownAccount.account_id}`);
    expect(await summary(page)).toBe(`${formatValue(await count('pro', 20), 'integer')} accounts; the chosen account is in ${knownAccount.region}.`);
    await page.goBack();
    await filtersShown(page, '?tier=pro&min_seats=20');
    expect(await page.locator('[name=account]').inputValue()).toBe('');
    await page.goBack();
    await filtersShown(page, '?min_seats=20');
    expect(await page.locator('[name=tier]').inputValue()).toBe('');
    expect(await summary(page)).toBe(`${formatValue(await count(null, 20), 'integer')} accounts.`);
    await page.goBack();
    await filtersShown(page, '');
    expect(await page.locator('[name=min_seats]').inputValue()).toBe('1');
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.cspViolations).toEqual([]);
    await watched.close();
  });

  it('drops a hostile value of each parameter, and an unknown id, with a note', async () => {
    const watched = await openPage(browser, origin);
    const { page } = watched;
    const hostile = new URLSearchParams([
      ['tier', '<script>alert(1)</script>'],
      ['min_seats', '1 OR 1=1'],
      ['account', "A1' OR '1'='1"],
    ]);
    await page.goto(`${url}?${hostile}`);
    expect(await dashboardState(page)).toBe('ready');
    await filtersShown(page, '');
    expect(await page.locator('.notice.info').allInnerTexts()).toEqual([
      'Ignored the tier value "<script>alert(1)</script>" from the address: it is not one of the known values.',
      'Ignored the minimum seats value "1 OR 1=1" from the address: it is not a number from 1 to 500 in steps of 1.',
      `Ignored the account value "A1' OR '1'='1" from the address: it is not a valid id.`,
    ]);
    expect(new URL(page.url()).search, 'the dropped values leave the address').toBe('');
    await page.goto(`${url}?min_seats=20&account=NO-SUCH-ID`);
    await filtersShown(page, '?min_seats=20');
    expect(await page.locator('.notice.info').allInnerTexts()).toEqual([
      'Ignored the account value "NO-SUCH-ID" from the address: no row of accounts has this account_id.',
    ]);
    expect(new URL(page.url()).search).toBe('?min_seats=20');
    expect(watched.consoleErrors).toEqual([]);
    await watched.close();
  });
});
