/** The README's schema section is exactly the schema the validator enforces. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { schemaMarkdown } from '../scripts/schema-doc.ts';
import { SUPERSTORE_LACKS } from '../src/lib/superstore.ts';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

test('README documents the raw schema as src/lib/schema.ts defines it', () => {
  expect(readme).toContain(schemaMarkdown());
});

test('README lists what the Superstore data lacks, as src/lib/superstore.ts declares it', () => {
  for (const lack of SUPERSTORE_LACKS) expect(readme).toContain(`- ${lack}`);
});
