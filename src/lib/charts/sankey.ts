/**
 * Multi-stage Sankeys drawn with Plot: d3-sankey lays the graph out (node columns and
 * link widths, in the graph's stable order), and Plot draws the nodes as rects and the
 * links as bump-x curves, so a Sankey renders in both engines like any other chart and
 * each node can cross-filter by its own stage.
 */
import * as Plot from '@observablehq/plot';
import { sankey, sankeyLeft } from 'd3-sankey';
import { type Format, formatValue } from '../format.ts';
import { CATEGORICAL } from '../palette.ts';
import { NONE_LABEL, type SankeyGraph, type SankeyLink, type SankeyNode } from '../sankey-graph.ts';
import type { Rendering } from './chart.ts';
import { spreadPositions } from './label-layout.ts';

const SIZE = { width: 640, height: 400 };
/** Room for the stage headings above the columns, and right of the last column for its labels (as wide as "88,888 (88.8%)"). */
const MARGIN = { top: 24, right: 86, bottom: 4, left: 1 };
const NODE_WIDTH = 12;
/** Node labels: two lines (the name, then the value and its share). */
const LABEL_FONT = 10;
const LABEL_LINE_HEIGHT = 1.1;
const LABEL_HEIGHT = 2 * LABEL_FONT * LABEL_LINE_HEIGHT;
/** More than a label's height, so neighbouring nodes' labels rarely need to move. */
const NODE_PADDING = 26;
/** Gap between a node and its label. */
const LABEL_GAP = 5;
/** The stage headings: their size, the middle of their (lower) line below the top margin, and a second line's offset. */
const HEADING_FONT = 11;
const HEADING_BELOW_TOP = 10;
const HEADING_LINE = 13;
/** A heading's width, roughly: an average character of the bold heading font. */
const headingWidth = (label: string) => label.length * HEADING_FONT * 0.62;

/** How a Sankey is drawn: the measure's unit word ("accounts") and format, and its size. */
export interface SankeyOptions {
  readonly measureLabel: string;
  readonly format: Format;
  readonly width?: number;
  readonly height?: number;
  /** Whether a click on a node sets that node's stage as a page filter (nodes stay focusable either way). */
  readonly filterByStage?: boolean;
}

/** A node with its pixel box and colour. */
interface PlacedNode extends SankeyNode {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  readonly color: string;
}

/** A link with its pixel ends (centre of the band at each node) and width. */
interface PlacedLink extends SankeyLink {
  readonly from: PlacedNode;
  readonly to: PlacedNode;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly width: number;
}

/** A stage's column heading. */
interface Heading {
  readonly label: string;
  readonly x: number;
  /** Where the heading's text is anchored at `x`: its start, or (a last heading too long for the room right of its column) its end. */
  readonly anchor: 'start' | 'end';
  /** The middle of its line. */
  readonly y: number;
}

/** The graph laid out in `extent`, keeping the graph's node and link order (d3-sankey would otherwise re-sort nodes to untangle the flows). */
function layout(graph: SankeyGraph, extent: [[number, number], [number, number]]): { nodes: PlacedNode[]; links: PlacedLink[] } {
  // Every stage value flows on to the next stage, so a node's depth is its stage index and sankeyLeft puts each stage in its own column.
  const laid = sankey<{ id: string; position: number }, object>()
    .nodeId((d) => d.id)
    .nodeAlign(sankeyLeft)
    .nodeWidth(NODE_WIDTH)
    .nodePadding(NODE_PADDING)
    .nodeSort((a, b) => a.position - b.position)
    // null keeps the input order of each node's links: sankeyGraph orders them by source, then target.
    .linkSort(null)
    .extent(extent)({
    nodes: graph.nodes.map((node) => ({ id: node.id, position: node.position })),
    links: graph.links.map((link) => ({ source: link.source, target: link.target, value: link.value })),
  });
  const firstOfStage = new Map<number, number>();
  for (const node of graph.nodes) if (!firstOfStage.has(node.stage)) firstOfStage.set(node.stage, node.position);
  const nodes = graph.nodes.map((node, i): PlacedNode => {
    const box = laid.nodes[i]!;
    const rank = node.position - (firstOfStage.get(node.stage) ?? 0);
    return {
      ...node,
      x0: box.x0 ?? 0,
      x1: box.x1 ?? 0,
      y0: box.y0 ?? 0,
      y1: box.y1 ?? 0,
      color: CATEGORICAL[rank % CATEGORICAL.length]!,
    };
  });
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const links = graph.links.map((link, i): PlacedLink => {
    const band = laid.links[i]!;
    const from = byId.get(link.source)!;
    const to = byId.get(link.target)!;
    return { ...link, from, to, x1: from.x1, y1: band.y0 ?? 0, x2: to.x0, y2: band.y1 ?? 0, width: band.width ?? 0 };
  });
  return { nodes, links };
}

/**
 * The middle of each node's label: beside its node, moved only as far as needed to keep
 * clear of the other labels of its column and inside the SVG, below the headings (a small
 * node at the bottom of a column would otherwise hang its label off the edge, and small
 * neighbours would stack theirs). Every label is right of its node: the last column's in the
 * chart's right margin, clear of the flows.
 */
function labelPositions(nodes: readonly PlacedNode[], height: number, headingY: number): number[] {
  const positions = nodes.map((node) => (node.y0 + node.y1) / 2);
  const columns = new Map<number, number[]>();
  nodes.forEach((node, i) => {
    columns.set(node.stage, [...(columns.get(node.stage) ?? []), i]);
  });
  for (const members of columns.values()) {
    const spread = spreadPositions(
      members.map((i) => positions[i]!),
      LABEL_HEIGHT,
      headingY + HEADING_FONT / 2 + LABEL_HEIGHT / 2,
      height - LABEL_HEIGHT / 2,
    );
    members.forEach((i, k) => {
      positions[i] = spread[k]!;
    });
  }
  return positions;
}

/** The measure with its unit: "1,234 accounts", "$1.2M ARR". */
function amount(value: number, options: SankeyOptions): string {
  return `${formatValue(value, options.format)} ${options.measureLabel}`;
}

/** Adds tabindex to each drawn element, so keyboard users reach the counts in its aria-label and title. */
function focusable(): Plot.RenderFunction {
  return function render(index, scales, values, dimensions, renderContext, next) {
    const group = next?.(index, scales, values, dimensions, renderContext);
    if (!group) return null;
    for (const element of group.querySelectorAll('rect, path')) element.setAttribute('tabindex', '0');
    return group;
  };
}

/**
 * `filterOnClick` for Sankey nodes: a chart-wide cross-filter sets one parameter, but each
 * node here sets the parameter of its own stage (its stage key), so the reader can filter
 * by any stage from the one chart. "(none)" is no value a parameter can take: its node stays
 * focusable but sets no filter.
 */
function filterByStage(nodes: readonly PlacedNode[]): Plot.RenderFunction {
  return function render(index, scales, values, dimensions, renderContext, next) {
    const group = next?.(index, scales, values, dimensions, renderContext);
    if (!group) return null;
    const elements = group.querySelectorAll('rect');
    index.forEach((datum, i) => {
      const element = elements[i];
      const node = nodes[datum];
      if (!element || !node) return;
      element.setAttribute('tabindex', '0');
      if (node.label === NONE_LABEL) return;
      element.setAttribute('data-filter', node.stageKey);
      element.setAttribute('data-value', node.label);
      element.setAttribute('role', 'button');
      element.setAttribute('aria-label', `Filter by ${node.stageLabel}: ${node.label}`);
    });
    return group;
  };
}

/**
 * The Sankey rendering of `graph`: link widths measure `options.measureLabel`; each node is
 * labelled with its value and its share of its stage (every stage sums to the total). With
 * `filterByStage`, a click on a node filters by that node's stage.
 */
export function sankeyRendering(graph: SankeyGraph, options: SankeyOptions): Rendering {
  const width = options.width ?? SIZE.width;
  const height = options.height ?? SIZE.height;
  // Headings too wide for the space between columns go on two lines, alternating, and the columns start lower.
  const stageLabels = [...new Set(graph.nodes.map((node) => node.stageLabel))];
  const spacing = (width - MARGIN.left - MARGIN.right - NODE_WIDTH) / Math.max(1, stageLabels.length - 1);
  const staggered = stageLabels.slice(0, -1).some((label) => headingWidth(label) > spacing - 4);
  const top = MARGIN.top + (staggered ? HEADING_LINE : 0);
  const headingY = top - HEADING_BELOW_TOP;
  const { nodes, links } =
    graph.nodes.length > 0
      ? layout(graph, [
          [MARGIN.left, top],
          [width - MARGIN.right, height - MARGIN.bottom],
        ])
      : { nodes: [], links: [] };
  const labelY = labelPositions(nodes, height, headingY);
  const labelled = nodes.map((node, i) => ({ ...node, labelY: labelY[i]! }));
  const headings: Heading[] = nodes
    .filter((node, i) => node.stage !== nodes[i - 1]?.stage)
    .map((node, i) => {
      // A heading starts over its column; the last one ends at the chart's edge when it is too long to start there.
      const ends = i === stageLabels.length - 1 && headingWidth(node.stageLabel) > width - node.x0;
      return {
        label: node.stageLabel,
        x: ends ? width : node.x0,
        anchor: ends ? 'end' : 'start',
        y: staggered && i % 2 === 1 ? headingY - HEADING_LINE : headingY,
      };
    });
  const describeNode = (node: PlacedNode) =>
    `${node.stageLabel}: ${node.label}, ${amount(node.value, options)} (${formatValue(node.shareOfTotal, 'percent')} of all)`;
  const linkCounts = (link: PlacedLink) => `${amount(link.value, options)}, ${formatValue(link.shareOfSource, 'percent')} of ${link.from.label}`;
  return {
    kind: 'plot',
    options: {
      width,
      height,
      margin: 0,
      // Drawn at its own size on a narrow screen (its box scrolls sideways) rather than shrunk until the labels cannot be read.
      className: 'sankey',
      x: { domain: [0, width], range: [0, width], axis: null },
      y: { domain: [0, height], range: [0, height], axis: null },
      color: { type: 'identity' },
      marks: [
        Plot.rect(nodes, {
          x1: 'x0',
          x2: 'x1',
          y1: 'y0',
          y2: 'y1',
          fill: 'color',
          title: describeNode,
          ariaLabel: describeNode,
          render: options.filterByStage ? filterByStage(nodes) : focusable(),
        }),
        Plot.link(links, {
          x1: 'x1',
          y1: 'y1',
          x2: 'x2',
          y2: 'y2',
          curve: 'bump-x',
          stroke: (link: PlacedLink) => link.from.color,
          strokeOpacity: 0.4,
          // A hairline at least, so a small flow is still seen (and can be hovered).
          strokeWidth: (link: PlacedLink) => Math.max(1, link.width),
          title: (link: PlacedLink) => `${link.from.label} → ${link.to.label}: ${linkCounts(link)}`,
          // The stage names tell a screen reader which column each label is in ("Low" may be in two).
          ariaLabel: (link: PlacedLink) => `${link.from.stageLabel} ${link.from.label} to ${link.to.stageLabel} ${link.to.label}: ${linkCounts(link)}`,
          render: focusable(),
        }),
        Plot.text(labelled, {
          x: (node: PlacedNode) => node.x1 + LABEL_GAP,
          y: 'labelY',
          text: (node: PlacedNode) => `${node.label}\n${formatValue(node.value, options.format)} (${formatValue(node.shareOfTotal, 'percent')})`,
          textAnchor: 'start',
          lineHeight: LABEL_LINE_HEIGHT,
          fontSize: LABEL_FONT,
          // A halo of the page's background keeps a label legible where it lies over the flows leaving its node
          // (a text mark given a stroke draws no fill unless it is given one).
          fill: 'currentColor',
          stroke: 'var(--bg, white)',
          strokeWidth: 3,
          paintOrder: 'stroke',
          pointerEvents: 'none',
          ariaHidden: 'true',
        }),
        ...(['start', 'end'] as const).map((anchor) =>
          Plot.text(
            headings.filter((heading) => heading.anchor === anchor),
            { x: 'x', y: 'y', text: 'label', textAnchor: anchor, fontSize: HEADING_FONT, fontWeight: 600, ariaHidden: 'true' },
          ),
        ),
      ],
    },
  };
}
