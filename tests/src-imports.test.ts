/** The site and its shared code (src/) stand on their own: nothing in src/ imports from scripts/. */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SCRIPTS = join(ROOT, 'scripts');

/** Every TypeScript and Astro file below `dir`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|astro|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

/** The relative module specifiers of a file: static imports and exports, side-effect imports and dynamic imports. */
function relativeImports(source: string): string[] {
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
  return [...source.matchAll(pattern)].map((match) => match[1]!);
}

test('the scan finds the imports it looks for', () => {
  const sample = `import a from '../x.ts';\nimport type { B } from "./y.ts";\nimport '../../z.css';\nconst c = await import('../w.ts');\nexport { d } from './v.ts';`;
  expect(relativeImports(sample)).toEqual(['../x.ts', './y.ts', '../../z.css', '../w.ts', './v.ts']);
});

test('no file in src/ imports from scripts/', () => {
  const offending = sourceFiles(join(ROOT, 'src')).flatMap((file) =>
    relativeImports(readFileSync(file, 'utf8'))
      .filter((specifier) => resolve(dirname(file), specifier).startsWith(`${SCRIPTS}/`))
      .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
  );
  expect(offending).toEqual([]);
});
