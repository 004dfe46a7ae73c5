// Which accounts were reported as targeting which victims in a window (for campaign detection).
// A victim is an identity: the resolved `person_id` of the per-report Person, or its id until
// the linker has run. A force (not hub staff) would see only reports whose case it holds or was
// notified.
// params: since, until, limit, viewer_force, viewer_sees_all
MATCH (r:Report)
WHERE r.received_at >= $since AND r.received_at < $until
  AND ($viewer_sees_all OR EXISTS {
    MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO|NOTIFIED]->(:Force {code: $viewer_force})
  })
MATCH (r)-[:NAMES_SUSPECT]->(a:Account)
MATCH (v:Person)-[:VICTIM_IN]->(r)
WITH a.key AS account, coalesce(v.person_id, v.id) AS victim, r
RETURN account, victim, count(DISTINCT r) AS reports, min(r.received_at) AS first,
       max(r.received_at) AS last
LIMIT $limit
