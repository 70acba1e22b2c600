/**
 * Cleans and derives with DuckDB: account segments (size band, tenure segment, lifecycle
 * stage), the master usage table with its rates and flags, and the telemetry profile of
 * each panel account. Every band, threshold and rate comes from src/lib.
 */
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { bandSql } from '../../src/lib/bands.ts';
import { wholeMonthsBetweenSql } from '../../src/lib/calendar.ts';
import { PANEL, PERFORMANCE_CATEGORIES, SIZE_BANDS, TENURE_SEGMENTS } from '../../src/lib/config.ts';
import { metricSql } from '../../src/lib/metrics.ts';
import { lifecycleStageSql } from '../../src/lib/queries/usage-aggregates.ts';
import { copyToParquet, parquetView, scalar } from '../lib/duck.ts';

/** One derivation step: the table it creates and its SQL. */
export interface Derivation {
  table: string;
  sql: string;
  /**
   * Written straight to a Parquet file and read back through a view of the same name. For
   * the tables with a row per usage or revenue row: held in DuckDB's memory uncompressed they
   * would spill past its memory limit, while the file is a few percent of the size and fast
   * to scan.
   */
  file?: boolean;
}

/** The derivation steps, in order; each creates one table from the raw tables and the tables before it. */
export const DERIVATIONS: readonly Derivation[] = [
  {
    table: 'period',
    sql: `SELECT min(month) AS first_month, max(month) AS last_month,
            last_day(CAST(max(month) || '-01' AS DATE)) AS snapshot_date
          FROM usage_monthly`,
  },
  {
    table: 'account_dim',
    sql: `WITH last AS (SELECT account_id, max(month) AS month FROM usage_monthly GROUP BY account_id),
          latest AS (
            SELECT u.account_id, sum(u.seats_purchased) AS seats
            FROM usage_monthly u JOIN last l ON u.account_id = l.account_id AND u.month = l.month
            GROUP BY u.account_id),
          tenure AS (
            SELECT a.*, latest.seats AS seats_latest,
              ${wholeMonthsBetweenSql('a.first_purchase_date', 'period.snapshot_date')} AS tenure_months
            FROM accounts a LEFT JOIN latest USING (account_id), period)
          SELECT *, ${bandSql('seats_latest', SIZE_BANDS)} AS size_band,
            ${bandSql('tenure_months', TENURE_SEGMENTS)} AS tenure_segment,
            ${lifecycleStageSql(bandSql('tenure_months', TENURE_SEGMENTS))} AS lifecycle_stage
          FROM tenure ORDER BY account_id`,
  },
  {
    // Account attributes that no filter uses (name, country, industry, stage) stay in account_dim, joined on demand.
    table: 'master_usage',
    sql: `WITH rated AS (
            SELECT u.*, a.region, a.plan, a.size_band, a.tenure_segment,
              ${metricSql.assignmentRate('u.seats_purchased', 'u.seats_assigned')} AS assignment_rate,
              ${metricSql.rawUtilization('u.seats_assigned', 'u.seats_used')} AS utilization_raw,
              ${metricSql.utilizationRate('u.seats_assigned', 'u.seats_used')} AS utilization_rate
            FROM usage_monthly u JOIN account_dim a USING (account_id))
          SELECT account_id, region, plan, size_band, tenure_segment, product, month, seats_purchased, seats_assigned, seats_used,
            seats_purchased - seats_assigned AS unassigned_seats,
            greatest(seats_assigned - seats_used, 0) AS unused_seats,
            assignment_rate, utilization_raw, utilization_rate,
            coalesce(utilization_raw > utilization_rate, false) AS utilization_capped,
            ${metricSql.atRisk('utilization_rate')} AS at_risk,
            ${metricSql.expansionCandidate('utilization_rate')} AS expansion_candidate,
            ${metricSql.highPerformer('assignment_rate', 'utilization_rate')} AS high_performer,
            ${bandSql('utilization_rate', PERFORMANCE_CATEGORIES)} AS performance_category
          FROM rated ORDER BY account_id, product, month`,
    file: true,
  },
  {
    table: 'revenue_enriched',
    sql: `SELECT r.account_id, r.month, r.arr, r.movement,
            lag(r.arr) OVER (PARTITION BY r.account_id ORDER BY r.month) AS arr_previous,
            a.region, a.size_band, a.tenure_segment, a.plan
          FROM revenue_monthly r JOIN account_dim a USING (account_id)
          ORDER BY r.account_id, r.month`,
    file: true,
  },
  {
    table: 'panel_profile',
    sql: `WITH activity AS (
            SELECT account_id, count(*) AS total_events, count(DISTINCT event_type) AS event_types_used,
              bool_or(event_type = 'training_attended') AS attended_training, max(occurred_at) AS last_event_at
            FROM events GROUP BY account_id)
          SELECT p.account_id, p.portfolio_size, p.portfolio_size = 0 AS zero_portfolio,
            ${bandSql('p.portfolio_size', PANEL.portfolioGroups)} AS portfolio_group,
            p.plan, p.arr, ${bandSql('p.arr', PANEL.arrGroups)} AS arr_group,
            p.is_active, p.nps_score, p.support_tickets_90d,
            ${bandSql('p.support_tickets_90d', PANEL.ticketRanges)} AS ticket_range,
            coalesce(a.total_events, 0) AS total_events,
            ${bandSql('coalesce(a.total_events, 0)', PANEL.engagement)} AS engagement,
            coalesce(a.event_types_used, 0) AS event_types_used,
            ${bandSql('coalesce(a.event_types_used, 0)', PANEL.featureBreadth)} AS feature_breadth,
            coalesce(a.attended_training, false) AS attended_training,
            p.signup_date, a.last_event_at
          FROM panel_accounts p LEFT JOIN activity a USING (account_id)
          ORDER BY p.account_id`,
  },
];

/** The Parquet file a `file` derivation is written to, in `dir`. */
export const derivedFile = (dir: string, table: string) => join(dir, `${table}.parquet`);

/** Runs every derivation (`file` ones into `dir`); returns each new table's row count. */
export async function derive(conn: DuckDBConnection, dir: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { table, sql, file } of DERIVATIONS) {
    if (file) {
      await copyToParquet(conn, sql, derivedFile(dir, table));
      await parquetView(conn, table, derivedFile(dir, table));
    } else await conn.run(`CREATE OR REPLACE TABLE ${table} AS ${sql}`);
    counts[table] = Number(await scalar(conn, `SELECT count(*) FROM ${table}`));
  }
  return counts;
}
