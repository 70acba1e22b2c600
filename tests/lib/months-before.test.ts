/**
 * The health months' earlier months (`monthsBeforeSql`): the account's row k months before,
 * read by lags over its months, and null when the account has no row for that month, so a
 * gap in its months is never taken for the month before.
 */
import { describe, expect, test } from 'vitest';
import { useDuckDB } from '../helpers/duckdb.ts';
import { monthIndexSql } from '../../src/lib/calendar.ts';
import { ACCOUNT_MONTHS_WINDOW, monthsBeforeSql } from '../../src/lib/queries/account-health.ts';

const { rowsOf } = useDuckDB();

/** Account a has no 2024-03; account b starts in 2024-02 and crosses a year end. */
const MONTHS: [string, string, number][] = [
  ['a', '2024-01', 10],
  ['a', '2024-02', 20],
  ['a', '2024-04', 40],
  ['a', '2024-05', 50],
  ['a', '2024-06', 60],
  ['b', '2023-11', 1],
  ['b', '2023-12', 2],
  ['b', '2024-01', 3],
];

/** The value k months before each row, worked out by looking the month up. */
function expected(k: number): (number | null)[] {
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
  return MONTHS.map(([account, month]) => MONTHS.find(([a, m]) => a === account && index(m) === index(month) - k)?.[2] ?? null);
}

describe('monthsBeforeSql', () => {
  test.each([1, 2, 3])('reads the value %i month(s) before, null across a gap', async (k) => {
    const list = MONTHS.map(([account, month, value], i) => `(${i}, '${account}', '${month}', ${value})`).join(', ');
    const rows = await rowsOf(
      `SELECT ${monthsBeforeSql('v', k)} FROM (SELECT *, ${monthIndexSql('month')} AS month_index FROM (VALUES ${list}) x(i, account_id, month, v))
       ${ACCOUNT_MONTHS_WINDOW} ORDER BY i`,
    );
    expect(rows.map((r) => r[0])).toEqual(expected(k));
  });

  test('the hand-worked two months before: 2024-04 reads 2024-02 (one row back), 2024-05 has none (no 2024-03), 2024-06 reads 2024-04', () => {
    expect(expected(2)).toEqual([null, null, 20, null, 40, null, null, 1]);
  });
});
