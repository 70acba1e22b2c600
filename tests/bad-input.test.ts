/**
 * Bad input stops the run with an exact message naming table, file, row, column, what was
 * expected and what was found, and leaves the previous output exactly as it was.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError } from '../scripts/pipeline/input.ts';
import { FIXTURES, runInto, tempDir } from './helpers/run.ts';

/** A copy of the small fixture with one change, and an output folder holding a previous result. */
function badInput(change: (dir: string) => void): { dir: string; input: string } {
  const dir = tempDir('bad');
  const input = join(dir, 'input');
  cpSync(join(FIXTURES, 'small'), input, { recursive: true });
  change(input);
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'data', 'manifest.json'), '{"previous":true}\n');
  return { dir, input };
}

function editCsv(input: string, table: string, edit: (lines: string[]) => string[]): void {
  const file = join(input, `${table}.csv`);
  writeFileSync(file, `${edit(readFileSync(file, 'utf8').trimEnd().split('\n')).join('\n')}\n`);
}

async function expectRejected(change: (input: string) => void, message: (input: string) => string, ordersCsv?: (input: string) => string): Promise<void> {
  const { dir, input } = badInput(change);
  const before = readdirSync(dir).sort();
  const error = await runInto(dir, { input, ...(ordersCsv ? { ordersCsv: ordersCsv(input) } : {}) }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  expect((error as Error).message).toBe(message(input));
  // The previous output is untouched and no staging folder is left behind.
  expect(readdirSync(dir).sort()).toEqual(before);
  expect(readdirSync(join(dir, 'data'))).toEqual(['manifest.json']);
  expect(readFileSync(join(dir, 'data', 'manifest.json'), 'utf8')).toBe('{"previous":true}\n');
  rmSync(dir, { recursive: true, force: true });
}

const file = (input: string, name: string) => join(input, name);

describe('each kind of bad input', () => {
  test('missing column', async () => {
    await expectRejected(
      (input) => editCsv(input, 'usage_monthly', (lines) => lines.map((l) => l.split(',').slice(0, 5).join(','))),
      (input) =>
        `Invalid input in table usage_monthly (${file(input, 'usage_monthly.csv')}), column seats_used: expected a column named seats_used, found only account_id, product, month, seats_purchased, seats_assigned`,
    );
  });

  test('wrong type', async () => {
    await expectRejected(
      (input) => editCsv(input, 'usage_monthly', (lines) => lines.map((l, i) => (i === 2 ? 'A2,P1,2026-07,ten,8,6' : l))),
      (input) => `Invalid input in table usage_monthly (${file(input, 'usage_monthly.csv')}, line 3), column seats_purchased: expected an integer, found "ten"`,
    );
  });

  test('value out of range', async () => {
    await expectRejected(
      (input) => editCsv(input, 'usage_monthly', (lines) => lines.map((l, i) => (i === 4 ? 'A3,P1,2026-07,600,300,-2' : l))),
      (input) => `Invalid input in table usage_monthly (${file(input, 'usage_monthly.csv')}, line 5), column seats_used: expected an integer >= 0, found "-2"`,
    );
  });

  test('more seats assigned than purchased', async () => {
    await expectRejected(
      (input) => editCsv(input, 'usage_monthly', (lines) => lines.map((l, i) => (i === 2 ? 'A2,P1,2026-07,10,11,6' : l))),
      (input) =>
        `Invalid input in table usage_monthly (${file(input, 'usage_monthly.csv')}, line 3), column seats_assigned: expected a value <= seats_purchased (10), found "11"`,
    );
  });

  test('unknown region', async () => {
    await expectRejected(
      (input) => editCsv(input, 'accounts', (lines) => lines.map((l) => l.replace(',Greater China,', ',Oceania,'))),
      (input) =>
        `Invalid input in table accounts (${file(input, 'accounts.csv')}, line 5), column region: expected one of ANZ, ASEAN, Greater China, India, Japan, Korea, found "Oceania"`,
    );
  });

  test('duplicate key', async () => {
    await expectRejected(
      (input) => editCsv(input, 'usage_monthly', (lines) => [...lines, 'A2,P1,2026-07,10,8,6']),
      (input) =>
        `Invalid input in table usage_monthly (${file(input, 'usage_monthly.csv')}, line 11), column account_id + product + month: expected a unique account_id + product + month, found "A2, P1, 2026-07" again (first at line 3)`,
    );
  });

  test('dangling account_id', async () => {
    await expectRejected(
      (input) => editCsv(input, 'revenue_monthly', (lines) => [...lines, 'A9,2026-08,10,new']),
      (input) =>
        `Invalid input in table revenue_monthly (${file(input, 'revenue_monthly.csv')}, line 9), column account_id: expected a value present in accounts.account_id, found "A9"`,
    );
  });

  test('unreadable file', async () => {
    const { dir, input } = badInput((dir) => {
      rmSync(join(dir, 'usage_monthly.csv'));
      writeFileSync(join(dir, 'usage_monthly.parquet'), 'this is not parquet');
    });
    const error = (await runInto(dir, { input }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(InputError);
    expect(error.message.startsWith(`Cannot read table usage_monthly (${file(input, 'usage_monthly.parquet')}): not a readable Parquet file (DuckDB: `)).toBe(
      true,
    );
    expect(readdirSync(join(dir, 'data'))).toEqual(['manifest.json']);
  });

  test('empty file and header-only file', async () => {
    await expectRejected(
      (input) => writeFileSync(join(input, 'accounts.csv'), ''),
      (input) => `Empty file for table accounts (${file(input, 'accounts.csv')}): it has no header and no rows`,
    );
    await expectRejected(
      (input) => editCsv(input, 'events', (lines) => lines.slice(0, 1)),
      (input) => `Empty file for table events (${file(input, 'events.csv')}): it has a header but no rows`,
    );
  });

  test('missing table', async () => {
    await expectRejected(
      (input) => rmSync(join(input, 'deals.csv')),
      (input) => `Missing table deals: expected deals.csv or deals.parquet in ${input}`,
    );
  });
});

describe('a bad Superstore-shaped orders file (--orders-csv)', () => {
  /** The hand-made Superstore-shaped CSV, edited, written into the input folder and read as the real orders. */
  const ordersFile = (input: string) => join(input, 'superstore.csv');
  const editOrders = (edit: (lines: string[]) => string[]) => (input: string) => {
    const lines = readFileSync(join(FIXTURES, 'superstore', 'orders.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    writeFileSync(ordersFile(input), `${edit(lines).join('\n')}\n`);
  };
  /** Replaces field `index` of line `at` (0 = the header; no field of the fixture holds a comma). */
  const setField = (at: number, index: number, value: string) => (lines: string[]) =>
    lines.map((l, i) =>
      i === at
        ? l
            .split(',')
            .map((f, j) => (j === index ? value : f))
            .join(',')
        : l,
    );

  test('missing column', async () => {
    await expectRejected(
      editOrders((lines) =>
        lines.map((l) =>
          l
            .split(',')
            .filter((_, j) => j !== 19)
            .join(','),
        ),
      ),
      (input) =>
        `Invalid input in table superstore_orders (${ordersFile(input)}), column Discount: expected a column named Discount, found only Row ID, Order ID, Order Date, Ship Date, Ship Mode, Customer ID, Customer Name, Segment, Country, City, State, Postal Code, Region, Product ID, Category, Sub-Category, Product Name, Sales, Quantity, Profit`,
      ordersFile,
    );
  });

  test('bad date', async () => {
    await expectRejected(
      editOrders(setField(2, 2, '01/01/2024')),
      (input) => `Invalid input in table superstore_orders (${ordersFile(input)}, line 3), column Order Date: expected a date (YYYY-MM-DD), found "01/01/2024"`,
      ordersFile,
    );
  });

  test('negative quantity', async () => {
    await expectRejected(
      editOrders(setField(4, 18, '-2')),
      (input) => `Invalid input in table superstore_orders (${ordersFile(input)}, line 5), column Quantity: expected an integer >= 1, found "-2"`,
      ordersFile,
    );
  });

  test('a file that is not there', async () => {
    await expectRejected(
      () => undefined,
      (input) => `Missing file for table superstore_orders: ${ordersFile(input)} not found`,
      ordersFile,
    );
  });
});
