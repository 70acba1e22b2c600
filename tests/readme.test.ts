/** The README's schema section is exactly the schema the validator enforces. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { schemaMarkdown } from '../scripts/schema-doc.ts';

test('README documents the raw schema as src/lib/schema.ts defines it', () => {
  const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
  expect(readme).toContain(schemaMarkdown());
});
