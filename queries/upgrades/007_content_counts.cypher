// The reports a day and an ISO week of each content cluster, for each basis (ReportDay /
// ReportWeek, dimension 'content', key the cluster id, with `reports` and `reporters`: the id
// of each Person who reported each report), and each cluster's reports ever (`counted_reports`,
// schema/036_content_counts.cypher), for a graph written before the linker kept them
// (dedup/count_content_reports). Reports no cluster holds are not counted: the linker counts
// them when it clusters them. Runs at start-up before intake takes reports (`ohch schema
// apply`), like 005_report_weeks. Batched (a million reports do not fit one transaction), each
// phase asking again for the marker it leaves last: an interrupted run leaves no marker and
// the next starts afresh (the counts it made are deleted first); with the marker there it
// finds nothing to do.
// params:
OPTIONAL MATCH (done:DataUpgrade {id: '007_content_counts'})
WITH done IS NULL AS todo
MATCH (old:ReportDay|ReportWeek) WHERE todo AND old.dimension = 'content'
CALL (old) {
  DELETE old
} IN TRANSACTIONS OF 10000 ROWS
WITH count(*) AS phase
OPTIONAL MATCH (done:DataUpgrade {id: '007_content_counts'})
WITH done IS NULL AS todo
MATCH (c:ContentCluster) WHERE todo
CALL (c) {
  SET c.counted_reports = COUNT { MATCH (r:Report {cluster_id: c.id}) }
} IN TRANSACTIONS OF 5000 ROWS
WITH count(*) AS phase
OPTIONAL MATCH (done:DataUpgrade {id: '007_content_counts'})
WITH done IS NULL AS todo
MATCH (r:Report) WHERE todo AND r.cluster_id IS NOT NULL
WITH collect(r) AS reports
UNWIND range(0, size(reports) - 1, 2000) AS first
CALL (reports, first) {
  UNWIND reports[first..first + 2000] AS r
  WITH r, COLLECT { MATCH (p:Person)-[:REPORTED]->(r) RETURN p.id } AS who
  UNWIND [t IN [['reported', r.reported_at], ['incident', r.incident_at],
                ['received', r.received_at]] WHERE t[1] IS NOT NULL] AS t
  WITH t[0] AS basis, r.cluster_id AS cid, date(datetime.fromepochmillis(t[1].epochMillis)) AS day,
       count(*) AS n, reduce(l = [], x IN collect(who) | l + x) AS reporters
  ORDER BY basis, cid, day
  MERGE (d:ReportDay {id: basis + '|content|' + cid + '|' + toString(day)})
    ON CREATE SET d.basis = basis, d.dimension = 'content', d.key = cid, d.day = day,
                  d.reports = 0, d.reporters = []
  SET d.reports = d.reports + n, d.reporters = d.reporters + reporters
} IN TRANSACTIONS OF 1 ROW
WITH count(*) AS phase
OPTIONAL MATCH (done:DataUpgrade {id: '007_content_counts'})
WITH done IS NULL AS todo
MATCH (d:ReportDay) WHERE todo AND d.dimension = 'content'
WITH collect(d) AS days
UNWIND range(0, size(days) - 1, 5000) AS first
CALL (days, first) {
  UNWIND days[first..first + 5000] AS d
  WITH d.basis AS basis, d.key AS cid, date.truncate('week', d.day) AS week,
       sum(d.reports) AS n, collect(d.reporters) AS lists
  ORDER BY basis, cid, week
  MERGE (w:ReportWeek {id: basis + '|content|' + cid + '|' + toString(week)})
    ON CREATE SET w.basis = basis, w.dimension = 'content', w.key = cid, w.week = week,
                  w.reports = 0, w.reporters = []
  SET w.reports = w.reports + n,
      w.reporters = w.reporters + reduce(l = [], x IN lists | l + x)
} IN TRANSACTIONS OF 1 ROW
WITH count(*) AS phase
OPTIONAL MATCH (done:DataUpgrade {id: '007_content_counts'})
WITH done WHERE done IS NULL
CREATE (:DataUpgrade {id: '007_content_counts', at: datetime()})
