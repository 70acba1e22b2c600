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
import { axeViolations, dashboardState, openPage } from '../helpers/browser-page.ts';
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
    it('every page is free of serious accessibility violations and fits the width', async () => {
      const { viewport, ...rest } = view;
      const watched = await openPage(browser, new URL(site.url).origin, { ...rest, viewport, colorScheme, bypassCSP: true });
      const failures: string[] = [];
      for (const { path, interactive } of PATHS) {
        await watched.page.goto(`${site.url}${path}`);
        if (interactive) expect(await dashboardState(watched.page), path).toBe('ready');
        failures.push(...(await axeViolations(watched.page)).map((v) => `/${path}: ${v}`));
        const overflow = await watched.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) failures.push(`/${path}: the page scrolls sideways by ${overflow}px`);
      }
      expect(failures).toEqual([]);
      expect(watched.consoleErrors).toEqual([]);
      await watched.close();
    });
  },
);
