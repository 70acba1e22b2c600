/**
 * Child-process entry for one generator of account-drawn tables (see account-tables.ts):
 * reads its options as JSON from argv and reports its row counts over IPC.
 */
import { generateAccountTables, type AccountTablesOptions } from './account-tables.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as AccountTablesOptions;
process.send?.({ counts: generateAccountTables(options) });
