/**
 * Figure keys that belong to one page, by page id: each recomputes its figure with its own
 * SQL over the published and raw tables (through the shared oracle's connection). A page
 * that writes figures the shared grammar does not cover adds its keys here.
 */
import type { Band } from '../../src/lib/bands.ts';
import { ACTIVE_STATUSES, CS_SCORING, JOURNEY_OPPORTUNITIES, PANEL } from '../../src/lib/config.ts';
import { differenceInterval, wilsonInterval } from '../../src/lib/metrics.ts';
import type { FigureOracle } from './figure-oracle.ts';

type Value = number | string | null;
export type PageOracle = (key: string, oracle: FigureOracle) => Promise<Value> | undefined;

/** The journeys page's keys, from the panel profile's rows (not the journey cube the page reads). */
const journeys: PageOracle = (key, oracle) => {
  const panel = oracle.published('panel_profile');
  const lift = /^training_arr_lift@plan=(.+)$/.exec(key);
  if (lift) {
    const where = lift[1] === 'all' ? 'TRUE' : `plan = '${lift[1]!.replaceAll("'", "''")}'`;
    return oracle.n(`SELECT avg(arr) FILTER (WHERE attended_training) / avg(arr) FILTER (WHERE NOT attended_training) FROM ${panel} WHERE ${where}`);
  }
  const opportunity = /^opportunity_(total|accounts)@(.+)$/.exec(key);
  if (opportunity) return opportunityOracle(opportunity[2]!, opportunity[1] as 'total' | 'accounts', panel, oracle);
  const gap = /^breadth_active_gap(|_low|_high)@panel$/.exec(key);
  if (gap) {
    return oracle
      .row(
        `SELECT count(*) FILTER (WHERE feature_breadth = '7+' AND is_active) AS k1, count(*) FILTER (WHERE feature_breadth = '7+') AS n1,
           count(*) FILTER (WHERE feature_breadth = '0-4' AND is_active) AS k2, count(*) FILTER (WHERE feature_breadth = '0-4') AS n2
         FROM ${panel}`,
      )
      .then((row) => {
        const [k1, n1, k2, n2] = ['k1', 'n1', 'k2', 'n2'].map((name) => Number(row[name]));
        const [low, high] = differenceInterval(k1!, n1!, k2!, n2!);
        return gap[1] === '_low' ? low : gap[1] === '_high' ? high : k1! / n1! - k2! / n2!;
      });
  }
  switch (key) {
    case 'median_arr@training=trained':
      return oracle.n(`SELECT median(arr) FROM ${panel} WHERE attended_training`);
    case 'median_arr@training=untrained':
      return oracle.n(`SELECT median(arr) FROM ${panel} WHERE NOT attended_training`);
    case 'mean_arr@breadth=top':
      return oracle.n(`SELECT avg(arr) FROM ${panel} WHERE event_types_used >= 7`);
    case 'mean_arr@breadth=middle':
      return oracle.n(`SELECT avg(arr) FROM ${panel} WHERE event_types_used BETWEEN 5 AND 6`);
    case 'panel_accounts':
      return oracle.n(`SELECT count(*) FROM ${panel}`);
    case 'active_rate@panel':
      return oracle.n(`SELECT avg(CASE WHEN is_active THEN 1 ELSE 0 END) FROM ${panel}`);
    case 'inactive_arr@panel':
      return oracle.n(`SELECT sum(arr) FILTER (WHERE NOT is_active) FROM ${panel}`);
    case 'top_path@panel':
    case 'top_path_share@panel':
      return oracle
        .row(
          `SELECT portfolio_group || ' › ' || plan || ' › ' || engagement || ' › ' || CASE WHEN is_active THEN 'Active' ELSE 'Inactive' END AS path,
             count(*) / (SELECT count(*) FROM ${panel}) AS share
           FROM ${panel} GROUP BY ALL ORDER BY count(*) DESC, path LIMIT 1`,
        )
        .then((row) => (key === 'top_path@panel' ? String(row.path) : Number(row.share)));
    default:
      return undefined;
  }
};

/**
 * The opportunities, each recomputed per account: a gap between two groups' mean ARR
 * (overall, or within each plan and then added up) times the accounts of the lower group.
 */
function opportunityOracle(id: string, measure: 'total' | 'accounts', panel: string, oracle: FigureOracle): Promise<Value> {
  const { premiumUpgrade: premium, featureAdoption: adoption } = JOURNEY_OPPORTUNITIES;
  const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
  const gap = (upper: string, lower: string, byPlan: boolean) => `
    WITH g AS (
      SELECT ${byPlan ? 'plan' : "'all'"} AS scope, avg(arr) FILTER (WHERE ${upper}) AS upper_mean, avg(arr) FILTER (WHERE ${lower}) AS lower_mean,
        count(*) FILTER (WHERE ${lower}) AS lower_n
      FROM ${panel} GROUP BY scope)
    SELECT ${measure === 'total' ? 'sum(lower_n * (upper_mean - lower_mean))' : 'sum(lower_n)'} FROM g WHERE upper_mean IS NOT NULL AND lower_mean IS NOT NULL`;
  const middle = `feature_breadth = '${adoption.from}'`;
  const top = `feature_breadth = '${adoption.to}'`;
  const profile = `portfolio_group = '${premium.portfolioGroup}' AND engagement IN (${list(premium.engagement)}) AND is_active`;
  switch (id) {
    case 'training-naive':
      return oracle.n(gap('attended_training', 'NOT attended_training', false));
    case 'training-within-plan':
      return oracle.n(gap('attended_training', 'NOT attended_training', true));
    case 'adoption-naive':
      return oracle.n(gap(top, middle, false));
    case 'adoption-within-plan':
      return oracle.n(gap(top, middle, true));
    case 'premium-upgrade':
      return oracle.n(
        measure === 'accounts'
          ? `SELECT count(*) FROM ${panel} WHERE ${profile} AND plan IN (${list(premium.fromPlans)})`
          : `SELECT count(*) FILTER (WHERE plan IN (${list(premium.fromPlans)})) * avg(arr) FILTER (WHERE plan = '${premium.toPlan}')
               - sum(arr) FILTER (WHERE plan IN (${list(premium.fromPlans)})) FROM ${panel} WHERE ${profile}`,
      );
    default:
      throw new Error(`No oracle for the opportunity ${id}.`);
  }
}

/** The oracle's own condition for `label` of `bands`: from its bound up to the next band's, over `column`. */
function inBand(column: string, bands: readonly Band[], label: string): string {
  const i = bands.findIndex((band) => band.label === label);
  if (i < 0) throw new Error(`No band ${label}`);
  const next = bands[i + 1];
  return `${column} >= ${bands[i]!.min}${next ? ` AND ${column} < ${next.min}` : ''}`;
}

/**
 * The data page's notes on the telemetry panel, from the raw panel and events tables (the
 * page reads the journey cube): accounts with a portfolio of 0, tickets by group, ARR-group shares.
 */
const data: PageOracle = (key, oracle) => {
  const panel = `(SELECT p.*, (SELECT count(*) FROM ${oracle.raw('events')} e WHERE e.account_id = p.account_id) AS events FROM ${oracle.raw('panel_accounts')} p)`;
  const arrShare = (label: string) => `(SELECT avg(CASE WHEN ${inBand('arr', PANEL.arrGroups, label)} THEN 1 ELSE 0 END) FROM ${panel})`;
  const group = /^(tickets|account_share)@(active_status|engagement|arr_group)=(.+)$/.exec(key);
  if (group) {
    const [, measure, dimension, label] = group as unknown as [string, string, string, string];
    if (measure === 'account_share' && dimension === 'arr_group') return oracle.n(`SELECT ${arrShare(label)}`);
    if (dimension === 'active_status') return oracle.n(`SELECT sum(support_tickets_90d) FROM ${panel} WHERE is_active = ${label === ACTIVE_STATUSES[0]}`);
    if (dimension === 'engagement') return oracle.n(`SELECT sum(support_tickets_90d) FROM ${panel} WHERE ${inBand('events', PANEL.engagement, label)}`);
    return undefined;
  }
  switch (key) {
    case 'zero_portfolio@panel':
      return oracle.n(`SELECT count(*) FROM ${panel} WHERE portfolio_size = 0`);
    case 'tickets@panel':
      return oracle.n(`SELECT sum(support_tickets_90d) FROM ${panel}`);
    case 'account_share_sum@arr_group':
      return oracle.n(`SELECT ${PANEL.arrGroups.map((band) => arrShare(band.label)).join(' + ')}`);
    default:
      return undefined;
  }
};

/**
 * The customer-intelligence pages' keys (`name@source`), from the published order and
 * customer rows with the oracle's own SQL (not the page's queries).
 */
const intelligence: PageOracle = (key, oracle) => {
  const match = /^(.+)@(synthetic|superstore)$/.exec(key);
  if (!match) return undefined;
  const [, name, source] = match as unknown as [string, string, string];
  const other = source === 'synthetic' ? 'superstore' : 'synthetic';
  const orders = (of: string) => `(SELECT * FROM ${oracle.published('intel_orders')} WHERE source = '${of}')`;
  const customers = (of: string) => `(SELECT * FROM ${oracle.published('intel_customers')} WHERE source = '${of}')`;
  const c = customers(source);
  // The non-at-risk segment with the most revenue at medium risk, its customers and those at medium risk.
  const slipping = `SELECT segment, sum(revenue) FILTER (WHERE churn_band = 'Medium') AS revenue, count(*) AS n, count(*) FILTER (WHERE churn_band = 'Medium') AS k
    FROM ${c} GROUP BY segment ORDER BY coalesce(sum(revenue) FILTER (WHERE churn_band = 'Medium'), 0) DESC LIMIT 1`;
  const richest = `SELECT segment, count(*) / (SELECT count(*) FROM ${c}) AS customers, sum(revenue) / (SELECT sum(revenue) FROM ${c}) AS revenue
    FROM ${c} GROUP BY segment ORDER BY sum(revenue) DESC LIMIT 1`;
  switch (name) {
    case 'customers':
      return oracle.n(`SELECT count(DISTINCT customer_id) FROM ${orders(source)}`);
    case 'other_customers':
      return oracle.n(`SELECT count(DISTINCT customer_id) FROM ${orders(other)}`);
    case 'orders':
      return oracle.n(`SELECT count(*) FROM ${orders(source)}`);
    case 'revenue':
      return oracle.n(`SELECT sum(revenue) FROM ${orders(source)}`);
    case 'first_order':
    case 'as_of':
      return oracle
        .row(`SELECT strftime(${name === 'as_of' ? 'max' : 'min'}(order_date), '%Y-%m-%d') AS d FROM ${orders(source)}`)
        .then((row) => String(row.d));
    case 'orders_per_customer':
      return oracle.n(`SELECT count(*) / count(DISTINCT customer_id) FROM ${orders(source)}`);
    case 'other_orders_per_customer':
      return oracle.n(`SELECT count(*) / count(DISTINCT customer_id) FROM ${orders(other)}`);
    case 'median_gap':
      return oracle.n(`SELECT median(typical_gap_days) FROM ${c}`);
    case 'other_median_gap':
      return oracle.n(`SELECT median(typical_gap_days) FROM ${customers(other)}`);
    case 'top_fifth_revenue_share':
      return oracle.n(`SELECT sum(revenue) FILTER (WHERE rank <= ceil(n / 5)) / sum(revenue)
        FROM (SELECT revenue, row_number() OVER (ORDER BY revenue DESC, customer_id) AS rank, count(*) OVER () AS n FROM ${c})`);
    case 'richest_segment':
      return oracle.row(richest).then((row) => String(row.segment));
    case 'richest_segment_customer_share':
      return oracle.row(richest).then((row) => Number(row.customers));
    case 'richest_segment_revenue_share':
      return oracle.row(richest).then((row) => Number(row.revenue));
    case 'high_risk_share':
      return oracle.n(`SELECT avg(CASE WHEN churn_band = 'High' THEN 1 ELSE 0 END) FROM ${c}`);
    case 'revenue_at_risk':
      return oracle.n(`SELECT coalesce(sum(revenue) FILTER (WHERE churn_band = 'High'), 0) FROM ${c}`);
    case 'slipping_segment':
      return oracle.row(slipping).then((row) => String(row.segment));
    case 'slipping_segment_revenue':
      return oracle.row(slipping).then((row) => Number(row.revenue));
    case 'slipping_segment_share':
    case 'slipping_segment_share_low':
    case 'slipping_segment_share_high':
      return oracle.row(slipping).then((row) => {
        const [k, n] = [Number(row.k), Number(row.n)];
        const [low, high] = wilsonInterval(k, n);
        return name.endsWith('_low') ? low : name.endsWith('_high') ? high : k / n;
      });
    default:
      return undefined;
  }
};

/**
 * The account-health page's keys, from the published account months (not the cube, the
 * validation tables or the page's queries): the latest month's bands and red ARR, the
 * bands' next-month churn with Wilson intervals, and the AUC as a Mann-Whitney statistic
 * over average ranks (a different computation from the pipeline's cumulative counts).
 */
const accountHealth: PageOracle = (key, oracle) => {
  const months = oracle.published('account_health');
  const latest = `(SELECT * FROM ${months} WHERE month = (SELECT max(month) FROM ${months}))`;
  const [name, scope] = key.split('@') as [string, string | undefined];
  const quoted = (value: string) => `'${value.replaceAll("'", "''")}'`;
  const redByIndustry = `SELECT a.industry, sum(h.arr) AS arr FROM ${latest} h JOIN ${oracle.published('accounts')} a USING (account_id) WHERE h.band = 'Red' GROUP BY a.industry ORDER BY arr DESC LIMIT 1`;
  switch (name) {
    case 'month':
      return oracle.row(`SELECT max(month) AS v FROM ${months}`).then((r) => String(r.v));
    case 'accounts':
      return oracle.n(`SELECT count(*) FROM ${latest}`);
    case 'share':
      return oracle.n(`SELECT count(*) FILTER (WHERE band = ${quoted(scope!)}) / count(*) FROM ${latest}`);
    case 'arr_red':
    case 'red_arr':
      return oracle.n(`SELECT sum(arr) FROM ${latest} WHERE band = 'Red'`);
    case 'red_arr_industry':
      return oracle.row(redByIndustry).then((r) => String(r.industry));
    case 'red_arr_industry_arr':
      return oracle.row(redByIndustry).then((r) => Number(r.arr));
    case 'churn':
    case 'churn_low':
    case 'churn_high':
      return oracle
        .row(
          `SELECT count(*) FILTER (WHERE next_movement = 'churn') AS k, count(*) AS n FROM ${months} WHERE next_movement IS NOT NULL AND band = ${quoted(scope!)}`,
        )
        .then((r) => {
          const [k, n] = [Number(r.k), Number(r.n)];
          const [low, high] = wilsonInterval(k, n);
          return name === 'churn' ? k / n : name === 'churn_low' ? low : high;
        });
    case 'auc': {
      const column = scope === 'score' ? 'score' : `${scope}_points`;
      // U of the stayers: the sum of their average ranks (ascending) minus its minimum; AUC = U / (n1 n0).
      return oracle.n(`
        WITH f AS (SELECT ${column} AS v, next_movement = 'churn' AS churned FROM ${months} WHERE next_movement IS NOT NULL AND ${column} IS NOT NULL),
        r AS (SELECT churned, rank() OVER (ORDER BY v) + (count(*) OVER (PARTITION BY v) - 1) / 2.0 AS avg_rank FROM f),
        s AS (SELECT sum(avg_rank) FILTER (WHERE NOT churned) AS r0, count(*) FILTER (WHERE NOT churned) AS n0, count(*) FILTER (WHERE churned) AS n1 FROM r)
        SELECT (r0 - n0 * (n0 + 1) / 2.0) / (n0 * n1) FROM s`);
    }
    default:
      return undefined;
  }
};

/**
 * The CS-operations page's keys, from the published deal table (y, y_pred, split, bands,
 * arrival, owner) and the team: test errors, dispersion, and the workload imbalance under the
 * historical assignment and under routing, re-done here with running totals per specialist.
 */
const csOperations: PageOracle = (key, oracle) => {
  const deals = oracle.published('cs_deals');
  const terms = oracle.published('cs_model_terms');
  const team = oracle.published('cs_team');
  const [name, scope] = key.split('@') as [string, string | undefined];
  const { interactions: w1, complexity: w2 } = CS_SCORING.weights;
  const score = `(${w1} * interaction_band + ${w2} * complexity_band)`;
  const trainMean = `(SELECT avg(y) FROM ${deals} WHERE split = 'train')`;
  const predicted = scope === 'baseline' ? trainMean : 'y_pred';
  const imbalance = (scores: readonly number[]) => {
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    const sd = Math.sqrt(scores.reduce((sum, v) => sum + (v - mean) ** 2, 0) / scores.length);
    return name === 'cv' ? sd / mean : Math.max(...scores) / Math.min(...scores);
  };
  switch (name) {
    case 'train_rows':
      return oracle.n(`SELECT count(*) FROM ${deals} WHERE split = 'train'`);
    case 'test_rows':
      return oracle.n(`SELECT count(*) FROM ${deals} WHERE split = 'test'`);
    case 'mae':
      return oracle.n(`SELECT avg(abs(y - ${predicted})) FROM ${deals} WHERE split = 'test'`);
    case 'deviance':
      return oracle.n(`SELECT avg(2 * (CASE WHEN y > 0 THEN y * ln(y / ${predicted}) ELSE 0 END - (y - ${predicted}))) FROM ${deals} WHERE split = 'test'`);
    case 'dispersion':
      return oracle.n(`SELECT sum((y - y_pred) ^ 2 / y_pred) / (count(*) - (SELECT count(*) FROM ${terms})) FROM ${deals} WHERE split = 'train'`);
    case 'doubling':
      return oracle.n(`SELECT 2 ^ coefficient FROM ${terms} WHERE term = 'log_n_users'`);
    case 'strongest_term':
    case 'strongest_ratio':
      return oracle
        .row(`SELECT term, reference, exp(coefficient) AS ratio FROM ${terms} WHERE contains(term, '=') ORDER BY abs(coefficient) DESC LIMIT 1`)
        .then((r) => {
          const [column, level] = String(r.term).split('=');
          return name === 'strongest_ratio' ? Number(r.ratio) : `${column!.replaceAll('_', ' ')}: ${level} vs ${r.reference}`;
        });
    case 'new_clients':
      return oracle.n(`SELECT count(arrival) FROM ${deals}`);
    case 'assigned':
    case 'cv':
    case 'max_min':
      return (async () => {
        // Every open deal with bands counts to its owner; routing re-deals the new clients (arrival set).
        const held = await oracle.rows(`
          SELECT t.cs_name, coalesce(sum(${score}) FILTER (WHERE d.arrival IS NULL OR ${scope === 'historical'}), 0) AS score,
            count(d.deal_id) FILTER (WHERE d.arrival IS NULL OR ${scope === 'historical'}) AS n
          FROM ${team} t LEFT JOIN ${deals} d ON d.cs_owner = t.cs_name AND d.status = 'open' AND d.interaction_band IS NOT NULL
          GROUP BY t.cs_name ORDER BY t.cs_name`);
        const load = new Map(held.map((r) => [String(r.cs_name), { score: Number(r.score), n: Number(r.n) }]));
        if (scope === 'historical') return imbalance([...load.values()].map((l) => l.score));
        const clients = await oracle.rows(`
          SELECT d.arrival, ${score} AS score, string_agg(t.cs_name, ';' ORDER BY t.cs_name) AS eligible
          FROM ${deals} d LEFT JOIN ${team} t
            ON list_contains(string_split(t.languages, ';'), d.language) AND list_contains(string_split(t.product_scopes, ';'), d.product_scope)
          WHERE d.arrival IS NOT NULL GROUP BY d.arrival, d.interaction_band, d.complexity_band ORDER BY d.arrival`);
        let assigned = 0;
        for (const client of clients) {
          const names = client.eligible ? String(client.eligible).split(';') : [];
          let best: string | null = null;
          for (const candidate of names) {
            const [c, b] = [load.get(candidate)!, best === null ? null : load.get(best)!];
            if (!b || c.score < b.score - 1e-9 || (Math.abs(c.score - b.score) <= 1e-9 && c.n < b.n)) best = candidate;
          }
          if (best === null) continue;
          assigned += 1;
          load.get(best)!.score += Number(client.score);
          load.get(best)!.n += 1;
        }
        return name === 'assigned' ? assigned : imbalance([...load.values()].map((l) => l.score));
      })();
    default:
      return undefined;
  }
};

export const PAGE_ORACLES: Readonly<Record<string, PageOracle>> = {
  'cs-operations': csOperations,
  intelligence,
  'intelligence-superstore': intelligence,
  'account-health': accountHealth,
  data,
  journeys,
  // The test fixture page: all accounts, counted in the raw input.
  'parameter-fixture': (key, oracle) => (key === 'accounts' ? oracle.n('SELECT count(*) FROM raw_accounts') : undefined),
};
