/**
 * The page definitions hold together: slugs and chart ids are unique, every query binds
 * only parameters its page declares, every category has published values, and every table a
 * page reads is published.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowedValues } from '../src/build/page-context.ts';
import { PAGES } from '../src/build/pages.ts';
import { kpiChart } from '../src/lib/charts/executive-summary.ts';
import { type PageDefinition, isInteractive, pageCharts, pageTables, undeclaredParameters } from '../src/lib/page.ts';
import type { Manifest } from '../src/lib/published.ts';
import { DEFAULT_DATA } from './helpers/default-data.ts';

const manifest = JSON.parse(readFileSync(join(DEFAULT_DATA, 'manifest.json'), 'utf8')) as Manifest;
const definitions = PAGES.map((page) => page.definition);

describe('the page registry', () => {
  it('lists the report pages in navigation order, and the fixture page of the tests', () => {
    expect(definitions.map((page) => page.slug)).toEqual([
      '',
      'methodology',
      'segmentation',
      'risk',
      'journeys',
      'intelligence',
      'intelligence/superstore',
      'account-health',
      'cs-operations',
      'data',
      'parameter-fixture',
    ]);
  });

  it('gives every chart a unique id across pages', () => {
    const ids = definitions.flatMap((page) => pageCharts(page).map((chart) => chart.id));
    expect(ids.length).toBe(92);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(definitions.map((page) => [page.title, page] as const))(
    '%s: queries bind only declared parameters, and what it reads is published',
    (_title, page) => {
      expect(undeclaredParameters(page)).toEqual([]);
      const published = new Set(manifest.tables.map((table) => table.name));
      expect(pageTables(page).filter((table) => !published.has(table))).toEqual([]);
      const allowed = allowedValues(manifest, page.parameters);
      for (const parameter of page.parameters) if (parameter.kind === 'category') expect(allowed[parameter.name]?.length, parameter.name).toBeGreaterThan(0);
      if (page.status === 'ready' && page.kind === 'dashboard') expect(isInteractive(page)).toBe(true);
    },
  );

  it('finds a query that binds a parameter its page does not declare', () => {
    const careless: PageDefinition = {
      ...definitions[0]!,
      parameters: definitions[0]!.parameters.filter((p) => p.name !== 'plan'),
      layout: [{ charts: [kpiChart] }],
    };
    expect(undeclaredParameters(careless)).toEqual(['kpi-cards: plan']);
  });
});
