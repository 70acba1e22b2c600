/**
 * The default data set: every raw table of the input contract, written as CSV files into
 * a folder that the pipeline then reads exactly as it reads a user's `--input` folder.
 */
import { lastDayOf } from '../../src/lib/calendar.ts';
import { generateCsOperations } from './cs-operations.ts';
import { generateOrders } from './orders.ts';
import { generateSeatUsage } from './seat-usage.ts';
import { generateTelemetry } from './telemetry.ts';

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

/** Writes every raw table to `dir` and returns the row count of each. */
export function generateAll(options: GenerateOptions): Record<string, number> {
  const { seed, scale, dir } = options;
  const snapshot = lastDayOf(DEFAULT_PERIOD.lastMonth);
  // Seat usage is the bulk of the work, so it drives the progress bar up to 90%.
  const usage = generateSeatUsage({ seed, scale, dir, ...DEFAULT_PERIOD, onProgress: (f) => options.onProgress?.(0.9 * f) });
  const shared = { seed, scale, dir, snapshot, accounts: usage.accounts };
  const telemetry = generateTelemetry(shared);
  options.onProgress?.(0.95);
  const orders = generateOrders(shared);
  const operations = generateCsOperations(shared);
  options.onProgress?.(1);
  return { ...usage, ...telemetry, ...orders, ...operations };
}
