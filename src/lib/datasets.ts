/**
 * The published data sets, each declared once: its file, what it is for, whom it serves,
 * its columns with their types and meanings (and which are categories), and the query or
 * derived table that builds it. The publish stage writes exactly these, the manifest
 * describes them, the build-time engine makes a view of each, a chart query names them,
 * and the data page and methodology step 12 read them from here.
 */
import { bandLabels } from './bands.ts';
import { sharedMeaning } from './column-meanings.ts';
import { CS_MODEL, CS_SCORING, HEALTH, INTELLIGENCE, PANEL, PLANS, REGIONS, SIZE_BANDS, TENURE_SEGMENTS, THRESHOLDS } from './config.ts';
import { inSentence, wholePercent as pct } from './format.ts';
import { CHURN_BANDS, CHURN_RISK_FORMULA, INTEL_SOURCES, SEGMENT_LABELS } from './intelligence.ts';
import { CHURN_RISK_BAND_LABELS, CHURN_RISK_BANDS_SQL } from './queries/account-churn-risk.ts';
import { ACCOUNT_HEALTH_SQL, ARR_BAND_LABELS, HEALTH_AUC_SQL, HEALTH_CUBE_SQL, HEALTH_VALIDATION_SQL, LIFECYCLE_LABELS } from './queries/account-health.ts';
import { COMPONENT_IDS, HEALTH_BANDS, RETENTION_RISKS } from './health.ts';
import { ACCOUNT_LATEST_SQL, ACCOUNT_MONTHLY_SQL } from './queries/account-monthly.ts';
import { CS_BANDS_SQL, CS_DEALS_SQL, CS_PORTFOLIO_MONTHLY_SQL } from './queries/cs-model.ts';
import { CS_PERFORMANCE_SQL } from './queries/cs-performance.ts';
import { INTEL_DATASETS } from './queries/intelligence.ts';
import { JOURNEY_ACCOUNTS_SQL, JOURNEY_CUBE_SQL, JOURNEY_STAGES } from './queries/journey-cube.ts';
import { AGGREGATES } from './queries/usage-aggregates.ts';

/** A column type as DuckDB describes the published Parquet file. */
export type DatasetColumnType = 'VARCHAR' | 'BOOLEAN' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'DATE' | 'TIMESTAMP';

/**
 * The allowed values of a category column, for the manifest's `categories`: a list in
 * display order (from config), or `'sorted'` for the data's distinct values in sort order.
 */
export type CategoryValues = readonly string[] | 'sorted';

export interface DatasetColumn {
  readonly name: string;
  readonly type: DatasetColumnType;
  /** What the column means, as the data page shows it. */
  readonly meaning: string;
  /** Set on the columns a reader can filter or group by. */
  readonly category?: CategoryValues;
}

/**
 * How a data set is built: by a query over the pipeline's tables (src/lib/queries), or
 * as the Parquet file the derive stage already wrote for a derived table, copied as is.
 */
export type DatasetSource = { readonly sql: string } | { readonly derivedTable: string };

export interface Dataset<Name extends string = string> {
  readonly name: Name;
  /** The Parquet file's name in the published folder. */
  readonly file: string;
  /** What it holds and is for. */
  readonly description: string;
  /** Whom it serves. */
  readonly audience: string;
  readonly columns: readonly DatasetColumn[];
  readonly source: DatasetSource;
  /** Set on the seven purpose-built data sets of source 000 step 12: the audience in step 12's words. */
  readonly step12?: { readonly audience: string };
}

/** A data set, its file named after it. */
function dataset<Name extends string>(spec: Omit<Dataset<Name>, 'file'>): Dataset<Name> {
  return { ...spec, file: `${spec.name}.parquet` };
}

/** A column with its shared meaning, or with the meaning it has in this data set. */
const column = (name: string, type: DatasetColumnType, meaning: string = sharedMeaning(name)): DatasetColumn => ({ name, type, meaning });

/** A category column with its shared meaning. */
const category = (name: string, type: DatasetColumnType, values: CategoryValues): DatasetColumn => ({ ...column(name, type), category: values });

/** The five columns every dashboard filter reads, as categories in the order the filter bar lists them. */
const REGION = category('region', 'VARCHAR', REGIONS);
const SIZE_BAND = category('size_band', 'VARCHAR', bandLabels(SIZE_BANDS));
const TENURE_SEGMENT = category('tenure_segment', 'VARCHAR', bandLabels(TENURE_SEGMENTS));
const PLAN = category('plan', 'VARCHAR', PLANS);
const MONTH = category('month', 'VARCHAR', 'sorted');
/** Marks a data set's last month, which the snapshot charts read when no month is selected (`inSnapshot` in query.ts). */
const IN_LAST_MONTH = column(
  'in_last_month',
  'BOOLEAN',
  'Whether the month is this data set’s last: the month the snapshot figures read when none is selected.',
);

/** The columns the customer-intelligence data sets share, as categories where a page filters or groups by them. */
const INTEL_SOURCE = category(
  'source',
  'VARCHAR',
  INTEL_SOURCES.map((source) => source.id),
);
const INTEL_SEGMENT = category('segment', 'VARCHAR', SEGMENT_LABELS);
const INTEL_CHURN_BAND = category('churn_band', 'VARCHAR', bandLabels(CHURN_BANDS));
const { periodDays, activeWindowDays, consistencyMonths } = INTELLIGENCE;

/** The rates and counts of the usage aggregates, in the order they publish them. */
const usageMeasureColumns = [
  column('accounts', 'INTEGER'),
  column('usage_rows', 'INTEGER'),
  column('assignment_rate', 'DOUBLE'),
  column('utilization_rate', 'DOUBLE'),
  column('at_risk_rate', 'DOUBLE'),
  column('expansion_rate', 'DOUBLE'),
];

/** Marks each account's latest month with usage, in the data sets of account months. */
const IS_LATEST = column('is_latest', 'BOOLEAN', 'Whether this is the account’s latest month with usage.');

/** The columns of an account month, before and after the latest-month mark. */
const ACCOUNT_MONTH_KEYS: readonly DatasetColumn[] = [
  column('account_id', 'VARCHAR'),
  column('account_name', 'VARCHAR'),
  REGION,
  SIZE_BAND,
  TENURE_SEGMENT,
  PLAN,
  MONTH,
];
const ACCOUNT_MONTH_FIGURES: readonly DatasetColumn[] = [
  column('products', 'INTEGER', 'Products the account has seats for in the month.'),
  column('seats_purchased', 'INTEGER', 'Seats purchased, summed over the account’s products.'),
  column('seats_assigned', 'INTEGER', 'Seats assigned, summed over the account’s products.'),
  column('seats_used', 'INTEGER', 'Seats used, summed over the account’s products.'),
  column('assignment_rate', 'DOUBLE', 'Seats assigned over seats purchased, over the account’s products together.'),
  column(
    'utilization_rate',
    'DOUBLE',
    `Seats used over seats assigned, over the account’s products together, capped at ${pct(THRESHOLDS.utilizationCap)}; empty when no seat is assigned.`,
  ),
  column('arr', 'DOUBLE'),
  column('movement', 'VARCHAR'),
  column('at_risk', 'BOOLEAN'),
  column('expansion_candidate', 'BOOLEAN'),
  column('high_performer', 'BOOLEAN'),
];

/** A table of the pipeline, published whole. */
const wholeTable = (table: string): DatasetSource => ({ sql: `SELECT * FROM ${table}` });

export const DATASETS = [
  dataset({
    name: 'master_usage',
    audience: 'Analysts and CS teams (drill-down)',
    description:
      'Every usage row with its filter attributes (region, plan, size band, tenure segment), rates, flags and unused seats; join accounts for names.',
    source: { derivedTable: 'master_usage' },
    step12: { audience: 'analysts and customer-success teams drilling from a finding down to the account' },
    columns: [
      column('account_id', 'VARCHAR'),
      column('region', 'VARCHAR'),
      column('plan', 'VARCHAR'),
      column('size_band', 'VARCHAR'),
      column('tenure_segment', 'VARCHAR'),
      column('product', 'VARCHAR'),
      column('month', 'VARCHAR'),
      column('seats_purchased', 'BIGINT'),
      column('seats_assigned', 'BIGINT'),
      column('seats_used', 'BIGINT'),
      column('unassigned_seats', 'BIGINT'),
      column('unused_seats', 'BIGINT'),
      column('assignment_rate', 'DOUBLE', 'Seats assigned over seats purchased.'),
      column('utilization_raw', 'DOUBLE'),
      column('utilization_rate', 'DOUBLE', `Seats used over seats assigned, capped at ${pct(THRESHOLDS.utilizationCap)}; empty when no seat is assigned.`),
      column('utilization_capped', 'BOOLEAN'),
      column('at_risk', 'BOOLEAN'),
      column('expansion_candidate', 'BOOLEAN'),
      column('high_performer', 'BOOLEAN'),
      column('performance_category', 'VARCHAR'),
    ],
  }),
  dataset({
    name: 'regional_summary',
    audience: 'Executives',
    description: 'One row per region: seats, market share, rates, risk and rankings.',
    source: { sql: AGGREGATES.regional_summary },
    step12: { audience: 'executives comparing regions' },
    columns: [
      column('region', 'VARCHAR'),
      column('accounts', 'INTEGER'),
      column('usage_rows', 'INTEGER'),
      column('seats_latest', 'BIGINT'),
      column('seat_share', 'DOUBLE'),
      ...usageMeasureColumns.slice(2),
      column('arr_latest', 'DOUBLE'),
      column('utilization_rank', 'INTEGER'),
      column('assignment_rank', 'INTEGER'),
    ],
  }),
  dataset({
    name: 'size_band_analysis',
    audience: 'Operations',
    description: 'One row per size band: rates, risk and revenue contribution.',
    source: { sql: AGGREGATES.size_band_analysis },
    step12: { audience: 'operations planning the enterprise programme' },
    columns: [
      column('size_band', 'VARCHAR'),
      column('band_order', 'INTEGER'),
      column('accounts', 'INTEGER'),
      column('account_share', 'DOUBLE'),
      column('usage_rows', 'INTEGER'),
      column('seats_latest', 'BIGINT'),
      ...usageMeasureColumns.slice(2),
      column('arr_latest', 'DOUBLE'),
      column('revenue_contribution', 'DOUBLE'),
    ],
  }),
  dataset({
    name: 'customer_lifecycle',
    audience: 'Operations',
    description: 'One row per tenure segment with its lifecycle stage and rates.',
    source: { sql: AGGREGATES.customer_lifecycle },
    step12: { audience: 'lifecycle and re-engagement planning' },
    columns: [
      column('tenure_segment', 'VARCHAR'),
      column('segment_order', 'INTEGER'),
      column('lifecycle_stage', 'VARCHAR'),
      ...usageMeasureColumns,
      column('customer_share', 'DOUBLE'),
    ],
  }),
  dataset({
    name: 'risk_opportunity_matrix',
    audience: 'Customer success',
    description: 'Five utilization categories with what happened to the account the month after.',
    source: { sql: AGGREGATES.risk_opportunity_matrix },
    step12: { audience: 'customer success prioritising outreach' },
    columns: [
      column('performance_category', 'VARCHAR'),
      column('category_order', 'INTEGER'),
      column('accounts', 'INTEGER'),
      column('usage_rows', 'INTEGER'),
      column('row_share', 'DOUBLE'),
      column('utilization_rate', 'DOUBLE'),
      column('assignment_rate', 'DOUBLE'),
      column('followed_rows', 'INTEGER'),
      column('next_churn_rate', 'DOUBLE'),
      column('next_contraction_rate', 'DOUBLE'),
      column('next_expansion_rate', 'DOUBLE'),
    ],
  }),
  dataset({
    name: 'monthly_trend',
    audience: 'Regional management',
    description: 'Month x region rates against the overall baseline.',
    source: { sql: AGGREGATES.monthly_trend },
    step12: { audience: 'regional managers tracking against the baseline' },
    columns: [
      column('month', 'VARCHAR'),
      column('region', 'VARCHAR'),
      ...usageMeasureColumns,
      column('seats_purchased', 'BIGINT'),
      column('baseline_utilization', 'DOUBLE'),
      column('utilization_vs_baseline', 'DOUBLE'),
      column('utilization_efficiency', 'DOUBLE'),
    ],
  }),
  dataset({
    name: 'executive_summary',
    audience: 'Executives',
    description: 'One row per month with month-over-month changes.',
    source: { sql: AGGREGATES.executive_summary },
    step12: { audience: 'the board: one row per month with the change from the month before' },
    columns: [
      column('month', 'VARCHAR'),
      ...usageMeasureColumns,
      column('seats_purchased', 'BIGINT'),
      column('seats_assigned', 'BIGINT'),
      column('seats_used', 'BIGINT'),
      column('arr', 'DOUBLE'),
      column('accounts_change', 'INTEGER'),
      column('seats_change', 'BIGINT'),
      column('assignment_rate_change', 'DOUBLE'),
      column('utilization_rate_change', 'DOUBLE'),
      column('at_risk_rate_change', 'DOUBLE'),
      column('arr_change', 'DOUBLE'),
    ],
  }),
  dataset({
    name: 'filter_cube',
    audience: 'Dashboards',
    description: 'Sums and counts per region x size band x tenure x plan x month.',
    source: { sql: AGGREGATES.filter_cube },
    columns: [
      REGION,
      SIZE_BAND,
      TENURE_SEGMENT,
      PLAN,
      MONTH,
      column('accounts', 'INTEGER', 'Distinct accounts in the cell.'),
      column('usage_rows', 'INTEGER'),
      column('seats_purchased', 'BIGINT', 'Sum of seats purchased.'),
      column('assignment_rate_sum', 'DOUBLE'),
      column('utilization_rate_sum', 'DOUBLE'),
      column('utilization_rows', 'INTEGER'),
      column('at_risk_rows', 'INTEGER'),
      column('expansion_rows', 'INTEGER'),
      IN_LAST_MONTH,
    ],
  }),
  dataset({
    name: 'revenue_cube',
    audience: 'Dashboards',
    description: 'Accounts and ARR per region x size band x tenure x plan x month x movement.',
    source: { sql: AGGREGATES.revenue_cube },
    columns: [
      REGION,
      SIZE_BAND,
      TENURE_SEGMENT,
      PLAN,
      MONTH,
      column('movement', 'VARCHAR'),
      column('accounts', 'INTEGER', 'Account-months in the cell and movement.'),
      column('arr', 'DOUBLE', 'Sum of ARR, USD.'),
      column('arr_previous', 'DOUBLE', 'Sum of the previous month’s ARR, USD.'),
      IN_LAST_MONTH,
    ],
  }),
  dataset({
    name: 'account_monthly',
    audience: 'Customer success (account table, action list)',
    description:
      "One row per account and month: name, filter attributes, seats summed over products with their rates and flags, ARR and movement; is_latest marks the account's latest month with usage.",
    source: { sql: ACCOUNT_MONTHLY_SQL },
    columns: [...ACCOUNT_MONTH_KEYS, IS_LATEST, ...ACCOUNT_MONTH_FIGURES],
  }),
  dataset({
    name: 'account_latest',
    audience: 'Customer success (account table)',
    description:
      'One row per account: its latest month with usage, as in account_monthly (the rows where is_latest holds), and whether it is the data’s last month; the account table lists these when no month is selected, and the risk page’s snapshot charts read the last month’s accounts from it.',
    source: { sql: ACCOUNT_LATEST_SQL },
    columns: [
      ...ACCOUNT_MONTH_KEYS,
      ...ACCOUNT_MONTH_FIGURES,
      column('in_last_month', 'BOOLEAN', 'Whether this month is the data’s last: the month the snapshot figures read when none is selected.'),
    ],
  }),
  dataset({
    name: 'churn_risk_bands',
    audience: 'Customer success (revenue against churn risk)',
    description:
      'The churn risk of a seat-usage account: per utilization band, the account months followed by a month in the data and the share whose account churned in it, with a 95% Wilson interval.',
    source: { sql: CHURN_RISK_BANDS_SQL },
    columns: [
      {
        ...column('utilization_band', 'VARCHAR', 'Band of the account’s utilization in the month (its products together, capped), or no seat assigned.'),
        category: CHURN_RISK_BAND_LABELS,
      },
      column('band_order', 'INTEGER', 'Position of the band in display order.'),
      column('followed', 'INTEGER', 'Account months in the band followed by a month in the data.'),
      column('churned', 'INTEGER', 'Of those, account months whose account churned the next month.'),
      column('churn_risk', 'DOUBLE', 'Churned over followed: the churn risk of an account in the band.'),
      column('churn_risk_low', 'DOUBLE', 'Lower bound of the 95% Wilson interval of the churn risk.'),
      column('churn_risk_high', 'DOUBLE', 'Upper bound of the 95% Wilson interval of the churn risk.'),
    ],
  }),
  dataset({
    name: 'account_health',
    audience: 'Customer success (account health, the account page)',
    description:
      'One row per account and month: the health score’s inputs, each component’s points, the score (0-100), its band, its change since the previous month, the retention risk, and what the account did the next month (the account’s name and attributes are in accounts); is_latest marks the account’s latest month, the one a search lists it with.',
    source: { sql: ACCOUNT_HEALTH_SQL },
    columns: [
      column('account_id', 'VARCHAR'),
      MONTH,
      IS_LATEST,
      category('lifecycle_stage', 'VARCHAR', LIFECYCLE_LABELS),
      column('seats_purchased', 'INTEGER', 'Seats purchased, summed over the account’s products.'),
      column('arr', 'DOUBLE'),
      column('movement', 'VARCHAR'),
      column('utilization_rate', 'DOUBLE', 'Seats used over seats assigned, over the account’s products together, capped; empty when no seat is assigned.'),
      column('assignment_rate', 'DOUBLE', 'Seats assigned over seats purchased, over the account’s products together.'),
      column('arr_trend', 'DOUBLE', `ARR over the ARR ${HEALTH.trendMonths} months before (or the month before); empty without an earlier month.`),
      column('seat_growth', 'DOUBLE', 'Seats purchased over the previous month’s; empty without a previous month.'),
      ...COMPONENT_IDS.map((id) =>
        column(`${id}_points`, 'INTEGER', `Points of the ${inSentence(HEALTH.components[id].label)} component (0-100); empty when the account lacks it.`),
      ),
      column('score', 'INTEGER', 'Health score: the weighted mean of the points of the components present, rounded.'),
      category('band', 'VARCHAR', HEALTH_BANDS),
      column('score_change', 'INTEGER', 'Score minus the previous month’s; empty without a previous month.'),
      category('retention_risk', 'VARCHAR', RETENTION_RISKS),
      category('arr_band', 'VARCHAR', ARR_BAND_LABELS),
      column('next_movement', 'VARCHAR', 'The account’s ARR movement the next month; empty in the last month.'),
      IN_LAST_MONTH,
    ],
  }),
  dataset({
    name: 'health_validation',
    audience: 'Customer success (does the health score predict?)',
    description:
      'Account months with a next month, grouped by health band, by score decile, by size band (for the lifetime value) and by each component’s points: how many churned or contracted the next month, with 95% Wilson intervals.',
    source: { sql: HEALTH_VALIDATION_SQL },
    columns: [
      column('grouping', 'VARCHAR', 'What the rows are grouped by: band, decile, size_band or a component.'),
      column('group_label', 'VARCHAR', 'The group: a band, a decile, or a component’s points (Absent when the account lacks it).'),
      column('group_order', 'INTEGER', 'Position of the group in display order.'),
      column('score_min', 'INTEGER', 'Lowest score in the group.'),
      column('score_max', 'INTEGER', 'Highest score in the group.'),
      column('followed', 'INTEGER', 'Account months in the group with a next month.'),
      column('churned', 'INTEGER', 'Of those, account months whose account churned the next month.'),
      column('contracted', 'INTEGER', 'Of those, account months whose account contracted the next month.'),
      column('churn_rate', 'DOUBLE', 'Churned over followed.'),
      column('churn_rate_low', 'DOUBLE', 'Lower bound of the 95% Wilson interval of the churn rate.'),
      column('churn_rate_high', 'DOUBLE', 'Upper bound of the 95% Wilson interval of the churn rate.'),
      column('contraction_rate', 'DOUBLE', 'Contracted over followed.'),
      column('contraction_rate_low', 'DOUBLE', 'Lower bound of the 95% Wilson interval of the contraction rate.'),
      column('contraction_rate_high', 'DOUBLE', 'Upper bound of the 95% Wilson interval of the contraction rate.'),
    ],
  }),
  dataset({
    name: 'health_auc',
    audience: 'Customer success (does the health score predict?)',
    description:
      'How well the score, and each component alone, rank next month’s churners below the accounts that stayed: the area under the ROC curve (0.5 is chance), over account months with a next month.',
    source: { sql: HEALTH_AUC_SQL },
    columns: [
      column('measure', 'VARCHAR', 'The health score, or one component’s points.'),
      column('followed', 'INTEGER', 'Account months with a next month (and the component present).'),
      column('churners', 'INTEGER', 'Of those, account months whose account churned the next month.'),
      column('auc', 'DOUBLE', 'Chance that a random churner scores lower than a random account month that did not churn, ties counting half.'),
    ],
  }),
  dataset({
    name: 'health_cube',
    audience: 'Customer success (account health dashboard)',
    description: 'Accounts, ARR, score sums and retention risks per region, size band, plan, month, industry, lifecycle stage, ARR band and health band.',
    source: { sql: HEALTH_CUBE_SQL },
    columns: [
      REGION,
      SIZE_BAND,
      PLAN,
      MONTH,
      category('industry', 'VARCHAR', 'sorted'),
      category('lifecycle_stage', 'VARCHAR', LIFECYCLE_LABELS),
      category('arr_band', 'VARCHAR', ARR_BAND_LABELS),
      category('band', 'VARCHAR', HEALTH_BANDS),
      column('accounts', 'INTEGER', 'Account months in the cell.'),
      column('arr', 'DOUBLE', 'Sum of ARR, USD.'),
      column('score_sum', 'BIGINT', 'Sum of the health scores.'),
      column('score_change_n', 'INTEGER', 'Account months with a score the previous month.'),
      column('score_change_sum', 'BIGINT', 'Sum of the score changes since the previous month.'),
      ...RETENTION_RISKS.map((risk) => column(`${risk.toLowerCase()}_risk`, 'INTEGER', `Account months at ${risk.toLowerCase()} retention risk.`)),
      IN_LAST_MONTH,
    ],
  }),
  dataset({
    name: 'accounts',
    audience: 'Analysts',
    description: 'The account dimension with size band, tenure segment and lifecycle stage.',
    source: wholeTable('account_dim'),
    columns: [
      column('account_id', 'VARCHAR'),
      column('account_name', 'VARCHAR'),
      column('region', 'VARCHAR'),
      column('country', 'VARCHAR'),
      column('industry', 'VARCHAR'),
      column('plan', 'VARCHAR'),
      column('first_purchase_date', 'DATE'),
      column('cs_owner', 'VARCHAR'),
      column('language', 'VARCHAR'),
      column('seats_latest', 'DOUBLE'),
      column('tenure_months', 'BIGINT'),
      column('size_band', 'VARCHAR'),
      column('tenure_segment', 'VARCHAR'),
      column('lifecycle_stage', 'VARCHAR'),
    ],
  }),
  dataset({
    name: 'revenue_monthly',
    audience: 'Analysts',
    description: "ARR and movement per account and month, with the previous month's ARR.",
    source: { sql: 'SELECT account_id, month, arr, arr_previous, movement FROM revenue_enriched' },
    columns: [
      column('account_id', 'VARCHAR'),
      column('month', 'VARCHAR'),
      column('arr', 'DOUBLE'),
      column('arr_previous', 'DOUBLE'),
      column('movement', 'VARCHAR'),
    ],
  }),
  dataset({
    name: 'panel_profile',
    audience: 'Product and CS',
    description: 'One row per telemetry panel account with its event activity and groups.',
    source: wholeTable('panel_profile'),
    columns: [
      column('account_id', 'VARCHAR'),
      column('portfolio_size', 'BIGINT'),
      column('zero_portfolio', 'BOOLEAN'),
      category('portfolio_group', 'VARCHAR', bandLabels(PANEL.portfolioGroups)),
      category('plan', 'VARCHAR', PLANS),
      column('arr', 'DOUBLE'),
      category('arr_group', 'VARCHAR', bandLabels(PANEL.arrGroups)),
      category('is_active', 'BOOLEAN', 'sorted'),
      column('nps_score', 'BIGINT'),
      column('support_tickets_90d', 'BIGINT'),
      category('ticket_range', 'VARCHAR', bandLabels(PANEL.ticketRanges)),
      column('total_events', 'BIGINT'),
      category('engagement', 'VARCHAR', bandLabels(PANEL.engagement)),
      column('event_types_used', 'BIGINT'),
      category('feature_breadth', 'VARCHAR', bandLabels(PANEL.featureBreadth)),
      column('attended_training', 'BOOLEAN'),
      column('signup_date', 'DATE'),
      column('last_event_at', 'TIMESTAMP'),
    ],
  }),
  dataset({
    name: 'journey_accounts',
    audience: 'Dashboards (customer journeys)',
    description:
      'One row per telemetry panel account with its journey stages and raw measures: the rows behind the journey cube, for medians and distributions.',
    source: { sql: JOURNEY_ACCOUNTS_SQL },
    columns: [
      ...JOURNEY_STAGES.map((stage) => category(stage.column, 'VARCHAR', stage.values)),
      column('arr', 'DOUBLE', 'The telemetry product’s ARR of the account, USD.'),
      column('tickets', 'BIGINT', 'Support tickets in the last 90 days.'),
      column('nps_score', 'BIGINT'),
      column('portfolio_size', 'BIGINT'),
      column('zero_portfolio', 'BOOLEAN'),
      column('total_events', 'BIGINT'),
      column('event_types_used', 'BIGINT'),
    ],
  }),
  dataset({
    name: 'journey_cube',
    audience: 'Dashboards (customer journeys)',
    description:
      'Telemetry panel accounts, ARR, support tickets, NPS and training per portfolio group x plan x engagement x ticket range x activity x ARR group x feature breadth x training x region.',
    source: { sql: JOURNEY_CUBE_SQL },
    columns: [
      ...JOURNEY_STAGES.map((stage) => category(stage.column, 'VARCHAR', stage.values)),
      column('accounts', 'INTEGER', 'Panel accounts in the cell.'),
      column('arr', 'DOUBLE', 'Sum of the telemetry product’s ARR, USD.'),
      column('arr_squares', 'DOUBLE', 'Sum of the squared ARR of the accounts, USD² (for the variance of mean ARR).'),
      column('tickets', 'INTEGER', 'Sum of support tickets in the last 90 days.'),
      column('nps_sum', 'INTEGER', 'Sum of the NPS answers (divide by nps_count for the mean).'),
      column('nps_count', 'INTEGER', 'Accounts with an NPS answer.'),
      column('trained', 'INTEGER', 'Accounts that attended a training.'),
      column('zero_portfolio', 'INTEGER', 'Accounts with a portfolio size of 0 (kept in the first group and flagged).'),
    ],
  }),
  dataset({
    name: 'orders',
    audience: 'Analysts',
    description: 'Order lines.',
    source: wholeTable('orders'),
    columns: [
      column('order_id', 'VARCHAR'),
      column('account_id', 'VARCHAR'),
      column('order_date', 'DATE'),
      column('amount', 'DOUBLE'),
      column('discount', 'DOUBLE'),
    ],
  }),
  dataset({
    name: 'intel_customers',
    audience: 'Customer success (customer intelligence)',
    description:
      'One row per customer of each order source with its features, churn risk and segment, as of the source’s last order date; sorted by source, revenue (highest first) and customer.',
    source: { sql: INTEL_DATASETS.intel_customers },
    columns: [
      INTEL_SOURCE,
      column('customer_id', 'VARCHAR'),
      column('customer_name', 'VARCHAR', 'Name of the customer.'),
      column('region', 'VARCHAR', 'Region: the account’s APAC region (synthetic), the Region of the customer’s latest order line (Superstore).'),
      column('market_segment', 'VARCHAR', 'Superstore Segment (Consumer, Corporate, Home Office); empty for the synthetic orders, which have none.'),
      column('state', 'VARCHAR', 'US state of the customer’s latest Superstore order line; empty for the synthetic orders.'),
      column('first_order', 'DATE', 'Date of the customer’s first order.'),
      column('last_order', 'DATE', 'Date of the customer’s last order.'),
      column('orders', 'INTEGER', 'Distinct order ids (frequency).'),
      column('revenue', 'DOUBLE', 'Sum of the customer’s line amounts, USD (monetary).'),
      column('aov', 'DOUBLE', 'Average order value: revenue over orders, USD.'),
      column('discount_share', 'DOUBLE', 'Share of the revenue bought on lines with a discount above 0; empty when the revenue is 0.'),
      column('mean_discount', 'DOUBLE', 'Mean discount of the customer’s lines, each line counting once (not weighted by amount).'),
      column('recency_days', 'INTEGER', 'Days from the last order to the source’s as-of date (its last order date).'),
      column('tenure_days', 'INTEGER', 'Days from the first order to the source’s as-of date.'),
      column('typical_gap_days', 'DOUBLE', 'Median days between the customer’s consecutive order dates; empty for a single order date.'),
      column('gap_imputed', 'BOOLEAN', 'A single order date: the source’s median typical gap is used for the churn risk.'),
      column('risk_gap_days', 'DOUBLE', 'The gap the churn ratio divides by: the typical gap, or the source’s median when imputed.'),
      column('churn_ratio', 'DOUBLE', `Churn risk: ${CHURN_RISK_FORMULA}.`),
      INTEL_CHURN_BAND,
      INTEL_SEGMENT,
    ],
  }),
  dataset({
    name: 'intel_orders',
    audience: 'Dashboards (customer intelligence)',
    description: 'One row per order of each source (its lines summed) with the customer’s segment and churn band.',
    source: { sql: INTEL_DATASETS.intel_orders },
    columns: [
      INTEL_SOURCE,
      column('order_id', 'VARCHAR'),
      column('customer_id', 'VARCHAR'),
      column('order_date', 'DATE'),
      category('month', 'VARCHAR', 'sorted'),
      column('revenue', 'DOUBLE', 'Sum of the order’s line amounts, USD.'),
      column('lines', 'INTEGER', 'Order lines.'),
      column('discounted_revenue', 'DOUBLE', 'Revenue of the order’s lines with a discount above 0, USD.'),
      INTEL_SEGMENT,
      INTEL_CHURN_BAND,
    ],
  }),
  dataset({
    name: 'intel_activity',
    audience: 'Dashboards (customer intelligence)',
    description: `Per source, month of its period (months without orders included) and segment: customers active in the ${activeWindowDays} days up to the month’s end, customers ordering in the month, orders and revenue.`,
    source: { sql: INTEL_DATASETS.intel_activity },
    columns: [
      INTEL_SOURCE,
      category('month', 'VARCHAR', 'sorted'),
      column('month_end', 'DATE', 'Last day of the month, or the source’s as-of date in its last month.'),
      INTEL_SEGMENT,
      column('active_30d', 'INTEGER', `Customers with an order in the ${activeWindowDays} days up to month_end.`),
      column('ordering_customers', 'INTEGER', 'Customers with an order in the month.'),
      column('orders', 'INTEGER', 'Distinct orders in the month.'),
      column('revenue', 'DOUBLE', 'Revenue of the month’s orders, USD.'),
    ],
  }),
  dataset({
    name: 'intel_consistency',
    audience: 'Dashboards (customer intelligence)',
    description: `Customers per source, segment and number of months (0 to ${consistencyMonths}) in which they ordered, out of the last ${consistencyMonths} full calendar months up to the source’s as-of date.`,
    source: { sql: INTEL_DATASETS.intel_consistency },
    columns: [
      INTEL_SOURCE,
      INTEL_SEGMENT,
      column('months_active', 'INTEGER', `Months with an order, of the last ${consistencyMonths} full calendar months.`),
      column('customers', 'INTEGER', 'Customers of the segment with that many active months.'),
    ],
  }),
  dataset({
    name: 'intel_kpis',
    audience: 'Executives (customer intelligence)',
    description: `Customers, revenue, orders, AOV and at-risk rate per source over the last ${periodDays} days up to the as-of date and the ${periodDays} days before, for all segments (segment empty) and per segment.`,
    source: { sql: INTEL_DATASETS.intel_kpis },
    columns: [
      INTEL_SOURCE,
      { ...INTEL_SEGMENT, meaning: 'The customers’ segment (as of the source’s as-of date); empty for all segments.' },
      {
        ...column('period', 'VARCHAR', `current: the ${periodDays} days ending at the as-of date; previous: the ${periodDays} days before.`),
        category: ['current', 'previous'],
      },
      column('period_start', 'DATE', 'First day of the period.'),
      column('period_end', 'DATE', 'Last day of the period.'),
      column('customers', 'INTEGER', 'Customers with an order in the period.'),
      column('revenue', 'DOUBLE', 'Revenue of the period’s orders, USD.'),
      column('orders', 'INTEGER', 'Distinct orders in the period.'),
      column('aov', 'DOUBLE', 'Revenue over orders in the period, USD.'),
      column('at_risk_rate', 'DOUBLE', 'At-risk customers over known customers.'),
      column('at_risk_customers', 'INTEGER', 'Known customers whose churn band, with the features taken as of period_end, is High.'),
      column('known_customers', 'INTEGER', 'Customers with at least one order by period_end.'),
    ],
  }),
  dataset({
    name: 'intel_sources',
    audience: 'Dashboards (customer intelligence)',
    description: 'One row per order source: its as-of date, what was read and kept, its totals and every resolved threshold of the analysis.',
    source: { sql: INTEL_DATASETS.intel_sources },
    columns: [
      INTEL_SOURCE,
      column('label', 'VARCHAR', 'Name of the source as the page shows it.'),
      column('as_of', 'DATE', 'The source’s last order date: every figure is taken as of this day.'),
      column('first_order', 'DATE', 'The source’s first order date.'),
      column('order_lines_read', 'INTEGER', 'Order lines in the source’s file.'),
      column('order_lines_kept', 'INTEGER', 'Order lines analysed.'),
      column('customers', 'INTEGER', 'Customers with an order.'),
      column('orders', 'INTEGER', 'Distinct orders.'),
      column('revenue', 'DOUBLE', 'Revenue of every order, USD.'),
      column('high_value_revenue', 'DOUBLE', 'High-Value Active threshold: this quantile of the customers’ revenue, USD.'),
      column('discount_share_cut', 'DOUBLE', 'Discount-Driven threshold: this quantile of the customers’ discount share.'),
      column('median_gap_days', 'DOUBLE', 'Median typical gap of the customers, days: used for customers with a single order date.'),
      column('period_days', 'INTEGER', 'Length of the KPI periods, days.'),
      column('active_window_days', 'INTEGER', 'Window of the active-customer count, days.'),
      column('consistency_months', 'INTEGER', 'Months of the consistency matrix.'),
      column('high_value_quantile', 'DOUBLE', 'Quantile of customer revenue that sets the High-Value Active threshold.'),
      column('discount_share_quantile', 'DOUBLE', 'Quantile of the discount share that sets the Discount-Driven threshold.'),
      column('churn_medium_from', 'DOUBLE', 'Churn ratio from which the churn band is Medium.'),
      column('churn_high_from', 'DOUBLE', 'Churn ratio from which the churn band is High (At-Risk/Dormant).'),
      column('consistency_from', 'DATE', 'First day of the consistency window.'),
      column('consistency_to', 'DATE', 'Last day of the consistency window.'),
    ],
  }),
  dataset({
    name: 'cs_performance',
    audience: 'CS managers (monthly performance of each specialist)',
    description:
      'One row per specialist and month, every specialist and every month from the first to the last with any email, activity or concluded deal: emails sent, activities completed (repeated ids removed) and deals concluded.',
    source: { sql: CS_PERFORMANCE_SQL },
    columns: [
      { ...column('cs_name', 'VARCHAR', 'The specialist (every member of cs_team has a row for every month).'), category: 'sorted' },
      MONTH,
      column('emails', 'INTEGER', 'Emails the specialist sent in the month, repeated email ids removed.'),
      column('activities', 'INTEGER', 'Activities the specialist completed in the month, repeated activity ids removed.'),
      column('deals_concluded', 'INTEGER', 'Deals the specialist owns that were completed with an end date in the month.'),
    ],
  }),
  dataset({
    name: 'cs_team',
    audience: 'CS managers',
    description: 'Specialists with their languages and product scopes.',
    source: wholeTable('cs_team'),
    columns: [column('cs_name', 'VARCHAR'), column('languages', 'VARCHAR'), column('product_scopes', 'VARCHAR')],
  }),
  dataset({
    name: 'deals',
    audience: 'CS managers',
    description: 'Client onboarding deals.',
    source: wholeTable('deals'),
    columns: [
      column('deal_id', 'VARCHAR'),
      column('account_id', 'VARCHAR'),
      column('product_scope', 'VARCHAR'),
      column('contract_category', 'VARCHAR'),
      column('country', 'VARCHAR'),
      column('language', 'VARCHAR'),
      column('n_users', 'BIGINT'),
      column('start_date', 'DATE'),
      column('end_date', 'DATE'),
      column('status', 'VARCHAR'),
      column('stage_closed', 'VARCHAR'),
      column('cs_owner', 'VARCHAR'),
    ],
  }),
  dataset({
    name: 'emails',
    audience: 'CS managers',
    description: 'Emails on deals, duplicates removed.',
    source: wholeTable('emails'),
    columns: [column('email_id', 'VARCHAR'), column('deal_id', 'VARCHAR'), column('cs_name', 'VARCHAR'), column('sent_at', 'TIMESTAMP')],
  }),
  dataset({
    name: 'activities',
    audience: 'CS managers',
    description: 'Activities on deals, duplicates removed.',
    source: wholeTable('activities'),
    columns: [
      column('activity_id', 'VARCHAR'),
      column('deal_id', 'VARCHAR'),
      column('cs_name', 'VARCHAR'),
      column('completed_at', 'TIMESTAMP'),
      column('activity_type', 'VARCHAR'),
    ],
  }),
  dataset({
    name: 'cs_deals',
    audience: 'CS managers (how many interactions a deal needs)',
    description:
      'One row per deal that is not suspended: its attributes, emails and activities (repeated ids removed), their sum y, its place in the time-ordered split (train, test or open) and the interactions the model (cs_model.json) predicts for it.',
    source: { sql: CS_DEALS_SQL },
    columns: [
      column('deal_id', 'VARCHAR'),
      column('account_id', 'VARCHAR'),
      column('account_name', 'VARCHAR'),
      category('product_scope', 'VARCHAR', 'sorted'),
      category('contract_category', 'VARCHAR', 'sorted'),
      category('country', 'VARCHAR', 'sorted'),
      column('language', 'VARCHAR', 'Language of the client.'),
      column('n_users', 'BIGINT', 'Users to onboard.'),
      column('log_n_users', 'DOUBLE', 'Natural logarithm of the users to onboard: the model’s numeric term.'),
      column('start_date', 'DATE', 'Deal start.'),
      column('end_date', 'DATE', 'Deal end, if ended.'),
      { ...column('status', 'VARCHAR', 'open or completed (suspended deals are left out).'), category: ['open', 'completed'] },
      column('new_client', 'BOOLEAN', 'Whether the deal closed at the New Clients stage.'),
      column('cs_owner', 'VARCHAR', 'Assigned specialist, if any.'),
      column('emails', 'BIGINT', 'Emails on the deal, repeated email ids removed.'),
      column('activities', 'BIGINT', 'Activities on the deal, repeated activity ids removed.'),
      column('y', 'BIGINT', 'Interactions: emails plus activities.'),
      {
        ...column('split', 'VARCHAR', 'train (the earlier completed deals the model is fitted on), test (the later completed ones it is checked on) or open.'),
        category: ['train', 'test', 'open'],
      },
      column(
        'y_pred',
        'DOUBLE',
        `Interactions the model predicts, fitted on the first ${pct(CS_MODEL.trainShare)} of completed deals by start date; empty when the data are too few to fit it.`,
      ),
      column(
        'interaction_band',
        'INTEGER',
        `Band of the predicted interactions, 1 to ${CS_SCORING.interactionBands} (quantiles of the train deals); empty without a model.`,
      ),
      column('complexity_band', 'INTEGER', `Band of the users to onboard, 1 to ${CS_SCORING.complexityBands} (quantiles of the train deals).`),
      column(
        'arrival',
        'INTEGER',
        `Arrival order of the ${CS_SCORING.newClients} newest open deals, which routing treats as new clients; empty for the others.`,
      ),
    ],
  }),
  dataset({
    name: 'cs_bands',
    audience: 'CS managers (what each band of a deal score holds)',
    description:
      'The cut points of the interaction bands (predicted interactions) and the complexity bands (users to onboard), taken from the train deals, with each band’s train deals.',
    source: { sql: CS_BANDS_SQL },
    columns: [
      { ...column('kind', 'VARCHAR', 'interactions (predicted) or users (to onboard).'), category: ['interactions', 'users'] },
      column('band', 'INTEGER', 'Band, 1 (lowest) up.'),
      column('low', 'DOUBLE', 'The band holds values above this (empty for the first band).'),
      column('high', 'DOUBLE', 'The band holds values up to this (empty for the last band).'),
      column('train_deals', 'INTEGER', 'Train deals in the band.'),
    ],
  }),
  dataset({
    name: 'cs_portfolio_monthly',
    audience: 'CS managers (workload over time)',
    description:
      'Each specialist’s open deals at the end of every month, with the sums of their interaction and complexity bands: the portfolio score under any weights (w1 x interaction points + w2 x complexity points).',
    source: { sql: CS_PORTFOLIO_MONTHLY_SQL },
    columns: [
      category('month', 'VARCHAR', 'sorted'),
      category('cs_name', 'VARCHAR', 'sorted'),
      column('open_deals', 'INTEGER', 'Open deals at the end of the month.'),
      column('interaction_points', 'INTEGER', 'Sum of the open deals’ interaction bands.'),
      column('complexity_points', 'INTEGER', 'Sum of the open deals’ complexity bands.'),
    ],
  }),
  dataset({
    name: 'cs_model_terms',
    audience: 'CS managers and analysts (what drives interactions)',
    description: 'The interaction model’s terms: coefficient, standard error (scaled when quasi-Poisson) and rate ratio with its 95% interval.',
    source: { sql: 'SELECT * FROM cs_model_terms ORDER BY position' },
    columns: [
      column('position', 'INTEGER', 'Order of the term in the model.'),
      column('term', 'VARCHAR', 'Intercept, log_n_users, or column=level against the column’s reference level.'),
      column('reference', 'VARCHAR', 'The reference level of a column=level term (its most frequent level in the train deals); empty for the others.'),
      column('coefficient', 'DOUBLE', 'Coefficient on the log scale.'),
      column('standard_error', 'DOUBLE', 'Standard error of the coefficient.'),
      column('rate_ratio', 'DOUBLE', 'exp(coefficient): the factor on expected interactions.'),
      column('rate_ratio_low', 'DOUBLE', 'Lower bound of its 95% interval.'),
      column('rate_ratio_high', 'DOUBLE', 'Upper bound of its 95% interval.'),
    ],
  }),
  dataset({
    name: 'cs_model_fit',
    audience: 'CS managers and analysts (how well the model predicts)',
    description:
      'One row per predictor on the test deals (the model and the mean-only baseline): MAE, RMSE and mean Poisson deviance, with the fit’s family, dispersion and row counts.',
    source: { sql: 'SELECT * FROM cs_model_fit ORDER BY predictor DESC' },
    columns: [
      { ...column('predictor', 'VARCHAR', 'model or baseline (the train mean for every deal).'), category: ['model', 'baseline'] },
      column('mae', 'DOUBLE', 'Mean absolute error on the test deals.'),
      column('rmse', 'DOUBLE', 'Root mean squared error on the test deals.'),
      column('mean_deviance', 'DOUBLE', 'Mean Poisson deviance on the test deals.'),
      column('family', 'VARCHAR', 'poisson, or quasipoisson when the dispersion is above the configured limit.'),
      column('dispersion', 'DOUBLE', 'Pearson chi-square over residual degrees of freedom.'),
      column('deviance', 'DOUBLE', 'Residual deviance of the fit.'),
      column('null_deviance', 'DOUBLE', 'Deviance of the intercept-only fit.'),
      column('train_rows', 'INTEGER', 'Deals the model was fitted on.'),
      column('test_rows', 'INTEGER', 'Deals it was tested on.'),
    ],
  }),
] as const;

/** The name of a published data set: what a chart query's `tables` lists and the manifest's tables are named. */
export type DatasetName = (typeof DATASETS)[number]['name'];

/** The category columns of a data set. */
export const categoryColumns = (dataset: Dataset) => dataset.columns.filter((c): c is DatasetColumn & { category: CategoryValues } => c.category !== undefined);
