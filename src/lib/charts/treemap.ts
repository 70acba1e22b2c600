/**
 * Treemaps drawn with Plot: d3-hierarchy lays the tiles out (squarified, sized by a value),
 * and Plot draws them as rects with labels, so a treemap renders in both engines like any
 * other chart and its tiles can carry a cross-filter.
 */
import * as Plot from '@observablehq/plot';
import { hierarchy, treemap, treemapSquarify } from 'd3-hierarchy';
import { RATE_SCHEME } from '../palette.ts';
import { num, type Row } from '../rows.ts';
import type { RenderContext, Rendering } from './chart.ts';
import { filterOnClick } from './cross-filter.ts';

const SIZE = { width: 640, height: 360 };
/** Tiles smaller than this (pixels) get no label: it would not fit. */
const MIN_LABELLED = { width: 60, height: 36 };

type Node = { children: readonly Row[] } | Row;

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
  const tiles = treemapTiles(rows, spec.size);
  const wide = (t: Row) => (num(t, 'x1') ?? 0) - (num(t, 'x0') ?? 0) > MIN_LABELLED.width && (num(t, 'y1') ?? 0) - (num(t, 'y0') ?? 0) > MIN_LABELLED.height;
  return {
    kind: 'plot',
    options: {
      ...SIZE,
      margin: 0,
      x: { domain: [0, SIZE.width], range: [0, SIZE.width], axis: null },
      y: { domain: [0, SIZE.height], range: [0, SIZE.height], axis: null },
      color: { type: 'quantize', n: 6, scheme: RATE_SCHEME, domain: [0.4, 1], label: spec.colorLabel, tickFormat: '.0%', legend: true },
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
        Plot.text(tiles.filter(wide), {
          x: (t: Row) => (num(t, 'x0') ?? 0) + 8,
          y: (t: Row) => (num(t, 'y0') ?? 0) + 8,
          text: spec.label,
          textAnchor: 'start',
          lineAnchor: 'top',
          lineHeight: 1.25,
          fontSize: 12,
          fill: (t: Row) => ((num(t, spec.color) ?? 0) > 0.7 ? 'white' : 'black'),
          pointerEvents: 'none',
        }),
      ],
    },
  };
}
