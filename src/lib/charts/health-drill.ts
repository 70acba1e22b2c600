/**
 * The hierarchy drill-down of the health page (source 003: "even the hierarchies"): region
 * › country › industry › account, as a treemap of ARR coloured by mean health score
 * (d3-hierarchy lays the tiles out) and a table of the current node's children. The path
 * is a page parameter (`drill=Japan/Japan/Automotive`), so each step is in the URL and Back
 * goes up one level; a tile or a breadcrumb sets it, and an account (the leaves) opens the
 * account page. The filters apply; the month is the selected or latest one.
 */
import * as Plot from '@observablehq/plot';
import { sqlString } from '../bands.ts';
import { HEALTH } from '../config.ts';
import { formatValue, inSentence } from '../format.ts';
import { HEALTH_BANDS } from '../health.ts';
import { escapeHtml } from '../html.ts';
import type { PathParameter } from '../parameters.ts';
import type { Query } from '../query.ts';
import { num, type Row, text } from '../rows.ts';
import { HEALTH_BAND_COLORS } from './account-health.ts';
import type { ChartDefinition, Column, RenderContext } from './chart.ts';
import { setsParameter } from './cross-filter.ts';
import { htmlTable } from './html-table.ts';
import { type TileLabelStyle, fittedLabel, layoutSize, treemapTiles } from './treemap.ts';

/** The drill's levels, root first; below the last one are the accounts. */
export const DRILL: PathParameter = {
  kind: 'path',
  name: 'drill',
  label: 'Drill-down',
  dataset: 'accounts',
  levels: [
    { column: 'region', label: 'Region' },
    { column: 'country', label: 'Country' },
    { column: 'industry', label: 'Industry' },
  ],
};

/** Accounts shown under an industry: the largest by ARR (a treemap cannot hold thousands of tiles). */
export const DRILL_ACCOUNTS = 60;

const LEVELS = DRILL.levels.length;
const SIZE = { width: 640, height: 380 };
/** The tiles' labels: 11 px type, 6 px in from the tile's top left corner. */
const TILE_LABEL: TileLabelStyle = { fontSize: 11, lineHeight: 1.2, inset: 6, room: 4 };

const drillQuery: Query = {
  tables: ['account_health', 'accounts'],
  sql: (p) => {
    const level = (i: number) => `CAST(${p.level(DRILL.name, i)} AS VARCHAR)`;
    const depth = `(CASE ${DRILL.levels.map((_, i) => `WHEN ${level(i)} IS NULL THEN ${i}`).join(' ')} ELSE ${LEVELS} END)`;
    const key = `(CASE ${DRILL.levels.map((l, i) => `WHEN ${level(i)} IS NULL THEN a.${l.column}`).join(' ')} ELSE h.account_id END)`;
    return `
WITH base AS (
  SELECT ${key} AS node_key, a.account_name, h.arr, h.score, h.band
  FROM account_health h JOIN accounts a USING (account_id)
  WHERE ${p.inSnapshot('account_health', 'h.')}
    AND ${p.match('region', 'a.region')} AND ${p.match('size_band', 'a.size_band')} AND ${p.match('plan', 'a.plan')}
    AND ${p.match('industry', 'a.industry')} AND ${p.match('lifecycle_stage', 'h.lifecycle_stage')}
    AND ${DRILL.levels.map((l, i) => `(${level(i)} IS NULL OR a.${l.column} = ${level(i)})`).join(' AND ')}),
kids AS (
  SELECT node_key, CASE WHEN ${depth} = ${LEVELS} THEN any_value(account_name) ELSE node_key END AS node,
    count(*)::INTEGER AS accounts, sum(CAST(arr AS DECIMAL(18, 2)))::DOUBLE AS arr, avg(score) AS mean_score,
    ${HEALTH_BANDS.map((band) => `(count(*) FILTER (WHERE band = ${sqlString(band)}))::DOUBLE / count(*) AS ${band.toLowerCase()}_share`).join(', ')}
  FROM base GROUP BY node_key)
SELECT ${depth}::INTEGER AS depth, node_key, node,
  CASE WHEN ${depth} < ${LEVELS} THEN concat_ws('/', ${DRILL.levels.map((_, i) => level(i)).join(', ')}, node_key) END AS drill_path,
  CASE WHEN ${depth} = ${LEVELS} THEN node_key END AS account_id,
  accounts, arr, mean_score, ${HEALTH_BANDS.map((band) => `${band.toLowerCase()}_share`).join(', ')}
FROM kids
ORDER BY arr DESC NULLS LAST, node_key
LIMIT ${DRILL_ACCOUNTS}`;
  },
};

/** The current path from the state (empty at the root). */
const pathOf = (context: RenderContext): readonly string[] => {
  const value = context.filters[DRILL.name];
  return typeof value === 'object' ? value : [];
};

/** What the current node's children are. */
const childLabel = (depth: number) => (depth < LEVELS ? inSentence(DRILL.levels[depth]!.label) : 'account');

/** Breadcrumbs: each step a button that goes back to it (the last is where the reader is). */
function breadcrumbs(path: readonly string[]): string {
  const steps = ['All regions', ...path];
  const items = steps.map((step, i) => {
    const target = path.slice(0, i).join('/');
    return i === steps.length - 1
      ? `<li aria-current="location">${escapeHtml(step)}</li>`
      : `<li><button type="button" class="crumb" data-filter="${DRILL.name}" data-value="${escapeHtml(target)}">${escapeHtml(step)}</button></li>`;
  });
  return `<nav class="breadcrumbs" aria-label="Drill-down path"><ol>${items.join('')}</ol></nav>`;
}

const DRILL_COLUMNS: readonly Column[] = [
  { key: 'node', label: 'Name', format: 'text' },
  { key: 'accounts', label: 'Accounts', format: 'integer' },
  { key: 'arr', label: 'ARR', format: 'money' },
  { key: 'mean_score', label: 'Mean score', format: 'decimal' },
  ...HEALTH_BANDS.map((band): Column => ({ key: `${band.toLowerCase()}_share`, label: `${band} share`, format: 'percent' })),
];

const describeDrill = (rows: readonly Row[], context: RenderContext) => {
  const path = pathOf(context);
  const first = rows[0];
  if (!first) return 'No account matches the filters here.';
  const where = path.length ? path.join(' › ') : 'all regions';
  return `In ${where}: ${formatValue(rows.length, 'integer')} ${childLabel(path.length)}${rows.length === 1 ? '' : 's'} shown; the largest by ARR is ${text(first, 'node')} (${formatValue(num(first, 'arr'), 'money')}, mean score ${formatValue(num(first, 'mean_score'), 'decimal')}).`;
};

export const drillTreemapChart: ChartDefinition = {
  id: 'health-drill',
  title: 'Drill down: region › country › industry › account',
  subtitle: `Tile area: ARR in the month (selected or latest); colour: mean health score by band. Click a tile to go down a level (accounts open their page; under an industry, the ${DRILL_ACCOUNTS} largest); Back goes up`,
  query: drillQuery,
  columns: DRILL_COLUMNS,
  crossFilter: { parameter: DRILL.name, self: 'filter' },
  describe: describeDrill,
  render: (rows, context) => {
    const size = layoutSize(SIZE, context);
    const tiles = treemapTiles(
      rows.filter((r) => (num(r, 'arr') ?? 0) > 0),
      'arr',
      size,
    );
    const leaves = pathOf(context).length === LEVELS;
    const label = (t: Row) => `${text(t, 'node')}\n${formatValue(num(t, 'arr'), 'money')} · ${formatValue(num(t, 'mean_score'), 'decimal')}`;
    // Each tile keeps the lines of its label that fit it: on a phone's narrower tiles, the name alone or nothing.
    const labelled = tiles.flatMap((tile) => {
      const fitted = fittedLabel(tile, label(tile), TILE_LABEL);
      return fitted === null ? [] : [{ ...tile, tile_label: fitted }];
    });
    return {
      kind: 'plot',
      options: {
        ...size,
        margin: 0,
        marginTop: 40,
        x: { domain: [0, size.width], range: [0, size.width], axis: null },
        y: { domain: [0, SIZE.height], range: [40, SIZE.height + 40], axis: null },
        color: {
          type: 'threshold',
          domain: HEALTH.bands.slice(1).map((b) => b.min),
          range: HEALTH_BAND_COLORS.range,
          label: 'Mean health score',
          legend: true,
        },
        marks: [
          Plot.rect(tiles, {
            x1: 'x0',
            x2: 'x1',
            y1: 'y0',
            y2: 'y1',
            fill: 'mean_score',
            title: (t: Row) =>
              `${text(t, 'node')}: ${formatValue(num(t, 'accounts'), 'integer')} accounts, ${formatValue(num(t, 'arr'), 'money')} ARR, mean score ${formatValue(num(t, 'mean_score'), 'decimal')}`,
            render: leaves ? setsParameter(tiles, 'account', 'account_id') : setsParameter(tiles, DRILL.name, 'drill_path'),
          }),
          Plot.text(labelled, {
            x: (t: Row) => (num(t, 'x0') ?? 0) + TILE_LABEL.inset,
            y: (t: Row) => (num(t, 'y0') ?? 0) + TILE_LABEL.inset,
            text: 'tile_label',
            textAnchor: 'start',
            lineAnchor: 'top',
            lineHeight: TILE_LABEL.lineHeight,
            fontSize: TILE_LABEL.fontSize,
            fill: 'black',
            pointerEvents: 'none',
          }),
        ],
      },
    };
  },
};

export const drillTableChart: ChartDefinition = {
  id: 'health-drill-table',
  title: 'The current level',
  subtitle: 'The children of the current node: accounts, ARR, mean score and the share of accounts in each band; the path leads back up',
  query: drillQuery,
  columns: DRILL_COLUMNS,
  describe: describeDrill,
  render: (rows, context) => {
    const path = pathOf(context);
    const linked: readonly Column[] = [
      {
        ...DRILL_COLUMNS[0]!,
        label: DRILL.levels[path.length]?.label ?? 'Account',
      },
      ...DRILL_COLUMNS.slice(1),
    ];
    // Each row's name sets the drill one level down (or opens the account), as its tile does.
    const table = htmlTable(rows, linked, `${path.length ? path.join(' › ') : 'All regions'}: ${childLabel(path.length)} by ARR`, context, {
      rowAction: (row) => {
        const [parameter, value] = path.length === LEVELS ? ['account', text(row, 'account_id')] : [DRILL.name, text(row, 'drill_path')];
        return value === null ? null : { parameter, value };
      },
    });
    return { kind: 'html', html: `${breadcrumbs(path)}${table}` };
  },
};
