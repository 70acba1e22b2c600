/**
 * The graph of a multi-stage Sankey, from query rows: one row per combination of the
 * chosen stages' values with a measure summed. Nodes are (stage, value) pairs, so a label
 * shared by two stages ("Low" engagement, "Low" tickets) gives two nodes and never a
 * cycle; links join the values of consecutive stages. Pure, so the build, the browser and
 * the "view as table" rows all read the same numbers.
 */
import type { Column } from './charts/chart.ts';
import type { Format } from './format.ts';
import type { Row } from './rows.ts';

/** The label of a stage value that is NULL in the rows. */
export const NONE_LABEL = '(none)';

/** A stage of the journey: a row column, its label, and the band order of its values. */
export interface SankeyStage {
  /** The row column (and the page parameter a click on one of its nodes sets). */
  readonly key: string;
  readonly label: string;
  /** The band order from config; values not in it go after it, sorted. */
  readonly order: readonly string[];
}

/** A value of a stage, with the measure summed over every row through it. */
export interface SankeyNode {
  /** `${stage key}=${label}`: unique even when a label repeats across stages. */
  readonly id: string;
  /** The index of the node's stage. */
  readonly stage: number;
  readonly stageKey: string;
  readonly stageLabel: string;
  readonly label: string;
  readonly value: number;
  /** The node's place in the stable order (stage order, then band order), which the layout keeps. */
  readonly position: number;
  /** The node's value over the graph's total (each stage sums to the total). */
  readonly shareOfTotal: number;
}

/** The measure flowing from a value of a stage to a value of the next stage. */
export interface SankeyLink {
  /** Node ids. */
  readonly source: string;
  readonly target: string;
  readonly value: number;
  /** Of the source node's value. */
  readonly shareOfSource: number;
  readonly shareOfTotal: number;
}

/** Nodes in the stable order, links ordered by source then target, and the measure's total. */
export interface SankeyGraph {
  readonly nodes: readonly SankeyNode[];
  readonly links: readonly SankeyLink[];
  readonly total: number;
}

/** A stage value as a node label: NULL becomes "(none)", numbers and booleans their text. */
function stageValue(row: Row, stage: SankeyStage): string {
  const value = row[stage.key];
  return value === null || value === undefined ? NONE_LABEL : String(value);
}

/** Band order first, then other values sorted ("10" after "9"), then "(none)": missing data reads last. */
function stableOrder(labels: Iterable<string>, order: readonly string[]): string[] {
  const rank = new Map(order.map((label, i) => [label, i]));
  const key = (label: string) => rank.get(label) ?? (label === NONE_LABEL ? order.length + 1 : order.length);
  return [...labels].sort((a, b) => key(a) - key(b) || a.localeCompare(b, 'en', { numeric: true }));
}

/** Adds `value` to a map's entry. */
function add<K>(sums: Map<K, number>, key: K, value: number): void {
  sums.set(key, (sums.get(key) ?? 0) + value);
}

/**
 * The Sankey graph of `rows` through `stages` (at least two, distinct), weighted by the
 * numeric column `valueKey`. Rows whose value is null or not positive are skipped: they
 * carry no flow, and a negative width has no meaning.
 */
export function sankeyGraph(rows: readonly Row[], stages: readonly SankeyStage[], valueKey = 'value'): SankeyGraph {
  if (stages.length < 2) throw new Error(`A Sankey needs at least two stages; got ${stages.length}.`);
  const keys = stages.map((stage) => stage.key);
  const repeated = keys.find((key, i) => keys.indexOf(key) !== i);
  // The same stage twice would give links from a node to itself.
  if (repeated !== undefined) throw new Error(`A Sankey stage can be chosen only once; "${repeated}" is chosen twice.`);

  const nodeSums = stages.map(() => new Map<string, number>());
  // Per pair of consecutive stages: source label, then target label, to the summed value.
  const linkSums = stages.slice(1).map(() => new Map<string, Map<string, number>>());
  let total = 0;
  for (const row of rows) {
    const value = row[valueKey];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) continue;
    total += value;
    const labels = stages.map((stage) => stageValue(row, stage));
    labels.forEach((label, i) => {
      add(nodeSums[i]!, label, value);
      const next = labels[i + 1];
      if (next === undefined) return;
      const targets = linkSums[i]!.get(label) ?? new Map<string, number>();
      linkSums[i]!.set(label, targets);
      add(targets, next, value);
    });
  }

  const nodes: SankeyNode[] = [];
  const byId = new Map<string, SankeyNode>();
  const idOf = (stage: SankeyStage, label: string) => `${stage.key}=${label}`;
  stages.forEach((stage, i) => {
    const sums = nodeSums[i]!;
    for (const label of stableOrder(sums.keys(), stage.order)) {
      const value = sums.get(label) ?? 0;
      const node = {
        id: idOf(stage, label),
        stage: i,
        stageKey: stage.key,
        stageLabel: stage.label,
        label,
        value,
        position: nodes.length,
        shareOfTotal: value / total,
      };
      nodes.push(node);
      byId.set(node.id, node);
    }
  });

  const links: SankeyLink[] = linkSums.flatMap((sources, i) => {
    const [from, to] = [stages[i]!, stages[i + 1]!];
    return stableOrder(sources.keys(), from.order).flatMap((sourceLabel) => {
      const source = byId.get(idOf(from, sourceLabel))!;
      const targets = sources.get(sourceLabel)!;
      return stableOrder(targets.keys(), to.order).map((targetLabel) => {
        const value = targets.get(targetLabel) ?? 0;
        return { source: source.id, target: idOf(to, targetLabel), value, shareOfSource: value / source.value, shareOfTotal: value / total };
      });
    });
  });

  return { nodes, links, total };
}

/**
 * The links as rows for "view as table" and the CSV download, in the graph's order, with
 * the columns of `sankeyLinkColumns`.
 */
export function sankeyLinkRows(graph: SankeyGraph): Row[] {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  return graph.links.map((link) => {
    const source = byId.get(link.source);
    const target = byId.get(link.target);
    return {
      source_stage: source?.stageLabel ?? null,
      source: source?.label ?? null,
      target_stage: target?.stageLabel ?? null,
      target: target?.label ?? null,
      value: link.value,
      share_of_source: link.shareOfSource,
      share_of_total: link.shareOfTotal,
    };
  });
}

/** The columns of `sankeyLinkRows`, the value column named and formatted as the measure. */
export function sankeyLinkColumns(measureLabel: string, format: Format): Column[] {
  return [
    { key: 'source_stage', label: 'From stage', format: 'text' },
    { key: 'source', label: 'From', format: 'text' },
    { key: 'target_stage', label: 'To stage', format: 'text' },
    { key: 'target', label: 'To', format: 'text' },
    { key: 'value', label: measureLabel, format },
    { key: 'share_of_source', label: 'Share of "from"', format: 'percent' },
    { key: 'share_of_total', label: 'Share of all', format: 'percent' },
  ];
}
