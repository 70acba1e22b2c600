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

test('README’s commands table documents every script of package.json', () => {
  const { scripts } = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const start = readme.indexOf('| command | what it does |');
  expect(start).toBeGreaterThan(-1);
  const commands = readme.slice(start, readme.indexOf('\n\n', start));
  const missing = Object.keys(scripts).filter((name) => !commands.includes(`\`npm ${name === 'start' || name === 'test' ? name : `run ${name}`}`));
  expect(missing).toEqual([]);
});
