// Victims named in at least $min_reports reports received in the window (and in at least
// $min_cases cases), by identity: the resolved `person_id` of the per-report Person, or its id
// until the linker has run. Counts and keys only: never names or contact details.
// params: since, until, min_reports, min_cases, skip, limit, viewer_force, viewer_sees_all
MATCH (r:Report)
WHERE r.received_at >= $since AND r.received_at < $until
  AND ($viewer_sees_all OR EXISTS {
    MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO|NOTIFIED]->(:Force {code: $viewer_force})
  })
MATCH (v:Person)-[:VICTIM_IN]->(r)
WITH coalesce(v.person_id, v.id) AS victim, count(DISTINCT r) AS reports,
     collect(DISTINCT r.cluster_id) AS clusters, min(r.received_at) AS first_at,
     max(r.received_at) AS last_at
WHERE reports >= $min_reports
WITH victim, reports, first_at, last_at, COUNT {
  MATCH (k:Case)-[:CONCERNS]->(c:ContentCluster) WHERE c.id IN clusters
  RETURN DISTINCT k
} AS cases
WHERE cases >= $min_cases
RETURN victim, reports, cases, first_at, last_at
ORDER BY reports DESC, cases DESC, victim
SKIP $skip LIMIT $limit
