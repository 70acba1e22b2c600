/**
 * Every page of the site (each page definition, each methodology step) in headless
 * Chromium at desktop and phone width, in light and dark mode, interactive pages once
 * their engine is ready: no serious or critical axe-core violation, no skipped heading
 * level, and at phone width no sideways scrolling of the page itself (wide tables and
 * charts scroll inside their own box, which the keyboard can reach). Every Plot chart is shown
 * at no less than DRAWN_SCALE_MIN of the size it was drawn at (so its 10 px text stays legible),
 * and wider than a phone it fills at least CARD_FILL_MIN of its card's width.
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

/** The smallest share of its drawn size a chart may be shown at: 10 px text shows at 7.5 px. */
const DRAWN_SCALE_MIN = 0.75;
/** The least share of its card's width a chart fills on a desktop (a 640 px chart in a card of 1,200 px fills 0.53). */
const CARD_FILL_MIN = 0.75;

/** Each Plot chart's shown drawing (its largest SVG): the width it was drawn at, the width shown and its card body's. */
function plotDrawings(): { id: string; drawn: number; shown: number; body: number }[] {
  return [...document.querySelectorAll<HTMLElement>('figure.chart[data-kind=plot]')].flatMap((figure) => {
    const body = figure.querySelector<HTMLElement>('.chart-body');
    const area = (svg: SVGSVGElement) => svg.getBoundingClientRect().width * svg.getBoundingClientRect().height;
    const svg = [...(body?.querySelectorAll('svg') ?? [])].sort((a, b) => area(b) - area(a))[0];
    // A chart that shows no drawing reads as drawn at 1 px and shown at 0: it fails the scale check.
    if (!body || !svg || area(svg) === 0) return [{ id: figure.id, drawn: 1, shown: 0, body: body?.clientWidth ?? 0 }];
    return [{ id: figure.id, drawn: svg.viewBox.baseVal?.width || svg.width.baseVal.value, shown: svg.getBoundingClientRect().width, body: body.clientWidth }];
  });
}

/** The widths the pages are checked at; a small laptop's cards (two columns of about 450 px) only in light mode. */
const VIEWS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 }, schemes: ['light', 'dark'] },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, schemes: ['light', 'dark'] },
  { name: 'small laptop', viewport: { width: 1000, height: 800 }, schemes: ['light'] },
] as const;

describe.each(VIEWS.flatMap((view) => view.schemes.map((colorScheme) => [`${view.name}, ${colorScheme}`, view, colorScheme] as const)))(
  '%s',
  (_name, view, colorScheme) => {
    let watched: WatchedPage;
    beforeAll(async () => {
      const { viewport, schemes: _schemes, name: _name, ...rest } = view;
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
      const drawings = await watched.page.evaluate(plotDrawings);
      expect(drawings.filter((d) => d.shown < d.drawn * DRAWN_SCALE_MIN).map((d) => `${d.id} drawn ${d.drawn} shown ${d.shown}`)).toEqual([]);
      const swatches = await watched.page.evaluate(() =>
        [...document.querySelectorAll('.chart-body [class$="-swatch"] > svg')].map((svg) => Math.round(svg.getBoundingClientRect().width)),
      );
      expect(
        swatches.filter((width) => width > 20),
        'legend swatches drawn wider than their 15 px',
      ).toEqual([]);
      if (view.name !== 'phone') {
        expect(drawings.filter((d) => d.shown < d.body * CARD_FILL_MIN).map((d) => `${d.id} shown ${d.shown} in ${d.body}`)).toEqual([]);
      }
    });
  },
);
