/** src/lib/charts/treemap.ts: a tile's label keeps only the lines that fit inside the tile. */
import { describe, expect, it } from 'vitest';
import type { PlotOptions } from '@observablehq/plot';
import { fittedLabel, treemapRendering } from '../../src/lib/charts/treemap.ts';
import type { Row } from '../../src/lib/rows.ts';

// A tile of `width` x `height` pixels; labels are 12 px type on 15 px lines, 8 px in from the top left,
// with 4 px to spare right and below, and a character counts 6.6 px.
const tile = (width: number, height: number) => ({ x0: 100, x1: 100 + width, y0: 50, y1: 50 + height });
const label = '26-50 seats\n3.7% of customers\n63.8% used';

describe('fittedLabel', () => {
  it('keeps every line in a tile large enough for them', () => {
    // The longest line, 17 characters, needs 112.2 px; three lines need 45 px.
    expect(fittedLabel(tile(125, 57), label)).toBe(label);
  });

  it('drops the lines from the first that does not fit, across or down', () => {
    expect(fittedLabel(tile(124, 57), label)).toBe('26-50 seats');
    expect(fittedLabel(tile(125, 56), label)).toBe('26-50 seats\n3.7% of customers');
    expect(fittedLabel(tile(125, 27), label)).toBe('26-50 seats');
  });

  it('gives no label to a tile too small for its first line', () => {
    // "26-50 seats" needs 72.6 px across and 15 px down.
    expect(fittedLabel(tile(84, 100), label)).toBeNull();
    expect(fittedLabel(tile(200, 26), label)).toBeNull();
  });
});

describe('treemapRendering', () => {
  const rows = [
    { region: 'A', seats: 600, rate: 0.8 },
    { region: 'B', seats: 300, rate: 0.6 },
    { region: 'C', seats: 100, rate: 0.5 },
  ];
  const spec = { size: 'seats', color: 'rate', colorLabel: 'Rate', label: (t: Row) => String(t.region) };
  const tilesOf = (options: PlotOptions) => (options.marks![0] as unknown as { data: Row[] }).data;

  it('lays the tiles out at 640 px on the built page, and at the width the page asks for on a narrow card', () => {
    for (const [width, expected] of [
      [undefined, 640],
      [344, 344],
    ] as const) {
      const rendering = treemapRendering(rows, spec, { filters: {}, crossFilter: { parameter: 'region', self: 'filter' }, ...(width ? { width } : {}) });
      if (rendering.kind !== 'plot') throw new Error('expected a Plot rendering');
      expect(rendering.options.width).toBe(expected);
      expect(rendering.options.x).toMatchObject({ domain: [0, expected], range: [0, expected] });
      const tiles = tilesOf(rendering.options);
      expect(Math.max(...tiles.map((t) => Number(t.x1)))).toBeCloseTo(expected, 6);
      // The area still follows the seats: A holds 60% of the 360 px tall chart.
      const area = (t: Row) => (Number(t.x1) - Number(t.x0)) * (Number(t.y1) - Number(t.y0));
      const a = tiles.find((t) => t.region === 'A')!;
      expect(area(a) / (expected * 360)).toBeGreaterThan(0.55);
    }
  });
});
