/**
 * The data-quality report (`quality.json`): what was read, what was missing, what the
 * documented rules changed (duplicates removed, utilization capped) and what they flagged.
 * The pipeline writes it; the data page and the methodology read it.
 */
export interface QualityReport {
  tables: { table: string; file: string; format: string; rows_read: number; rows_kept: number; missing: Record<string, number> }[];
  duplicates_removed: Record<string, number>;
  values_capped: { table: string; column: string; rows: number; rule: string }[];
  rows_flagged: { table: string; rows: number; flag: string; rule: string }[];
  rows_rejected: { table: string; rows: number; reason: string }[];
  coverage: { regions: string[]; months: string[] };
}
