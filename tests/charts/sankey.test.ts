/**
 * src/lib/charts/sankey.ts rendered to static SVG: one cross-filter rect per node, tagged
 * with its own stage; focusable, labelled links as wide as their flow; node labels in
 * stage order; a layout that keeps the band order even when the flows pull the other way.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderToHtml } from '../../src/build/render-static.ts';
import { sankeyRendering } from '../../src/lib/charts/sankey.ts';
import { CATEGORICAL } from '../../src/lib/palette.ts';
import type { Row } from '../../src/lib/rows.ts';
import { type SankeyStage, sankeyGraph } from '../../src/lib/sankey-graph.ts';

const STAGES: SankeyStage[] = [
  { key: 'plan', label: 'Plan', order: ['Starter', 'Growth', 'Enterprise'] },
  { key: 'engagement', label: 'Engagement', order: ['Low', 'Medium', 'High'] },
  { key: 'ticket_range', label: 'Tickets', order: ['Low', 'High'] },
];
/** Flows that run against the band order (Starter mostly High, Enterprise mostly Low), which d3-sankey's own sort would untangle by moving nodes. */
const rows: Row[] = [
  { plan: 'Starter', engagement: 'High', ticket_range: 'High', value: 40 },
  { plan: 'Starter', engagement: 'Low', ticket_range: 'Low', value: 2 },
  { plan: 'Growth', engagement: 'Medium', ticket_range: 'High', value: 20 },
  { plan: 'Growth', engagement: 'Medium', ticket_range: 'Low', value: 5 },
  { plan: 'Enterprise', engagement: 'Low', ticket_range: 'Low', value: 30 },
  { plan: 'Enterprise', engagement: 'High', ticket_range: 'Low', value: 3 },
];
const graph = sankeyGraph(rows, STAGES);
/** Drawn with nodes that filter by their stage, or only focusable. */
const crossFiltered = true;

function svgOf(filterByStage: boolean, format: 'integer' | 'money' = 'integer'): Document {
  const html = renderToHtml(sankeyRendering(graph, { measureLabel: format === 'money' ? 'ARR' : 'accounts', format, filterByStage }));
  return parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;
}

describe('sankeyRendering', () => {
  const document = svgOf(crossFiltered);
  const nodeRects = [...document.querySelectorAll('rect[data-filter]')];
  const linkPaths = [...document.querySelectorAll('g[aria-label="link"] path')];

  it('draws one rect per node, each filtering by its own stage', () => {
    expect(nodeRects.map((rect) => [rect.getAttribute('data-filter'), rect.getAttribute('data-value')])).toEqual(
      graph.nodes.map((node) => [node.stageKey, node.label]),
    );
    expect(document.querySelectorAll('rect')).toHaveLength(graph.nodes.length);
    for (const rect of nodeRects) {
      expect(rect.getAttribute('tabindex')).toBe('0');
      expect(rect.getAttribute('role')).toBe('button');
    }
    expect(nodeRects[3]?.getAttribute('aria-label')).toBe('Filter by Engagement: Low');
    expect(nodeRects[6]?.getAttribute('aria-label')).toBe('Filter by Tickets: Low');
    expect(nodeRects[0]?.querySelector('title')?.textContent).toBe('Plan: Starter, 42 accounts (42.0% of all)');
    // Colours from the palette, by band within each stage.
    expect(nodeRects.map((rect) => rect.getAttribute('fill'))).toEqual([0, 1, 2, 0, 1, 2, 0, 1].map((i) => CATEGORICAL[i]));
  });

  it('draws focusable links with their counts in the aria-label and title, as wide as their flow', () => {
    expect(linkPaths).toHaveLength(graph.links.length);
    for (const path of linkPaths) expect(path.getAttribute('tabindex')).toBe('0');
    expect(linkPaths[0]?.getAttribute('aria-label')).toBe('Plan Starter to Engagement Low: 2 accounts, 4.8% of Starter');
    expect(linkPaths[0]?.querySelector('title')?.textContent).toBe('Starter → Low: 2 accounts, 4.8% of Starter');
    expect(linkPaths[0]?.getAttribute('stroke')).toBe(CATEGORICAL[0]);
    expect(linkPaths[0]?.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+C/);
    // The flows out of the first stage fill its nodes' height: stroke width is the link's width.
    const firstStage = graph.links.filter((link) => link.source.startsWith('plan=')).length;
    const widths = linkPaths.slice(0, firstStage).reduce((sum, path) => sum + Number(path.getAttribute('stroke-width')), 0);
    const heights = nodeRects.slice(0, 3).reduce((sum, rect) => sum + Number(rect.getAttribute('height')), 0);
    expect(widths).toBeCloseTo(heights, 6);
  });

  it('labels the nodes with value and share, in stage order, under stage headings', () => {
    const labels = [...document.querySelectorAll('text')].filter((text) => text.querySelector('tspan'));
    expect(labels.map((text) => text.querySelector('tspan')?.textContent)).toEqual(graph.nodes.map((node) => node.label));
    expect(labels[0]?.textContent).toBe('Starter42 (42.0%)');
    const headings = [...document.querySelectorAll('text')].filter((text) => !text.querySelector('tspan')).map((text) => text.textContent);
    expect(headings).toEqual(['Plan', 'Engagement', 'Tickets']);
  });

  it('keeps the band order in the layout: y increases down each stage', () => {
    for (const stage of [0, 1, 2]) {
      const ys = graph.nodes.flatMap((node, i) => (node.stage === stage ? [Number(nodeRects[i]?.getAttribute('y'))] : []));
      expect(ys.length).toBeGreaterThan(1);
      for (let i = 1; i < ys.length; i++) expect(ys[i]!).toBeGreaterThan(ys[i - 1]!);
    }
  });

  it('writes no NaN, and the same SVG every time', () => {
    const html = document.body.innerHTML;
    expect(html).not.toContain('NaN');
    expect(svgOf(crossFiltered).body.innerHTML).toBe(html);
  });

  it('without a cross-filter, keeps the nodes focusable with their counts as the label', () => {
    const plain = svgOf(false, 'money');
    expect(plain.querySelectorAll('[data-filter]')).toHaveLength(0);
    const rect = plain.querySelector('rect');
    expect(rect?.getAttribute('tabindex')).toBe('0');
    expect(rect?.getAttribute('aria-label')).toBe('Plan: Starter, $42 ARR (42.0% of all)');
  });

  it('sets no filter from a "(none)" node, which is no parameter value', () => {
    const missing = sankeyGraph([...rows, { plan: null, engagement: 'Low', ticket_range: 'Low', value: 4 }], STAGES);
    const html = renderToHtml(sankeyRendering(missing, { measureLabel: 'accounts', format: 'integer', filterByStage: crossFiltered }));
    const none = parseHTML(html).document.querySelectorAll('rect')[3];
    expect(none?.getAttribute('data-filter')).toBeNull();
    expect(none?.getAttribute('tabindex')).toBe('0');
    expect(none?.getAttribute('aria-label')).toBe('Plan: (none), 4 accounts (3.8% of all)');
  });

  it('keeps the labels of small nodes at the bottom of a column apart and inside the SVG, below the headings', () => {
    const stages: SankeyStage[] = [
      { key: 'plan', label: 'Plan', order: ['Starter', 'Growth'] },
      { key: 'ticket_range', label: 'Tickets', order: ['0', '1', '2-4', '5-10', '11+'] },
      { key: 'active_status', label: 'Active', order: ['Active', 'Inactive'] },
    ];
    const small = sankeyGraph(
      [
        { plan: 'Starter', ticket_range: '0', active_status: 'Active', value: 400 },
        { plan: 'Growth', ticket_range: '1', active_status: 'Active', value: 300 },
        { plan: 'Growth', ticket_range: '2-4', active_status: 'Active', value: 2 },
        { plan: 'Growth', ticket_range: '5-10', active_status: 'Inactive', value: 1 },
        { plan: 'Growth', ticket_range: '11+', active_status: 'Inactive', value: 1 },
      ],
      stages,
    );
    const height = 200;
    const html = renderToHtml(sankeyRendering(small, { measureLabel: 'accounts', format: 'integer', width: 300, height, filterByStage: crossFiltered }));
    const labels = [...parseHTML(html).document.querySelectorAll('text')]
      .filter((text) => text.querySelector('tspan'))
      .map((text) => {
        const [, x, y] = /translate\(([\d.]+),([\d.]+)\)/.exec(text.getAttribute('transform') ?? '')!;
        const group = text.closest('g');
        return {
          x: Number(x),
          y: Number(y),
          anchor: group?.getAttribute('text-anchor') ?? 'start',
          fill: group?.getAttribute('fill'),
          halo: group?.getAttribute('stroke'),
        };
      });
    // Drawn in the text colour (the SVG's own fill, not "none": a text mark given only a stroke draws no fill) over a
    // halo of the page's background.
    expect(new Set(labels.map((l) => `${l.fill ?? 'inherited'} ${l.halo}`))).toEqual(new Set(['inherited var(--bg, white)']));
    expect(labels).toHaveLength(small.nodes.length);
    // Two lines of 10px at a line height of 1.1, below the headings (11px, centred 10px above the columns at 24).
    for (const label of labels) {
      expect(label.y - 11).toBeGreaterThanOrEqual(14 + 5.5 - 1e-9);
      expect(label.y + 11).toBeLessThanOrEqual(height + 1e-9);
    }
    // Every label starts right of its node, the last column's in the chart's right margin (86 px, right of the last
    // column's 12 px nodes), clear of the flows; the labels of a column keep apart.
    expect(labels.every((l) => l.anchor === 'start')).toBe(true);
    const columns = [...new Set(labels.map((l) => l.x))].sort((a, b) => a - b);
    expect(columns).toHaveLength(3);
    expect(columns.at(-1)).toBeCloseTo(300 - 86 + 5, 6);
    const gaps = columns.map((x) => labels.filter((l) => l.x === x));
    for (const gap of gaps) {
      const ys = gap.map((l) => l.y).sort((a, b) => a - b);
      for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(22 - 1e-9);
    }
  });

  it('puts stage headings on two alternating lines when they are wider than the space between columns', () => {
    const headingsOf = (count: number, label: (i: number) => string) => {
      const stages = Array.from({ length: count }, (_, i): SankeyStage => ({ key: `s${i}`, label: label(i), order: ['a', 'b'] }));
      const path = (value: string, n: number) => ({ ...Object.fromEntries(stages.map((stage) => [stage.key, value])), value: n });
      const html = renderToHtml(
        sankeyRendering(sankeyGraph([path('a', 3), path('b', 2)], stages), { measureLabel: 'accounts', format: 'integer', width: 760, height: 300 }),
      );
      return [...parseHTML(html).document.querySelectorAll('text')]
        .filter((text) => !text.querySelector('tspan'))
        .map((text) => {
          const [, x, y] = /translate\(([\d.]+),([\d.]+)\)/.exec(text.getAttribute('transform') ?? '')!;
          return { x: Number(x), y: Number(y) };
        });
    };
    // Nine headings of 14 characters, columns about 93 px apart: two lines, each heading's neighbours on the other.
    const nine = headingsOf(9, (i) => `Stage number ${i}`);
    expect(new Set(nine.map((h) => h.y)).size).toBe(2);
    for (let i = 1; i < nine.length; i++) expect(nine[i]!.y).not.toBe(nine[i - 1]!.y);
    // Three short headings fit on one line, as before.
    expect(new Set(headingsOf(3, (i) => `S${i}`).map((h) => h.y)).size).toBe(1);
  });

  it("starts each heading over its column, and ends a last heading too long for the room right of its column at the chart's edge", () => {
    const headingsOf = (last: string) => {
      const stages: SankeyStage[] = ['S0', 'S1', last].map((label, i) => ({ key: `s${i}`, label, order: ['a', 'b'] }));
      const path = (value: string, n: number) => ({ ...Object.fromEntries(stages.map((stage) => [stage.key, value])), value: n });
      const html = renderToHtml(
        sankeyRendering(sankeyGraph([path('a', 3), path('b', 2)], stages), { measureLabel: 'accounts', format: 'integer', width: 760 }),
      );
      return [...parseHTML(html).document.querySelectorAll('text')]
        .filter((text) => !text.querySelector('tspan'))
        .map((text) => ({
          label: text.textContent,
          x: Number(/translate\(([\d.]+),/.exec(text.getAttribute('transform') ?? '')![1]),
          anchor: text.closest('g')?.getAttribute('text-anchor') ?? 'start',
        }));
    };
    // The last column's nodes are 12 px wide, 86 px from the right edge: they start at 662.
    expect(headingsOf('S2').at(-1)).toEqual({ label: 'S2', x: 662, anchor: 'start' });
    expect(headingsOf('A rather long last stage name').find((h) => h.label === 'A rather long last stage name')).toEqual({
      label: 'A rather long last stage name',
      x: 760,
      anchor: 'end',
    });
  });

  it('draws an empty chart for an empty graph', () => {
    const html = renderToHtml(sankeyRendering(sankeyGraph([], STAGES), { measureLabel: 'accounts', format: 'integer', filterByStage: crossFiltered }));
    expect(html).toContain('<svg');
    expect(html).not.toContain('NaN');
  });
});
