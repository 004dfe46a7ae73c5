// Move a report's counts by content when the linker gives it its first cluster (intake) or
// moves it to another (content merge or split), in that transaction, before
// dedup/assign_reports records the move (so r.cluster_id is still the cluster it leaves): a
// day and an ISO week for each basis (ReportDay / ReportWeek, dimension 'content', key the
// cluster id; schema/035_report_weeks.cypher), `reports` and `reporters` (the id of each
// Person who reported each report: one entry a reporter a report), which most-reported content
// adds up for hub staff (intel/most_reported_content_counted), and on the cluster its reports
// ever (`counted_reports`, schema/036_content_counts.cypher), which bounds that ranking. Reporters are kept as Person
// ids, not identities: a reporter's identity (`person_id`) moves with the identity linker, so
// it is resolved when read and distinct reporters stay exact. In id order, as every writer
// locks them.
// params: rows
UNWIND $rows AS row
MATCH (r:Report {id: row.report_id})
WITH r, r.cluster_id AS was, row.cluster_id AS now
WHERE was IS NULL OR was <> now
WITH collect({r: r, was: was, now: now}) AS moved
CALL (moved) {
  UNWIND moved AS m
  UNWIND [x IN [[1, m.now], [-1, m.was]] WHERE x[1] IS NOT NULL] AS x
  WITH x[1] AS cid, sum(x[0]) AS n
  ORDER BY cid
  MATCH (c:ContentCluster {id: cid})
  SET c.counted_reports = coalesce(c.counted_reports, 0) + n
}
UNWIND moved AS moving
WITH moving.r AS r, moving.was AS was, moving.now AS now
WITH r, COLLECT { MATCH (p:Person)-[:REPORTED]->(r) RETURN p.id } AS who,
     [m IN [[1, now], [-1, was]] WHERE m[1] IS NOT NULL] AS moves
UNWIND moves AS m
UNWIND [t IN [['reported', r.reported_at], ['incident', r.incident_at],
              ['received', r.received_at]] WHERE t[1] IS NOT NULL] AS t
WITH t[0] AS basis, m[1] AS cid, date(datetime.fromepochmillis(t[1].epochMillis)) AS day,
     m[0] AS n, who
UNWIND ['day', 'week'] AS unit
WITH unit, basis, cid, CASE unit WHEN 'day' THEN day ELSE date.truncate('week', day) END AS at,
     sum(n) AS n,
     reduce(l = [], x IN collect(CASE WHEN n > 0 THEN who ELSE [] END) | l + x) AS added,
     reduce(l = [], x IN collect(CASE WHEN n < 0 THEN who ELSE [] END) | l + x) AS removed
ORDER BY unit, basis, cid, at
CALL (unit, basis, cid, at) {
  WITH unit, basis, cid, at WHERE unit = 'day'
  MERGE (d:ReportDay {id: basis + '|content|' + cid + '|' + toString(at)})
    ON CREATE SET d.basis = basis, d.dimension = 'content', d.key = cid, d.day = at,
                  d.reports = 0, d.reporters = []
  RETURN d AS counted
  UNION ALL
  WITH unit, basis, cid, at WHERE unit = 'week'
  MERGE (w:ReportWeek {id: basis + '|content|' + cid + '|' + toString(at)})
    ON CREATE SET w.basis = basis, w.dimension = 'content', w.key = cid, w.week = at,
                  w.reports = 0, w.reporters = []
  RETURN w AS counted
}
SET counted.reports = counted.reports + n,
    counted.reporters = reduce(l = counted.reporters, x IN removed |
      CASE WHEN x IN l
        THEN l[..head([i IN range(0, size(l) - 1) WHERE l[i] = x])]
             + l[head([i IN range(0, size(l) - 1) WHERE l[i] = x]) + 1..]
        ELSE l END) + added
