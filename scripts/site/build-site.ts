/** Builds the Astro site from a data folder into an output folder under a base path. */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

export interface SiteBuildOptions {
  base: string;
  dataDir: string;
  outDir: string;
  /** Folders of more page definitions to build (a test's fixture pages). */
  extraPages?: readonly string[];
}

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Runs `astro build`; rejects with its output when it fails. */
export function buildSite(options: SiteBuildOptions): Promise<void> {
  // Vitest puts Vite's own variables (BASE_URL, MODE, ...) into process.env; Astro would take them over.
  const { BASE_URL: _base, MODE: _mode, DEV: _dev, PROD: _prod, SSR: _ssr, ...inherited } = process.env;
  const env = {
    ...inherited,
    ASTRO_TELEMETRY_DISABLED: '1',
    BASE_PATH: options.base,
    DATA_DIR: resolve(options.dataDir),
    SITE_OUT_DIR: resolve(options.outDir),
    REPORT_EXTRA_PAGES: (options.extraPages ?? []).join(','),
  };
  return new Promise((done, fail) => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'astro'), ['build', '--silent'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`astro build failed (exit ${code}):\n${output}`))));
  });
}
