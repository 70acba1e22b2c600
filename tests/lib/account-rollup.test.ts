/**
 * src/lib/account-rollup.ts: an account's month takes the rates and flags of its seats
 * summed over products, and the SQL the pipeline runs agrees with the TypeScript function.
 */
import { describe, expect, test } from 'vitest';
import { accountFlagsSql, accountUsage, accountUsageSql, type ProductSeats } from '../../src/lib/account-rollup.ts';
import { usageFlags } from '../../src/lib/metrics.ts';
import { useDuckDB } from '../helpers/duckdb.ts';

const { rowsOf } = useDuckDB();

/** Hand-made account months: [description, products]. */
const CASES: readonly (readonly [string, readonly ProductSeats[]])[] = [
  ['one product, idle', [{ purchased: 10, assigned: 10, used: 2 }]],
  ['one product, fully used', [{ purchased: 10, assigned: 10, used: 10 }]],
  ['one product over its assigned seats', [{ purchased: 5, assigned: 4, used: 6 }]],
  ['no seat assigned', [{ purchased: 3, assigned: 0, used: 0 }]],
  [
    'two products: one idle, one busy',
    [
      { purchased: 10, assigned: 10, used: 1 },
      { purchased: 10, assigned: 10, used: 10 },
    ],
  ],
  [
    'two products: overuse makes up for idle seats',
    [
      { purchased: 4, assigned: 4, used: 8 },
      { purchased: 4, assigned: 4, used: 0 },
    ],
  ],
  [
    'two products: one with nothing assigned',
    [
      { purchased: 6, assigned: 0, used: 0 },
      { purchased: 2, assigned: 2, used: 2 },
    ],
  ],
];

describe('accountUsage', () => {
  test("one product keeps its row's flags", () => {
    const result = accountUsage([{ purchased: 10, assigned: 9, used: 5 }]);
    expect(result.assignmentRate).toBe(0.9);
    expect(result.utilizationRate).toBeCloseTo(5 / 9, 12);
    expect({ atRisk: result.atRisk, expansionCandidate: result.expansionCandidate, highPerformer: result.highPerformer }).toEqual(usageFlags(0.9, 5 / 9));
  });

  test('several products: rates of the summed seats, capped after summing', () => {
    const idleAndBusy = accountUsage(CASES[4]![1]);
    expect(idleAndBusy.seats).toEqual({ purchased: 20, assigned: 20, used: 11 });
    expect(idleAndBusy.utilizationRate).toBe(0.55);
    expect(idleAndBusy.atRisk).toBe(true);
    // Row by row, the busy product would be an expansion candidate; the account is not.
    expect(idleAndBusy.expansionCandidate).toBe(false);
    const offset = accountUsage(CASES[5]![1]);
    expect(offset.utilizationRate).toBe(1);
    expect(offset.highPerformer).toBe(true);
  });

  test('no seat assigned anywhere: utilization undefined, no flag', () => {
    expect(accountUsage(CASES[3]![1])).toMatchObject({ utilizationRate: null, atRisk: false, expansionCandidate: false, highPerformer: false });
  });

  test('an account month without products is an error', () => {
    expect(() => accountUsage([])).toThrow('at least one product');
  });
});

describe('accountUsageSql and accountFlagsSql', () => {
  test('agree with accountUsage on every case', async () => {
    const values = CASES.flatMap(([name, products]) => products.map((p) => `('${name}', '2026-08', ${p.purchased}, ${p.assigned}, ${p.used})`)).join(', ');
    const rows = await rowsOf(`
      WITH usage AS (SELECT * FROM (VALUES ${values}) v(account_id, month, seats_purchased, seats_assigned, seats_used)),
      rolled AS (${accountUsageSql('usage')})
      SELECT account_id, products, seats_purchased, seats_assigned, seats_used, assignment_rate, utilization_rate, ${accountFlagsSql}
      FROM rolled ORDER BY account_id`);
    const byName = new Map(rows.map((row) => [row[0] as string, row]));
    for (const [name, products] of CASES) {
      const expected = accountUsage(products);
      const [, count, purchased, assigned, used, assignment, utilization, atRisk, expansion, high] = byName.get(name)!;
      expect(count, name).toBe(products.length);
      expect([purchased, assigned, used], name).toEqual([expected.seats.purchased, expected.seats.assigned, expected.seats.used]);
      expect(assignment as number, name).toBeCloseTo(expected.assignmentRate, 12);
      if (expected.utilizationRate === null) expect(utilization, name).toBeNull();
      else expect(utilization as number, name).toBeCloseTo(expected.utilizationRate, 12);
      expect([atRisk, expansion, high], name).toEqual([expected.atRisk, expected.expansionCandidate, expected.highPerformer]);
    }
  });
});
