/**
 * Account ids of the generated data. Seat usage is generated in a fixed number of shards
 * (in parallel processes); shard k numbers its accounts A{k}0000001, A{k}0000002, ...
 * The other generators pick accounts by a global index over all shards.
 */

/** Shards of the seat-usage generation: fixed, so the data never depends on the machine. */
export const SHARDS = 2;

/** The id of the `index`-th (0-based) account of shard `shard`. */
export function shardAccountId(shard: number, index: number): string {
  return `A${shard}${String(index + 1).padStart(7, '0')}`;
}

/** Maps a global index 0..total-1 to an account id, given each shard's account count. */
export function accountIdAt(shardCounts: readonly number[]): { total: number; id: (index: number) => string } {
  const total = shardCounts.reduce((sum, n) => sum + n, 0);
  return {
    total,
    id(index: number): string {
      let rest = index;
      for (const [shard, count] of shardCounts.entries()) {
        if (rest < count) return shardAccountId(shard, rest);
        rest -= count;
      }
      throw new RangeError(`Account index ${index} is beyond ${total} accounts`);
    },
  };
}

/** What the generators that run after seat usage need: the seed, scale, folder and the accounts to draw from. */
export interface AccountTableOptions {
  seed: number;
  scale: number;
  /** Number of accounts in the accounts table. */
  accounts: number;
  /** The id of the account at a global index (0 to accounts - 1). */
  accountId: (index: number) => string;
  /** The snapshot date (ISO): generated histories end here. */
  snapshot: string;
  dir: string;
}
