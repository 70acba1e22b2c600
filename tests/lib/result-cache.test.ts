import { describe, expect, it } from 'vitest';
import { ResultCache } from '../../src/lib/result-cache.ts';

/** A computation that counts its calls and resolves with `rows` numbers. */
function counted(rows: number): { compute: () => Promise<number[]>; calls: () => number } {
  let calls = 0;
  return {
    compute: async () => {
      calls++;
      return Array.from({ length: rows }, (_, i) => i);
    },
    calls: () => calls,
  };
}

/** Lets the cache's own bookkeeping on settled results run. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ResultCache', () => {
  it('computes a result once and shares it, also while it is under way', async () => {
    const cache = new ResultCache<number>(100);
    const work = counted(3);
    const [a, b] = await Promise.all([cache.get('q', work.compute), cache.get('q', work.compute)]);
    expect(await cache.get('q', work.compute)).toBe(a);
    expect(b).toBe(a);
    expect(work.calls()).toBe(1);
  });

  it('forgets a failed result, so asking again runs it again', async () => {
    const cache = new ResultCache<number>(100);
    await expect(cache.get('q', () => Promise.reject(new Error('engine stopped')))).rejects.toThrow('engine stopped');
    await settled();
    expect(cache.has('q')).toBe(false);
    const work = counted(2);
    await expect(cache.get('q', work.compute)).resolves.toEqual([0, 1]);
    expect(work.calls()).toBe(1);
  });

  it('drops the least recently used results once their weight (rows plus one each) passes the limit', async () => {
    const cache = new ResultCache<number>(10);
    await cache.get('a', counted(3).compute);
    await cache.get('b', counted(3).compute);
    await settled();
    expect(cache.size).toEqual({ results: 2, weight: 8 });
    // Reading a makes b the least recently used.
    await cache.get('a', counted(3).compute);
    await cache.get('c', counted(3).compute);
    await settled();
    expect(['a', 'b', 'c'].filter((key) => cache.has(key))).toEqual(['a', 'c']);
    expect(cache.size).toEqual({ results: 2, weight: 8 });
  });

  it('counts empty results, so many of them are bounded too', async () => {
    const cache = new ResultCache<number>(5);
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) await cache.get(key, counted(0).compute);
    await settled();
    expect(cache.size).toEqual({ results: 5, weight: 5 });
    expect(cache.has('a')).toBe(false);
    expect(cache.has('g')).toBe(true);
  });

  it('never drops a result under way', async () => {
    const cache = new ResultCache<number>(2);
    let finish: (rows: number[]) => void = () => {};
    const pending = cache.get('slow', () => new Promise<number[]>((resolve) => (finish = resolve)));
    await cache.get('big', counted(5).compute);
    await settled();
    expect(cache.has('slow')).toBe(true);
    expect(cache.has('big')).toBe(false);
    finish([1]);
    await expect(pending).resolves.toEqual([1]);
  });
});
