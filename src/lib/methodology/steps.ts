/** The twelve steps of the methodology, in order, and the charts they show. */
import type { ChartDefinition } from '../charts/chart.ts';
import { ARCHITECTURE_STEPS } from './architecture.ts';
import { FOUNDATION_STEPS } from './foundation.ts';
import { PATTERN_STEPS } from './patterns.ts';
import type { MethodologyStep } from './step.ts';
import { SEGMENTATION_STEPS } from './strategic-segmentation.ts';
import { TECHNICAL_STEPS } from './technical.ts';

export const STEPS: readonly MethodologyStep[] = [...FOUNDATION_STEPS, ...TECHNICAL_STEPS, ...SEGMENTATION_STEPS, ...PATTERN_STEPS, ...ARCHITECTURE_STEPS];

STEPS.forEach((step, i) => {
  if (step.number !== i + 1) throw new Error(`Methodology step ${step.title} is listed as number ${i + 1} but says ${step.number}.`);
});

/** Every chart of the methodology, each once (ids are unique across the site). */
export const METHODOLOGY_CHARTS: readonly ChartDefinition[] = [...new Map(STEPS.flatMap((step) => step.charts).map((chart) => [chart.id, chart])).values()];
