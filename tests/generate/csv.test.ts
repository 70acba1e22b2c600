/** scripts/generate/csv.ts: money text built from whole cents matches JavaScript's own number text. */
import { expect, test } from 'vitest';
import { centsText } from '../../scripts/generate/csv.ts';

test('centsText gives the text of String(cents / 100)', () => {
  const cents = [0, 1, 5, 9, 10, 11, 50, 99, 100, 101, 110, 199, 1_000, 12_345, 41_950, 99_999_999, 123_456_789_012];
  // A deterministic spread over the magnitudes the generator writes (up to tens of millions of USD).
  for (let i = 0; i < 20_000; i++) cents.push(Math.floor((((i * 2_654_435_761) % 4_294_967_296) / 4_294_967_296) * 10 ** (1 + (i % 10))));
  for (const c of cents) expect(centsText(c), `${c} cents`).toBe(String(c / 100));
});
