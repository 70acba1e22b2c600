/**
 * src/lib/cs-scoring.ts on hand-made inputs whose answers are worked out by hand (in the
 * comments): bands in TypeScript and in DuckDB SQL, deal and portfolio scores, imbalance, and
 * the routing of new clients with its tie-breaks, eligibility rules, reasons and running
 * scores. Also the page's weights (src/lib/charts/cs-operations.ts).
 */
import { describe, expect, test } from 'vitest';
import { routingInputs, routingOf, WEIGHT_PARAMETERS, weightsOf } from '../../src/lib/charts/cs-operations.ts';
import { CS_SCORING } from '../../src/lib/config.ts';
import {
  type Candidate,
  type NewClient,
  type Specialist,
  bandOf,
  bandProbabilities,
  bandSql,
  dealScore,
  imbalanceOf,
  portfolioScore,
  routeClients,
  skillList,
} from '../../src/lib/cs-scoring.ts';
import type { Row } from '../../src/lib/rows.ts';
import { useDuckDB } from '../helpers/duckdb.ts';

const { rowsOf } = useDuckDB();

describe('bandProbabilities', () => {
  test('the cut probabilities of equal-count bands', () => {
    expect(bandProbabilities(5)).toEqual([0.2, 0.4, 0.6, 0.8]);
    expect(bandProbabilities(4)).toEqual([0.25, 0.5, 0.75]);
    expect(bandProbabilities(2)).toEqual([0.5]);
  });

  test('a band count that is not a whole number of at least 2 throws, naming it', () => {
    for (const [bands, shown] of [
      [1, '1'],
      [0, '0'],
      [-3, '-3'],
      [2.5, '2.5'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
    ] as const) {
      expect(() => bandProbabilities(bands)).toThrow(new Error(`A banding needs a whole number of bands of at least 2, not ${shown}.`));
    }
  });
});

/** Cut points with a repeated cut (as quantiles of tied values give): bands 1 | 2 | (3 is empty) | 4 | 5. */
const CUTS = [1.5, 2, 2, 7];
/** [value, band by hand]: one plus the number of cuts strictly below the value. */
const BAND_CASES: readonly (readonly [number, number])[] = [
  [-100, 1],
  [0, 1],
  [1.5, 1], // on the first cut: stays below it
  [1.5000001, 2],
  [1.9999999, 2],
  [2, 2], // on the repeated cut: below both copies
  [2.0000001, 4], // above 1.5, 2 and 2
  [6.9, 4],
  [7, 4], // on the last cut
  [7.0000001, 5],
  [1e9, 5],
];

describe('bandOf', () => {
  test('below, on and above the cut points', () => {
    for (const [value, band] of BAND_CASES) expect([value, bandOf(value, CUTS)]).toEqual([value, band]);
  });

  test('integer values on integer cuts (users to onboard) stay in the lower band', () => {
    const cuts = [100, 200, 300, 400];
    expect([99, 100, 101, 200, 201, 300, 400, 401].map((v) => bandOf(v, cuts))).toEqual([1, 1, 2, 2, 3, 3, 4, 5]);
  });

  test('without cuts every value is band 1', () => {
    expect(bandOf(42, [])).toBe(1);
  });
});

describe('bandSql in DuckDB agrees with bandOf', () => {
  test('bandSql over a literal list of cuts, on every hand case', async () => {
    const values = BAND_CASES.map(([v]) => `(${v}::DOUBLE)`).join(', ');
    const result = await rowsOf(`SELECT v, ${bandSql('v', `[${CUTS.join(', ')}]::DOUBLE[]`)} AS band FROM (VALUES ${values}) t(v) ORDER BY v`);
    expect(result.map(([v, band]) => [v, Number(band)])).toEqual(BAND_CASES.map(([v, band]) => [v, band]));
  });

  test('bandSql over cut points held in a column (as the pipeline cross-joins them), on a fine grid', async () => {
    // Every value from -1 to 9 in steps of 0.25, plus the cuts nudged either way.
    const grid = [...Array.from({ length: 41 }, (_, i) => -1 + i * 0.25), ...CUTS.flatMap((c) => [c - 1e-9, c + 1e-9])];
    const values = grid.map((v) => `(${v}::DOUBLE)`).join(', ');
    const result = await rowsOf(`
      WITH cuts AS (SELECT [${CUTS.join(', ')}]::DOUBLE[] AS c)
      SELECT v, ${bandSql('v', 'cuts.c')} AS band FROM (VALUES ${values}) t(v) CROSS JOIN cuts ORDER BY v`);
    expect(result).toHaveLength(grid.length);
    for (const [v, band] of result) expect([v, Number(band)]).toEqual([v, bandOf(v as number, CUTS)]);
  });

  test('bandSql gives NULL without cut points (no fitted model)', async () => {
    const [[band]] = (await rowsOf(`SELECT ${bandSql('3.0', 'NULL::DOUBLE[]')}`)) as [[unknown]];
    expect(band).toBeNull();
  });
});

describe('deal and portfolio scores by hand', () => {
  test('dealScore is w1 x interaction band + w2 x complexity band', () => {
    expect(dealScore(5, 1, { interactions: 2, complexity: 1 })).toBe(11); // 2*5 + 1*1
    expect(dealScore(1, 5, { interactions: 2, complexity: 1 })).toBe(7); // 2*1 + 1*5
    expect(dealScore(3, 4, { interactions: 0, complexity: 1 })).toBe(4);
    expect(dealScore(4, 2, CS_SCORING.weights)).toBeCloseTo(3.4, 12); // 0.7*4 + 0.3*2
  });

  test('portfolioScore is the same formula over the sums of bands (deals do not count)', () => {
    // Deals with bands (1,2), (3,3), (5,1) under w = (2, 1): 4 + 9 + 11 = 24; points 9 and 6: 2*9 + 6 = 24.
    expect(portfolioScore({ deals: 3, interactionPoints: 9, complexityPoints: 6 }, { interactions: 2, complexity: 1 })).toBe(24);
    expect(portfolioScore({ deals: 7, interactionPoints: 0, complexityPoints: 0 }, { interactions: 2, complexity: 1 })).toBe(0);
    // Under the default weights: 0.7*10 + 0.3*20 = 13.
    expect(portfolioScore({ deals: 4, interactionPoints: 10, complexityPoints: 20 }, CS_SCORING.weights)).toBeCloseTo(13, 12);
  });
});

describe('imbalanceOf', () => {
  test('max over min and the population coefficient of variation', () => {
    // [2, 4, 6]: mean 4, deviations -2, 0, 2, variance 8/3, sd 1.63299..., cv 0.40825...; max/min 3.
    const a = imbalanceOf([2, 4, 6]);
    expect(a.maxMin).toBe(3);
    expect(a.cv).toBeCloseTo(Math.sqrt(8 / 3) / 4, 14);
    expect(a.cv).toBeCloseTo(0.408248290463863, 12);
    // [1, 3]: mean 2, variance 1, cv 0.5; max/min 3 (not the sample sd, which would give 0.7071).
    expect(imbalanceOf([1, 3])).toEqual({ maxMin: 3, cv: 0.5 });
    // Equal workloads: 1 and 0.
    expect(imbalanceOf([5, 5, 5])).toEqual({ maxMin: 1, cv: 0 });
  });

  test('a zero minimum gives no max/min; nothing at all gives neither', () => {
    // [0, 3, 3]: mean 2, deviations -2, 1, 1, variance 2, cv sqrt(2)/2.
    const zero = imbalanceOf([0, 3, 3]);
    expect(zero.maxMin).toBeNull();
    expect(zero.cv).toBeCloseTo(Math.SQRT2 / 2, 14);
    expect(imbalanceOf([0, 0])).toEqual({ maxMin: null, cv: null });
    expect(imbalanceOf([])).toEqual({ maxMin: null, cv: null });
  });
});

describe('skillList', () => {
  test('splits on semicolons, trims, drops empty items; null or empty text is no skill', () => {
    expect(skillList('English;Thai')).toEqual(['English', 'Thai']);
    expect(skillList(' English ; ;Thai ;')).toEqual(['English', 'Thai']);
    expect(skillList('Core')).toEqual(['Core']);
    expect(skillList('')).toEqual([]);
    expect(skillList(null)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------
// Routing on a hand-made team, weights w1 = 2, w2 = 1 (exact in floating point)

const W = { interactions: 2, complexity: 1 };

/** Given out of name order: routing must sort the team by name. */
const TEAM: Specialist[] = [
  // Eve: Spanish, HR; 1 deal, points (5, 5): score 2*5 + 5 = 15.
  { name: 'Eve', languages: ['Spanish'], scopes: ['HR'], deals: 1, interactionPoints: 5, complexityPoints: 5 },
  // Dan: English and German, Core and Payroll; 2 deals, points (3, 2): score 8.
  { name: 'Dan', languages: ['English', 'German'], scopes: ['Core', 'Payroll'], deals: 2, interactionPoints: 3, complexityPoints: 2 },
  // Ben: English, Core; 1 deal, points (3, 2): score 8.
  { name: 'Ben', languages: ['English'], scopes: ['Core'], deals: 1, interactionPoints: 3, complexityPoints: 2 },
  // Cleo: French, Payroll; nothing held: score 0 (least loaded of all).
  { name: 'Cleo', languages: ['French'], scopes: ['Payroll'], deals: 0, interactionPoints: 0, complexityPoints: 0 },
  // Ana: English and French, Core and Payroll; 2 deals, points (3, 2): score 8.
  { name: 'Ana', languages: ['English', 'French'], scopes: ['Core', 'Payroll'], deals: 2, interactionPoints: 3, complexityPoints: 2 },
];

const client = (id: string, language: string, scope: string, bands: [number, number], historicalOwner: string | null): NewClient => ({
  id,
  name: `Client ${id}`,
  language,
  scope,
  predicted: 10 * bands[0],
  interactionBand: bands[0],
  complexityBand: bands[1],
  historicalOwner,
});

const CLIENTS: NewClient[] = [
  client('C1', 'English', 'Core', [1, 1], 'Ana'), // score 2 + 1 = 3
  client('C2', 'English', 'Core', [1, 1], 'Ana'), // score 3
  client('C3', 'French', 'Core', [2, 1], 'Cleo'), // score 5
  client('C4', 'English', 'Core', [1, 2], null), // score 4
  client('C5', 'French', 'HR', [1, 1], 'Eve'), // score 3
  client('C6', 'Italian', 'Core', [3, 3], 'Zed'), // score 9; Zed is not in the team
];

/** A candidate: name, speaks the language, covers the scope, score and open deals before. */
const k = (name: string, languageMatch: boolean, scopeMatch: boolean, scoreBefore: number, dealsBefore: number): Candidate => ({
  name,
  languageMatch,
  scopeMatch,
  scoreBefore,
  dealsBefore,
});

describe('routeClients on a hand-made team', () => {
  const routing = routeClients(TEAM, CLIENTS, W);
  const [a1, a2, a3, a4, a5, a6] = routing.assignments as [
    (typeof routing.assignments)[0],
    (typeof routing.assignments)[0],
    (typeof routing.assignments)[0],
    (typeof routing.assignments)[0],
    (typeof routing.assignments)[0],
    (typeof routing.assignments)[0],
  ];

  test('one assignment per client, in the order given, with the deal score', () => {
    expect(routing.assignments.map((a) => a.client.id)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6']);
    expect(routing.assignments.map((a) => a.score)).toEqual([3, 3, 5, 4, 3, 9]);
  });

  test('C1: Ana, Ben and Dan tie at 8; Ben holds the fewest deals (1) and wins, going to 8 + 3 = 11', () => {
    expect(a1.candidates).toEqual([
      k('Ana', true, true, 8, 2),
      k('Ben', true, true, 8, 1),
      k('Cleo', false, false, 0, 0),
      k('Dan', true, true, 8, 2),
      k('Eve', false, false, 15, 1),
    ]);
    expect([a1.winner, a1.winnerAfter, a1.reason]).toEqual(['Ben', 11, null]);
  });

  test('C2: Ben’s new score (11) takes him out; Ana and Dan tie at 8 with 2 deals each, and Ana wins by name (8 + 3 = 11)', () => {
    // Had Ben's score not risen after C1, he would win C2 again (8, fewest deals).
    expect(a2.candidates).toEqual([
      k('Ana', true, true, 8, 2),
      k('Ben', true, true, 11, 2),
      k('Cleo', false, false, 0, 0),
      k('Dan', true, true, 8, 2),
      k('Eve', false, false, 15, 1),
    ]);
    expect([a2.winner, a2.winnerAfter, a2.reason]).toEqual(['Ana', 11, null]);
  });

  test('C3 (French, Core): Cleo speaks French at score 0 but does not cover Core; Dan covers Core at 8 but speaks no French; Ana (11) wins, to 16', () => {
    expect(a3.candidates).toEqual([
      k('Ana', true, true, 11, 3),
      k('Ben', false, true, 11, 2),
      k('Cleo', true, false, 0, 0),
      k('Dan', false, true, 8, 2),
      k('Eve', false, false, 15, 1),
    ]);
    expect([a3.winner, a3.winnerAfter, a3.reason]).toEqual(['Ana', 16, null]);
  });

  test('C4: Ana 16, Ben 11, Dan 8: Dan wins, to 8 + 4 = 12', () => {
    expect(a4.candidates).toEqual([
      k('Ana', true, true, 16, 4),
      k('Ben', true, true, 11, 2),
      k('Cleo', false, false, 0, 0),
      k('Dan', true, true, 8, 2),
      k('Eve', false, false, 15, 1),
    ]);
    expect([a4.winner, a4.winnerAfter, a4.reason]).toEqual(['Dan', 12, null]);
  });

  test('C5 (French, HR): the French speakers Ana and Cleo do not cover HR; Eve covers HR but speaks no French', () => {
    expect(a5.candidates).toEqual([
      k('Ana', true, false, 16, 4),
      k('Ben', false, false, 11, 2),
      k('Cleo', true, false, 0, 0),
      k('Dan', false, false, 12, 3),
      k('Eve', false, true, 15, 1),
    ]);
    expect([a5.winner, a5.winnerAfter, a5.reason]).toEqual([null, null, 'The specialists who speak French (Ana, Cleo) do not cover HR.']);
  });

  test('C6 (Italian): nobody speaks Italian', () => {
    expect(a6.candidates).toEqual([
      k('Ana', false, true, 16, 4),
      k('Ben', false, true, 11, 2),
      k('Cleo', false, false, 0, 0),
      k('Dan', false, true, 12, 3),
      k('Eve', false, false, 15, 1),
    ]);
    expect([a6.winner, a6.winnerAfter, a6.reason]).toEqual([null, null, 'No specialist speaks Italian.']);
  });

  test('workloads: held, routed (unassignable clients nowhere) and historical (each client to its owner in the data)', () => {
    // Routed: Ana 8 + 3 (C2) + 5 (C3) = 16 with 4 deals; Ben 8 + 3 (C1) = 11, 2; Cleo 0, 0; Dan 8 + 4 (C4) = 12, 3; Eve 15, 1.
    // Historical: Ana 8 + 3 (C1) + 3 (C2) = 14, 4; Ben 8, 1; Cleo 0 + 5 (C3) = 5, 1; Dan 8, 2 (C4 had no owner);
    // Eve 15 + 3 (C5) = 18, 2; C6's owner Zed is not in the team and counts nowhere.
    expect(routing.workloads).toEqual([
      { name: 'Ana', before: 8, routed: 16, routedDeals: 4, historical: 14, historicalDeals: 4 },
      { name: 'Ben', before: 8, routed: 11, routedDeals: 2, historical: 8, historicalDeals: 1 },
      { name: 'Cleo', before: 0, routed: 0, routedDeals: 0, historical: 5, historicalDeals: 1 },
      { name: 'Dan', before: 8, routed: 12, routedDeals: 3, historical: 8, historicalDeals: 2 },
      { name: 'Eve', before: 15, routed: 15, routedDeals: 1, historical: 18, historicalDeals: 2 },
    ]);
  });

  test('imbalance of the routed and the historical workloads', () => {
    // Routed [16, 11, 0, 12, 15]: min 0, so no max/min; mean 54/5 = 10.8, squared deviations
    // 27.04 + 0.04 + 116.64 + 1.44 + 17.64 = 162.8, variance 32.56, cv sqrt(32.56)/10.8 = 0.528346...
    expect(routing.imbalance.routed.maxMin).toBeNull();
    expect(routing.imbalance.routed.cv).toBeCloseTo(Math.sqrt(32.56) / 10.8, 12);
    // Historical [14, 8, 5, 8, 18]: max/min 18/5 = 3.6; mean 10.6, squared deviations
    // 11.56 + 6.76 + 31.36 + 6.76 + 54.76 = 111.2, variance 22.24, cv sqrt(22.24)/10.6 = 0.444899...
    expect(routing.imbalance.historical.maxMin).toBeCloseTo(3.6, 14);
    expect(routing.imbalance.historical.cv).toBeCloseTo(Math.sqrt(22.24) / 10.6, 12);
  });

  test('the inputs are left untouched, and the order the team is given in does not matter', () => {
    expect(TEAM[0]).toEqual({ name: 'Eve', languages: ['Spanish'], scopes: ['HR'], deals: 1, interactionPoints: 5, complexityPoints: 5 });
    const again = routeClients([...TEAM].reverse(), CLIENTS, W);
    expect(again).toEqual(routing);
  });
});

describe('routeClients: ties and edge cases', () => {
  const team = (xDeals: number, yDeals: number, weights: { x: [number, number]; y: [number, number] }): Specialist[] => [
    { name: 'Xia', languages: ['English'], scopes: ['Core'], deals: xDeals, interactionPoints: weights.x[0], complexityPoints: weights.x[1] },
    { name: 'Yan', languages: ['English'], scopes: ['Core'], deals: yDeals, interactionPoints: weights.y[0], complexityPoints: weights.y[1] },
  ];
  const one = [client('N1', 'English', 'Core', [1, 1], null)];

  test('scores within 1e-9 are a tie: the fewest open deals win, not the float that is lower', () => {
    // Default weights: Xia 0.7 * 3 = 2.0999999999999996, Yan 0.3 * 7 = 2.1; Xia is lower by 4.4e-16, a tie.
    const routing = routeClients(team(5, 1, { x: [3, 0], y: [0, 7] }), one, CS_SCORING.weights);
    const [a] = routing.assignments;
    expect(a!.candidates[0]!.scoreBefore).toBeLessThan(a!.candidates[1]!.scoreBefore);
    expect(a!.winner).toBe('Yan');
    // Yan after: 2.1 + 0.7 + 0.3.
    expect(a!.winnerAfter).toBeCloseTo(3.1, 12);
  });

  test('a score lower by more than 1e-9 wins over fewer deals', () => {
    // Weights (1e-6, 0): Xia 1e-6, Yan 0; Yan has more deals but the lower score.
    const routing = routeClients(team(1, 9, { x: [1, 0], y: [0, 0] }), one, { interactions: 1e-6, complexity: 0 });
    expect(routing.assignments[0]!.winner).toBe('Yan');
    // Weights (1e-10, 0): Xia 1e-10, Yan 0, a tie: Xia's single deal wins.
    const tie = routeClients(team(1, 9, { x: [1, 0], y: [0, 0] }), one, { interactions: 1e-10, complexity: 0 });
    expect(tie.assignments[0]!.winner).toBe('Xia');
  });

  test('no clients: the workloads are the held ones; no team: every client is unassignable', () => {
    const none = routeClients(TEAM, [], W);
    expect(none.assignments).toEqual([]);
    expect(none.workloads.map((w) => [w.name, w.before, w.routed, w.historical])).toEqual([
      ['Ana', 8, 8, 8],
      ['Ben', 8, 8, 8],
      ['Cleo', 0, 0, 0],
      ['Dan', 8, 8, 8],
      ['Eve', 15, 15, 15],
    ]);
    const nobody = routeClients([], one, W);
    expect(nobody.assignments[0]).toMatchObject({ winner: null, winnerAfter: null, candidates: [], reason: 'No specialist speaks English.' });
    expect(nobody.workloads).toEqual([]);
    expect(nobody.imbalance).toEqual({ routed: { maxMin: null, cv: null }, historical: { maxMin: null, cv: null } });
  });
});

// ---------------------------------------------------------------------------------------
// The page's weights and the routing query's rows

describe('weightsOf and WEIGHT_PARAMETERS', () => {
  test('the defaults of config when a weight is absent; the number when set (zero included)', () => {
    expect(weightsOf({})).toEqual({ interactions: 0.7, complexity: 0.3 });
    expect(weightsOf({})).toEqual(CS_SCORING.weights);
    expect(weightsOf({ w1: 0.5 })).toEqual({ interactions: 0.5, complexity: 0.3 });
    expect(weightsOf({ w2: 0.9 })).toEqual({ interactions: 0.7, complexity: 0.9 });
    expect(weightsOf({ w1: 0, w2: 1 })).toEqual({ interactions: 0, complexity: 1 });
    expect(weightsOf({ w1: 0.25, w2: 0.75, cs: 'Ana' })).toEqual({ interactions: 0.25, complexity: 0.75 });
    // A value that is not a number is ignored.
    expect(weightsOf({ w1: '0.5', w2: ['1'] })).toEqual({ interactions: 0.7, complexity: 0.3 });
  });

  test('the page parameters w1 and w2 default to the config weights', () => {
    expect(WEIGHT_PARAMETERS.map((p) => [p.name, p.default])).toEqual([
      ['w1', CS_SCORING.weights.interactions],
      ['w2', CS_SCORING.weights.complexity],
    ]);
  });
});

describe('routingInputs and routingOf on hand-made query rows', () => {
  const ROWS: Row[] = [
    {
      kind: 'specialist',
      arrival: null,
      name: 'Ana',
      deal_id: null,
      languages: 'English;French',
      product_scopes: 'Core;Payroll',
      open_deals: 2,
      interaction_points: 3,
      complexity_points: 2,
      language: null,
      product_scope: null,
      y_pred: null,
      interaction_band: null,
      complexity_band: null,
      cs_owner: null,
    },
    {
      kind: 'specialist',
      arrival: null,
      name: 'Ben',
      deal_id: null,
      languages: 'English',
      product_scopes: 'Core',
      open_deals: 0,
      interaction_points: 0,
      complexity_points: 0,
      language: null,
      product_scope: null,
      y_pred: null,
      interaction_band: null,
      complexity_band: null,
      cs_owner: null,
    },
    {
      kind: 'client',
      arrival: 1,
      name: 'Acme',
      deal_id: 'D1',
      languages: null,
      product_scopes: null,
      open_deals: null,
      interaction_points: null,
      complexity_points: null,
      language: 'English',
      product_scope: 'Core',
      y_pred: 12.5,
      interaction_band: 4,
      complexity_band: 2,
      cs_owner: null,
    },
    {
      kind: 'client',
      arrival: 2,
      name: 'Bolt',
      deal_id: 'D2',
      languages: null,
      product_scopes: null,
      open_deals: null,
      interaction_points: null,
      complexity_points: null,
      language: 'English',
      product_scope: 'Core',
      y_pred: 3,
      interaction_band: 1,
      complexity_band: 1,
      cs_owner: 'Ana',
    },
  ];

  test('the rows become specialists with skill lists and clients in order', () => {
    const { specialists, clients } = routingInputs(ROWS);
    expect(specialists).toEqual([
      { name: 'Ana', languages: ['English', 'French'], scopes: ['Core', 'Payroll'], deals: 2, interactionPoints: 3, complexityPoints: 2 },
      { name: 'Ben', languages: ['English'], scopes: ['Core'], deals: 0, interactionPoints: 0, complexityPoints: 0 },
    ]);
    expect(clients.map((c) => [c.id, c.name, c.language, c.scope, c.predicted, c.interactionBand, c.complexityBand, c.historicalOwner || null])).toEqual([
      ['D1', 'Acme', 'English', 'Core', 12.5, 4, 2, null],
      ['D2', 'Bolt', 'English', 'Core', 3, 1, 1, 'Ana'],
    ]);
  });

  test('routingOf routes under the state’s weights, once per rows and weights', () => {
    // Default weights: Ana 0.7*3 + 0.3*2 = 2.7, Ben 0. Acme (0.7*4 + 0.3*2 = 3.4) to Ben (now 3.4);
    // Bolt (1.0) to Ana (2.7 < 3.4), to 3.7.
    const routing = routingOf(ROWS, {});
    expect(routing.assignments.map((a) => a.winner)).toEqual(['Ben', 'Ana']);
    expect(routing.assignments[0]!.winnerAfter).toBeCloseTo(3.4, 12);
    expect(routing.assignments[1]!.winnerAfter).toBeCloseTo(3.7, 12);
    expect(routingOf(ROWS, {})).toBe(routing);
    expect(routingOf(ROWS, { w1: 0.7, w2: 0.3 })).toBe(routing);
    // Weights (0, 1): Ana 2, Ben 0. Acme (2) to Ben (now 2); Bolt (1): Ana and Ben tie at 2,
    // Ben holds 1 deal against Ana's 2: Ben, to 3.
    const other = routingOf(ROWS, { w1: 0, w2: 1 });
    expect(other).not.toBe(routing);
    expect(other.assignments.map((a) => [a.winner, a.winnerAfter])).toEqual([
      ['Ben', 2],
      ['Ben', 3],
    ]);
  });
});
