/** KPI cards: each figure with its change against a previous period, coloured by whether the change is good news. */
import { type Format, formatChange, formatValue } from '../format.ts';
import { escapeHtml } from '../html.ts';
import { selected } from '../parameters.ts';
import { num, type Row, text } from '../rows.ts';
import type { RenderContext } from './chart.ts';

export interface Kpi {
  readonly key: string;
  readonly label: string;
  readonly format: Format;
  /** Whether a rise is good news (colours the change). */
  readonly higherIsBetter: boolean;
}

/** `text` as HTML that breaks only between words: a date such as 2026-07 or 2026-03-04 does not break at its hyphens. */
function unbroken(text: string): string {
  return text
    .split(' ')
    .map((word) => `<span class="unbroken">${escapeHtml(word)}</span>`)
    .join(' ');
}

/**
 * The cards of `kpis` read from `current`, each with its change from `previous` (labelled
 * "vs <label>"), or `noPrevious` when there is no previous period.
 */
export function kpiCardsHtml(kpis: readonly Kpi[], current: Row, previous: { row: Row; label: string } | null, ariaLabel: string, noPrevious: string): string {
  const cards = kpis.map((kpi) => {
    const value = num(current, kpi.key);
    const before = previous ? num(previous.row, kpi.key) : null;
    const change = formatChange(value, before, kpi.format);
    // The arrow follows the change as shown: a change that rounds to zero is flat.
    const direction = /^\+/.test(change) ? 1 : /^-/.test(change) ? -1 : 0;
    const trend = direction === 0 ? 'flat' : direction > 0 === kpi.higherIsBetter ? 'good' : 'bad';
    const arrow = direction === 0 ? '' : direction > 0 ? '▲ ' : '▼ ';
    const html = previous
      ? `<span class="kpi-change ${trend}">${arrow}${escapeHtml(change)}</span> <span class="kpi-note">vs ${unbroken(previous.label)}</span>`
      : `<span class="kpi-note">${escapeHtml(noPrevious)}</span>`;
    return `<div class="kpi" data-kpi="${kpi.key}"><dt>${escapeHtml(kpi.label)}</dt><dd><span class="kpi-value">${escapeHtml(formatValue(value, kpi.format))}</span>${html}</dd></div>`;
  });
  return `<dl class="kpis" aria-label="${escapeHtml(ariaLabel)}">${cards.join('')}</dl>`;
}

/** The month the snapshot figures of monthly rows describe: the selected one, or the latest with data. */
export function snapshotMonth(rows: readonly Row[], context: RenderContext): string | null {
  return selected(context.filters, 'month') ?? (rows.length ? text(rows[rows.length - 1]!, 'month') : null);
}

/** KPI cards of monthly rows (in month order): the snapshot month against the month before it. */
export function monthlyKpiCardsHtml(
  rows: readonly Row[],
  context: RenderContext,
  kpis: readonly Kpi[],
  ariaLabel: (month: string) => string,
  empty: string,
): string {
  const month = snapshotMonth(rows, context);
  const index = rows.findIndex((row) => row.month === month);
  const current = rows[index];
  const previous = index > 0 ? rows[index - 1] : undefined;
  if (!current || month === null) return `<p class="empty">${escapeHtml(empty)}</p>`;
  return kpiCardsHtml(kpis, current, previous ? { row: previous, label: text(previous, 'month') ?? '' } : null, ariaLabel(month), 'first month: no change');
}
