/**
 * The journey cube (`journey_cube`): the telemetry panel's accounts counted and summed per
 * combination of the journey stages, so that a Sankey over any selection of stages under any
 * filter is one small GROUP BY over the cube in either engine (issue "Customer journeys",
 * point 2). Each account sits in one cell, so every measure adds up over cells; money is
 * summed as DECIMAL so the bytes are identical on every run.
 */
import { bandLabels, orderSql, sqlString } from '../bands.ts';
import { ACTIVE_STATUSES, PANEL, PLANS, REGIONS, TRAINING_STATUSES } from '../config.ts';
import { moneySumSql } from './usage-aggregates.ts';

/** A stage of a customer journey: a column of the cube with its values in display order. */
export interface JourneyStage {
  readonly column: string;
  readonly values: readonly string[];
  /** The stage of an account, over the panel profile `p` and the account dimension `a`. */
  readonly sql: string;
}

/** A flag as the label of its stage: the first label when true, the second otherwise. */
const flagLabelSql = (flag: string, [whenTrue, whenFalse]: readonly [string, string]) =>
  `CASE WHEN ${flag} THEN ${sqlString(whenTrue)} ELSE ${sqlString(whenFalse)} END`;

/** The journey stages, in the order the cube's columns list them. */
export const JOURNEY_STAGES: readonly JourneyStage[] = [
  { column: 'portfolio_group', values: bandLabels(PANEL.portfolioGroups), sql: 'p.portfolio_group' },
  { column: 'plan', values: PLANS, sql: 'p.plan' },
  { column: 'engagement', values: bandLabels(PANEL.engagement), sql: 'p.engagement' },
  { column: 'ticket_range', values: bandLabels(PANEL.ticketRanges), sql: 'p.ticket_range' },
  { column: 'active_status', values: ACTIVE_STATUSES, sql: flagLabelSql('p.is_active', ACTIVE_STATUSES) },
  { column: 'arr_group', values: bandLabels(PANEL.arrGroups), sql: 'p.arr_group' },
  { column: 'feature_breadth', values: bandLabels(PANEL.featureBreadth), sql: 'p.feature_breadth' },
  { column: 'training', values: TRAINING_STATUSES, sql: flagLabelSql('p.attended_training', TRAINING_STATUSES) },
  { column: 'region', values: REGIONS, sql: 'a.region' },
];

/** ARR in cents, as moneySumSql sums it. */
const arrCents = 'CAST(arr AS DECIMAL(18, 2))';

const stageColumns = JOURNEY_STAGES.map((stage) => stage.column).join(', ');

/**
 * One row per panel account with its stages and its raw measures (`journey_accounts`): the
 * rows behind the cube, for what does not add up over cells (medians, the distribution of
 * portfolio size, the spread of NPS). SQL over the pipeline's `panel_profile` and
 * `account_dim` tables, in the stages' display order, ties broken by account.
 */
export const JOURNEY_ACCOUNTS_SQL = `
  SELECT * EXCLUDE (account_id) FROM (
    SELECT p.account_id, ${JOURNEY_STAGES.map((stage) => `${stage.sql} AS ${stage.column}`).join(', ')},
      p.arr, p.support_tickets_90d AS tickets, p.nps_score, p.portfolio_size, p.zero_portfolio,
      p.total_events, p.event_types_used
    FROM panel_profile p JOIN account_dim a USING (account_id))
  ORDER BY ${JOURNEY_STAGES.map((stage) => orderSql(stage.column, stage.values)).join(', ')}, account_id`;

/**
 * The cube: the accounts' rows summed per combination of stages. The squares of ARR are
 * summed exactly too (widened first: DuckDB keeps the factors' width for a product), so
 * intervals of mean ARR can be computed from any group of cells. Rows are sorted by the
 * stages' display order.
 */
export const JOURNEY_CUBE_SQL = `
  WITH staged AS (${JOURNEY_ACCOUNTS_SQL})
  SELECT ${stageColumns},
    count(*)::INTEGER AS accounts,
    ${moneySumSql('arr')} AS arr,
    sum(CAST(${arrCents} AS DECIMAL(38, 2)) * ${arrCents})::DOUBLE AS arr_squares,
    sum(tickets)::INTEGER AS tickets,
    coalesce(sum(nps_score), 0)::INTEGER AS nps_sum,
    count(nps_score)::INTEGER AS nps_count,
    count(*) FILTER (WHERE training = ${sqlString(TRAINING_STATUSES[0])})::INTEGER AS trained,
    count(*) FILTER (WHERE zero_portfolio)::INTEGER AS zero_portfolio
  FROM staged
  GROUP BY ${stageColumns}
  ORDER BY ${JOURNEY_STAGES.map((stage) => orderSql(stage.column, stage.values)).join(', ')}`;
