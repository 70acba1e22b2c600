/**
 * A buffered CSV file writer for the generator: rows are appended as arrays and flushed in
 * large blocks, so tens of millions of rows stream to disk without one giant string.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const FLUSH_AT = 1 << 20;

/** Quote a field when it holds a comma, quote or line break (RFC 4180). */
function field(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export class CsvWriter {
  private readonly fd: number;
  private chunks: string[] = [];
  private size = 0;
  rows = 0;

  constructor(path: string, header: readonly string[]) {
    this.fd = openSync(path, 'w');
    this.chunks.push(`${header.join(',')}\n`);
  }

  /** Appends one row; values are quoted as needed. */
  write(values: readonly (string | number | boolean | null)[]): void {
    this.line(values.map(field).join(','));
  }

  /** Appends one pre-formatted row whose fields need no quoting (the hot paths: ids, numbers, codes). */
  line(text: string): void {
    this.chunks.push(text, '\n');
    this.size += text.length + 1;
    this.rows++;
    if (this.size >= FLUSH_AT) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    writeSync(this.fd, this.chunks.join(''));
    this.chunks = [];
    this.size = 0;
  }
}
