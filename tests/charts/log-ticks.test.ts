import { describe, expect, it } from 'vitest';
import { logTicks } from '../../src/lib/charts/revenue-risk.ts';
import { moneyTick } from '../../src/lib/format.ts';

describe('logTicks: a log axis labelled at 1, 2 and 5 times each power of ten', () => {
  it('covers the range from the such value at or below its start to the one at or above its end, the 5s included', () => {
    expect(logTicks(37, 24_500)).toEqual([20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000]);
    expect(logTicks(37, 24_500).map(moneyTick)).toContain('$5K');
  });

  it('keeps the ends when they are such values, and works below 1', () => {
    expect(logTicks(100, 1_000)).toEqual([100, 200, 500, 1_000]);
    expect(logTicks(0.02, 0.5)).toEqual([0.02, 0.05, 0.1, 0.2, 0.5]);
  });

  it('uses every multiple when 1, 2 and 5 leave fewer than three ticks', () => {
    expect(logTicks(200_000, 400_000)).toEqual([200_000, 300_000, 400_000]);
    expect(logTicks(7, 7)).toEqual([7]);
  });

  it('gives no ticks for a range a log scale cannot draw', () => {
    expect(logTicks(0, 10)).toEqual([]);
    expect(logTicks(5, 1)).toEqual([]);
    expect(logTicks(Number.POSITIVE_INFINITY, 0)).toEqual([]);
  });
});
