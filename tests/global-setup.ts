/** Builds the default data set and the site once for every test that needs them. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SEED } from '../scripts/generate/index.ts';
import { runPipeline } from '../scripts/pipeline.ts';
import { ensureChromium } from '../scripts/site/browser.ts';
import { buildSite } from '../scripts/site/build-site.ts';
import { DEFAULT_DATA, DEFAULT_RAW } from './helpers/default-data.ts';
import { FIXTURE_PAGES, SITE_BASE, SITE_DIR } from './helpers/site.ts';

export default async function setup(): Promise<void> {
  // Fail at once, with instructions, when no Chromium can be found or installed.
  ensureChromium();
  // Reuse a build from an earlier run in this checkout only when asked (REUSE_TEST_DATA=1), to iterate faster.
  const reuse = process.env.REUSE_TEST_DATA === '1';
  if (!(reuse && existsSync(join(DEFAULT_DATA, 'manifest.json')))) {
    await runPipeline({ seed: DEFAULT_SEED, scale: 1, input: null, out: DEFAULT_DATA, rawOut: DEFAULT_RAW, stats: null, quiet: true });
  }
  if (!(reuse && existsSync(join(SITE_DIR, 'index.html')))) {
    await buildSite({ base: SITE_BASE, dataDir: DEFAULT_DATA, outDir: SITE_DIR, extraPages: [FIXTURE_PAGES] });
  }
}
