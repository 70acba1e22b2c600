/** src/lib/charts/label-layout.ts: labels keep their gap, stay in bounds and near their marks. */
import { describe, expect, test } from 'vitest';
import { spreadPositions } from '../../src/lib/charts/label-layout.ts';

describe('spreadPositions', () => {
  test('leaves labels that do not collide where they are', () => {
    expect(spreadPositions([10, 50, 90], 12, 0, 100)).toEqual([10, 50, 90]);
  });

  test('pushes colliding labels apart, in the order of their marks, keeping the input order', () => {
    expect(spreadPositions([52, 50, 51], 10, 0, 100)).toEqual([70, 50, 60]);
  });

  test('moves labels back up from the bottom edge', () => {
    expect(spreadPositions([98, 99, 100], 10, 0, 100)).toEqual([80, 90, 100]);
  });

  test('brings labels outside the bounds inside', () => {
    expect(spreadPositions([-20, 130], 10, 0, 100)).toEqual([0, 100]);
  });

  test('handles no labels', () => {
    expect(spreadPositions([], 10, 0, 100)).toEqual([]);
  });
});
