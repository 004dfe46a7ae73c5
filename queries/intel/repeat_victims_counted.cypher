// Victims named in at least $min_reports reports of the window (and in at least $min_cases
// cases), by identity, for hub staff, from the counts kept for victim identities
// (schema/037_person_counts.cypher), kept only for identities named in two reports or more:
// the whole weeks from $weeks_from up to $weeks_to, the other whole days from $whole_from up
// to $whole_to, and the partial days at the window's edges ($spans:
// graph/intel/bounds.py Window.edge_spans) from the reports, as intel/repeat_victims counts
// them (the same answer, the same order). Each count keeps its reports' contents (the cluster,
// or the report while it has none), one entry a report, and its first and last times, so the
// cases and the first and last reports of a window are exact.
// params: basis, spans, whole_from, whole_to, weeks_from, weeks_to, min_reports, min_cases, skip, limit
CALL () {
  MATCH (w:VictimWeek)
  WHERE w.basis = $basis AND w.week >= date($weeks_from) AND w.week < date($weeks_to)
  RETURN w.identity AS victim, w.reports AS reports, w.contents AS contents,
         w.first AS first_at, w.last AS last_at
  UNION ALL
  MATCH (d:VictimDay)
  WHERE d.basis = $basis AND d.day >= date($whole_from) AND d.day < date($weeks_from)
  RETURN d.identity AS victim, d.reports AS reports, d.contents AS contents,
         d.first AS first_at, d.last AS last_at
  UNION ALL
  MATCH (d:VictimDay)
  WHERE d.basis = $basis AND d.day >= date($weeks_to) AND d.day < date($whole_to)
  RETURN d.identity AS victim, d.reports AS reports, d.contents AS contents,
         d.first AS first_at, d.last AS last_at
  UNION ALL
  CALL () {
    UNWIND $spans.reported AS span
    MATCH (r:Report) WHERE r.reported_at >= span[0] AND r.reported_at < span[1]
    RETURN r, r.reported_at AS at
    UNION ALL
    UNWIND $spans.incident AS span
    MATCH (r:Report) WHERE r.incident_at >= span[0] AND r.incident_at < span[1]
    RETURN r, r.incident_at AS at
    UNION ALL
    UNWIND $spans.received AS span
    MATCH (r:Report) WHERE r.received_at >= span[0] AND r.received_at < span[1]
    RETURN r, r.received_at AS at
  }
  MATCH (v:Person)-[:VICTIM_IN]->(r)
  WITH DISTINCT coalesce(v.person_id, v.id) AS victim, r, at
  RETURN victim, count(r) AS reports, collect(coalesce(r.cluster_id, r.id)) AS contents,
         min(at) AS first_at, max(at) AS last_at
}
WITH victim, sum(reports) AS reports, collect(contents) AS lists, min(first_at) AS first_at,
     max(last_at) AS last_at
WHERE reports >= $min_reports
WITH victim, reports, first_at, last_at,
     COLLECT { UNWIND lists AS list UNWIND list AS content RETURN DISTINCT content } AS clusters
WITH victim, reports, first_at, last_at, COUNT {
  MATCH (k:Case)-[:CONCERNS]->(c:ContentCluster) WHERE c.id IN clusters
  RETURN DISTINCT k
} AS cases
WHERE cases >= $min_cases
RETURN victim, reports, cases, first_at, last_at
ORDER BY reports DESC, cases DESC, victim
SKIP $skip LIMIT $limit
