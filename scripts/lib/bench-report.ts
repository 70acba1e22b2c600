/**
 * The benchmarks' results: each benchmark declares its tables here (a title, columns and rows
 * of cells, a measured cell holding its raw number and unit besides the text shown), which
 * prints them as markdown tables on stdout and, at the end, writes them as JSON to
 * `bench/output/<benchmark>-<timestamp>.json` and `bench/output/<benchmark>-latest.json`, so
 * that two runs can be compared (`npm run bench:compare -- A.json B.json`).
 *
 * The first column of a table names its rows; the measures are the other columns' numbers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/** A measured value: the text the table shows, and its raw number and unit (none for a count). */
export interface Measure {
  text: string;
  value: number;
  unit?: string;
}

/** A table cell: text, a count (shown as is) or a measure. */
export type Cell = string | number | Measure;

export interface Table {
  /** A name that stays the same from run to run (the title may carry counts and dates): what compare matches tables by. */
  name: string;
  /** Printed above the table, followed by a blank line. */
  title?: string;
  columns: string[];
  rows: Cell[][];
}

/** A cell as written to JSON: always its text, and its number and unit when it is measured. */
export interface JsonCell {
  text: string;
  value?: number;
  unit?: string;
}

export interface BenchResult {
  benchmark: string;
  date: string;
  options: Record<string, unknown>;
  machine: { cpus: number; cpu_model: string; total_memory_bytes: number; node: string; platform: string; arch: string };
  tables: { name: string; title?: string; columns: string[]; rows: JsonCell[][] }[];
  /** Lines printed between the tables (remarks, not measures). */
  notes: string[];
}

export const BENCH_OUTPUT = join(import.meta.dirname, '..', '..', 'bench', 'output');

/** A measure in any unit, shown as `text`. */
export const measure = (value: number, unit: string | undefined, text: string): Measure => (unit === undefined ? { text, value } : { text, value, unit });
/** Milliseconds, shown rounded (`12 ms`). */
export const ms = (value: number): Measure => measure(value, 'ms', `${value.toFixed(0)} ms`);
/** Seconds, shown with `digits` decimals (`8.40 s`). */
export const seconds = (value: number, digits = 2): Measure => measure(value, 's', `${value.toFixed(digits)} s`);
/** A size in bytes, shown in KB with `digits` decimals (`1.4 KB`). */
export const kb = (bytes: number, digits = 1): Measure => measure(bytes, 'B', `${(bytes / 1024).toFixed(digits)} KB`);
/** Megabytes, shown rounded (`712 MB`). */
export const mb = (value: number): Measure => measure(value, 'MB', `${value.toFixed(0)} MB`);

const cellText = (cell: Cell): string => (typeof cell === 'string' ? cell : typeof cell === 'number' ? String(cell) : cell.text);

/** A cell for the JSON (a value that is not finite, as a missing timing, is written as null). */
function jsonCell(cell: Cell): JsonCell {
  if (typeof cell === 'string') return { text: cell };
  if (typeof cell === 'number') return { text: String(cell), value: cell };
  return { ...cell };
}

/** The markdown of a table, title included (without a trailing newline). */
export function tableMarkdown(table: Table): string {
  // An empty cell prints as `| |`, as the tables always have.
  const line = (cells: string[]) => `|${cells.map((cell) => (cell ? ` ${cell} ` : ' ')).join('|')}|`;
  const separator = `|${table.columns.map(() => '---').join('|')}|`;
  const lines = [line(table.columns), separator, ...table.rows.map((row) => line(row.map(cellText)))];
  return [...(table.title === undefined ? [] : [table.title, '']), ...lines].join('\n');
}

/** Which machine ran the benchmark. */
export function machine(): BenchResult['machine'] {
  const cores = cpus();
  return {
    cpus: cores.length,
    cpu_model: cores[0]?.model.trim() ?? '',
    total_memory_bytes: totalmem(),
    node: process.version,
    platform: process.platform,
    arch: process.arch,
  };
}

/** One benchmark's report: print tables and notes as they come, then `save()` the JSON. */
export class BenchReport {
  readonly result: BenchResult;
  private printed = 0;

  constructor(
    benchmark: string,
    options: Record<string, unknown>,
    private readonly print: (text: string) => void = (text) => console.log(text),
    date = new Date(),
  ) {
    this.result = { benchmark, date: date.toISOString(), options, machine: machine(), tables: [], notes: [] };
  }

  /** Prints the table (a blank line before it unless it is the first output) and keeps it for the JSON. */
  table(table: Table): void {
    if (this.result.tables.some((t) => t.name === table.name)) throw new Error(`Two tables named "${table.name}"`);
    for (const row of table.rows)
      if (row.length !== table.columns.length) throw new Error(`A row of "${table.name}" has ${row.length} cells, not ${table.columns.length}`);
    this.emit(tableMarkdown(table));
    const { name, title, columns, rows } = table;
    this.result.tables.push({ name, ...(title === undefined ? {} : { title }), columns, rows: rows.map((row) => row.map(jsonCell)) });
  }

  /** Prints a line of text between the tables. */
  note(text: string): void {
    this.emit(text);
    this.result.notes.push(text);
  }

  /** Writes `<dir>/<benchmark>-<timestamp>.json` and `<dir>/<benchmark>-latest.json`; returns their paths. */
  save(dir = BENCH_OUTPUT): string[] {
    mkdirSync(dir, { recursive: true });
    const stamp = this.result.date.replaceAll(':', '');
    const json = `${JSON.stringify(this.result, null, 2)}\n`;
    const paths = [join(dir, `${this.result.benchmark}-${stamp}.json`), join(dir, `${this.result.benchmark}-latest.json`)];
    for (const path of paths) writeFileSync(path, json);
    process.stderr.write(`Results written to ${paths.join(' and ')}\n`);
    return paths;
  }

  private emit(text: string): void {
    this.print(this.printed++ ? `\n${text}` : text);
  }
}

/** The value of `--name` on the command line, or `fallback`. */
export function option(name: string, fallback: string, argv: readonly string[] = process.argv): string {
  const at = argv.indexOf(name);
  return at >= 0 && argv[at + 1] ? argv[at + 1]! : fallback;
}

/** One measure of a result: its table, row (the first cell's text) and column. */
export interface MeasureEntry {
  key: string;
  value: number;
  unit?: string;
}

/** Every measured number of a result, keyed `table / row / column`. */
export function measures(result: BenchResult): MeasureEntry[] {
  return result.tables.flatMap((table) =>
    table.rows.flatMap((row) =>
      row
        .slice(1)
        .flatMap((cell, i) =>
          typeof cell.value === 'number'
            ? [{ key: `${table.name} / ${row[0]?.text} / ${table.columns[i + 1]}`, value: cell.value, ...(cell.unit ? { unit: cell.unit } : {}) }]
            : [],
        ),
    ),
  );
}

export interface Comparison {
  key: string;
  unit?: string;
  old: number;
  new: number;
  /** new / old (NaN when old is 0). */
  ratio: number;
}

/** The measures present in both results (with the same unit), in the newer result's order. */
export function compare(older: BenchResult, newer: BenchResult): Comparison[] {
  const before = new Map(measures(older).map((entry) => [entry.key, entry]));
  return measures(newer).flatMap((entry) => {
    const old = before.get(entry.key);
    if (!old || old.unit !== entry.unit) return [];
    return [
      {
        key: entry.key,
        ...(entry.unit ? { unit: entry.unit } : {}),
        old: old.value,
        new: entry.value,
        ratio: old.value === 0 ? Number.NaN : entry.value / old.value,
      },
    ];
  });
}

/** The comparison as a markdown table: measure, old, new and new / old. */
export function comparisonMarkdown(rows: Comparison[]): string {
  const num = (value: number, unit?: string) => `${Number.isInteger(value) ? value : Number(value.toPrecision(4))}${unit ? ` ${unit}` : ''}`;
  return tableMarkdown({
    name: 'comparison',
    columns: ['measure', 'old', 'new', 'new / old'],
    rows: rows.map((row) => [row.key, num(row.old, row.unit), num(row.new, row.unit), Number.isNaN(row.ratio) ? '' : `${row.ratio.toFixed(2)}×`]),
  });
}
