/** Build-time side of the narratives: runs the queries a text reads (unfiltered) and hands it their rows. */
import { type ChartDefinition, bindOptions } from '../lib/charts/chart.ts';
import type { NarrativeData } from '../lib/narrative.ts';
import type { ParameterState } from '../lib/parameters.ts';
import { bindQuery } from '../lib/query.ts';
import type { Row } from '../lib/rows.ts';
import { runQuery } from './duckdb-node.ts';
import { loadManifest } from './manifest.ts';
import { loadQuality } from './quality.ts';

/** The data a narrative over `charts` is written from (under a page's default state); `owner` names it in errors. */
export async function narrativeData(charts: readonly ChartDefinition[], owner: string, state: ParameterState = {}): Promise<NarrativeData> {
  const rows = new Map<string, Row[]>();
  for (const chart of charts) // Bound as the chart itself is, so the build runs each query once for the chart and its text.
    rows.set(chart.id, await runQuery(bindQuery(chart.query, state, {}, bindOptions(chart))));
  return {
    rows: (id) => {
      const found = rows.get(id);
      if (!found) throw new Error(`${owner} reads chart ${id}, which is not among its charts or reads.`);
      return found;
    },
    quality: loadQuality(),
    manifest: loadManifest(),
  };
}
