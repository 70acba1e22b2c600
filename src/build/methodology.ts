/** Build-time side of the methodology: a step's narrative from its charts' rows. */
import type { MethodologyStep, StepNarrative } from '../lib/methodology/step.ts';
import { narrativeData } from './narrate.ts';

/** Runs the queries of the step's charts (unfiltered) and writes the narrative from their rows. */
export async function narrateStep(step: MethodologyStep): Promise<StepNarrative> {
  return step.narrate(await narrativeData([...step.charts, ...(step.reads ?? [])], `Methodology step ${step.number}`));
}
