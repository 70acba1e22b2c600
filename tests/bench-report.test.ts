/** scripts/lib/bench-report.ts: the benchmarks' markdown tables, their JSON results and the comparison of two runs. */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { BenchReport, type BenchResult, compare, comparisonMarkdown, kb, measures, ms, option, seconds, tableMarkdown } from '../scripts/lib/bench-report.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A report of one small table, printed into `lines`, dated 2025-03-04T05:06:07.089Z. */
function smallReport(lines: string[], fcp = 128.4, bytes = 1434) {
  const report = new BenchReport('demo', { runs: 3, scales: [1] }, (text) => lines.push(text), new Date('2025-03-04T05:06:07.089Z'));
  report.table({
    name: 'summary',
    title: 'Demo benchmark: 3 loads',
    columns: ['measure', 'median', 'target'],
    rows: [
      ['first contentful paint', ms(fcp), ''],
      ['JavaScript (gzip)', kb(bytes), 'under 150 KB: met'],
      ['charts', 10, 'charts at first paint: met'],
    ],
  });
  return report;
}

test('a table prints as markdown, its title and a blank line above it, an empty cell as `| |`', () => {
  const lines: string[] = [];
  smallReport(lines);
  expect(lines).toEqual([
    [
      'Demo benchmark: 3 loads',
      '',
      '| measure | median | target |',
      '|---|---|---|',
      '| first contentful paint | 128 ms | |',
      '| JavaScript (gzip) | 1.4 KB | under 150 KB: met |',
      '| charts | 10 | charts at first paint: met |',
    ].join('\n'),
  ]);
  expect(tableMarkdown({ name: 't', columns: ['a', 'b'], rows: [['', seconds(8.4)]] })).toBe('| a | b |\n|---|---|\n| | 8.40 s |');
});

test('the tables after the first are printed after a blank line, with notes; a row of the wrong width is refused', () => {
  const lines: string[] = [];
  const report = smallReport(lines);
  report.note('Shipped: 1.6 MB');
  expect(lines[1]).toBe('\nShipped: 1.6 MB');
  expect(() => report.table({ name: 'other', columns: ['a', 'b'], rows: [['only one']] })).toThrow(/1 cells, not 2/);
  expect(() => report.table({ name: 'summary', columns: ['a'], rows: [] })).toThrow(/Two tables/);
});

test('save() writes <benchmark>-<timestamp without colons>.json and <benchmark>-latest.json: options, machine and every row with its numbers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
  dirs.push(dir);
  const paths = smallReport([]).save(dir);
  expect(paths).toEqual([join(dir, 'demo-2025-03-04T050607.089Z.json'), join(dir, 'demo-latest.json')]);
  expect(readdirSync(dir).sort()).toEqual(['demo-2025-03-04T050607.089Z.json', 'demo-latest.json']);
  const result = JSON.parse(readFileSync(paths[0]!, 'utf8')) as BenchResult;
  expect(readFileSync(paths[1]!, 'utf8')).toBe(readFileSync(paths[0]!, 'utf8'));
  expect(result).toEqual({
    benchmark: 'demo',
    date: '2025-03-04T05:06:07.089Z',
    options: { runs: 3, scales: [1] },
    machine: {
      cpus: cpus().length,
      cpu_model: expect.any(String),
      total_memory_bytes: totalmem(),
      node: process.version,
      platform: process.platform,
      arch: process.arch,
    },
    tables: [
      {
        name: 'summary',
        title: 'Demo benchmark: 3 loads',
        columns: ['measure', 'median', 'target'],
        rows: [
          [{ text: 'first contentful paint' }, { text: '128 ms', value: 128.4, unit: 'ms' }, { text: '' }],
          [{ text: 'JavaScript (gzip)' }, { text: '1.4 KB', value: 1434, unit: 'B' }, { text: 'under 150 KB: met' }],
          [{ text: 'charts' }, { text: '10', value: 10 }, { text: 'charts at first paint: met' }],
        ],
      },
    ],
    notes: [],
  });
});

test('a timing that is not a number is written as null and left out of the measures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
  dirs.push(dir);
  const [path] = smallReport([], Number.NaN).save(dir);
  const result = JSON.parse(readFileSync(path!, 'utf8')) as BenchResult;
  expect(result.tables[0]!.rows[0]![1]).toEqual({ text: 'NaN ms', value: null, unit: 'ms' });
  expect(measures(result).map((m) => m.key)).toEqual(['summary / JavaScript (gzip) / median', 'summary / charts / median']);
});

test('compare: each measure present in both results with the same unit, old, new and new / old', () => {
  const older = smallReport([], 100, 2048).result;
  const newer = smallReport([], 150, 1024).result;
  newer.tables[0]!.rows.push([{ text: 'only in the new run' }, { text: '5 ms', value: 5, unit: 'ms' }, { text: '' }]);
  newer.tables[0]!.rows[2]![1] = { text: '10 ms', value: 10, unit: 'ms' }; // a count in the old run, a time now: not comparable
  const rows = compare(older, newer);
  expect(rows).toEqual([
    { key: 'summary / first contentful paint / median', unit: 'ms', old: 100, new: 150, ratio: 1.5 },
    { key: 'summary / JavaScript (gzip) / median', unit: 'B', old: 2048, new: 1024, ratio: 0.5 },
  ]);
  expect(comparisonMarkdown(rows)).toBe(
    [
      '| measure | old | new | new / old |',
      '|---|---|---|---|',
      '| summary / first contentful paint / median | 100 ms | 150 ms | 1.50× |',
      '| summary / JavaScript (gzip) / median | 2048 B | 1024 B | 0.50× |',
    ].join('\n'),
  );
  const zero = smallReport([], 0).result;
  expect(compare(zero, older)[0]).toMatchObject({ old: 0, new: 100, ratio: Number.NaN });
  expect(comparisonMarkdown(compare(zero, older)).split('\n')[2]).toBe('| summary / first contentful paint / median | 0 ms | 100 ms | |');
});

test('option() reads `--name value` and falls back when it is missing or has no value', () => {
  expect(option('--runs', '5', ['node', 'x', '--scales', '1', '--runs', '3'])).toBe('3');
  expect(option('--runs', '5', ['node', 'x', '--scales', '1'])).toBe('5');
  expect(option('--runs', '5', ['node', 'x', '--runs'])).toBe('5');
});

test('bench/output is ignored by git', () => {
  const ignore = readFileSync(join(import.meta.dirname, '..', '.gitignore'), 'utf8').split('\n');
  expect(ignore).toContain('bench/output/');
});
