/**
 * Bands: ordered ranges with a label. One definition serves both the TypeScript side
 * (`bandOf`) and the SQL side (`bandSql`), so the pipeline and the site can never
 * disagree on where a boundary lies.
 */

/**
 * A labelled range starting at `min` (inclusive). A band ends where the next one starts
 * (exclusive); the last band is open-ended. Bands are listed in ascending order.
 */
export interface Band {
  readonly label: string;
  readonly min: number;
  /** The band starts just above `min` rather than at it ("above 80%"). */
  readonly aboveMin?: boolean;
}

function holds(value: number, band: Band): boolean {
  return band.aboveMin ? value > band.min : value >= band.min;
}

/** The label of the band holding `value`, or null when it lies below the first band. */
export function bandOf(value: number, bands: readonly Band[]): string | null {
  let label: string | null = null;
  for (const band of bands) {
    if (holds(value, band)) label = band.label;
    else break;
  }
  return label;
}

/** Band labels in order, for sorting and for the allowed values of a filter. */
export function bandLabels(bands: readonly Band[]): string[] {
  return bands.map((band) => band.label);
}

/** A SQL string literal: the value single-quoted, inner quotes doubled. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A SQL CASE expression mapping `expr` to its band label (NULL below the first band or when NULL). */
export function bandSql(expr: string, bands: readonly Band[]): string {
  const arms = [...bands].reverse().map((band) => `WHEN ${expr} ${band.aboveMin ? '>' : '>='} ${band.min} THEN ${sqlString(band.label)}`);
  return `CASE ${arms.join(' ')} END`;
}

/** A SQL expression giving the 1-based position of `expr` in `labels` (for ordering). */
export function orderSql(expr: string, labels: readonly string[]): string {
  return `list_position([${labels.map(sqlString).join(', ')}], ${expr})`;
}
