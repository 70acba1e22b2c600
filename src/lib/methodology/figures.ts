/**
 * Small readers shared by the step narratives: a row by its label, a column's total, the
 * group with the highest or lowest value, and the thresholds from config as figures.
 * Figure keys follow one grammar (checked by tests/methodology.test.ts):
 * `measure`, `measure@dimension=value`, `low|high|n(key)`, `gap|ratio(keyA;keyB)`,
 * `max|min(measure@dimension)` (the label of the extreme group) and `threshold@name`.
 */
import { THRESHOLDS } from '../config.ts';
import { figure, type Figure } from '../narrative.ts';
import { num, text, type Row } from '../rows.ts';

/** The row whose `column` equals `label`; throws when the data has none. */
export function rowWhere(rows: readonly Row[], column: string, label: string): Row {
  const row = rows.find((r) => text(r, column) === label);
  if (!row) throw new Error(`No row with ${column} = ${label}.`);
  return row;
}

/** The sum of a numeric column. */
export function total(rows: readonly Row[], column: string): number {
  return rows.reduce((sum, row) => sum + (num(row, column) ?? 0), 0);
}

/** The row with the highest (or lowest) value of `measure`. */
export function extremeRow(rows: readonly Row[], measure: string, which: 'max' | 'min'): Row {
  const sorted = rows.filter((r) => num(r, measure) !== null).sort((a, b) => (num(a, measure)! - num(b, measure)!) * (which === 'max' ? -1 : 1));
  if (!sorted[0]) throw new Error(`No values of ${measure}.`);
  return sorted[0];
}

/** The label of the group with the highest or lowest `measure`, as a figure. */
export function extremeFigure(rows: readonly Row[], measure: string, dimension: string, which: 'max' | 'min'): Figure {
  return figure(`${which}(${measure}@${dimension})`, text(extremeRow(rows, measure, which), dimension), 'text');
}

/** A threshold of config.ts as a figure. */
export function threshold(name: keyof typeof THRESHOLDS): Figure {
  return figure(`threshold@${name}`, THRESHOLDS[name], 'percent');
}

/** A measure of one group as a figure: `measure@dimension=label`. */
export function groupFigure(rows: readonly Row[], measure: string, dimension: string, label: string, format: Figure['format'] = 'percent'): Figure {
  return figure(`${measure}@${dimension}=${label}`, num(rowWhere(rows, dimension, label), measure), format);
}
