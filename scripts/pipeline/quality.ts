/** Computes the data-quality report (src/lib/quality-report.ts) from the pipeline's tables. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { QualityReport } from '../../src/lib/quality-report.ts';
import { INTEL_SOURCES } from '../../src/lib/intelligence.ts';
import { SCHEMA } from '../../src/lib/schema.ts';
import { SUPERSTORE_TABLE } from '../../src/lib/superstore.ts';
import { ident, rows, scalar } from '../lib/duck.ts';
import type { Source } from './input.ts';

const count = async (conn: DuckDBConnection, sql: string) => Number(await scalar(conn, sql));

/** What was read and kept of each raw table (after duplicates are removed) and of the real order lines. */
export async function tableQuality(conn: DuckDBConnection, sources: Source[]): Promise<QualityReport['tables']> {
  const tables: QualityReport['tables'] = [];
  for (const spec of [...SCHEMA, SUPERSTORE_TABLE]) {
    const source = sources.find((s) => s.table === spec.name)!;
    const nulls = spec.columns.map((c) => `count(*) - count(${ident(c.name)}) AS ${ident(c.name)}`).join(', ');
    const [missing] = await rows(conn, `SELECT ${nulls} FROM ${ident(spec.name)}`);
    tables.push({
      table: spec.name,
      file: source.file,
      format: source.format,
      rows_read: source.rows,
      rows_kept: await count(conn, `SELECT count(*) FROM ${ident(spec.name)}`),
      missing: Object.fromEntries(Object.entries(missing ?? {}).map(([k, v]) => [k, Number(v)])),
    });
  }
  return tables;
}

/** The report, from the tables' quality, the duplicates removed and the months covered, and the derived tables. */
export async function qualityReport(
  conn: DuckDBConnection,
  tables: QualityReport['tables'],
  duplicates: Record<string, number>,
  months: string[],
): Promise<QualityReport> {
  const realLines = tables.find((t) => t.table === SUPERSTORE_TABLE.name);
  return {
    tables,
    duplicates_removed: duplicates,
    values_capped: [
      {
        table: 'usage_monthly',
        column: 'utilization_rate',
        rows: await count(conn, `SELECT count(*) FROM master_usage WHERE utilization_capped`),
        rule: 'Seats used above seats assigned: utilization capped at 100%, row kept.',
      },
    ],
    rows_flagged: [
      {
        table: 'usage_monthly',
        flag: 'utilization undefined',
        rows: await count(conn, `SELECT count(*) FROM master_usage WHERE utilization_rate IS NULL`),
        rule: 'No seat assigned: utilization left empty (NULL) and excluded from utilization averages.',
      },
      {
        table: 'panel_accounts',
        flag: 'zero portfolio',
        rows: await count(conn, `SELECT count(*) FROM panel_profile WHERE zero_portfolio`),
        rule: 'Portfolio size 0: kept in the first portfolio group and flagged.',
      },
      {
        table: 'accounts',
        flag: 'no usage',
        rows: await count(conn, `SELECT count(*) FROM account_dim WHERE size_band IS NULL`),
        rule: 'Account without usage rows: kept, but has no size band.',
      },
      ...(await intelligenceFlags(conn)),
    ],
    rows_rejected: [
      ...Object.entries(duplicates).map(([table, n]) => ({ table, rows: n, reason: 'repeated id (first occurrence kept)' })),
      {
        table: 'cs_deals',
        rows: await count(conn, `SELECT count(*) FROM deals WHERE status = 'suspended'`),
        reason: 'suspended deal: excluded from the deal table and the interaction model (its emails and activities are not counted)',
      },
      {
        table: SUPERSTORE_TABLE.name,
        rows: realLines ? realLines.rows_read - realLines.rows_kept : 0,
        reason: 'none dropped: a line breaking a rule (a missing column, a bad date, a negative quantity or sales) stops the run with an error naming it',
      },
    ],
    coverage: {
      regions: (await rows<{ r: string }>(conn, `SELECT DISTINCT region AS r FROM account_dim ORDER BY 1`)).map((x) => x.r),
      months,
    },
  };
}

/** Per order source: customers whose typical gap was imputed. */
async function intelligenceFlags(conn: DuckDBConnection): Promise<QualityReport['rows_flagged']> {
  const counts = await rows<{ source: string; imputed: number }>(
    conn,
    `SELECT source, count(*) FILTER (WHERE gap_imputed) AS imputed FROM intel_segments GROUP BY source`,
  );
  return INTEL_SOURCES.map(({ id }) => ({
    table: 'intel_customers',
    flag: `typical gap imputed (${id})`,
    rows: counts.find((c) => c.source === id)?.imputed ?? 0,
    rule: 'Customer with a single order date has no gap of its own: the median typical gap of its source is used for its churn risk.',
  }));
}
