/** A time axis over `YYYY-MM` months, shared by the monthly charts. */
import { num, type Row, text } from '../rows.ts';

/** A `YYYY-MM` month as the UTC date of its first day. */
export const monthDate = (month: string | null) => new Date(`${month}-01T00:00:00Z`);

/** Tick dates of a month axis over the rows' `month`: every month, or every second, third... so that at most eight are labelled. */
export function monthTicks(rows: readonly Row[]): Date[] {
  const months = [...new Set(rows.map((r) => text(r, 'month')))].sort();
  const step = Math.ceil(months.length / 8);
  return months.filter((_, i) => i % step === 0).map(monthDate);
}

/**
 * The rows to name at the right end of a monthly chart with a line per `series`: the chosen series' last
 * month, or else the highest and the lowest series by `y` in the last month (one row when they are the same).
 */
export function lineEnds(rows: readonly Row[], series: string, y: string, chosen: string | null | undefined): Row[] {
  if (chosen !== null && chosen !== undefined) {
    const mine = rows.filter((r) => text(r, series) === chosen);
    const last = mine.reduce<Row | undefined>((latest, r) => (latest === undefined || text(r, 'month')! > text(latest, 'month')! ? r : latest), undefined);
    return last ? [last] : [];
  }
  const month = rows.reduce<string | null>((latest, r) => (latest === null || text(r, 'month')! > latest ? text(r, 'month') : latest), null);
  const inMonth = rows.filter((r) => text(r, 'month') === month && num(r, y) !== null).sort((a, b) => num(b, y)! - num(a, y)!);
  const [top, bottom] = [inMonth[0], inMonth[inMonth.length - 1]];
  if (!top || !bottom) return [];
  return top === bottom ? [top] : [top, bottom];
}
