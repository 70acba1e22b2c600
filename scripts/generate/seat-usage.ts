/**
 * Generates the seat-usage population of source 000: accounts, usage_monthly and
 * revenue_monthly. Each account gets latent adoption propensities from its region, size and
 * tenure; every month its seats are assigned and used around those propensities, and its
 * ARR movement is drawn from the previous month's utilization, so that low usage really
 * leads to churn and contraction and high usage to expansion.
 */
import { REGIONS, SIZE_BANDS, TENURE_SEGMENTS, type Plan } from '../../src/lib/config.ts';
import { bandOf } from '../../src/lib/bands.ts';
import { addMonths, lastDayOf } from '../../src/lib/calendar.ts';
import { CsvWriter, centsText } from './csv.ts';
import { Random, sigmoid } from './random.ts';
import { COUNTRIES, INDUSTRIES, NAME_PARTS, PRODUCTS, TRICKY_NAME_RATE, accountName } from './world.ts';
import { SHARDS, shardAccountId } from './accounts.ts';

/** Calibration of the default data (see SPEC 3.2); effects are on the logit scale. */
const P = {
  /** Usage rows at scale 1 (source 000). */
  usageRows: 955_033,
  regionWeights: [0.13, 0.15, 0.22, 0.14, 0.24, 0.12],
  /** Multiplier on the weight of bands from 11 seats up, per region (larger customers in Japan and Greater China). */
  regionLargeTilt: [0.75, 0.9, 1.5, 0.9, 1.55, 0.8],
  bandWeights: [0.575, 0.205, 0.085, 0.066, 0.033, 0.019, 0.013, 0.0036],
  /** Seat range drawn within the open-ended top band. */
  topBandMax: 2500,
  multiProductRate: 0.115,
  /** Tenure in months at the snapshot: [from, to) ranges with their weights. */
  tenure: [
    { from: 0, to: 12, weight: 0.25 },
    { from: 12, to: 24, weight: 0.16 },
    { from: 24, to: 36, weight: 0.119 },
    { from: 36, to: 48, weight: 0.12 },
    { from: 48, to: 60, weight: 0.1 },
    { from: 60, to: 144, weight: 0.251 },
  ],
  assign: {
    sd: 0.7,
    oneSeat: 4.5,
    full: 2.0,
    partial: 1.2,
    partialSd: 0.7,
    band: [0, 0, -0.35, -0.7, -1.1, -1.35, -1.7, -1.91],
    region: [0.45, 0.05, -1.3, 0.0, -0.1, 0.15],
    tenure: [0.25, 0.2, 0.15, 0.05, -0.05, -0.1, -0.1, -0.1, -0.1],
  },
  use: {
    sd: 1.0,
    monthSd: 0.35,
    overuse: 0.027,
    oneSeat: 1.42,
    /** By size band: logit of a fully used row, and of a dormant row (a small share used) otherwise. */
    full: [0, 0.2, -0.2, -0.7, -1.2, -1.9, -2.8, -4.5],
    dormant: [0, -1.6, -1.5, -1.4, -1.2, -1.0, -0.7, -0.5],
    /** Otherwise a working share around this logit. */
    active: [0.95, 0.95, 0.95, 0.9, 0.85, 0.8, 0.8, 0.8],
    activeSd: 0.25,
    region: [0.05, 0.1, -1.22, 0.0, -0.05, 0.15],
    tenure: [1.5, 0.85, 0.55, 0.3, -0.25, -0.3, 0.28, 0.28, 0.28],
  },
  /** Movement probabilities by the previous month's account utilization: <60%, 60-80%, >80%. */
  movement: {
    churn: [0.039, 0.0127, 0.0072],
    contraction: [0.093, 0.061, 0.0453],
    expansion: [0.0715, 0.121, 0.193],
  },
  planBySize: [
    { minSeats: 1, weights: [0.75, 0.2, 0.05] },
    { minSeats: 2, weights: [0.45, 0.4, 0.15] },
    { minSeats: 11, weights: [0.2, 0.5, 0.3] },
    { minSeats: 101, weights: [0.05, 0.45, 0.5] },
  ],
  /** List price per seat per year, USD, by plan. */
  seatPrice: { starter: 420, pro: 1250, premium: 2900 } as Record<Plan, number>,
} as const;

const PLAN_NAMES: readonly Plan[] = ['starter', 'pro', 'premium'];

// Weight lists derived once, not per account (the generator's inner loop runs millions of times).
const BAND_WEIGHTS_BY_REGION = P.regionLargeTilt.map((tilt) => P.bandWeights.map((w, i) => (i >= 3 ? w * tilt : w)));
const TENURE_WEIGHTS = P.tenure.map((t) => t.weight);
const COUNTRY_WEIGHTS = REGIONS.map((region) => COUNTRIES[region].map((c) => c.weight));
const PLANS_BY_SIZE_DESC = [...P.planBySize].reverse();

export interface SeatUsageOptions {
  seed: number;
  scale: number;
  /** Which shard of the accounts to generate (0 to SHARDS - 1). */
  shard: number;
  /** The latest month of the data (`YYYY-MM`). */
  lastMonth: string;
  months: number;
  dir: string;
  onProgress?: (fraction: number) => void;
}

export interface SeatUsageCounts {
  accounts: number;
  usage_monthly: number;
  revenue_monthly: number;
}

interface Account {
  id: string;
  regionIndex: number;
  bandIndex: number;
  tenureIndex: number;
  plan: Plan;
  /** Seats per product. */
  seats: number[];
  products: string[];
  /** Window month index of the first purchase; negative when before the window. */
  firstMonth: number;
  assignLatent: number;
  useLatent: number;
  priceFactor: number;
}

function seatsInBand(rng: Random, bandIndex: number): number {
  const band = SIZE_BANDS[bandIndex]!;
  const next = SIZE_BANDS[bandIndex + 1];
  const max = next ? next.min - 1 : P.topBandMax;
  if (band.min === max) return max;
  return Math.min(max, Math.floor(Math.exp(Math.log(band.min) + rng.next() * (Math.log(max + 1) - Math.log(band.min)))));
}

function movementGroup(utilization: number | null): number {
  if (utilization === null || utilization < 0.6) return 0;
  return utilization > 0.8 ? 2 : 1;
}

/** Draw one product-month of seats; returns [assigned, used]. */
function drawUsage(rng: Random, seats: number, band: number, assignZ: number, useZ: number): [number, number] {
  let assigned: number;
  if (seats === 1) assigned = rng.chance(sigmoid(assignZ + P.assign.oneSeat)) ? 1 : 0;
  else if (rng.chance(sigmoid(assignZ + P.assign.full))) assigned = seats;
  else assigned = Math.min(seats, Math.round(seats * sigmoid(assignZ + P.assign.partial + rng.normal(0, P.assign.partialSd))));
  if (assigned === 0) return [0, 0];
  if (rng.chance(P.use.overuse)) return [assigned, assigned + 1 + Math.floor(assigned * 0.25 * rng.next())];
  if (assigned === 1) return [1, rng.chance(sigmoid(useZ + P.use.oneSeat)) ? 1 : 0];
  if (rng.chance(sigmoid(useZ + P.use.full[band]!))) return [assigned, assigned];
  const share = rng.chance(sigmoid(P.use.dormant[band]! - useZ))
    ? 0.15 * rng.next()
    : sigmoid(P.use.active[band]! + 0.1 * useZ + rng.normal(0, P.use.activeSd));
  return [assigned, Math.min(assigned, Math.floor(assigned * share + rng.next()))];
}

/** A first purchase: its ISO date and the window month it falls in (negative before the window). */
interface PurchaseDate {
  iso: string;
  firstMonth: number;
}

/** The first purchase `days` before the snapshot; memoised, since millions of accounts share a few thousand dates. */
function purchaseDates(windowStart: string, snapshot: Date): (days: number) => PurchaseDate {
  const [wy, wm] = windowStart.split('-').map(Number) as [number, number];
  const known: PurchaseDate[] = [];
  return (days) => {
    let date = known[days];
    if (!date) {
      const day = new Date(snapshot.getTime() - days * 86_400_000);
      date = { iso: day.toISOString().slice(0, 10), firstMonth: (day.getUTCFullYear() - wy) * 12 + (day.getUTCMonth() + 1 - wm) };
      known[days] = date;
    }
    return date;
  };
}

function newAccount(rng: Random, shard: number, index: number, purchaseDate: (days: number) => PurchaseDate): Account & { row: (string | null)[] } {
  const regionIndex = rng.weightedIndex(P.regionWeights);
  const bandIndex = rng.weightedIndex(BAND_WEIGHTS_BY_REGION[regionIndex]!);
  const total = seatsInBand(rng, bandIndex);
  const planWeights = PLANS_BY_SIZE_DESC.find((p) => total >= p.minSeats)!.weights;
  const plan = PLAN_NAMES[rng.weightedIndex(planWeights)]!;

  const productIndex = rng.int(0, PRODUCTS.length - 1);
  let seats = [total];
  let products: string[] = [PRODUCTS[productIndex]!];
  if (total >= 2 && rng.chance(P.multiProductRate)) {
    const first = Math.max(1, Math.min(total - 1, Math.round(total * (0.3 + 0.4 * rng.next()))));
    seats = [first, total - first];
    products = [PRODUCTS[productIndex]!, PRODUCTS[(productIndex + 1) % PRODUCTS.length]!];
  }

  const bucket = P.tenure[rng.weightedIndex(TENURE_WEIGHTS)]!;
  const tenureMonths = bucket.from + rng.next() * (bucket.to - bucket.from);
  const { iso: firstPurchaseIso, firstMonth } = purchaseDate(Math.round(tenureMonths * 30.4375));
  const tenureLabel = bandOf(Math.floor(tenureMonths), TENURE_SEGMENTS);
  const tenureIndex = TENURE_SEGMENTS.findIndex((s) => s.label === tenureLabel);

  const region = REGIONS[regionIndex]!;
  const country = COUNTRIES[region][rng.weightedIndex(COUNTRY_WEIGHTS[regionIndex]!)]!;
  const id = shardAccountId(shard, index);
  const name = accountName(
    rng.int(0, NAME_PARTS.stems - 1),
    rng.int(0, NAME_PARTS.stems - 1),
    rng.int(0, NAME_PARTS.suffixes - 1),
    rng.chance(TRICKY_NAME_RATE) ? rng.int(0, NAME_PARTS.tricky - 1) : null,
  );
  const assignLatent = P.assign.region[regionIndex]! + P.assign.band[bandIndex]! + P.assign.tenure[tenureIndex]! + rng.normal(0, P.assign.sd);
  const useLatent = P.use.region[regionIndex]! + P.use.tenure[tenureIndex]! + rng.normal(0, P.use.sd);
  const row = [id, name, region, country.name, rng.pick(INDUSTRIES), plan, firstPurchaseIso, null, country.language];
  return {
    id,
    regionIndex,
    bandIndex,
    tenureIndex,
    plan,
    seats,
    products,
    firstMonth,
    assignLatent,
    useLatent,
    priceFactor: rng.logNormal(1, 0.15),
    row,
  };
}

/** Draws one month of seats for each of an account's products (a top-level function: the loop runs millions of times). */
function drawMonth(rng: Random, account: Account): [number, number][] {
  return account.seats.map((seats) => drawUsage(rng, seats, account.bandIndex, account.assignLatent, account.useLatent + rng.normal(0, P.use.monthSd)));
}

/** Mean utilization of an account's product rows in a month (null when nothing is assigned). */
function accountUtilization(draws: [number, number][]): number | null {
  let sum = 0;
  let n = 0;
  for (const [assigned, used] of draws) {
    if (assigned === 0) continue;
    sum += Math.min(used / assigned, 1);
    n++;
  }
  return n === 0 ? null : sum / n;
}

export function generateSeatUsage(options: SeatUsageOptions): SeatUsageCounts {
  const rng = new Random(options.seed, `seat-usage:${options.shard}`);
  const total = Math.round(P.usageRows * options.scale);
  // Each shard fills its share of the row target exactly; the last takes the remainder.
  const share = Math.floor(total / SHARDS);
  const target = options.shard === SHARDS - 1 ? total - share * (SHARDS - 1) : share;
  const part = (table: string) => `${options.dir}/${table}.part${options.shard}.csv`;
  const windowStart = addMonths(options.lastMonth, -(options.months - 1));
  const months = Array.from({ length: options.months }, (_, i) => addMonths(windowStart, i));
  const purchaseDate = purchaseDates(windowStart, new Date(`${lastDayOf(options.lastMonth)}T00:00:00Z`));
  const csOwners = Math.max(8, Math.round(40 * options.scale));

  const accounts = new CsvWriter(part('accounts'), [
    'account_id',
    'account_name',
    'region',
    'country',
    'industry',
    'plan',
    'first_purchase_date',
    'cs_owner',
    'language',
  ]);
  const usage = new CsvWriter(part('usage_monthly'), ['account_id', 'product', 'month', 'seats_purchased', 'seats_assigned', 'seats_used']);
  const revenue = new CsvWriter(part('revenue_monthly'), ['account_id', 'month', 'arr', 'movement']);

  const maxRowsPerAccount = 2 * options.months;
  let produced = 0;
  for (let index = 0; produced < target; index++) {
    const remaining = target - produced;
    const account = newAccount(rng, options.shard, index, purchaseDate);
    // The last few rows come from single-product accounts that started late enough to fill the target exactly.
    const closing = remaining <= maxRowsPerAccount;
    if (closing) {
      const rows = Math.min(options.months, remaining);
      account.seats = [account.seats.reduce((s, n) => s + n, 0)];
      account.products = account.products.slice(0, 1);
      account.firstMonth = options.months - rows;
      account.row[6] = `${months[account.firstMonth]}-01`;
    }
    // Senior accounts above a handful of seats get a named CS owner.
    const total = account.seats.reduce((s, n) => s + n, 0);
    account.row[7] = total >= 26 ? `CSM-${String(1 + (index % csOwners)).padStart(3, '0')}` : null;
    accounts.write(account.row);

    // A pre-window month gives existing accounts a previous utilization for their first movement.
    let previous = account.firstMonth < 0 ? accountUtilization(drawMonth(rng, account)) : null;
    for (let m = Math.max(0, account.firstMonth); m < options.months; m++) {
      let movement = 'flat';
      if (m === account.firstMonth) movement = 'new';
      else {
        const g = movementGroup(previous);
        const r = rng.next();
        // Churn needs a month of usage in the data first, so every account has usage rows.
        const churn = closing || m === 0 ? 0 : P.movement.churn[g]!;
        if (r < churn) movement = 'churn';
        else if (r < churn + P.movement.contraction[g]!) movement = 'contraction';
        else if (r < churn + P.movement.contraction[g]! + P.movement.expansion[g]!) movement = 'expansion';
      }
      if (movement === 'churn') {
        revenue.write([account.id, months[m]!, 0, 'churn']);
        break;
      }
      // A movement changes seats or, for add-ons, upgrades and discounts, the price paid per seat.
      const bySeats = rng.chance(Math.min(0.6, total / 20));
      if (movement === 'expansion') {
        if (bySeats) account.seats = account.seats.map((s) => s + Math.max(1, Math.round(s * 0.25 * rng.next())));
        else account.priceFactor *= 1.1 + 0.2 * rng.next();
      }
      if (movement === 'contraction') {
        if (bySeats && account.seats.some((s) => s > 1)) {
          account.seats = account.seats.map((s) => Math.max(1, s - Math.max(1, Math.round(s * 0.2 * rng.next()))));
        } else account.priceFactor *= 0.8 + 0.1 * rng.next();
      }
      const draws = drawMonth(rng, account);
      draws.forEach(([assigned, used], p) => {
        usage.line(`${account.id},${account.products[p]},${months[m]},${account.seats[p]},${assigned},${used}`);
      });
      produced += draws.length;
      previous = accountUtilization(draws);
      const seats = account.seats.reduce((s, n) => s + n, 0);
      const cents = Math.round(seats * P.seatPrice[account.plan] * account.priceFactor * 100);
      revenue.line(`${account.id},${months[m]},${centsText(cents)},${movement}`);
    }
    if (index % 5000 === 0) options.onProgress?.(produced / target);
  }
  accounts.close();
  usage.close();
  revenue.close();
  options.onProgress?.(1);
  return { accounts: accounts.rows, usage_monthly: usage.rows, revenue_monthly: revenue.rows };
}
