/**
 * The raw input contract: the tables a data set must provide (as `NAME.csv` or
 * `NAME.parquet`), their columns, and the rules each value must satisfy. The validator,
 * the generator's tests and the README's schema section are all read off this one list.
 */
import { DEAL_STATUSES, EVENT_TYPES, MOVEMENTS, PLANS, REGIONS } from './config.ts';

/** How a raw value is read. */
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'month' | 'timestamp';

/** One column of a raw table and the rules its values obey. */
export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  /** Whether an empty value is allowed (read as NULL). */
  readonly nullable?: boolean;
  /** The only values allowed (strings). */
  readonly allowed?: readonly string[];
  /** Inclusive numeric bounds. */
  readonly min?: number;
  readonly max?: number;
  /** The value may not exceed this other column of the same row. */
  readonly atMostColumn?: string;
  /** What the column means, for the README and the data catalogue. */
  readonly description: string;
}

/** A foreign key: every non-empty value of `column` exists in `table.key`. */
export interface Reference {
  readonly column: string;
  readonly table: RawTableName;
  readonly key: string;
}

/** A table of input files; `Name` is a raw table's name unless the file is read on its own (the Superstore orders). */
export interface TableSpec<Name extends string = RawTableName> {
  readonly name: Name;
  readonly description: string;
  readonly columns: readonly ColumnSpec[];
  /** Columns whose combination must be unique. Tables with `dedupe` drop repeats instead. */
  readonly key?: readonly string[];
  /** Repeated ids are expected and removed (first occurrence kept), not rejected. */
  readonly dedupe?: string;
  readonly references?: readonly Reference[];
}

export const TABLE_NAMES = [
  'accounts',
  'usage_monthly',
  'revenue_monthly',
  'panel_accounts',
  'events',
  'orders',
  'cs_team',
  'deals',
  'emails',
  'activities',
] as const;
/** The name of a raw input table (not a published data set: see datasets.ts). */
export type RawTableName = (typeof TABLE_NAMES)[number];

const account = (description = 'The account (a customer company).'): ColumnSpec => ({
  name: 'account_id',
  type: 'string',
  description,
});

export const SCHEMA: readonly TableSpec[] = [
  {
    name: 'accounts',
    description: 'One row per customer account.',
    key: ['account_id'],
    columns: [
      account('Unique account identifier.'),
      { name: 'account_name', type: 'string', description: 'Display name of the customer.' },
      { name: 'region', type: 'string', allowed: REGIONS, description: 'APAC sales region.' },
      { name: 'country', type: 'string', description: 'Country of the account.' },
      { name: 'industry', type: 'string', description: 'Industry of the account.' },
      { name: 'plan', type: 'string', allowed: PLANS, description: 'Subscription plan.' },
      { name: 'first_purchase_date', type: 'date', description: 'Date of the first purchase (sets tenure).' },
      { name: 'cs_owner', type: 'string', nullable: true, description: 'Customer-success owner, if any.' },
      { name: 'language', type: 'string', description: 'Preferred language.' },
    ],
  },
  {
    name: 'usage_monthly',
    description: 'Seats purchased, assigned and used per account, product and month.',
    key: ['account_id', 'product', 'month'],
    references: [{ column: 'account_id', table: 'accounts', key: 'account_id' }],
    columns: [
      account(),
      { name: 'product', type: 'string', description: 'Product the seats are for.' },
      { name: 'month', type: 'month', description: 'Calendar month (YYYY-MM).' },
      { name: 'seats_purchased', type: 'integer', min: 1, description: 'Seats paid for.' },
      {
        name: 'seats_assigned',
        type: 'integer',
        min: 0,
        atMostColumn: 'seats_purchased',
        description: 'Seats assigned to a named user (0 to purchased).',
      },
      {
        name: 'seats_used',
        type: 'integer',
        min: 0,
        description: 'Seats used in the month; may exceed assigned (utilization above 100%).',
      },
    ],
  },
  {
    name: 'revenue_monthly',
    description: 'Annual recurring revenue and its movement per account and month.',
    key: ['account_id', 'month'],
    references: [{ column: 'account_id', table: 'accounts', key: 'account_id' }],
    columns: [
      account(),
      { name: 'month', type: 'month', description: 'Calendar month (YYYY-MM).' },
      { name: 'arr', type: 'number', min: 0, description: 'ARR at the end of the month, USD.' },
      { name: 'movement', type: 'string', allowed: MOVEMENTS, description: 'Change against the previous month.' },
    ],
  },
  {
    name: 'panel_accounts',
    description: 'Accounts enrolled in product telemetry (source 001).',
    key: ['account_id'],
    references: [{ column: 'account_id', table: 'accounts', key: 'account_id' }],
    columns: [
      account(),
      {
        name: 'portfolio_size',
        type: 'integer',
        min: 0,
        max: 100,
        description: 'Sites or projects the customer manages in the product (0 is flagged).',
      },
      { name: 'plan', type: 'string', allowed: PLANS, description: 'Plan of the telemetry product.' },
      { name: 'arr', type: 'number', min: 0, description: 'ARR of the telemetry product, USD.' },
      { name: 'is_active', type: 'boolean', description: 'Whether the account is active.' },
      { name: 'nps_score', type: 'integer', min: 0, max: 10, nullable: true, description: 'Last NPS answer, if any.' },
      { name: 'support_tickets_90d', type: 'integer', min: 0, description: 'Support tickets in the last 90 days.' },
      { name: 'signup_date', type: 'date', description: 'Date the account enrolled.' },
    ],
  },
  {
    name: 'events',
    description: 'Product-telemetry events of the panel accounts.',
    key: ['event_id'],
    references: [{ column: 'account_id', table: 'panel_accounts', key: 'account_id' }],
    columns: [
      { name: 'event_id', type: 'string', description: 'Unique event identifier.' },
      account(),
      { name: 'event_type', type: 'string', allowed: EVENT_TYPES, description: 'What happened.' },
      { name: 'occurred_at', type: 'timestamp', description: 'When it happened.' },
    ],
  },
  {
    name: 'orders',
    description: 'Order lines (several lines may share an order id).',
    references: [{ column: 'account_id', table: 'accounts', key: 'account_id' }],
    columns: [
      { name: 'order_id', type: 'string', description: 'Order identifier.' },
      account(),
      { name: 'order_date', type: 'date', description: 'Date of the order.' },
      { name: 'amount', type: 'number', min: 0, description: 'Line amount after discount, USD.' },
      { name: 'discount', type: 'number', min: 0, max: 1, description: 'Discount given on the line (0 to 1).' },
    ],
  },
  {
    name: 'cs_team',
    description: 'Customer-success specialists and their skills (source 004).',
    key: ['cs_name'],
    columns: [
      { name: 'cs_name', type: 'string', description: 'Unique name of the specialist.' },
      { name: 'languages', type: 'string', description: 'Languages spoken, separated by ";".' },
      { name: 'product_scopes', type: 'string', description: 'Product scopes covered, separated by ";".' },
    ],
  },
  {
    name: 'deals',
    description: 'Client onboarding deals handled by customer success.',
    key: ['deal_id'],
    references: [
      { column: 'account_id', table: 'accounts', key: 'account_id' },
      { column: 'cs_owner', table: 'cs_team', key: 'cs_name' },
    ],
    columns: [
      { name: 'deal_id', type: 'string', description: 'Unique deal identifier.' },
      account(),
      { name: 'product_scope', type: 'string', description: 'Product scope of the deal.' },
      { name: 'contract_category', type: 'string', description: 'Contract category.' },
      { name: 'country', type: 'string', description: 'Country of the client.' },
      { name: 'language', type: 'string', description: 'Language of the client.' },
      { name: 'n_users', type: 'integer', min: 1, description: 'Users to onboard.' },
      { name: 'start_date', type: 'date', description: 'Deal start.' },
      { name: 'end_date', type: 'date', nullable: true, description: 'Deal end, if ended.' },
      { name: 'status', type: 'string', allowed: DEAL_STATUSES, description: 'open, completed or suspended.' },
      { name: 'stage_closed', type: 'string', nullable: true, description: 'Stage at which the deal closed, if closed.' },
      { name: 'cs_owner', type: 'string', nullable: true, description: 'Assigned specialist, if any.' },
    ],
  },
  {
    name: 'emails',
    description: 'Emails sent by specialists on deals (repeated ids are duplicates).',
    dedupe: 'email_id',
    references: [
      { column: 'deal_id', table: 'deals', key: 'deal_id' },
      { column: 'cs_name', table: 'cs_team', key: 'cs_name' },
    ],
    columns: [
      { name: 'email_id', type: 'string', description: 'Email identifier.' },
      { name: 'deal_id', type: 'string', description: 'Deal the email belongs to.' },
      { name: 'cs_name', type: 'string', description: 'Specialist who sent it.' },
      { name: 'sent_at', type: 'timestamp', description: 'When it was sent.' },
    ],
  },
  {
    name: 'activities',
    description: 'Activities completed by specialists on deals (repeated ids are duplicates).',
    dedupe: 'activity_id',
    references: [
      { column: 'deal_id', table: 'deals', key: 'deal_id' },
      { column: 'cs_name', table: 'cs_team', key: 'cs_name' },
    ],
    columns: [
      { name: 'activity_id', type: 'string', description: 'Activity identifier.' },
      { name: 'deal_id', type: 'string', description: 'Deal the activity belongs to.' },
      { name: 'cs_name', type: 'string', description: 'Specialist who completed it.' },
      { name: 'completed_at', type: 'timestamp', description: 'When it was completed.' },
      { name: 'activity_type', type: 'string', description: 'Kind of activity (call, meeting, ...).' },
    ],
  },
];
