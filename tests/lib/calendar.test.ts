/**
 * src/lib/calendar.ts: month arithmetic, month ends, and whole months of tenure in
 * TypeScript and in SQL (`wholeMonthsBetweenSql`), which must agree on every date pair.
 */
import { describe, expect, test } from 'vitest';
import { useDuckDB } from '../helpers/duckdb.ts';
import { addMonths, lastDayOf, monthIndexSql, wholeMonthsBetween, wholeMonthsBetweenSql } from '../../src/lib/calendar.ts';

const { rowsOf } = useDuckDB();

describe('addMonths', () => {
  test.each([
    ['2024-01', 0, '2024-01'],
    ['2024-01', 1, '2024-02'],
    ['2024-09', 1, '2024-10'],
    ['2024-11', 1, '2024-12'],
    ['2024-12', 1, '2025-01'],
    ['2024-12', 13, '2026-01'],
    ['2024-11', 14, '2026-01'],
    ['2024-06', 24, '2026-06'],
    ['2024-10', -1, '2024-09'],
    ['2025-01', -1, '2024-12'],
    ['2024-01', -13, '2022-12'],
    ['2024-03', -15, '2022-12'],
    ['2024-05', -24, '2022-05'],
    ['2026-08', -3, '2026-05'],
  ] as const)('%s %+d -> %s', (month, offset, expected) => {
    expect(addMonths(month, offset)).toBe(expected);
  });

  test('stepping forward then back returns to the start, for every month of a decade', () => {
    for (let y = 2020; y < 2030; y++) {
      for (let m = 1; m <= 12; m++) {
        const month = `${y}-${String(m).padStart(2, '0')}`;
        for (const offset of [1, 11, 12, 13, 37]) expect(addMonths(addMonths(month, offset), -offset)).toBe(month);
      }
    }
  });

  test('agrees with DuckDB date arithmetic over 25 years of months and offsets', async () => {
    const rows = await rowsOf(
      `SELECT strftime(d, '%Y-%m'), o, strftime(d + to_months(o), '%Y-%m')
       FROM (SELECT unnest(generate_series(DATE '2015-01-01', DATE '2039-12-01', INTERVAL 1 MONTH))::DATE AS d),
            (SELECT unnest([-25, -13, -12, -11, -1, 0, 1, 11, 12, 13, 25]) AS o)`,
    );
    expect(rows).toHaveLength(300 * 11);
    const mismatches = rows.filter(([month, offset, expected]) => addMonths(String(month), Number(offset)) !== expected);
    expect(mismatches).toEqual([]);
  });
});

describe('lastDayOf', () => {
  test.each([
    ['2024-02', '2024-02-29'],
    ['2026-02', '2026-02-28'],
    ['2000-02', '2000-02-29'],
    ['1900-02', '1900-02-28'],
    ['2025-01', '2025-01-31'],
    ['2026-04', '2026-04-30'],
    ['2026-06', '2026-06-30'],
    ['2026-08', '2026-08-31'],
    ['2026-09', '2026-09-30'],
    ['2026-12', '2026-12-31'],
  ])('%s -> %s', (month, day) => {
    expect(lastDayOf(month)).toBe(day);
  });

  test("agrees with DuckDB's last_day for every month of 1999-2031", async () => {
    const rows = await rowsOf(
      `SELECT strftime(d, '%Y-%m'), strftime(last_day(d), '%Y-%m-%d')
       FROM (SELECT unnest(generate_series(DATE '1999-01-01', DATE '2031-12-01', INTERVAL 1 MONTH))::DATE AS d)`,
    );
    expect(rows).toHaveLength(33 * 12);
    expect(rows.map(([month]) => [month, lastDayOf(String(month))])).toEqual(rows);
  });
});

describe('wholeMonthsBetween', () => {
  test.each([
    // the same date, and the same day of a later month
    ['2024-03-15', '2024-03-15', 0],
    ['2024-01-15', '2024-04-15', 3],
    ['2023-11-20', '2024-02-20', 3],
    ['2020-02-29', '2026-02-28', 71],
    // the day before completes one month fewer
    ['2024-01-15', '2024-04-14', 2],
    ['2024-01-15', '2024-02-14', 0],
    ['2023-11-20', '2024-02-19', 2],
    ['2024-01-01', '2024-12-31', 11],
    ['2024-01-01', '2025-01-01', 12],
    ['2023-01-01', '2025-12-31', 35],
    ['2023-01-01', '2026-01-01', 36],
    // end of month: the day of the month must be reached, so a 31st start completes
    // a month only on a 31st (a snapshot on the 30th or 28th/29th counts one fewer)
    ['2023-12-31', '2024-01-31', 1],
    ['2024-01-31', '2024-02-29', 0],
    ['2024-01-31', '2024-03-31', 2],
    ['2024-01-31', '2024-04-30', 2],
    ['2024-01-30', '2024-04-30', 3],
    ['2024-02-29', '2024-03-31', 1],
    ['2024-02-29', '2025-02-28', 11],
    ['2024-02-28', '2025-02-28', 12],
    ['2025-08-31', '2026-08-31', 12],
    // never negative
    ['2024-03-16', '2024-03-15', 0],
    ['2024-03-15', '2024-03-01', 0],
    ['2024-05-01', '2024-03-01', 0],
    ['2026-01-01', '2020-01-01', 0],
  ] as const)('%s to %s -> %i', (from, to, months) => {
    expect(wholeMonthsBetween(from, to)).toBe(months);
  });
});

describe('monthIndexSql', () => {
  test('two months differ by the months between them, across year ends', async () => {
    const pairs: [string, number][] = [
      ['2023-11', 1],
      ['2023-12', 1],
      ['2023-12', 2],
      ['2024-01', -1],
      ['2024-02', -3],
      ['2019-07', 30],
      ['2024-06', 0],
    ];
    const list = pairs.map(([month, k], i) => `(${i}, '${month}', '${addMonths(month, k)}')`).join(', ');
    const rows = await rowsOf(`SELECT ${monthIndexSql('b')} - ${monthIndexSql('a')} FROM (VALUES ${list}) x(i, a, b) ORDER BY i`);
    expect(rows.map((r) => r[0])).toEqual(pairs.map(([, k]) => k));
  });

  test('counts from year zero: 2024-03 is 2024 × 12 + 3', async () => {
    expect((await rowsOf(`SELECT ${monthIndexSql("'2024-03'")}`))[0]![0]).toBe(24291);
  });
});

describe('wholeMonthsBetweenSql', () => {
  test('is the same rule spelled in SQL', () => {
    expect(wholeMonthsBetweenSql('f', 't')).toBe('greatest(0, (year(t) - year(f)) * 12 + (month(t) - month(f)) - CASE WHEN day(t) < day(f) THEN 1 ELSE 0 END)');
  });

  test('agrees with wholeMonthsBetween on the hand-written cases', async () => {
    const cases: [string, string][] = [
      ['2024-01-15', '2024-04-15'],
      ['2024-01-15', '2024-04-14'],
      ['2024-01-31', '2024-02-29'],
      ['2024-01-31', '2024-04-30'],
      ['2024-02-29', '2025-02-28'],
      ['2024-05-01', '2024-03-01'],
      ['2023-11-20', '2024-02-19'],
      ['2025-08-31', '2026-08-31'],
    ];
    const list = cases.map(([f, t], i) => `(${i}, DATE '${f}', DATE '${t}')`).join(', ');
    const rows = await rowsOf(`SELECT ${wholeMonthsBetweenSql('f', 't')}::INTEGER FROM (VALUES ${list}) x(i, f, t) ORDER BY i`);
    expect(rows.map((r) => r[0])).toEqual([3, 2, 0, 2, 11, 0, 2, 12]);
    expect(rows.map((r) => r[0])).toEqual(cases.map(([f, t]) => wholeMonthsBetween(f, t)));
  });

  test('agrees with wholeMonthsBetween on many date pairs, month ends and leap days included', async () => {
    // Start dates: every 3rd day of 2022-2026 plus every month end; end dates: every month end of
    // 2021-2027 (snapshots) plus every 11th day. Both directions, so negative spans are covered.
    const rows = await rowsOf(
      `WITH starts AS (
         SELECT unnest(generate_series(DATE '2022-01-01', DATE '2026-12-31', INTERVAL 3 DAY))::DATE AS f
         UNION SELECT last_day(unnest(generate_series(DATE '2022-01-01', DATE '2026-12-01', INTERVAL 1 MONTH)))::DATE),
       ends AS (
         SELECT last_day(unnest(generate_series(DATE '2021-01-01', DATE '2027-12-01', INTERVAL 1 MONTH)))::DATE AS t
         UNION SELECT unnest(generate_series(DATE '2021-01-01', DATE '2027-12-31', INTERVAL 11 DAY))::DATE)
       SELECT strftime(f, '%Y-%m-%d'), strftime(t, '%Y-%m-%d'), ${wholeMonthsBetweenSql('f', 't')}::INTEGER
       FROM starts, ends`,
    );
    expect(rows.length).toBeGreaterThan(100_000);
    const values = new Set(rows.map((r) => r[2]));
    expect(values.has(0)).toBe(true);
    expect(values.has(71)).toBe(true);
    const mismatches = rows.filter(([f, t, months]) => wholeMonthsBetween(String(f), String(t)) !== months);
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});
