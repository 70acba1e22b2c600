/**
 * Which Parquet decoder should the browser use? Decodes the tables the site loads with
 * parquet-wasm (to Arrow IPC, what DuckDB-WASM inserts) and with hyparquet +
 * hyparquet-compressors (to JavaScript rows, which would still need converting to Arrow),
 * in node, and prints the median time of each and the decoders' shipped size.
 *
 *   npm run bench:parquet [-- --data public/data --runs 5]
 *
 * Without --data it reads public/data, or, where nothing is published yet (a fresh clone), the
 * default data bench:site built (which `npm run bench` runs just before), building it if need be.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { readParquet } from 'parquet-wasm/node';
import { BENCH_DATA, buildBenchData } from './lib/bench-data.ts';
import { BenchReport, type Cell, kb, measure, ms, option } from './lib/bench-report.ts';
import { median } from './lib/statistics.ts';

const require = createRequire(import.meta.url);

const runs = Number(option('--runs', '5'));
const TABLES = ['filter_cube', 'revenue_cube', 'master_usage'];
const PUBLISHED = 'public/data';

/** The folder whose tables are decoded: --data, else public/data, else the benchmarks' default data. */
async function dataFolder(): Promise<string> {
  const given = option('--data', '');
  const has = (dir: string) => TABLES.every((table) => existsSync(join(dir, `${table}.parquet`)));
  if (given) {
    if (has(given)) return given;
    process.stderr.write(`${given} does not hold ${TABLES.map((t) => `${t}.parquet`).join(', ')}: run \`npm run data -- --out ${given}\` first.\n`);
    process.exit(1);
  }
  if (has(PUBLISHED)) return PUBLISHED;
  if (!has(BENCH_DATA)) {
    process.stderr.write(`Nothing is published in ${PUBLISHED}: building the default data into ${BENCH_DATA}...\n`);
    await buildBenchData();
  }
  return BENCH_DATA;
}

const dataDir = await dataFolder();

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

const wasmPath = require.resolve('parquet-wasm/esm/parquet_wasm_bg.wasm');
const wasmGzip = gzipSync(readFileSync(wasmPath)).length;
const hyparquetSrc = join(require.resolve('hyparquet'), '..');
const hyparquetGzip = readdirSync(hyparquetSrc)
  .filter((file) => file.endsWith('.js'))
  .reduce((sum, file) => sum + gzipSync(readFileSync(join(hyparquetSrc, file))).length, 0);

const report = new BenchReport('parquet', { data: dataDir, runs });
const rows: Cell[][] = [];
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
  rows.push([table, kb(statSync(path).size, 0), ms(median(wasm)), ms(median(hyp))]);
}
report.table({
  name: 'decoders',
  title: `Parquet decoders in node, median of ${runs} runs per table`,
  columns: ['table', 'file', 'parquet-wasm (to Arrow IPC)', 'hyparquet (to JS rows)'],
  rows,
});
report.table({
  name: 'shipped',
  title: 'Shipped (gzip)',
  columns: ['decoder', 'gzip', 'what'],
  rows: [
    ['parquet-wasm', kb(wasmGzip, 0), 'WebAssembly'],
    ['hyparquet', measure(hyparquetGzip, 'B', `about ${(hyparquetGzip / 1024).toFixed(0)} KB`), 'unminified JavaScript, plus its compressors'],
  ],
});
report.save();
