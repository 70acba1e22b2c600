/**
 * Label placement for charts whose marks crowd together: each label as near its mark's
 * height as the labels above and below allow, within bounds. The regional bubbles put their
 * labels in a column beside the plot, joined to the marks by leader lines; the Sankey spreads
 * its node labels within each gap between columns.
 */

/**
 * Positions as close to `wanted` as possible with at least `gap` between neighbours,
 * all within [min, max] (when they fit). Works in any unit where larger is further down;
 * returns the positions in the order given.
 */
export function spreadPositions(wanted: readonly number[], gap: number, min: number, max: number): number[] {
  const order = wanted.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value || a.index - b.index);
  const placed = order.map((item) => Math.min(Math.max(item.value, min), max));
  // Push down past the one above, then back up from the bottom edge.
  for (let i = 1; i < placed.length; i++) placed[i] = Math.max(placed[i]!, placed[i - 1]! + gap);
  const overflow = (placed[placed.length - 1] ?? max) - max;
  if (overflow > 0) {
    placed[placed.length - 1] = max;
    for (let i = placed.length - 2; i >= 0; i--) placed[i] = Math.min(placed[i]!, placed[i + 1]! - gap);
  }
  const result = new Array<number>(wanted.length);
  order.forEach((item, i) => {
    result[item.index] = placed[i]!;
  });
  return result;
}
