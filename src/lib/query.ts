/**
 * Chart queries: SQL over the published tables whose filter values are always bound as
 * numbered parameters ($1, $2, ...), never pasted into the text. A query's text does not
 * depend on the filter state (an unset filter binds NULL and matches every row), so the
 * browser prepares each query once and re-runs it with new values, and "show SQL" can
 * print exactly the text both engines ran.
 */
import { FILTER_DIMENSIONS, type FilterDimension, type FilterState } from './filters.ts';
import type { TableName } from './published.ts';

/** A query as written by a chart: the tables it reads and its SQL, built with a parameter binder. */
export interface Query {
  readonly tables: readonly TableName[];
  readonly sql: (p: ParameterBinder) => string;
}

/** A query ready to run: its text and the parameter values in `$n` order. */
export interface BoundQuery {
  readonly sql: string;
  readonly params: readonly (string | null)[];
  /** Which filter dimension each parameter carries, for display. */
  readonly dimensions: readonly FilterDimension[];
}

/** Hands out one numbered parameter per filter dimension a query uses. */
export class ParameterBinder {
  readonly #order: FilterDimension[] = [];

  /** The placeholder (`$n`) of a dimension's value; NULL when the dimension is not filtered. */
  value(dimension: FilterDimension): string {
    let index = this.#order.indexOf(dimension);
    if (index < 0) index = this.#order.push(dimension) - 1;
    return `$${index + 1}`;
  }

  /** A condition that holds when `column` equals the selected value, or always when none is selected. */
  match(dimension: FilterDimension, column: string = dimension): string {
    const placeholder = this.value(dimension);
    return `(CAST(${placeholder} AS VARCHAR) IS NULL OR ${column} = ${placeholder})`;
  }

  /** All global filters except those listed, joined with AND. */
  filters(options: { except?: readonly FilterDimension[]; prefix?: string } = {}): string {
    const dimensions = FILTER_DIMENSIONS.filter((dimension) => !options.except?.includes(dimension));
    return dimensions.map((dimension) => this.match(dimension, `${options.prefix ?? ''}${dimension}`)).join(' AND ');
  }

  /** The selected month, or the latest month of `table` when none is selected (snapshot figures). */
  snapshotMonth(table: TableName): string {
    return `coalesce(CAST(${this.value('month')} AS VARCHAR), (SELECT max(month) FROM ${table}))`;
  }

  get dimensions(): readonly FilterDimension[] {
    return this.#order;
  }
}

/** The query's text and its parameters for a filter state. */
export function bindQuery(query: Query, state: FilterState): BoundQuery {
  const binder = new ParameterBinder();
  const sql = query.sql(binder).trim();
  const dimensions = [...binder.dimensions];
  return { sql, dimensions, params: dimensions.map((dimension) => state[dimension] ?? null) };
}
