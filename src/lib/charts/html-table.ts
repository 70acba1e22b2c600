/** Rows as an accessible HTML table: the "view as table" of every chart and the ranking tables. */
import { formatCell } from '../format.ts';
import { escapeHtml } from '../html.ts';
import type { Row } from '../rows.ts';
import type { Column, RenderContext } from './chart.ts';

const NUMERIC = new Set(['integer', 'decimal', 'auc', 'percent', 'money', 'points', 'gap', 'ratio', 'factor']);

/** A month or a day ("2026-06", "2024-09-10"): a cell keeps it on one line, where the browser would break it at a hyphen. */
const DATE = /^\d{4}-\d{2}(-\d{2})?$/;

/** How a table is sorted by a choice parameter: a click on a sortable column's header sets it to the column's key. */
export interface TableSort {
  readonly parameter: string;
  /** The keys of the columns the parameter can sort by (always descending). */
  readonly columns: readonly string[];
}

export interface TableOptions {
  /** A class for a row (to highlight it), or undefined. */
  readonly rowClass?: (row: Row) => string | undefined;
  readonly sort?: TableSort;
  /** What a row's header button sets, when not the chart's cross-filter (a drill step, or an account). */
  readonly rowAction?: (row: Row) => { readonly parameter: string; readonly value: string } | null;
}

/** A cell's text: the formatted value, with its interval when the column has one. */
function cellText(row: Row, column: Column): string {
  const value = formatCell(row[column.shows ?? column.key], column.shows ? 'text' : column.format);
  if (!column.interval || row[column.key] === null || row[column.key] === undefined) return value;
  const [low, high] = column.interval.map((key) => formatCell(row[key], column.format));
  return `${value} (${low}–${high})`;
}

/** A column's header: its label (with "95% CI" when it has an interval), a sort button when the table sorts by it. */
function headerCell(column: Column, context: RenderContext | undefined, sort: TableSort | undefined): string {
  const label = escapeHtml(column.interval ? `${column.label} (95% CI)` : column.label);
  const classes = NUMERIC.has(column.format) ? ' class="num"' : '';
  if (!sort?.columns.includes(column.key)) return `<th scope="col"${classes}>${label}</th>`;
  const sorted = context?.filters[sort.parameter] === column.key;
  const button = `<button type="button" class="sort" data-filter="${escapeHtml(sort.parameter)}" data-value="${escapeHtml(column.key)}" aria-label="Sort by ${label}, largest first">${label}</button>`;
  return `<th scope="col"${classes}${sorted ? ' aria-sort="descending"' : ''}>${button}</th>`;
}

/**
 * An HTML table of `rows` with a caption; numbers right-aligned and formatted. In the
 * context of a chart with a cross-filter, each row header is a button that sets the parameter to the row's value of
 * the first column, and the selected row is marked. Options add row classes and sortable headers.
 */
export function htmlTable(rows: readonly Row[], columns: readonly Column[], caption: string, context?: RenderContext, options: TableOptions = {}): string {
  const parameter = context?.crossFilter?.parameter;
  const chosen = parameter ? context.filters[parameter] : undefined;
  const head = columns.map((c) => headerCell(c, context, options.sort)).join('');
  const body = rows
    .map((row) => {
      const cells = columns.map((c, i) => {
        const href = c.href?.(row);
        const text = escapeHtml(cellText(row, c));
        const content = href ? `<a href="${escapeHtml(href)}">${text}</a>` : text;
        const attrs = NUMERIC.has(c.format) ? ' class="num"' : c.prose ? ' class="prose"' : DATE.test(text) ? ' class="date"' : '';
        if (i > 0) return `<td${attrs}>${content}</td>`;
        const value = row[c.key];
        const action = options.rowAction
          ? options.rowAction(row)
          : parameter && value !== null && value !== undefined
            ? { parameter, value: String(value) }
            : null;
        if (!action) return `<th scope="row"${attrs}>${content}</th>`;
        // The name a screen reader hears starts with what the button shows.
        const label = options.rowAction || c.shows ? `Open ${cellText(row, c)}` : `Filter by ${action.value}`;
        const button = `<button type="button" class="row-filter" data-filter="${escapeHtml(action.parameter)}" data-value="${escapeHtml(action.value)}" aria-label="${escapeHtml(label)}">${content}</button>`;
        return `<th scope="row"${attrs}>${button}</th>`;
      });
      const selected = chosen !== undefined && row[columns[0]?.key ?? ''] === chosen;
      const classes = [selected ? 'selected' : undefined, options.rowClass?.(row)].filter(Boolean).join(' ');
      return `<tr${classes ? ` class="${escapeHtml(classes)}"` : ''}>${cells.join('')}</tr>`;
    })
    .join('');
  const empty = rows.length === 0 ? `<tr><td colspan="${columns.length}">No rows match the filters.</td></tr>` : '';
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}${empty}</tbody></table>`;
}
