/**
 * Figure keys that belong to one page, by page id: each recomputes its figure with its own
 * SQL over the published and raw tables (through the shared oracle's connection). A page
 * that writes figures the shared grammar does not cover adds its keys here.
 */
import type { FigureOracle } from './figure-oracle.ts';

type Value = number | string | null;
export type PageOracle = (key: string, oracle: FigureOracle) => Promise<Value> | undefined;

export const PAGE_ORACLES: Readonly<Record<string, PageOracle>> = {
  // The test fixture page: all accounts, counted in the raw input.
  'parameter-fixture': (key, oracle) => (key === 'accounts' ? oracle.n('SELECT count(*) FROM raw_accounts') : undefined),
};
