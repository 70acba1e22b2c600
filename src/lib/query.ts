/**
 * Chart queries: SQL over the published tables whose parameter values are always bound as
 * numbered parameters ($1, $2, ...), never pasted into the text. A query's text does not
 * depend on the values (an unset category binds NULL and matches every row), so the
 * browser prepares each query once and re-runs it with new values, and "show SQL" can
 * print exactly the text both engines ran. Values that are not page parameters (the
 * account table's search text and page offset) are bound the same way, as named inputs.
 */
import type { ParameterState } from './parameters.ts';
import type { DatasetName } from './datasets.ts';

/** A query as written by a chart: the tables it reads and its SQL, built with a parameter binder. */
export interface Query {
  readonly tables: readonly DatasetName[];
  /** The category parameters `filters()` applies, as columns of the same name; a page that shows the query declares them. */
  readonly filters?: readonly string[];
  readonly sql: (p: ParameterBinder) => string;
}

/** The data sets that mark their last month (`in_last_month`), for `inSnapshot`. */
export type SnapshotTable = 'filter_cube' | 'revenue_cube' | 'health_cube' | 'account_health';

/** Values of a query's named inputs (NULL for "not set"). */
export type QueryInputs = Readonly<Record<string, string | null>>;

/** A bound value: text, a number, or NULL for "not set". */
export type BoundValue = string | number | null;

/** A query ready to run: its text and the parameter values in `$n` order. */
export interface BoundQuery {
  readonly sql: string;
  readonly params: readonly BoundValue[];
  /** What each parameter carries (a page parameter, a path level `name[i]` or an input's name), for display. */
  readonly names: readonly string[];
}

/** Hands out one numbered parameter per page parameter or named input a query uses. */
export class ParameterBinder {
  readonly #order: string[] = [];
  readonly #filters: readonly string[];
  readonly #inputs = new Set<string>();

  constructor(filters: readonly string[]) {
    this.#filters = filters;
  }

  #placeholder(name: string): string {
    let index = this.#order.indexOf(name);
    if (index < 0) index = this.#order.push(name) - 1;
    return `$${index + 1}`;
  }

  /** The placeholder (`$n`) of a page parameter's value; NULL when a category is not set. */
  value(name: string): string {
    return this.#placeholder(name);
  }

  /** A number parameter's value as DOUBLE (both engines then type it alike). */
  number(name: string): string {
    return `CAST(${this.#placeholder(name)} AS DOUBLE)`;
  }

  /** The placeholder of level `level` (0 is the root) of a path parameter; NULL below the path's depth. */
  level(name: string, level: number): string {
    return this.#placeholder(`${name}[${level}]`);
  }

  /** The placeholder of a named input that is not a page parameter (a search text, a page offset). */
  input(name: string): string {
    if (this.#filters.includes(name)) throw new Error(`The query input ${name} has the name of a filter.`);
    this.#inputs.add(name);
    return this.#placeholder(name);
  }

  /** A condition that holds when `column` equals the parameter's value, or always when it is not set. */
  match(name: string, column: string = name): string {
    const placeholder = this.value(name);
    return `(CAST(${placeholder} AS VARCHAR) IS NULL OR ${column} = ${placeholder})`;
  }

  /** The query's filters except those listed, joined with AND. */
  filters(options: { except?: readonly string[]; prefix?: string } = {}): string {
    if (!this.#filters.length) throw new Error('The query applies filters() but declares no filters.');
    const names = this.#filters.filter((name) => !options.except?.includes(name));
    return names.map((name) => this.match(name, `${options.prefix ?? ''}${name}`)).join(' AND ');
  }

  /** The selected month, or the latest month of `table` when none is selected (snapshot figures). */
  snapshotMonth(table: DatasetName): string {
    return `coalesce(CAST(${this.value('month')} AS VARCHAR), (SELECT max(month) FROM ${table}))`;
  }

  /**
   * A condition that holds on the rows of the selected month, or of the table's last month when none is
   * selected, for a data set with `in_last_month` (src/lib/datasets.ts; `prefix` is the table's alias with its
   * dot): the rows `snapshotMonth` picks, without its subquery, which the browser's engine planned again at every
   * change (a fifth of the executive summary's query time, a quarter of the health page's lowest scores).
   */
  inSnapshot(_table: SnapshotTable, prefix = ''): string {
    const month = this.value('month');
    return `(CASE WHEN CAST(${month} AS VARCHAR) IS NULL THEN ${prefix}in_last_month ELSE ${prefix}month = ${month} END)`;
  }

  /** Parameter names in `$n` order. */
  get names(): readonly string[] {
    return this.#order;
  }

  /** Whether `name` was bound as a named input. */
  isInput(name: string): boolean {
    return this.#inputs.has(name);
  }
}

/** Options of a binding: a cross-filtering chart is not filtered by the parameter its own marks set. */
export interface BindOptions {
  readonly exclude?: string;
}

/** The value bound for a parameter name: a path level, a value from the state, or NULL when unset. */
function stateValue(state: ParameterState, name: string): BoundValue {
  const level = /^(.+)\[(\d+)\]$/.exec(name);
  if (level) {
    const path = state[level[1]!];
    return typeof path === 'object' ? (path[Number(level[2])] ?? null) : null;
  }
  const value = state[name];
  if (value === undefined) return null;
  return typeof value === 'object' ? value.join('/') : value;
}

/** The query's text and its parameters for a state and the values of its named inputs. */
export function bindQuery(query: Query, state: ParameterState, inputs: QueryInputs = {}, options: BindOptions = {}): BoundQuery {
  const binder = new ParameterBinder(query.filters ?? []);
  const sql = query.sql(binder).trim();
  const names = [...binder.names];
  const params = names.map((name) => {
    if (binder.isInput(name)) {
      if (!Object.hasOwn(inputs, name)) throw new Error(`The query needs a value for its input ${name}.`);
      return inputs[name] ?? null;
    }
    return name === options.exclude ? null : stateValue(state, name);
  });
  return { sql, names, params };
}

/** Text of the parameters a query ran with, one per line ("all" for an unset one). */
export function describeParams(bound: BoundQuery): string {
  if (!bound.params.length) return 'No parameters.';
  return bound.names.map((name, i) => `$${i + 1} = ${name}: ${bound.params[i] ?? 'all'}`).join('\n');
}
