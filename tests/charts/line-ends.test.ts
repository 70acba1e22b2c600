/** src/lib/charts/month-axis.ts: which lines of a many-line monthly chart are named at their ends. */
import { describe, expect, it } from 'vitest';
import { lineEnds } from '../../src/lib/charts/month-axis.ts';

const rows = [
  { month: '2026-01', cs: 'Ann', score: 10 },
  { month: '2026-01', cs: 'Bo', score: 30 },
  { month: '2026-01', cs: 'Cy', score: 20 },
  { month: '2026-02', cs: 'Ann', score: 40 },
  { month: '2026-02', cs: 'Bo', score: 5 },
  { month: '2026-02', cs: 'Cy', score: 25 },
  // Dee has no row in the last month: her line ends earlier.
  { month: '2025-12', cs: 'Dee', score: 99 },
];

describe('lineEnds', () => {
  it('names the highest and the lowest series in the last month when none is chosen', () => {
    expect(lineEnds(rows, 'cs', 'score', null)).toEqual([rows[3], rows[4]]);
    expect(lineEnds(rows, 'cs', 'score', undefined)).toEqual([rows[3], rows[4]]);
  });

  it('names the chosen series at its own last month, wherever its line ends', () => {
    expect(lineEnds(rows, 'cs', 'score', 'Cy')).toEqual([rows[5]]);
    expect(lineEnds(rows, 'cs', 'score', 'Dee')).toEqual([rows[6]]);
    expect(lineEnds(rows, 'cs', 'score', 'Nobody')).toEqual([]);
  });

  it('names one series when the last month has one, none without rows, and skips a missing value', () => {
    expect(lineEnds([rows[0]!], 'cs', 'score', null)).toEqual([rows[0]]);
    expect(lineEnds([], 'cs', 'score', null)).toEqual([]);
    const gap = [...rows, { month: '2026-02', cs: 'Eve', score: null }];
    expect(lineEnds(gap, 'cs', 'score', null)).toEqual([rows[3], rows[4]]);
  });
});
