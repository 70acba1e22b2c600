/**
 * Fits the CS-operations interaction model (source 004) at build time: reads the deal
 * table (`cs_deal_base`, src/lib/queries/cs-model.ts), fits a Poisson GLM (src/lib/glm.ts)
 * on the train deals, quasi-Poisson when overdispersed, writes every deal's predicted
 * interactions to `cs_deal_predictions`, and returns the model for `cs_model.json` with
 * its errors on the test deals against the mean-only baseline (the train mean for every deal).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { CS_MODEL } from '../../src/lib/config.ts';
import { CS_MODEL_SPEC, type CsModel, type CsModelErrors, type CsModelFitted } from '../../src/lib/cs-model.ts';
import { designOf, designRow, fitPoisson, predictCount, predictionErrors, rateRatio } from '../../src/lib/glm.ts';
import { rows } from '../lib/duck.ts';

interface DealRow extends Record<string, string | number> {
  deal_id: string;
  log_n_users: number;
  country: string;
  product_scope: string;
  contract_category: string;
  y: number;
  split: string;
}

const errors = (y: readonly number[], predicted: readonly number[]): CsModelErrors => {
  const { mae, rmse, meanDeviance } = predictionErrors(y, predicted);
  return { mae, rmse, mean_deviance: meanDeviance };
};

/** Fits the model, writes `cs_deal_predictions` (deal_id, y_pred) and returns the model. */
export async function fitCsModel(conn: DuckDBConnection): Promise<CsModel> {
  const deals = await rows<DealRow>(
    conn,
    `SELECT deal_id, log_n_users, country, product_scope, contract_category, y, split FROM cs_deal_base ORDER BY deal_id`,
  );
  const train = deals.filter((d) => d.split === 'train');
  // designOf reads each category's levels from the train deals, in deal order: deterministic.
  const test = deals.filter((d) => d.split === 'test');
  await conn.run(`CREATE OR REPLACE TABLE cs_deal_predictions (deal_id VARCHAR, y_pred DOUBLE)`);
  await conn.run(`CREATE OR REPLACE TABLE cs_model_terms (position INTEGER, term VARCHAR, reference VARCHAR, coefficient DOUBLE,
    standard_error DOUBLE, rate_ratio DOUBLE, rate_ratio_low DOUBLE, rate_ratio_high DOUBLE)`);
  await conn.run(`CREATE OR REPLACE TABLE cs_model_fit (predictor VARCHAR, mae DOUBLE, rmse DOUBLE, mean_deviance DOUBLE, family VARCHAR,
    dispersion DOUBLE, deviance DOUBLE, null_deviance DOUBLE, train_rows INTEGER, test_rows INTEGER)`);
  const counts = { train_share: CS_MODEL.trainShare, train_rows: train.length, test_rows: test.length };

  const design = designOf(train, CS_MODEL_SPEC);
  const y = train.map((d) => d.y);
  let fit: ReturnType<typeof fitPoisson>;
  try {
    const x = train.map((d) => designRow(design, d));
    fit = fitPoisson(x, y, design.terms);
    if (fit.dispersion > CS_MODEL.quasiAbove) fit = fitPoisson(x, y, design.terms, { quasi: true });
  } catch (error) {
    // Too few train deals (fewer than terms, none at all) for the terms, or a singular design (small inputs): publish no predictions.
    return { fitted: false, reason: (error as Error).message, ...counts };
  }

  const predicted = deals.map((d) => predictCount(fit, designRow(design, d)));
  const appender = await conn.createAppender('cs_deal_predictions');
  deals.forEach((d, i) => {
    appender.appendVarchar(d.deal_id);
    appender.appendDouble(predicted[i]!);
    appender.endRow();
  });
  appender.closeSync();

  const testPredicted = deals.flatMap((d, i) => (d.split === 'test' ? [predicted[i]!] : []));
  const trainMean = y.reduce((a, b) => a + b, 0) / y.length;
  const testY = test.map((d) => d.y);
  const model: CsModelFitted = {
    fitted: true,
    response: 'y: emails + activities on the deal (repeated ids removed)',
    family: fit.quasi ? 'quasipoisson' : 'poisson',
    terms: fit.terms,
    numeric: design.numeric,
    categories: design.categories,
    coefficients: fit.coefficients,
    standard_errors: fit.standardErrors,
    rate_ratios: fit.terms.map((term, j) => ({ term, ...rateRatio(fit.coefficients[j]!, fit.standardErrors[j]!) })),
    deviance: fit.deviance,
    null_deviance: fit.nullDeviance,
    dispersion: fit.dispersion,
    quasi: fit.quasi,
    quasi_above: CS_MODEL.quasiAbove,
    residual_df: fit.residualDf,
    iterations: fit.iterations,
    ...counts,
    train_mean: trainMean,
    test:
      test.length > 0
        ? {
            model: errors(testY, testPredicted),
            baseline: errors(
              testY,
              testY.map(() => trainMean),
            ),
          }
        : null,
  };
  await writeModelTables(conn, model);
  return model;
}

/** The model's terms and its fit on the test deals as tables, for the page (`cs_model_terms`, `cs_model_fit`). */
async function writeModelTables(conn: DuckDBConnection, model: CsModelFitted): Promise<void> {
  const terms = await conn.createAppender('cs_model_terms');
  const references = new Map(model.categories.map((c) => [c.column, c.reference]));
  model.rate_ratios.forEach(({ term, ratio, low, high }, j) => {
    terms.appendInteger(j + 1);
    terms.appendVarchar(term);
    const reference = term.includes('=') ? references.get(term.slice(0, term.indexOf('='))) : undefined;
    if (reference === undefined) terms.appendNull();
    else terms.appendVarchar(reference);
    for (const value of [model.coefficients[j]!, model.standard_errors[j]!, ratio, low, high]) terms.appendDouble(value);
    terms.endRow();
  });
  terms.closeSync();
  if (!model.test) return;
  const fit = await conn.createAppender('cs_model_fit');
  for (const [predictor, errors] of Object.entries(model.test)) {
    fit.appendVarchar(predictor);
    for (const value of [errors.mae, errors.rmse, errors.mean_deviance]) fit.appendDouble(value);
    fit.appendVarchar(model.family);
    for (const value of [model.dispersion, model.deviance, model.null_deviance]) fit.appendDouble(value);
    fit.appendInteger(model.train_rows);
    fit.appendInteger(model.test_rows);
    fit.endRow();
  }
  fit.closeSync();
}
