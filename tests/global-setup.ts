/** Builds the default data set once for every test that needs it. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SEED } from '../scripts/generate/index.ts';
import { runPipeline } from '../scripts/pipeline.ts';
import { DEFAULT_DATA, DEFAULT_RAW } from './helpers/default-data.ts';

export default async function setup(): Promise<void> {
  // Reuse a build from an earlier run in this checkout only when asked (REUSE_TEST_DATA=1), to iterate faster.
  if (process.env.REUSE_TEST_DATA === '1' && existsSync(join(DEFAULT_DATA, 'manifest.json'))) return;
  await runPipeline({ seed: DEFAULT_SEED, scale: 1, input: null, out: DEFAULT_DATA, rawOut: DEFAULT_RAW, stats: null, quiet: true });
}
