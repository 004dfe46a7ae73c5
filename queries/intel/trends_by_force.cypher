// Reports received in the window per ISO week (Monday, UTC) and force: the force the report's
// case is assigned to, else the force the reporter chose, else 'unassigned'. A force (not hub
// staff) would see only reports whose case it holds or was notified.
// params: since, until, viewer_force, viewer_sees_all
MATCH (r:Report)
WHERE r.received_at >= $since AND r.received_at < $until
  AND ($viewer_sees_all OR EXISTS {
    MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO|NOTIFIED]->(:Force {code: $viewer_force})
  })
WITH r, COLLECT {
  MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO]->(f:Force)
  RETURN f.code ORDER BY f.code LIMIT 1
} AS assigned
WITH date.truncate('week', datetime.fromepochmillis(r.received_at.epochMillis)) AS week,
     coalesce(assigned[0], r.chosen_force_code, 'unassigned') AS key, count(r) AS reports
RETURN week, key, reports
ORDER BY week, key
