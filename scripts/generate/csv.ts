/**
 * A buffered CSV file writer for the generator: rows are encoded straight into one
 * reused byte buffer that is flushed when full, so tens of millions of rows stream to disk
 * without piling up short-lived strings for the garbage collector.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const BUFFER_BYTES = 1 << 20;

/** Quote a field when it holds a comma, quote or line break (RFC 4180). */
function field(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * A non-negative whole number of cents as decimal text, the same text as String(cents / 100)
 * (no trailing zeros), built from integers: formatting a double is the costliest step of the
 * revenue rows.
 */
export function centsText(cents: number): string {
  const fraction = cents % 100;
  const whole = (cents - fraction) / 100;
  if (fraction === 0) return String(whole);
  return `${whole}.${fraction % 10 === 0 ? fraction / 10 : String(fraction).padStart(2, '0')}`;
}

export class CsvWriter {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  rows = 0;

  constructor(path: string, header: readonly string[]) {
    this.fd = openSync(path, 'w');
    this.append(`${header.join(',')}\n`);
  }

  /** Appends one row; values are quoted as needed. */
  write(values: readonly (string | number | boolean | null)[]): void {
    this.line(values.map(field).join(','));
  }

  /** Appends one pre-formatted row whose fields need no quoting (the hot paths: ids, numbers, codes). */
  line(text: string): void {
    this.append(text);
    this.buffer[this.used++] = 10;
    this.rows++;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  /** Encodes `text` into the buffer, flushing first when it might not fit (UTF-8 takes at most 3 bytes per UTF-16 unit). */
  private append(text: string): void {
    if (this.used + 3 * text.length + 1 > BUFFER_BYTES) this.flush();
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  private flush(): void {
    let written = 0;
    while (written < this.used) written += writeSync(this.fd, this.buffer, written, this.used - written);
    this.used = 0;
  }
}
