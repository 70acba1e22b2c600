/**
 * What a reader can set on a page, declared by the page: typed parameters read from and
 * written to the URL query string. Values from the URL are untrusted: each is checked
 * against its declaration (a category against the published values, a number against its
 * range and step, an id against its pattern, and later against the data) and dropped with
 * a note when it fails, so nothing but a valid value ever reaches a query, and then only
 * as a bound parameter. Modelled on Mosaic's params: a named value that queries read.
 */
import type { DatasetName } from './datasets.ts';
import { inSentence } from './format.ts';

/** Where a parameter's values come from: a column of a published data set. */
export interface ParameterSource {
  readonly dataset: DatasetName;
  readonly column: string;
}

interface BaseParameter {
  /** The URL key and the name a query binds it by. */
  readonly name: string;
  /** Shown in the filter bar and the status line. */
  readonly label: string;
}

/** One value out of a published column's categories; unset means "all". */
export interface CategoryParameter extends BaseParameter {
  readonly kind: 'category';
  readonly source: ParameterSource;
}

/** A number a reader adjusts (a weight, a count), always set: its default when not in the URL. */
export interface NumberParameter extends BaseParameter {
  readonly kind: 'number';
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly default: number;
  /** Set on a position (a table's page): it returns to its default whenever another parameter changes. */
  readonly resetsWithOthers?: boolean;
}

/** Free text a reader types (a search), up to `maxLength` characters; bound as a value, never pasted into SQL. */
export interface TextParameter extends BaseParameter {
  readonly kind: 'text';
  readonly maxLength: number;
}

/** The id of one row of a published data set (an account); checked against the data before use. */
export interface IdParameter extends BaseParameter {
  readonly kind: 'id';
  readonly source: ParameterSource;
}

/** An ordered drill (region > country > industry), written `a/b/c` in the URL; empty is the root. */
export interface PathParameter extends BaseParameter {
  readonly kind: 'path';
  readonly dataset: DatasetName;
  /** The columns of the levels, root first. */
  readonly levels: readonly { readonly column: string; readonly label: string }[];
}

/** One option of a choice or a sequence: its URL value and its label. */
export interface ParameterOption {
  readonly value: string;
  readonly label: string;
}

/** One of a fixed list of options (what a chart measures), always set: its default when not in the URL. */
export interface ChoiceParameter extends BaseParameter {
  readonly kind: 'choice';
  readonly options: readonly ParameterOption[];
  readonly default: string;
}

/** An ordered selection from a fixed list (a Sankey's stages), written `a/b/c`: at least `min` options, each once. */
export interface SequenceParameter extends BaseParameter {
  readonly kind: 'sequence';
  readonly options: readonly ParameterOption[];
  readonly min: number;
  readonly default: readonly string[];
}

export type Parameter = CategoryParameter | NumberParameter | TextParameter | IdParameter | PathParameter | ChoiceParameter | SequenceParameter;

/** A parameter's value: a category, an id or a choice (text), a number, or a path or sequence (its items). */
export type ParameterValue = string | number | readonly string[];

/** The values set on a page; an absent key is "all" (category), "none" (id), the root (path) or the default (number, choice, sequence). */
export type ParameterState = Readonly<Record<string, ParameterValue>>;

/** The allowed values of each category parameter, by parameter name (from the manifest). */
export type AllowedValues = Readonly<Record<string, readonly string[]>>;

/** A URL value that was not accepted, kept to tell the reader why it was ignored. */
export interface DroppedValue {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly reason: string;
}

/** Ids are short and plain; anything else is refused before it reaches the engine. */
const ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** A number as the URL writes it. */
const DECIMAL = /^-?\d{1,15}(\.\d{1,15})?$/;

/** Longest URL value echoed back in a note; longer ones are shortened. */
const NOTE_VALUE_LIMIT = 40;

/** Whether `text` holds a control character (C0, DEL, C1): never part of a search. */
const hasControl = (text: string) => [...text].some((char) => char.charCodeAt(0) < 0x20 || (char.charCodeAt(0) >= 0x7f && char.charCodeAt(0) <= 0x9f));

/** The path separator in the URL (a level's value never contains it: such values are refused). */
const PATH_SEPARATOR = '/';

/** Why a raw URL value is not valid for `parameter`, or the parsed value. */
export function parseValue(parameter: Parameter, raw: string, allowed: AllowedValues): { value: ParameterValue } | { reason: string } {
  switch (parameter.kind) {
    case 'category':
      return allowed[parameter.name]?.includes(raw) ? { value: raw } : { reason: 'it is not one of the known values' };
    case 'number': {
      // Plain decimals only: Number() would also take "0x1", "1e-1" and " 1 ".
      const value = DECIMAL.test(raw) ? Number(raw) : Number.NaN;
      const steps = (value - parameter.min) / parameter.step;
      if (!Number.isFinite(value) || value < parameter.min || value > parameter.max || Math.abs(steps - Math.round(steps)) > 1e-9) {
        return { reason: `it is not a number from ${parameter.min} to ${parameter.max} in steps of ${parameter.step}` };
      }
      return { value };
    }
    case 'text': {
      const text = raw.trim();
      if (text.length === 0 || text.length > parameter.maxLength || hasControl(text))
        return { reason: `it is not a text of 1 to ${parameter.maxLength} characters` };
      return { value: text };
    }
    case 'id':
      return ID_PATTERN.test(raw) ? { value: raw } : { reason: 'it is not a valid id' };
    case 'path': {
      // An empty path is the root (a breadcrumb's first step).
      if (raw === '') return { value: [] };
      const levels = raw.split(PATH_SEPARATOR);
      const valid = levels.length <= parameter.levels.length && levels.every((level) => level.length > 0 && level.length <= 200);
      return valid ? { value: levels } : { reason: `it is not a path of up to ${parameter.levels.length} levels` };
    }
    case 'choice':
      return parameter.options.some((option) => option.value === raw) ? { value: raw } : { reason: 'it is not one of the choices' };
    case 'sequence': {
      const items = raw.split(PATH_SEPARATOR);
      const known = items.every((item) => parameter.options.some((option) => option.value === item));
      const valid = known && new Set(items).size === items.length && items.length >= parameter.min;
      return valid ? { value: items } : { reason: `it is not a list of at least ${parameter.min} different ${inSentence(parameter.label)}` };
    }
  }
}

/** Reads the parameters of a page from a query string, keeping only valid values of declared names. */
export function parseParameters(
  search: string | URLSearchParams,
  parameters: readonly Parameter[],
  allowed: AllowedValues,
): { state: ParameterState; dropped: DroppedValue[] } {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const state: Record<string, ParameterValue> = {};
  const dropped: DroppedValue[] = [];
  for (const [key, raw] of params) {
    const parameter = parameters.find((p) => p.name === key);
    if (!parameter) continue;
    const parsed = state[key] === undefined ? parseValue(parameter, raw, allowed) : { reason: 'the address gives it twice' };
    if ('value' in parsed) state[key] = parsed.value;
    else dropped.push({ name: key, label: parameter.label, value: shorten(raw), reason: parsed.reason });
  }
  return { state, dropped };
}

/** The URL text of a value. */
export function valueText(value: ParameterValue): string {
  return typeof value === 'object' ? value.join(PATH_SEPARATOR) : String(value);
}

/** Whether `value` is what an absent key means (a number at its default, an empty path). */
function isDefault(parameter: Parameter, value: ParameterValue): boolean {
  if (parameter.kind === 'number' || parameter.kind === 'choice') return value === parameter.default;
  if (parameter.kind === 'sequence') return valueText(value) === valueText(parameter.default);
  if (parameter.kind === 'path') return typeof value === 'object' && value.length === 0;
  return false;
}

/** The query string of a state, parameters in their declared order, defaults left out ("" when none is set). */
export function parametersToSearch(parameters: readonly Parameter[], state: ParameterState): string {
  const params = new URLSearchParams();
  for (const parameter of parameters) {
    const value = state[parameter.name];
    if (value !== undefined && !isDefault(parameter, value)) params.set(parameter.name, valueText(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The state with every number, choice and sequence at its default: what the page shows before anything is set. */
export function defaultState(parameters: readonly Parameter[]): ParameterState {
  return Object.fromEntries(
    parameters.flatMap((p) => (p.kind === 'number' || p.kind === 'choice' || p.kind === 'sequence' ? [[p.name, p.default] as const] : [])),
  );
}

/** The label of a choice's or a sequence's option (the value itself for anything else). */
export function optionLabel(parameter: Parameter, value: string): string {
  return (
    (parameter.kind === 'choice' || parameter.kind === 'sequence' ? parameter.options.find((option) => option.value === value)?.label : undefined) ?? value
  );
}

/**
 * The state after a reader sets `name` to `value` (null clears it): the positions that reset
 * with other parameters (a table's page) go back to their defaults.
 */
export function withChange(parameters: readonly Parameter[], state: ParameterState, name: string, value: ParameterValue | null): ParameterState {
  let next = withValue(state, name, value);
  for (const parameter of parameters) {
    if (parameter.kind === 'number' && parameter.resetsWithOthers && parameter.name !== name) next = withValue(next, parameter.name, parameter.default);
  }
  return next;
}

/** A copy of `state` with `name` set to `value`, or cleared when `value` is null. */
export function withValue(state: ParameterState, name: string, value: ParameterValue | null): ParameterState {
  const next: Record<string, ParameterValue> = { ...state };
  if (value === null) delete next[name];
  else next[name] = value;
  return next;
}

/** Whether two states hold the same values for the given parameters (numbers compared with their defaults). */
export function sameState(parameters: readonly Parameter[], a: ParameterState, b: ParameterState): boolean {
  return parametersToSearch(parameters, a) === parametersToSearch(parameters, b);
}

/** "Showing Region: Japan · Plan: pro", or "Showing all data". */
export function describeState(parameters: readonly Parameter[], state: ParameterState): string {
  const parts = parameters.flatMap((p) => {
    const value = state[p.name];
    const text = typeof value === 'object' ? value.map((item) => optionLabel(p, item)).join(' › ') : optionLabel(p, String(value));
    return value === undefined || isDefault(p, value) ? [] : [`${p.label}: ${text}`];
  });
  return parts.length ? `Showing ${parts.join(' · ')}` : 'Showing all data';
}

/** The sentence that tells the reader a URL value was ignored, and why. */
export function droppedNote(dropped: DroppedValue): string {
  return `Ignored the ${inSentence(dropped.label)} value "${dropped.value}" from the address: ${dropped.reason}.`;
}

function shorten(value: string): string {
  return value.length > NOTE_VALUE_LIMIT ? `${value.slice(0, NOTE_VALUE_LIMIT)}…` : value;
}

/** A category's (or an id's) selected value, or null when none is. */
export function selected(state: ParameterState, name: string): string | null {
  const value = state[name];
  return typeof value === 'string' ? value : null;
}

/** The states one choice away from `state`, one list per parameter, each in the order the bar shows its values. */
function neighboursByParameter(parameters: readonly Parameter[], allowed: AllowedValues, state: ParameterState): ParameterState[][] {
  return parameters.map((parameter) => {
    const current = state[parameter.name] ?? null;
    const values: (string | null)[] =
      parameter.kind === 'category' ? [null, ...(allowed[parameter.name] ?? [])] : parameter.kind === 'choice' ? parameter.options.map((o) => o.value) : [];
    return values.filter((value) => value !== current).map((value) => withChange(parameters, state, parameter.name, value));
  });
}

/**
 * Every state one choice away from `state`: each other value of each category (or clearing
 * it, when set) and each other option of each choice, as a reader would set it in the
 * filter bar (`withChange`), in the order the bar shows them. What a page fetches ahead
 * while the reader looks at it.
 */
export function neighbourStates(parameters: readonly Parameter[], allowed: AllowedValues, state: ParameterState): ParameterState[] {
  return neighboursByParameter(parameters, allowed, state).flat();
}

/**
 * The same states taken in turns: the first value of each parameter, then the second of
 * each, and so on. A prefix of this list changes every parameter, which is what the
 * engine's warm-up wants from a few states.
 */
export function neighbourStatesInTurns(parameters: readonly Parameter[], allowed: AllowedValues, state: ParameterState): ParameterState[] {
  const lists = neighboursByParameter(parameters, allowed, state);
  const turns = Math.max(0, ...lists.map((list) => list.length));
  return Array.from({ length: turns }, (_, turn) => lists.flatMap((list) => list.slice(turn, turn + 1))).flat();
}
