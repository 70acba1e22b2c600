/**
 * The global filters: which dimensions a reader can filter by, and how their state is
 * read from and written to the URL query string. Values from the URL are untrusted: each
 * is checked against the allowed values (from the manifest) and dropped when unknown, so
 * nothing but a known label ever reaches a query, and then only as a bound parameter.
 */

/** The filter dimensions, in the order the filter bar shows them. */
export const FILTER_DIMENSIONS = ['region', 'size_band', 'tenure_segment', 'plan', 'month'] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

/** Human labels of the filter dimensions. */
export const FILTER_LABELS: Record<FilterDimension, string> = {
  region: 'Region',
  size_band: 'Size band',
  tenure_segment: 'Tenure',
  plan: 'Plan',
  month: 'Month',
};

/** The selected value of each filtered dimension; an absent key means "all". */
export type FilterState = Partial<Record<FilterDimension, string>>;

/** The values each dimension may take (the manifest's `dimensions`). */
export type AllowedValues = Record<FilterDimension, readonly string[]>;

/** A URL value that was not accepted, kept to tell the reader why it was ignored. */
export interface DroppedValue {
  dimension: string;
  value: string;
}

/** Longest URL value echoed back in a note; longer ones are shortened. */
const NOTE_VALUE_LIMIT = 40;

/** Whether `key` names a global filter dimension. */
export function isFilterDimension(key: string): key is FilterDimension {
  return (FILTER_DIMENSIONS as readonly string[]).includes(key);
}

/** Reads the filter state from a query string, keeping only known dimensions and values. */
export function parseFilters(search: string | URLSearchParams, allowed: AllowedValues): { state: FilterState; dropped: DroppedValue[] } {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const state: FilterState = {};
  const dropped: DroppedValue[] = [];
  for (const [key, value] of params) {
    if (isFilterDimension(key) && allowed[key].includes(value) && state[key] === undefined) state[key] = value;
    else if (isFilterDimension(key)) dropped.push({ dimension: key, value: shorten(value) });
  }
  return { state, dropped };
}

/** The query string of a filter state, dimensions in their fixed order ("" when unfiltered). */
export function filtersToSearch(state: FilterState): string {
  const params = new URLSearchParams();
  for (const dimension of FILTER_DIMENSIONS) {
    const value = state[dimension];
    if (value !== undefined) params.set(dimension, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A copy of `state` with `dimension` set to `value`, or cleared when `value` is null. */
export function withFilter(state: FilterState, dimension: FilterDimension, value: string | null): FilterState {
  const next: FilterState = { ...state };
  if (value === null) delete next[dimension];
  else next[dimension] = value;
  return next;
}

/** Whether two filter states select the same values. */
export function sameFilters(a: FilterState, b: FilterState): boolean {
  return FILTER_DIMENSIONS.every((dimension) => a[dimension] === b[dimension]);
}

function shorten(value: string): string {
  return value.length > NOTE_VALUE_LIMIT ? `${value.slice(0, NOTE_VALUE_LIMIT)}…` : value;
}
