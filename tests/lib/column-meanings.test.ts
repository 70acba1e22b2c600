/** Every column of every published data set has a meaning in the catalogue. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { columnMeaning } from '../../src/lib/column-meanings.ts';
import type { Manifest } from '../../src/lib/published.ts';
import { DEFAULT_DATA } from '../helpers/default-data.ts';

test('every published column is described', () => {
  const manifest = JSON.parse(readFileSync(join(DEFAULT_DATA, 'manifest.json'), 'utf8')) as Manifest;
  const missing = manifest.tables.flatMap((table) =>
    table.columns.filter((column) => !columnMeaning(table.name, column.name)).map((column) => `${table.name}.${column.name}`),
  );
  expect(missing).toEqual([]);
});

test('table-specific meanings win', () => {
  expect(columnMeaning('master_usage', 'assignment_rate')).toBe('Seats assigned over seats purchased.');
  expect(columnMeaning('regional_summary', 'assignment_rate')).toBe('Mean of seats assigned over seats purchased.');
  expect(columnMeaning('accounts', 'no_such_column')).toBeNull();
});
