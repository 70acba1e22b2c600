/** src/lib/palette.ts and src/lib/format.ts: a label colour that reads on its fill, and a size band named with its unit. */
import { describe, expect, it } from 'vitest';
import { seatsText } from '../../src/lib/format.ts';
import { labelColorOn } from '../../src/lib/palette.ts';

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

describe('seatsText', () => {
  it('names one seat in the singular and any other band in the plural', () => {
    expect(seatsText('1')).toBe('1 seat');
    expect(seatsText('2-5')).toBe('2-5 seats');
    expect(seatsText('500+')).toBe('500+ seats');
  });
});
