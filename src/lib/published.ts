/**
 * The published data as the site sees it: the manifest the pipeline writes next to the
 * Parquet files (one type, written by the pipeline and read by the site and the tests).
 * What each data set is, and its columns, is declared in datasets.ts.
 */
import type { DatasetName } from './datasets.ts';

export interface ManifestColumn {
  name: string;
  type: string;
}

/** A published file: its data set's description and audience, and what the file holds. */
export interface ManifestTable {
  name: DatasetName;
  file: string;
  description: string;
  audience: string;
  rows: number;
  bytes: number;
  sha256: string;
  columns: ManifestColumn[];
}

/** `public/data/manifest.json`, written by the pipeline's publish stage. */
export interface Manifest {
  pipeline_version: string;
  generated_at: string;
  source: { kind: 'generated'; seed: number; scale: number } | { kind: 'input'; dir: string };
  period: { first_month: string; last_month: string; snapshot_date: string };
  /** Per data set, the allowed values of each column declared a category, in display order. */
  categories: Partial<Record<DatasetName, Record<string, readonly string[]>>>;
  tables: ManifestTable[];
}

/** The manifest entry of a published data set; throws when it was not published. */
export function manifestTable(manifest: Manifest, name: DatasetName): ManifestTable {
  const entry = manifest.tables.find((table) => table.name === name);
  if (!entry) throw new Error(`The manifest lists no table named ${name}.`);
  return entry;
}
