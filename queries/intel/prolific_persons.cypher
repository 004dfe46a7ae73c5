// Persons behind accounts (`Account.person_id`, or the account alone) named as the suspect in
// the most reports (or the most distinct content) of the window, across platforms.
// The window is read against the time $spans names (graph/intel/bounds.py TimeBasis: when the
// person reported it, by default; when the incident happened; when the hub received it).
// A force (not hub staff) would see only reports whose case it holds or was notified.
// params: spans, by_content, skip, limit, accounts_shown, viewer_force, viewer_sees_all
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
MATCH (r)-[:NAMES_SUSPECT]->(a:Account)
WITH coalesce(a.person_id, 'person:' + a.key) AS person_id, count(DISTINCT r) AS reports,
     count(DISTINCT coalesce(r.cluster_id, r.id)) AS contents, collect(DISTINCT a.key) AS keys,
     collect(DISTINCT a.platform) AS platforms
RETURN person_id, reports, contents, size(keys) AS account_count,
       keys[..$accounts_shown] AS accounts, platforms
ORDER BY CASE WHEN $by_content THEN contents ELSE reports END DESC,
         CASE WHEN $by_content THEN reports ELSE contents END DESC, person_id
SKIP $skip LIMIT $limit
