/**
 * The default data the benchmarks measure: bench:site builds it (with its site) under
 * `bench/output/site-build/`, and bench:parquet decodes its tables when nothing is published.
 */
import { join } from 'node:path';
import { DEFAULT_SEED } from '../generate/index.ts';
import { runPipeline } from '../pipeline.ts';
import { BENCH_OUTPUT } from './bench-report.ts';

/** Where bench:site builds the default data and its site (emptied at each run). */
export const SITE_BENCH_BUILD = join(BENCH_OUTPUT, 'site-build');

/** The default data's published tables under SITE_BENCH_BUILD. */
export const BENCH_DATA = join(SITE_BENCH_BUILD, 'data');

/** Builds the default data (seed and scale 1) into BENCH_DATA, its raw tables beside it. */
export async function buildBenchData(): Promise<void> {
  await runPipeline({ seed: DEFAULT_SEED, scale: 1, input: null, out: BENCH_DATA, rawOut: join(SITE_BENCH_BUILD, 'raw'), stats: null, quiet: true });
}
