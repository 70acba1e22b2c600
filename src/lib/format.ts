/**
 * Number formats used everywhere a figure is shown (cards, tables, prose, tooltips), so
 * the same value always reads the same way.
 */

/** How a column's values are shown. */
/**
 * `points` is a signed change in percentage points; `gap` the unsigned distance between two rates; `ratio` a multiple;
 * `factor` a multiplicative effect near one (a rate ratio), to two decimals.
 */
export type Format = 'text' | 'integer' | 'decimal' | 'auc' | 'percent' | 'money' | 'points' | 'gap' | 'ratio' | 'factor';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
/** A mean on a small scale (an NPS score): one decimal. */
const decimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** An area under the ROC curve: three decimals, so scores near each other stay apart. */
const auc = new Intl.NumberFormat('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const factor = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** Money in cards, prose and tooltips: three significant digits ("$277K", "$2.3M", "$27.6M", "$5.94B"). */
const compactMoney = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumSignificantDigits: 3 });
/** An axis tick: as many digits as the (round) tick has, up to two decimals, so no tick is rounded to its neighbour. */
const compactTick = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  minimumFractionDigits: 0,
  maximumFractionDigits: 2,
});
const compactCount = new Intl.NumberFormat('en-US', { notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 2 });
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const signedPercent = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const gapPoints = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const points = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });

/** A tick of a money axis in compact form ("$5.95B", "$250K"), with the digits the tick has; Plot's SI format wrote billions as "G". */
export const moneyTick = (value: number): string => compactTick.format(value);

/** A tick of a count axis in compact form ("200K", "1.5M"), as money ticks are; Plot's SI format wrote "200k". */
export const countTick = (value: number): string => compactCount.format(value);

/** Formats a value; null (undefined rates, missing values) shows as an en dash. */
export function formatValue(value: string | number | boolean | null | undefined, format: Format): string {
  if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return '–';
  if (typeof value !== 'number') return String(value);
  switch (format) {
    case 'integer':
      return integer.format(value);
    case 'percent':
      return percent.format(value);
    case 'money':
      return Math.abs(value) >= 100_000 ? compactMoney.format(value) : money.format(value);
    case 'decimal':
      return decimal.format(value);
    case 'auc':
      return auc.format(value);
    case 'points':
      return `${points.format(value * 100)} pts`;
    case 'gap':
      return `${gapPoints.format(Math.abs(value) * 100)} points`;
    case 'ratio':
      return `${gapPoints.format(value)}×`;
    case 'factor':
      return `${factor.format(value)}×`;
    case 'text':
      return String(value);
  }
}

/**
 * A value as a table cell shows it: as `formatValue` does, except money, which a column shows in whole dollars
 * throughout ("$134.52K" under "$35,440" reads as another unit); cards, prose and tooltips keep the compact form.
 */
export function formatCell(value: string | number | boolean | null | undefined, format: Format): string {
  return format === 'money' && typeof value === 'number' && Number.isFinite(value) ? money.format(value) : formatValue(value, format);
}

/** A size band's label with its unit: "1 seat", "2-5 seats". */
export const seatsText = (band: string): string => `${band} seat${band === '1' ? '' : 's'}`;

/** A threshold or band edge as a whole percentage ("60%"), for definitions and labels. */
export function wholePercent(fraction: number): string {
  return `${integer.format(fraction * 100)}%`;
}

/** A signed change: percentage points for rates, a relative change for counts and money. */
export function formatChange(current: number | null, previous: number | null, format: Format): string {
  if (current === null || previous === null) return '–';
  if (format === 'percent') return formatValue(current - previous, 'points');
  if (previous === 0) return '–';
  return signedPercent.format((current - previous) / previous);
}

/**
 * A label inside a sentence: its first letter lowered ("Seats purchased" reads "seats purchased"), unless its first word
 * is an acronym ("ARR trend" stays, where lowering the whole label wrote "arr trend").
 */
export function inSentence(label: string): string;
export function inSentence(label: string | undefined): string | undefined;
export function inSentence(label: string | undefined): string | undefined {
  if (label === undefined) return undefined;
  const [first = ''] = label.split(/\s/, 1);
  return first.length > 1 && first === first.toUpperCase() ? label : label.charAt(0).toLowerCase() + label.slice(1);
}
