/** The data-quality report of the published data, read at build time. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QualityReport } from '../lib/quality-report.ts';
import { DATA_DIR } from './duckdb-node.ts';

/** `quality.json` next to the published tables. */
export function loadQuality(): QualityReport {
  return JSON.parse(readFileSync(join(DATA_DIR, 'quality.json'), 'utf8')) as QualityReport;
}
