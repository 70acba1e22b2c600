/**
 * The deal table of the CS-operations model (source 004): one row per deal that is not
 * suspended, with its emails and activities (counted on the tables the input stage has
 * already cleared of repeated ids) and its place in the time-ordered train/test split.
 * The pipeline fits the model on it (scripts/pipeline/cs-model.ts) and writes each deal's
 * prediction to `cs_deal_predictions`, which `CS_DEALS_SQL` joins back.
 */
import { CS_MODEL } from '../config.ts';

export const CS_MODEL_INTERMEDIATES = {
  cs_deal_base: `
    WITH email_counts AS (SELECT deal_id, count(*) AS n FROM emails GROUP BY deal_id),
    activity_counts AS (SELECT deal_id, count(*) AS n FROM activities GROUP BY deal_id),
    counted AS (
      SELECT d.deal_id, d.account_id, d.product_scope, d.contract_category, d.country, d.language,
        CAST(d.n_users AS BIGINT) AS n_users, ln(d.n_users) AS log_n_users, d.start_date, d.status,
        coalesce(d.stage_closed = 'New Clients', false) AS new_client, d.cs_owner,
        CAST(coalesce(e.n, 0) AS BIGINT) AS emails, CAST(coalesce(a.n, 0) AS BIGINT) AS activities
      FROM deals d LEFT JOIN email_counts e USING (deal_id) LEFT JOIN activity_counts a USING (deal_id)
      WHERE d.status <> 'suspended')
    SELECT *, emails + activities AS y,
      CASE
        WHEN status = 'open' THEN 'open'
        WHEN row_number() OVER (PARTITION BY status ORDER BY start_date, deal_id)
          <= round(${CS_MODEL.trainShare} * count(*) OVER (PARTITION BY status)) THEN 'train'
        ELSE 'test'
      END AS split
    FROM counted ORDER BY deal_id`,
};

/** The published deal table: the base rows with the model's prediction (empty when the model could not be fitted). */
export const CS_DEALS_SQL = `
  SELECT deal_id, account_id, product_scope, contract_category, country, language, n_users, log_n_users,
    start_date, status, new_client, cs_owner, emails, activities, y, split, p.y_pred
  FROM cs_deal_base LEFT JOIN cs_deal_predictions p USING (deal_id)
  ORDER BY deal_id`;
