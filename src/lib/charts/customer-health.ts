/**
 * Customer health: accounts and ARR by ARR movement in the month (selected or latest), from
 * the revenue cube. The executive summary and the risk page show the same query, each in
 * its own order of movements.
 */
import { orderSql } from '../bands.ts';
import type { Query } from '../query.ts';
import { REVENUE } from '../queries/measures.ts';
import type { Column } from './chart.ts';
import { SEAT_USAGE_FILTERS } from '../seat-usage-filters.ts';

/** Accounts, their share and ARR per movement, movements in `order`. */
export function movementShares(order: readonly string[]): Query {
  return {
    tables: ['revenue_cube'],
    filters: SEAT_USAGE_FILTERS,
    sql: (p) => `
SELECT movement, ${REVENUE.accounts} AS accounts,
  ${REVENUE.accounts} / sum(${REVENUE.accounts}) OVER () AS account_share, ${REVENUE.arr} AS arr
FROM revenue_cube
WHERE ${p.filters({ except: ['month'] })} AND ${p.inSnapshot('revenue_cube')}
GROUP BY movement
ORDER BY ${orderSql('movement', order)}`,
  };
}

export const MOVEMENT_COLUMNS: readonly Column[] = [
  { key: 'movement', label: 'Movement', format: 'text' },
  { key: 'accounts', label: 'Accounts', format: 'integer' },
  { key: 'account_share', label: 'Share of accounts', format: 'percent' },
  { key: 'arr', label: 'ARR', format: 'money' },
];
