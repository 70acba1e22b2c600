/**
 * CS-operations scores and routing (source 004) on the default data, recomputed here without
 * the pipeline's SQL (CS_DEALS_SQL, CS_BANDS_SQL, CS_PORTFOLIO_MONTHLY_SQL) and without
 * src/lib/cs-scoring.ts:
 *
 * - the train deals taken from the RAW deals (the first share of completed deals by start date);
 * - the band cut points as quintiles of the train deals' predictions and users, by linear
 *   interpolation written here (what DuckDB's quantile_cont does);
 * - every deal's two bands, the arrival order of the newest open deals, every row of cs_bands
 *   and of cs_portfolio_monthly (open deals at each month end counted in plain TypeScript);
 * - the page's routing query run on the published data and routed with routingOf, then
 *   replayed with running totals kept here: each client went to an eligible specialist with
 *   the lowest score at that moment, and the workloads add up.
 */
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rows } from '../scripts/lib/duck.ts';
import { routingOf, routingQuery } from '../src/lib/charts/cs-operations.ts';
import { CS_MODEL, CS_SCORING } from '../src/lib/config.ts';
import { bindQuery } from '../src/lib/query.ts';
import type { Row } from '../src/lib/rows.ts';
import { DEFAULT_DATA, DEFAULT_RAW, openPublished } from './helpers/default-data.ts';

interface RawDeal {
  deal_id: string;
  account_id: string;
  language: string;
  product_scope: string;
  n_users: number;
  start_date: string;
  end_date: string | null;
  status: string;
  cs_owner: string | null;
}

interface PublishedDeal extends RawDeal {
  account_name: string | null;
  split: string;
  y_pred: number | null;
  interaction_band: number | null;
  complexity_band: number | null;
  arrival: number | null;
}

interface TeamMember {
  cs_name: string;
  languages: string;
  product_scopes: string;
}

/** A deal as recomputed here. */
interface Mine extends RawDeal {
  split: 'train' | 'test' | 'open';
  y_pred: number | null;
  interaction_band: number | null;
  complexity_band: number | null;
  arrival: number | null;
}

let conn: DuckDBConnection;
let published: PublishedDeal[];
let mine: Mine[];
let team: TeamMember[];
let cuts: { interactions: number[]; users: number[] };
let accountNames: Map<string, string>;

const raw = (table: string) => `read_parquet('${join(DEFAULT_RAW, `${table}.parquet`)}')`;
const file = (name: string) => `read_parquet('${join(DEFAULT_DATA, `${name}.parquet`)}')`;

/** Quantile by linear interpolation between the order statistics at (n - 1) p (quantile_cont, R type 7). */
function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  if (low === high) return sorted[low]!;
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

/** Band of a value: 1 plus the cut points it is strictly above. */
function band(value: number, cutPoints: readonly number[]): number {
  let above = 0;
  for (const cut of cutPoints) if (value > cut) above++;
  return above + 1;
}

/** Quintiles: the configuration's five bands of each kind (checked below). */
const QUINTILES = [0.2, 0.4, 0.6, 0.8];

/** Orders by start date then deal id (dates as YYYY-MM-DD text compare as dates). */
const byStart = (a: RawDeal, b: RawDeal) =>
  a.start_date < b.start_date ? -1 : a.start_date > b.start_date ? 1 : a.deal_id < b.deal_id ? -1 : a.deal_id > b.deal_id ? 1 : 0;

/** A specialist's skills from the data's text. */
const skills = (text: string) =>
  text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

beforeAll(async () => {
  const opened = await openPublished(DEFAULT_DATA, ['cs_deals', 'cs_team']);
  conn = opened.conn;
  const dateText = 'CAST(start_date AS VARCHAR) AS start_date, CAST(end_date AS VARCHAR) AS end_date';
  const rawDeals = await rows<RawDeal & Row>(
    conn,
    `SELECT deal_id, account_id, language, product_scope, n_users, ${dateText}, status, cs_owner FROM ${raw('deals')} ORDER BY deal_id`,
  );
  published = await rows<PublishedDeal & Row>(
    conn,
    `SELECT deal_id, account_id, account_name, language, product_scope, n_users, ${dateText}, status, cs_owner, split, y_pred,
       interaction_band, complexity_band, arrival FROM ${file('cs_deals')} ORDER BY deal_id`,
  );
  team = await rows<TeamMember & Row>(conn, `SELECT cs_name, languages, product_scopes FROM ${raw('cs_team')} ORDER BY cs_name`);
  accountNames = new Map(
    (await rows<{ account_id: string; account_name: string }>(conn, `SELECT account_id, account_name FROM ${raw('accounts')}`)).map((a) => [
      a.account_id,
      a.account_name,
    ]),
  );

  // The model's predictions are the one input taken from cs_deals (tests/cs-model.test.ts checks them).
  const predicted = new Map(published.map((d) => [d.deal_id, d.y_pred]));
  const kept = rawDeals.filter((d) => d.status !== 'suspended');
  const completed = kept.filter((d) => d.status === 'completed').sort(byStart);
  const trainIds = new Set(completed.slice(0, Math.round(CS_MODEL.trainShare * completed.length)).map((d) => d.deal_id));
  const split = (d: RawDeal): Mine['split'] => (d.status === 'open' ? 'open' : trainIds.has(d.deal_id) ? 'train' : 'test');

  const train = kept.filter((d) => trainIds.has(d.deal_id));
  const trainPredictions = train.map((d) => predicted.get(d.deal_id)).filter((v): v is number => typeof v === 'number');
  const trainUsers = train.map((d) => d.n_users);
  cuts = {
    interactions: QUINTILES.map((p) => quantile(trainPredictions, p)),
    users: QUINTILES.map((p) => quantile(trainUsers, p)),
  };

  // The newest open deals with a prediction, by start date then deal id, taken from the end; arrival in the forward order.
  const open = kept.filter((d) => d.status === 'open' && typeof predicted.get(d.deal_id) === 'number').sort(byStart);
  const arrivals = new Map(open.slice(-CS_SCORING.newClients).map((d, i) => [d.deal_id, i + 1]));

  mine = kept.map((d): Mine => {
    const yPred = predicted.get(d.deal_id) ?? null;
    return {
      ...d,
      split: split(d),
      y_pred: yPred,
      interaction_band: yPred === null ? null : band(yPred, cuts.interactions),
      complexity_band: band(d.n_users, cuts.users),
      arrival: arrivals.get(d.deal_id) ?? null,
    };
  });
}, 120_000);
afterAll(() => conn.closeSync());

describe('the cut points and the deals’ bands against a recount from the raw deals', () => {
  test('the data exercise the check: a fitted model, train deals, and tied users on the cut points', () => {
    expect([CS_SCORING.interactionBands, CS_SCORING.complexityBands]).toEqual([5, 5]);
    const train = mine.filter((d) => d.split === 'train');
    expect(train.length).toBeGreaterThan(500);
    expect(train.every((d) => d.y_pred !== null)).toBe(true);
    // Users are whole numbers: some train deals sit exactly on a cut and must stay in the lower band.
    expect(train.filter((d) => cuts.users.includes(d.n_users)).length).toBeGreaterThan(10);
    expect(new Set(cuts.interactions).size).toBe(4);
  });

  test('the published cut points (cs_bands) are the quintiles of the train deals, to the last bit', async () => {
    const bands = await rows<{ kind: string; band: number; low: number | null; high: number | null }>(
      conn,
      `SELECT kind, band, low, high FROM ${file('cs_bands')} ORDER BY kind, band`,
    );
    const highs = (kind: string) => bands.filter((b) => b.kind === kind && b.high !== null).map((b) => b.high);
    expect(highs('interactions')).toEqual(cuts.interactions);
    expect(highs('users')).toEqual(cuts.users);
  });

  test('the same rows as the raw deals that are not suspended, with the recounted split', () => {
    expect(published.map((d) => d.deal_id)).toEqual(mine.map((d) => d.deal_id));
    expect(published.map((d) => d.split)).toEqual(mine.map((d) => d.split));
    expect(published.map((d) => [d.cs_owner, d.start_date, d.end_date, d.n_users])).toEqual(mine.map((d) => [d.cs_owner, d.start_date, d.end_date, d.n_users]));
  });

  test('every deal’s interaction and complexity band', () => {
    const got = published.map((d) => [d.deal_id, d.interaction_band, d.complexity_band]);
    const want = mine.map((d) => [d.deal_id, d.interaction_band, d.complexity_band]);
    expect(got).toEqual(want);
    // Each band holds deals, 1 to 5 (all five used).
    expect(new Set(mine.map((d) => d.interaction_band))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(new Set(mine.map((d) => d.complexity_band))).toEqual(new Set([1, 2, 3, 4, 5]));
  });

  test('the arrival order of the newest open deals with a prediction', () => {
    const got = published.filter((d) => d.arrival !== null).sort((a, b) => a.arrival! - b.arrival!);
    const want = mine.filter((d) => d.arrival !== null).sort((a, b) => a.arrival! - b.arrival!);
    expect(want).toHaveLength(CS_SCORING.newClients);
    expect(got.map((d) => [d.arrival, d.deal_id])).toEqual(want.map((d) => [d.arrival, d.deal_id]));
    // No open deal left out starts after one taken in; and arrival runs in start-date order.
    const first = want[0]!;
    const older = mine.filter((d) => d.status === 'open' && d.arrival === null);
    expect(older.every((d) => byStart(d, first) < 0)).toBe(true);
    for (let i = 1; i < want.length; i++) expect(byStart(want[i - 1]!, want[i]!)).toBeLessThan(0);
  });
});

describe('cs_bands against a recount', () => {
  test('every row: kind, band, low, high and the train deals in it', async () => {
    const got = await rows(conn, `SELECT kind, band, low, high, train_deals FROM ${file('cs_bands')} ORDER BY kind, band`);
    const train = mine.filter((d) => d.split === 'train');
    const want = (['interactions', 'users'] as const).flatMap((kind) => {
      const points = kind === 'interactions' ? cuts.interactions : cuts.users;
      const values = train.map((d) => (kind === 'interactions' ? d.y_pred! : d.n_users));
      return [1, 2, 3, 4, 5].map((b) => {
        const low = b === 1 ? null : points[b - 2]!;
        const high = b === 5 ? null : points[b - 1]!;
        return {
          kind,
          band: b,
          low,
          high,
          train_deals: values.filter((v) => (low === null || v > low) && (high === null || v <= high)).length,
        };
      });
    });
    expect(got).toEqual(want);
    // The train deals of a kind's bands are all the train deals, and match the deals' own bands.
    for (const kind of ['interactions', 'users'] as const) {
      const rowsOfKind = want.filter((r) => r.kind === kind);
      expect(rowsOfKind.reduce((s, r) => s + r.train_deals, 0)).toBe(train.length);
      const own = (b: number) => train.filter((d) => (kind === 'interactions' ? d.interaction_band : d.complexity_band) === b).length;
      expect(rowsOfKind.map((r) => r.train_deals)).toEqual([1, 2, 3, 4, 5].map(own));
    }
  });
});

/** The last day of a YYYY-MM month, as YYYY-MM-DD. */
function monthEnd(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** Every YYYY-MM from `first` to `last`. */
function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (let m = first; m <= last; m = `${year}-${String(month).padStart(2, '0')}`) {
    months.push(m);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

describe('cs_portfolio_monthly against a recount', () => {
  test('every specialist × every month from the first start to the last start or end, with open deals and band sums at month end', async () => {
    const got = await rows(
      conn,
      `SELECT month, cs_name, open_deals, interaction_points, complexity_points FROM ${file('cs_portfolio_monthly')} ORDER BY month, cs_name`,
    );
    const owned = mine.filter((d) => d.cs_owner !== null && d.interaction_band !== null);
    const dates = owned.flatMap((d) => (d.end_date ? [d.start_date, d.end_date] : [d.start_date])).sort();
    const starts = owned.map((d) => d.start_date).sort();
    const months = monthsBetween(starts[0]!.slice(0, 7), dates[dates.length - 1]!.slice(0, 7));
    expect(months.length).toBeGreaterThan(12);
    const names = team.map((t) => t.cs_name).sort();
    const want = months.flatMap((month) => {
      const end = monthEnd(month);
      return names.map((cs_name) => {
        const open = owned.filter((d) => d.cs_owner === cs_name && d.start_date <= end && (d.end_date === null || d.end_date > end));
        return {
          month,
          cs_name,
          open_deals: open.length,
          interaction_points: open.reduce((s, d) => s + d.interaction_band!, 0),
          complexity_points: open.reduce((s, d) => s + d.complexity_band!, 0),
        };
      });
    });
    expect(got).toHaveLength(want.length);
    expect(got).toEqual(want);
    // Nothing ends after the last month: its open deals are the owned deals without an end.
    const last = got.filter((r) => r.month === months[months.length - 1]);
    expect(last.reduce((s, r) => s + Number(r.open_deals), 0)).toBe(owned.filter((d) => d.end_date === null).length);
    // The boundaries are exercised: deals start on a month's last day (open at its end) and end on one (not open at its end).
    expect(owned.some((d) => d.start_date === monthEnd(d.start_date.slice(0, 7)))).toBe(true);
    expect(owned.some((d) => d.end_date !== null && d.end_date === monthEnd(d.end_date.slice(0, 7)))).toBe(true);
  });
});

describe('the page’s routing on the published data, replayed here', () => {
  // Whole-number weights tie often; (0, 0) scores every deal 0, so open deals and names decide.
  const WEIGHT_SETS = [{}, { w1: 0.2, w2: 0.8 }, { w1: 0.05, w2: 0.1 }, { w1: 1, w2: 0 }, { w1: 0, w2: 1 }, { w1: 0, w2: 0 }] as const;

  for (const state of WEIGHT_SETS) {
    const w1 = 'w1' in state ? state.w1 : CS_SCORING.weights.interactions;
    const w2 = 'w2' in state ? state.w2 : CS_SCORING.weights.complexity;

    test(`weights w1 = ${w1}, w2 = ${w2}: each client to an eligible specialist with the lowest running score; workloads add up`, async () => {
      const bound = bindQuery(routingQuery, state);
      expect(bound.params).toEqual([]);
      const queryRows = await rows(conn, bound.sql);
      const routing = routingOf(queryRows, state);

      // Running totals kept here from the recomputed deals: open deals held before the new clients.
      const score = (d: Mine) => w1 * d.interaction_band! + w2 * d.complexity_band!;
      const held = mine.filter((d) => d.status === 'open' && d.arrival === null && d.cs_owner !== null && d.interaction_band !== null);
      const clients = mine.filter((d) => d.arrival !== null).sort((a, b) => a.arrival! - b.arrival!);
      const load = new Map(team.map((t) => [t.cs_name, { score: 0, deals: 0 }]));
      for (const d of held) {
        const l = load.get(d.cs_owner!)!;
        l.score += score(d);
        l.deals += 1;
      }
      const heldTotal = [...load.values()].reduce((s, l) => s + l.score, 0);

      expect(routing.assignments.map((a) => a.client.id)).toEqual(clients.map((d) => d.deal_id));
      expect(routing.workloads.map((w) => w.name)).toEqual(team.map((t) => t.cs_name));
      for (const w of routing.workloads) {
        expect(w.before).toBeCloseTo(load.get(w.name)!.score, 9);
        expect(w.routedDeals).toBeGreaterThanOrEqual(load.get(w.name)!.deals);
      }

      let assignedTotal = 0;
      let unassigned = 0;
      /** Assignments where more than one eligible specialist had the lowest score, by what settled them. */
      const ties = { byDeals: 0, byName: 0 };
      routing.assignments.forEach((a, i) => {
        const d = clients[i]!;
        expect(a.client.name).toBe(accountNames.get(d.account_id) ?? d.deal_id);
        expect([a.client.language, a.client.scope, a.client.interactionBand, a.client.complexityBand]).toEqual([
          d.language,
          d.product_scope,
          d.interaction_band,
          d.complexity_band,
        ]);
        expect(a.score).toBeCloseTo(score(d), 12);
        const eligible = team.filter((t) => skills(t.languages).includes(d.language) && skills(t.product_scopes).includes(d.product_scope));
        // What routing saw of every specialist at this moment matches the running totals here.
        for (const c of a.candidates) {
          expect(c.scoreBefore).toBeCloseTo(load.get(c.name)!.score, 9);
          expect(c.dealsBefore).toBe(load.get(c.name)!.deals);
        }
        if (eligible.length === 0) {
          expect(a.winner).toBeNull();
          expect(a.reason).not.toBeNull();
          unassigned++;
          return;
        }
        expect(a.winner).not.toBeNull();
        const winner = a.winner!;
        expect(eligible.map((t) => t.cs_name)).toContain(winner);
        const lowest = Math.min(...eligible.map((t) => load.get(t.cs_name)!.score));
        expect(load.get(winner)!.score).toBeLessThanOrEqual(lowest + 1e-9);
        // Among those at the lowest score, the fewest open deals, then the first name.
        const tied = eligible.filter((t) => load.get(t.cs_name)!.score <= lowest + 1e-9);
        const fewest = Math.min(...tied.map((t) => load.get(t.cs_name)!.deals));
        const fewestDeals = tied.filter((t) => load.get(t.cs_name)!.deals === fewest).map((t) => t.cs_name);
        expect(winner).toBe(fewestDeals.sort()[0]);
        if (fewestDeals.length > 1) ties.byName++;
        else if (tied.length > 1) ties.byDeals++;
        const l = load.get(winner)!;
        l.score += score(d);
        l.deals += 1;
        expect(a.winnerAfter).toBeCloseTo(l.score, 9);
        assignedTotal += score(d);
      });

      for (const w of routing.workloads) {
        expect(w.routed).toBeCloseTo(load.get(w.name)!.score, 9);
        expect(w.routedDeals).toBe(load.get(w.name)!.deals);
      }
      const routedTotal = routing.workloads.reduce((s, w) => s + w.routed, 0);
      expect(routedTotal).toBeCloseTo(heldTotal + assignedTotal, 9);
      expect(routing.workloads.reduce((s, w) => s + w.routedDeals, 0)).toBe(held.length + clients.length - unassigned);

      // The historical workload: each client to its owner in the data.
      const historical = new Map(team.map((t) => [t.cs_name, 0]));
      for (const d of [...held, ...clients.filter((c) => c.cs_owner !== null)]) historical.set(d.cs_owner!, historical.get(d.cs_owner!)! + score(d));
      for (const w of routing.workloads) expect(w.historical).toBeCloseTo(historical.get(w.name)!, 9);

      // The default data route every new client; with every score 0, open deals and names settle ties.
      expect(unassigned).toBe(0);
      if (w1 === 0 && w2 === 0) {
        expect(ties.byDeals).toBeGreaterThan(0);
        expect(ties.byName).toBeGreaterThan(0);
      }
    });
  }
});
