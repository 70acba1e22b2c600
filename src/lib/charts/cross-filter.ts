/**
 * Cross-filtering: marks that set a page parameter when clicked. Plot draws one element per
 * datum; this render transform tags each with the parameter and value it stands for, in
 * both engines, so the static SVG carries the same hooks the browser listens to. Which
 * parameter is the chart's declaration (`ChartDefinition.crossFilter`), read from the context.
 */
import type { RenderFunction } from '@observablehq/plot';
import type { Row } from '../rows.ts';
import type { CrossFilter, RenderContext } from './chart.ts';

function declared(context: RenderContext): CrossFilter {
  if (!context.crossFilter) throw new Error('A chart tags marks for cross-filtering but declares no crossFilter.');
  return context.crossFilter;
}

/**
 * A Plot `render` option that marks each element as a filter for its row's value of the
 * declared parameter (or `field`). Each is a button in the tab order, unless `focusable` is
 * false (thousands of points: the page's own filter control then does the same from the keyboard).
 */
export function filterOnClick(rows: readonly Row[], context: RenderContext, field?: string, focusable = true): RenderFunction {
  const { parameter } = declared(context);
  return setsParameter(rows, parameter, field ?? parameter, focusable);
}

/**
 * A Plot `render` option that marks each element as setting `parameter` to its row's value
 * of `field`, whatever the chart declares (a drill's leaves open an account).
 */
export function setsParameter(rows: readonly Row[], parameter: string, key: string, focusable = true): RenderFunction {
  return function render(index, scales, values, dimensions, renderContext, next) {
    const group = next?.(index, scales, values, dimensions, renderContext);
    if (!group) return null;
    const elements = group.querySelectorAll('rect, circle, path');
    index.forEach((datum, i) => {
      const element = elements[i];
      const value = rows[datum]?.[key];
      if (!element || value === null || value === undefined) return;
      element.setAttribute('data-filter', parameter);
      element.setAttribute('data-value', String(value));
      if (!focusable) return;
      element.setAttribute('tabindex', '0');
      element.setAttribute('role', 'button');
      element.setAttribute('aria-label', `Filter by ${String(value)}`);
    });
    return group;
  };
}

/** Full opacity for the selected value of the declared parameter (or all when none is), faded otherwise. */
export function emphasis(context: RenderContext): (row: Row) => number {
  const { parameter } = declared(context);
  const selected = context.filters[parameter];
  return (row: Row) => (selected === undefined || row[parameter] === selected ? 1 : 0.3);
}
