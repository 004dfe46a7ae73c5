// Victims named in at least $min_reports reports of the window (and in at least $min_cases
// cases), by identity: the resolved `person_id` of the per-report Person, or its id until the
// linker has run. Counts and keys only: never names or contact details. Their first and last
// reports are by the window's time.
// The window is read against the time $spans names (graph/intel/bounds.py TimeBasis: when the
// person reported it, by default; when the incident happened; when the hub received it).
// params: spans, min_reports, min_cases, skip, limit, viewer_force, viewer_sees_all
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
WITH r, at WHERE $viewer_sees_all OR EXISTS {
  MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO|NOTIFIED]->(:Force {code: $viewer_force})
}
MATCH (v:Person)-[:VICTIM_IN]->(r)
WITH coalesce(v.person_id, v.id) AS victim, count(DISTINCT r) AS reports,
     collect(DISTINCT r.cluster_id) AS clusters, min(at) AS first_at, max(at) AS last_at
WHERE reports >= $min_reports
WITH victim, reports, first_at, last_at, COUNT {
  MATCH (k:Case)-[:CONCERNS]->(c:ContentCluster) WHERE c.id IN clusters
  RETURN DISTINCT k
} AS cases
WHERE cases >= $min_cases
RETURN victim, reports, cases, first_at, last_at
ORDER BY reports DESC, cases DESC, victim
SKIP $skip LIMIT $limit
