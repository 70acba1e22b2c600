/** The CS-operations interaction model of the published data, read at build time. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CS_MODEL_FILE, type CsModel } from '../lib/cs-model.ts';
import { DATA_DIR } from './duckdb-node.ts';

/** `cs_model.json` next to the published tables (the browser fetches the same file at `dataFileHref(base, CS_MODEL_FILE)`). */
export function loadCsModel(): CsModel {
  return JSON.parse(readFileSync(join(DATA_DIR, CS_MODEL_FILE), 'utf8')) as CsModel;
}
