/** The manifest of the published data, read once at build time. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from '../lib/published.ts';
import { DATA_DIR } from './duckdb-node.ts';

let cached: Manifest | undefined;

/** `manifest.json` of the data folder; a clear error when the pipeline has not run. */
export function loadManifest(): Manifest {
  if (cached) return cached;
  const path = join(DATA_DIR, 'manifest.json');
  try {
    cached = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch (error) {
    throw new Error(`No published data at ${path}: run \`npm run data\` first (${(error as Error).message}).`);
  }
  return cached;
}
