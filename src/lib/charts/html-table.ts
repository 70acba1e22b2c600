/** Rows as an accessible HTML table: the "view as table" of every chart and the ranking tables. */
import { formatValue } from '../format.ts';
import { escapeHtml } from '../html.ts';
import type { Row } from '../rows.ts';
import type { Column, RenderContext } from './chart.ts';

const NUMERIC = new Set(['integer', 'decimal', 'percent', 'money', 'points', 'gap', 'ratio']);

/**
 * An HTML table of `rows` with a caption; numbers right-aligned and formatted. In the
 * context of a chart with a cross-filter, each row header is a button that sets the parameter to the row's value of
 * the first column, and the selected row is marked.
 */
export function htmlTable(rows: readonly Row[], columns: readonly Column[], caption: string, context?: RenderContext): string {
  const parameter = context?.crossFilter?.parameter;
  const chosen = parameter ? context.filters[parameter] : undefined;
  const head = columns.map((c) => `<th scope="col"${NUMERIC.has(c.format) ? ' class="num"' : ''}>${escapeHtml(c.label)}</th>`).join('');
  const body = rows
    .map((row) => {
      const cells = columns.map((c, i) => {
        const content = escapeHtml(formatValue(row[c.key], c.format));
        const attrs = NUMERIC.has(c.format) ? ' class="num"' : '';
        if (i > 0) return `<td${attrs}>${content}</td>`;
        const value = row[c.key];
        if (!parameter || value === null || value === undefined) return `<th scope="row"${attrs}>${content}</th>`;
        const button = `<button type="button" class="row-filter" data-filter="${escapeHtml(parameter)}" data-value="${escapeHtml(String(value))}" aria-label="Filter by ${escapeHtml(String(value))}">${content}</button>`;
        return `<th scope="row"${attrs}>${button}</th>`;
      });
      const selected = chosen !== undefined && row[columns[0]?.key ?? ''] === chosen;
      return `<tr${selected ? ' class="selected"' : ''}>${cells.join('')}</tr>`;
    })
    .join('');
  const empty = rows.length === 0 ? `<tr><td colspan="${columns.length}">No rows match the filters.</td></tr>` : '';
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}${empty}</tbody></table>`;
}
