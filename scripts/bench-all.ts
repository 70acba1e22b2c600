/**
 * `npm run bench`: the pipeline, site and Parquet-decoder benchmarks in turn, each in its own
 * process, each given the same command-line options (each reads the options it knows and
 * ignores the others; --runs applies to all). Stops at the first benchmark that fails.
 *
 *   npm run bench -- --runs 3 --scales 1
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const args = process.argv.slice(2);
for (const [i, script] of ['bench.ts', 'bench-site.ts', 'bench-parquet.ts'].entries()) {
  if (i) console.log();
  const result = spawnSync(process.execPath, [tsx, join(import.meta.dirname, script), ...args], { stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`${script} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status || 1);
  }
}
