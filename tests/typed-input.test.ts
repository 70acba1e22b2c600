/**
 * A CSV file is read by the typed fast path when it passes every rule, to the same typed
 * table as the text path; any other file falls back to the text path, so what is accepted
 * and every error message are exactly the text path's. The hostile values are the ones
 * DuckDB's own typed reads accept but the schema does not.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, test } from 'vitest';
import { SCHEMA } from '../src/lib/schema.ts';
import { ident, rows } from '../scripts/lib/duck.ts';
import { InputError, readInput, type Source } from '../scripts/pipeline/input.ts';
import { FIXTURES, tempDir } from './helpers/run.ts';

async function connect(): Promise<DuckDBConnection> {
  return (await DuckDBInstance.create(':memory:')).connect();
}

/** Every table's column types and rows, as text, in table order. */
async function contents(conn: DuckDBConnection): Promise<string> {
  const parts: string[] = [];
  for (const spec of SCHEMA) {
    parts.push(JSON.stringify(await rows(conn, `SELECT column_name, column_type FROM (DESCRIBE ${ident(spec.name)})`)));
    parts.push(JSON.stringify(await rows(conn, `SELECT * FROM ${ident(spec.name)}`)));
  }
  return parts.join('\n');
}

/** A copy of the small fixture with one CSV line replaced. */
function fixtureWith(table: string, line: number, text: string): string {
  const input = join(tempDir('typed'), 'input');
  cpSync(join(FIXTURES, 'small'), input, { recursive: true });
  const file = join(input, `${table}.csv`);
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  lines[line] = text;
  writeFileSync(file, `${lines.join('\n')}\n`);
  return input;
}

/** Reads `dir` both ways: with the fast path, and through the text path only. */
async function bothWays(dir: string) {
  const fastConn = await connect();
  const textConn = await connect();
  const fast = await readInput(fastConn, dir).catch((e: unknown) => e);
  const text = await readInput(textConn, dir, { typed: false }).catch((e: unknown) => e);
  return { fast, text, fastConn, textConn };
}

const readerOf = (sources: unknown, table: string) => (sources as Source[]).find((s) => s.table === table)?.reader;

test('reads clean CSV files typed, to the same tables and sources as the text path', async () => {
  const { fast, text, fastConn, textConn } = await bothWays(join(FIXTURES, 'small'));
  expect((fast as Source[]).map((s) => s.reader)).toEqual(SCHEMA.map(() => 'typed'));
  expect((text as Source[]).map((s) => s.reader)).toEqual(SCHEMA.map(() => 'text'));
  expect((fast as Source[]).map(({ reader: _, ...s }) => s)).toEqual((text as Source[]).map(({ reader: _, ...s }) => s));
  expect(await contents(fastConn)).toBe(await contents(textConn));
});

describe('a file breaking a rule falls back to the text path, which names the problem', () => {
  const cases: [string, string, number, string][] = [
    ['wrong type', 'usage_monthly', 2, 'A2,P1,2026-07,ten,8,6'],
    ['a fraction for an integer (DuckDB would round it)', 'usage_monthly', 2, 'A2,P1,2026-07,10.5,8,6'],
    ['a hexadecimal integer', 'usage_monthly', 2, 'A2,P1,2026-07,0x10,8,6'],
    ['an infinite number', 'revenue_monthly', 2, 'A2,2026-07,inf,flat'],
    ['an infinite integer', 'usage_monthly', 2, 'A2,P1,2026-07,inf,8,6'],
    ['spaces around a key', 'accounts', 2, "A2 ,O'Brien Surveying,Japan,Japan,Architecture,pro,2020-01-10,CSM-001,Japanese"],
    ['value out of range', 'usage_monthly', 2, 'A2,P1,2026-07,10,8,-2'],
    ['more assigned than purchased', 'usage_monthly', 2, 'A2,P1,2026-07,10,11,6'],
    ['a missing required number', 'usage_monthly', 2, 'A2,P1,2026-07,,8,6'],
    ['yes for a boolean (DuckDB would read true)', 'panel_accounts', 2, 'A2,12,premium,15000,yes,,3,2025-05-05'],
    ['a date without leading zeros (DuckDB would read it)', 'panel_accounts', 2, 'A2,12,premium,15000,false,,3,2025-5-5'],
    ['a timestamp without a time', 'events', 2, 'E2,A1,training_attended,2026-08-02'],
    ['a month without a leading zero', 'usage_monthly', 2, 'A2,P1,2026-7,10,8,6'],
    ['a value not allowed', 'revenue_monthly', 2, 'A2,2026-07,12000,sideways'],
    ['duplicate key', 'usage_monthly', 2, 'A1,P1,2026-08,1,1,1'],
    ['dangling reference', 'usage_monthly', 2, 'A404,P1,2026-07,10,8,6'],
    ['a line with a missing field', 'usage_monthly', 2, 'A2,P1,2026-07,10,8'],
  ];
  test.each(cases)('%s', async (_name, table, line, text) => {
    const both = await bothWays(fixtureWith(table, line, text));
    expect(both.fast).toBeInstanceOf(InputError);
    expect((both.fast as Error).message).toBe((both.text as Error).message);
  });
});

describe('values both paths accept are read alike', () => {
  const cases: [string, string, number, string, 'typed' | 'text'][] = [
    ['spaces around a number', 'usage_monthly', 2, 'A2,P1,2026-07, 10 ,8,6', 'typed'],
    ['an exponent', 'usage_monthly', 2, 'A2,P1,2026-07,1e1,8,6', 'typed'],
    ['a whole number written with a fraction', 'usage_monthly', 2, 'A2,P1,2026-07,10.0,8,6', 'typed'],
    ['TRUE in capitals', 'panel_accounts', 1, 'A1,0,starter,500,TRUE,9,0,2026-01-01', 'typed'],
    ['spaces only in an optional number (the typed read refuses them)', 'panel_accounts', 2, 'A2,12,premium,15000,false,  ,3,2025-05-05', 'text'],
  ];
  test.each(cases)('%s', async (_name, table, line, text, reader) => {
    const both = await bothWays(fixtureWith(table, line, text));
    expect(both.fast).not.toBeInstanceOf(Error);
    expect(readerOf(both.fast, table)).toBe(reader);
    expect(await contents(both.fastConn)).toBe(await contents(both.textConn));
  });
});
