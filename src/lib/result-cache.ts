/**
 * Query results kept by what was asked (the bound SQL and its values), for the life of a
 * page: the published data never change while it is open, so a result stays right. A
 * request for a result already asked for (or still under way) shares it; a failed one is
 * forgotten, so asking again runs it again. The least recently used results go once their
 * weight (rows, plus one per result, so that empty results count too) passes `limit`, so
 * memory stays bounded however long a reader explores.
 */
export class ResultCache<T> {
  readonly #entries = new Map<string, { readonly rows: Promise<readonly T[]>; size: number }>();
  #weight = 0;

  constructor(readonly limit: number) {}

  /** The rows of `key`, from `compute` only when they are not kept. */
  get(key: string, compute: () => Promise<readonly T[]>): Promise<readonly T[]> {
    const kept = this.#entries.get(key);
    if (kept) {
      // Most recently used last: Map keeps insertion order.
      this.#entries.delete(key);
      this.#entries.set(key, kept);
      return kept.rows;
    }
    const entry = { rows: compute(), size: 0 };
    this.#entries.set(key, entry);
    entry.rows.then(
      (rows) => {
        if (this.#entries.get(key) !== entry) return;
        entry.size = rows.length + 1;
        this.#weight += entry.size;
        this.#evict();
      },
      () => {
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
      },
    );
    return entry.rows;
  }

  /** Whether `key`'s rows are kept (or under way). */
  has(key: string): boolean {
    return this.#entries.has(key);
  }

  /** How many results are kept (or under way), and their weight. */
  get size(): { results: number; weight: number } {
    return { results: this.#entries.size, weight: this.#weight };
  }

  #evict(): void {
    for (const [key, entry] of this.#entries) {
      if (this.#weight <= this.limit) return;
      // Only settled results are dropped: one under way is someone's pending answer.
      if (entry.size === 0) continue;
      this.#entries.delete(key);
      this.#weight -= entry.size;
    }
  }
}
