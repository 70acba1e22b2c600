/**
 * Every page of the site (each page definition, each methodology step) in headless
 * Chromium at desktop and phone width, in light and dark mode, interactive pages once
 * their engine is ready: no serious or critical axe-core violation, no skipped heading
 * level, and at phone width no sideways scrolling of the page itself (wide tables and
 * charts scroll inside their own box, which the keyboard can reach).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/site/browser.ts';
import { serveStatic, type StaticSite } from '../../scripts/site/static-server.ts';
import { PAGES } from '../../src/build/pages.ts';
import { STEPS } from '../../src/lib/methodology/steps.ts';
import { isInteractive, pageHref } from '../../src/lib/page.ts';
import { axeViolations, dashboardState, openPage, type WatchedPage } from '../helpers/browser-page.ts';
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

/** Paths below the base, and whether the page starts an engine to wait for. */
const PATHS = [
  ...PAGES.map(({ definition }) => ({ path: pageHref('', definition.slug).slice(1), interactive: isInteractive(definition) })),
  ...STEPS.map((step) => ({ path: `methodology/${step.slug}/`, interactive: false })),
];

const VIEWS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true },
] as const;

describe.each(VIEWS.flatMap((view) => (['light', 'dark'] as const).map((colorScheme) => [`${view.name}, ${colorScheme}`, view, colorScheme] as const)))(
  '%s',
  (_name, view, colorScheme) => {
    let watched: WatchedPage;
    beforeAll(async () => {
      const { viewport, ...rest } = view;
      watched = await openPage(browser, new URL(site.url).origin, { ...rest, viewport, colorScheme, bypassCSP: true });
    });
    afterAll(async () => {
      expect(watched.consoleErrors).toEqual([]);
      await watched?.close();
    });

    it.each(PATHS.map(({ path, interactive }) => [`/${path}`, path, interactive] as const))('%s', async (_label, path, interactive) => {
      await watched.page.goto(`${site.url}${path}`);
      if (interactive) expect(await dashboardState(watched.page)).toBe('ready');
      expect(await axeViolations(watched.page)).toEqual([]);
      const overflow = await watched.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
    });
  },
);
