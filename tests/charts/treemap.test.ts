/** src/lib/charts/treemap.ts: a tile's label keeps only the lines that fit inside the tile. */
import { describe, expect, it } from 'vitest';
import { fittedLabel } from '../../src/lib/charts/treemap.ts';

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
