/** Before `npm run dev`: builds the default data when nothing is published yet. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SEED } from '../generate/index.ts';
import { runPipeline } from '../pipeline.ts';

const out = join(process.cwd(), 'public', 'data');
if (!existsSync(join(out, 'manifest.json'))) {
  await runPipeline({ seed: DEFAULT_SEED, scale: 1, input: null, out, rawOut: join(process.cwd(), 'data', 'raw'), stats: null, quiet: false });
}
