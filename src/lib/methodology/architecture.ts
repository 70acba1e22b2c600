/**
 * Phase 5, data architecture (source 000 step 12): the seven purpose-built data sets, plus
 * the cubes this report adds for filtering in the browser. Figures come from the manifest.
 */
import { DATASETS, type DatasetName } from '../datasets.ts';
import { figure, prose, term } from '../narrative.ts';
import { manifestTable } from '../published.ts';
import type { MethodologyStep } from './step.ts';

/** The seven data sets of source 000 step 12, as the registry marks them, with the audience each was built for. */
const STEP_12_DATASETS = DATASETS.flatMap((dataset) => (dataset.step12 ? [{ name: dataset.name, audience: dataset.step12.audience }] : []));

const step12: MethodologyStep = {
  number: 12,
  slug: 'published-data',
  phase: 'architecture',
  title: 'Stakeholder-optimised data sets',
  question: 'How should the results be delivered so that each audience gets what it needs without recomputing anything?',
  charts: [],
  explore: { slug: 'data', title: 'Data page' },
  narrate: ({ manifest }) => {
    const rowsOf = (name: DatasetName) => figure(`rows@dataset=${name}`, manifestTable(manifest, name).rows, 'integer');
    return {
      finding: prose`${figure('datasets', STEP_12_DATASETS.length, 'integer')} purpose-built data sets, from ${rowsOf('master_usage')} usage rows down to ${rowsOf('executive_summary')} monthly rows, plus the cubes that let the browser filter any dashboard.`,
      decision: [
        prose`Rather than one large table, the results are published as ${figure('datasets', STEP_12_DATASETS.length, 'integer')} data sets, each shaped for one audience and one question, with every rate, flag and band already computed so that no dashboard recomputes business logic. They are Parquet files with a manifest (rows, bytes, checksums, column types), so anyone can download them and check what the report shows.`,
        prose`This report adds two cubes: the ${term('filter-cube')} (sums and counts per region, size band, tenure segment, plan and month) and a revenue cube (accounts and ARR by movement for the same cells), so that any filter in the browser is one small query instead of a scan of every usage row, and an account-month table (${rowsOf('account_monthly')} rows: each account's seats summed over its products, with its rates and flags) behind the risk dashboard's account list.`,
      ],
      evidence: STEP_12_DATASETS.map((d) => prose`${d.name}: ${rowsOf(d.name)} rows, for ${d.audience}.`),
      consequence: [
        prose`The data page lists every published file with its columns, size and download, and the data-quality report; the glossary there defines each metric, band and threshold used in these twelve steps.`,
      ],
    };
  },
};

export const ARCHITECTURE_STEPS = [step12] as const;
