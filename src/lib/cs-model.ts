/**
 * The CS-operations interaction model (source 004) as published: `cs_model.json`, written
 * next to the Parquet files by the pipeline's publish stage and read by the site. The
 * model is a Poisson GLM (src/lib/glm.ts) of a deal's emails plus activities.
 */
import type { DesignSpec } from './glm.ts';

/** The model's file in the published folder. */
export const CS_MODEL_FILE = 'cs_model.json';

/** The model's terms: ln(users to onboard), then country, product scope and contract category, treatment-coded. */
export const CS_MODEL_SPEC: DesignSpec = {
  numeric: ['log_n_users'],
  categorical: [{ column: 'country' }, { column: 'product_scope' }, { column: 'contract_category' }],
};

export interface CsModelErrors {
  /** Mean absolute error. */
  readonly mae: number;
  /** Root mean squared error. */
  readonly rmse: number;
  /** Mean Poisson deviance. */
  readonly mean_deviance: number;
}

/** `cs_model.json` when the data cannot support a fit (too few train deals, or a singular design): no predictions are published. */
export interface CsModelUnfitted {
  readonly fitted: false;
  readonly reason: string;
  readonly train_share: number;
  readonly train_rows: number;
  readonly test_rows: number;
}

/** `cs_model.json`. */
export type CsModel = CsModelFitted | CsModelUnfitted;

/** `cs_model.json` of a fitted model. */
export interface CsModelFitted {
  readonly fitted: true;
  readonly response: string;
  readonly family: 'poisson' | 'quasipoisson';
  readonly terms: readonly string[];
  readonly numeric: readonly string[];
  /** Per categorical column: the reference level and the levels that have a term. */
  readonly categories: readonly { readonly column: string; readonly reference: string; readonly levels: readonly string[] }[];
  readonly coefficients: readonly number[];
  readonly standard_errors: readonly number[];
  /** exp(coefficient) with its 95% interval, per term. */
  readonly rate_ratios: readonly { readonly term: string; readonly ratio: number; readonly low: number; readonly high: number }[];
  readonly deviance: number;
  readonly null_deviance: number;
  readonly dispersion: number;
  readonly quasi: boolean;
  /** The dispersion above which the fit is quasi-Poisson. */
  readonly quasi_above: number;
  readonly residual_df: number;
  readonly iterations: number;
  readonly train_share: number;
  readonly train_rows: number;
  readonly test_rows: number;
  /** Mean interactions of the train deals: the mean-only baseline's prediction. */
  readonly train_mean: number;
  /** Errors on the test deals, of the model and of the mean-only baseline (empty without test deals). */
  readonly test: { readonly model: CsModelErrors; readonly baseline: CsModelErrors } | null;
}
