import { describe, expect, it } from 'vitest';
import { countTick, inSentence } from '../../src/lib/format.ts';

describe('inSentence: a label inside a sentence', () => {
  it('lowers the first letter only, and keeps a label that starts with an acronym', () => {
    expect(inSentence('Seats purchased')).toBe('seats purchased');
    expect(inSentence('ARR')).toBe('ARR');
    expect(inSentence('ARR in red accounts')).toBe('ARR in red accounts');
    expect(inSentence('NPS score')).toBe('NPS score');
    expect(inSentence('Average order value')).toBe('average order value');
    expect(inSentence('A')).toBe('a');
    expect(inSentence(undefined)).toBeUndefined();
  });
});

describe('countTick: a count axis in compact form', () => {
  it('writes thousands and millions with capitals, as the money ticks do', () => {
    expect([0, 950, 200_000, 1_500_000, 12_345].map(countTick)).toEqual(['0', '950', '200K', '1.5M', '12.35K']);
  });
});
