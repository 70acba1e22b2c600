/**
 * An independent oracle for the figures in the methodology prose: each figure key
 * (grammar in src/lib/methodology/figures.ts) is recomputed here with its own SQL, mostly
 * over different tables than the page used (master_usage and revenue_monthly instead of the
 * cubes, raw Parquet files instead of quality.json) and its own interval formulas.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { join } from 'node:path';
import { rows as queryRows } from '../../scripts/lib/duck.ts';
import { LIFECYCLE_STAGES, THRESHOLDS } from '../../src/lib/config.ts';

type Value = number | string | null;
const Z = 1.959963984540054;

function wilson(k: number, n: number): [number, number] {
  const p = k / n;
  const centre = p + (Z * Z) / (2 * n);
  const spread = Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n));
  const scale = 1 + (Z * Z) / n;
  return [(centre - spread) / scale, (centre + spread) / scale];
}

/** A literal for the oracle's own SQL (values come from the page's keys). */
const lit = (value: string) => `'${value.replaceAll("'", "''")}'`;

export class FigureOracle {
  private constructor(
    private readonly conn: DuckDBConnection,
    private readonly dataDir: string,
    private readonly rawDir: string,
  ) {}

  static async open(dataDir: string, rawDir: string): Promise<FigureOracle> {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    for (const name of ['master_usage', 'accounts', 'revenue_monthly'])
      await conn.run(`CREATE VIEW ${name} AS SELECT * FROM read_parquet(${lit(join(dataDir, `${name}.parquet`))})`);
    for (const name of ['accounts', 'usage_monthly', 'emails', 'activities'])
      await conn.run(`CREATE VIEW raw_${name} AS SELECT * FROM read_parquet(${lit(join(rawDir, `${name}.parquet`))})`);
    // Month -> next month from the months present, without date arithmetic.
    await conn.run(`CREATE TABLE next_month AS SELECT month, lead(month) OVER (ORDER BY month) AS next FROM (SELECT DISTINCT month FROM revenue_monthly)`);
    return new FigureOracle(conn, dataDir, rawDir);
  }

  private async one(sql: string): Promise<Record<string, unknown>> {
    const [row] = await queryRows(this.conn, sql);
    if (!row) throw new Error(`No row from ${sql}`);
    return row;
  }

  /** SQL reading a published data set's file directly (for page oracles: not through the page's cube). */
  published(name: string): string {
    return `read_parquet(${lit(join(this.dataDir, `${name}.parquet`))})`;
  }

  /** SQL reading a raw input table's file (for page oracles: before the pipeline derived anything from it). */
  raw(name: string): string {
    return `read_parquet(${lit(join(this.rawDir, `${name}.parquet`))})`;
  }

  /** The first row of the oracle's own SQL (for page oracles). */
  async row(sql: string): Promise<Record<string, unknown>> {
    return this.one(sql);
  }

  /** Every row of the oracle's own SQL (for page oracles that finish a figure in code). */
  async rows(sql: string): Promise<Record<string, unknown>[]> {
    return queryRows(this.conn, sql);
  }

  /** The first value of the first row of the oracle's own SQL, as a number (for page oracles). */
  async n(sql: string): Promise<number> {
    return Number(Object.values(await this.one(sql))[0]);
  }

  /** SQL condition selecting the rows of one group of master_usage. */
  private groupWhere(dimension: string, label: string): string {
    if (dimension === 'lifecycle_stage') {
      const stage = LIFECYCLE_STAGES.find((s) => s.label === label);
      if (!stage) throw new Error(`Unknown stage ${label}`);
      return `tenure_segment IN (${stage.segments.map(lit).join(', ')})`;
    }
    if (dimension === 'utilization_group') {
      const [below, above] = [THRESHOLDS.atRiskBelow, THRESHOLDS.expansionAbove];
      if (label.startsWith('Below')) return `utilization_rate < ${below}`;
      if (label.startsWith('Above')) return `utilization_rate > ${above}`;
      return `utilization_rate >= ${below} AND utilization_rate <= ${above}`;
    }
    return `${dimension} = ${lit(label)}`;
  }

  /** Labels of a dimension's groups. */
  private async labels(dimension: string): Promise<string[]> {
    if (dimension === 'lifecycle_stage') return LIFECYCLE_STAGES.map((s) => s.label);
    if (dimension === 'month') return (await queryRows<{ m: string }>(this.conn, `SELECT DISTINCT month AS m FROM master_usage ORDER BY 1`)).map((r) => r.m);
    if (dimension === 'tenure_segment')
      return (await queryRows<{ m: string }>(this.conn, `SELECT DISTINCT tenure_segment AS m FROM accounts WHERE size_band IS NOT NULL`)).map((r) => r.m);
    return (await queryRows<{ m: string }>(this.conn, `SELECT DISTINCT ${dimension} AS m FROM master_usage`)).map((r) => r.m);
  }

  /** Mean, standard deviation and size of a rate in one group. */
  private async meanOf(column: string, where: string): Promise<{ mean: number; sd: number; n: number }> {
    const r = await this.one(`SELECT avg(${column}) AS mean, stddev_samp(${column}) AS sd, count(${column}) AS n FROM master_usage WHERE ${where}`);
    return { mean: Number(r.mean), sd: Number(r.sd), n: Number(r.n) };
  }

  /** A measure with its interval and sample size, for `low`, `high` and `n`. */
  private async estimate(measure: string, dimension: string, label: string): Promise<{ value: number; low: number; high: number; n: number }> {
    const where = this.groupWhere(dimension, label);
    if (measure === 'assignment_rate' || measure === 'utilization_rate') {
      const { mean, sd, n } = await this.meanOf(measure, where);
      const half = (Z * sd) / Math.sqrt(n);
      return { value: mean, low: mean - half, high: mean + half, n };
    }
    if (measure === 'at_risk_rate') {
      const n = await this.n(`SELECT count(utilization_rate) FROM master_usage WHERE ${where}`);
      const k = await this.n(`SELECT count(*) FROM master_usage WHERE ${where} AND utilization_rate < ${THRESHOLDS.atRiskBelow}`);
      const [low, high] = wilson(k, n);
      return { value: k / n, low, high, n };
    }
    if (measure === 'next_churn_rate' || measure === 'next_expansion_rate') {
      const movement = measure === 'next_churn_rate' ? 'churn' : 'expansion';
      const r = await this.one(`
        SELECT count(*) AS n, count(*) FILTER (WHERE r.movement = ${lit(movement)}) AS k
        FROM master_usage m JOIN next_month nm ON nm.month = m.month JOIN revenue_monthly r ON r.account_id = m.account_id AND r.month = nm.next
        WHERE m.utilization_rate IS NOT NULL AND ${where.replaceAll('utilization_rate', 'm.utilization_rate')}`);
      const [n, k] = [Number(r.n), Number(r.k)];
      const [low, high] = wilson(k, n);
      return { value: k / n, low, high, n };
    }
    throw new Error(`No interval for ${measure}`);
  }

  /** Month-level revenue figures from revenue_monthly (the page used the revenue cube). */
  private async revenue(measure: string, month: string): Promise<number> {
    const r = await this.one(`
      WITH cur AS (SELECT * FROM revenue_monthly WHERE month = ${lit(month)}),
      prev AS (SELECT * FROM revenue_monthly WHERE month = (SELECT month FROM next_month WHERE next = ${lit(month)}))
      SELECT (SELECT sum(arr) FROM prev) AS start_arr, (SELECT sum(arr) FROM cur) AS end_arr,
        (SELECT sum(c.arr) FROM cur c JOIN prev p USING (account_id)) AS retained_arr,
        (SELECT sum(least(c.arr, p.arr)) FROM cur c JOIN prev p USING (account_id)) AS kept_arr,
        (SELECT count(*) FROM cur WHERE movement = 'churn') AS churned,
        (SELECT count(*) FROM prev WHERE movement <> 'churn') AS active`);
    const start = Number(r.start_arr);
    switch (measure) {
      case 'arr_start':
        return start;
      case 'arr_end':
        return Number(r.end_arr);
      case 'nrr':
        return Number(r.retained_arr) / start;
      case 'grr':
        return Number(r.kept_arr) / start;
      case 'churn_rate':
        return Number(r.churned) / Number(r.active);
    }
    throw new Error(`Unknown revenue measure ${measure}`);
  }

  /** A measure of one group. */
  private async scoped(measure: string, dimension: string, label: string): Promise<Value> {
    if (['assignment_rate', 'utilization_rate', 'at_risk_rate', 'next_churn_rate', 'next_expansion_rate'].includes(measure) && dimension !== 'month') {
      return (await this.estimate(measure, dimension, label)).value;
    }
    if (dimension === 'month' && measure === 'usage_rows') return this.n(`SELECT count(*) FROM master_usage WHERE month = ${lit(label)}`);
    if (dimension === 'month') return this.revenue(measure, label);
    if (dimension === 'region' && measure === 'accounts') return this.n(`SELECT count(DISTINCT account_id) FROM master_usage WHERE region = ${lit(label)}`);
    if (measure === 'customer_share' && (dimension === 'lifecycle_stage' || dimension === 'tenure_segment' || dimension === 'size_band')) {
      const where = dimension === 'size_band' ? `size_band = ${lit(label)}` : this.groupWhere(dimension, label);
      return (
        (await this.n(`SELECT count(*) FILTER (WHERE ${where}) FROM accounts WHERE size_band IS NOT NULL`)) /
        (await this.n(`SELECT count(*) FROM accounts WHERE size_band IS NOT NULL`))
      );
    }
    if (measure === 'seat_share') {
      const r = await this.one(`
        WITH last AS (SELECT account_id, max(month) AS month FROM master_usage GROUP BY account_id),
        seats AS (SELECT m.account_id, any_value(m.size_band) AS size_band, sum(m.seats_purchased) AS seats FROM master_usage m JOIN last USING (account_id, month) GROUP BY m.account_id)
        SELECT sum(seats) FILTER (WHERE size_band = ${lit(label)}) / sum(seats) AS v FROM seats`);
      return Number(r.v);
    }
    if (measure === 'revenue_share') {
      const r = await this.one(`
        SELECT sum(r.arr) FILTER (WHERE a.size_band = ${lit(label)}) / sum(r.arr) FILTER (WHERE a.size_band IS NOT NULL) AS v
        FROM revenue_monthly r JOIN accounts a USING (account_id) WHERE r.month = (SELECT max(month) FROM master_usage)`);
      return Number(r.v);
    }
    if (measure === 'account_share' && dimension === 'movement') {
      return (
        (await this.n(`SELECT count(*) FILTER (WHERE movement = ${lit(label)}) FROM revenue_monthly`)) / (await this.n(`SELECT count(*) FROM revenue_monthly`))
      );
    }
    if (measure === 'share' && dimension === 'flag') {
      const condition = { 'At risk': `utilization_rate < ${THRESHOLDS.atRiskBelow}`, 'Expansion candidate': `utilization_rate > ${THRESHOLDS.expansionAbove}` }[
        label
      ];
      if (!condition) throw new Error(`Unknown flag ${label}`);
      return (
        (await this.n(`SELECT count(*) FILTER (WHERE ${condition}) FROM master_usage`)) / (await this.n(`SELECT count(utilization_rate) FROM master_usage`))
      );
    }
    if (measure === 'full_share' && dimension === 'rate') {
      const column = label === 'Assignment' ? 'assignment_rate' : 'utilization_rate';
      return (await this.n(`SELECT count(*) FILTER (WHERE ${column} = 1) FROM master_usage`)) / (await this.n(`SELECT count(${column}) FROM master_usage`));
    }
    if (measure === 'p25' && dimension === 'rate')
      return Number(
        (await this.one(`SELECT quantile_cont(${label === 'Assignment' ? 'assignment_rate' : 'utilization_rate'}, 0.25) AS v FROM master_usage`)).v,
      );
    if (measure === 'accounts' && dimension === 'table') return this.n(`SELECT count(*) FROM raw_${label}`);
    if (measure === 'missing' && dimension === 'table') {
      if (label === 'accounts.cs_owner') return this.n(`SELECT count(*) FROM raw_accounts WHERE cs_owner IS NULL OR trim(CAST(cs_owner AS VARCHAR)) = ''`);
      const columns = ['account_id', 'product', 'month', 'seats_purchased', 'seats_assigned', 'seats_used'];
      return this.n(`SELECT ${columns.map((c) => `count(*) FILTER (WHERE ${c} IS NULL)`).join(' + ')} FROM raw_${label}`);
    }
    if (measure === 'duplicates' && dimension === 'table') {
      const id = label === 'emails' ? 'email_id' : 'activity_id';
      return this.n(`SELECT count(*) - count(DISTINCT ${id}) FROM raw_${label}`);
    }
    if (measure === 'rows' && dimension === 'dataset') return this.n(`SELECT count(*) FROM read_parquet(${lit(join(this.dataDir, `${label}.parquet`))})`);
    if (measure === 'bands' && dimension === 'size_band') return this.n(`SELECT count(DISTINCT size_band) FROM master_usage`);
    if (measure === 'threshold') return THRESHOLDS[dimension as keyof typeof THRESHOLDS];
    throw new Error(`The oracle cannot compute ${measure}@${dimension}=${label}`);
  }

  /** A measure without scope. */
  private async plain(measure: string): Promise<Value> {
    switch (measure) {
      case 'usage_rows':
        return this.n(`SELECT count(*) FROM master_usage`);
      case 'months':
        return this.n(`SELECT count(DISTINCT month) FROM master_usage`);
      case 'regions':
        return this.n(`SELECT count(DISTINCT region) FROM master_usage`);
      case 'first_month':
        return String((await this.one(`SELECT min(month) AS v FROM master_usage`)).v);
      case 'last_month':
        return String((await this.one(`SELECT max(month) AS v FROM master_usage`)).v);
      case 'customers':
        return this.n(`SELECT count(DISTINCT account_id) FROM master_usage`);
      case 'assignment_rate':
      case 'utilization_rate':
        return (await this.meanOf(measure, 'true')).mean;
      case 'assignment_median':
        return Number((await this.one(`SELECT median(assignment_rate) AS v FROM master_usage`)).v);
      case 'utilization_median':
        return Number((await this.one(`SELECT median(utilization_rate) AS v FROM master_usage`)).v);
      case 'raw_utilization_mean':
        return Number((await this.one(`SELECT avg(seats_used / seats_assigned) AS v FROM master_usage WHERE seats_assigned > 0`)).v);
      case 'raw_utilization_max':
        return Number((await this.one(`SELECT max(seats_used / seats_assigned) AS v FROM master_usage WHERE seats_assigned > 0`)).v);
      case 'capped_rows':
        return this.n(`SELECT count(*) FROM master_usage WHERE seats_used > seats_assigned AND seats_assigned > 0`);
      case 'capped_share':
        return (
          (await this.n(`SELECT count(*) FROM master_usage WHERE seats_used > seats_assigned AND seats_assigned > 0`)) /
          (await this.n(`SELECT count(*) FROM master_usage`))
        );
      case 'undefined_utilization_rows':
        return this.n(`SELECT count(*) FROM master_usage WHERE seats_assigned = 0`);
      case 'expansion_contraction_ratio':
        return (
          (await this.n(`SELECT count(*) FROM revenue_monthly WHERE movement = 'expansion'`)) /
          (await this.n(`SELECT count(*) FROM revenue_monthly WHERE movement = 'contraction'`))
        );
      case 'datasets':
        return 7;
    }
    throw new Error(`The oracle cannot compute ${measure}`);
  }

  /** The value of a figure key. */
  async value(key: string): Promise<Value> {
    const pair = /^(gap|ratio)\((.+);(.+)\)$/.exec(key);
    if (pair) {
      const [a, b] = [Number(await this.value(pair[2]!)), Number(await this.value(pair[3]!))];
      return pair[1] === 'gap' ? Math.abs(a - b) : a / b;
    }
    const bound = /^(low|high|n)\((\w+)@(\w+)=(.+)\)$/.exec(key);
    if (bound) {
      const est = await this.estimate(bound[2]!, bound[3]!, bound[4]!);
      return bound[1] === 'low' ? est.low : bound[1] === 'high' ? est.high : est.n;
    }
    const across = /^(max|min|mean)\((\w+)@(\w+)\)$/.exec(key);
    if (across) {
      const [, how, measure, dimension] = across as unknown as [string, string, string, string];
      const values = await Promise.all(
        (await this.labels(dimension)).map(async (label) => ({ label, value: Number(await this.scoped(measure, dimension, label)) })),
      );
      const defined = values.filter((v) => Number.isFinite(v.value));
      if (how === 'mean') return defined.reduce((s, v) => s + v.value, 0) / defined.length;
      defined.sort((a, b) => (how === 'max' ? b.value - a.value : a.value - b.value));
      return defined[0]!.label;
    }
    const scoped = /^(\w+)@(\w+)(?:=(.+))?$/.exec(key);
    if (scoped) return this.scoped(scoped[1]!, scoped[2]!, scoped[3] ?? '');
    return this.plain(key);
  }
}
