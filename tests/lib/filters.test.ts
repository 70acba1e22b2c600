import { describe, expect, it } from 'vitest';
import { filtersToSearch, parseFilters, sameFilters, withFilter, type AllowedValues } from '../../src/lib/filters.ts';

const allowed: AllowedValues = {
  region: ['ANZ', 'Greater China', 'Japan'],
  size_band: ['1', '2-5', '500+'],
  tenure_segment: ['Q1', '5+ years'],
  plan: ['starter', 'pro'],
  month: ['2026-07', '2026-08'],
};

describe('parseFilters', () => {
  it('keeps known values of known dimensions', () => {
    const { state, dropped } = parseFilters('?region=Greater+China&size_band=500%2B&tenure_segment=5%2B+years&month=2026-08', allowed);
    expect(state).toEqual({ region: 'Greater China', size_band: '500+', tenure_segment: '5+ years', month: '2026-08' });
    expect(dropped).toEqual([]);
  });

  it('drops unknown values with a note and ignores unrelated parameters', () => {
    const { state, dropped } = parseFilters('?region=Atlantis&plan=pro&utm_source=mail', allowed);
    expect(state).toEqual({ plan: 'pro' });
    expect(dropped).toEqual([{ dimension: 'region', value: 'Atlantis' }]);
  });

  it('drops hostile values and shortens long ones in the note', () => {
    const long = 'x'.repeat(5000);
    const search = new URLSearchParams([
      ['region', "'; DROP TABLE x; --"],
      ['plan', '<script>alert(1)</script>'],
      ['month', long],
      ['size_band', '1 OR 1=1'],
    ]);
    const { state, dropped } = parseFilters(search, allowed);
    expect(state).toEqual({});
    expect(dropped.map((d) => d.dimension)).toEqual(['region', 'plan', 'month', 'size_band']);
    expect(dropped[0]!.value).toBe("'; DROP TABLE x; --");
    expect(dropped[2]!.value).toBe(`${'x'.repeat(40)}…`);
  });

  it('keeps the first of repeated values and notes the rest', () => {
    const { state, dropped } = parseFilters('?region=Japan&region=ANZ', allowed);
    expect(state).toEqual({ region: 'Japan' });
    expect(dropped).toEqual([{ dimension: 'region', value: 'ANZ' }]);
  });

  it('is case-sensitive: values must match exactly', () => {
    expect(parseFilters('?region=japan', allowed).state).toEqual({});
  });
});

describe('filtersToSearch', () => {
  it('writes dimensions in a fixed order and round-trips through parseFilters', () => {
    const state = { month: '2026-07', region: 'Greater China', size_band: '500+' };
    const search = filtersToSearch(state);
    expect(search).toBe('?region=Greater+China&size_band=500%2B&month=2026-07');
    expect(parseFilters(search, allowed).state).toEqual(state);
  });

  it('is empty when nothing is filtered', () => {
    expect(filtersToSearch({})).toBe('');
  });
});

describe('withFilter and sameFilters', () => {
  it('sets and clears one dimension without touching the others', () => {
    const set = withFilter({ plan: 'pro' }, 'region', 'Japan');
    expect(set).toEqual({ plan: 'pro', region: 'Japan' });
    expect(withFilter(set, 'plan', null)).toEqual({ region: 'Japan' });
    expect(sameFilters(set, { region: 'Japan', plan: 'pro' })).toBe(true);
    expect(sameFilters(set, { region: 'Japan' })).toBe(false);
  });
});
