/**
 * The published data as the site sees it: the manifest the pipeline writes next to the
 * Parquet files, and the names of the tables a chart query may read.
 */

/** Tables the site's queries read (a subset of the published data sets). */
export const QUERY_TABLES = [
  'filter_cube',
  'revenue_cube',
  'master_usage',
  'account_monthly',
  'accounts',
  'regional_summary',
  'size_band_analysis',
  'customer_lifecycle',
  'risk_opportunity_matrix',
  'monthly_trend',
  'executive_summary',
  'revenue_monthly',
  'panel_profile',
] as const;
export type TableName = (typeof QUERY_TABLES)[number];

export interface ManifestColumn {
  name: string;
  type: string;
}

export interface ManifestTable {
  name: string;
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
  /** The values each global filter may take, in display order. */
  dimensions: Record<'region' | 'size_band' | 'tenure_segment' | 'plan' | 'month', readonly string[]>;
  tables: ManifestTable[];
}

/** The manifest entry of a published table; throws when the table was not published. */
export function manifestTable(manifest: Manifest, name: string): ManifestTable {
  const entry = manifest.tables.find((table) => table.name === name);
  if (!entry) throw new Error(`The manifest lists no table named ${name}.`);
  return entry;
}
