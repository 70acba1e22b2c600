/**
 * The typed fast path for generated input reads the same tables as the text path, and on
 * any problem hands over to the text path, so the error message is the same either way.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, test } from 'vitest';
import { SCHEMA } from '../src/lib/schema.ts';
import { ident, rows } from '../scripts/lib/duck.ts';
import { InputError, readInput } from '../scripts/pipeline/input.ts';
import { readTyped } from '../scripts/pipeline/typed-input.ts';
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

test('reads the same typed tables and sources as the text path', async () => {
  const dir = join(FIXTURES, 'small');
  const typed = await connect();
  const text = await connect();
  const typedSources = await readTyped(typed, dir);
  const textSources = await readInput(text, dir);
  expect(typedSources).toEqual(textSources);
  expect(await contents(typed)).toBe(await contents(text));
});

describe('hands over to the text path, which names the problem', () => {
  const cases: [string, string, number, string][] = [
    ['wrong type', 'usage_monthly', 2, 'A2,P1,2026-07,ten,8,6'],
    ['value out of range', 'usage_monthly', 2, 'A2,P1,2026-07,10,8,-2'],
    ['more assigned than purchased', 'usage_monthly', 2, 'A2,P1,2026-07,10,11,6'],
    ['duplicate key', 'usage_monthly', 2, 'A1,P1,2026-08,1,1,1'],
    ['dangling reference', 'usage_monthly', 2, 'A404,P1,2026-07,10,8,6'],
  ];
  test.each(cases)('%s', async (_name, table, line, text) => {
    const input = fixtureWith(table, line, text);
    expect(await readTyped(await connect(), input)).toBeNull();
    const fast = await readInput(await connect(), input, { generated: true }).catch((e: unknown) => e);
    const slow = await readInput(await connect(), input).catch((e: unknown) => e);
    expect(fast).toBeInstanceOf(InputError);
    expect((fast as Error).message).toBe((slow as Error).message);
  });
});
