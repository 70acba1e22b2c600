/**
 * What a page tells its client script, as JSON in the page: which page it is (the key of
 * its lazy module), its parameters with the allowed values of each category, and where the
 * data files its queries read are, and where its answers to a first change are.
 */
import type { AllowedValues, Parameter } from './parameters.ts';

export interface DataFile {
  /** URL of the Parquet file below the site's base path. */
  readonly url: string;
  readonly bytes: number;
}

export interface PageContext {
  readonly base: string;
  /** The page's id: its definition module, loaded lazily with the engine. */
  readonly page: string;
  readonly parameters: readonly Parameter[];
  readonly allowed: AllowedValues;
  /** The data files the page's queries read, by table name. */
  readonly files: Readonly<Record<string, DataFile>>;
  /** The URL of the page's answers to its first change (src/lib/answers.ts), or null when it ships none. */
  readonly answers: string | null;
}

/** The id of the JSON script element holding the page context. */
export const PAGE_CONTEXT_ID = 'page-context';
