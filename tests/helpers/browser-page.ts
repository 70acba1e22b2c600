/**
 * A page of the built site in headless Chromium, with everything a browser test checks
 * collected: requests to other hosts, console errors, page errors and CSP violations.
 */
import { createRequire } from 'node:module';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

const require = createRequire(import.meta.url);

export interface WatchedPage {
  page: Page;
  /** Requests whose host is not the site's own. */
  foreignRequests: string[];
  consoleErrors: string[];
  cspViolations: string[];
  close(): Promise<void>;
}

/** Opens a new page in its own context and watches it; call `close` when done. */
export async function openPage(browser: Browser, origin: string, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const watched: WatchedPage = { page, foreignRequests: [], consoleErrors: [], cspViolations: [], close: () => context.close() };
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== origin && url.protocol !== 'blob:' && url.protocol !== 'data:') watched.foreignRequests.push(request.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watched.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watched.consoleErrors.push(error.message));
  await page.exposeFunction('__reportCspViolation', (text: string) => watched.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return watched;
}

/** Waits until the interactive dashboard is ready (or has failed) and returns which. */
export async function dashboardState(page: Page): Promise<string> {
  await page.waitForFunction(() => document.documentElement.dataset.report !== undefined, null, { timeout: 60_000 });
  return page.evaluate(() => document.documentElement.dataset.report ?? '');
}

/** Waits until the charts show the given filter query string ("" for none). */
export async function filtersShown(page: Page, search: string): Promise<void> {
  await page.waitForFunction((expected) => document.documentElement.dataset.filters === expected, search, { timeout: 60_000 });
}

/** Waits until the account table shows a state, written `filters|search|flag|column:direction|page`. */
export async function tableShown(page: Page, shown: string): Promise<void> {
  await page.waitForFunction((expected) => document.querySelector<HTMLElement>('[data-account-table]')?.dataset.shown === expected, shown, { timeout: 60_000 });
}

/**
 * Serious and critical axe-core violations on the page, and headings that skip a level
 * (moderate, but they break the outline screen-reader users navigate by), as "rule: targets"
 * (open the page with bypassCSP).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** A chart's rows as the page shows them: its own table (a table chart), or the rows of its "view as table". */
export const ROWS_SHOWN = '.chart-body tbody tr, .table-wrap tbody tr';

/** Holds back the engine's WebAssembly module until the returned function is called (to test a page before its engine is up). */
export async function holdEngine(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** What a dashboard's drafts ahead did (`report:draft-ahead`: charts drafted, and why they stopped), once they are over. */
export async function draftedAhead(page: Page): Promise<{ charts: number; stopped: string }> {
  await page.waitForFunction(() => performance.getEntriesByName('report:draft-ahead').length > 0, null, { timeout: 60_000 });
  return page.evaluate(() => (performance.getEntriesByName('report:draft-ahead')[0] as PerformanceMeasure).detail);
}
