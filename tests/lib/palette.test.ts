/** src/lib/palette.ts and src/lib/format.ts: a label colour that reads on its fill, and a size band named with its unit. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCell, formatValue, moneyTick, seatsText } from '../../src/lib/format.ts';
import { CATEGORICAL, REGION_COLORS, TREND_LINE_OPACITY, blend, contrastRatio, labelColorOn, labelColorsOf, regionColorsOf } from '../../src/lib/palette.ts';

describe('labelColorOn', () => {
  // Contrast ratios worked out by hand from WCAG 2's relative luminance.
  it.each([
    ['#ffffcc', 'black'], // white 1.03:1, black 20.4:1
    ['#41b6c4', 'black'], // white 2.41:1, black 8.71:1: a white label here was hard to read
    ['#2c7fb8', 'black'], // white 4.34:1, black 4.83:1
    ['#253494', 'white'], // white 10.5:1, black 2.00:1
    ['#000000', 'white'],
    ['#FFFFFF', 'black'],
  ])('on %s takes %s', (fill, label) => {
    expect(labelColorOn(fill)).toBe(label);
  });

  it('gives black for a colour it cannot read', () => {
    expect(labelColorOn('rgb(0, 0, 0)')).toBe('black');
    expect(labelColorOn('#fff')).toBe('black');
  });
});

describe('labelColorsOf', () => {
  it("takes each value's colour from the scale, then the label that reads on it", () => {
    // The treemaps' scale: six steps of YlGnBu from 40% to 100% (#ffffcc ... #41b6c4, #2c7fb8, #253494).
    const label = labelColorsOf({ type: 'quantize', n: 6, scheme: 'YlGnBu', domain: [0.4, 1] });
    expect([0.45, 0.75, 0.85, 0.95].map(label)).toEqual(['black', 'black', 'black', 'white']);
  });
});

describe('seatsText', () => {
  it('names one seat in the singular and any other band in the plural', () => {
    expect(seatsText('1')).toBe('1 seat');
    expect(seatsText('2-5')).toBe('2-5 seats');
    expect(seatsText('500+')).toBe('500+ seats');
  });
});

describe('formatCell', () => {
  it('shows money in whole dollars at any size, where cards and prose shorten it from $100,000', () => {
    expect([35_440, 134_520.4, 2_297_201].map((v) => formatCell(v, 'money'))).toEqual(['$35,440', '$134,520', '$2,297,201']);
    expect([35_440, 134_520.4, 2_297_201].map((v) => formatValue(v, 'money'))).toEqual(['$35,440', '$135K', '$2.3M']);
  });

  it('shortens money to three significant digits at every size (a card showed "$277.08K" beside "$2.3M")', () => {
    expect([277_080, 387_634, 2_297_201, 27_612_345, 5_941_000_000].map((v) => formatValue(v, 'money'))).toEqual([
      '$277K',
      '$388K',
      '$2.3M',
      '$27.6M',
      '$5.94B',
    ]);
  });

  it('shows every other format, and a missing amount, as formatValue does', () => {
    expect(formatCell(0.1234, 'percent')).toBe('12.3%');
    expect(formatCell(3974, 'integer')).toBe('3,974');
    expect(formatCell(null, 'money')).toBe('–');
  });
});

describe('regionColorsOf', () => {
  it('keeps the regions present, in the report order, each with its usual colour', () => {
    const [first, second, third] = REGION_COLORS.domain;
    const colors = regionColorsOf([third!, first!, third!, null]);
    expect(colors.domain).toEqual([first, third]);
    expect(colors.range).toEqual([REGION_COLORS.range[0], REGION_COLORS.range[2]]);
    expect(regionColorsOf([second!]).range).toEqual([REGION_COLORS.range[1]]);
  });

  it('keeps every region when none is present', () => {
    expect(regionColorsOf([])).toEqual({ domain: [...REGION_COLORS.domain], range: [...REGION_COLORS.range] });
  });
});

describe('contrast of the trend lines', () => {
  // The text and background colours of each theme, as report.css sets them.
  const css = readFileSync(new URL('../../src/styles/report.css', import.meta.url), 'utf8');
  const themeColor = (name: string, dark: boolean) => {
    const block = dark ? css.slice(css.indexOf('@media (prefers-color-scheme: dark)')) : css;
    const found = new RegExp(`--${name}:\\s*(#[0-9a-f]{6});`, 'i').exec(block);
    if (!found) throw new Error(`report.css sets no --${name}${dark ? ' in its dark theme' : ''}`);
    return found[1]!;
  };

  it('works out blends and ratios as WCAG does', () => {
    expect(blend('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it.each([false, true])('keeps 3:1 against the background (dark theme: %s)', (dark) => {
    const [fg, bg] = [themeColor('fg', dark), themeColor('bg', dark)];
    expect(contrastRatio(blend(fg, bg, TREND_LINE_OPACITY), bg)).toBeGreaterThanOrEqual(3);
  });

  it("is a change: the palette's blue at 0.6 fell to about 2:1 in the dark theme", () => {
    const bg = themeColor('bg', true);
    expect(contrastRatio(blend(CATEGORICAL[0], bg, 0.6), bg)).toBeLessThan(2.1);
  });
});

describe('moneyTick', () => {
  it('writes billions with B, as the cards do, not SI’s G', () => {
    expect([5.95e9, 6e9, 250_000, 1_500_000, 400].map(moneyTick)).toEqual(['$5.95B', '$6B', '$250K', '$1.5M', '$400']);
  });
});
