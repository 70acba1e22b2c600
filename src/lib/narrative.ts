/**
 * Prose whose figures come from the data. A paragraph is a list of fragments: plain text,
 * figures (a value with its format and a key naming what it measures) and glossary terms.
 * Rendered, every figure becomes a `<data>` element carrying its key and raw value, so a
 * test can recompute each one independently and a reader can see which words are data.
 */
import type { QualityReport } from './quality-report.ts';
import { formatValue, type Format } from './format.ts';
import type { GlossaryId } from './glossary.ts';
import { escapeHtml } from './html.ts';
import type { Manifest } from './published.ts';
import type { Row } from './rows.ts';

/** What a narrative is written from, at build time: chart rows (unfiltered), the manifest and the quality report. */
export interface NarrativeData {
  /** The rows of one of the charts the narrative may read. */
  rows(chartId: string): readonly Row[];
  readonly quality: QualityReport;
  readonly manifest: Manifest;
}

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
  /** The words shown; the entry's own name when absent. */
  readonly text?: string;
}

/** Words set in bold (a defined term where it is defined). */
export interface Strong {
  readonly kind: 'strong';
  readonly parts: Paragraph;
}

export type Fragment = string | Figure | TermLink | Strong;
export type Paragraph = readonly Fragment[];

/** A figure; text values (a region's name, a month) use the format 'text'. */
export function figure(key: string, value: number | string | null, format: Format): Figure {
  return { kind: 'figure', key, value, format };
}

/** A glossary term, shown as `text` (the entry's own name by default, looked up when rendered). */
export function term(id: GlossaryId, text?: string): TermLink {
  return text === undefined ? { kind: 'term', id } : { kind: 'term', id, text };
}

/** Bold words. */
export function strong(...parts: readonly Fragment[]): Strong {
  return { kind: 'strong', parts };
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

/** Items as one run of text: "a", "a and b", "a, b and c". */
export function list(items: readonly Paragraph[]): Paragraph {
  return items.flatMap((item, i) => [...(i === 0 ? [] : [i === items.length - 1 ? ' and ' : ', ']), ...item]);
}

/** Picks the word for how `a` compares with `b` ("higher" / "lower" / "the same as"). */
export function compareWord(a: number | null, b: number | null, words: { above: string; below: string; same: string }): string {
  if (a === null || b === null || a === b) return words.same;
  return a > b ? words.above : words.below;
}

/**
 * How terms are written out: the link and the name of a glossary entry. Passed in by the
 * build (src/build/glossary-links.ts), so the text of a page (loaded by the browser with its
 * charts) does not carry the whole glossary.
 */
export interface GlossaryLinks {
  href(id: GlossaryId): string;
  name(id: GlossaryId): string;
}

/** A paragraph as plain text (figures formatted), for summaries and meta descriptions. */
export function plainText(paragraph: Paragraph, glossary: Pick<GlossaryLinks, 'name'>): string {
  return paragraph
    .map((f) => {
      if (typeof f === 'string') return f;
      if (f.kind === 'figure') return formatValue(f.value, f.format);
      if (f.kind === 'strong') return plainText(f.parts, glossary);
      return f.text ?? glossary.name(f.id);
    })
    .join('');
}

/** A paragraph's inner HTML, each term a link to its glossary entry. */
export function paragraphHtml(paragraph: Paragraph, glossary: GlossaryLinks): string {
  return paragraph
    .map((f) => {
      if (typeof f === 'string') return escapeHtml(f);
      if (f.kind === 'term') return `<a class="term" href="${escapeHtml(glossary.href(f.id))}">${escapeHtml(f.text ?? glossary.name(f.id))}</a>`;
      if (f.kind === 'strong') return `<strong>${paragraphHtml(f.parts, glossary)}</strong>`;
      const raw = f.value === null ? '' : String(f.value);
      return `<data class="figure" data-figure="${escapeHtml(f.key)}" data-format="${f.format}" value="${escapeHtml(raw)}">${escapeHtml(formatValue(f.value, f.format))}</data>`;
    })
    .join('');
}
