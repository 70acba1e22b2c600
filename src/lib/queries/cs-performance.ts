/**
 * Monthly CS performance (source 004, phase 3): one row per specialist and calendar month,
 * with the emails they sent, the activities they completed and the deals they own that were
 * concluded (completed, by end date) in that month. The grid is full, every specialist of
 * `cs_team` times every month from the first to the last month with any of the three, so a
 * quiet month reads 0 rather than missing. Emails and activities are counted on the tables
 * the input stage has already cleared of repeated ids.
 */

export const CS_PERFORMANCE_SQL = `
  WITH email_months AS (
    SELECT cs_name, strftime(sent_at, '%Y-%m') AS month, count(*) AS n FROM emails GROUP BY ALL),
  activity_months AS (
    SELECT cs_name, strftime(completed_at, '%Y-%m') AS month, count(*) AS n FROM activities GROUP BY ALL),
  concluded_months AS (
    SELECT cs_owner AS cs_name, strftime(end_date, '%Y-%m') AS month, count(*) AS n
    FROM deals WHERE status = 'completed' AND cs_owner IS NOT NULL AND end_date IS NOT NULL GROUP BY ALL),
  span AS (
    SELECT min(month) AS first_month, max(month) AS last_month
    FROM (SELECT month FROM email_months UNION ALL SELECT month FROM activity_months UNION ALL SELECT month FROM concluded_months)),
  months AS (
    SELECT strftime(m, '%Y-%m') AS month
    FROM (SELECT unnest(generate_series(CAST(strptime(first_month, '%Y-%m') AS TIMESTAMP), CAST(strptime(last_month, '%Y-%m') AS TIMESTAMP), INTERVAL 1 MONTH)) AS m
          FROM span WHERE first_month IS NOT NULL))
  SELECT t.cs_name, m.month,
    CAST(coalesce(e.n, 0) AS INTEGER) AS emails,
    CAST(coalesce(a.n, 0) AS INTEGER) AS activities,
    CAST(coalesce(c.n, 0) AS INTEGER) AS deals_concluded
  FROM cs_team t CROSS JOIN months m
    LEFT JOIN email_months e ON e.cs_name = t.cs_name AND e.month = m.month
    LEFT JOIN activity_months a ON a.cs_name = t.cs_name AND a.month = m.month
    LEFT JOIN concluded_months c ON c.cs_name = t.cs_name AND c.month = m.month
  ORDER BY t.cs_name, m.month`;
