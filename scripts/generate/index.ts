/**
 * The default data set: every raw table of the input contract, written as CSV files into
 * a folder that the pipeline then reads exactly as it reads a user's `--input` folder.
 */
import { fork } from 'node:child_process';
import { createReadStream, createWriteStream, openSync, readSync, closeSync, renameSync, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { lastDayOf } from '../../src/lib/calendar.ts';
import { generateAccountTables } from './account-tables.ts';
import { SHARDS } from './accounts.ts';
import type { SeatUsageCounts } from './seat-usage.ts';

/** The default seed (any integer gives another, equally plausible data set). */
export const DEFAULT_SEED = 20_240_601;

/** The period the default data covers: four months ending here. */
export const DEFAULT_PERIOD = { lastMonth: '2026-08', months: 4 } as const;

export interface GenerateOptions {
  seed: number;
  scale: number;
  dir: string;
  onProgress?: (fraction: number) => void;
}

/** Runs a generator entry in a child process (TypeScript through tsx), forwarding its progress; resolves with the counts it reports. */
function runChild<T>(entry: string, args: unknown, onProgress: (fraction: number) => void = () => {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL(entry, import.meta.url), [JSON.stringify(args)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let counts: T | null = null;
    child.on('message', (message: { progress?: number; counts?: T }) => {
      if (message.progress !== undefined) onProgress(message.progress);
      if (message.counts) counts = message.counts;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 && counts ? resolve(counts) : reject(new Error(`Generator ${entry} ${JSON.stringify(args)} failed (exit ${code})`)),
    );
  });
}

/** Joins the shards' part files of a table into NAME.csv, keeping the first header only. */
async function joinParts(dir: string, table: string): Promise<void> {
  const target = `${dir}/${table}.csv`;
  renameSync(`${dir}/${table}.part0.csv`, target);
  for (let shard = 1; shard < SHARDS; shard++) {
    const part = `${dir}/${table}.part${shard}.csv`;
    const fd = openSync(part, 'r');
    const head = Buffer.alloc(4096);
    const read = readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    const bodyStart = head.subarray(0, read).indexOf(10) + 1;
    await pipeline(createReadStream(part, { start: bodyStart }), createWriteStream(target, { flags: 'a' }));
    rmSync(part);
  }
}

/** Joins the part files of every table the shards write. */
async function joinAllParts(dir: string): Promise<void> {
  for (const table of ['accounts', 'usage_monthly', 'revenue_monthly']) await joinParts(dir, table);
}

/** Writes every raw table to `dir` and returns the row count of each. */
export async function generateAll(options: GenerateOptions): Promise<Record<string, number>> {
  const { seed, scale, dir } = options;
  const snapshot = lastDayOf(DEFAULT_PERIOD.lastMonth);
  // Seat usage is the bulk of the work: its shards run in parallel and drive the progress bar up to 90%.
  const progress = new Array<number>(SHARDS).fill(0);
  const shards = await Promise.all(
    progress.map((_, shard) =>
      runChild<SeatUsageCounts>('./seat-usage-shard.ts', { seed, scale, shard, dir, ...DEFAULT_PERIOD }, (fraction) => {
        progress[shard] = fraction;
        options.onProgress?.((0.9 * progress.reduce((a, b) => a + b, 0)) / SHARDS);
      }),
    ),
  );
  // The tables drawn from the accounts need every shard's account count. Telemetry, the largest,
  // runs in a child process while this one writes the others and joins the shards' part files.
  const tables = { seed, scale, dir, snapshot, shardAccounts: shards.map((s) => s.accounts) };
  const telemetry = runChild<Record<string, number>>('./account-tables-worker.ts', { ...tables, generator: 'telemetry' });
  const others = (['orders', 'cs-operations'] as const).map((generator) => generateAccountTables({ ...tables, generator }));
  await joinAllParts(dir);
  const counts = [await telemetry, ...others];
  options.onProgress?.(1);
  const sum = (key: keyof SeatUsageCounts) => shards.reduce((total, s) => total + s[key], 0);
  return { accounts: sum('accounts'), usage_monthly: sum('usage_monthly'), revenue_monthly: sum('revenue_monthly'), ...Object.assign({}, ...counts) };
}
