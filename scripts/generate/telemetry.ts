/**
 * Generates the product-telemetry panel of source 001: panel_accounts and their events.
 * Training attendance and feature breadth go with higher ARR and activity; engagement,
 * tickets and plan mix follow the source's distributions (SPEC 3.2).
 */
import { EVENT_TYPES, type EventType, type Plan } from '../../src/lib/config.ts';
import { CsvWriter } from './csv.ts';
import type { AccountTableOptions } from './accounts.ts';
import { Random, sigmoid } from './random.ts';
import { isoDate, isoTimestamp } from './utc-text.ts';

const P = {
  panelAccounts: 10_000,
  /** Portfolio groups 1 / 2-5 / 6-10 / 11+; zeros are drawn inside the first group. */
  portfolioWeights: [0.091, 0.336, 0.088, 0.485],
  zeroShareOfFirstGroup: 0.0199 / 0.091,
  /** Plan weights for portfolios up to 10, and above. */
  planWeights: { small: [0.494, 0.326, 0.18], large: [0.55, 0.33, 0.12] },
  /** Mean ARR by plan, USD (source: about 413 / 1,819 / 13,580). */
  arrMean: { starter: 410, pro: 1805, premium: 13_200 } as Record<Plan, number>,
  arrSigma: 0.6,
  trainingRate: { starter: 0.23, pro: 0.35, premium: 0.56 } as Record<Plan, number>,
  /** Logit of being active, and the lift from training. */
  activeBase: 0.75,
  activeTraining: 0.4,
  /** Distinct event types an account uses (3 to 10). */
  typeCountWeights: [0.013, 0.024, 0.313, 0.335, 0.2, 0.08, 0.028, 0.007],
  eventsMean: 23.58,
  eventsSd: 6.4,
  /** Share of accounts with only a handful of events (5 to 14), the low tail. */
  sparseShare: 0.05,
  ticketWeights: [0.489, 0.224, 0.218, 0.068, 0.001],
  ticketRanges: [
    [0, 0],
    [1, 1],
    [2, 4],
    [5, 10],
    [11, 14],
  ],
  npsMissing: 0.35,
  /** Days of history before the snapshot that events are spread over. */
  historyDays: 180,
} as const;

const PLAN_NAMES: readonly Plan[] = ['starter', 'pro', 'premium'];
const OPTIONAL_TYPES: readonly EventType[] = EVENT_TYPES.filter(
  (t) => !['login', 'training_attended', 'support_ticket_created', 'nps_response_submitted', 'subscription_cancelled'].includes(t),
);

export function generateTelemetry(options: AccountTableOptions): { panel_accounts: number; events: number } {
  const rng = new Random(options.seed, 'telemetry');
  const count = Math.min(options.accounts, Math.round(P.panelAccounts * options.scale));
  const end = Date.parse(`${options.snapshot}T23:59:59Z`);
  const day = 86_400_000;
  const panel = new CsvWriter(`${options.dir}/panel_accounts.csv`, [
    'account_id',
    'portfolio_size',
    'plan',
    'arr',
    'is_active',
    'nps_score',
    'support_tickets_90d',
    'signup_date',
  ]);
  const events = new CsvWriter(`${options.dir}/events.csv`, ['event_id', 'account_id', 'event_type', 'occurred_at']);

  for (let i = 0; i < count; i++) {
    const id = options.accountId(Math.floor((i * options.accounts) / count));
    const group = rng.weightedIndex(P.portfolioWeights);
    const portfolio = [
      () => (rng.chance(P.zeroShareOfFirstGroup) ? 0 : 1),
      () => rng.int(2, 5),
      () => rng.int(6, 10),
      () => Math.min(100, Math.floor(Math.exp(Math.log(11) + rng.next() * (Math.log(101) - Math.log(11))))),
    ][group]!();
    const plan = PLAN_NAMES[rng.weightedIndex(group === 3 ? P.planWeights.large : P.planWeights.small)]!;
    const trained = rng.chance(P.trainingRate[plan]);
    const active = rng.chance(sigmoid(P.activeBase + (trained ? P.activeTraining : 0) + (plan === 'starter' ? -0.08 : 0.08)));
    const ticketBand = rng.weightedIndex(P.ticketWeights);
    const [tMin, tMax] = P.ticketRanges[ticketBand]!;
    const tickets = rng.int(tMin, tMax);
    const nps = rng.chance(P.npsMissing) ? null : Math.max(0, Math.min(10, Math.round(rng.normal(active ? 7.6 : 5.6, 2))));

    // The event types used: the ones the account's facts imply, topped up to a drawn breadth.
    const used = new Set<EventType>(['login']);
    if (trained) used.add('training_attended');
    if (tickets > 0) used.add('support_ticket_created');
    if (nps !== null) used.add('nps_response_submitted');
    if (!active && rng.chance(0.3)) used.add('subscription_cancelled');
    const breadth = 3 + rng.weightedIndex(P.typeCountWeights);
    const pool = OPTIONAL_TYPES.filter((t) => !used.has(t));
    while (used.size < breadth && pool.length > 0) used.add(pool.splice(rng.int(0, pool.length - 1), 1)[0]!);
    const types = [...used];
    const drawn = rng.chance(P.sparseShare) ? rng.int(5, 14) : Math.round(rng.normal(P.eventsMean + (active ? 0.4 : -1), P.eventsSd));
    const total = Math.max(types.length, drawn);

    const breadthLift = types.length >= 7 ? 1.12 : types.length <= 4 ? 0.72 : 0.98;
    const arr =
      rng.logNormal(P.arrMean[plan] / Math.exp((P.arrSigma * P.arrSigma) / 2), P.arrSigma) * (trained ? 1.1 : 0.955) * (active ? 1.01 : 0.98) * breadthLift;
    const signup = isoDate(end - rng.int(200, 1500) * day);
    panel.write([id, portfolio, plan, Math.round(arr * 100) / 100, active, nps, tickets, signup]);

    for (let e = 0; e < total; e++) {
      const type = e < types.length ? types[e]! : rng.chance(0.5) ? 'login' : rng.pick(types);
      const window = type === 'support_ticket_created' ? 90 : P.historyDays;
      const at = isoTimestamp(end - Math.floor(rng.next() * window * day));
      events.line(`E${String(events.rows + 1).padStart(8, '0')},${id},${type},${at}`);
    }
  }
  panel.close();
  events.close();
  return { panel_accounts: panel.rows, events: events.rows };
}
