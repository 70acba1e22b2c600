/**
 * A step of the seat-usage methodology (source 000): the question it asked, its charts and
 * a narrative written from the charts' rows. The page runs each chart's query once at build
 * time and hands the rows to `narrate`, so the prose and the charts show the same numbers.
 */
import type { ChartDefinition } from '../charts/chart.ts';
import type { Paragraph } from '../narrative.ts';
import type { Manifest } from '../published.ts';
import type { QualityReport } from '../quality-report.ts';
import type { Row } from '../rows.ts';

/** The five phases of the method, in order. */
export const PHASES = [
  { id: 'foundation', title: 'Foundation and discovery', aim: 'Can the data be trusted, and what shape is the business in?' },
  { id: 'technical', title: 'Technical optimisation', aim: 'Which definitions make the rates comparable and honest?' },
  { id: 'segmentation', title: 'Strategic segmentation', aim: 'What is normal, and which segments should be compared?' },
  { id: 'patterns', title: 'Pattern recognition', aim: 'Where do size, tenure and region go with better or worse use, and does low use come before churn?' },
  { id: 'architecture', title: 'Data architecture', aim: 'How are the results published for each audience?' },
] as const;
export type PhaseId = (typeof PHASES)[number]['id'];

/** What a narrative is written from. */
export interface StepData {
  /** The rows of one of the step's charts (unfiltered). */
  rows(chartId: string): readonly Row[];
  readonly quality: QualityReport;
  readonly manifest: Manifest;
}

/** The narrative of a step, in the order the page shows it. */
export interface StepNarrative {
  /** One sentence for the overview page: the step's main finding. */
  readonly finding: Paragraph;
  /** What was decided and why. */
  readonly decision: readonly Paragraph[];
  /** What the data shows. */
  readonly evidence: readonly Paragraph[];
  /** What follows from it for the analysis or the business. */
  readonly consequence: readonly Paragraph[];
}

export interface MethodologyStep {
  readonly number: number;
  /** Path below /methodology/. */
  readonly slug: string;
  readonly phase: PhaseId;
  readonly title: string;
  /** The question the step asked, in one sentence. */
  readonly question: string;
  readonly charts: readonly ChartDefinition[];
  /** Charts of other steps whose rows the narrative also reads. */
  readonly reads?: readonly ChartDefinition[];
  /** A dashboard where the step's view can be filtered, if any. */
  readonly explore?: { readonly slug: string; readonly title: string };
  readonly narrate: (data: StepData) => StepNarrative;
}
