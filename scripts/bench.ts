/**
 * Benchmark of the data pipeline: runs `npm run data` several times at scale 1 and at
 * scale 10 into a scratch folder and prints the median wall time, the median peak memory
 * (the pipeline's own maximum resident set size) and the median time of each stage; then,
 * with scale 1, the same tables written as CSV files and read back through `--input` (the
 * path your own data takes). The results go to bench/output/pipeline-*.json too. Timings on shared machines are noisy:
 * read the medians, not single runs.
 *
 *   npx tsx scripts/bench.ts                     # scale 1 x5 and scale 10 x3
 *   npx tsx scripts/bench.ts --runs 3 --scales 1
 *   npm run bench -- --runs 3 --scales 1         # the same options reach every benchmark
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { sqlString } from '../src/lib/bands.ts';
import { SCHEMA } from '../src/lib/schema.ts';
import { BenchReport, type Cell, mb, option, seconds } from './lib/bench-report.ts';
import type { StageTiming } from './lib/progress.ts';
import { median } from './lib/statistics.ts';

interface Stats {
  total_seconds: number;
  peak_rss_mb: number;
  stages: StageTiming[];
}

const scales = option('--scales', '1,10').split(',').map(Number);
const runsFor = (scale: number) => Number(option('--runs', scale >= 10 ? '3' : '5'));
const scratch = mkdtempSync(join(tmpdir(), 'cs-bench-'));
const targets: Record<number, { seconds: number; memoryMb?: number }> = { 1: { seconds: 15 }, 10: { seconds: 90, memoryMb: 4096 } };

/** Runs `npm run data` with `args` into the scratch folder; returns its wall time in seconds. */
function timePipeline(args: string[], statsFile: string, what: string): number {
  const started = performance.now();
  const result = spawnSync('npm', ['run', '--silent', 'data', '--', ...args, '--out', join(scratch, 'data'), '--stats', statsFile, '--quiet'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error(`npm run data failed (${what}, exit ${result.status})`);
  return (performance.now() - started) / 1000;
}

/** The raw tables of the last generated run (Parquet) written as CSV files, as a user would bring them. */
async function rawAsCsv(dir: string): Promise<void> {
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  mkdirSync(dir, { recursive: true });
  for (const spec of SCHEMA)
    await conn.run(`COPY (SELECT * FROM ${sqlString(join(scratch, 'raw', `${spec.name}.parquet`))}) TO ${sqlString(join(dir, `${spec.name}.csv`))} (HEADER)`);
  conn.closeSync();
}

const report = new BenchReport('pipeline', { scales, runs: Object.fromEntries(scales.map((scale) => [scale, runsFor(scale)])) });
const wallRows: Cell[][] = [];
/** Each stage's median seconds, one entry per scale. */
const stageRows = new Map<string, Cell[]>();
for (const [at, scale] of scales.entries()) {
  const walls: number[] = [];
  const peaks: number[] = [];
  const stages = new Map<string, number[]>();
  const runs = runsFor(scale);
  for (let run = -1; run < runs; run++) {
    const statsFile = join(scratch, `stats-${scale}-${run}.json`);
    const wall = timePipeline(['--scale', String(scale), '--raw-out', join(scratch, 'raw')], statsFile, `scale ${scale}`);
    if (run < 0) continue;
    const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as Stats;
    walls.push(wall);
    peaks.push(stats.peak_rss_mb);
    for (const stage of stats.stages) stages.set(stage.stage, [...(stages.get(stage.stage) ?? []), stage.seconds]);
    process.stderr.write(`  scale ${scale} run ${run + 1}/${runs}: ${wall.toFixed(1)} s, ${stats.peak_rss_mb.toFixed(0)} MB\n`);
  }
  const target = targets[scale];
  const verdict = target ? `< ${target.seconds} s${target.memoryMb ? `, < ${target.memoryMb} MB` : ''}` : '';
  wallRows.push([String(scale), runs, seconds(median(walls)), seconds(Math.min(...walls)), seconds(Math.max(...walls)), mb(median(peaks)), verdict]);
  for (const [stage, times] of stages) {
    const row = stageRows.get(stage) ?? [stage, ...scales.map(() => '')];
    row[at + 1] = seconds(median(times));
    stageRows.set(stage, row);
  }
}

// Your own data: the scale-1 tables as CSV files through `--input` (each file takes the typed fast path).
const csvRows: Cell[][] = [];
if (scales.includes(1)) {
  timePipeline(['--scale', '1', '--raw-out', join(scratch, 'raw')], join(scratch, 'stats-raw.json'), 'scale 1 for the CSV input');
  const csvDir = join(scratch, 'csv');
  await rawAsCsv(csvDir);
  const walls: number[] = [];
  const validates: number[] = [];
  const runs = runsFor(1);
  for (let run = -1; run < runs; run++) {
    const statsFile = join(scratch, `stats-csv-${run}.json`);
    const wall = timePipeline(['--input', csvDir], statsFile, 'CSV input');
    if (run < 0) continue;
    const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as Stats;
    walls.push(wall);
    validates.push(stats.stages.find((stage) => stage.stage === 'validate')?.seconds ?? Number.NaN);
    process.stderr.write(`  CSV input run ${run + 1}/${runs}: ${wall.toFixed(1)} s\n`);
  }
  csvRows.push(['scale 1 tables as CSV', runs, seconds(median(walls)), seconds(median(validates))]);
}
rmSync(scratch, { recursive: true, force: true });

report.table({
  name: 'pipeline',
  title: `Pipeline benchmark (${report.result.date}), medians over runs after one warm-up`,
  columns: ['scale', 'runs', 'wall time, median', 'min', 'max', 'peak memory, median', 'target'],
  rows: wallRows,
});
report.table({
  name: 'stages',
  title: 'Median time of each stage',
  columns: ['stage', ...scales.map((scale) => `scale ${scale}`)],
  rows: [...stageRows.values()],
});
if (csvRows.length)
  report.table({
    name: 'csv-input',
    title: 'Your own data: `npm run data -- --input DIR` on CSV files, medians over runs after one warm-up',
    columns: ['input', 'runs', 'wall time, median', 'validate stage, median'],
    rows: csvRows,
  });
report.save();
