-- The monthly summary of each unit's petitions (received by kind in the month of receipt;
-- resolutions and those on time in the month they were given), kept in the transaction of
-- every write, so that the steering reports read a year of a province without the cases.
CREATE TABLE petition_unit_months (
    unit_id BIGINT NOT NULL REFERENCES units(id),
    month TEXT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    complaints BIGINT NOT NULL DEFAULT 0,
    denunciations BIGINT NOT NULL DEFAULT 0,
    recommendations_reports BIGINT NOT NULL DEFAULT 0,
    resolved BIGINT NOT NULL DEFAULT 0,
    resolved_on_time BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, month)
);

INSERT INTO petition_unit_months (unit_id, month, received, complaints, denunciations, recommendations_reports, resolved, resolved_on_time)
SELECT unit_id, month, CAST(SUM(received) AS BIGINT), CAST(SUM(complaints) AS BIGINT),
       CAST(SUM(denunciations) AS BIGINT), CAST(SUM(recommendations_reports) AS BIGINT),
       CAST(SUM(resolved) AS BIGINT), CAST(SUM(resolved_on_time) AS BIGINT)
FROM (
    SELECT unit_id, substr(received_on, 1, 7) AS month, 1 AS received,
           CASE WHEN kind = 'complaint' THEN 1 ELSE 0 END AS complaints,
           CASE WHEN kind = 'denunciation' THEN 1 ELSE 0 END AS denunciations,
           CASE WHEN kind IN ('recommendation', 'report') THEN 1 ELSE 0 END AS recommendations_reports,
           0 AS resolved, 0 AS resolved_on_time
    FROM petition_cases
    UNION ALL
    SELECT c.unit_id, substr(k.done_on, 1, 7), 0, 0, 0, 0, 1,
           CASE WHEN k.done_on <= k.due_on THEN 1 ELSE 0 END
    FROM petition_clocks k JOIN petition_cases c ON c.id = k.case_id
    WHERE k.done_on IS NOT NULL AND k.clock IN ('complaint.resolve', 'denunciation.resolve', 'answer')
) x
GROUP BY unit_id, month;
