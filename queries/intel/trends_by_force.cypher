// Reports per ISO week (Monday, UTC) and force, and distinct posts (content clusters, an
// unclustered report counting as its own: a viral post is one however many report it) for
// the same weeks: the force the report's case is assigned to, else the force the reporter
// chose, else 'unassigned'. The window is read against the time $spans names
// (graph/intel/bounds.py TimeBasis: when the person reported it, by default; when the incident
// happened; when the hub received it). A force (not hub staff) would see only reports whose
// case it holds or was notified.
// params: spans, viewer_force, viewer_sees_all
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
WITH r, at, COLLECT {
  MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO]->(f:Force)
  RETURN f.code ORDER BY f.code LIMIT 1
} AS assigned
WITH date.truncate('week', date(datetime.fromepochmillis(at.epochMillis))) AS week,
     coalesce(assigned[0], r.chosen_force_code, 'unassigned') AS key, r
WITH week, key, count(DISTINCT r) AS reports, count(DISTINCT coalesce(r.cluster_id, r.id)) AS posts
RETURN week, key, reports, posts
ORDER BY week, key
