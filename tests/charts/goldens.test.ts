/**
 * Every chart of every page definition (the methodology's steps and the test fixture page
 * included) rendered over fixed rows: its own query run on the data the pipeline publishes
 * from the small hand-made input (tests/fixtures/small), with the page's default state.
 * Each rendering is compared with its reviewed golden file (tests/golden/<page>/<chart>.html).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runQuery } from '../../src/build/duckdb-node.ts';
import { PAGES } from '../../src/build/pages.ts';
import { renderToHtml } from '../../src/build/render-static.ts';
import { bindOptions } from '../../src/lib/charts/chart.ts';
import { renderChart } from '../../src/lib/charts/render.ts';
import { isWideChart, pageCharts } from '../../src/lib/page.ts';
import { defaultState } from '../../src/lib/parameters.ts';
import { bindQuery } from '../../src/lib/query.ts';
import { prettyHtml, expectGolden } from '../helpers/golden.ts';
import { FIXTURES, runInto, tempDir } from '../helpers/run.ts';

let dataDir: string;

beforeAll(async () => {
  dataDir = (await runInto(tempDir('goldens'), { input: join(FIXTURES, 'small') })).out;
}, 120_000);

const cases = PAGES.flatMap(({ id, definition }) => pageCharts(definition).map((chart) => [`${id}/${chart.id}`, definition, chart] as const));

describe('golden renderings of every chart', () => {
  it('covers the charts of every page with charts', () => {
    const pagesWithCharts = new Set(cases.map(([name]) => name.split('/')[0]));
    expect([...pagesWithCharts].sort()).toEqual([
      'account-health',
      'cs-operations',
      'executive-summary',
      'intelligence',
      'intelligence-superstore',
      'journeys',
      'methodology',
      'parameter-fixture',
      'risk',
      'segmentation',
    ]);
  });

  it.each(cases)('%s', async (name, page, chart) => {
    const state = defaultState(page.parameters);
    const rows = await runQuery(bindQuery(chart.query, state, {}, bindOptions(chart)), dataDir);
    const { rendering, description } = renderChart(chart, rows, state, undefined, isWideChart(page, chart));
    expectGolden(`${name}.html`, `${renderToHtml(rendering)}<p>${description}</p>`);
  });
});

describe('the golden files themselves', () => {
  it('pretty-print one tag per line, indented by depth', () => {
    expect(prettyHtml('<svg><g><rect x="1"/><text>A &amp; B</text></g></svg>')).toBe(
      '<svg>\n  <g>\n    <rect x="1"/>\n    <text>\n      A &amp; B\n    </text>\n  </g>\n</svg>\n',
    );
  });

  it('a missing golden fails with how to write it', () => {
    expect(() => expectGolden('no-such/chart.html', '<p>x</p>', false)).toThrow(
      'No golden file tests/golden/no-such/chart.html: run the test with UPDATE_GOLDEN=1 and review the new file.',
    );
  });
});
