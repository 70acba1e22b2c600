/** Every chart of the site by id: the client finds the definitions of a page's charts here. */
import type { ChartDefinition } from './chart.ts';
import { EXECUTIVE_SUMMARY_CHARTS } from './executive-summary.ts';
import { RISK_CHARTS } from './risk.ts';
import { SEGMENTATION_CHARTS } from './segmentation.ts';

export const ALL_CHARTS: readonly ChartDefinition[] = [...EXECUTIVE_SUMMARY_CHARTS, ...SEGMENTATION_CHARTS, ...RISK_CHARTS];

const byId = new Map<string, ChartDefinition>();
for (const chart of ALL_CHARTS) {
  if (byId.has(chart.id)) throw new Error(`Two charts share the id ${chart.id}.`);
  byId.set(chart.id, chart);
}

/** The chart with this id; throws for an unknown id (a page and the registry disagree). */
export function chartById(id: string): ChartDefinition {
  const chart = byId.get(id);
  if (!chart) throw new Error(`No chart is registered with the id ${id}.`);
  return chart;
}
