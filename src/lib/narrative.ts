/**
 * Prose whose figures come from the data. A paragraph is a list of fragments: plain text,
 * figures (a value with its format and a key naming what it measures) and glossary terms.
 * Rendered, every figure becomes a `<data>` element carrying its key and raw value, so a
 * test can recompute each one independently and a reader can see which words are data.
 */
import { formatValue, type Format } from './format.ts';
import { glossaryEntry, type GlossaryId } from './glossary.ts';
import { escapeHtml } from './html.ts';

/** A figure in the text. `key` names the measure and its scope (see tests/methodology). */
export interface Figure {
  readonly kind: 'figure';
  readonly key: string;
  readonly value: number | string | null;
  readonly format: Format;
}

/** A link to the glossary entry that defines a term. */
export interface TermLink {
  readonly kind: 'term';
  readonly id: GlossaryId;
  readonly text: string;
}

export type Fragment = string | Figure | TermLink;
export type Paragraph = readonly Fragment[];

/** A figure; text values (a region's name, a month) use the format 'text'. */
export function figure(key: string, value: number | string | null, format: Format): Figure {
  return { kind: 'figure', key, value, format };
}

/** A glossary term, shown as `text` (the entry's own name by default). */
export function term(id: GlossaryId, text?: string): TermLink {
  return { kind: 'term', id, text: text ?? glossaryEntry(id).term };
}

/** Tagged template: `prose\`Utilization is ${figure(...)}.\`` gives a paragraph; a paragraph inside is spliced in. */
export function prose(strings: TemplateStringsArray, ...parts: readonly (Fragment | Paragraph)[]): Paragraph {
  const out: Fragment[] = [];
  strings.forEach((text, i) => {
    if (text) out.push(text);
    const part = parts[i];
    if (Array.isArray(part)) out.push(...(part as Paragraph));
    else if (part !== undefined) out.push(part as Fragment);
  });
  return out;
}

/** Picks the word for how `a` compares with `b` ("higher" / "lower" / "the same as"). */
export function compareWord(a: number | null, b: number | null, words: { above: string; below: string; same: string }): string {
  if (a === null || b === null || a === b) return words.same;
  return a > b ? words.above : words.below;
}

/** A paragraph as plain text (figures formatted), for summaries and meta descriptions. */
export function plainText(paragraph: Paragraph): string {
  return paragraph.map((f) => (typeof f === 'string' ? f : f.kind === 'figure' ? formatValue(f.value, f.format) : f.text)).join('');
}

/** A paragraph's inner HTML; `glossaryHref` gives the link of a glossary entry. */
export function paragraphHtml(paragraph: Paragraph, glossaryHref: (id: GlossaryId) => string): string {
  return paragraph
    .map((f) => {
      if (typeof f === 'string') return escapeHtml(f);
      if (f.kind === 'term') return `<a class="term" href="${escapeHtml(glossaryHref(f.id))}">${escapeHtml(f.text)}</a>`;
      const raw = f.value === null ? '' : String(f.value);
      return `<data class="figure" data-figure="${escapeHtml(f.key)}" data-format="${f.format}" value="${escapeHtml(raw)}">${escapeHtml(formatValue(f.value, f.format))}</data>`;
    })
    .join('');
}
