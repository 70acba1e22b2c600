/** src/lib/charts/journeys.ts: the active-rate heatmap's colour steps fall where their labels read apart. */
import { describe, expect, it } from 'vitest';
import { rateSteps } from '../../src/lib/charts/journeys.ts';

describe('rateSteps', () => {
  it('steps a range of a few points by whole percents', () => {
    // One portfolio group: 66.7% to 70.8% (steps of a sixth of the range used to read "68%" twice).
    expect(rateSteps([0.667, 0.688, 0.708])).toEqual({ domain: [0.67, 0.68, 0.69, 0.7], tickFormat: '.0%' });
  });

  it('takes the finest step that leaves at most five thresholds', () => {
    expect(rateSteps([0.5523, 0.7, 0.8461, null])).toEqual({ domain: [0.6, 0.65, 0.7, 0.75, 0.8], tickFormat: '.0%' });
    expect(rateSteps([0.1, 0.9]).domain).toEqual([0.2, 0.4, 0.6, 0.8]);
  });

  it('labels half percents with a decimal when the range is under about two points', () => {
    const { domain, tickFormat } = rateSteps([0.661, 0.679]);
    expect(domain).toEqual([0.665, 0.67, 0.675]);
    expect(tickFormat).toBe('.1%');
  });

  it('keeps one threshold when every value falls within one step', () => {
    expect(rateSteps([0.7, 0.7]).domain).toEqual([0.7]);
    expect(rateSteps([null]).domain.length).toBeGreaterThan(0);
  });

  it('never gives two thresholds the same label', () => {
    for (const [lo, hi] of [
      [0.6, 0.61],
      [0.3, 0.95],
      [0.667, 0.708],
      [0.9, 0.99],
      [0.01, 0.04],
    ] as const) {
      const { domain, tickFormat } = rateSteps([lo, hi]);
      // The legend's labels as d3-format writes them with `tickFormat` (".0%" or ".1%").
      const digits = Number(tickFormat.slice(1, -1));
      const label = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits });
      const labels = domain.map((d) => label.format(d));
      expect(new Set(labels).size, `${lo}-${hi}`).toBe(domain.length);
    }
  });
});
