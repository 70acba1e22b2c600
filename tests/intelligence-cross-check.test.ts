/**
 * Independent recomputation of the customer-intelligence figures for both sources: the
 * synthetic order lines (the raw `orders` Parquet, read with hyparquet) and the Superstore
 * CSV of the pinned package (parsed by arquero), summed with arquero and segmented in plain
 * JavaScript, without the pipeline's SQL or src/lib/intelligence.ts. The definitions are
 * restated here on purpose:
 *
 * - as of the source's last order date; orders = distinct order ids; revenue = sum of amounts;
 * - typical gap = median days between consecutive distinct order dates; a customer with one
 *   order date takes the median typical gap of its source;
 * - churn ratio = days since the last order / gap; High from 2;
 * - segment: High churn -> At-Risk/Dormant; else revenue >= the 75th percentile (linear
 *   interpolation) and > 0 -> High-Value Active; else discount share (revenue on discounted
 *   lines / revenue) >= its 75th percentile and > 0 -> Discount-Driven; else Steady.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as aq from 'arquero';
import { op } from 'arquero';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { beforeAll, describe, expect, test } from 'vitest';
import { SUPERSTORE_CSV } from '../scripts/lib/cli.ts';
import { DEFAULT_DATA, DEFAULT_RAW, openPublished } from './helpers/default-data.ts';

interface Line {
  order_id: string;
  customer_id: string;
  order_date: string;
  amount: number;
  discount: number;
}

const MONEY_TOLERANCE = 0.01;
const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

function interpolated(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo]! + (sorted[Math.ceil(h)]! - sorted[lo]!) * (h - lo);
}

/** Customers, orders, revenue with arquero; the segment counts in plain JavaScript. */
function recompute(lines: Line[]) {
  const table = aq.from(lines);
  const totals = table.rollup({ customers: op.distinct('customer_id'), orders: op.distinct('order_id'), revenue: op.sum('amount') }).objects()[0] as {
    customers: number;
    orders: number;
    revenue: number;
  };
  const perCustomer = table
    .groupby('customer_id')
    .rollup({ orders: op.distinct('order_id'), revenue: op.sum('amount') })
    .derive({ aov: (d: { revenue: number; orders: number }) => d.revenue / d.orders })
    .objects() as { customer_id: string; orders: number; revenue: number; aov: number }[];

  const asOf = lines.map((l) => l.order_date).sort()[lines.length - 1]!;
  const byCustomer = new Map<string, Line[]>();
  for (const line of lines) byCustomer.set(line.customer_id, [...(byCustomer.get(line.customer_id) ?? []), line]);
  const customers = [...byCustomer].map(([id, own]) => {
    const dates = [...new Set(own.map((l) => l.order_date))].sort();
    const gaps = dates.slice(1).map((d, i) => days(dates[i]!, d));
    const revenue = own.reduce((s, l) => s + l.amount, 0);
    const discounted = own.filter((l) => l.discount > 0).reduce((s, l) => s + l.amount, 0);
    return {
      id,
      revenue,
      share: revenue === 0 ? null : discounted / revenue,
      recency: days(dates[dates.length - 1]!, asOf),
      gap: gaps.length ? interpolated(gaps, 0.5) : null,
    };
  });
  const medianGap = interpolated(
    customers.flatMap((c) => (c.gap === null ? [] : [c.gap])),
    0.5,
  );
  const revenueCut = interpolated(
    customers.map((c) => c.revenue),
    0.75,
  );
  const shareCut = interpolated(
    customers.flatMap((c) => (c.share === null ? [] : [c.share])),
    0.75,
  );
  const segments: Record<string, number> = {};
  for (const c of customers) {
    const ratio = c.recency / (c.gap ?? medianGap);
    const segment =
      ratio >= 2
        ? 'At-Risk/Dormant'
        : c.revenue > 0 && c.revenue >= revenueCut
          ? 'High-Value Active'
          : c.share !== null && c.share > 0 && c.share >= shareCut
            ? 'Discount-Driven'
            : 'Steady';
    segments[segment] = (segments[segment] ?? 0) + 1;
  }
  return { totals, perCustomer, segments, asOf };
}

async function syntheticLines(): Promise<Line[]> {
  const file = await asyncBufferFromFile(join(DEFAULT_RAW, 'orders.parquet'));
  const rows = await parquetReadObjects({ file, compressors });
  return rows.map((r) => ({
    order_id: String(r.order_id),
    customer_id: String(r.account_id),
    order_date: r.order_date instanceof Date ? r.order_date.toISOString().slice(0, 10) : String(r.order_date),
    amount: Number(r.amount),
    discount: Number(r.discount),
  }));
}

function superstoreLines(): Line[] {
  const table = aq.fromCSV(readFileSync(SUPERSTORE_CSV, 'utf8'), { autoType: false });
  return (table.objects() as Record<string, string>[]).map((r) => ({
    order_id: r['Order ID']!,
    customer_id: r['Customer ID']!,
    order_date: r['Order Date']!,
    amount: Number(r.Sales),
    discount: Number(r.Discount),
  }));
}

type Recomputed = ReturnType<typeof recompute>;
const expected: Record<string, Recomputed> = {};
let query: Awaited<ReturnType<typeof openPublished>>['query'];

beforeAll(async () => {
  expected.synthetic = recompute(await syntheticLines());
  expected.superstore = recompute(superstoreLines());
  ({ query } = await openPublished(DEFAULT_DATA, ['intel_customers', 'intel_sources']));
});

describe.each(['synthetic', 'superstore'])('%s orders', (source) => {
  test('customers, orders, revenue and the as-of date', async () => {
    const [published] = await query<{ customers: number; orders: number; revenue: number; as_of: string }>(
      `SELECT customers, orders, revenue, CAST(as_of AS VARCHAR) AS as_of FROM intel_sources WHERE source = '${source}'`,
    );
    const { totals, asOf } = expected[source]!;
    expect([published!.customers, published!.orders, published!.as_of]).toEqual([totals.customers, totals.orders, asOf]);
    expect(Math.abs(published!.revenue - totals.revenue)).toBeLessThan(MONEY_TOLERANCE);
  });

  test('orders, revenue and AOV of every customer', async () => {
    const published = await query<{ customer_id: string; orders: number; revenue: number; aov: number }>(
      `SELECT customer_id, orders, revenue, aov FROM intel_customers WHERE source = '${source}' ORDER BY customer_id`,
    );
    const mine = [...expected[source]!.perCustomer].sort((a, b) => (a.customer_id < b.customer_id ? -1 : 1));
    expect(published.map((p) => [p.customer_id, p.orders])).toEqual(mine.map((m) => [m.customer_id, m.orders]));
    published.forEach((p, i) => {
      expect(Math.abs(p.revenue - mine[i]!.revenue), p.customer_id).toBeLessThan(MONEY_TOLERANCE);
      expect(Math.abs(p.aov - mine[i]!.aov), p.customer_id).toBeLessThan(MONEY_TOLERANCE);
    });
  });

  test('customers per segment, every segment non-empty', async () => {
    const published = await query<{ segment: string; n: number }>(
      `SELECT segment, count(*)::INTEGER AS n FROM intel_customers WHERE source = '${source}' GROUP BY segment`,
    );
    expect(Object.fromEntries(published.map((p) => [p.segment, p.n]))).toEqual(expected[source]!.segments);
    expect(Object.keys(expected[source]!.segments).sort()).toEqual(['At-Risk/Dormant', 'Discount-Driven', 'High-Value Active', 'Steady']);
  });
});
