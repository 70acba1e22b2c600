/**
 * A page's answers (src/lib/answers.ts): every chart's rows under the default state and each state one choice away,
 * each distinct query and values run once, rows as the engine returns them, and none past the budget.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PageAnswers, answerRows, collectAnswers } from '../../src/lib/answers.ts';
import type { ChartDefinition } from '../../src/lib/charts/chart.ts';
import type { PageDefinition } from '../../src/lib/page.ts';
import type { Parameter } from '../../src/lib/parameters.ts';
import type { BoundQuery } from '../../src/lib/query.ts';
import { type Row, toCell } from '../../src/lib/rows.ts';

const ACCOUNTS = [
  { region: 'Japan', plan: 'pro', seats: 10 },
  { region: 'Japan', plan: 'basic', seats: 3 },
  { region: 'Korea', plan: 'pro', seats: 7 },
  { region: 'Korea', plan: 'pro', seats: 1 },
  { region: 'ANZ', plan: 'basic', seats: 4 },
];

const parameters: readonly Parameter[] = [
  { kind: 'category', name: 'tier', label: 'Tier', source: { dataset: 'accounts', column: 'plan' } },
  {
    kind: 'choice',
    name: 'measure',
    label: 'Measure',
    options: [
      { value: 'accounts', label: 'Accounts' },
      { value: 'seats', label: 'Seats' },
    ],
    default: 'accounts',
  },
  { kind: 'number', name: 'min_seats', label: 'Minimum seats', min: 1, max: 50, step: 1, default: 1 },
];

const chart = (id: string, sql: ChartDefinition['query']['sql']): ChartDefinition => ({
  id,
  title: id,
  subtitle: '',
  query: { tables: ['accounts'], sql },
  columns: [],
  describe: () => '',
  render: () => ({ kind: 'html', html: '' }),
});

const byRegion = chart(
  'by-region',
  (p) => `SELECT region, CASE WHEN ${p.value('measure')} = 'seats' THEN sum(seats) ELSE count(*) END::INTEGER AS n
FROM accounts WHERE ${p.match('tier', 'plan')} AND seats >= ${p.number('min_seats')} GROUP BY region ORDER BY region`,
);
/** The same query as `byRegion`'s under another chart: run once. */
const byRegionAgain = { ...byRegion, id: 'by-region-again' };
/** Reads no parameter: one answer for every state. */
const total = chart('total', () => 'SELECT count(*)::INTEGER AS accounts FROM accounts');

const page: PageDefinition = {
  slug: 'answers-fixture',
  title: 'Answers fixture',
  summary: '',
  status: 'ready',
  order: 1,
  kind: 'dashboard',
  parameters,
  layout: [{ charts: [byRegion, byRegionAgain, total] }],
};

const allowed = { tier: ['basic', 'pro'] };

/** The rows of `byRegion`, worked out in TypeScript. */
function expectedByRegion(tier: string | null, measure: string, minSeats: number): Row[] {
  const sums = new Map<string, number>();
  for (const account of ACCOUNTS) {
    if ((tier !== null && account.plan !== tier) || account.seats < minSeats) continue;
    sums.set(account.region, (sums.get(account.region) ?? 0) + (measure === 'seats' ? account.seats : 1));
  }
  return [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([region, n]) => ({ region, n }));
}

let instance: DuckDBInstance;
let conn: DuckDBConnection;
const ran: BoundQuery[] = [];
async function run(bound: BoundQuery): Promise<Row[]> {
  ran.push(bound);
  const reader = await conn.runAndReadAll(bound.sql, [...bound.params]);
  const names = reader.columnNames();
  return reader.getRows().map((values) => Object.fromEntries(names.map((name, i) => [name, toCell(values[i])])));
}

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run('CREATE TABLE accounts (region VARCHAR, plan VARCHAR, seats INTEGER)');
  for (const a of ACCOUNTS) await conn.run(`INSERT INTO accounts VALUES ('${a.region}', '${a.plan}', ${a.seats})`);
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

describe('collectAnswers', () => {
  let answers: PageAnswers;
  beforeAll(async () => {
    ran.length = 0;
    answers = (await collectAnswers(page, allowed, run))!;
  });

  it('answers the default state and each state one category value or option away, the number parameter left at its default', () => {
    const byRegionQuery = answers.queries.findIndex((sql) => sql.includes('GROUP BY region'));
    const states = answers.answers.filter(([query]) => query === byRegionQuery).map(([, params]) => params);
    // $1 measure, $2 tier, $3 min_seats, in the order the query uses them.
    expect(states).toEqual([
      ['accounts', null, 1],
      ['accounts', 'basic', 1],
      ['accounts', 'pro', 1],
      ['seats', null, 1],
    ]);
  });

  it('runs each distinct query and values once: a query shared by two charts, or one that reads no parameter', () => {
    expect(answers.queries).toHaveLength(2);
    expect(answers.answers).toHaveLength(5);
    expect(ran).toHaveLength(5);
    expect(new Set(ran.map((bound) => JSON.stringify([bound.sql, bound.params]))).size).toBe(5);
  });

  it("holds each state's rows as the engine returns them", () => {
    for (const answer of answers.answers) {
      const [query, params] = answer;
      const rows = answerRows(answer);
      if (answers.queries[query]!.includes('GROUP BY region')) {
        const [measure, tier, minSeats] = params as [string, string | null, number];
        expect(rows).toEqual(expectedByRegion(tier, measure, minSeats));
      } else expect(rows).toEqual([{ accounts: ACCOUNTS.length }]);
    }
  });

  it('ships none when they would pass the budget', async () => {
    const size = JSON.stringify(answers).length;
    expect(await collectAnswers(page, allowed, run, size)).toEqual(answers);
    expect(await collectAnswers(page, allowed, run, 200)).toBeNull();
  });
});
