/**
 * The deal table of the CS-operations model (source 004): one row per deal that is not
 * suspended, with its emails and activities (counted on the tables the input stage has
 * already cleared of repeated ids) and its place in the time-ordered train/test split.
 * The pipeline fits the model on it (scripts/pipeline/cs-model.ts) and writes each deal's
 * prediction to `cs_deal_predictions`, which `CS_DEALS_SQL` joins back.
 */
import { CS_MODEL, CS_SCORING } from '../config.ts';
import { bandProbabilities, bandSql } from '../cs-scoring.ts';

export const CS_MODEL_INTERMEDIATES = {
  cs_deal_base: `
    WITH email_counts AS (SELECT deal_id, count(*) AS n FROM emails GROUP BY deal_id),
    activity_counts AS (SELECT deal_id, count(*) AS n FROM activities GROUP BY deal_id),
    counted AS (
      SELECT d.deal_id, d.account_id, d.product_scope, d.contract_category, d.country, d.language,
        CAST(d.n_users AS BIGINT) AS n_users, ln(d.n_users) AS log_n_users, d.start_date, d.end_date, d.status,
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

/**
 * The band cut points (src/lib/cs-scoring.ts): quantiles of the train deals' predicted
 * interactions and of their users to onboard. A CTE over `scored` (the deals with `y_pred`).
 */
const CUTS_CTE = `cuts AS (
    SELECT quantile_cont(y_pred, [${bandProbabilities(CS_SCORING.interactionBands).join(', ')}]) AS interactions,
      quantile_cont(n_users, [${bandProbabilities(CS_SCORING.complexityBands).join(', ')}]) AS users
    FROM scored WHERE split = 'train')`;

const SCORED_CTE = `scored AS (SELECT b.*, p.y_pred FROM cs_deal_base b LEFT JOIN cs_deal_predictions p USING (deal_id))`;

/**
 * The published deal table: the base rows with the model's prediction (empty when the model
 * could not be fitted), the two bands, and the arrival order of the newest open deals that
 * routing treats as new clients.
 */
export const CS_DEALS_SQL = `
  WITH ${SCORED_CTE}, ${CUTS_CTE},
  newest AS (
    SELECT deal_id FROM scored WHERE status = 'open' AND y_pred IS NOT NULL
    ORDER BY start_date DESC, deal_id DESC LIMIT ${CS_SCORING.newClients}),
  arrivals AS (SELECT deal_id, row_number() OVER (ORDER BY start_date, deal_id)::INTEGER AS arrival FROM newest JOIN scored USING (deal_id))
  SELECT deal_id, account_id, a.account_name, s.product_scope, s.contract_category, s.country, s.language, s.n_users, s.log_n_users,
    s.start_date, s.end_date, s.status, s.new_client, s.cs_owner, s.emails, s.activities, s.y, s.split, s.y_pred,
    ${bandSql('y_pred', 'cuts.interactions')}::INTEGER AS interaction_band,
    ${bandSql('n_users', 'cuts.users')}::INTEGER AS complexity_band,
    arrival
  FROM scored s CROSS JOIN cuts LEFT JOIN arrivals USING (deal_id)
    LEFT JOIN accounts a USING (account_id)
  ORDER BY deal_id`;

/** The bands' cut points: per kind and band, the values it holds (above `low`, up to `high`) and its train deals. */
export const CS_BANDS_SQL = `
  WITH ${SCORED_CTE}, ${CUTS_CTE},
  kinds AS (
    SELECT 'interactions' AS kind, interactions AS cuts FROM cuts
    UNION ALL SELECT 'users', users FROM cuts),
  bands AS (
    SELECT kind, band::INTEGER AS band, cuts[band - 1] AS low, cuts[band] AS high
    FROM kinds CROSS JOIN range(1, ${Math.max(CS_SCORING.interactionBands, CS_SCORING.complexityBands)} + 1) r(band)
    WHERE cuts IS NOT NULL AND band <= len(cuts) + 1),
  train AS (SELECT y_pred, n_users FROM scored WHERE split = 'train')
  SELECT kind, band, low, high,
    (SELECT count(*) FROM train WHERE CASE kind WHEN 'interactions' THEN y_pred ELSE n_users END > coalesce(low, -1e308)
      AND CASE kind WHEN 'interactions' THEN y_pred ELSE n_users END <= coalesce(high, 1e308))::INTEGER AS train_deals
  FROM bands ORDER BY kind, band`;

/**
 * Each specialist's open deals at the end of every month from the first deal's to the last
 * start or end (a deal is open at a month's end when it started by then and had not ended),
 * with the sums of their bands: the portfolio score under any weights. Deals without bands
 * (no fitted model) are left out.
 */
export const CS_PORTFOLIO_MONTHLY_SQL = `
  WITH d AS (SELECT * FROM (${CS_DEALS_SQL}) WHERE cs_owner IS NOT NULL AND interaction_band IS NOT NULL),
  span AS (SELECT date_trunc('month', min(start_date)) AS first, date_trunc('month', greatest(max(start_date), coalesce(max(end_date), max(start_date)))) AS last FROM d),
  months AS (SELECT CAST(m AS DATE) AS month_start, last_day(CAST(m AS DATE)) AS month_end FROM span, generate_series(first, last, INTERVAL 1 MONTH) g(m)),
  grid AS (SELECT cs_name, month_start, month_end FROM cs_team CROSS JOIN months)
  SELECT strftime(month_start, '%Y-%m') AS month, cs_name,
    count(d.deal_id)::INTEGER AS open_deals,
    coalesce(sum(d.interaction_band), 0)::INTEGER AS interaction_points,
    coalesce(sum(d.complexity_band), 0)::INTEGER AS complexity_points
  FROM grid LEFT JOIN d ON d.cs_owner = grid.cs_name AND d.start_date <= grid.month_end AND (d.end_date IS NULL OR d.end_date > grid.month_end)
  GROUP BY ALL ORDER BY month, cs_name`;
