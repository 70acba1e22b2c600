/** A time axis over `YYYY-MM` months, shared by the monthly charts. */
import { type Row, text } from '../rows.ts';

/** A `YYYY-MM` month as the UTC date of its first day. */
export const monthDate = (month: string | null) => new Date(`${month}-01T00:00:00Z`);

/** Tick dates of a month axis over the rows' `month`: every month, or every second, third... so that at most eight are labelled. */
export function monthTicks(rows: readonly Row[]): Date[] {
  const months = [...new Set(rows.map((r) => text(r, 'month')))].sort();
  const step = Math.ceil(months.length / 8);
  return months.filter((_, i) => i % step === 0).map(monthDate);
}
