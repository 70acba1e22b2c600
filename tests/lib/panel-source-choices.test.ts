/** src/lib/panel-source-choices.ts: the source's contradictions and our choices, written from hand-made panel totals. */
import { describe, expect, test } from 'vitest';
import { bandLabels } from '../../src/lib/bands.ts';
import { PANEL } from '../../src/lib/config.ts';
import { type Figure, type Paragraph, plainText } from '../../src/lib/narrative.ts';
import { panelSourceChoices, zeroPortfolioNote } from '../../src/lib/panel-source-choices.ts';
import type { Row } from '../../src/lib/rows.ts';

const glossary = { name: (id: string) => id };
const [low, medium, high] = bandLabels(PANEL.engagement) as [string, string, string];
const [small, mid, large] = bandLabels(PANEL.arrGroups) as [string, string, string];

/** A row of the totals query: one grouping column set, or none for the whole panel. */
const row = (group: Partial<Record<'active_status' | 'engagement' | 'arr_group', string>>, accounts: number, tickets: number, zero = 0): Row => ({
  active_status: group.active_status ?? null,
  engagement: group.engagement ?? null,
  arr_group: group.arr_group ?? null,
  accounts,
  tickets,
  zero_portfolio: zero,
});

// 10 accounts with 20 tickets, 2 of them with a portfolio of 0.
const ROWS: Row[] = [
  row({}, 10, 20, 2),
  row({ active_status: 'Active' }, 7, 15),
  row({ active_status: 'Inactive' }, 3, 5),
  row({ engagement: low }, 2, 1),
  row({ engagement: medium }, 6, 12),
  row({ engagement: high }, 2, 7),
  row({ arr_group: small }, 8, 10),
  row({ arr_group: mid }, 1, 4),
  row({ arr_group: large }, 1, 6),
];

const figures = (paragraph: Paragraph): Record<string, Figure['value']> =>
  Object.fromEntries(paragraph.flatMap((f) => (typeof f !== 'string' && f.kind === 'figure' ? [[f.key, f.value]] : [])));

describe('panelSourceChoices', () => {
  const [tickets, bins, arr] = panelSourceChoices(ROWS);

  test('counts tickets once: the total and both splits, which add up to it', () => {
    expect(figures(tickets!.choice)).toEqual({
      'tickets@panel': 20,
      'tickets@active_status=Active': 15,
      'tickets@active_status=Inactive': 5,
      [`tickets@engagement=${low}`]: 1,
      [`tickets@engagement=${medium}`]: 12,
      [`tickets@engagement=${high}`]: 7,
    });
  });

  test('names the bands with their labels and lower bounds from config', () => {
    const text = plainText(bins!.choice, glossary);
    for (const band of [...PANEL.engagement, ...PANEL.featureBreadth, ...PANEL.portfolioGroups]) expect(text).toContain(`“${band.label}” from ${band.min}`);
    expect(figures(bins!.choice)).toEqual({});
  });

  test('gives each ARR group its share of accounts, and their sum', () => {
    expect(figures(arr!.choice)).toEqual({
      [`account_share@arr_group=${small}`]: 0.8,
      [`account_share@arr_group=${mid}`]: 0.1,
      [`account_share@arr_group=${large}`]: 0.1,
      'account_share_sum@arr_group': 1,
    });
  });

  test('fails when a group is missing from the rows', () => {
    expect(() => panelSourceChoices(ROWS.filter((r) => r.engagement !== high))).toThrow(`engagement = ${high}`);
  });
});

test('zeroPortfolioNote counts the accounts with a portfolio of 0 and names the first portfolio group', () => {
  const note = zeroPortfolioNote(ROWS);
  expect(figures(note)).toEqual({ 'zero_portfolio@panel': 2 });
  expect(plainText(note, glossary)).toContain(`“${PANEL.portfolioGroups[0]!.label}”`);
});
