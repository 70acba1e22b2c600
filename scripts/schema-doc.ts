/**
 * The README's schema section, written from src/lib/schema.ts so the two cannot drift
 * (tests/readme.test.ts checks the README holds exactly this text).
 *
 *   npm run --silent schema-doc
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA, type ColumnSpec } from '../src/lib/schema.ts';
import { SUPERSTORE_TABLE } from '../src/lib/superstore.ts';

function rule(c: ColumnSpec): string {
  return [
    c.nullable ? 'may be empty' : 'required',
    c.allowed ? `one of ${c.allowed.join(', ')}` : '',
    c.min !== undefined ? `>= ${c.min}` : '',
    c.max !== undefined ? `<= ${c.max}` : '',
    c.atMostColumn ? `<= ${c.atMostColumn}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** The input tables, then the real order lines read on their own. */
export function schemaMarkdown(): string {
  return [...SCHEMA, SUPERSTORE_TABLE]
    .map((t) => {
      const key = t.key ? ` Unique on (${t.key.join(', ')}).` : t.dedupe ? ` Repeated \`${t.dedupe}\` values are removed as duplicates.` : '';
      const refs = t.references?.length ? ` References: ${t.references.map((r) => `\`${r.column}\` → \`${r.table}.${r.key}\``).join(', ')}.` : '';
      const rows = t.columns.map((c) => `| \`${c.name}\` | ${c.type} | ${rule(c)} | ${c.description} |`);
      return [`**\`${t.name}\`**: ${t.description}${key}${refs}`, '', '| column | type | rule | meaning |', '|---|---|---|---|', ...rows].join('\n');
    })
    .join('\n\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.stdout.write(`${schemaMarkdown()}\n`);
