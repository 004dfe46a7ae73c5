// Content clusters with the most reports in the window, and their distinct reporters (by
// identity), for hub staff, from the counts kept a day and a week by content (dimension
// 'content', moved by dedup/count_content_reports), among the candidates: the clusters with at
// least $least reports ever (ContentCluster.counted_reports, schema/036_content_counts.cypher),
// at most $most of them, most reported first. A candidate's window is read from its own counts
// by index seek: its whole weeks from $weeks_from up to $weeks_to, its other whole days from
// $whole_from up to $whole_to, and the partial days at the edges ($spans: graph/intel/bounds.py
// Window.edge_spans) from the reports. With every cluster that could reach the page among the
// candidates (graph/intel/most_reported.py chooses them), the answer and its order are those of
// intel/most_reported_content. Each count keeps the Person ids of its reports' reporters, one
// entry a reporter a report; their identities (`person_id`, else the Person) are resolved here,
// only for the clusters with at least as many reports as the page's last row ($skip + $limit).
// Reports no cluster holds yet are not counted, as there.
// With $resolve false, reporters are neither read nor resolved (0): the ranking by reports alone,
// which is all graph/intel/most_reported.py needs from its probe.
// params: basis, spans, whole_from, whole_to, weeks_from, weeks_to, least, most, resolve, skip, limit
MATCH (c:ContentCluster) WHERE c.counted_reports >= $least
WITH c.id AS key ORDER BY c.counted_reports DESC LIMIT $most
WITH collect(key) AS keys
CALL (keys) {
  UNWIND keys AS key
  MATCH (w:ReportWeek {basis: $basis, dimension: 'content', key: key})
  WHERE w.week >= date($weeks_from) AND w.week < date($weeks_to) AND w.reports <> 0
  RETURN w.key AS key, w.reports AS reports, CASE WHEN $resolve THEN w.reporters END AS reporters
  UNION ALL
  UNWIND keys AS key
  MATCH (d:ReportDay {basis: $basis, dimension: 'content', key: key})
  WHERE ((d.day >= date($whole_from) AND d.day < date($weeks_from))
      OR (d.day >= date($weeks_to) AND d.day < date($whole_to))) AND d.reports <> 0
  RETURN d.key AS key, d.reports AS reports, CASE WHEN $resolve THEN d.reporters END AS reporters
  UNION ALL
  CALL () {
    UNWIND $spans.reported AS span
    MATCH (r:Report) WHERE r.reported_at >= span[0] AND r.reported_at < span[1]
    RETURN r
    UNION ALL
    UNWIND $spans.incident AS span
    MATCH (r:Report) WHERE r.incident_at >= span[0] AND r.incident_at < span[1]
    RETURN r
    UNION ALL
    UNWIND $spans.received AS span
    MATCH (r:Report) WHERE r.received_at >= span[0] AND r.received_at < span[1]
    RETURN r
  }
  WITH r WHERE r.cluster_id IN keys
  RETURN r.cluster_id AS key, 1 AS reports,
         COLLECT { MATCH (p:Person)-[:REPORTED]->(r) WHERE $resolve RETURN p.id } AS reporters
}
WITH key, sum(reports) AS reports, collect(reporters) AS lists
ORDER BY reports DESC
WITH collect({key: key, reports: reports, lists: lists}) AS ranked
UNWIND ranked AS row
WITH row WHERE row.reports >= coalesce(ranked[$skip + $limit - 1].reports, 0)
WITH row.key AS content_id, row.reports AS reports, size(COLLECT {
  UNWIND CASE WHEN $resolve THEN row.lists ELSE [] END AS list
  UNWIND list AS reporter
  WITH DISTINCT reporter
  MATCH (p:Person {id: reporter})
  RETURN DISTINCT coalesce(p.person_id, p.id) AS identity
}) AS reporters
// Grouped before the page is sorted, as in intel/prolific_accounts_counted: the sort would
// otherwise keep `ranked` in each row it holds, counted at its size a row.
WITH content_id, reports, reporters, count(*) AS once
RETURN content_id, reports, reporters
ORDER BY reports DESC, reporters DESC, content_id
SKIP $skip LIMIT $limit
