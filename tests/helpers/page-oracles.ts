/**
 * Figure keys that belong to one page, by page id: each recomputes its figure with its own
 * SQL over the published and raw tables (through the shared oracle's connection). A page
 * that writes figures the shared grammar does not cover adds its keys here.
 */
import type { Band } from '../../src/lib/bands.ts';
import { ACTIVE_STATUSES, PANEL } from '../../src/lib/config.ts';
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
  switch (key) {
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

export const PAGE_ORACLES: Readonly<Record<string, PageOracle>> = {
  data,
  journeys,
  // The test fixture page: all accounts, counted in the raw input.
  'parameter-fixture': (key, oracle) => (key === 'accounts' ? oracle.n('SELECT count(*) FROM raw_accounts') : undefined),
};
