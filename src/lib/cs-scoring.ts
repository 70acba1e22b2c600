/**
 * CS-operations workload scores and the routing of new clients (source 004), defined once:
 * the pipeline bands the deals with `bandSql`, the page scores and routes them in the
 * browser with the same definitions, and the tests check both.
 *
 * - A deal's interaction band (1 to 5) is the quintile of its predicted interactions, and its
 *   complexity band the quintile of its users to onboard, both with cut points taken from the
 *   train deals.
 * - Its deal score is w1 x interaction band + w2 x complexity band (weights in config
 *   `CS_SCORING`, adjustable on the page).
 * - A specialist's portfolio score is the sum of the deal scores of their open deals: lower
 *   means more available.
 * - New clients are assigned one by one, in arrival order, to the eligible specialist (speaks
 *   the client's language and covers its product scope) with the lowest portfolio score; ties
 *   go to the fewest open deals, then to the name. Each assignment raises the winner's score
 *   before the next client is routed.
 */

/** Probabilities of the cut points that split values into `bands` equal-count bands (quintiles for 5). */
export function bandProbabilities(bands: number): number[] {
  if (!Number.isInteger(bands) || bands < 2) throw new Error(`A banding needs a whole number of bands of at least 2, not ${bands}.`);
  return Array.from({ length: bands - 1 }, (_, i) => (i + 1) / bands);
}

/** The band (1 = lowest) of `value` under ascending cut points: one plus the cuts it is above (a value on a cut stays below it). */
export function bandOf(value: number, cuts: readonly number[]): number {
  return 1 + cuts.filter((cut) => value > cut).length;
}

/** `bandOf` in SQL, over a SQL expression and a SQL list of cut points. */
export const bandSql = (value: string, cuts: string) => `(1 + len(list_filter(${cuts}, cut -> ${value} > cut)))`;

/** The weights of a deal score: w1 on the interaction band, w2 on the complexity band. */
export interface ScoreWeights {
  readonly interactions: number;
  readonly complexity: number;
}

/** A deal's score from its two bands. */
export const dealScore = (interactionBand: number, complexityBand: number, weights: ScoreWeights) =>
  weights.interactions * interactionBand + weights.complexity * complexityBand;

/** The band points of a specialist's open deals: their portfolio score under any weights (the score is linear in the bands). */
export interface BandPoints {
  /** Open deals. */
  readonly deals: number;
  /** Sum of the open deals' interaction bands. */
  readonly interactionPoints: number;
  /** Sum of the open deals' complexity bands. */
  readonly complexityPoints: number;
}

/** A portfolio score: the sum of its open deals' scores. */
export const portfolioScore = (points: BandPoints, weights: ScoreWeights) => dealScore(points.interactionPoints, points.complexityPoints, weights);

/** A specialist as routing sees them: skills and the open deals they hold before the new clients. */
export interface Specialist extends BandPoints {
  readonly name: string;
  readonly languages: readonly string[];
  readonly scopes: readonly string[];
}

/** A new client to route, in arrival order. */
export interface NewClient {
  readonly id: string;
  readonly name: string;
  readonly language: string;
  readonly scope: string;
  readonly predicted: number;
  readonly interactionBand: number;
  readonly complexityBand: number;
  /** The specialist the client was given in the data, if any: the historical assignment. */
  readonly historicalOwner: string | null;
}

/** One specialist as a client's routing saw them. */
export interface Candidate {
  readonly name: string;
  readonly languageMatch: boolean;
  readonly scopeMatch: boolean;
  /** Portfolio score and open deals when this client arrived (before any assignment of it). */
  readonly scoreBefore: number;
  readonly dealsBefore: number;
}

/** A client's routing and its justification. */
export interface Assignment {
  readonly client: NewClient;
  readonly score: number;
  /** Every specialist, in name order, with what routing checked. */
  readonly candidates: readonly Candidate[];
  /** The specialist chosen, or null when none is eligible. */
  readonly winner: string | null;
  /** The winner's portfolio score after taking the client. */
  readonly winnerAfter: number | null;
  /** Why the client could not be assigned (null when assigned). */
  readonly reason: string | null;
}

/** A specialist's workload: before the new clients, after routing them, and with their historical owners. */
export interface Workload {
  readonly name: string;
  readonly before: number;
  readonly routed: number;
  readonly routedDeals: number;
  readonly historical: number;
  readonly historicalDeals: number;
}

/** How uneven workloads are: the largest over the smallest, and the coefficient of variation. */
export interface Imbalance {
  /** max / min; null when the smallest is zero (or there is no workload). */
  readonly maxMin: number | null;
  /** Population standard deviation over the mean; null without workload. */
  readonly cv: number | null;
}

export interface Routing {
  readonly assignments: readonly Assignment[];
  readonly workloads: readonly Workload[];
  readonly imbalance: { readonly routed: Imbalance; readonly historical: Imbalance };
}

/** Scores closer than this are a tie (sums of weighted bands in floating point). */
const TIE = 1e-9;

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** max/min and coefficient of variation of workloads. */
export function imbalanceOf(values: readonly number[]): Imbalance {
  if (values.length === 0) return { maxMin: null, cv: null };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const min = Math.min(...values);
  const sd = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);
  return { maxMin: min > 0 ? Math.max(...values) / min : null, cv: mean > 0 ? sd / mean : null };
}

/** Why no specialist is eligible for `client`. */
function unassignableReason(client: NewClient, candidates: readonly Candidate[]): string {
  const speakers = candidates.filter((c) => c.languageMatch);
  if (speakers.length === 0) return `No specialist speaks ${client.language}.`;
  return `The specialists who speak ${client.language} (${speakers.map((c) => c.name).join(', ')}) do not cover ${client.scope}.`;
}

/** Routes `clients` in the order given (their arrival) over `specialists`, under `weights`. */
export function routeClients(specialists: readonly Specialist[], clients: readonly NewClient[], weights: ScoreWeights): Routing {
  const team = [...specialists].sort(byName);
  const load = new Map(team.map((s) => [s.name, { score: portfolioScore(s, weights), deals: s.deals }]));
  const historical = new Map(team.map((s) => [s.name, { score: portfolioScore(s, weights), deals: s.deals }]));
  const assignments = clients.map((client): Assignment => {
    const score = dealScore(client.interactionBand, client.complexityBand, weights);
    const past = client.historicalOwner ? historical.get(client.historicalOwner) : undefined;
    if (past) {
      past.score += score;
      past.deals += 1;
    }
    const candidates = team.map(
      (s): Candidate => ({
        name: s.name,
        languageMatch: s.languages.includes(client.language),
        scopeMatch: s.scopes.includes(client.scope),
        scoreBefore: load.get(s.name)!.score,
        dealsBefore: load.get(s.name)!.deals,
      }),
    );
    // Lowest portfolio score, then fewest open deals; the name order of `team` settles the rest (the sort is stable).
    const [best] = candidates
      .filter((c) => c.languageMatch && c.scopeMatch)
      .sort((a, b) => (Math.abs(a.scoreBefore - b.scoreBefore) > TIE ? a.scoreBefore - b.scoreBefore : a.dealsBefore - b.dealsBefore));
    if (!best) return { client, score, candidates, winner: null, winnerAfter: null, reason: unassignableReason(client, candidates) };
    const winner = load.get(best.name)!;
    winner.score += score;
    winner.deals += 1;
    return { client, score, candidates, winner: best.name, winnerAfter: winner.score, reason: null };
  });
  const workloads = team.map(
    (s): Workload => ({
      name: s.name,
      before: portfolioScore(s, weights),
      routed: load.get(s.name)!.score,
      routedDeals: load.get(s.name)!.deals,
      historical: historical.get(s.name)!.score,
      historicalDeals: historical.get(s.name)!.deals,
    }),
  );
  return {
    assignments,
    workloads,
    imbalance: { routed: imbalanceOf(workloads.map((w) => w.routed)), historical: imbalanceOf(workloads.map((w) => w.historical)) },
  };
}

/** A specialist's skills as the data write them ("English;Thai"). */
export const skillList = (text: string | null) =>
  text
    ? text
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
