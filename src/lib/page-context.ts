/**
 * What a page tells its client script, as JSON in the page: the allowed filter values,
 * the charts on the page, and where the data files it needs are.
 */
import type { AllowedValues } from './filters.ts';
import type { DatasetName } from './datasets.ts';

export interface DataFile {
  /** URL of the Parquet file below the site's base path. */
  readonly url: string;
  readonly bytes: number;
}

export interface PageContext {
  readonly base: string;
  readonly allowed: AllowedValues;
  /** Ids of the charts on the page, in page order. */
  readonly charts: readonly string[];
  /** The data files the page's queries read. */
  readonly files: Partial<Record<DatasetName, DataFile>>;
}

/** The id of the JSON script element holding the page context. */
export const PAGE_CONTEXT_ID = 'page-context';
