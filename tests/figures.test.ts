/**
 * Every figure in the narrative of every page (the methodology's prose, the dashboards'
 * ledes), on the built site, equals the value an independent oracle computes from the
 * published and raw data (tests/helpers/figure-oracle.ts, plus the keys a page adds in
 * tests/helpers/page-oracles.ts): on the default data and on data generated with another
 * seed. No number in the methodology prose is left untagged.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../scripts/site/build-site.ts';
import { formatValue, type Format } from '../src/lib/format.ts';
import type { Manifest } from '../src/lib/published.ts';
import { DEFAULT_DATA, DEFAULT_RAW } from './helpers/default-data.ts';
import { PAGES } from '../src/build/pages.ts';
import { FigureOracle } from './helpers/figure-oracle.ts';
import { PAGE_ORACLES } from './helpers/page-oracles.ts';
import { runInto, tempDir } from './helpers/run.ts';
import { SITE_DIR } from './helpers/site.ts';

interface PageFigure {
  page: string;
  key: string;
  value: string;
  format: Format;
  text: string;
}

/** The methodology pages of a built site: the overview and one per step. */
function methodologyPages(siteDir: string): { page: string; html: string }[] {
  const root = join(siteDir, 'methodology');
  const steps = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'csv');
  return [
    { page: 'methodology', html: readFileSync(join(root, 'index.html'), 'utf8') },
    ...steps.map((d) => ({ page: d.name, html: readFileSync(join(root, d.name, 'index.html'), 'utf8') })),
  ];
}

/** The other pages of the site built from a definition (dashboards, fixture pages, the data page), by page id. */
function definitionPages(siteDir: string): { page: string; html: string }[] {
  return PAGES.filter(({ id, definition }) => id !== 'methodology' && existsSync(join(siteDir, definition.slug, 'index.html'))).map(({ id, definition }) => ({
    page: id,
    html: readFileSync(join(siteDir, definition.slug, 'index.html'), 'utf8'),
  }));
}

function figuresOf(page: string, html: string): PageFigure[] {
  const { document } = parseHTML(html);
  return [...document.querySelectorAll('main data[data-figure]')].map((el) => ({
    page,
    key: el.getAttribute('data-figure')!,
    value: el.getAttribute('value')!,
    format: el.getAttribute('data-format') as Format,
    text: el.textContent!,
  }));
}

/** Prose text with every figure removed: what is left must hold no number of its own. */
function untaggedNumbers(html: string, labels: readonly string[]): string[] {
  const { document } = parseHTML(html);
  const found: string[] = [];
  for (const p of document.querySelectorAll('.prose')) {
    for (const data of p.querySelectorAll('data[data-figure]')) data.remove();
    let rest = p.textContent ?? '';
    rest = rest.replace(/\b(steps?|Step) \d+( to \d+)?/g, '').replace(/95%/g, '');
    for (const label of [...labels].sort((a, b) => b.length - a.length)) rest = rest.replaceAll(label, '');
    found.push(...(rest.match(/\d[\d.,%]*/g) ?? []));
  }
  return found;
}

async function checkSite(siteDir: string, dataDir: string, rawDir: string): Promise<PageFigure[]> {
  const oracle = await FigureOracle.open(dataDir, rawDir);
  const manifest = JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8')) as Manifest;
  const { size_band = [], tenure_segment = [], month = [] } = manifest.categories.filter_cube ?? {};
  const labels = [...size_band, ...tenure_segment, ...month];
  const pages = methodologyPages(siteDir);
  expect(pages).toHaveLength(13);
  const all: PageFigure[] = [];
  for (const { page, html } of pages) {
    const figures = figuresOf(page, html);
    expect(figures.length, `figures on ${page}`).toBeGreaterThan(0);
    expect(untaggedNumbers(html, labels), `untagged numbers on ${page}`).toEqual([]);
    all.push(...figures);
  }
  for (const { page, html } of definitionPages(siteDir)) all.push(...figuresOf(page, html));
  const cache = new Map<string, Promise<number | string | null>>();
  for (const figure of all) {
    // A page's own keys first (by page id; a step's figures use the shared grammar).
    const key = `${figure.page} ${figure.key}`;
    if (!cache.has(key)) cache.set(key, PAGE_ORACLES[figure.page]?.(figure.key, oracle) ?? oracle.value(figure.key));
    const expected = await cache.get(key)!;
    const where = `${figure.page}: ${figure.key}`;
    if (typeof expected === 'number') {
      const actual = Number(figure.value);
      expect(Math.abs(actual - expected), `${where} is ${actual}, the oracle says ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
      expect(figure.text, where).toBe(formatValue(expected, figure.format));
    } else {
      expect(figure.value, where).toBe(expected);
      expect(figure.text, where).toBe(expected);
    }
  }
  return all;
}

describe('figures in the narrative of every page', () => {
  test('on the default data, every figure in the prose matches an independent recomputation', async () => {
    const figures = await checkSite(SITE_DIR, DEFAULT_DATA, DEFAULT_RAW);
    expect(new Set(figures.map((f) => f.key)).size).toBeGreaterThan(80);
    // The dashboards' ledes (the risk page's thresholds) and a page's own keys (the fixture's) are checked too.
    const pages = new Set(figures.map((f) => f.page));
    expect(pages.has('risk') && pages.has('parameter-fixture')).toBe(true);
    // The data page's notes on the telemetry panel: the accounts with a portfolio of 0 are recounted in the raw panel table.
    expect(figures.filter((f) => f.page === 'data').map((f) => f.key)).toContain('zero_portfolio@panel');
  });

  describe('on data generated with another seed', () => {
    let run: Awaited<ReturnType<typeof runInto>>;
    let siteDir: string;
    beforeAll(async () => {
      run = await runInto(tempDir('methodology'), { seed: 7 });
      siteDir = join(run.dir, 'site');
      await buildSite({ base: '/', dataDir: run.out, outDir: siteDir });
    }, 300_000);

    test('every figure matches, and the prose differs from the default data where the data does', async () => {
      const figures = await checkSite(siteDir, run.out, run.raw);
      const defaults = new Map(
        methodologyPages(SITE_DIR)
          .flatMap(({ page, html }) => figuresOf(page, html))
          .map((f) => [`${f.page} ${f.key}`, f.value]),
      );
      const changed = figures.filter((f) => defaults.get(`${f.page} ${f.key}`) !== f.value);
      expect(changed.length).toBeGreaterThan(figures.length / 2);
    });
  });
});
