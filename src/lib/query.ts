/**
 * Chart queries: SQL over the published tables whose filter values are always bound as
 * numbered parameters ($1, $2, ...), never pasted into the text. A query's text does not
 * depend on the filter state (an unset filter binds NULL and matches every row), so the
 * browser prepares each query once and re-runs it with new values, and "show SQL" can
 * print exactly the text both engines ran. Values that are not global filters (the
 * account table's search text and page offset) are bound the same way, as named inputs.
 */
import { FILTER_DIMENSIONS, isFilterDimension, type FilterDimension, type FilterState } from './filters.ts';
import type { DatasetName } from './datasets.ts';

/** A query as written by a chart: the tables it reads and its SQL, built with a parameter binder. */
export interface Query {
  readonly tables: readonly DatasetName[];
  readonly sql: (p: ParameterBinder) => string;
}

/** Values of a query's named inputs (NULL for "not set"). */
export type QueryInputs = Readonly<Record<string, string | null>>;

/** A query ready to run: its text and the parameter values in `$n` order. */
export interface BoundQuery {
  readonly sql: string;
  readonly params: readonly (string | null)[];
  /** What each parameter carries (a filter dimension or an input's name), for display. */
  readonly names: readonly string[];
}

/** Hands out one numbered parameter per filter dimension or named input a query uses. */
export class ParameterBinder {
  readonly #order: string[] = [];

  #placeholder(name: string): string {
    let index = this.#order.indexOf(name);
    if (index < 0) index = this.#order.push(name) - 1;
    return `$${index + 1}`;
  }

  /** The placeholder (`$n`) of a dimension's value; NULL when the dimension is not filtered. */
  value(dimension: FilterDimension): string {
    return this.#placeholder(dimension);
  }

  /** The placeholder of a named input that is not a global filter (a search text, a page offset). */
  input(name: string): string {
    if (isFilterDimension(name)) throw new Error(`The query input ${name} has the name of a filter dimension.`);
    return this.#placeholder(name);
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
  snapshotMonth(table: DatasetName): string {
    return `coalesce(CAST(${this.value('month')} AS VARCHAR), (SELECT max(month) FROM ${table}))`;
  }

  /** Parameter names in `$n` order. */
  get names(): readonly string[] {
    return this.#order;
  }
}

/** The query's text and its parameters for a filter state and the values of its named inputs. */
export function bindQuery(query: Query, state: FilterState, inputs: QueryInputs = {}): BoundQuery {
  const binder = new ParameterBinder();
  const sql = query.sql(binder).trim();
  const names = [...binder.names];
  const params = names.map((name) => {
    if (isFilterDimension(name)) return state[name] ?? null;
    if (!Object.hasOwn(inputs, name)) throw new Error(`The query needs a value for its input ${name}.`);
    return inputs[name] ?? null;
  });
  return { sql, names, params };
}
