/**
 * src/lib/intelligence.ts on hand-made order lines (the same as tests/fixtures/superstore/orders.csv).
 * As of 2024-03-31, the last order date. Every expected value is worked out by hand:
 * - C1: orders on 01-01 (two lines, 100 at no discount and 50 at 20%), 01-31 (700) and 03-31 (150):
 *   gaps 30 and 60 days, typical gap 45 (the mean of the two middle values); revenue 1000; discount share 50/1000.
 * - C2: one order date (01-15): 80 at 50% and a zero-amount line at 100% discount; recency 76 days.
 * - C3: 02-01, 02-11, 02-21 (300, 400 at 10%, 300): typical gap 10, recency 39, ratio 3.9: High.
 * - C4: 03-01 and 03-31 (500 each): gap 30, recency 0 (an order on the last day).
 * - C5: one zero-amount line on 03-31: revenue 0, discount share undefined.
 * - C6: 03-10 (40 at 30%) and 03-20 (60 at 25%): gap 10, recency 11, ratio 1.1: Medium.
 * Source median typical gap: median(45, 10, 30, 10) = 20, so C2's ratio is 76 / 20 = 3.8 (High) and C5's 0.
 * Revenue 75th percentile: [0, 80, 100, 1000, 1000, 1000] at (6 - 1) * 0.75 = 3.75: 1000, a tie C1 and C4 reach.
 * Discount-share 75th percentile: [0, 0.05, 0.4, 1, 1] at 3: 1, a tie C6 reaches (C2 is at risk first).
 */
import { describe, expect, test } from 'vitest';
import { INTELLIGENCE } from '../../src/lib/config.ts';
import {
  SEGMENTS,
  churnBand,
  churnBandsSentence,
  churnRatio,
  customerFeatures,
  median,
  quantile,
  segmentOf,
  segmentRuleSentence,
  sourceThresholds,
  type OrderLine,
} from '../../src/lib/intelligence.ts';

const line = (order_id: string, order_date: string, customer_id: string, amount: number, discount: number): OrderLine => ({
  order_id,
  customer_id,
  order_date,
  amount,
  discount,
});

const FIXTURE_LINES: readonly OrderLine[] = [
  line('O1', '2024-01-01', 'C1', 100, 0),
  line('O1', '2024-01-01', 'C1', 50, 0.2),
  line('O2', '2024-01-31', 'C1', 700, 0),
  line('O3', '2024-03-31', 'C1', 150, 0),
  line('O4', '2024-01-15', 'C2', 80, 0.5),
  line('O4', '2024-01-15', 'C2', 0, 1),
  line('O5', '2024-02-01', 'C3', 300, 0),
  line('O6', '2024-02-11', 'C3', 400, 0.1),
  line('O7', '2024-02-21', 'C3', 300, 0),
  line('O8', '2024-03-01', 'C4', 500, 0),
  line('O9', '2024-03-31', 'C4', 500, 0),
  line('O10', '2024-03-31', 'C5', 0, 0),
  line('O11', '2024-03-10', 'C6', 40, 0.3),
  line('O12', '2024-03-20', 'C6', 60, 0.25),
];

const AS_OF = '2024-03-31';
const features = customerFeatures(FIXTURE_LINES, AS_OF);
const byId = (id: string) => features.find((f) => f.customer_id === id)!;

describe('customer features', () => {
  test('recency, frequency, monetary, AOV, tenure and typical gap', () => {
    expect(features.map((f) => [f.customer_id, f.orders, f.revenue, f.recency_days, f.tenure_days, f.typical_gap_days])).toEqual([
      ['C1', 3, 1000, 0, 90, 45],
      ['C2', 1, 80, 76, 76, null],
      ['C3', 3, 1000, 39, 59, 10],
      ['C4', 2, 1000, 0, 30, 30],
      ['C5', 1, 0, 0, 0, null],
      ['C6', 2, 100, 11, 21, 10],
    ]);
    expect(byId('C1').aov).toBeCloseTo(1000 / 3, 12);
    expect(byId('C5').aov).toBe(0);
    expect([byId('C1').first_order, byId('C1').last_order]).toEqual(['2024-01-01', '2024-03-31']);
  });

  test('discount share (of revenue) and mean discount (of lines, unweighted)', () => {
    expect(byId('C1').discount_share).toBeCloseTo(0.05, 12);
    expect(byId('C1').mean_discount).toBeCloseTo(0.05, 12);
    // The zero-amount line at 100% adds nothing to revenue but counts in the mean discount.
    expect(byId('C2').discount_share).toBe(1);
    expect(byId('C2').mean_discount).toBeCloseTo(0.75, 12);
    expect(byId('C3').discount_share).toBeCloseTo(0.4, 12);
    expect(byId('C4').discount_share).toBe(0);
    expect(byId('C5').discount_share).toBeNull();
    expect(byId('C6').discount_share).toBe(1);
  });

  test('features as of an earlier date leave later lines out', () => {
    const early = customerFeatures(FIXTURE_LINES, '2024-01-15');
    expect(early.map((f) => [f.customer_id, f.orders, f.revenue, f.recency_days, f.typical_gap_days])).toEqual([
      ['C1', 1, 150, 14, null],
      ['C2', 1, 80, 0, null],
    ]);
  });
});

describe('quantiles', () => {
  test('linear interpolation between order statistics, as DuckDB’s quantile_cont', () => {
    expect(quantile([0, 80, 100, 900, 1000, 1000], 0.75)).toBeCloseTo(975, 12);
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(median([45, 10, 30, 10])).toBe(20);
    expect(median([])).toBeNull();
  });

  test('the source thresholds of the fixture', () => {
    expect(sourceThresholds(features)).toEqual({ highValueRevenue: 1000, discountShareCut: 1, medianGapDays: 20 });
  });
});

describe('churn risk', () => {
  const { medianGapDays } = sourceThresholds(features);

  test('recency over the typical gap, the source median for a single order date', () => {
    const ratios = features.map((f) => churnRatio(f, medianGapDays));
    expect(ratios.map((r) => Number(r!.toFixed(6)))).toEqual([0, 3.8, 3.9, 0, 0, 1.1]);
    expect(ratios.map(churnBand)).toEqual(['Low', 'High', 'High', 'Low', 'Low', 'Medium']);
  });

  test('band boundaries belong to the higher band', () => {
    const [, medium, high] = INTELLIGENCE.churnBands;
    expect(churnBand(medium!.min - 1e-9)).toBe('Low');
    expect(churnBand(medium!.min)).toBe('Medium');
    expect(churnBand(high!.min)).toBe('High');
    expect(churnBand(null)).toBeNull();
    expect(churnRatio({ recency_days: 5, typical_gap_days: null }, null)).toBeNull();
  });

  test('the bands in words', () => {
    expect(churnBandsSentence()).toBe('Low (below 1), Medium (1 to below 2), High (2 or more)');
  });
});

describe('segments', () => {
  const thresholds = sourceThresholds(features);
  const segments = features.map((f) => segmentOf({ ...f, churn_band: churnBand(churnRatio(f, thresholds.medianGapDays)) }, thresholds));

  test('first matching rule wins; ties at a quantile are in', () => {
    expect(segments).toEqual(['High-Value Active', 'At-Risk/Dormant', 'At-Risk/Dormant', 'High-Value Active', 'Steady', 'Discount-Driven']);
  });

  test('a zero revenue or zero discount share never qualifies, whatever the quantile', () => {
    const zero = { highValueRevenue: 0, discountShareCut: 0, medianGapDays: 10 };
    expect(segmentOf({ revenue: 0, discount_share: 0, churn_band: 'Low' }, zero)).toBe('Steady');
    expect(segmentOf({ revenue: 0, discount_share: 0.2, churn_band: 'Low' }, zero)).toBe('Discount-Driven');
  });

  test('the rule as a sentence, with and without resolved thresholds', () => {
    expect(segmentRuleSentence()).toBe(
      'A customer is At-Risk/Dormant when its churn risk is High (2 or more of its typical gaps since its last order); otherwise High-Value Active when its revenue is at least the 75th percentile of customer revenue; otherwise Discount-Driven when the share of its revenue bought at a discount is at least the 75th percentile of customers; otherwise Steady.',
    );
    expect(segmentRuleSentence(thresholds)).toContain('at least $1000.00 (the 75th percentile of customer revenue)');
    expect(segmentRuleSentence(thresholds)).toContain('at least 100% (the 75th percentile)');
    expect(SEGMENTS.map((s) => s.label)).toEqual(['At-Risk/Dormant', 'High-Value Active', 'Discount-Driven', 'Steady']);
  });
});
