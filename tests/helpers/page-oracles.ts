/**
 * Figure keys that belong to one page, by page id: each recomputes its figure with its own
 * SQL over the published and raw tables (through the shared oracle's connection). A page
 * that writes figures the shared grammar does not cover adds its keys here.
 */
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

export const PAGE_ORACLES: Readonly<Record<string, PageOracle>> = {
  journeys,
  // The test fixture page: all accounts, counted in the raw input.
  'parameter-fixture': (key, oracle) => (key === 'accounts' ? oracle.n('SELECT count(*) FROM raw_accounts') : undefined),
};
