/** scripts/generate/utc-text.ts: the memoised ISO text matches what Date itself gives. */
import { expect, test } from 'vitest';
import { isoDate, isoTimestamp } from '../../scripts/generate/utc-text.ts';

test('isoDate and isoTimestamp agree with Date.toISOString', () => {
  const start = Date.parse('2019-12-31T00:00:00Z');
  for (let i = 0; i < 20_000; i++) {
    // Instants spread over seven years, leap days and month ends included, with milliseconds.
    const ms = start + ((i * 2_654_435_761) % 220_898_000_000) + (i % 1000);
    const iso = new Date(ms).toISOString();
    expect(isoDate(ms)).toBe(iso.slice(0, 10));
    expect(isoTimestamp(ms)).toBe(iso.slice(0, 19).replace('T', ' '));
  }
});
