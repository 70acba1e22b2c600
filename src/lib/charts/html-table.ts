/** Rows as an accessible HTML table: the "view as table" of every chart and the ranking tables. */
import { formatValue } from '../format.ts';
import { escapeHtml } from '../html.ts';
import type { Row } from '../rows.ts';
import type { Column } from './chart.ts';

const NUMERIC = new Set(['integer', 'percent', 'money', 'points', 'gap', 'ratio']);

/** An HTML table of `rows` with a caption; numbers right-aligned and formatted. */
export function htmlTable(rows: readonly Row[], columns: readonly Column[], caption: string): string {
  const head = columns.map((c) => `<th scope="col"${NUMERIC.has(c.format) ? ' class="num"' : ''}>${escapeHtml(c.label)}</th>`).join('');
  const body = rows
    .map((row) => {
      const cells = columns.map((c, i) => {
        const content = escapeHtml(formatValue(row[c.key], c.format));
        const attrs = NUMERIC.has(c.format) ? ' class="num"' : '';
        return i === 0 ? `<th scope="row"${attrs}>${content}</th>` : `<td${attrs}>${content}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  const empty = rows.length === 0 ? `<tr><td colspan="${columns.length}">No rows match the filters.</td></tr>` : '';
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}${empty}</tbody></table>`;
}
