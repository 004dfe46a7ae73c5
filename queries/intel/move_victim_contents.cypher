// A report changing content cluster (the rows dedup/assign_reports is about to write: intake's
// first clustering, content merges and splits) moves its content entry in the counts kept for
// each victim identity it names (schema/037_person_counts.cypher), in the same transaction,
// run just before it: the entry of its old content (its cluster, or the report itself while it
// had none) becomes its new cluster's, a day and a week for each basis. Identities without
// kept counts (one report, one account at most) have none to move.
// params: rows
UNWIND $rows AS row
MATCH (r:Report {id: row.report_id})
WITH r, coalesce(r.cluster_id, r.id) AS was, row.cluster_id AS now
WHERE was <> now
MATCH (v:Person)-[:VICTIM_IN]->(r)
WITH DISTINCT r, was, now, coalesce(v.person_id, v.id) AS x
WHERE EXISTS { MATCH (:VictimIdentity {id: x}) }
UNWIND [t IN [['reported', r.reported_at], ['incident', r.incident_at],
              ['received', r.received_at]] WHERE t[1] IS NOT NULL] AS t
WITH x, t[0] AS basis, date(datetime.fromepochmillis(t[1].epochMillis)) AS day, was, now
WITH x, basis, day, date.truncate('week', day) AS week, was, now
ORDER BY x, basis, day
CALL (x, basis, day, was, now) {
  MATCH (d:VictimDay {id: basis + '|' + x + '|' + toString(day)})
  WITH d, [i IN range(0, size(d.contents) - 1) WHERE d.contents[i] = was][0] AS at
  WHERE at IS NOT NULL
  SET d.contents = d.contents[..at] + [now] + d.contents[at + 1..]
}
CALL (x, basis, week, was, now) {
  MATCH (w:VictimWeek {id: basis + '|' + x + '|' + toString(week)})
  WITH w, [i IN range(0, size(w.contents) - 1) WHERE w.contents[i] = was][0] AS at
  WHERE at IS NOT NULL
  SET w.contents = w.contents[..at] + [now] + w.contents[at + 1..]
}
