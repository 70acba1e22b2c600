/**
 * Compares two benchmark results (the JSON files the benchmarks write to bench/output/):
 * for each measure present in both, the old value, the new one and new / old.
 *
 *   npm run bench:compare -- bench/output/site-2025-01-01T120000.000Z.json bench/output/site-latest.json
 */
import { readFileSync } from 'node:fs';
import { type BenchResult, compare, comparisonMarkdown } from './lib/bench-report.ts';

const [olderPath, newerPath] = process.argv.slice(2);
if (!olderPath || !newerPath) {
  process.stderr.write('Usage: npm run bench:compare -- OLD.json NEW.json\n');
  process.exit(2);
}
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as BenchResult;
const [older, newer] = [read(olderPath), read(newerPath)];
if (older.benchmark !== newer.benchmark) process.stderr.write(`Comparing different benchmarks: ${older.benchmark} and ${newer.benchmark}\n`);
console.log(`${newer.benchmark}: ${older.date} (old) against ${newer.date} (new)\n`);
console.log(comparisonMarkdown(compare(older, newer)));
