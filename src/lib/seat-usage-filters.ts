/**
 * The filters of the seat-usage pages (executive summary, segmentation, risk): one category
 * parameter per attribute of a usage cell, with its values from the filter cube. Queries of
 * those pages apply them with `filters()`; the URL keys are the parameter names.
 */
import type { CategoryParameter } from './parameters.ts';

const fromFilterCube = (name: string, label: string): CategoryParameter => ({
  kind: 'category',
  name,
  label,
  source: { dataset: 'filter_cube', column: name },
});

/** In the order the filter bar shows them and the URL writes them. */
export const SEAT_USAGE_PARAMETERS: readonly CategoryParameter[] = [
  fromFilterCube('region', 'Region'),
  fromFilterCube('size_band', 'Size band'),
  fromFilterCube('tenure_segment', 'Tenure'),
  fromFilterCube('plan', 'Plan'),
  fromFilterCube('month', 'Month'),
];

/** The names `filters()` applies in a seat-usage query. */
export const SEAT_USAGE_FILTERS: readonly string[] = SEAT_USAGE_PARAMETERS.map((parameter) => parameter.name);
