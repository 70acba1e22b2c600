/** Build-time side of the methodology: runs a step's chart queries and writes its narrative. */
import type { MethodologyStep, StepNarrative } from '../lib/methodology/step.ts';
import { bindQuery } from '../lib/query.ts';
import type { Row } from '../lib/rows.ts';
import { runQuery } from './duckdb-node.ts';
import { loadManifest } from './manifest.ts';
import { loadQuality } from './quality.ts';

/** Runs the queries of the step's charts (unfiltered) and writes the narrative from their rows. */
export async function narrateStep(step: MethodologyStep): Promise<StepNarrative> {
  const rows = new Map<string, Row[]>();
  for (const chart of [...step.charts, ...(step.reads ?? [])]) rows.set(chart.id, await runQuery(bindQuery(chart.query, {})));
  return step.narrate({
    rows: (id) => {
      const found = rows.get(id);
      if (!found) throw new Error(`Methodology step ${step.number} reads chart ${id}, which is not among its charts or reads.`);
      return found;
    },
    quality: loadQuality(),
    manifest: loadManifest(),
  });
}
