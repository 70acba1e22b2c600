/** src/lib/narrative.ts: prose with figures and glossary terms, and its HTML. */
import { describe, expect, test } from 'vitest';
import { compareWord, figure, list, paragraphHtml, plainText, prose, term } from '../../src/lib/narrative.ts';

const href = { href: (id: string) => `/data/#term-${id}`, name: (id: string) => `the ${id} entry` };

describe('prose', () => {
  const paragraph = prose`Utilization is ${figure('utilization_rate', 0.7412, 'percent')} over ${figure('usage_rows', 955033, 'integer')} ${term('usage-row', 'usage rows')}.`;

  test('keeps text, figures and terms in order, and splices nested paragraphs', () => {
    expect(plainText(paragraph, href)).toBe('Utilization is 74.1% over 955,033 usage rows.');
    const nested = prose`Before. ${paragraph} After.`;
    expect(plainText(nested, href)).toBe('Before. Utilization is 74.1% over 955,033 usage rows. After.');
    expect(nested.flatMap((f) => (typeof f !== 'string' && f.kind === 'figure' ? [f.key] : []))).toEqual(['utilization_rate', 'usage_rows']);
  });

  test('renders each figure as <data> with its key, format and raw value, and each term as a glossary link', () => {
    expect(paragraphHtml(paragraph, href)).toBe(
      'Utilization is <data class="figure" data-figure="utilization_rate" data-format="percent" value="0.7412">74.1%</data> over ' +
        '<data class="figure" data-figure="usage_rows" data-format="integer" value="955033">955,033</data> ' +
        '<a class="term" href="/data/#term-usage-row">usage rows</a>.',
    );
  });

  test('escapes text, keys and values from the data', () => {
    const html = paragraphHtml(prose`A <b> & ${figure('max(accounts@region)', 'Tom & Jerry\'s "<Co>"', 'text')}`, href);
    expect(html).toBe(
      'A &lt;b&gt; &amp; <data class="figure" data-figure="max(accounts@region)" data-format="text" value="Tom &amp; Jerry&#39;s &quot;&lt;Co&gt;&quot;">Tom &amp; Jerry&#39;s &quot;&lt;Co&gt;&quot;</data>',
    );
  });

  test('a missing value shows as a dash and an empty value attribute', () => {
    expect(paragraphHtml([figure('nrr@month=2026-05', null, 'percent')], href)).toBe(
      '<data class="figure" data-figure="nrr@month=2026-05" data-format="percent" value="">–</data>',
    );
  });
});

test('list joins items with commas and a last "and", keeping their figures', () => {
  const items = ['a', 'b', 'c'].map((name, i) => prose`${figure(`n@x=${name}`, i + 1, 'integer')} (${name})`);
  expect(plainText(list(items), href)).toBe('1 (a), 2 (b) and 3 (c)');
  expect(plainText(list(items.slice(0, 2)), href)).toBe('1 (a) and 2 (b)');
  expect(plainText(list(items.slice(0, 1)), href)).toBe('1 (a)');
  expect(list([])).toEqual([]);
});

describe('compareWord', () => {
  const words = { above: 'higher', below: 'lower', same: 'the same' };
  test.each([
    [0.8, 0.6, 'higher'],
    [0.6, 0.8, 'lower'],
    [0.7, 0.7, 'the same'],
    [null, 0.7, 'the same'],
  ])('%s against %s is %s', (a, b, expected) => {
    expect(compareWord(a, b, words)).toBe(expected);
  });
});

test('a term without its own words is written with the name of its glossary entry', () => {
  expect(plainText(prose`See ${term('usage-row')}.`, href)).toBe('See the usage-row entry.');
  expect(paragraphHtml(prose`See ${term('usage-row')}.`, href)).toBe('See <a class="term" href="/data/#term-usage-row">the usage-row entry</a>.');
});
