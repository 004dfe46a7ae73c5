// Reports received in the window per ISO week (Monday, UTC) and platform of the content they
// are about; a report about content on several platforms counts once under each. A force (not
// hub staff) would see only reports whose case it holds or was notified.
// params: since, until, viewer_force, viewer_sees_all
MATCH (r:Report)
WHERE r.received_at >= $since AND r.received_at < $until
  AND ($viewer_sees_all OR EXISTS {
    MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO|NOTIFIED]->(:Force {code: $viewer_force})
  })
WITH r, COLLECT { MATCH (r)-[:ABOUT]->(c:Content) RETURN DISTINCT coalesce(c.platform, 'unknown') } AS platforms
UNWIND CASE WHEN size(platforms) = 0 THEN ['unknown'] ELSE platforms END AS key
WITH date.truncate('week', datetime.fromepochmillis(r.received_at.epochMillis)) AS week, key,
     count(DISTINCT r) AS reports
RETURN week, key, reports
ORDER BY week, key
