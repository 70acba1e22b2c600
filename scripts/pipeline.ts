/**
 * The data pipeline: generate (or read `--input`) -> validate -> raw -> derive -> publish.
 * Outputs are built in sibling temp folders and swapped into place only when the whole
 * run succeeded, so a failed run leaves the last good output untouched.
 *
 *   npm run data -- --help
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PIPELINE_VERSION } from '../src/lib/config.ts';
import type { Manifest } from '../src/lib/published.ts';
import { generateAll } from './generate/index.ts';
import { SUPERSTORE_TABLE } from '../src/lib/superstore.ts';
import { SUPERSTORE_CSV, USAGE, UsageError, parseArgs, type PipelineOptions } from './lib/cli.ts';
import { openDatabase, rows } from './lib/duck.ts';
import { Progress } from './lib/progress.ts';
import { derive } from './pipeline/derive.ts';
import { InputError, readInput, readTableFile, removeDuplicates, storeRaw } from './pipeline/input.ts';
import { recordLinesRead } from './pipeline/intelligence.ts';
import { stagingDir, swapInto, writeDatasets, writeJson } from './pipeline/publish.ts';
import { qualityReport, tableQuality } from './pipeline/quality.ts';

/** Runs the whole pipeline; returns the manifest it published. */
export async function runPipeline(options: PipelineOptions): Promise<Manifest> {
  const progress = new Progress(options.quiet);
  const work = mkdtempSync(join(tmpdir(), 'cs-pipeline-'));
  const staged: string[] = [];
  const generated = options.input === null;
  try {
    let inputDir = options.input;
    if (inputDir === null) {
      inputDir = join(work, 'input');
      mkdirSync(inputDir);
      const dir = inputDir;
      await progress.stage(
        'generate',
        (tick) => generateAll({ seed: options.seed, scale: options.scale, dir, onProgress: tick }),
        (counts) => counts,
      );
    }
    const conn = await openDatabase(join(work, 'spill'));
    const sources = await progress.stage(
      'validate',
      async () => [...(await readInput(conn, inputDir)), await readTableFile(conn, SUPERSTORE_TABLE, options.ordersCsv ?? SUPERSTORE_CSV)],
      (s) => Object.fromEntries(s.map((x) => [x.table, x.rows])),
    );
    await recordLinesRead(conn, sources);

    for (const target of [options.out, options.rawOut]) mkdirSync(dirname(resolve(target)), { recursive: true });
    const outDir = stagingDir(options.out);
    staged.push(outDir);
    // The raw tables are kept as Parquet: published to --raw-out for generated data, in the work folder otherwise.
    const rawDir = generated ? stagingDir(options.rawOut) : join(work, 'raw');
    if (generated) staged.push(rawDir);
    else mkdirSync(rawDir);
    await progress.stage(
      'raw',
      () => storeRaw(conn, rawDir),
      (written) => written,
    );
    const duplicates = await removeDuplicates(conn);
    const readTables = await tableQuality(conn, sources);
    const months = (await rows<{ month: string }>(conn, `SELECT DISTINCT month FROM usage_monthly ORDER BY month`)).map((r) => r.month);
    const derivedDir = join(work, 'derived');
    mkdirSync(derivedDir);
    await progress.stage(
      'derive',
      () => derive(conn, derivedDir),
      (counts) => counts,
    );
    const { tables, categories } = await progress.stage(
      'publish',
      () => writeDatasets(conn, outDir, derivedDir),
      (published) => Object.fromEntries(published.tables.map((x) => [x.name, x.rows])),
    );

    const [period] = await rows<Manifest['period']>(conn, `SELECT first_month, last_month, CAST(snapshot_date AS VARCHAR) AS snapshot_date FROM period`);
    const manifest: Manifest = {
      pipeline_version: PIPELINE_VERSION,
      generated_at: new Date().toISOString(),
      source: options.input === null ? { kind: 'generated', seed: options.seed, scale: options.scale } : { kind: 'input', dir: options.input },
      period: period!,
      categories,
      tables,
    };
    writeJson(join(outDir, 'manifest.json'), manifest);
    writeJson(join(outDir, 'quality.json'), await qualityReport(conn, readTables, duplicates, months));
    conn.closeSync();

    swapInto(outDir, options.out);
    if (generated) swapInto(rawDir, options.rawOut);
    progress.log(`Published ${tables.length} data sets to ${options.out} in ${progress.totalSeconds.toFixed(1)} s`);
    if (options.stats) {
      writeJson(options.stats, {
        total_seconds: progress.totalSeconds,
        peak_rss_mb: process.resourceUsage().maxRSS / 1024,
        stages: progress.timings,
      });
    }
    return manifest;
  } finally {
    for (const dir of staged) rmSync(dir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  try {
    const options = parseArgs(process.argv.slice(2));
    if (options === 'help') {
      process.stdout.write(USAGE);
      return;
    }
    await runPipeline(options);
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      if (error instanceof UsageError) process.stderr.write(`\n${USAGE}`);
      process.exitCode = error instanceof UsageError ? 2 : 1;
      return;
    }
    throw error;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
