/** Runs the pipeline quietly into a fresh temp folder, for tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SEED } from '../../scripts/generate/index.ts';
import { runPipeline } from '../../scripts/pipeline.ts';
import type { Manifest } from '../../src/lib/published.ts';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export interface Run {
  dir: string;
  out: string;
  raw: string;
  manifest: Manifest;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `cs-test-${prefix}-`));
}

export async function runInto(dir: string, options: { input?: string; ordersCsv?: string; seed?: number; scale?: number }): Promise<Run> {
  const out = join(dir, 'data');
  const raw = join(dir, 'raw');
  const manifest = await runPipeline({
    seed: options.seed ?? DEFAULT_SEED,
    scale: options.scale ?? 1,
    input: options.input ?? null,
    ...(options.ordersCsv ? { ordersCsv: options.ordersCsv } : {}),
    out,
    rawOut: raw,
    stats: null,
    quiet: true,
  });
  return { dir, out, raw, manifest };
}
