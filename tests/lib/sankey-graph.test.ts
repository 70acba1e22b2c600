/**
 * src/lib/sankey-graph.ts on hand-made rows whose right answers are computed by hand: a
 * 3 (plan) × 2 (engagement) × 2 (ticket level) journey, where "Low" and "High" are both an
 * engagement level and a ticket level.
 */
import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/lib/rows.ts';
import { NONE_LABEL, type SankeyStage, sankeyGraph, sankeyLinkColumns, sankeyLinkRows } from '../../src/lib/sankey-graph.ts';

const PLAN: SankeyStage = { key: 'plan', label: 'Plan', order: ['Starter', 'Growth', 'Enterprise'] };
const ENGAGEMENT: SankeyStage = { key: 'engagement', label: 'Engagement', order: ['Low', 'High'] };
const TICKETS: SankeyStage = { key: 'tickets', label: 'Tickets', order: ['Low', 'High'] };
const STAGES = [PLAN, ENGAGEMENT, TICKETS];

/** [plan, engagement, tickets, accounts, arr]: plans 20, 20, 10; engagement Low 27, High 23; tickets Low 32, High 18. */
const COMBINATIONS: readonly (readonly [string, string, string, number, number])[] = [
  ['Starter', 'Low', 'Low', 10, 12_000.5],
  ['Starter', 'Low', 'High', 5, 6_100.25],
  ['Starter', 'High', 'Low', 3, 3_900],
  ['Starter', 'High', 'High', 2, 2_750.75],
  ['Growth', 'Low', 'Low', 4, 20_000],
  ['Growth', 'Low', 'High', 6, 31_500.1],
  ['Growth', 'High', 'Low', 8, 44_000],
  ['Growth', 'High', 'High', 2, 9_999.99],
  ['Enterprise', 'Low', 'Low', 1, 80_000],
  ['Enterprise', 'Low', 'High', 1, 75_000],
  ['Enterprise', 'High', 'Low', 6, 510_000.3],
  ['Enterprise', 'High', 'High', 2, 160_000],
];
const rows: Row[] = COMBINATIONS.map(([plan, engagement, tickets, accounts, arr]) => ({ plan, engagement, tickets, value: accounts, arr }));

/** Node values by id. */
function values(graph: ReturnType<typeof sankeyGraph>): Record<string, number> {
  return Object.fromEntries(graph.nodes.map((node) => [node.id, node.value]));
}

describe('sankeyGraph', () => {
  const graph = sankeyGraph(rows, STAGES);

  it('sums the measure through each node', () => {
    expect(graph.total).toBe(50);
    expect(values(graph)).toEqual({
      'plan=Starter': 20,
      'plan=Growth': 20,
      'plan=Enterprise': 10,
      'engagement=Low': 27,
      'engagement=High': 23,
      'tickets=Low': 32,
      'tickets=High': 18,
    });
  });

  it('gives the same totals per stage whatever the stage order', () => {
    for (const order of [
      [TICKETS, PLAN, ENGAGEMENT],
      [ENGAGEMENT, TICKETS, PLAN],
      [PLAN, TICKETS],
    ]) {
      const reordered = sankeyGraph(rows, order);
      expect(reordered.total).toBe(50);
      for (const [id, value] of Object.entries(values(reordered))) expect(value).toBe(values(graph)[id]);
    }
  });

  it('keeps a label shared by two stages as two nodes, with links only from a stage to the next (no cycle)', () => {
    const lows = graph.nodes.filter((node) => node.label === 'Low');
    expect(lows.map((node) => node.id)).toEqual(['engagement=Low', 'tickets=Low']);
    const stageOf = new Map(graph.nodes.map((node) => [node.id, node.stage]));
    for (const link of graph.links) expect(stageOf.get(link.target)).toBe((stageOf.get(link.source) ?? Number.NaN) + 1);
  });

  it('orders nodes by stage, then band order, then other values sorted and "(none)" last, whatever the row order', () => {
    const extra: Row[] = [
      { plan: 'Trial', engagement: 'High', tickets: 'Low', value: 1 },
      { plan: null, engagement: null, tickets: 'High', value: 2 },
      { plan: 'Legacy', engagement: 'Low', tickets: 'Low', value: 1 },
    ];
    const expected = ['Starter', 'Growth', 'Enterprise', 'Legacy', 'Trial', NONE_LABEL, 'Low', 'High', NONE_LABEL, 'Low', 'High'];
    for (const ordering of [[...rows, ...extra], [...extra, ...rows].reverse(), [...rows.slice(5), ...extra, ...rows.slice(0, 5)]]) {
      const shuffled = sankeyGraph(ordering, STAGES);
      expect(shuffled.nodes.map((node) => node.label)).toEqual(expected);
      expect(shuffled.nodes.map((node) => node.position)).toEqual(expected.map((_, i) => i));
      expect(shuffled.nodes.map((node) => node.stage)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2]);
    }
  });

  it('conserves the measure: every stage sums to the total, for accounts and for money', () => {
    for (const valueKey of ['value', 'arr']) {
      const weighted = sankeyGraph(rows, STAGES, valueKey);
      const total = COMBINATIONS.reduce((sum, c) => sum + (valueKey === 'value' ? c[3] : c[4]), 0);
      expect(weighted.total).toBeCloseTo(total, 6);
      for (const stage of [0, 1, 2]) {
        const nodes = weighted.nodes.filter((node) => node.stage === stage);
        expect(nodes.reduce((sum, node) => sum + node.value, 0)).toBeCloseTo(total, 6);
        expect(nodes.reduce((sum, node) => sum + node.shareOfTotal, 0)).toBeCloseTo(1, 12);
      }
      for (const stage of [0, 1]) {
        const links = weighted.links.filter((link) => link.source.startsWith(`${STAGES[stage]!.key}=`));
        expect(links.reduce((sum, link) => sum + link.value, 0)).toBeCloseTo(total, 6);
      }
    }
  });

  it('computes the links and their shares (hand-computed)', () => {
    expect(graph.links.map((link) => [link.source, link.target, link.value])).toEqual([
      ['plan=Starter', 'engagement=Low', 15],
      ['plan=Starter', 'engagement=High', 5],
      ['plan=Growth', 'engagement=Low', 10],
      ['plan=Growth', 'engagement=High', 10],
      ['plan=Enterprise', 'engagement=Low', 2],
      ['plan=Enterprise', 'engagement=High', 8],
      ['engagement=Low', 'tickets=Low', 15],
      ['engagement=Low', 'tickets=High', 12],
      ['engagement=High', 'tickets=Low', 17],
      ['engagement=High', 'tickets=High', 6],
    ]);
    const shares = graph.links.map((link) => [link.shareOfSource, link.shareOfTotal]);
    const expected = [
      [0.75, 0.3],
      [0.25, 0.1],
      [0.5, 0.2],
      [0.5, 0.2],
      [0.2, 0.04],
      [0.8, 0.16],
      [15 / 27, 0.3],
      [12 / 27, 0.24],
      [17 / 23, 0.34],
      [6 / 23, 0.12],
    ];
    shares.forEach(([ofSource, ofTotal], i) => {
      expect(ofSource).toBeCloseTo(expected[i]![0]!, 12);
      expect(ofTotal).toBeCloseTo(expected[i]![1]!, 12);
    });
    expect(graph.nodes.find((node) => node.id === 'plan=Enterprise')?.shareOfTotal).toBeCloseTo(0.2, 12);
  });

  it('skips rows whose value is null, zero, negative or not a number', () => {
    const noisy: Row[] = [
      ...rows,
      { plan: 'Trial', engagement: 'Low', tickets: 'Low', value: 0 },
      { plan: 'Trial', engagement: 'Low', tickets: 'Low', value: -4 },
      { plan: 'Trial', engagement: 'Low', tickets: 'Low', value: null },
      { plan: 'Trial', engagement: 'Low', tickets: 'Low', value: '3' },
      { plan: 'Trial', engagement: 'Low', tickets: 'Low' },
    ];
    const skipped = sankeyGraph(noisy, STAGES);
    expect(skipped.total).toBe(50);
    expect(values(skipped)).toEqual(values(graph));
    expect(skipped.links).toEqual(graph.links);
  });

  it('gives an empty graph for no rows', () => {
    expect(sankeyGraph([], STAGES)).toEqual({ nodes: [], links: [], total: 0 });
  });

  it('needs at least two distinct stages', () => {
    expect(() => sankeyGraph(rows, [PLAN])).toThrow('A Sankey needs at least two stages; got 1.');
    expect(() => sankeyGraph(rows, [])).toThrow('A Sankey needs at least two stages; got 0.');
    expect(() => sankeyGraph(rows, [PLAN, ENGAGEMENT, PLAN])).toThrow('A Sankey stage can be chosen only once; "plan" is chosen twice.');
  });
});

describe('sankeyLinkRows', () => {
  const linkRows = sankeyLinkRows(sankeyGraph(rows, STAGES));

  it('gives one row per link with stage names, labels, value and shares', () => {
    expect(linkRows).toHaveLength(10);
    expect(linkRows[0]).toEqual({
      source_stage: 'Plan',
      source: 'Starter',
      target_stage: 'Engagement',
      target: 'Low',
      value: 15,
      share_of_source: 0.75,
      share_of_total: 0.3,
    });
    expect(linkRows[9]).toMatchObject({ source_stage: 'Engagement', source: 'High', target_stage: 'Tickets', target: 'High', value: 6 });
  });

  it('matches its columns', () => {
    const columns = sankeyLinkColumns('Accounts', 'integer');
    expect(columns.map((column) => column.key)).toEqual(Object.keys(linkRows[0]!));
    expect(columns.find((column) => column.key === 'value')).toEqual({ key: 'value', label: 'Accounts', format: 'integer' });
  });
});
