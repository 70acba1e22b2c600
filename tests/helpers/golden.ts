/**
 * Golden files: a chart's static rendering is compared with a reviewed, pretty-printed file
 * under tests/golden/. A missing or changed file fails the test; files are written only when
 * a developer asks for it (UPDATE_GOLDEN=1), and never when CI is set, so a golden cannot
 * write itself in CI.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { expect } from 'vitest';

export const GOLDEN_DIR = join(import.meta.dirname, '..', 'golden');

/** One tag or text run per line, indented by depth, so a changed mark is a one-line diff. */
export function prettyHtml(html: string): string {
  const tokens = html.match(/<[^>]+>|[^<]+/g) ?? [];
  const lines: string[] = [];
  let depth = 0;
  for (const token of tokens) {
    if (!token.trim()) continue;
    const closing = token.startsWith('</');
    const selfClosing = token.endsWith('/>') || /^<(br|hr|img|input|meta|link)\b/i.test(token);
    if (closing) depth = Math.max(0, depth - 1);
    lines.push(`${'  '.repeat(depth)}${token.trim()}`);
    if (token.startsWith('<') && !closing && !selfClosing && !token.startsWith('<!')) depth++;
  }
  return `${lines.join('\n')}\n`;
}

/** Compares `html` (pretty-printed) with the golden file `name` (a path below tests/golden); `update` writes it first. */
export function expectGolden(name: string, html: string, update = process.env.UPDATE_GOLDEN === '1'): void {
  const file = join(GOLDEN_DIR, name);
  const actual = prettyHtml(html);
  if (update) {
    if (process.env.CI) throw new Error('UPDATE_GOLDEN is refused when CI is set: golden files are reviewed, not written by CI.');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file)) throw new Error(`No golden file ${relative(process.cwd(), file)}: run the test with UPDATE_GOLDEN=1 and review the new file.`);
  expect(actual, relative(process.cwd(), file)).toBe(readFileSync(file, 'utf8'));
}
