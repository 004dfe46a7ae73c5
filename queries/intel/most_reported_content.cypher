// Content clusters with the most reports received in the window, and their distinct reporters
// (by identity: resolved `person_id`, else the Person; anonymous reports have none).
// A force (not hub staff) would see only reports whose case it holds or was notified.
// params: since, until, skip, limit, viewer_force, viewer_sees_all
MATCH (r:Report)
WHERE r.received_at >= $since AND r.received_at < $until AND r.cluster_id IS NOT NULL
  AND ($viewer_sees_all OR EXISTS {
    MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO|NOTIFIED]->(:Force {code: $viewer_force})
  })
OPTIONAL MATCH (p:Person)-[:REPORTED]->(r)
WITH r.cluster_id AS content_id, count(DISTINCT r) AS reports,
     count(DISTINCT coalesce(p.person_id, p.id)) AS reporters
RETURN content_id, reports, reporters
ORDER BY reports DESC, reporters DESC, content_id
SKIP $skip LIMIT $limit
