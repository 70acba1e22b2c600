/**
 * Treemaps drawn with Plot: d3-hierarchy lays the tiles out (squarified, sized by a value),
 * and Plot draws them as rects with labels, so a treemap renders in both engines like any
 * other chart and its tiles can carry a cross-filter.
 */
import * as Plot from '@observablehq/plot';
import { hierarchy, treemap, treemapSquarify } from 'd3-hierarchy';
import { RATE_SCHEME, labelColorsOf } from '../palette.ts';
import { num, type Row } from '../rows.ts';
import type { RenderContext, Rendering } from './chart.ts';
import { filterOnClick } from './cross-filter.ts';

const SIZE = { width: 640, height: 360 };
/** The tiles' colours: a rate from 40% to 100% in six steps. */
const TILE_COLORS = { type: 'quantize', n: 6, scheme: RATE_SCHEME, domain: [0.4, 1] } as const;
/** A tile label's type (pixels), its inset from the tile's top left corner, and at least this much room right and below. */
export interface TileLabelStyle {
  readonly fontSize: number;
  readonly lineHeight: number;
  readonly inset: number;
  readonly room: number;
}

/** The treemaps' labels. */
const LABEL: TileLabelStyle = { fontSize: 12, lineHeight: 1.25, inset: 8, room: 4 };
/**
 * A conservative width of one character of a label, in ems: the report's sans-serif digits and lower case
 * run about 6.3 px at 12 px. A label keeps only the lines that fit its tile, and a tile too small for the
 * first line has none (its title still names it).
 */
const CHAR_EMS = 0.55;

type Node = { children: readonly Row[] } | Row;

/** A treemap's size under `context`: on a narrow card its tiles are laid out at the card's width, so their labels keep their size (and fewer lines fit). */
export function layoutSize(size: { width: number; height: number }, context: RenderContext): { width: number; height: number } {
  return { ...size, width: context.width ?? size.width };
}

/** The rows as tiles sized by `sizeKey`, with their pixel corners x0, x1, y0, y1. */
export function treemapTiles(rows: readonly Row[], sizeKey: string, size: { width: number; height: number } = SIZE): Row[] {
  const root = hierarchy<Node>({ children: rows }, (d) => ('children' in d && Array.isArray(d.children) ? (d.children as Row[]) : undefined))
    .sum((d) => ('children' in d && Array.isArray(d.children) ? 0 : (num(d as Row, sizeKey) ?? 0)))
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  treemap<Node>().tile(treemapSquarify).size([size.width, size.height]).paddingInner(2)(root);
  return root.leaves().map((leaf) => {
    const node = leaf as typeof leaf & { x0: number; x1: number; y0: number; y1: number };
    return { ...(leaf.data as Row), x0: node.x0, x1: node.x1, y0: node.y0, y1: node.y1 };
  });
}

/** The lines of `label` that fit inside `tile` (from the first, in order), or null when not even the first does. */
export function fittedLabel(tile: Row, label: string, style: TileLabelStyle = LABEL): string | null {
  const width = (num(tile, 'x1') ?? 0) - (num(tile, 'x0') ?? 0) - style.inset - style.room;
  const height = (num(tile, 'y1') ?? 0) - (num(tile, 'y0') ?? 0) - style.inset - style.room;
  const kept: string[] = [];
  for (const line of label.split('\n')) {
    if ((kept.length + 1) * style.fontSize * style.lineHeight > height || line.length * CHAR_EMS * style.fontSize > width) break;
    kept.push(line);
  }
  return kept.length ? kept.join('\n') : null;
}

export interface TreemapSpec {
  /** The value that sizes each tile. */
  size: string;
  /** The rate that colours each tile (0 to 1). */
  color: string;
  colorLabel: string;
  /** The label lines of a tile. */
  label: (tile: Row) => string;
}

/** A treemap rendering of `rows`. */
export function treemapRendering(rows: readonly Row[], spec: TreemapSpec, context: RenderContext): Rendering {
  const size = layoutSize(SIZE, context);
  const tiles = treemapTiles(rows, spec.size, size);
  // Each label in black or white, whichever reads better on its tile's own colour.
  const labelColor = labelColorsOf(TILE_COLORS);
  const labelled = tiles.flatMap((tile) => {
    const label = fittedLabel(tile, spec.label(tile));
    return label === null ? [] : [{ ...tile, tile_label: label }];
  });
  return {
    kind: 'plot',
    options: {
      ...size,
      margin: 0,
      x: { domain: [0, size.width], range: [0, size.width], axis: null },
      y: { domain: [0, size.height], range: [0, size.height], axis: null },
      color: { ...TILE_COLORS, label: spec.colorLabel, tickFormat: '.0%', legend: true },
      marks: [
        Plot.rect(tiles, {
          x1: 'x0',
          x2: 'x1',
          y1: 'y0',
          y2: 'y1',
          fill: spec.color,
          title: spec.label,
          render: filterOnClick(tiles, context),
        }),
        Plot.text(labelled, {
          x: (t: Row) => (num(t, 'x0') ?? 0) + LABEL.inset,
          y: (t: Row) => (num(t, 'y0') ?? 0) + LABEL.inset,
          text: 'tile_label',
          textAnchor: 'start',
          lineAnchor: 'top',
          lineHeight: LABEL.lineHeight,
          fontSize: LABEL.fontSize,
          fill: (t: Row) => labelColor(num(t, spec.color) ?? 0),
          pointerEvents: 'none',
        }),
      ],
    },
  };
}
