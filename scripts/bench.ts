/**
 * Benchmark of the data pipeline: runs `npm run data` several times at scale 1 and at
 * scale 10 into a scratch folder and prints the median wall time, the median peak memory
 * (the pipeline's own maximum resident set size) and the median time of each stage.
 * Timings on shared machines are noisy: read the medians, not single runs.
 *
 *   npm run bench                     # scale 1 x5 and scale 10 x3
 *   npm run bench -- --runs 3 --scales 1
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StageTiming } from './lib/progress.ts';

interface Stats {
  total_seconds: number;
  peak_rss_mb: number;
  stages: StageTiming[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const scales = option('--scales', '1,10').split(',').map(Number);
const runsFor = (scale: number) => Number(option('--runs', scale >= 10 ? '3' : '5'));
const scratch = mkdtempSync(join(tmpdir(), 'cs-bench-'));
const targets: Record<number, { seconds: number; memoryMb?: number }> = { 1: { seconds: 15 }, 10: { seconds: 90, memoryMb: 4096 } };

console.log(`Pipeline benchmark (${new Date().toISOString()}), medians over runs after one warm-up\n`);
for (const scale of scales) {
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
  const verdict = target ? ` (target < ${target.seconds} s${target.memoryMb ? `, < ${target.memoryMb} MB` : ''})` : '';
  console.log(
    `scale ${scale}: wall median ${median(walls).toFixed(2)} s [min ${Math.min(...walls).toFixed(2)}, max ${Math.max(...walls).toFixed(2)}], peak memory median ${median(peaks).toFixed(0)} MB${verdict}`,
  );
  for (const [stage, seconds] of stages) console.log(`  ${stage.padEnd(10)} ${median(seconds).toFixed(2).padStart(7)} s`);
}
rmSync(scratch, { recursive: true, force: true });
