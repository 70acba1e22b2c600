/**
 * Which Parquet decoder should the browser use? Decodes the tables the site loads with
 * parquet-wasm (to Arrow IPC, what DuckDB-WASM inserts) and with hyparquet +
 * hyparquet-compressors (to JavaScript rows, which would still need converting to Arrow),
 * in node, and prints the median time of each and the decoders' shipped size.
 *
 *   npm run bench:parquet [-- --data public/data --runs 5]
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { readParquet } from 'parquet-wasm/node';
import { median } from './lib/statistics.ts';

const require = createRequire(import.meta.url);

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const dataDir = option('--data', 'public/data');
const runs = Number(option('--runs', '5'));
const TABLES = ['filter_cube', 'revenue_cube', 'master_usage'];

function time(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

async function timeAsync(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const gzipKb = (path: string) => (gzipSync(readFileSync(path)).length / 1024).toFixed(0);
const wasmPath = require.resolve('parquet-wasm/esm/parquet_wasm_bg.wasm');
const hyparquetSrc = join(require.resolve('hyparquet'), '..');
const hyparquetGzipKb =
  readdirSync(hyparquetSrc)
    .filter((file) => file.endsWith('.js'))
    .reduce((sum, file) => sum + gzipSync(readFileSync(join(hyparquetSrc, file))).length, 0) / 1024;

console.log(`Parquet decoders in node, median of ${runs} runs per table\n`);
console.log('| table | file | parquet-wasm (to Arrow IPC) | hyparquet (to JS rows) |');
console.log('|---|---|---|---|');
for (const table of TABLES) {
  const path = join(dataDir, `${table}.parquet`);
  const bytes = readFileSync(path);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const wasm: number[] = [];
  const hyp: number[] = [];
  for (let run = 0; run < runs + 1; run++) {
    const a = time(() => readParquet(bytes).intoIPCStream());
    const b = await timeAsync(() => new Promise<void>((done) => void parquetRead({ file: buffer, compressors, onComplete: () => done() })));
    if (run === 0) continue; // warm-up
    wasm.push(a);
    hyp.push(b);
  }
  console.log(`| ${table} | ${(statSync(path).size / 1024).toFixed(0)} KB | ${median(wasm).toFixed(0)} ms | ${median(hyp).toFixed(0)} ms |`);
}
console.log(
  `\nShipped (gzip): parquet-wasm ${gzipKb(wasmPath)} KB of WebAssembly; hyparquet about ${hyparquetGzipKb.toFixed(0)} KB of unminified JavaScript, plus its compressors.`,
);
