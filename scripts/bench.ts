/**
 * Benchmark of the data pipeline: runs `npm run data` several times at scale 1 and at
 * scale 10 into a scratch folder and prints the median wall time, the median peak memory
 * (the pipeline's own maximum resident set size) and the median time of each stage; the
 * results go to bench/output/pipeline-*.json too. Timings on shared machines are noisy:
 * read the medians, not single runs.
 *
 *   npx tsx scripts/bench.ts                     # scale 1 x5 and scale 10 x3
 *   npx tsx scripts/bench.ts --runs 3 --scales 1
 *   npm run bench -- --runs 3 --scales 1         # the same options reach every benchmark
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    const started = performance.now();
    const result = spawnSync(
      'npm',
      [
        'run',
        '--silent',
        'data',
        '--',
        '--scale',
        String(scale),
        '--out',
        join(scratch, 'data'),
        '--raw-out',
        join(scratch, 'raw'),
        '--stats',
        statsFile,
        '--quiet',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } },
    );
    const wall = (performance.now() - started) / 1000;
    if (result.status !== 0) throw new Error(`npm run data failed at scale ${scale} (exit ${result.status})`);
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
report.save();
