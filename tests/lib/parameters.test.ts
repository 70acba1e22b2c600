import { describe, expect, it } from 'vitest';
import {
  type AllowedValues,
  type Parameter,
  type ParameterState,
  defaultState,
  describeState,
  droppedNote,
  neighbourStates,
  neighbourStatesInTurns,
  parametersToSearch,
  parseParameters,
  sameState,
  withChange,
  withValue,
} from '../../src/lib/parameters.ts';
import { SEAT_USAGE_PARAMETERS } from '../../src/lib/seat-usage-filters.ts';

const allowed: AllowedValues = {
  region: ['ANZ', 'Greater China', 'Japan'],
  size_band: ['1', '2-5', '500+'],
  tenure_segment: ['Q1', '5+ years'],
  plan: ['starter', 'pro'],
  month: ['2026-07', '2026-08'],
};
const seatUsage = SEAT_USAGE_PARAMETERS;

const weight: Parameter = { kind: 'number', name: 'w1', label: 'Interaction weight', min: 0, max: 1, step: 0.05, default: 0.7 };
const account: Parameter = { kind: 'id', name: 'account', label: 'Account', source: { dataset: 'accounts', column: 'account_id' } };
const drill: Parameter = {
  kind: 'path',
  name: 'drill',
  label: 'Drill',
  dataset: 'accounts',
  levels: [
    { column: 'region', label: 'Region' },
    { column: 'country', label: 'Country' },
    { column: 'industry', label: 'Industry' },
  ],
};
const mixed = [seatUsage[0]!, weight, account, drill];

describe('categories', () => {
  it('keeps known values of declared parameters, in the URL keys of the seat-usage pages', () => {
    const { state, dropped } = parseParameters('?region=Greater+China&size_band=500%2B&tenure_segment=5%2B+years&month=2026-08', seatUsage, allowed);
    expect(state).toEqual({ region: 'Greater China', size_band: '500+', tenure_segment: '5+ years', month: '2026-08' });
    expect(dropped).toEqual([]);
  });

  it('drops unknown values with a note and ignores undeclared keys', () => {
    const { state, dropped } = parseParameters('?region=Atlantis&plan=pro&utm_source=mail', seatUsage, allowed);
    expect(state).toEqual({ plan: 'pro' });
    expect(dropped).toEqual([{ name: 'region', label: 'Region', value: 'Atlantis', reason: 'it is not one of the known values' }]);
    expect(droppedNote(dropped[0]!)).toBe('Ignored the region value "Atlantis" from the address: it is not one of the known values.');
  });

  it('drops hostile values and shortens long ones in the note', () => {
    const long = 'x'.repeat(5000);
    const search = new URLSearchParams([
      ['region', "'; DROP TABLE x; --"],
      ['plan', '<script>alert(1)</script>'],
      ['month', long],
      ['size_band', '1 OR 1=1'],
    ]);
    const { state, dropped } = parseParameters(search, seatUsage, allowed);
    expect(state).toEqual({});
    expect(dropped.map((d) => d.name)).toEqual(['region', 'plan', 'month', 'size_band']);
    expect(dropped[0]!.value).toBe("'; DROP TABLE x; --");
    expect(dropped[2]!.value).toBe(`${'x'.repeat(40)}…`);
  });

  it('keeps the first of repeated values and notes the rest', () => {
    const { state, dropped } = parseParameters('?region=Japan&region=ANZ', seatUsage, allowed);
    expect(state).toEqual({ region: 'Japan' });
    expect(dropped).toEqual([{ name: 'region', label: 'Region', value: 'ANZ', reason: 'the address gives it twice' }]);
  });

  it('is case-sensitive: values must match exactly', () => {
    expect(parseParameters('?region=japan', seatUsage, allowed).state).toEqual({});
  });

  it('writes parameters in their declared order and round-trips', () => {
    const state = { month: '2026-07', region: 'Greater China', size_band: '500+' };
    const search = parametersToSearch(seatUsage, state);
    expect(search).toBe('?region=Greater+China&size_band=500%2B&month=2026-07');
    expect(parseParameters(search, seatUsage, allowed).state).toEqual(state);
    expect(parametersToSearch(seatUsage, {})).toBe('');
  });

  it('sets and clears one value without touching the others', () => {
    const set = withValue({ plan: 'pro' }, 'region', 'Japan');
    expect(set).toEqual({ plan: 'pro', region: 'Japan' });
    expect(withValue(set, 'plan', null)).toEqual({ region: 'Japan' });
    expect(sameState(seatUsage, set, { region: 'Japan', plan: 'pro' })).toBe(true);
    expect(sameState(seatUsage, set, { region: 'Japan' })).toBe(false);
  });
});

describe('numbers', () => {
  it('accept values in range and on the step grid; the default is not written to the URL', () => {
    expect(parseParameters('?w1=0.35', [weight], allowed).state).toEqual({ w1: 0.35 });
    expect(parseParameters('?w1=1', [weight], allowed).state).toEqual({ w1: 1 });
    expect(defaultState(mixed)).toEqual({ w1: 0.7 });
    expect(parametersToSearch([weight], { w1: 0.7 })).toBe('');
    expect(parametersToSearch([weight], { w1: 0.35 })).toBe('?w1=0.35');
    expect(sameState([weight], {}, { w1: 0.7 })).toBe(true);
  });

  it.each(['1.5', '-0.05', '0.33', 'NaN', 'Infinity', '', '0x1', '1e400', '0.7; DROP TABLE x'])('drop %j with a note', (raw) => {
    const { state, dropped } = parseParameters(new URLSearchParams([['w1', raw]]), [weight], allowed);
    expect(state).toEqual({});
    expect(droppedNote(dropped[0]!)).toBe(`Ignored the interaction weight value "${raw}" from the address: it is not a number from 0 to 1 in steps of 0.05.`);
  });
});

describe('ids and paths', () => {
  it('take plain ids; anything else is dropped before it reaches the engine', () => {
    expect(parseParameters('?account=A-000123', [account], allowed).state).toEqual({ account: 'A-000123' });
    for (const raw of ["A1' OR '1'='1", '<b>', 'x'.repeat(65), '']) {
      const { state, dropped } = parseParameters(new URLSearchParams([['account', raw]]), [account], allowed);
      expect(state).toEqual({});
      expect(dropped[0]!.reason).toBe('it is not a valid id');
    }
  });

  it('read a path level by level, up to its depth, and write it back', () => {
    const { state } = parseParameters('?drill=ANZ%2FAustralia', [drill], allowed);
    expect(state).toEqual({ drill: ['ANZ', 'Australia'] });
    expect(parametersToSearch([drill], state)).toBe('?drill=ANZ%2FAustralia');
    expect(parametersToSearch([drill], { drill: [] })).toBe('');
    expect(parseParameters('?drill=a%2Fb%2Fc%2Fd', [drill], allowed).dropped[0]!.reason).toBe('it is not a path of up to 3 levels');
    expect(parseParameters('?drill=a%2F%2Fb', [drill], allowed).state).toEqual({});
  });

  it('describe the state in words, defaults left out', () => {
    expect(describeState(mixed, { region: 'Japan', w1: 0.7, drill: ['ANZ', 'Australia'] })).toBe('Showing Region: Japan · Drill: ANZ › Australia');
    expect(describeState(mixed, { w1: 0.7 })).toBe('Showing all data');
  });
});

const measure: Parameter = {
  kind: 'choice',
  name: 'measure',
  label: 'Measure',
  options: [
    { value: 'accounts', label: 'Accounts' },
    { value: 'arr', label: 'ARR' },
  ],
  default: 'accounts',
};

describe('choices and sequences', () => {
  const stages: Parameter = {
    kind: 'sequence',
    name: 'stages',
    label: 'Stages',
    min: 2,
    options: [
      { value: 'plan', label: 'Plan' },
      { value: 'engagement', label: 'Engagement' },
      { value: 'active_status', label: 'Active status' },
    ],
    default: ['plan', 'engagement', 'active_status'],
  };

  it('are always set: their defaults are the state before anything is chosen, and are not written', () => {
    expect(defaultState([measure, stages])).toEqual({ measure: 'accounts', stages: ['plan', 'engagement', 'active_status'] });
    expect(parametersToSearch([measure, stages], defaultState([measure, stages]))).toBe('');
    expect(parametersToSearch([measure, stages], { measure: 'arr', stages: ['active_status', 'plan'] })).toBe('?measure=arr&stages=active_status%2Fplan');
    expect(describeState([measure, stages], { measure: 'arr', stages: ['active_status', 'plan'] })).toBe('Showing Measure: ARR · Stages: Active status › Plan');
  });

  it('take only their options, a sequence at least its minimum, each option once', () => {
    expect(parseParameters('?measure=arr&stages=engagement%2Fplan', [measure, stages], {}).state).toEqual({ measure: 'arr', stages: ['engagement', 'plan'] });
    const bad = parseParameters(
      new URLSearchParams([
        ['measure', 'seats'],
        ['stages', 'plan'],
      ]),
      [measure, stages],
      {},
    );
    expect(bad.state).toEqual({});
    expect(bad.dropped.map(droppedNote)).toEqual([
      'Ignored the measure value "seats" from the address: it is not one of the choices.',
      'Ignored the stages value "plan" from the address: it is not a list of at least 2 different stages.',
    ]);
    expect(parseParameters('?stages=plan%2Fplan', [stages], {}).state).toEqual({});
    expect(parseParameters("?stages=plan%2Fregion'--", [stages], {}).state).toEqual({});
  });
});

describe('texts and positions that reset', () => {
  const search: Parameter = { kind: 'text', name: 'q', label: 'Search customers', maxLength: 10 };
  const page: Parameter = { kind: 'number', name: 'page', label: 'Page', min: 1, max: 100, step: 1, default: 1, resetsWithOthers: true };

  it('take any text up to the length, trimmed, quotes and markup included (it is bound, never pasted)', () => {
    expect(parseParameters('?q=%20O%27Brien%20', [search], allowed).state).toEqual({ q: "O'Brien" });
    expect(parseParameters('?q=%3Cb%3E%26', [search], allowed).state).toEqual({ q: '<b>&' });
    expect(parametersToSearch([search], { q: "O'Brien & Co" })).toBe('?q=O%27Brien+%26+Co');
  });

  it.each(['', '   ', 'elevenchars', 'a\u0000b', 'tab\there'])('drop %j with a note', (raw) => {
    const { state, dropped } = parseParameters(new URLSearchParams([['q', raw]]), [search], allowed);
    expect(state).toEqual({});
    expect(droppedNote(dropped[0]!)).toBe(`Ignored the search customers value "${raw}" from the address: it is not a text of 1 to 10 characters.`);
  });

  it('send the page back to its default when anything else changes, and keep it when it is what changes', () => {
    const parameters = [search, page];
    expect(withChange(parameters, { q: 'a', page: 4 }, 'q', 'b')).toEqual({ q: 'b', page: 1 });
    expect(withChange(parameters, { q: 'a', page: 4 }, 'q', null)).toEqual({ page: 1 });
    expect(withChange(parameters, { q: 'a', page: 4 }, 'page', 5)).toEqual({ q: 'a', page: 5 });
    expect(withChange([weight], { w1: 0.35 }, 'w1', 0.4)).toEqual({ w1: 0.4 });
  });
});

describe('neighbourStates', () => {
  it('gives every state one filter choice away, in the order of the bar', () => {
    const regionAndPlan = seatUsage.filter((p) => p.name === 'region' || p.name === 'plan');
    const states = neighbourStates(regionAndPlan, allowed, { region: 'Japan' });
    expect(states.map((state) => parametersToSearch(regionAndPlan, state))).toEqual([
      '',
      '?region=ANZ',
      '?region=Greater+China',
      '?region=Japan&plan=starter',
      '?region=Japan&plan=pro',
    ]);
  });

  it('counts one state per other value of each category, and none for numbers, ids or paths', () => {
    const states = neighbourStates([...seatUsage, weight, account, drill], allowed, {});
    const values = Object.values(allowed).reduce((sum, list) => sum + list.length, 0);
    expect(states).toHaveLength(values);
    expect(new Set(states.map((state) => parametersToSearch(seatUsage, state))).size).toBe(values);
  });

  it('moves a position that resets with other parameters back to its default, as the bar does', () => {
    const page: Parameter = { kind: 'number', name: 'page', label: 'Page', min: 0, max: 99, step: 1, default: 0, resetsWithOthers: true };
    const parameters = [seatUsage[0]!, page];
    const states = neighbourStates(parameters, allowed, { page: 4 });
    expect(states.every((state) => state.page === 0)).toBe(true);
  });

  it('offers the other options of a choice', () => {
    expect(neighbourStates([measure], allowed, { measure: 'accounts' })).toEqual([{ measure: 'arr' }]);
  });
});

describe('neighbourStatesInTurns', () => {
  it('takes one value of each parameter in turn, so the first states change every filter', () => {
    const parameters = [...seatUsage.filter((p) => p.name === 'region' || p.name === 'plan'), measure];
    const states = neighbourStatesInTurns(parameters, allowed, { region: 'Japan', measure: 'accounts' });
    expect(states.map((state) => parametersToSearch(parameters, state))).toEqual([
      '',
      '?region=Japan&plan=starter',
      '?region=Japan&measure=arr',
      '?region=ANZ',
      '?region=Japan&plan=pro',
      '?region=Greater+China',
    ]);
  });

  it('holds the same states as neighbourStates', () => {
    const parameters = [...seatUsage, measure, weight, account];
    const key = (state: ParameterState) => parametersToSearch(parameters, state);
    const inTurns = neighbourStatesInTurns(parameters, allowed, {}).map(key);
    expect(inTurns).toHaveLength(neighbourStates(parameters, allowed, {}).length);
    expect([...inTurns].sort()).toEqual(neighbourStates(parameters, allowed, {}).map(key).sort());
  });
});
