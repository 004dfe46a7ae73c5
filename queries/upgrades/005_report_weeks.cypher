// The reports a day by force and by suspect account (schema/006_report_days.cypher, dimensions
// 'force' and 'account', an account's with its reports' contents) and every day count rolled
// up an ISO week (schema/035_report_weeks.cypher), for a graph written before intake and case
// work kept them. A report's force is its cluster's case's assigned force (by code when
// several), else the force its reporter chose, else 'unassigned', as intel/trends_by_force
// reads it; a report with no cluster yet is counted under its chosen force (and as its own
// content) and marked `counted_unlinked`, so the linker moves it when it clusters it
// (dedup/assign_reports). Runs after 004_report_days_by_basis (which makes the strand and
// platform days afresh), at start-up before intake takes reports (`ohch schema apply`).
// Batched (a million reports do not fit one transaction), each phase asking again for the
// marker it leaves last: an interrupted run leaves no marker, and the next starts afresh (the
// counts it made are deleted first); with the marker there it finds nothing to do.
// params:
OPTIONAL MATCH (done:DataUpgrade {id: '005_report_weeks'})
WITH done IS NULL AS todo
MATCH (old:ReportDay) WHERE todo AND old.dimension IN ['force', 'account']
CALL (old) {
  DELETE old
} IN TRANSACTIONS OF 10000 ROWS
WITH count(*) AS phase
OPTIONAL MATCH (done:DataUpgrade {id: '005_report_weeks'})
WITH done IS NULL AS todo
MATCH (old:ReportWeek) WHERE todo
CALL (old) {
  DELETE old
} IN TRANSACTIONS OF 10000 ROWS
WITH count(*) AS phase
OPTIONAL MATCH (done:DataUpgrade {id: '005_report_weeks'})
WITH done IS NULL AS todo
MATCH (r:Report) WHERE todo
WITH collect(r) AS reports
UNWIND range(0, size(reports) - 1, 2000) AS first
CALL (reports, first) {
  UNWIND reports[first..first + 2000] AS r
  FOREACH (_ IN CASE WHEN r.cluster_id IS NULL THEN [1] ELSE [] END |
    SET r.counted_unlinked = true)
  WITH r, COLLECT {
    MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO]->(f:Force)
    RETURN f.code ORDER BY f.code LIMIT 1
  } AS assigned
  WITH r, coalesce(assigned[0], r.chosen_force_code, 'unassigned') AS key
  UNWIND [t IN [['reported', r.reported_at], ['incident', r.incident_at],
                ['received', r.received_at]] WHERE t[1] IS NOT NULL] AS t
  WITH t[0] AS basis, key, date(datetime.fromepochmillis(t[1].epochMillis)) AS day,
       count(*) AS n
  ORDER BY basis, key, day
  MERGE (d:ReportDay {id: basis + '|force|' + key + '|' + toString(day)})
    ON CREATE SET d.basis = basis, d.dimension = 'force', d.key = key, d.day = day,
                  d.reports = 0
  SET d.reports = d.reports + n
} IN TRANSACTIONS OF 1 ROW
WITH count(*) AS phase
OPTIONAL MATCH (done:DataUpgrade {id: '005_report_weeks'})
WITH done IS NULL AS todo
MATCH (r:Report) WHERE todo
WITH collect(r) AS reports
UNWIND range(0, size(reports) - 1, 2000) AS first
CALL (reports, first) {
  UNWIND reports[first..first + 2000] AS r
  MATCH (r)-[:NAMES_SUSPECT]->(a:Account)
  WITH DISTINCT r, a
  UNWIND [t IN [['reported', r.reported_at], ['incident', r.incident_at],
                ['received', r.received_at]] WHERE t[1] IS NOT NULL] AS t
  WITH t[0] AS basis, a, date(datetime.fromepochmillis(t[1].epochMillis)) AS day,
       count(*) AS n, collect(coalesce(r.cluster_id, r.id)) AS contents
  ORDER BY basis, a.key, day
  MERGE (d:ReportDay {id: basis + '|account|' + a.key + '|' + toString(day)})
    ON CREATE SET d.basis = basis, d.dimension = 'account', d.key = a.key,
                  d.platform = a.platform, d.day = day, d.reports = 0, d.contents = []
  SET d.reports = d.reports + n, d.contents = d.contents + contents
} IN TRANSACTIONS OF 1 ROW
WITH count(*) AS phase
OPTIONAL MATCH (done:DataUpgrade {id: '005_report_weeks'})
WITH done IS NULL AS todo
MATCH (d:ReportDay) WHERE todo
WITH collect(d) AS days
UNWIND range(0, size(days) - 1, 5000) AS first
CALL (days, first) {
  UNWIND days[first..first + 5000] AS d
  WITH d.basis AS basis, d.dimension AS dimension, d.key AS key, d.platform AS platform,
       date.truncate('week', d.day) AS week, sum(d.reports) AS n, collect(d.contents) AS lists
  ORDER BY basis, dimension, key, week
  MERGE (w:ReportWeek {id: basis + '|' + dimension + '|' + key + '|' + toString(week)})
    ON CREATE SET w.basis = basis, w.dimension = dimension, w.key = key, w.platform = platform,
                  w.week = week, w.reports = 0,
                  w.contents = CASE WHEN dimension = 'account' THEN [] END
  SET w.reports = w.reports + n,
      w.contents = CASE WHEN dimension = 'account'
                     THEN w.contents + reduce(acc = [], l IN lists | acc + l) END
} IN TRANSACTIONS OF 1 ROW
WITH count(*) AS phase
OPTIONAL MATCH (done:DataUpgrade {id: '005_report_weeks'})
WITH done WHERE done IS NULL
CREATE (:DataUpgrade {id: '005_report_weeks', at: datetime()})
