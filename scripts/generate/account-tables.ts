/**
 * The generators of the tables drawn from the accounts (telemetry, orders, CS operations):
 * they run after seat usage, since they pick accounts by a global index over every shard.
 */
import { accountIdAt } from './accounts.ts';
import { generateCsOperations } from './cs-operations.ts';
import { generateOrders } from './orders.ts';
import { generateTelemetry } from './telemetry.ts';

const GENERATORS = { telemetry: generateTelemetry, orders: generateOrders, 'cs-operations': generateCsOperations } as const;

export type AccountTableGenerator = keyof typeof GENERATORS;

/** What one generator needs: the run, and the account count of each seat-usage shard. */
export interface AccountTablesOptions {
  generator: AccountTableGenerator;
  seed: number;
  scale: number;
  dir: string;
  /** The snapshot date (ISO). */
  snapshot: string;
  shardAccounts: number[];
}

/** Runs one generator; returns the row count of each table it wrote. */
export function generateAccountTables(options: AccountTablesOptions): Record<string, number> {
  const ids = accountIdAt(options.shardAccounts);
  const { seed, scale, dir, snapshot } = options;
  return GENERATORS[options.generator]({ seed, scale, dir, snapshot, accounts: ids.total, accountId: ids.id });
}
