// Content clusters with the most reports in the window, and their distinct reporters (by
// identity: resolved `person_id`, else the Person; anonymous reports have none).
// The window is read against the time $spans names (graph/intel/bounds.py TimeBasis: when the
// person reported it, by default; when the incident happened; when the hub received it).
// A force (not hub staff) would see only reports whose case it holds or was notified.
// params: spans, skip, limit, viewer_force, viewer_sees_all
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
WITH r WHERE r.cluster_id IS NOT NULL
OPTIONAL MATCH (p:Person)-[:REPORTED]->(r)
WITH r.cluster_id AS content_id, count(DISTINCT r) AS reports,
     count(DISTINCT coalesce(p.person_id, p.id)) AS reporters
RETURN content_id, reports, reporters
ORDER BY reports DESC, reporters DESC, content_id
SKIP $skip LIMIT $limit
