import { readFileSync } from 'node:fs';
import type { PlotOptions } from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import {
  drawnWidth,
  fitPlotOptions,
  fitToCard,
  fittedWidth,
  laidOutInPixels,
  layoutWidth,
  MIN_FITTED_WIDTH,
  PHONE_BODY_WIDTH,
  phoneDrawingSuits,
  PLOT_DEFAULT_WIDTH,
  REFIT_BELOW,
  wrapWords,
} from '../../src/lib/charts/fit-width.ts';
import { type ChartDefinition, WIDE_CHART_WIDTH } from '../../src/lib/charts/chart.ts';
import { phoneRendering, renderChart, renderForCard } from '../../src/lib/charts/render.ts';
import { type PageDefinition, isWideChart } from '../../src/lib/page.ts';
import { monthDate } from '../../src/lib/charts/month-axis.ts';

describe('fittedWidth', () => {
  it('keeps the design width on a card at least four fifths as wide (a desktop card of 600 px for a 640 px chart)', () => {
    expect(fittedWidth(640, 640)).toBeNull();
    expect(fittedWidth(640, 600)).toBeNull();
    expect(fittedWidth(640, 512)).toBeNull();
  });

  it("draws at the card's width on a narrower card, in whole pixels", () => {
    expect(fittedWidth(640, 511.6)).toBe(511);
    expect(fittedWidth(640, 344)).toBe(344);
    expect(fittedWidth(760, 600)).toBe(600);
  });

  it('never draws narrower than the minimum, and not at all when the minimum is no narrower than the design', () => {
    expect(fittedWidth(640, 200)).toBe(MIN_FITTED_WIDTH);
    expect(fittedWidth(MIN_FITTED_WIDTH, 100)).toBeNull();
  });

  it('keeps the design on a card not laid out', () => {
    expect(fittedWidth(640, 0)).toBeNull();
    expect(fittedWidth(640, Number.NaN)).toBeNull();
  });
});

describe('a chart on its card', () => {
  const pixels = { width: 640, x: { domain: [0, 640], range: [0, 640], axis: null } };

  it('asks a rendering to lay itself out at the fitted width of a Plot default (640 px) chart, or at nothing on a wide card', () => {
    expect(layoutWidth(344)).toBe(344);
    expect(layoutWidth(200)).toBe(MIN_FITTED_WIDTH);
    expect(layoutWidth(600)).toBeUndefined();
  });

  it('draws a chart laid out in pixels at the layout width, and leaves its options alone (it laid itself out)', () => {
    expect(laidOutInPixels(pixels)).toBe(true);
    expect(laidOutInPixels({ x: { domain: [0, 1] } })).toBe(false);
    expect(drawnWidth(pixels, 344)).toBe(344);
    expect(drawnWidth(pixels, 600)).toBeNull();
    expect(fitToCard(pixels, 344)).toBe(pixels);
  });

  it('fits any other Plot chart to a narrow card after rendering, against its own design width', () => {
    expect(drawnWidth({ width: 760 }, 600)).toBe(600);
    expect(drawnWidth({}, 600)).toBeNull();
    expect(fitToCard({ height: 200 }, 344)).toEqual({ height: 200, width: 344 });
    const wide = { width: 640, height: 200 };
    expect(fitToCard(wide, 600)).toBe(wide);
  });
});

describe('fitPlotOptions', () => {
  const months = Array.from({ length: 24 }, (_, i) => monthDate(`${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`));

  it('sets the width, and asks a continuous x axis for at least three ticks (one per 80 px of its room beyond that)', () => {
    // 344 - 40 - 20 = 284 px of room: Plot would label 3; a panel with a wide left margin would get 1.
    expect(fitPlotOptions({ width: 640, height: 300, x: { label: 'Share', grid: true } }, 344)).toEqual({
      width: 344,
      height: 300,
      x: { label: 'Share', grid: true, ticks: 3 },
    });
    expect(fitPlotOptions({ marginLeft: 200, x: { percent: true } }, 344).x).toEqual({ percent: true, ticks: 3 });
    expect(fitPlotOptions({ marginLeft: 0, marginRight: 0, x: { type: 'log' } }, 500).x).toEqual({ type: 'log', ticks: 6 });
    // No x options: nothing to fit but the width.
    expect(fitPlotOptions({ height: 200 }, 344)).toEqual({ width: 344, height: 200 });
  });

  it('breaks an x-axis title longer than the chart between words, and grows the bottom margin by a line for each break', () => {
    const label = 'Churn ratio: days since the last order ÷ the customer’s typical gap';
    // 344 px hold (344 - 6) / 6.2 = 54 characters a line.
    const fitted = fitPlotOptions({ width: 640, x: { label, type: 'log' } }, 344);
    expect(fitted.x?.label).toBe('Churn ratio: days since the last order ÷ the\ncustomer’s typical gap');
    expect(fitted.marginBottom).toBe(30 + 11);
    expect(fitPlotOptions({ width: 640, marginBottom: 40, x: { label } }, 300).marginBottom).toBe(40 + 11);
    // A title that fits keeps its line and the margin.
    const short = fitPlotOptions({ width: 640, x: { label: 'Share of accounts (%)' } }, 344);
    expect(short.x?.label).toBe('Share of accounts (%)');
    expect(short.marginBottom).toBeUndefined();
  });

  it('wraps words greedily, a word longer than the line on a line of its own', () => {
    expect(wrapWords('a bb ccc dddd', 6)).toEqual(['a bb', 'ccc', 'dddd']);
    expect(wrapWords('averyveryverylongword x', 6)).toEqual(['averyveryverylongword', 'x']);
    expect(wrapWords('fits', 10)).toEqual(['fits']);
  });

  it('keeps every k-th listed tick from the first, so that month labels (64 px each) fit between the margins', () => {
    // 344 - 40 - 20 = 284 px: room for 4 labels, so 24 ticks keep every 6th.
    const fitted = fitPlotOptions({ width: 640, x: { type: 'utc', ticks: months } }, 344);
    expect(fitted.x?.ticks).toEqual([months[0], months[6], months[12], months[18]]);
    // Wider margins leave less room: 344 - 90 - 48 = 206 px, 3 labels, every 8th.
    expect(fitPlotOptions({ width: 640, marginLeft: 90, marginRight: 48, x: { ticks: months } }, 344).x?.ticks).toEqual([months[0], months[8], months[16]]);
  });

  it('keeps at least three listed ticks, however narrow the room', () => {
    // 345 - 48 - 130 = 167 px: room for 2 labels of 64 px, but three are kept, every 3rd of 8 months.
    const eight = months.slice(0, 8);
    expect(fitPlotOptions({ width: 960, marginLeft: 48, marginRight: 130, x: { type: 'utc', ticks: eight } }, 345).x?.ticks).toEqual([
      eight[0],
      eight[3],
      eight[6],
    ]);
  });

  it('keeps a list of ticks that fits as it is', () => {
    const few = months.slice(0, 4);
    expect(fitPlotOptions({ width: 640, x: { ticks: few } }, 344).x?.ticks).toEqual(few);
  });

  it('turns a categorical x axis’s labels 45° when its longest label does not fit flat, and grows the bottom margin', () => {
    const domain = ['Q1', 'Q2', 'Q3', 'Q4', 'Year 2', 'Year 3', 'Year 4', '5+ years'];
    // The longest label, 8 characters: 8 * 6.5 + 8 = 60 px flat; 284 px of room holds 4. Turned, each needs 16 px:
    // all 8 fit, and the margin grows by 8 * 6.5 * cos 45° = 36.8, so 37 px.
    const fitted = fitPlotOptions({ width: 640, x: { type: 'point', domain } }, 344);
    expect(fitted.x).toEqual({ type: 'point', domain, tickRotate: -45 });
    expect(fitted.marginBottom).toBe(30 + 37);
    // At 640 px (580 of room) all 8 fit flat.
    expect(fitPlotOptions({ width: 760, x: { type: 'point', domain } }, 640)).toEqual({ width: 640, x: { type: 'point', domain } });
  });

  it('labels every k-th category when even turned labels would not fit, or when the axis is on top', () => {
    const many = Array.from({ length: 20 }, (_, i) => `Segment ${i + 1}`);
    // 20 turned labels need 320 px, more than the 284 px of room; flat, 10 characters take 73 px: 3 fit, every 7th.
    expect(fitPlotOptions({ width: 640, x: { domain: many } }, 344).x).toEqual({ domain: many, ticks: ['Segment 1', 'Segment 8', 'Segment 15'] });
    const top = ['Q1', 'Q2', 'Q3', 'Q4', 'Year 2', 'Year 3', 'Year 4', '5+ years'];
    const fitted = fitPlotOptions({ width: 640, x: { type: 'point', domain: top, axis: 'top' } }, 344);
    expect(fitted.x).toEqual({ type: 'point', domain: top, axis: 'top', ticks: ['Q1', 'Q3', 'Year 2', 'Year 4'] });
    expect(fitted.marginBottom).toBeUndefined();
  });

  it('adds the turned labels’ room and a wrapped title’s lines to a bottom margin the chart set', () => {
    const domain = ['Starter', 'Professional', 'Premium', 'Enterprise', 'Custom'];
    const fitted = fitPlotOptions({ width: 640, marginBottom: 40, x: { domain, label: 'The plan each account held in its latest month of the period' } }, 200);
    // 12 characters: 86 px flat, 200 - 60 = 140 px of room holds 1; turned, 5 * 16 = 80 px fits: 12 * 6.5 * cos 45° = 55.2, so 56.
    // The title breaks into 2 lines of at most (200 - 6) / 6.2 = 31 characters: one more line of 11 px.
    expect(fitted.marginBottom).toBe(40 + 56 + 11);
    expect(fitted.x).toMatchObject({ tickRotate: -45, label: 'The plan each account held in\nits latest month of the period' });
  });

  it('leaves an axis the chart turned itself, a hidden one, and one in facets of unknown number as they are', () => {
    const domain = ['Start', 'Expansion', 'Contraction', 'Churn', 'End'];
    const turned = { width: 640, marginBottom: 50, x: { domain, tickRotate: -40 } };
    expect(fitPlotOptions(turned, 344)).toEqual({ ...turned, width: 344 });
    const hidden = { width: 640, x: { domain, axis: null } };
    expect(fitPlotOptions(hidden, 344)).toEqual({ ...hidden, width: 344 });
    expect(fitPlotOptions({ width: 640, x: { axis: null } }, 344)).toEqual({ width: 344, x: { axis: null } });
    const faceted = { width: 640, fx: { label: null }, x: { domain } };
    expect(fitPlotOptions(faceted, 344)).toEqual({ ...faceted, width: 344 });
  });

  it('judges the room of each facet when the facets are listed', () => {
    const domain = ['Q1', 'Q2', 'Q3', 'Q4'];
    // Three facets share 284 px: 94 px each. Flat, 2 characters take 21 px: 4 labels fit in 94.
    expect(fitPlotOptions({ width: 640, fx: { domain: ['a', 'b', 'c'] }, x: { domain } }, 344).x).toEqual({ domain });
    // Six facets: 47 px each, 2 labels flat, every 2nd; turned, 4 * 16 = 64 px do not fit either.
    const six = fitPlotOptions({ width: 640, fx: { domain: ['a', 'b', 'c', 'd', 'e', 'f'] }, x: { domain } }, 344);
    expect(six.x).toEqual({ domain, ticks: ['Q1', 'Q3'] });
    expect(six.marginBottom).toBeUndefined();
  });

  it('thins labels the chart turned itself only when even turned they do not fit', () => {
    const bins = ['0-10%', '10-20%', '20-30%', '30-40%', '40-50%', '50-60%', '60-70%', '70-80%', '80-90%', '90-100%', '100%'];
    // Two facets share 284 px: 142 px each; 11 turned labels need 176 px, 8 fit: every 2nd.
    const fitted = fitPlotOptions({ width: 640, marginBottom: 50, fx: { domain: ['Assignment', 'Utilization'] }, x: { domain: bins, tickRotate: -45 } }, 344);
    expect(fitted.x).toEqual({ domain: bins, tickRotate: -45, ticks: bins.filter((_, i) => i % 2 === 0) });
    expect(fitted.marginBottom).toBe(50);
  });

  it('turns the facets’ labels of a chart that shows them in place of its x axis', () => {
    const bands = ['1', '2-5', '6-10', '11-25', '26-50', '51-100', '101-500', '500+'];
    // 284 px for 8 labels: flat, 7 characters take 53.5 px, 5 fit; turned, 8 * 16 = 128 px fit. 7 * 6.5 * cos 45° = 32.2.
    const fitted = fitPlotOptions({ width: 640, fx: { label: 'Seats purchased', domain: bands }, x: { axis: null, domain: ['a', 'b'] } }, 344);
    expect(fitted.fx).toEqual({ label: 'Seats purchased', domain: bands, tickRotate: -45 });
    expect(fitted.x).toEqual({ axis: null, domain: ['a', 'b'] });
    expect(fitted.marginBottom).toBe(30 + 33);
    // With the x axis shown, the facets' labels are Plot's to place: left alone.
    expect(fitPlotOptions({ width: 640, fx: { domain: bands }, x: { domain: ['a', 'b'] } }, 344).fx).toEqual({ domain: bands });
  });

  it('takes a chart’s `margin` for the sides it does not set, and widens the left one for a long first turned label', () => {
    const domain = ['Onboarding accounts', 'Adoption', 'Established', 'Veteran', 'Lapsed', 'Returned'];
    // margin 10 on both sides: 324 px of room; flat, 19 characters take 132 px: 2 fit; turned, 6 * 16 = 96 px fit.
    // The first label reaches 19 * 6.5 * cos 45° = 87.3 px left of its tick: 88 + 8 = 96 px of left margin.
    const fitted = fitPlotOptions({ width: 640, margin: 10, x: { domain } }, 344);
    expect(fitted).toMatchObject({ marginLeft: 96, marginBottom: 10 + 88, x: { domain, tickRotate: -45 } });
  });

  it('grows the top margin for a wrapped title of an axis on top', () => {
    const fitted = fitPlotOptions({ width: 640, x: { axis: 'top', label: 'The plan each account held in its latest month of the period' } }, 200);
    expect(fitted.marginTop).toBe(30 + 11);
    expect(fitted.marginBottom).toBeUndefined();
  });

  it('leaves a tick count, an interval and a band axis without listed values alone', () => {
    expect(fitPlotOptions({ x: { domain: [0, 100], ticks: 5 } }, 344).x).toEqual({ domain: [0, 100], ticks: 5 });
    expect(fitPlotOptions({ x: { interval: 'month' } }, 344).x).toEqual({ interval: 'month' });
    expect(fitPlotOptions({ x: { type: 'band', label: 'Months' } }, 344).x).toEqual({ type: 'band', label: 'Months' });
    expect(fitPlotOptions({ x: { domain: ['a', 'b'], ticks: 3 } }, 344).x).toEqual({ domain: ['a', 'b'], ticks: 3 });
  });
});

describe('phoneRendering (the second drawing of a page without script)', () => {
  const chart = (options: PlotOptions): ChartDefinition => ({
    id: 'c',
    title: 'A chart',
    subtitle: '',
    query: { tables: [], sql: () => 'SELECT 1' },
    columns: [],
    describe: () => 'one row',
    render: (_rows, context) => ({ kind: 'plot', options: { ...options, ...(context.width ? { caption: `laid out at ${context.width}` } : {}) } }),
  });

  it('draws a chart of Plot’s default width again at a phone card’s width, with its title and summary', () => {
    const phone = phoneRendering(chart({ marks: [] }), [], {}, { kind: 'plot', options: {} });
    expect(phone?.kind === 'plot' && phone.options).toMatchObject({ width: PHONE_BODY_WIDTH, ariaLabel: 'A chart', ariaDescription: 'one row' });
  });

  it('asks a chart laid out in pixels to lay itself out at that width, and scales it no further', () => {
    const pixels = chart({ width: 640, x: { range: [0, 640] } });
    const phone = phoneRendering(pixels, [], {}, { kind: 'plot', options: { width: 640, x: { range: [0, 640] } } });
    expect(phone?.kind === 'plot' && phone.options).toMatchObject({ caption: `laid out at ${PHONE_BODY_WIDTH}`, width: 640 });
  });

  it('makes none for an HTML rendering or a chart not designed at 640 px (the style swaps the drawings at 4/5 of 640 px)', () => {
    expect(phoneRendering(chart({}), [], {}, { kind: 'html', html: '<table></table>' })).toBeNull();
    expect(phoneRendering(chart({ width: 960 }), [], {}, { kind: 'plot', options: { width: 960 } })).toBeNull();
  });

  it('is shown by the style on the cards where a dashboard’s script would draw a 640 px chart again', () => {
    // report.css swaps the drawings in a container query: its bound must be the script's (below 4/5 of 640 px).
    const css = readFileSync(new URL('../../src/styles/report.css', import.meta.url), 'utf8');
    const query = /@container \(max-width: ([\d.]+)px\) \{\s*\.chart-body\.phone-drawn/.exec(css);
    expect(query, 'report.css has no container query for .chart-body.phone-drawn').not.toBeNull();
    const bound = Number(query![1]);
    expect(bound).toBeLessThan(PLOT_DEFAULT_WIDTH * REFIT_BELOW);
    expect(bound).toBeGreaterThanOrEqual(PLOT_DEFAULT_WIDTH * REFIT_BELOW - 1);
    expect(fittedWidth(PLOT_DEFAULT_WIDTH, bound)).not.toBeNull();
    expect(fittedWidth(PLOT_DEFAULT_WIDTH, PLOT_DEFAULT_WIDTH * REFIT_BELOW)).toBeNull();
  });
});

describe('a chart in a wide card (a layout row of its own)', () => {
  const chart = (id: string, options: PlotOptions): ChartDefinition => ({
    id,
    title: id,
    subtitle: '',
    query: { tables: [], sql: () => 'SELECT 1' },
    columns: [],
    describe: () => '',
    render: () => ({ kind: 'plot', options }),
  });
  const plain = chart('plain', { marks: [] });
  const sized = chart('sized', { width: 500 });
  const pixels = chart('pixels', { x: { range: [0, 640] } });
  const widthOf = (rendered: ReturnType<typeof renderChart>) => (rendered.rendering.kind === 'plot' ? rendered.rendering.options.width : null);

  it('is drawn at the wide width when it sets none of its own, at Plot’s default in a half card', () => {
    expect(widthOf(renderChart(plain, [], {}, undefined, true))).toBe(WIDE_CHART_WIDTH);
    expect(widthOf(renderChart(plain, [], {}))).toBeUndefined();
  });

  it('keeps a width of its own, and a layout in pixels, in a wide card too', () => {
    expect(widthOf(renderChart(sized, [], {}, undefined, true))).toBe(500);
    expect(widthOf(renderChart(pixels, [], {}, undefined, true))).toBeUndefined();
  });

  it('is fitted to a narrow card from the wide width', () => {
    expect(widthOf(renderForCard(plain, [], {}, 700, true))).toBe(700);
    expect(widthOf(renderForCard(plain, [], {}, 700))).toBeUndefined();
  });

  it('is wide where the page’s layout puts it in a wide row', () => {
    const page = { layout: [{ charts: [plain], wide: true }, { charts: [sized, pixels] }] } as unknown as PageDefinition;
    expect([plain, sized, pixels].map((c) => isWideChart(page, c))).toEqual([true, false, false]);
  });
});

describe('phoneDrawingSuits: a card that shows the phone drawing at nearly its own size', () => {
  it('holds within a tenth of the phone drawing’s width either way', () => {
    expect([300, 311, 345, 379, 390].map(phoneDrawingSuits)).toEqual([false, true, true, true, false]);
  });
});
