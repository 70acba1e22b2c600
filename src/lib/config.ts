/**
 * The report's definitions: every band, segment, threshold and weight, stated once.
 * The pipeline (SQL), the page text and the charts all read them from here, so a change
 * here changes the whole report. Analysts running the report on their own data edit
 * this file and nothing else.
 */
import type { Band } from './bands.ts';

/** The six APAC regions, in display order. */
export const REGIONS = ['ANZ', 'ASEAN', 'Greater China', 'India', 'Japan', 'Korea'] as const;
export type Region = (typeof REGIONS)[number];

/** Subscription plans, cheapest first. */
export const PLANS = ['starter', 'pro', 'premium'] as const;
export type Plan = (typeof PLANS)[number];

/** Month-over-month ARR movements of an account. */
export const MOVEMENTS = ['new', 'expansion', 'flat', 'contraction', 'churn'] as const;
export type Movement = (typeof MOVEMENTS)[number];

/**
 * ARR movements in order of intervention urgency (source 000 page 3: contraction and churn
 * need customer success now, flat accounts are stable), with what each calls for.
 */
export const MOVEMENT_URGENCY: readonly { readonly movement: Movement; readonly action: string; readonly intervene: boolean }[] = [
  { movement: 'churn', action: 'Win back', intervene: true },
  { movement: 'contraction', action: 'Intervene now', intervene: true },
  { movement: 'new', action: 'Onboard', intervene: false },
  { movement: 'flat', action: 'Monitor', intervene: false },
  { movement: 'expansion', action: 'Grow', intervene: false },
];

/** Lifecycle of a client deal in the CS operations data (source 004). */
export const DEAL_STATUSES = ['open', 'completed', 'suspended'] as const;

/** The eleven product-telemetry event types (source 001). */
export const EVENT_TYPES = [
  'login',
  'feature_adopted',
  'training_attended',
  'support_ticket_created',
  'nps_response_submitted',
  'report_generated',
  'subscription_cancelled',
  'site_added',
  'work_order_created',
  'invoice_processed',
  'inspection_completed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Customer size bands over an account's total seats purchased in its latest month
 * (source 000 step 7). Each band runs from its `min` up to the next band's `min`.
 */
export const SIZE_BANDS: readonly Band[] = [
  { label: '1', min: 1 },
  { label: '2-5', min: 2 },
  { label: '6-10', min: 6 },
  { label: '11-25', min: 11 },
  { label: '26-50', min: 26 },
  { label: '51-100', min: 51 },
  { label: '101-500', min: 101 },
  { label: '500+', min: 501 },
];

/**
 * Tenure segments over whole months between the first purchase and the snapshot date
 * (the last day of the latest usage month). Nine segments, as in source 000's lifecycle data set.
 */
export const TENURE_SEGMENTS: readonly Band[] = [
  { label: 'Q1', min: 0 },
  { label: 'Q2', min: 3 },
  { label: 'Q3', min: 6 },
  { label: 'Q4', min: 9 },
  { label: 'Year 2', min: 12 },
  { label: 'Year 3', min: 24 },
  { label: 'Year 4', min: 36 },
  { label: 'Year 5', min: 48 },
  { label: '5+ years', min: 60 },
];

/** Lifecycle stages group the tenure segments for journey mapping. */
export const LIFECYCLE_STAGES: readonly { label: string; segments: readonly string[] }[] = [
  { label: 'Onboarding', segments: ['Q1', 'Q2'] },
  { label: 'Adoption', segments: ['Q3', 'Q4'] },
  { label: 'Established', segments: ['Year 2', 'Year 3'] },
  { label: 'Veteran', segments: ['Year 4', 'Year 5', '5+ years'] },
];

/** Usage thresholds (source 000 steps 5 and 11). Rates are fractions of 1. */
export const THRESHOLDS = {
  /** Utilization above this is capped to it (step 5). */
  utilizationCap: 1,
  /** AtRisk: utilization strictly below this. */
  atRiskBelow: 0.6,
  /** ExpansionCandidate: utilization strictly above this. */
  expansionAbove: 0.8,
  /** HighPerformer: assignment and utilization both at or above this. */
  highPerformerMin: 0.9,
} as const;

/**
 * The five performance categories of the risk and opportunity matrix, over capped
 * utilization. Each runs from its `min` up to the next one's; the last holds exactly 100%.
 * Rows whose utilization is undefined (no seats assigned) belong to none.
 */
export const PERFORMANCE_CATEGORIES: readonly Band[] = [
  { label: 'Critical', min: 0 },
  { label: 'At risk', min: 0.3 },
  { label: 'Stable', min: THRESHOLDS.atRiskBelow },
  { label: 'Growing', min: THRESHOLDS.expansionAbove, aboveMin: true },
  { label: 'Fully used', min: 1 },
];

/**
 * Churn risk of a seat-usage account (the risk page's revenue against churn risk): the share
 * of accounts in the same utilization band that churned the following month, over every
 * month of the data that has a next one. Bands run from `min` up to the next one's; an
 * account with no seat assigned has no utilization and forms a band of its own.
 */
export const ACCOUNT_CHURN_RISK = {
  utilizationBands: Array.from({ length: 10 }, (_, i): Band => ({ label: `${i * 10}–${(i + 1) * 10}%`, min: i / 10 })),
  noUtilizationLabel: 'No seats assigned',
  /** The scatter draws this many accounts, the largest by ARR (a page of SVG cannot hold a quarter of a million points). */
  scatterAccounts: 400,
} as const;

/** Product-telemetry panel groups (source 001), with the source's overlaps removed. */
export const PANEL = {
  /** Portfolio size (sites or projects managed). 0 is kept in the first group and flagged. */
  portfolioGroups: [
    { label: '1', min: 0 },
    { label: '2-5', min: 2 },
    { label: '6-10', min: 6 },
    { label: '11+', min: 11 },
  ] as readonly Band[],
  /** Engagement by total events per account. */
  engagement: [
    { label: 'Low', min: 0 },
    { label: 'Medium', min: 15 },
    { label: 'High', min: 31 },
  ] as readonly Band[],
  /** Support tickets in the last 90 days. */
  ticketRanges: [
    { label: '0', min: 0 },
    { label: '1', min: 1 },
    { label: '2-4', min: 2 },
    { label: '5-10', min: 5 },
    { label: '11+', min: 11 },
  ] as readonly Band[],
  /** Feature breadth: distinct event types an account used. */
  featureBreadth: [
    { label: '0-4', min: 0 },
    { label: '5-6', min: 5 },
    { label: '7+', min: 7 },
  ] as readonly Band[],
  /** ARR groups in US dollars. */
  arrGroups: [
    { label: '<$5k', min: 0 },
    { label: '$5k-$15k', min: 5000 },
    { label: '$15k+', min: 15000 },
  ] as readonly Band[],
} as const;

/** The panel's `is_active` as a stage of a customer journey, active first. */
export const ACTIVE_STATUSES = ['Active', 'Inactive'] as const;

/** The panel's `attended_training` as a stage of a customer journey, trained first. */
export const TRAINING_STATUSES = ['Trained', 'Not trained'] as const;

/**
 * The journeys page's opportunities (source 001's recommendations), each a target group of
 * panel accounts by band labels of PANEL and the group whose mean ARR it is assumed to reach.
 */
export const JOURNEY_OPPORTUNITIES = {
  /** Premium upgrade: the largest portfolios on a lower plan, engaged and active, paying what premium accounts of the same profile pay. */
  premiumUpgrade: { portfolioGroup: '11+', fromPlans: ['starter', 'pro'], toPlan: 'premium', engagement: ['Medium', 'High'], activeStatus: 'Active' },
  /** Feature adoption: accounts in the middle breadth group reaching the mean ARR of the top one. */
  featureAdoption: { from: '5-6', to: '7+' },
} as const;

/** CS operations scoring (source 004). */
export const CS_SCORING = {
  /** Interaction bands are quintiles of predicted interactions, 1 (fewest) to 5, cut on the train deals. */
  interactionBands: 5,
  /** Complexity bands are quintiles of users to onboard, 1 (fewest) to 5, cut on the train deals. */
  complexityBands: 5,
  /** Deal score = w1 * interaction band + w2 * complexity band; the page lets a reader move both. */
  weights: { interactions: 0.7, complexity: 0.3 },
  /** The most recent open deals, by start date, set aside as the new clients that routing assigns. */
  newClients: 30,
} as const;

/**
 * The model of client interactions per deal (source 004): a Poisson GLM of emails plus
 * activities on ln(users), country, product scope and contract category, fitted on the
 * earlier completed deals and tested on the later ones.
 */
export const CS_MODEL = {
  /** Share of completed deals, in start-date order, that the model is fitted on; the rest test it. */
  trainShare: 0.8,
  /** Above this Pearson dispersion the fit is quasi-Poisson (standard errors scaled by it). */
  quasiAbove: 1.5,
} as const;

/**
 * Customer intelligence over order lines (source 002), run on each order source on its own.
 * Every figure is taken as of the source's last order date, never today. Quantiles are of
 * the source's customers, so the segments carry to another data set.
 */
export const INTELLIGENCE = {
  /**
   * Churn risk: days since the last order over the customer's typical gap between orders.
   * Each band runs from its `min` up to the next one's.
   */
  churnBands: [
    { label: 'Low', min: 0 },
    { label: 'Medium', min: 1 },
    { label: 'High', min: 2 },
  ] as readonly Band[],
  /** High-Value Active: revenue at or above this quantile of the source's customers' revenue. */
  highValueQuantile: 0.75,
  /** Discount-Driven: share of revenue bought at a discount at or above this quantile of the source's customers. */
  discountShareQuantile: 0.75,
  /** The KPI period: this many days ending at the as-of date, against the same length just before. */
  periodDays: 90,
  /** Active customers: an order in this many days up to the month's end (the as-of date in the last month). */
  activeWindowDays: 30,
  /** The consistency matrix: in how many of the last this many full calendar months a customer ordered. */
  consistencyMonths: 6,
} as const;

/**
 * The account health score (source 003), per account and month, 0 to 100: each component's
 * value earns points by steps (a value at or above a step's `min` earns its points, the
 * highest such step counting), and the score is the weighted mean of the points of the
 * components the account has. Weights add up to 100. A component an account lacks (no
 * earlier month for a trend) is absent, not zero: the other weights are renormalised.
 */
export const HEALTH = {
  components: {
    /** Capped utilization of the account's products together; no seat assigned earns the first step. */
    utilization: {
      label: 'Seat utilization',
      weight: 45,
      steps: [
        { min: 0, points: 0 },
        { min: 0.3, points: 30 },
        { min: 0.6, points: 70 },
        { min: 0.8, points: 100 },
      ],
    },
    /** Seats assigned over seats purchased. */
    assignment: {
      label: 'Seat assignment',
      weight: 15,
      steps: [
        { min: 0, points: 0 },
        { min: 0.5, points: 40 },
        { min: 0.75, points: 70 },
        { min: 0.9, points: 100 },
      ],
    },
    /** ARR over the ARR of `trendMonths` months before (or of the month before, for a newer account). */
    arr_trend: {
      label: 'ARR trend',
      weight: 20,
      steps: [
        { min: 0, points: 0 },
        { min: 0.95, points: 50 },
        { min: 1, points: 80 },
        { min: 1.05, points: 100 },
      ],
    },
    /** Seats purchased over the previous month's. */
    seat_growth: {
      label: 'Seat growth',
      weight: 10,
      steps: [
        { min: 0, points: 0 },
        { min: 0.95, points: 50 },
        { min: 1, points: 80 },
        { min: 1.05, points: 100 },
      ],
    },
    /** The account's lifecycle stage in the month: a new account is scored on what it has, not held to a veteran's profile. */
    tenure: { label: 'Tenure stage', weight: 10, stagePoints: { Onboarding: 60, Adoption: 70, Established: 90, Veteran: 100 } },
  },
  /** How far back the ARR trend looks. */
  trendMonths: 2,
  /** Score bands: each runs from its `min` up to the next one's (scores are whole numbers). */
  bands: [
    { label: 'Red', min: 0 },
    { label: 'Yellow', min: 51 },
    { label: 'Green', min: 76 },
  ] as readonly Band[],
  /** ARR bands ("billing size") for the score's distribution by category. */
  arrBands: [
    { label: 'Under $5K', min: 0 },
    { label: '$5K–25K', min: 5_000 },
    { label: '$25K–100K', min: 25_000 },
    { label: '$100K+', min: 100_000 },
  ] as readonly Band[],
  /** Retention risk: a fall of at least this many points since the previous month moves an account up one level. */
  retentionDropPoints: 10,
  /** Lifetime value = ARR x gross margin / annual churn rate of the account's size band. */
  grossMargin: 0.8,
} as const;

/** Version of the pipeline's outputs; bump when a published table changes shape or meaning. */
export const PIPELINE_VERSION = '1.3.0';
