/**
 * Cross-filtering: marks that set a global filter when clicked. Plot draws one element per
 * datum; this render transform tags each with the dimension and value it stands for, in
 * both engines, so the static SVG carries the same hooks the browser listens to.
 */
import type { RenderFunction } from '@observablehq/plot';
import type { FilterDimension } from '../filters.ts';
import type { Row } from '../rows.ts';
import type { RenderContext } from './chart.ts';

/** A Plot `render` option that marks each element of a mark as a filter for `field`'s value. */
export function filterOnClick(rows: readonly Row[], dimension: FilterDimension, field: string): RenderFunction {
  return function render(index, scales, values, dimensions, context, next) {
    const group = next?.(index, scales, values, dimensions, context);
    if (!group) return null;
    const elements = group.querySelectorAll('rect, circle, path');
    index.forEach((datum, i) => {
      const element = elements[i];
      const value = rows[datum]?.[field];
      if (!element || value === null || value === undefined) return;
      element.setAttribute('data-filter', dimension);
      element.setAttribute('data-value', String(value));
      element.setAttribute('tabindex', '0');
      element.setAttribute('role', 'button');
      element.setAttribute('aria-label', `Filter by ${String(value)}`);
    });
    return group;
  };
}

/** Full opacity for the selected value of `dimension` (or all when none is), faded otherwise. */
export function emphasis(context: RenderContext, dimension: FilterDimension): (row: Row) => number {
  const selected = context.filters[dimension];
  return (row: Row) => (selected === undefined || row[dimension] === selected ? 1 : 0.3);
}
